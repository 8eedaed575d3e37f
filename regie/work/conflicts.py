"""A ``regie sync`` that stopped on a real conflict: its state, what the user sees, and the check before going on.

A real conflict is the same field of the same record changed differently on both sides. sync
then leaves the rebase where git stopped it and keeps its own state in ``.git/regie/sync.json``
(which commit to go back to, which remote, what was renumbered). Until ``regie sync --verder``
or ``regie sync --afbreken`` every other change is refused, so nothing can be committed in
between. The user sees each conflicting block with both versions, labelled "jouw versie" and
"versie van <naam> (<commit>, <datum>)", and the file to edit.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import RegieError
from ..store.files import write_text_atomic
from ..store.transaction import SYNC_STATE, state_dir

WAYS_OUT = ("ga daarna verder met 'regie sync --verder', of zet alles terug zoals het was met 'regie sync --afbreken'")


@dataclass
class State:
    original: str  # HEAD before the sync began: where --afbreken goes back to
    remote: str
    branch: str
    upstream: str
    renumbered: list[list[str | None]] = field(default_factory=list)  # (soort, old, new, casus) of each renumbering
    erased: dict | None = None  # a purge this sync carries out (regie.work.purgesync.Erased), finished after the push


class SyncConflict(RegieError):
    """sync stopped on a real conflict; the user resolves it and goes on, or goes back."""


def save(root: Path, state: State) -> None:
    write_text_atomic(state_dir(root) / SYNC_STATE, json.dumps(asdict(state)))


def load(root: Path) -> State | None:
    try:
        return State(**json.loads((state_dir(root) / SYNC_STATE).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def clear(root: Path) -> None:
    (state_dir(root) / SYNC_STATE).unlink(missing_ok=True)


@dataclass
class Block:
    rel: str
    line: int  # where the block begins in the file (1-based)
    record: str  # the record's id, when the merge driver named it
    mine: list[str]
    mine_label: str
    theirs: list[str]
    theirs_label: str


def blocks(root: Path, rel: str) -> list[Block]:
    """The conflict blocks in one file. Inside sync git's first side is the colleague's, the second is yours."""
    try:
        lines = (root / rel).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    found = []
    i = 0
    while i < len(lines):
        if not lines[i].startswith("<<<<<<<"):
            i += 1
            continue
        start, first_label = i, lines[i][7:].strip()
        mid = next((j for j in range(i + 1, len(lines)) if lines[j].startswith("=======")), None)
        end = next((j for j in range(mid + 1, len(lines)) if lines[j].startswith(">>>>>>>")), None) if mid else None
        if mid is None or end is None:
            break
        second_label = lines[end][7:].strip()
        record = ""
        if first_label.endswith(")") and "(" in first_label:
            head, _, tail = first_label.rpartition(" (")
            if tail[:-1] and " " not in tail[:-1]:  # "<label> (<id>)": the driver named the record
                record, first_label = tail[:-1], head
                second_label = second_label.removesuffix(f" ({record})")
        found.append(Block(rel, start + 1, record, lines[mid + 1:end], second_label, lines[start + 1:mid], first_label))
        i = end + 1
    return found


def _columns(left: list[str], right: list[str], width: int) -> list[str]:
    """Two versions next to each other, each wrapped to ``width``."""
    def wrapped(lines: list[str]) -> list[str]:
        out = []
        for line in lines or ["(weggehaald)"]:
            out += textwrap.wrap(line, width, replace_whitespace=False, drop_whitespace=False) or [""]
        return out

    a, b = wrapped(left), wrapped(right)
    return [f"  {x:<{width}} │ {y}".rstrip() for x, y in zip(a + [""] * (len(b) - len(a)), b + [""] * (len(a) - len(b)),
                                                            strict=True)]


def report(root: Path, files: list[str], remote: str, width: int = 48) -> str:
    """What the user sees when sync stops: every conflicting block with both versions, and the way out."""
    out = [f"niet gedeeld: jouw wijzigingen en die op {remote} botsen: hetzelfde veld van hetzelfde record is aan "
           "beide kanten anders gewijzigd. Er is nog niets gedeeld."]
    for rel in files:
        found = blocks(root, rel)
        if not found:
            out.append(f"{rel}: beide kanten veranderden dit bestand; kies wat er moet staan")
        for b in found:
            what = f" (record {b.record})" if b.record else ""
            out.append(f"{b.rel}:{b.line}{what}:")
            out.append(f"  {b.mine_label:<{width}} │ {b.theirs_label}")
            out += _columns(b.mine, b.theirs, width)
    out.append("Bewerk " + ("dat bestand" if len(files) == 1 else "die bestanden")
               + ": houd per blok de versie die klopt (of maak er één van) en haal de regels <<<<<<<, ======= en "
               ">>>>>>> weg; " + WAYS_OUT + ".")
    return "\n".join(out)


def markers_left(root: Path, files: list[str]) -> list[str]:
    """``file:line`` of every conflict marker still in ``files``."""
    left = []
    for rel in files:
        try:
            lines = (root / rel).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        left += [f"{rel}:{n}" for n, line in enumerate(lines, 1) if line.startswith(("<<<<<<<", ">>>>>>>", "======="))]
    return left
