"""The network of a case by command (werkproces 1c): add a professional or a naaste, or end someone's involvement.

Edits ``netwerk.yaml`` in place (comments and layout kept), validates the case and commits the
file alone. Nobody is deleted: ending involvement records ``tot`` and ``reden``, so old
agreements keep naming who did them.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..clock import event_date
from ..dossier.lint import check_id, check_value
from ..dossier.loader import load_case
from ..dossier.repo import case_dir
from ..dossier.sociale_kaart import advice
from ..dossier.vocab import CLIENT
from ..errors import RegieError, UsageError
from ..formats.yamledit import RoundTrip, append_item, new_map, put
from ..layout import AFSPRAKEN_FILE, CASE_FILE, NETWERK_FILE
from ..render.templates import render
from ..store.transaction import exclusive
from ..taal import slug
from .mutation import Change, apply

FILE = NETWERK_FILE
_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


def _slug(text: str) -> str:
    """A short id from a role or relation: 'ambulant begeleider' -> 'ambulant-begeleider'."""

    return slug(text, 40) or "betrokkene"


def _doc(root: Path, case, adds: str | None = None):
    path = case_dir(root, case.id) / FILE
    text = path.read_text(encoding="utf-8") if path.exists() else render(f"casus/{FILE}.j2", {}, root)
    return path, RoundTrip(text, f"{case.folder}/{FILE}", adds=adds)


@exclusive("betrokkene add")
def add(
    root: Path, cid: str, *, today: dt.date, organisatie: str | None = None, rol: str | None = None, naaste: bool = False,
    relatie: str | None = None, vip: bool = False, steunend: bool | None = None, betrokken: bool = False,
    betrokkene_id: str | None = None, commit: bool = True, voorziening: str | None = None,
) -> Change:
    """Add a professional (organisation and role) or a naaste (relation; ``voorziening``: through an informal
    resource of the sociale kaart, such as a maatje of the maatjesproject); returns the new betrokkene's id."""

    check_value("de rol", rol, field="rol")
    check_value("de relatie", relatie, field="relatie")
    check_id("de id", betrokkene_id, field="betrokkene_id")

    if naaste:
        if not relatie or not relatie.strip() or organisatie or rol:
            raise UsageError("een naaste heeft een relatie (bijv. zus, buurman) en geen organisatie of rol",
                             field=("naaste", "relatie", "organisatie", "rol"))
    else:
        if not (organisatie and rol and rol.strip()) or relatie or vip or steunend is not None:
            raise UsageError("geef een professional (organisatie en rol) of een naaste (met de relatie); vip en steunend "
                             "horen bij een naaste", field=("organisatie", "rol", "naaste", "relatie"))
    if voorziening is not None and not naaste:
        raise UsageError("een voorziening van de sociale kaart hoort bij een naaste (bijv. een maatje)",
                         field=("voorziening", "naaste"))
    if betrokkene_id is not None and not _ID.fullmatch(betrokkene_id):
        raise UsageError(f"ongeldige id '{betrokkene_id}': kleine letters, cijfers en '-', hoogstens 40 tekens "
                         "(een rol of relatie, geen naam)")
    net, case, _ = load_case(root, cid, needs=(CASE_FILE, FILE))
    if case.casus.status == "gesloten":
        raise RegieError(f"casus {cid} is gesloten; het netwerk wijzigen kan niet meer")
    if organisatie is not None:
        net.require_organisatie(organisatie, field="organisatie")
    resource = _voorziening(net, voorziening)
    taken = (case.netwerk.betrokkene_ids() if case.netwerk else set()) | net.regisseur_ids() | {CLIENT}
    if betrokkene_id is not None:
        if betrokkene_id in taken:
            raise RegieError(f"'{betrokkene_id}' is al een betrokkene, regisseur of de cliënt in casus {cid}; kies een andere id")
        new_id = betrokkene_id
    else:
        name = relatie if naaste else rol
        assert name  # checked above: a naaste has a relatie, a professional a rol
        base = _slug(name)
        new_id, n = base, 2
        while new_id in taken:
            new_id, n = f"{base}-{n}", n + 1
    if naaste:
        entry = new_map({"id": new_id, "relatie": relatie, "voorziening": voorziening, "steunend": steunend, "vip": vip,
                         "betrokken": betrokken})
        if steunend is False:  # new_map leaves a False out
            put(entry, "steunend", False, after="relatie")
    else:
        entry = new_map({"id": new_id, "organisatie": organisatie, "rol": rol})
    path, doc = _doc(root, case, adds="naaste" if naaste else "professional")
    append_item(doc.block_list("naasten" if naaste else "professionals"), entry)
    problems = apply(root, cid, {path: doc.dump()}, f"regie betrokkene: betrokkene toegevoegd aan casus {cid}", today,
                     commit=commit)
    facts, warnings = advice(net, organisatie, case.casus.leefgebieden) if organisatie else ([], [])
    notes = [f"sociale kaart, {organisatie}: {f}" for f in facts]
    if resource is not None:
        notes += [f"sociale kaart, {resource.id}: {label}: {value}" for label, value in
                  (("aanbod", resource.aanbod), ("bereikbaar", resource.bereikbaar)) if value]
    return Change(id=new_id, problems=problems, warnings=warnings, notes=notes)


def _voorziening(net, vid: str | None):
    """The informal resource ``vid`` of the sociale kaart (None for None); a refusal naming the known ones."""
    if vid is None:
        return None
    kaart = net.sociale_kaart
    found = kaart.voorziening(vid) if kaart is not None else None
    if found is None:
        known = ", ".join(v.id for v in kaart.voorzieningen) if kaart is not None else ""
        raise RegieError(f"voorziening '{vid}' staat niet op de sociale kaart (bekend: {known or 'geen'})")
    return found


@exclusive("betrokkene drop")
def drop(root: Path, cid: str, betrokkene: str, *, reden: str, today: dt.date, datum: dt.date | None = None,
         commit: bool = True) -> Change:
    """End someone's involvement: ``tot`` and ``reden`` in netwerk.yaml; their open agreements are named."""

    check_value("de reden", reden, field="reden")

    if not reden.strip():
        raise UsageError("de reden mag niet leeg zijn", field="reden")
    _, case, _ = load_case(root, cid, needs=(CASE_FILE, FILE, AFSPRAKEN_FILE))
    people = {x.id: x for x in case.netwerk.betrokkenen()} if case.netwerk else {}
    if betrokkene not in people:
        raise RegieError(f"casus {cid} heeft geen betrokkene '{betrokkene}' (wel: {', '.join(sorted(people)) or 'geen'})")
    tot = people[betrokkene].tot
    if tot is not None:
        raise RegieError(f"{betrokkene} is al niet meer betrokken (tot {tot.isoformat()})")
    when = event_date(datum, today, after=case.casus.geopend, after_what="de opening van de casus")
    path, doc = _doc(root, case)
    for key in ("professionals", "naasten"):
        for item in doc.data.get(key) or []:
            if str(item.get("id")) == betrokkene:
                put(item, "tot", when)
                put(item, "reden", reden, after="tot")
    problems = apply(root, cid, {path: doc.dump()}, f"regie betrokkene: betrokkenheid beëindigd in casus {cid}", today,
                     commit=commit)
    still = [a.id for a in case.afspraken if a.status == "open" and a.wie == betrokkene]
    warnings = [f"open afspraken van {betrokkene}: {', '.join(still)}; geef ze aan een ander of laat ze vervallen"] if still else []
    return Change(id=betrokkene, problems=problems, warnings=warnings)
