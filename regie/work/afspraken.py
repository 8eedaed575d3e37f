"""Agreements (afspraken) of a case: add, mark done, drop, move — the regisseur's daily work.

Every change edits ``afspraken.yaml`` in place (comments and layout kept), validates the
case and commits the file alone.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..clock import event_date
from ..dossier.lint import check_value
from ..dossier.loader import load_case
from ..dossier.model import Afspraak, Case
from ..dossier.network import Network
from ..dossier.problems import Problem
from ..dossier.repo import case_dir
from ..errors import RegieError, UsageError
from ..formats.yamledit import RoundTrip, append_item, new_list, new_map, put
from ..ids import next_id
from ..layout import AFSPRAKEN_FILE, CASE_FILE, NETWERK_FILE, PLAN_FILE
from ..render.templates import render
from ..store.transaction import exclusive
from ..taal import aantal
from .mutation import Change, apply

FILE = AFSPRAKEN_FILE


def find(case: Case, afspraak_id: str) -> Afspraak:
    for a in case.afspraken:
        if a.id == afspraak_id:
            return a
    known = ", ".join(a.id for a in case.afspraken) or "geen"
    raise RegieError(f"casus {case.id} heeft geen afspraak '{afspraak_id}' (wel: {known})")


def _edit(root: Path, case: Case, change, *, adds: str | None = None) -> tuple[Path, str]:
    """Apply ``change(list_of_afspraken)`` to afspraken.yaml (created from the template if missing).

    ``adds``: "afspraak" when ``change`` adds one (refused when the file holds the maximum).
    """

    path = case_dir(root, case.id) / FILE
    text = path.read_text(encoding="utf-8") if path.exists() else render(f"casus/{FILE}.j2", {}, root)
    doc = RoundTrip(text, f"{case.folder}/{FILE}", adds=adds)
    change(doc.block_list("afspraken"))
    return path, doc.dump()


def _item(seq, afspraak_id: str):
    for item in seq:
        if str(item.get("id")) == afspraak_id:
            return item
    raise AssertionError(afspraak_id)  # pragma: no cover - checked on the model first


def check_new(net: Network, case: Case, *, wie: str, doel: str | None, deadline: dt.date, made: dt.date, today: dt.date) -> list[str]:
    """Refuse a new agreement for someone who is no (longer a) party to the case, on a goal that is not open, or with
    a deadline before the day it was made; the warnings it deserves (a deadline in the past)."""
    cid = case.id
    known = case.who_is_known(net)
    if wie not in known:
        raise RegieError(
            f"'{wie}' is geen betrokkene van casus {cid}; kies uit: {', '.join(sorted(known))} "
            "(of voeg de betrokkene toe aan netwerk.yaml)"
        )
    if case.netwerk and wie in case.netwerk.gone(today + dt.timedelta(days=1)):
        raise RegieError(f"'{wie}' is niet meer betrokken bij casus {cid} (netwerk.yaml: tot); kies een ander")
    if doel is not None:
        doelen = case.plan.doelen if case.plan else ()
        goals = [g.id for g in doelen]
        if doel not in goals:
            raise RegieError(f"doel '{doel}' staat niet in het plan van aanpak van casus {cid} (wel: {', '.join(goals) or 'geen'})")
        status = next(g.status for g in doelen if g.id == doel)
        if status != "open":
            raise RegieError(f"doel {doel} is {status}; een nieuwe afspraak hoort bij een open doel")
    if deadline < made:
        raise UsageError(f"deadline {deadline.isoformat()} ligt voor de datum gemaakt {made.isoformat()}" + (
            "" if made != today else "; is de afspraak eerder gemaakt, geef dan die datum mee als datum gemaakt"))
    return [f"deadline {deadline.isoformat()} ligt in het verleden"] if deadline < today else []


@exclusive("afspraak add")
def add(
    root: Path, cid: str, *, wat: str, wie: str, deadline: dt.date, today: dt.date,
    doel: str | None = None, gemaakt: dt.date | None = None, commit: bool = True,
) -> Change:
    check_value("de omschrijving van de afspraak", wat, field="wat")

    net, case, _ = load_case(root, cid, needs=(CASE_FILE, FILE, NETWERK_FILE) + ((PLAN_FILE,) if doel else ()))
    if not wat.strip():
        raise UsageError("de omschrijving van de afspraak mag niet leeg zijn", field="wat")
    made = gemaakt or today
    warnings = check_new(net, case, wie=wie, doel=doel, deadline=deadline, made=made, today=today)
    new_id = next_id("A", (a.id for a in case.afspraken))
    item = new_map({"id": new_id, "wat": wat, "wie": wie, "doel": doel, "gemaakt": made, "deadline": deadline, "status": "open"})
    path, text = _edit(root, case, lambda seq: append_item(seq, item), adds="afspraak")
    problems = apply(root, cid, {path: text}, f"regie afspraak: {new_id} toegevoegd aan casus {cid}", today, commit=commit)
    return Change(id=new_id, warnings=warnings, problems=problems)


def _finish(root: Path, case: Case, afspraak_id: str, status: str, fields: dict[str, object], message: str,
            today: dt.date, commit: bool) -> list[Problem]:
    """Set an open agreement's final status (gedaan/vervallen) with its date (and reason), in that order after it."""

    def change(seq) -> None:
        item = _item(seq, afspraak_id)
        item["status"] = status
        after = "status"
        for key, value in fields.items():
            put(item, key, value, after=after)
            after = key

    path, text = _edit(root, case, change)
    return apply(root, case.id, {path: text}, message, today, commit=commit)


