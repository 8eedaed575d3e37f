"""Voorlichting and deskundigheidsbevordering by the network (werkprocessen 6a, 6b), with their audience.

One Markdown file per session, ``voorlichting/<datum>-<n>.md`` at the root: the form (a plenary
meeting, a workshop, informing one person), the audience (the clients' own network — 6b; the
professionals, or local services and representatives — 6a), the organisations reached, the number
of participants and the subject. The year report counts them per werkproces.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..clock import event_date
from ..dossier.lint import check_value
from ..dossier.vocab import VOORLICHTING_DOELGROEPEN, VOORLICHTING_SOORTEN, VOORLICHTING_VORMEN
from ..errors import UsageError
from ..layout import VOORLICHTING_DIR
from ..render.templates import render
from ..store.files import dated_path
from ..store.transaction import exclusive
from .cases import network
from .consults import known_places
from .mutation import Change, apply

MAX_DEELNEMERS = 100_000  # as the schema says


@exclusive("voorlichting add")
def add_voorlichting(
    root: Path, *, vorm: str, doelgroep: str, onderwerp: str, deelnemers: int, today: dt.date,
    soort: str = "voorlichting", organisaties: list[str] | None = None, regisseur: str | None = None,
    tekst: str | None = None, datum: dt.date | None = None, commit: bool = True,
) -> Change:
    check_value("het onderwerp", onderwerp, field="onderwerp")
    check_value("de tekst", tekst, field="tekst")

    for value, allowed, what, field in ((soort, VOORLICHTING_SOORTEN, "soort", "soort"),
                                        (vorm, VOORLICHTING_VORMEN, "vorm", "vorm"),
                                        (doelgroep, VOORLICHTING_DOELGROEPEN, "doelgroep", "doelgroep")):
        if value not in allowed:
            raise UsageError(f"ongeldige {what} '{value}'; kies uit: {', '.join(allowed)}", field=field)
    if not onderwerp.strip():
        raise UsageError("het onderwerp mag niet leeg zijn", field="onderwerp")
    if not 1 <= deelnemers <= MAX_DEELNEMERS:
        raise UsageError(f"het aantal deelnemers moet tussen 1 en {MAX_DEELNEMERS} liggen", field="deelnemers")
    if vorm == "individueel" and deelnemers != 1:
        raise UsageError("individuele voorlichting heeft één deelnemer", field=("vorm", "deelnemers"))
    net = network(root)
    places = known_places(root, net)
    for org in organisaties or []:
        if org not in places:
            raise UsageError(f"'{org}' is geen organisatie uit regie.yaml en geen vermelding op de sociale kaart "
                             f"(wel: {', '.join(sorted(places)) or 'geen'})", field="organisatie")
    if regisseur is not None:
        net.require_regisseur(regisseur, field="regisseur")
    when = event_date(datum, today)
    folder = root / VOORLICHTING_DIR
    path = dated_path(folder, when)
    text = render("voorlichting.md.j2", {"datum": when, "soort": soort, "vorm": vorm, "doelgroep": doelgroep,
                                         "organisaties": list(dict.fromkeys(organisaties or [])), "deelnemers": deelnemers,
                                         "onderwerp": onderwerp, "regisseur": regisseur, "tekst": tekst}, root)
    problems = apply(root, None, {path: text}, f"regie voorlichting: {soort} ({when.isoformat()})", today, commit=commit)
    rel = f"{VOORLICHTING_DIR}/{path.name}"
    return Change(id=path.stem, paths=[path], problems=[p for p in problems if p.path == rel])
