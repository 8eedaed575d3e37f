"""What a command may do to a closed case: casework is refused, privacy and record-keeping stay allowed.

The command line marks every command once (``regie.cli.menu.CLOSED_CASE``) and declares the one it runs
here before it starts. :func:`regie.work.mutation.apply`, the one way a case changes, checks every case it
is about to write against that mark: a case with status ``gesloten`` takes no more casework (afspraken,
doelen, betrokkenen, plan, opschaling, evaluatie, notities, bijeenkomsten), while identity, afscherming,
verstrekkingen, toestemming, verwijsindex, bewaartermijn, vernietiging and inzage go on. Without a
declared command (regie used as a library, or a test calling the core) nothing is checked here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..errors import DossierInvalid, RegieError
from ..formats.yamlio import load_yaml_file
from ..layout import CASE_FILE, CASES_DIR

CASUSWERK = "casuswerk"  # refused on a closed case
BEHEER = "beheer"  # privacy and record-keeping: allowed on a closed case
GEEN_CASUS = "geen-casus"  # changes no case (reads, or writes only outside the case folders)
MARKS = (CASUSWERK, BEHEER, GEEN_CASUS)

ALLOWED = ("identiteit, afscherming, verstrekkingen, toestemming, verwijsindex, bewaartermijn, vernietiging "
           "en inzage")


@dataclass(frozen=True)
class Running:
    command: str  # as typed: "afspraak add"
    mark: str | None  # one of MARKS, or None for a command that has none (a programming error once it writes)


_running: Running | None = None


def declare(command: str | None, mark: str | None = None) -> None:
    """The command this process runs, with its mark (None: no command, as in library use)."""
    global _running
    _running = None if command is None else Running(command, mark)


def running() -> Running | None:
    return _running


def cases_in(root: Path, paths: Iterable[Path]) -> list[str]:
    """The ids of the cases whose folders hold any of ``paths``, in order."""
    base = (root / CASES_DIR).resolve()
    out: dict[str, None] = {}
    for path in paths:
        try:
            rel = path.resolve().relative_to(base)
        except ValueError:
            continue
        if len(rel.parts) > 1:
            out[rel.parts[0]] = None
    return list(out)


def is_closed(root: Path, cid: str) -> bool:
    """Whether ``casus.yaml`` of the case says ``status: gesloten`` (a file that cannot be read: not known closed)."""
    path = root / CASES_DIR / cid / CASE_FILE
    if not path.is_file():
        return False
    try:
        data = load_yaml_file(path, f"{CASES_DIR}/{cid}/{CASE_FILE}").data
    except DossierInvalid:
        return False
    return isinstance(data, dict) and data.get("status") == "gesloten"


def refusal(cid: str, command: str) -> RegieError:
    return RegieError(f"casus {cid} is gesloten: casuswerk ('regie {command}') kan niet meer; wat wel kan: {ALLOWED}",
                      code="casus-gesloten")


def check(root: Path, paths: Iterable[Path], *, record: bool = False) -> None:
    """Refuse before writing ``paths`` when the running command's mark does not allow it.

    ``record``: the write is itself record-keeping (a verstrekking that a document command records), which
    every command may do, also in a closed case.
    """
    run = _running
    if run is None or record or run.mark == BEHEER:
        return
    cases = cases_in(root, paths)
    if not cases:
        return
    if run.mark != CASUSWERK:  # a command that writes a case must say what it may do to a closed one
        raise AssertionError(f"'regie {run.command}' wijzigt een casus maar heeft als merk {run.mark!r} "
                             "(zet het in regie/cli/menu.py, CLOSED_CASE)")
    for cid in cases:
        if is_closed(root, cid):
            raise refusal(cid, run.command)


def refuse_if_closed(root: Path, cid: str) -> None:
    """The same refusal before a casework command asks anything (an editor, a prompt) of the user."""
    run = _running
    if run is not None and run.mark == CASUSWERK and is_closed(root, cid):
        raise refusal(cid, run.command)
