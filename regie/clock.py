"""The one place that knows what "today" is.

Everything that depends on the date asks :func:`today`; ``--today`` and the
``REGIE_TODAY`` environment variable override it so demos, tests and CI are
reproducible.
"""

from __future__ import annotations

import datetime as _dt
import os
import re

from .errors import UsageError
from .taal import nl_date as taal_date

_override: _dt.date | None = None

# The dates a dossier can hold: strictly YYYY-MM-DD (Python's fromisoformat alone also takes
# week dates like 2026-W49-3) and within a range where adding any term stays a valid date.
EARLIEST = _dt.date(1900, 1, 1)
LATEST = _dt.date(2199, 12, 31)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
DATE_RULE = f"een bestaande datum als JJJJ-MM-DD, van {EARLIEST.isoformat()} tot en met {LATEST.isoformat()}"


def to_date(text: str) -> _dt.date | None:
    """The date ``text`` stands for, or None when it is not a strict ISO date within range."""
    if not isinstance(text, str) or not _ISO_DATE.fullmatch(text):
        return None
    try:
        day = _dt.date.fromisoformat(text)
    except ValueError:
        return None
    return day if EARLIEST <= day <= LATEST else None


def from_checked(value: object) -> _dt.date | None:
    """The date of a value from a schema-checked file (strict ISO there, so no second check), or None for an
    empty value. The fast path of reading every case: no pattern, no range."""
    return _dt.date.fromisoformat(value) if isinstance(value, str) else None


def to_day(value: str) -> _dt.date:
    """A date the schema requires (strict ISO there): never empty."""
    return _dt.date.fromisoformat(value)


def add_years(day: _dt.date, years: int) -> _dt.date:
    """The same day ``years`` later (29 February becomes 28 February in a year that has none)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: _dt.date, months: int) -> _dt.date:
    """The same day ``months`` later, or the last day of that month when it is shorter."""
    import calendar

    m = day.month - 1 + months
    year, month = day.year + m // 12, m % 12 + 1
    return _dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")


def nl_date(value: _dt.date | None) -> str:
    """A date the Dutch way for documents people read: 3 maart 2026 ('-' for none), by Babel (regie.taal)."""
    return taal_date(value)


def parse_iso_date(text: str, *, what: str = "datum", field: str | None = None) -> _dt.date:
    """Parse ``YYYY-MM-DD`` strictly, within range; a Dutch UsageError otherwise (about ``field``, when given)."""
    day = to_date(text)
    if day is None:
        raise UsageError(f"ongeldige {what} '{text}': verwacht {DATE_RULE}", field=field)
    return day


def set_today(day: _dt.date | None) -> None:
    """Fix today's date for this process (the command line's option; None: the real date, or ``REGIE_TODAY``)."""
    global _override
    _override = day


def today() -> _dt.date:
    if _override is not None:
        return _override
    env = os.environ.get("REGIE_TODAY")
    if env:
        return parse_iso_date(env, what="REGIE_TODAY")
    return _dt.date.today()


def event_date(
    datum: _dt.date | None, today: _dt.date, *, after: _dt.date | None = None, after_what: str = ""
) -> _dt.date:
    """The date of something that happened (default today): not in the future, not before ``after``."""
    when = datum or today
    if when > today:
        raise UsageError(f"datum {when.isoformat()} ligt in de toekomst")
    if after is not None and when < after:
        raise UsageError(f"datum {when.isoformat()} ligt voor {after_what} ({after.isoformat()})")
    return when
