"""The bounds of what regie accepts, in one place: counts and terms a person can mean.

A number far outside these (a term of a billion days, 99,999,999 weeks of nazorg) is a
typing error, and unchecked it would crash date arithmetic further on.
"""

from __future__ import annotations

from .errors import UsageError

MAX_JOBS = 64  # --jobs: processes reading cases
MAX_WITHIN_DAYS = 3650  # overdue --within: ten years ahead
MAX_RETENTION_WITHIN_DAYS = 36500  # retention --within: the longest retention term
MAX_NAZORG_WEKEN = 104  # two years of nazorg
MAX_ID_WIDTH = 6  # {nummer:06d}
MAX_TERM_DAYS = 3650  # termijnen in regie.yaml (also in the schema)


def check_range(value: int, thing: str, low: int, high: int, unit: str = "", *, field: str | None = None) -> int:
    """``value`` if ``low <= value <= high``; otherwise a Dutch UsageError naming the thing (and its field)."""
    if not low <= value <= high:
        raise UsageError(f"{thing} moet tussen {low} en {high}{' ' + unit if unit else ''} liggen, niet {value}", field=field)
    return value

# A template runs code that came with the repository: it gets a time and a size, then it is stopped with a message.
TEMPLATE_SECONDS = 30.0  # rendering one document
TEMPLATE_CHARS = 50_000_000  # what one document may hold (the report of 20,000 cases is well under 1 MB)
TEMPLATE_RANGE = 10_000  # range() inside a template
