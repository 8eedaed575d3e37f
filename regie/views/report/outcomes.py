"""The outcome figures of ``regie report``: goals reached, shifts on the Zelfredzaamheid-Matrix, collaboration
and re-meldingen, overall and per group (definitions in docs/report.md)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Sequence

from ...clock import add_months
from ...dossier.model import CheckedCase
from ...dossier.network import Network
from ...dossier.vocab import MERGED_REASON
from ..period import Period
from .figures import Earlier, active_during

RE_MELDING_MONTHS = 12  # a new melding for a household within this many months of closing its case is a re-melding
GROUPS = ("traject", "urgentie", "doelgroep")  # the breakdowns of the outcomes
ZRM_SHIFTS = ("verbeterd", "gelijk", "verslechterd")
GOAL_KEYS = ("afgerond", "bereikt", "vervallen", "open_bij_sluiting", "met_doelscore", "doelscore_gehaald")


@dataclass
class CaseOutcome:
    """What one case adds to the outcome figures of a period (definitions in docs/report.md)."""

    goals: list[tuple[str, str, bool | None]]  # (leefgebied, bereikt|vervallen|open_bij_sluiting, doelscore reached or None)
    zrm: list[tuple[str, str]]  # (leefgebied, verbeterd|gelijk|verslechterd)
    gesloten: bool
    hermelding: bool


def _score_at(case: CheckedCase, leefgebied: str, day: dt.date) -> int | None:
    """The case's last ZRM score on a leefgebied in an evaluation on or before ``day``."""
    scored = [e for e in case.evaluaties if e.datum <= day and e.scores.get(leefgebied) is not None]
    return max(scored, key=lambda e: e.datum).scores[leefgebied] if scored else None


def goal_endings(case: CheckedCase, p: Period) -> list[tuple[str, str, bool | None]]:
    """The goals of the case that ended in the period: reached, dropped, or still open when the case closed."""
    if not case.plan:
        return []
    closed = case.casus.gesloten if case.casus.gesloten in p else None
    out = []
    for g in case.plan.doelen:
        day: dt.date
        if g.status == "bereikt" and p.holds(g.bereikt_op):
            how, day = "bereikt", g.bereikt_op
        elif g.status == "vervallen" and p.holds(g.vervallen_op):
            how, day = "vervallen", g.vervallen_op
        elif g.status == "open" and closed is not None:
            how, day = "open_bij_sluiting", closed
        else:
            continue
        final = g.eindscore if g.eindscore is not None else _score_at(case, g.leefgebied, day)
        out.append((g.leefgebied, how, None if g.doelscore is None else final is not None and final >= g.doelscore))
    return out


def re_meldingen(cases: list[CheckedCase], earlier: list[Earlier], p: Period) -> list[str]:
    """The cases melded in the period for a household whose earlier case closed at most 12 months before
    (a case folded into another by merge-cases is no closing)."""
    closings: dict[str, list[tuple[str, dt.date]]] = defaultdict(list)
    for c in cases:
        if c.casus.huishouden and c.casus.gesloten and c.casus.sluitreden != MERGED_REASON:
            closings[c.casus.huishouden.id].append((c.id, c.casus.gesloten))
    for e in earlier:
        if e.huishouden and e.sluitreden != MERGED_REASON:
            closings[e.huishouden].append((e.casus, e.gesloten))
    out = []
    for c in cases:
        hh = c.casus.huishouden
        if hh is None or c.melding.datum not in p:
            continue
        day = c.melding.datum
        if any(cid != c.id and closed <= day <= add_months(closed, RE_MELDING_MONTHS) for cid, closed in closings[hh.id]):
            out.append(c.id)
    return sorted(out)


def case_outcome(case: CheckedCase, p: Period, again: set[str]) -> CaseOutcome:
    zrm = []
    # the start on each domain: the ZRM baseline (first measurement) where there is one, else the goal's startscore
    starts = {g.leefgebied: g.startscore for g in case.plan.doelen if g.startscore is not None} if case.plan else {}
    if (base := case.casus.nulmeting) is not None:
        starts.update({lg: s for lg, s in base.scores.items() if s is not None})
    if starts:
        for lg, start in starts.items():
            scored = [e for e in case.evaluaties if e.datum in p and e.scores.get(lg) is not None]
            if scored:
                latest = max(scored, key=lambda e: e.datum).scores[lg]
                assert latest is not None  # scored: only evaluations with a score on lg
                zrm.append((lg, "verbeterd" if latest > start else "gelijk" if latest == start else "verslechterd"))
    return CaseOutcome(goal_endings(case, p), zrm, case.casus.gesloten in p, case.id in again)


