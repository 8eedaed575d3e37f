"""The household by command: add, change or remove a member of ``huishouden.leden`` in ``casus.yaml``.

A member is a role, a year of birth (never the date), a pseudonym, the leefgebieden that concern them and who
holds gezag over them. Each change edits ``casus.yaml`` in place (comments and the order of keys kept),
validates the case and commits that one file, with a message that names the case and the member id only.
A closed case is not changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..dossier.casus import Huishouden
from ..dossier.lint import check_value
from ..dossier.loader import load_case
from ..dossier.model import CaseWithCasus
from ..dossier.network import Network
from ..dossier.repo import case_dir
from ..errors import RegieError, UsageError
from ..formats.yamledit import RoundTrip, append_item, flow_list, list_in, new_map, put
from ..ids import next_id
from ..layout import CASE_FILE, PLAN_FILE
from ..store.transaction import exclusive
from .cases import next_household_id
from .mutation import Change, apply

ROLLEN = ("ouder", "kind", "partner", "pleegkind", "grootouder", "broer-zus", "overig")
FIELDS = ("rol", "geboortejaar", "pseudoniem", "leefgebieden", "gezag")


@dataclass
class LidWaarden:
    """What a command says about a member; None: not given (for edit: left as it is)."""

    rol: str | None = None
    geboortejaar: int | None = None
    pseudoniem: str | None = None
    leefgebieden: list[str] | None = None
    gezag: list[str] | None = None


def _load(root: Path, cid: str) -> tuple[Network, CaseWithCasus]:
    net, case, _ = load_case(root, cid, needs=(CASE_FILE, PLAN_FILE))
    if case.casus.status == "gesloten":
        raise RegieError(f"casus {cid} is gesloten; het huishouden wijzigen kan niet meer")
    return net, case


def _check(net: Network, hh: Huishouden | None, lid: str | None, w: LidWaarden, today: dt.date) -> None:
    """Refuse a value that would make the member invalid, before anything is written."""
    check_value("het pseudoniem", w.pseudoniem, field="pseudoniem")
    if w.rol is not None and w.rol not in ROLLEN:
        raise UsageError(f"onbekende rol '{w.rol}'; kies uit: {', '.join(ROLLEN)}", field="rol")
    if w.geboortejaar is not None and not today.year - 120 <= w.geboortejaar <= today.year:
        raise UsageError(f"geboortejaar {w.geboortejaar} kan niet (alleen het jaar, tussen {today.year - 120} en "
                         f"{today.year})", field="geboortejaar")
    if w.pseudoniem is not None and not w.pseudoniem.strip():
        raise UsageError("het pseudoniem mag niet leeg zijn", field="pseudoniem")
    for lg in w.leefgebieden or []:
        if lg not in net.leefgebieden:
            raise UsageError(f"onbekend leefgebied '{lg}'; kies uit: {', '.join(net.leefgebieden)}", field="leefgebieden")
    members = {m.id for m in hh.leden} if hh else set()
    orgs = net.organisatie_ids()
    for who in w.gezag or []:
        if who == lid:
            raise UsageError(f"lid {lid} kan niet zelf het gezag over zichzelf hebben; noem de ouders of de voogd",
                             field="gezag")
        if who.startswith("L") and who not in members:
            raise UsageError(f"lid '{who}' staat niet in het huishouden (wel: {', '.join(sorted(members)) or 'geen'})",
                             field="gezag")
        if not who.startswith("L") and who != "client" and who not in orgs:
            raise UsageError(f"gezag: '{who}' is geen lid, 'client' of organisatie uit regie.yaml", field="gezag")
    if w.gezag and any(not g.startswith("L") and g != "client" for g in w.gezag) and len(w.gezag) > 1:
        raise UsageError("gezag ligt bij leden (bijv. L1 en L2) of bij één organisatie (voogdij), niet bij allebei",
                         field="gezag")


def _gezag_value(gezag: list[str]):
    """Members as a flow list ``[L1, L2]``; one organisation as a plain value."""
    if len(gezag) == 1 and not gezag[0].startswith("L") and gezag[0] != "client":
        return gezag[0]
    return flow_list(gezag)


def _values(w: LidWaarden) -> dict:
    return {"rol": w.rol, "geboortejaar": w.geboortejaar, "pseudoniem": w.pseudoniem,
            "leefgebieden": flow_list(list(dict.fromkeys(w.leefgebieden))) if w.leefgebieden else None,
            "gezag": _gezag_value(list(dict.fromkeys(w.gezag))) if w.gezag else None}


@exclusive("huishouden lid add")
def add(root: Path, cid: str, waarden: LidWaarden, *, today: dt.date, commit: bool = True) -> Change:
    """Add a member (the next free L-id); a case without a household starts one with the next free HH-id."""
    if waarden.rol is None:
        raise UsageError("een lid heeft een rol", field="rol")
    net, case = _load(root, cid)
    hh = case.casus.huishouden
    _check(net, hh, None, waarden, today)
    new = next_id("L", (m.id for m in hh.leden) if hh else ())
    path = case_dir(root, cid) / CASE_FILE
    doc = RoundTrip(path.read_text(encoding="utf-8"), f"{case.folder}/{CASE_FILE}")
    notes = []
    if hh is None:
        hh_id = next_household_id(root)
        put(doc.data, "huishouden", new_map({"id": hh_id}), after="pseudoniem")
        notes.append(f"huishouden {hh_id} begonnen voor casus {cid}")
    leden = list_in(doc.data["huishouden"], "leden", block=True)
    append_item(leden, new_map({"id": new, **_values(waarden)}))
    problems = apply(root, cid, {path: doc.dump()}, f"regie huishouden: lid {new} toegevoegd aan casus {cid}", today,
                     commit=commit)
    return Change(id=new, what=f"lid {new} toegevoegd aan het huishouden van casus {cid}", problems=problems,
                  notes=notes)


def _member(doc: RoundTrip, case: CaseWithCasus, lid: str):
    hh = case.casus.huishouden
    ids = [m.id for m in hh.leden] if hh else []
    if lid not in ids:
        raise RegieError(f"casus {case.id} heeft geen lid '{lid}' in het huishouden (wel: {', '.join(ids) or 'geen'})")
    return next(m for m in doc.data["huishouden"]["leden"] if str(m.get("id")) == lid)


@exclusive("huishouden lid edit")
def edit(root: Path, cid: str, lid: str, waarden: LidWaarden, *, today: dt.date, commit: bool = True) -> Change:
    """Change the fields given of a member; the others stay as they are."""
    if all(getattr(waarden, f) is None for f in FIELDS):
        raise UsageError("niets te wijzigen: geef een rol, geboortejaar, pseudoniem, leefgebieden of gezag",
                         field=FIELDS)
    net, case = _load(root, cid)
    _check(net, case.casus.huishouden, lid, waarden, today)
    path = case_dir(root, cid) / CASE_FILE
    doc = RoundTrip(path.read_text(encoding="utf-8"), f"{case.folder}/{CASE_FILE}")
    item = _member(doc, case, lid)
    after = "id"
    for key, value in _values(waarden).items():
        if value is not None:
            put(item, key, value, after=after if key not in item else None)
        if key in item:
            after = key
    problems = apply(root, cid, {path: doc.dump()}, f"regie huishouden: lid {lid} van casus {cid} gewijzigd", today,
                     commit=commit)
    return Change(id=lid, what=f"lid {lid} van casus {cid} gewijzigd", problems=problems)


@exclusive("huishouden lid drop")
def drop(root: Path, cid: str, lid: str, *, today: dt.date, commit: bool = True) -> Change:
    """Remove a member that nothing in the case refers to any more (a goal, another member's gezag or consent)."""
    _, case = _load(root, cid)
    path = case_dir(root, cid) / CASE_FILE
    doc = RoundTrip(path.read_text(encoding="utf-8"), f"{case.folder}/{CASE_FILE}")
    item = _member(doc, case, lid)
    assert case.casus.huishouden is not None  # _member found the member
    uses = [f"doel {d.id}" for d in (case.plan.doelen if case.plan else ()) if d.lid == lid]
    uses += [f"het gezag over lid {m.id}" for m in case.casus.huishouden.leden if lid in m.gezag]
    uses += [f"de toestemming voor lid {m.id}" for m in case.casus.huishouden.leden
             if m.toestemming and lid in m.toestemming.door]
    if uses:
        raise RegieError(f"lid {lid} komt nog voor in {', '.join(uses)}; pas dat eerst aan")
    doc.data["huishouden"]["leden"].remove(item)
    problems = apply(root, cid, {path: doc.dump()}, f"regie huishouden: lid {lid} verwijderd uit casus {cid}", today,
                     commit=commit)
    return Change(id=lid, what=f"lid {lid} verwijderd uit het huishouden van casus {cid}", problems=problems,
                  notes=["staat dit lid ook in de versleutelde identiteit (huishouden, lid: "
                         f"{lid})? Werk die bij met 'regie identity edit {cid}'"])
