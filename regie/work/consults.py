"""Consultations (kerntaak 3, werkprocessen 3a-3d): in a case, or for the network outside one case.

One Markdown file per consultation, ``consulten/<datum>-<n>.md`` in the case folder or at the root,
its front matter the four steps of the functieprofiel: the question as asked and as clarified (3a),
the consultvrager's view and what was made explicit or put in perspective (3b), the gaps recognised
(3c), the consultation question and the advice with the sociale kaart entries it points to (3d); and
a follow-up date, which ``overdue`` and the calendar show until it is marked done. The consultvrager is
a role and an organisation, never a name.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields
from pathlib import Path

from ..clock import event_date
from ..dossier.lint import check_value
from ..dossier.loader import load_case, load_network_work
from ..dossier.network import Network
from ..dossier.network_records import Consult
from ..dossier.repo import case_dir
from ..dossier.sociale_kaart import map_ids
from ..dossier.vocab import CONSULT_AANLEIDING, CONSULT_LACUNES, CONSULT_VRAAGSOORTEN
from ..errors import RegieError, UsageError
from ..formats.yamledit import edit_front_matter, put
from ..layout import CASE_FILE, CONSULTS_DIR, SOCIALE_KAART
from ..render.templates import render
from ..store.files import dated_path
from ..store.transaction import exclusive
from .cases import network
from .mutation import Change, apply

_ID_RE = re.compile(r"\d{4}-\d{2}-\d{2}-\d+")


@dataclass(frozen=True)
class ConsultInput:
    """What the regisseur records of one consultation (the texts as typed: checked for personal data)."""

    rol: str
    organisatie: str
    vraagsoort: str
    gesteld: str
    verhelderd: str | None = None
    standpunt: str | None = None
    geexpliciteerd: str | None = None
    gerelativeerd: str | None = None
    lacunes: tuple[str, ...] = ()
    lacunes_toelichting: str | None = None
    consultvraag: str | None = None
    advies: str | None = None
    kaart: tuple[str, ...] = ()
    vervolg: dt.date | None = None
    aanleiding: str | None = None
    regisseur: str | None = None
    tekst: str | None = None


_TEXTS = {"rol": "de rol van de consultvrager", "gesteld": "de vraag", "verhelderd": "de verhelderde vraag",
          "standpunt": "de visie", "geexpliciteerd": "wat is geëxpliciteerd", "gerelativeerd": "wat is gerelativeerd",
          "lacunes_toelichting": "de toelichting op de lacunes", "consultvraag": "de consultatievraag",
          "advies": "het advies", "tekst": "de tekst"}


def known_places(root: Path, net: Network) -> set[str]:
    """What a consultation may point at: the organisations of ``regie.yaml`` and every entry of the sociale kaart."""
    return net.organisatie_ids() | map_ids(root / SOCIALE_KAART)


def _check(root: Path, net: Network, c: ConsultInput, when: dt.date) -> None:
    for name, thing in _TEXTS.items():
        check_value(thing, getattr(c, name), field=name)
    if not c.rol.strip() or not c.gesteld.strip():
        raise UsageError("de rol van de consultvrager en de vraag mogen niet leeg zijn", field=("rol", "gesteld"))
    for value, allowed, what, field in ((c.vraagsoort, CONSULT_VRAAGSOORTEN, "soort vraag", "vraagsoort"),
                                        (c.aanleiding, CONSULT_AANLEIDING, "aanleiding", "aanleiding"),
                                        *((g, CONSULT_LACUNES, "lacune", "lacune") for g in c.lacunes)):
        if value is not None and value not in allowed:
            raise UsageError(f"ongeldige {what} '{value}'; kies uit: {', '.join(allowed)}", field=field)
    places = known_places(root, net)
    for value, field in ((c.organisatie, "organisatie"), *((k, "kaart") for k in c.kaart)):
        if value not in places:
            raise UsageError(f"'{value}' is geen organisatie uit regie.yaml en geen vermelding op de sociale kaart "
                             f"(wel: {', '.join(sorted(places)) or 'geen'})", field=field)
    if c.regisseur is not None:
        net.require_regisseur(c.regisseur, field="regisseur")
    if c.vervolg is not None and c.vervolg < when:
        raise UsageError(f"het vervolg ({c.vervolg.isoformat()}) ligt voor de consultatie ({when.isoformat()})", field="vervolg")


@exclusive("consult add")
def add_consult(root: Path, cid: str | None, c: ConsultInput, *, today: dt.date, datum: dt.date | None = None,
                commit: bool = True) -> Change:
    """Record a consultation in case ``cid``, or for the network when ``cid`` is None."""
    if cid is not None:
        net, case, _ = load_case(root, cid, needs=(CASE_FILE,))
        if case.casus.status == "gesloten":
            raise RegieError(f"casus {cid} is gesloten; een consultatie vastleggen kan niet meer")
        folder = case_dir(root, cid) / CONSULTS_DIR
    else:
        net = network(root)
        folder = root / CONSULTS_DIR
    when = event_date(datum, today)
    _check(root, net, c, when)
    path = dated_path(folder, when)
    values = {f.name: getattr(c, f.name) for f in fields(c)}
    text = render("consult.md.j2", {**values, "datum": when, "lacunes": list(c.lacunes), "kaart": list(c.kaart)}, root)
    where = f"in casus {cid}" if cid else "voor het netwerk"
    problems = apply(root, cid, {path: text}, f"regie consult: consultatie {where} ({when.isoformat()})", today, commit=commit)
    rel = path.relative_to(root).as_posix()
    return Change(id=path.stem, paths=[path], problems=[p for p in problems if p.path == rel or cid is not None])


def consult_path(root: Path, cid: str | None, consult_id: str) -> Path:
    """The file of consultation ``consult_id`` (``2026-11-03-1``) in case ``cid`` or of the network; refused when absent."""
    if not _ID_RE.fullmatch(consult_id):
        raise UsageError(f"ongeldige consultatie-id '{consult_id}': verwacht een datum en een volgnummer, bijv. 2026-11-03-1")
    folder = (case_dir(root, cid) if cid else root) / CONSULTS_DIR
    path = folder / f"{consult_id}.md"
    if not path.is_file():
        where = f"in casus {cid}" if cid else "van het netwerk"
        raise RegieError(f"consultatie {consult_id} {where} bestaat niet")
    return path


@exclusive("consult vervolg")
def followup_done(root: Path, cid: str | None, consult_id: str, *, today: dt.date, datum: dt.date | None = None,
                  commit: bool = True) -> Change:
    """Mark the follow-up of a consultation done (``vervolg_gedaan``): it leaves ``overdue`` and the calendar."""
    if cid is not None:
        _, case, _ = load_case(root, cid)
        if case.casus.status == "gesloten":
            raise RegieError(f"casus {cid} is gesloten; een consultatie bijwerken kan niet meer")
    path = consult_path(root, cid, consult_id)
    rel = path.relative_to(root).as_posix()
    found = next((c for c in consults_of(root, cid) if c.file == rel), None)
    if found is None:
        raise RegieError(f"consultatie {consult_id} is onleesbaar; zie 'regie validate'")
    if found.vervolg is None:
        raise RegieError(f"consultatie {consult_id} heeft geen vervolgdatum")
    if found.vervolg_gedaan is not None:
        raise RegieError(f"het vervolg van consultatie {consult_id} is al gedaan (op {found.vervolg_gedaan.isoformat()})")
    when = event_date(datum, today, after=found.datum, after_what="de datum van de consultatie")
    text = edit_front_matter(path.read_text(encoding="utf-8"), rel,
                             lambda data: put(data, "vervolg_gedaan", when, after="vervolg"))
    problems = apply(root, cid, {path: text}, f"regie consult: vervolg van consultatie {consult_id} gedaan", today,
                     commit=commit)
    return Change(id=consult_id, what=f"consultatie {consult_id}: vervolg gedaan op {when.isoformat()}", paths=[path],
                  problems=[p for p in problems if p.path == rel])


def consults_of(root: Path, cid: str | None) -> list[Consult]:
    """The consultations of case ``cid``, or of the network (unreadable files left out: ``validate`` names them)."""
    if cid is None:
        return load_network_work(root)[0]
    _, case, _ = load_case(root, cid)
    return list(case.consulten)
