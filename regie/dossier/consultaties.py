"""Which consultations (kerntaak 3) a policy signal can name, and whether one named exists.

A consultation is, today, a journal note of the soort ``consultatie`` — in the network's journal
(``journaal/<datum>-<n>.md``) or in a case's — named by its file name without ``.md``
(``2026-11-03-1``). ``regie consult`` gives consultations a kind of record of their own; once
``regie/layout.py`` has a record kind ``consultatie``, its ids (``C4``) are checked against the files of
that kind too. Until then an id of another form is accepted as it is: the check is loose on purpose,
so a signal can name a consultation recorded by a newer regie.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import layout

DATED = re.compile(r"\d{4}-\d{2}-\d{2}-\d+")


def _kind() -> layout.RecordKind | None:
    return next((r for r in layout.RECORDS if r.soort == "consultatie"), None)


def exists(root: Path, cid: str) -> bool | None:
    """True or False when regie can tell whether consultation ``cid`` exists; None when it cannot (an id of a
    kind of record this regie does not know)."""

    if DATED.fullmatch(cid):
        name = f"{cid}.md"
        places = [root / layout.NETWORK_JOURNAL_DIR / name]
        try:
            places += [case / layout.JOURNAL_DIR / name for case in (root / layout.CASES_DIR).glob("*")]
        except OSError:
            return None  # casussen/ unreadable: its own finding says so
        unreadable = False
        for place in places:
            try:
                if place.is_file():
                    return True
            except OSError:  # a folder without rights (validate names it as onleesbaar)
                unreadable = True
        return None if unreadable else False
    kind = _kind()
    if kind is None or not kind.id_re.fullmatch(cid):
        return None
    pattern = layout.file_kind(kind.file).glob()
    try:
        if kind.items:  # records in a list inside files: look for the id in their text
            return any(re.search(rf"\b{re.escape(cid)}\b", p.read_text(encoding="utf-8", errors="replace"))
                       for p in root.glob(pattern) if p.is_file())
        return any(p.stem == cid for p in root.glob(pattern))
    except OSError:  # something unreadable: validate names it; here regie cannot tell
        return None
