"""The case journal: dated notes of consultations, netwerkbijeenkomsten, home visits and meetings (kerntaak 3).

One Markdown file per entry, ``journaal/<datum>-<n>.md``, with front matter; netwerkbijeenkomsten
count toward the CTI rule of the validator.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from ..clock import event_date
from ..errors import RegieError, UsageError
from ..dossier.loader import load_case
from ..dossier.model import JOURNAL_KINDS
from ..dossier.problems import Problem
from ..dossier.repo import JOURNAL_DIR, case_dir
from ..store.transaction import exclusive


@exclusive("note")
def add_note(
    root: Path, cid: str, *, soort: str, today: dt.date, datum: dt.date | None = None, tekst: str | None = None,
    aanwezig: list[str] | None = None, edit: Callable[[Path], None] | None = None, commit: bool = True,
) -> tuple[Path, list[Problem]]:
    from ..privacy.lint import check_value

    check_value("--tekst", tekst)
    from ..store import gitops
    from .mutation import apply, let_user_edit
    from ..views.render import render

    _, case, _ = load_case(root, cid, needs=("casus.yaml", "netwerk.yaml"))
    if soort not in JOURNAL_KINDS:
        raise UsageError(f"ongeldige soort '{soort}'; kies uit: {', '.join(JOURNAL_KINDS)}")
    when = event_date(datum, today)
    known = case.netwerk.betrokkene_ids() if case.netwerk else set()
    for who in aanwezig or []:
        if who not in known:
            raise RegieError(f"'{who}' is geen betrokkene in netwerk.yaml van casus {cid} (wel: {', '.join(sorted(known)) or 'geen'})")
    folder = case_dir(root, cid) / JOURNAL_DIR
    n = 1
    while (folder / f"{when.isoformat()}-{n}.md").exists():
        n += 1
    path = folder / f"{when.isoformat()}-{n}.md"
    text = render("journaal.md.j2", {"soort": soort, "datum": when, "aanwezig": aanwezig or [], "tekst": tekst}, root)
    if commit:
        gitops.check_ready(root)  # before the editor opens: nothing typed is refused afterwards
    if edit is not None:
        text = let_user_edit(root, path.name, text, edit)
    problems = apply(root, cid, {path: text}, f"regie note: {soort} in casus {cid} ({when.isoformat()})", today, commit=commit)
    return path, problems
