"""The one place that knows what "today" is.

Everything that depends on the date asks :func:`today`; ``--today`` and the
``REGIE_TODAY`` environment variable override it so demos, tests and CI are
reproducible.
"""

from __future__ import annotations

import datetime as _dt
import os

from .errors import UsageError

_override: _dt.date | None = None


def parse_iso_date(text: str, *, what: str = "datum") -> _dt.date:
    """Parse ``YYYY-MM-DD`` strictly; a Dutch UsageError otherwise."""
    try:
        if len(text) != 10:
            raise ValueError
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"ongeldige {what} '{text}': verwacht een bestaande datum als JJJJ-MM-DD") from None


def set_today(value: str | None) -> None:
    """Fix today's date for this process (from ``--today``)."""
    global _override
    _override = parse_iso_date(value, what="--today") if value else None


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
