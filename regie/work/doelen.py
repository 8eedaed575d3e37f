"""The goals of the Plan van Aanpak by command (werkproces 1b): add one, mark it reached, or let it lapse.

Edits the front matter of ``plan.md`` (the plan's text below it stays byte for byte),
validates the case and commits the file alone.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..clock import event_date
from ..dossier.lint import check_value
from ..dossier.loader import load_case
from ..dossier.model import Case, CaseWithCasus
from ..dossier.network import Network
from ..dossier.plan import Plan
from ..dossier.problems import Problem
from ..dossier.repo import case_dir
from ..errors import RegieError, UsageError
from ..formats.yamledit import append_item, edit_front_matter, list_in, new_map, put
from ..ids import next_id
from ..layout import AFSPRAKEN_FILE, CASE_FILE, PLAN_FILE
from ..limits import check_range
from ..store.transaction import exclusive
from .mutation import Change, apply


def _load(root: Path, cid: str) -> tuple[Network, CaseWithCasus, Plan]:
    net, case, _ = load_case(root, cid, needs=(CASE_FILE, PLAN_FILE, AFSPRAKEN_FILE))
    if case.plan is None:
        raise RegieError(f"casus {cid} heeft nog geen {PLAN_FILE}")
    if case.casus.status == "gesloten":
        raise RegieError(f"casus {cid} is gesloten; het plan wijzigen kan niet meer")
    return net, case, case.plan


def _write(root: Path, case: Case, change, message: str, today: dt.date, commit: bool, *,
           adds: str | None = None) -> list[Problem]:
    path = case_dir(root, case.id) / PLAN_FILE
    text = edit_front_matter(path.read_text(encoding="utf-8"), f"{case.folder}/{PLAN_FILE}", change, adds=adds)
    return apply(root, case.id, {path: text}, message, today, commit=commit)


def _settled(case: Case) -> list[str]:
    p = case.plan
    return [f"het plan is vastgesteld op {p.vastgesteld.isoformat()} (versie {p.versie}); leg de wijziging vast in een "
            f"nieuwe versie met 'regie plan {case.id} --vaststellen'"] if p and p.vastgesteld else []


@exclusive("doel add")
def add(
    root: Path, cid: str, *, leefgebied: str, wat: str, today: dt.date, startscore: int | None = None,
    doelscore: int | None = None, lid: str | None = None, commit: bool = True,
) -> Change:
    check_value("de omschrijving van het doel", wat, field="wat")

    if not wat.strip():
        raise UsageError("de omschrijving van het doel mag niet leeg zijn", field="wat")
    for value, name in ((startscore, "startscore"), (doelscore, "doelscore")):
        if value is not None:
            check_range(value, f"de {name}", 1, 5, field=name)
    net, case, plan = _load(root, cid)
    if leefgebied not in net.leefgebieden:
        raise UsageError(f"onbekend leefgebied '{leefgebied}'; kies uit: {', '.join(net.leefgebieden)}")
    members = [m.id for m in case.casus.huishouden.leden] if case.casus.huishouden else []
    if lid is not None and lid not in members:
        raise RegieError(f"lid '{lid}' staat niet in het huishouden van casus {cid} (wel: {', '.join(members) or 'geen'})")
    new_id = next_id("D", (g.id for g in plan.doelen))

    def change(data) -> None:
        seq = list_in(data, "doelen", block=True)
        append_item(seq, new_map({"id": new_id, "leefgebied": leefgebied, "doel": wat, "lid": lid,
                                  "startscore": startscore, "doelscore": doelscore}))

    problems = _write(root, case, change, f"regie doel: {new_id} toegevoegd aan casus {cid}", today, commit, adds="doel")
    warnings = _settled(case)
    if startscore is not None and doelscore is not None and doelscore < startscore:
        warnings.append(f"doelscore {doelscore} ligt onder de startscore {startscore}")
    return Change(id=new_id, problems=problems, warnings=warnings)


def _goal(case: Case, plan: Plan, doel: str):
    goals = {g.id: g for g in plan.doelen}
    if doel not in goals:
        raise RegieError(f"casus {case.id} heeft geen doel '{doel}' (wel: {', '.join(goals) or 'geen'})")
    g = goals[doel]
    if g.status != "open":
        raise RegieError(f"doel {doel} is al {g.status}")
    return g


def _set(data, doel: str, fields: dict) -> None:
    for item in data["doelen"]:
        if str(item.get("id")) == doel:
            after = "doelscore" if "doelscore" in item else "startscore" if "startscore" in item else "doel"
            for key, value in fields.items():
                if value is not None:
                    put(item, key, value, after=after)
                    after = key


@exclusive("doel done")
def done(root: Path, cid: str, doel: str, *, today: dt.date, datum: dt.date | None = None, eindscore: int | None = None,
         commit: bool = True) -> Change:
    if eindscore is not None:
        check_range(eindscore, "de eindscore", 1, 5, field="eindscore")
    _, case, plan = _load(root, cid)
    _goal(case, plan, doel)
    when = event_date(datum, today, after=plan.vastgesteld, after_what="de vaststelling van het plan")
    problems = _write(root, case, lambda data: _set(data, doel, {"status": "bereikt", "bereikt_op": when, "eindscore": eindscore}),
                      f"regie doel: {doel} van casus {cid} bereikt", today, commit)
    still = [a.id for a in case.afspraken if a.status == "open" and a.doel == doel]
    return Change(id=doel, problems=problems, warnings=[f"open afspraken bij {doel}: {', '.join(still)}"] if still else [])


@exclusive("doel drop")
def drop(root: Path, cid: str, doel: str, *, reden: str, today: dt.date, datum: dt.date | None = None,
         commit: bool = True) -> Change:
    check_value("de reden", reden, field="reden")
    if not reden.strip():
        raise UsageError("de reden mag niet leeg zijn", field="reden")
    _, case, plan = _load(root, cid)
    _goal(case, plan, doel)
    when = event_date(datum, today, after=case.casus.geopend, after_what="de opening van de casus")
    problems = _write(root, case, lambda data: _set(data, doel, {"status": "vervallen", "vervallen_op": when, "reden": reden}),
                      f"regie doel: {doel} van casus {cid} vervallen", today, commit)
    still = [a.id for a in case.afspraken if a.status == "open" and a.doel == doel]
    return Change(id=doel, problems=problems, warnings=[f"open afspraken bij {doel}: {', '.join(still)}; laat ze vervallen of koppel ze aan "
                                    "een ander doel"] if still else [])
