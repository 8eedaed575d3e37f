"""What one person may see of a case in an inzage: the case with every withheld record taken out.

The inzage (``regie export --voor``) is for the client or one member of the household. What is
withheld (``regie.dossier.afscherming``) is taken out of the case *before* anything is rendered,
so no section, log line or count can hint at it; a member's export also leaves out the goals of
the other members (and their agreements), which are their data, not the household's.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..dossier.afscherming import MELDCODE, MELDING, OVERDRACHT, VERWIJSINDEX
from ..dossier.model import Case, CaseWithCasus
from ..layout import VERSTREKKINGEN_FILE
from .caselog import Entry

CLIENT = "client"


def member_goals_hidden(case: Case, voor: str) -> set[str]:
    """For a member's inzage: the goals about another member of the household (their data, not the household's)."""
    if voor == CLIENT or case.plan is None:
        return set()
    return {g.id for g in case.plan.doelen if g.lid is not None and g.lid != voor}


def member_people_hidden(case: Case, goals: set[str]) -> set[str]:
    """For a member's inzage: the professionals and naasten whose every agreement is about another member's goal
    (the behandelaar of another member): who works on someone's own problem is that person's data too."""
    if not goals:
        return set()
    about_others = {a.id for a in case.afspraken if a.doel in goals}
    held: dict[str, set[str]] = {}
    for a in case.afspraken:
        held.setdefault(a.wie, set()).add(a.id)
    return {who for who, ids in held.items() if ids and ids <= about_others}


def member_leefgebieden_hidden(case: CaseWithCasus, voor: str, goals: set[str]) -> set[str]:
    """For a member's inzage: the leefgebieden only other members' goals or rows name (not the household's goals,
    not the member's own): their scores and their place in the summary are those members' data."""
    if voor == CLIENT:
        return set()
    doelen = case.plan.doelen if case.plan else ()
    members = case.casus.huishouden.leden if case.casus.huishouden else ()
    others = {g.leefgebied for g in doelen if g.id in goals}
    others |= {lg for m in members if m.id != voor for lg in m.leefgebieden}
    kept = {g.leefgebied for g in doelen if g.id not in goals}
    kept |= {lg for m in members if m.id == voor for lg in m.leefgebieden}
    return others - kept


def without_leefgebieden(case: CaseWithCasus, gone: set[str]) -> CaseWithCasus:
    """The case with ``gone`` out of its leefgebieden and out of every evaluation's scores."""
    if not gone:
        return case
    c = case.casus
    return replace(case, casus=replace(c, leefgebieden=tuple(lg for lg in c.leefgebieden if lg not in gone)),
                   evaluaties=tuple(replace(e, scores={k: v for k, v in e.scores.items() if k not in gone})
                                    for e in case.evaluaties))


def redact(case: CaseWithCasus, hidden: set[str]) -> CaseWithCasus:
    """The case without the withheld records; a withheld handover leaves the status as it was before it."""
    c = case.casus
    historie = tuple(h for h in c.historie if f"{OVERDRACHT}/{h.datum.isoformat()}" not in hidden)
    changes: dict = {"historie": historie}
    if MELDCODE in hidden:
        changes["meldcode"] = None
    if VERWIJSINDEX in hidden:
        changes["verwijsindex"] = None
    gone = [h for h in c.historie if h not in historie and h.organisatie]
    if c.status == "overgedragen" and any(h.organisatie == c.overgedragen_aan for h in gone):
        last = next(h for h in reversed(gone) if h.organisatie == c.overgedragen_aan)
        changes.update(status=last.status_voor or "uitvoering", overgedragen_aan=None)
    netwerk = case.netwerk
    if netwerk is not None:
        netwerk = replace(netwerk, professionals=tuple(p for p in netwerk.professionals if p.id not in hidden),
                          naasten=tuple(n for n in netwerk.naasten if n.id not in hidden))
    plan = case.plan
    if plan is not None:
        plan = replace(plan, doelen=tuple(g for g in plan.doelen if g.id not in hidden))
    if c.huishouden is not None:
        changes["huishouden"] = replace(c.huishouden, leden=tuple(m for m in c.huishouden.leden if m.id not in hidden))
    return replace(
        case, casus=replace(c, **changes), netwerk=netwerk, plan=plan,
        melding=None if MELDING in hidden else case.melding,
        afspraken=tuple(a for a in case.afspraken if a.id not in hidden),
        escalaties=tuple(e for e in case.escalaties if e.id not in hidden),
        verstrekkingen=tuple(v for v in case.verstrekkingen if v.id not in hidden),
        evaluaties=tuple(e for e in case.evaluaties if _stem(e.file) not in hidden),
        journaal=tuple(j for j in case.journaal if _stem(j.file) not in hidden),
    )


def _stem(file: str) -> str:
    """``casussen/X/journaal/2026-03-01-1.md`` -> ``journaal/2026-03-01-1``: the name ``afscherm`` takes."""
    return "/".join(file.split("/")[-2:]).removesuffix(".md")


def visible_commits(entries: list[Entry], case: Case, hidden: set[str]) -> list[Entry]:
    """The commits of the log that say nothing about a withheld record (nor that anything is withheld).

    A commit's date need not be the record's (``--today``, a date given afterwards), so a withheld record hides
    every commit of the command that writes its kind; what those commits did that is not withheld, the dossier's
    own lines of the log still tell.
    """
    ids = {h for h in hidden if "/" not in h}
    words = re.compile(r"\b(" + "|".join(sorted(map(re.escape, ids), key=len, reverse=True)) + r")\b") if ids else None
    files = {f"{h}.md" for h in hidden if "/" in h} | {f"escalaties/{h}.md" for h in hidden if h.startswith("E")}
    commands = ["regie afscherm"]
    commands += ["regie meldcode"] if MELDCODE in hidden else []
    commands += ["regie verwijsindex"] if VERWIJSINDEX in hidden else []
    commands += ["regie handover"] if any(h.startswith(OVERDRACHT + "/") for h in hidden) else []
    commands += ["regie escalate"] if any(e.id in hidden for e in case.escalaties) else []
    if any(v.id in hidden for v in case.verstrekkingen):
        commands.append("regie share")
        files.add(VERSTREKKINGEN_FILE)
    people = case.netwerk.betrokkene_ids() if case.netwerk else set()
    commands += ["regie betrokkene"] if hidden & people else []
    out = []
    for e in entries:
        subject, _, listed = e.tekst.rpartition(" (")
        if any(e.tekst.startswith(cmd) for cmd in commands):
            continue
        if words and words.search(subject):
            continue
        if any(f in listed.rstrip(")").split(", ") for f in files):
            continue
        out.append(e)
    return out
