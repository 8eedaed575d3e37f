"""Ids: case ids and the ids of records inside a dossier, their formats, and the next free one.

The one place that knows how an id looks and how the next one is made, for ``new-case`` and
the ``add`` commands as much as for ``regie sync``, which renumbers an id that two clones both
handed out. Pure functions, no I/O.
"""

from __future__ import annotations

import re
import string
from typing import Iterable

from .errors import UsageError

CASE_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")  # use with fullmatch: '$' would allow a final newline
MAX_ID_LENGTH = 32
DEFAULT_ID_FORMAT = "{jaar}-{nummer:03d}"
_DATED = re.compile(r"(\d{4}-\d{2}-\d{2})(?:-(\d+))?\.md")


def check_case_id(case_id: str) -> str:
    """Refuse a case id that is not a plain folder name (no '/', no '..', no spaces)."""
    if not CASE_ID_RE.fullmatch(case_id):
        raise UsageError(
            f"ongeldige casus-id '{case_id}': alleen letters, cijfers, '-' en '_', hoogstens {MAX_ID_LENGTH} tekens "
            "(bijvoorbeeld 2026-014)"
        )
    return case_id


def case_id_pattern(fmt: str) -> re.Pattern[str]:
    """The pattern of the case ids that ``id_formaat`` (regie.yaml) makes, with groups ``jaar`` and ``nummer``."""
    parts = []
    for literal, name, _spec, _conv in string.Formatter().parse(fmt):
        parts.append(re.escape(literal))
        if name == "jaar":
            parts.append(r"(?P<jaar>\d{4})")
        elif name == "nummer":
            parts.append(r"(?P<nummer>\d+)")
        elif name is not None:
            raise UsageError(f"id_formaat in regie.yaml kent alleen {{jaar}} en {{nummer}}, niet {{{name}}}")
    return re.compile("^" + "".join(parts) + "$")


def next_case_id(fmt: str, year: int, used: Iterable[str]) -> str:
    """The first free id of the format for ``year``: one above the highest number in use that year."""
    pattern = case_id_pattern(fmt)
    highest = 0
    for existing in used:
        m = pattern.match(existing)
        if m and ("jaar" not in m.groupdict() or int(m["jaar"]) == year):
            highest = max(highest, int(m["nummer"]))
    try:
        new = fmt.format(jaar=year, nummer=highest + 1)
    except (KeyError, ValueError, IndexError):
        raise UsageError(f"ongeldig id_formaat in regie.yaml: '{fmt}'") from None
    if not CASE_ID_RE.fullmatch(new):
        raise UsageError(f"id_formaat '{fmt}' in regie.yaml geeft een ongeldige casus-id '{new}'")
    return new


def renumbered_case_id(fmt: str, old: str, used: set[str]) -> str:
    """A new id for the case ``old`` that another clone also made: the next of its year, or ``old-2`` for a
    hand-made id that the format does not make."""
    try:
        m = case_id_pattern(fmt).fullmatch(old)
    except UsageError:
        m = None
    if m is None:
        return next_name(old, used)
    year = m.groupdict().get("jaar")
    return next_case_id(fmt, int(year) if year else 0, used)


def next_id(prefix: str, existing: Iterable[str]) -> str:
    """The next free id of the form <prefix><number> (A7, E3, S2): one above the highest in use."""
    pattern = re.compile(rf"{re.escape(prefix)}(\d+)")
    numbers = [int(m.group(1)) for x in existing if (m := pattern.fullmatch(x))]
    return f"{prefix}{max(numbers, default=0) + 1}"


def next_name(name: str, used: Iterable[str]) -> str:
    """A free variant of a short name: 'buurman' → 'buurman-2' (or -3, ...)."""
    taken = set(used)
    n = 2
    while f"{name}-{n}" in taken:
        n += 1
    return f"{name}-{n}"


def next_dated_name(name: str, used: Iterable[str]) -> str:
    """A free file name for a note of a date: ``<date>-N.md`` → the next free N (``<date>.md`` → ``<date>-2.md``)."""
    taken = set(used)
    m = _DATED.fullmatch(name)
    if not m:
        stem, n = name.removesuffix(".md"), 2
    else:
        stem, n = m.group(1), int(m.group(2) or 1) + 1
    while f"{stem}-{n}.md" in taken:
        n += 1
    return f"{stem}-{n}.md"