@exclusive("afspraak done")
def done(root: Path, cid: str, afspraak_id: str, *, today: dt.date, datum: dt.date | None = None, commit: bool = True) -> Change:
    _, case, _ = load_case(root, cid, needs=(CASE_FILE, FILE))
    a = find(case, afspraak_id)
    if a.status == "gedaan":
        raise RegieError(f"afspraak {afspraak_id} is al gedaan (op {a.gedaan_op.isoformat()})" if a.gedaan_op else f"afspraak {afspraak_id} is al gedaan")
    if a.status == "vervallen":
        raise RegieError(f"afspraak {afspraak_id} is vervallen en kan niet meer gedaan worden")
    when = event_date(datum, today, after=a.gemaakt, after_what="de datum waarop de afspraak is gemaakt")
    problems = _finish(root, case, afspraak_id, "gedaan", {"gedaan_op": when},
                       f"regie afspraak: {afspraak_id} van casus {cid} gedaan", today, commit)
    late = (when - a.deadline).days
    return Change(id=afspraak_id, warnings=[f"{aantal(late, 'dag')} na de deadline"] if late > 0 else [], problems=problems)


@exclusive("afspraak drop")
def drop(root: Path, cid: str, afspraak_id: str, *, reden: str, today: dt.date, datum: dt.date | None = None,
         commit: bool = True) -> Change:
    """Let an open agreement lapse on ``datum`` (default today), which is recorded as ``vervallen_op``."""

    check_value("de reden", reden, field="reden")
    _, case, _ = load_case(root, cid, needs=(CASE_FILE, FILE))
    a = find(case, afspraak_id)
    if a.status != "open":
        raise RegieError(f"afspraak {afspraak_id} is al {a.status}")
    if not reden.strip():
        raise UsageError("de reden mag niet leeg zijn", field="reden")
    when = event_date(datum, today, after=a.gemaakt, after_what="de datum waarop de afspraak is gemaakt")
    problems = _finish(root, case, afspraak_id, "vervallen", {"vervallen_op": when, "reden": reden},
                       f"regie afspraak: {afspraak_id} van casus {cid} vervallen", today, commit)
    return Change(id=afspraak_id, warnings=[], problems=problems)


@exclusive("afspraak move")
def move(root: Path, cid: str, afspraak_id: str, *, deadline: dt.date, reden: str, today: dt.date, commit: bool = True) -> Change:
    check_value("de reden", reden, field="reden")

    _, case, _ = load_case(root, cid, needs=(CASE_FILE, FILE))
    a = find(case, afspraak_id)
    if a.status != "open":
        raise RegieError(f"afspraak {afspraak_id} is {a.status}; alleen een open afspraak kan verschuiven")
    if deadline == a.deadline:
        raise UsageError(f"de deadline is al {deadline.isoformat()}")
    if deadline < a.gemaakt:
        raise UsageError(f"deadline {deadline.isoformat()} ligt voor de datum gemaakt {a.gemaakt.isoformat()}")
    if not reden.strip():
        raise UsageError("de reden mag niet leeg zijn", field="reden")
    warnings = [f"nieuwe deadline {deadline.isoformat()} ligt in het verleden"] if deadline < today else []

    def change(seq) -> None:
        item = _item(seq, afspraak_id)
        item["deadline"] = deadline
        entry = new_map({"van": a.deadline, "naar": deadline, "datum": today, "reden": reden})
        history = item.get("verplaatst")
        if history is None:
            put(item, "verplaatst", new_list([entry]))
        else:
            append_item(history, entry)

    path, text = _edit(root, case, change)
    problems = apply(root, cid, {path: text}, f"regie afspraak: deadline van {afspraak_id} in casus {cid} verschoven", today, commit=commit)
    return Change(id=afspraak_id, warnings=warnings, problems=problems)
