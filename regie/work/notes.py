"""The case journal: dated notes of consultations, netwerkbijeenkomsten, home visits and meetings (kerntaak 3).

One Markdown file per entry, ``journaal/<datum>-<n>.md``, with front matter; netwerkbijeenkomsten
count toward the CTI rule of the validator.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from ..clock import event_date
from ..dossier.bijeenkomst import attendee_ids
from ..dossier.lint import check_value
from ..dossier.loader import load_case
from ..dossier.repo import case_dir
from ..dossier.vocab import JOURNAL_KINDS, NETWORK_JOURNAL_KINDS, NOTE_MOVED
from ..errors import RegieError, UsageError
from ..formats.yamlio import split_front_matter
from ..layout import CASE_FILE, JOURNAL_DIR, NETWERK_FILE, NETWORK_JOURNAL_DIR
from ..render.templates import render
from ..store import gitops
from ..store.files import dated_path
from ..store.transaction import exclusive
from .cases import network
from .gesloten import refuse_if_closed
from .mutation import Change, apply, let_user_edit


def _needs_text(tekst: str | None, edit: Callable[[Path], None] | None) -> None:
    """A note without text is no note: refused before anything is written (without a terminal there is no editor)."""
    if tekst is None and edit is None:
        raise UsageError("een notitie heeft tekst nodig: geef de tekst mee (zonder terminal opent er geen editor)",
                         field="tekst")
    if tekst is not None and not tekst.strip():
        raise UsageError("de tekst van de notitie mag niet leeg zijn", field="tekst")


def _written(text: str, name: str) -> str:
    """What the editor saved, refused when it holds no more than the front matter and the heading regie put there."""
    body = split_front_matter(text, name)[1] if text.startswith("---") else text
    if not any(line.strip() and not line.lstrip().startswith("#") for line in body.splitlines()):
        raise RegieError("de notitie is leeg; niets opgeslagen")
    return text


def _moved(soort: str) -> None:
    """Refuse a kind of note that has a command of its own now, naming it (the notes already written stay valid)."""
    if soort in NOTE_MOVED:
        raise UsageError(f"een {soort} leg je vast met '{NOTE_MOVED[soort]}', met zijn eigen velden "
                         "(oude notities blijven geldig en tellen mee)", field="soort")


@exclusive("note")
def add_note(
    root: Path, cid: str, *, soort: str, today: dt.date, datum: dt.date | None = None, tekst: str | None = None,
    aanwezig: list[str] | None = None, edit: Callable[[Path], None] | None = None, commit: bool = True,
) -> Change:
    check_value("de tekst", tekst, field="tekst")
    refuse_if_closed(root, cid)
    _, case, _ = load_case(root, cid, needs=(CASE_FILE, NETWERK_FILE))
    _moved(soort)
    if soort not in JOURNAL_KINDS:
        raise UsageError(f"ongeldige soort '{soort}'; kies uit: {', '.join(k for k in JOURNAL_KINDS if k not in NOTE_MOVED)}")
    when = event_date(datum, today)
    known = attendee_ids(case)  # the client, naasten and household members attend too, not only professionals
    for who in aanwezig or []:
        if who not in known:
            raise RegieError(f"'{who}' is geen betrokkene in netwerk.yaml, lid van het huishouden of 'client' van casus {cid} "
                             f"(wel: {', '.join(sorted(known))})")
    _needs_text(tekst, edit)
    folder = case_dir(root, cid) / JOURNAL_DIR
    path = dated_path(folder, when)
    text = render("journaal.md.j2", {"soort": soort, "datum": when, "aanwezig": aanwezig or [], "tekst": tekst}, root)
    if commit:
        gitops.check_ready(root)  # before the editor opens: nothing typed is refused afterwards
    if edit is not None:
        text = _written(let_user_edit(root, path.name, text, edit), path.name)
    problems = apply(root, cid, {path: text}, f"regie note: {soort} in casus {cid} ({when.isoformat()})", today, commit=commit)
    hint = ["een netwerkbijeenkomst plannen, uitnodigen en het verslag met de afspraken vastleggen gaat met "
            "'regie bijeenkomst'"] if soort == "netwerkbijeenkomst" else []
    return Change(paths=[path], problems=problems, notes=hint)


@exclusive("note --netwerk")
def add_network_note(
    root: Path, *, soort: str, today: dt.date, datum: dt.date | None = None, tekst: str | None = None,
    casussen: list[str] | None = None, regisseur: str | None = None, edit: Callable[[Path], None] | None = None,
    commit: bool = True,
) -> Change:
    """A note of work outside one case (werkprocessen 3a-3d, 6a, 6b, 6d) in ``journaal/`` at the repository root."""

    check_value("de tekst", tekst, field="tekst")

    _moved(soort)
    if soort not in NETWORK_JOURNAL_KINDS:
        raise UsageError(f"ongeldige soort '{soort}'; kies uit: "
                         f"{', '.join(k for k in NETWORK_JOURNAL_KINDS if k not in NOTE_MOVED)}")
    net = network(root)
    for cid in casussen or []:
        case_dir(root, cid)  # an unknown or hostile id stops here
    if regisseur is not None:
        net.require_regisseur(regisseur, field="regisseur")
    _needs_text(tekst, edit)
    when = event_date(datum, today)
    folder = root / NETWORK_JOURNAL_DIR
    path = dated_path(folder, when)
    text = render("netwerkjournaal.md.j2", {"soort": soort, "datum": when, "tekst": tekst, "casussen": casussen or [],
                                            "regisseur": regisseur}, root)
    if commit:
        gitops.check_ready(root)
    if edit is not None:
        text = _written(let_user_edit(root, path.name, text, edit), path.name)
    problems = apply(root, None, {path: text}, f"regie note: {soort} in het netwerkjournaal ({when.isoformat()})", today,
                     commit=commit)
    return Change(paths=[path], problems=[p for p in problems if p.path == f"{NETWORK_JOURNAL_DIR}/{path.name}"])