def _goal_row(endings: list[tuple[str, str, bool | None]]) -> dict[str, int | None]:
    row = {k: 0 for k in GOAL_KEYS}
    for _, how, reached in endings:
        row["afgerond"] += 1
        row[how] += 1
        if reached is not None:
            row["met_doelscore"] += 1
            row["doelscore_gehaald"] += reached
    share = round(100 * row["doelscore_gehaald"] / row["met_doelscore"]) if row["met_doelscore"] else None
    return {**row, "percentage_doelscore_gehaald": share}


def group_of(case: CheckedCase, dimension: str) -> str:
    if dimension == "traject":
        return case.casus.traject
    if dimension == "urgentie":
        return case.casus.urgentie
    return case.melding.doelgroep or case.casus.doelgroep or "(onbekend)"


def outcomes(net: Network, cases: list[CheckedCase], p: Period, earlier: Sequence[Earlier] = ()) -> dict:
    again = re_meldingen(cases, list(earlier), p)
    per_case = {c.id: case_outcome(c, p, set(again)) for c in cases}
    per: dict[str, Counter] = {lg: Counter() for lg in net.leefgebieden}
    for o in per_case.values():
        for lg, change in o.zrm:
            per.setdefault(lg, Counter())[change] += 1
    shift = {lg: {k: cnt[k] for k in ZRM_SHIFTS} for lg, cnt in per.items() if sum(cnt.values())}
    collab = [e.samenwerking for c in cases for e in c.evaluaties if e.datum in p and e.samenwerking is not None]
    endings = [e for o in per_case.values() for e in o.goals]
    goals_per = {lg: _goal_row([e for e in endings if e[0] == lg]) for lg in net.leefgebieden}
    goals_per.update({lg: _goal_row([e for e in endings if e[0] == lg]) for lg, _, _ in endings if lg not in goals_per})
    received = [c for c in cases if c.melding.datum in p]
    groups: dict[str, dict[str, dict]] = {}
    for dim in GROUPS:
        rows: dict[str, dict] = {}
        for c in sorted((c for c in cases if active_during(c, p)), key=lambda c: group_of(c, dim)):
            o = per_case[c.id]
            row = rows.setdefault(group_of(c, dim), {"actief": 0, "gesloten": 0, "doelen_afgerond": 0, "doelscore_gehaald": 0,
                                                     "met_doelscore": 0, **{f"zrm_{k}": 0 for k in ZRM_SHIFTS},
                                                     "hermeldingen": 0})
            row["actief"] += 1
            row["gesloten"] += o.gesloten
            g = _goal_row(o.goals)
            row["doelen_afgerond"] += g["afgerond"]
            row["met_doelscore"] += g["met_doelscore"]
            row["doelscore_gehaald"] += g["doelscore_gehaald"]
            for _, k in o.zrm:
                row[f"zrm_{k}"] += 1
            row["hermeldingen"] += o.hermelding
        groups[dim] = rows
    return {
        "verschuiving_per_leefgebied": shift,
        "totaal": {k: sum(v[k] for v in shift.values()) for k in ZRM_SHIFTS},
        "samenwerking": {"n": len(collab), "gemiddeld": round(sum(collab) / len(collab), 1) if collab else None,
                         "verdeling": {str(s): collab.count(s) for s in range(1, 6)}},
        "doelen": {"per_leefgebied": {lg: row for lg, row in goals_per.items() if row["afgerond"]},
                   "totaal": _goal_row(endings)},
        "hermeldingen": {"aantal": len(again), "van": len(received),
                         "percentage": round(100 * len(again) / len(received)) if received else None,
                         "maanden": RE_MELDING_MONTHS, "casussen": again},
        "per_groep": groups,
    }
