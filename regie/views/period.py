"""Reporting periods: a quarter (2026Q3), a year, or explicit dates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TypeGuard

from ..clock import EARLIEST, LATEST
from ..errors import UsageError


def _check_year(y: int, text: str) -> None:
    if not EARLIEST.year <= y <= LATEST.year:
        raise UsageError(f"ongeldig jaar in '{text}': kies een jaar van {EARLIEST.year} tot en met {LATEST.year}")


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    label: str

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def holds(self, day: dt.date | None) -> TypeGuard[dt.date]:
        """``day in period``, and for the type checker: a day that is not None."""
        return day in self


def quarter(text: str) -> Period:
    m = re.fullmatch(r"(\d{4})-?[Qq]([1-4])", text.strip())
    if not m:
        raise UsageError(f"ongeldig kwartaal '{text}': verwacht bijvoorbeeld 2026Q3 (kwartaal 1 tot en met 4)")
    year, q = int(m.group(1)), int(m.group(2))
    _check_year(year, text)
    start = dt.date(year, 3 * q - 2, 1)
    end = (dt.date(year + (q == 4), (3 * q) % 12 + 1, 1)) - dt.timedelta(days=1)
    return Period(start, end, f"{year}Q{q}")


def year(text: str) -> Period:
    if not re.fullmatch(r"\d{4}", text.strip()):
        raise UsageError(f"ongeldig jaar '{text}': verwacht bijvoorbeeld 2026")
    y = int(text)
    _check_year(y, text)
    return Period(dt.date(y, 1, 1), dt.date(y, 12, 31), str(y))


def between(start: dt.date, end: dt.date) -> Period:
    if end < start:
        raise UsageError(f"de einddatum {end.isoformat()} ligt voor de begindatum {start.isoformat()}", field=("start", "end"))
    return Period(start, end, f"{start.isoformat()} t/m {end.isoformat()}")


def last_full_quarter(today: dt.date) -> Period:
    q = (today.month - 1) // 3 + 1
    y = today.year
    q, y = (q - 1, y) if q > 1 else (4, y - 1)
    return quarter(f"{y}Q{q}")
