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

# What regie reads: far above any real dossier (a case's files are a few kilobytes; a busy case has
# a hundred agreements), low enough that a hostile or broken file is refused in a moment, before it
# is parsed, instead of taking minutes and gigabytes (docs/robustness.md, "Bounds on input").
MAX_FILE_BYTES = 4 * 1024 * 1024  # any dossier file (YAML or Markdown), and each side of a merge
MAX_DEPTH = 50  # lists and blocks inside each other in one YAML document (a dossier file needs about 6)
MAX_RECORDS = 5_000  # records in one list of a file: agreements of a case, escalations, goals, betrokkenen, ...


def size_text(size: int) -> str:
    """A file size for a Dutch message: ``4 MB``, ``28,3 MB``, ``812 kB``."""
    if size >= 1024 * 1024:
        mb = size / (1024 * 1024)
        return f"{mb:.0f} MB" if mb == int(mb) or mb >= 100 else f"{mb:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} kB"


def check_range(value: int, thing: str, low: int, high: int, unit: str = "", *, field: str | None = None) -> int:
    """``value`` if ``low <= value <= high``; otherwise a Dutch UsageError naming the thing (and its field)."""
    if not low <= value <= high:
        raise UsageError(f"{thing} moet tussen {low} en {high}{' ' + unit if unit else ''} liggen, niet {value}", field=field)
    return value

# A template runs code that came with the repository: it gets a time and a size, then it is stopped with a message.
TEMPLATE_SECONDS = 30.0  # rendering one document
TEMPLATE_CHARS = 50_000_000  # what one document may hold (the report of 20,000 cases is well under 1 MB)
TEMPLATE_RANGE = 10_000  # range() inside a template

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
