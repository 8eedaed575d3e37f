"""The bounds of what regie accepts, in one place: counts and terms a person can mean.

A number far outside these (a term of a billion days, 99,999,999 weeks of nazorg) is a
typing error, and unchecked it would crash date arithmetic further on.
"""

from __future__ import annotations

import os

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


NAME_MAX = 255  # bytes in one name of a path (ext4, btrfs, xfs, tmpfs, APFS, NTFS)
PATH_MAX = 4096  # bytes in a whole path (Linux, with the closing NUL)


def check_path_length(path: str | os.PathLike[str], thing: str, *, field: str | None = None) -> None:
    """Refuse a path the system cannot take (a name over NAME_MAX or the whole over PATH_MAX bytes) as a usage error.

    Left to the system, such a path is an ``OSError`` (``File name too long``) wherever it is first used.
    """
    raw = os.fsencode(path)
    longest = max((len(part) for part in raw.split(b"/")), default=0)
    if longest > NAME_MAX:
        raise UsageError(f"{thing} is te lang: een naam in het pad heeft {longest} bytes, het systeem staat er hoogstens "
                         f"{NAME_MAX} toe", field=field)
    if len(raw) >= PATH_MAX:
        raise UsageError(f"{thing} is te lang: {len(raw)} bytes, het systeem staat hoogstens {PATH_MAX - 1} bytes toe",
                         field=field)
