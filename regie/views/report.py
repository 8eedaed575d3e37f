"""Management information for a period (werkproces 4c, 2d; seed 004): the figures of ``regie report``.

Every figure is defined in docs/report.md; the functions here follow those definitions
literally. The result is plain JSON-ready data with counts and, where a list is needed,
case ids — never pseudonyms or free text from the dossiers.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from statistics import median
from typing import Any

from ..dossier.scan import Collected, Job
from ..dossier.model import Case
from ..dossier.network import Network
from ..dossier.vocab import CLIENT, MERGED_REASON, NETWORK_JOURNAL_KINDS
from ..dossier.state import in_care_on, phase_on, regisseur_on, taken_on
from .period import Period


def nearest_rank(values: list[int], pct: float) -> int | None:
    """The pct-th percentile by the nearest-rank method (p90 of 10 values is the 9th smallest)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def _median(values: list[int]) -> float | None:
    return float(median(values)) if values else None


def stats(values: list[int]) -> dict:
    return {"n": len(values), "mediaan": _median(values), "p90": nearest_rank(values, 90)}


def _sorted_counts(counter: Counter) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


@dataclass
class Excluded:
    casus: str
    reden: str


def latest_date(case: Case) -> dt.date | None:
    """The last date anything happened in a case (None: a case without casus.yaml)."""
    c = case.casus
    if c is None:
        return None
    dates = [c.geopend, *(h.datum for h in c.historie)]
    dates += [d for d in (c.gesloten, case.melding.datum if case.melding else None,
                          case.plan.vastgesteld if case.plan else None) if d]
    for a in case.afspraken:
        dates += [a.gemaakt, *(d for d in (a.gedaan_op,) if d), *(v.datum for v in a.verplaatst)]
    for e in case.escalaties:
        dates += [e.datum, *(d for d in (e.afgesloten,) if d)]
    dates += [e.datum for e in case.evaluaties] + [j.datum for j in case.journaal]
    return max(dates)


@dataclass(frozen=True)
class Earlier:
    """A closed case that cannot count in the period itself: what the re-melding figure needs of it."""

    casus: str
    huishouden: str | None
    gesloten: dt.date
    sluitreden: str | None


def report_case(ctx, loaded, start: dt.date, end: dt.date) -> Case | Earlier | None:
    """Job: a usable case that can count in the period ``start``..``end`` (its model), an :class:`Earlier`
    for a usable case that cannot (closed, and nothing in it on or after the day before ``start``), None for
    an unusable one.

    Every figure needs a date of the case in the period or the day before it, or an open
    case or escalation; so the cases that cannot count are the closed ones whose last
    date lies before that day. Of those only the household and the closing are kept (a
    family that comes back is a re-melding), so memory stays small.
    """
    case = loaded.case
    if case.casus is None or case.melding is None:
        return None
    if case.casus.gesloten is None or any(e.afgesloten is None for e in case.escalaties):
        return _figures_only(case)
    if latest_date(case) >= start - dt.timedelta(days=1):
        return _figures_only(case)
    c = case.casus
    return Earlier(case.id, c.huishouden.id if c.huishouden else None, c.gesloten, c.sluitreden)


def _figures_only(case: Case) -> Case:
    """The case without the free text no figure uses (the plan's text, what each agreement says, the
    verstrekkingen), so the cases of a period take less memory."""
    from dataclasses import replace

    return replace(case, plan=replace(case.plan, tekst="") if case.plan else None,
                   afspraken=tuple(replace(a, wat="") for a in case.afspraken), verstrekkingen=())


def report_job(p: Period) -> Job:
    return Job("report", report_case, (p.start, p.end))


def usable_cases(got: Collected) -> tuple[list[Case], int, list[Excluded], list[Earlier]]:
    """(cases that can count in the period, how many cases are usable in all, the cases left out with the reason,
    the closed cases that cannot count but a family may come back from).

    A case is left out of every figure when one of its files did not load.
    """
    bad: dict[str, list[str]] = defaultdict(list)
    for p in got.errors:
        if p.path.startswith("casussen/"):
            parts = p.path.split("/", 2)
            if len(parts) < 2:
                continue  # a finding about casussen/ itself
            where = parts[2] if len(parts) == 3 else "casusmap"  # a finding about the case folder itself
            bad[parts[1]].append(where + (f":{p.line}" if p.line else "") + f" [{p.code}]")
    values = dict(got.values)
    usable, count, excluded, earlier = [], 0, [], []
    for cid in got.ids:
        value = values.get(cid)
        if cid in bad or value is None:
            excluded.append(Excluded(cid, "; ".join(bad.get(cid, ["casus.yaml of melding.yaml ontbreekt"]))))
        else:
            count += 1
            (earlier if isinstance(value, Earlier) else usable).append(value)
    return usable, count, excluded, earlier


# ---------------------------------------------------------------- state of a case on a date (regie.dossier.state)

def active_during(case: Case, p: Period) -> bool:
    c = case.casus
    return c.geopend <= p.end and (c.gesloten is None or c.gesloten >= p.start) and taken_on(case)


# ---------------------------------------------------------------- the figures

def party_of(net: Network, case: Case, who: str) -> str:
    """The partner an agreement belongs to: the professional's organisation, 'naasten', 'cliënt' or the regisseur's."""
    if case.netwerk:
        for pro in case.netwerk.professionals:
            if pro.id == who:
                return pro.organisatie
        if any(n.id == who for n in case.netwerk.naasten):
            return "naasten"
    if who == "client":
        return "cliënt"
    return "regisseur"


def flow(net: Network, cases: list[Case], p: Period) -> dict:
    received = [c for c in cases if c.melding.datum in p]
    closed = [c for c in cases if c.casus.gesloten in p]
    transferred = sorted({c.id for c in cases for h in c.casus.historie if h.organisatie and h.datum in p})
    at_start = [c for c in cases if in_care_on(c, p.start - dt.timedelta(days=1))]
    at_end = [c for c in cases if in_care_on(c, p.end)]
    decided = [c.casus.intake for c in cases if c.casus.intake and c.casus.intake.datum in p]
    return {
        "meldingen": len(received),
        "per_melder_organisatie": _sorted_counts(Counter(c.melding.melder_organisatie or "(geen organisatie)" for c in received)),
        "per_soort": _sorted_counts(Counter(c.melding.soort or "(geen soort)" for c in received)),
        "per_urgentie": _sorted_counts(Counter(c.melding.urgentie for c in received)),
        "per_doelgroep": _sorted_counts(Counter(c.melding.doelgroep or c.casus.doelgroep or "(onbekend)" for c in received)),
        "geopend": sum(1 for c in cases if c.casus.geopend in p),
        "gesloten": len(closed),
        "gesloten_per_reden": _sorted_counts(Counter(_reason(net, c.casus.sluitreden) for c in closed)),
        "intake_per_besluit": _sorted_counts(Counter(i.besluit for i in decided)),
        "niet_aangenomen_verwezen_naar": _sorted_counts(Counter(i.verwezen_naar or "(niet verwezen)" for i in decided
                                                                if i.besluit == "niet-aangenomen")),
        "overgedragen": len(transferred),
        "overgedragen_casussen": transferred,
        "in_zorg_begin": len(at_start),
        "in_zorg_begin_per_fase": _sorted_counts(Counter(phase_on(c, p.start - dt.timedelta(days=1)) for c in at_start)),
        "in_zorg_eind": len(at_end),
        "in_zorg_eind_per_fase": _sorted_counts(Counter(phase_on(c, p.end) for c in at_end)),
    }


def _reason(net: Network, reden: str | None) -> str:
    """A closing reason as a category: one of the network's sluitredenen, never a free text."""
    if reden is None:
        return "(geen reden)"
    return reden if reden in net.sluitredenen else "anders"


def lead_times(net: Network, cases: list[Case], p: Period) -> dict:
    term = net.termijnen.melding_tot_plan
    to_plan, late, later_versions = [], [], []
    for c in cases:
        if c.plan and c.plan.vastgesteld in p:
            if c.plan.versie != 1:
                later_versions.append(c.id)
                continue
            days = (c.plan.vastgesteld - c.melding.datum).days
            to_plan.append(days)
            if days > term:
                late.append(c.id)
    to_close = [(c.casus.gesloten - c.melding.datum).days for c in cases if c.casus.gesloten in p and taken_on(c)]
    return {
        "melding_tot_plan": {**stats(to_plan), "termijn": term, "boven_termijn": len(late), "boven_termijn_casussen": sorted(late),
                             "latere_versie_casussen": sorted(later_versions)},
        "melding_tot_sluiting": stats(to_close),
    }


def agreements(net: Network, cases: list[Case], p: Period) -> dict:
    per: dict[str, Counter] = defaultdict(Counter)
    for c in cases:
        for a in c.afspraken:
            party = party_of(net, c, a.wie)
            row = per[party]
            if a.gemaakt in p:
                row["gemaakt"] += 1
            if a.vervallen_op in p or (a.vervallen_op is None and a.status == "vervallen" and a.gemaakt in p):
                row["vervallen"] += 1
            if a.gedaan_op in p:
                row["op_tijd" if a.gedaan_op <= a.eerste_deadline else "te_laat"] += 1
            if any(v.datum in p for v in a.verplaatst):
                row["verschoven"] += 1
            open_at_end = a.gemaakt <= p.end and not a.vervallen_voor(p.end) and (a.gedaan_op is None or a.gedaan_op > p.end)
            if open_at_end and a.deadline_op(p.end) < p.end and (c.casus.gesloten is None or c.casus.gesloten > p.end):
                row["te_laat_open"] += 1
    keys = ("gemaakt", "op_tijd", "te_laat", "te_laat_open", "vervallen", "verschoven")
    parties = {party: {k: row[k] for k in keys} for party, row in sorted(per.items()) if any(row[k] for k in keys)}
    total = {k: sum(v[k] for v in parties.values()) for k in keys}
    for v in [total, *parties.values()]:
        finished = v["op_tijd"] + v["te_laat"]
        v["percentage_op_tijd"] = round(100 * v["op_tijd"] / finished) if finished else None
    names = net.organisatie_namen()
    return {"totaal": total, "per_partner": parties, "namen": {k: names.get(k, k) for k in parties}}


def escalations(net: Network, cases: list[Case], p: Period) -> dict:
    steps = [(c, e) for c in cases for e in c.escalaties if e.datum in p]
    resolved = [(c, e) for c, e in steps if e.opgelost and e.afgesloten <= p.end]  # type: ignore[operator]
    open_at_end = sorted({f"{c.id} {e.id}" for c in cases for e in c.escalaties
                          if e.datum <= p.end and (e.afgesloten is None or e.afgesloten > p.end)})
    durations = [(e.afgesloten - e.datum).days for c in cases for e in c.escalaties if e.afgesloten in p and e.opgelost]  # type: ignore[operator]
    ladder = net.ladder()
    return {
        "stappen": len(steps),
        "per_niveau": {f"{lv} {ladder.get(lv, '?')}": n for lv, n in sorted(Counter(e.niveau for _, e in steps).items())},
        "per_partij": _sorted_counts(Counter("cliënt" if e.over == CLIENT else e.over for _, e in steps)),
        "opgelost": len(resolved),
        "afgeschaald": sum(1 for c in cases for e in c.escalaties if e.afschaling and e.afgesloten in p),
        "open_eind": len(open_at_end),
        "open_eind_casussen": open_at_end,
        "dagen_tot_oplossing": stats(durations),
        "met_spoed": sum(1 for _, e in steps if e.spoed),
    }


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


def _score_at(case: Case, leefgebied: str, day: dt.date) -> int | None:
    """The case's last ZRM score on a leefgebied in an evaluation on or before ``day``."""
    scored = [e for e in case.evaluaties if e.datum <= day and e.scores.get(leefgebied) is not None]
    return max(scored, key=lambda e: e.datum).scores[leefgebied] if scored else None


def goal_endings(case: Case, p: Period) -> list[tuple[str, str, bool | None]]:
    """The goals of the case that ended in the period: reached, dropped, or still open when the case closed."""
    if not case.plan:
        return []
    closed = case.casus.gesloten if case.casus.gesloten in p else None
    out = []
    for g in case.plan.doelen:
        if g.status == "bereikt" and g.bereikt_op in p:
            how, day = "bereikt", g.bereikt_op
        elif g.status == "vervallen" and g.vervallen_op in p:
            how, day = "vervallen", g.vervallen_op
        elif g.status == "open" and closed is not None:
            how, day = "open_bij_sluiting", closed
        else:
            continue
        final = g.eindscore if g.eindscore is not None else _score_at(case, g.leefgebied, day)  # type: ignore[arg-type]
        out.append((g.leefgebied, how, None if g.doelscore is None else final is not None and final >= g.doelscore))
    return out


def _months_later(day: dt.date, months: int) -> dt.date:
    import calendar

    m = day.month - 1 + months
    y, m = day.year + m // 12, m % 12 + 1
    return dt.date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def re_meldingen(cases: list[Case], earlier: list[Earlier], p: Period) -> list[str]:
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
        if any(cid != c.id and closed <= day <= _months_later(closed, RE_MELDING_MONTHS) for cid, closed in closings[hh.id]):
            out.append(c.id)
    return sorted(out)


def case_outcome(case: Case, p: Period, again: set[str]) -> CaseOutcome:
    zrm = []
    if case.plan:
        starts = {g.leefgebied: g.startscore for g in case.plan.doelen if g.startscore is not None}
        for lg, start in starts.items():
            scored = [e for e in case.evaluaties if e.datum in p and e.scores.get(lg) is not None]
            if scored:
                latest = max(scored, key=lambda e: e.datum).scores[lg]
                zrm.append((lg, "verbeterd" if latest > start else "gelijk" if latest == start else "verslechterd"))
    return CaseOutcome(goal_endings(case, p), zrm, case.casus.gesloten in p, case.id in again)


def _goal_row(endings: list[tuple[str, str, bool | None]]) -> dict:
    row = {k: 0 for k in GOAL_KEYS}
    for _, how, reached in endings:
        row["afgerond"] += 1
        row[how] += 1
        if reached is not None:
            row["met_doelscore"] += 1
            row["doelscore_gehaald"] += reached
    row["percentage_doelscore_gehaald"] = round(100 * row["doelscore_gehaald"] / row["met_doelscore"]) if row["met_doelscore"] else None
    return row


def group_of(case: Case, dimension: str) -> str:
    if dimension == "traject":
        return case.casus.traject
    if dimension == "urgentie":
        return case.casus.urgentie
    return case.melding.doelgroep or case.casus.doelgroep or "(onbekend)"


def outcomes(net: Network, cases: list[Case], p: Period, earlier: list[Earlier] = ()) -> dict:  # type: ignore[assignment]
    again = re_meldingen(cases, list(earlier), p)
    per_case = {c.id: case_outcome(c, p, set(again)) for c in cases}
    per: dict[str, Counter] = {lg: Counter() for lg in net.leefgebieden}
    for o in per_case.values():
        for lg, shift in o.zrm:
            per.setdefault(lg, Counter())[shift] += 1
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


def network_work(net: Network, cases: list[Case], p: Period) -> dict:
    active = [c for c in cases if active_during(c, p)]
    with_plan = [c for c in active if c.plan]
    naasten = [c for c in with_plan if c.netwerk and any(n.betrokken for n in c.netwerk.naasten)]
    vip = [c for c in active if c.netwerk and any(n.vip for n in c.netwerk.naasten)]
    cti = [c for c in active if c.casus.traject == "cti"]
    minimum = net.cti_min_netwerkbijeenkomsten
    enough = [c for c in cti if sum(1 for j in c.journaal if j.soort == "netwerkbijeenkomst" and j.datum <= p.end) >= minimum]

    def share(part: list, whole: list) -> dict:
        return {"aantal": len(part), "van": len(whole), "percentage": round(100 * len(part) / len(whole)) if whole else None}

    return {
        "naasten_in_plan": share(naasten, with_plan),
        "vip_kaart": share(vip, active),
        "cti_genoeg_netwerkbijeenkomsten": {**share(enough, cti), "norm": minimum,
                                            "te_weinig_casussen": sorted(c.id for c in cti if c not in enough)},
    }


def caseload(net: Network, cases: list[Case], p: Period) -> dict:
    load = Counter(regisseur_on(c, p.end) for c in cases if in_care_on(c, p.end))
    changed = sorted({c.id for c in cases for i, h in enumerate(c.casus.historie) if h.regisseur and i > 0 and h.datum in p
                      and not h.terug})
    return {"open_per_regisseur": {r.id: load.get(r.id, 0) for r in net.regisseurs},
            "regisseur_gewisseld": len(changed), "regisseur_gewisseld_casussen": changed}


def signals(signalen: list, p: Period) -> dict:
    groups: dict[str, list] = defaultdict(list)
    for s in signalen:
        if s.datum in p:
            groups[s.aard].append(s)
    return {aard: {"signalen": [{"id": s.id, "status": s.status, "casussen": len(s.casussen)} for s in items],
                   "casussen": len({cid for s in items for cid in s.casussen})}
            for aard, items in sorted(groups.items())}


def period_title(label: str) -> str:
    """What the report is called: a quarter's is a kwartaalrapportage, a year's a jaarrapportage."""
    if "Q" in label:
        return "Kwartaalrapportage"
    return "Jaarrapportage" if label.isdigit() else "Rapportage"


def clip(period: Period, today: dt.date) -> Period:
    """The period as counted: one that is still running counts up to and including today."""
    from ..errors import UsageError

    if period.start > today:
        raise UsageError(f"de periode {period.label} is nog niet begonnen")
    return Period(period.start, min(period.end, today), period.label)


def build(got: Collected, root, period: Period, today: dt.date, *, ids: bool = True) -> dict[str, Any]:
    """All figures for ``period``, from what ``report_job(clip(period, today))`` collected."""
    from ..dossier.loader import load_signals

    net = got.network
    p = clip(period, today)
    cases, usable_count, excluded, earlier = usable_cases(got)
    signalen = load_signals(root)[0]
    from ..dossier.loader import load_network_journal

    notes = [n for n in load_network_journal(root)[0] if n.datum in p]
    data = {
        "netwerk": net.naam,
        "periode": {"label": p.label, "titel": period_title(p.label), "van": p.start.isoformat(),
                    "tot_en_met": p.end.isoformat(), "loopt_nog": period.end > today},
        "organisatie_namen": net.organisatie_namen(),
        "gemaakt_op": today.isoformat(),
        "casussen": usable_count,
        "weggelaten": [{"casus": e.casus, "reden": e.reden} for e in excluded],
        "instroom": flow(net, cases, p),
        "doorlooptijden": lead_times(net, cases, p),
        "afspraken": agreements(net, cases, p),
        "escalaties": escalations(net, cases, p),
        "uitkomsten": outcomes(net, cases, p, earlier),
        "netwerkgericht": {**network_work(net, cases, p),
                           "netwerkjournaal": {k: sum(1 for n in notes if n.soort == k) for k in NETWORK_JOURNAL_KINDS}},
        "caseload": caseload(net, cases, p),
        "signalen": signals(signalen, p),
        "drempel": net.rapport_min_aantal,
    }
    suppress_small_counts(data, net.rapport_min_aantal)
    if ids:
        return data
    data = strip_ids(data)
    # for readers outside the network: no free text at all (doelgroep and a signal's aard are typed freely)
    del data["instroom"]["per_doelgroep"]
    del data["uitkomsten"]["per_groep"]["doelgroep"]
    groups = list(data["signalen"].values())
    data["signalen"] = {"alle signalen": {
        "signalen": [item for g in groups for item in g["signalen"]],
        "casussen": small(len({cid for s in signalen if s.datum in p for cid in s.casussen}), net.rapport_min_aantal),
    }} if groups else {}
    load = data["caseload"].pop("open_per_regisseur")
    data["caseload"]["open"] = {"regisseurs": sum(1 for v in load.values() if v != 0),
                                "casussen": sum(1 for c in cases if in_care_on(c, p.end))}
    return data


# Tables of counts broken down by a category (a row per category); their totals stay exact.
_COUNT_TABLES = (
    ("instroom", "per_melder_organisatie"), ("instroom", "per_soort"), ("instroom", "per_urgentie"),
    ("instroom", "per_doelgroep"), ("instroom", "gesloten_per_reden"), ("instroom", "intake_per_besluit"),
    ("instroom", "niet_aangenomen_verwezen_naar"), ("instroom", "in_zorg_begin_per_fase"),
    ("instroom", "in_zorg_eind_per_fase"), ("escalaties", "per_niveau"), ("escalaties", "per_partij"),
    ("caseload", "open_per_regisseur"), ("uitkomsten", "samenwerking", "verdeling"),
)
_ROW_TABLES = (("afspraken", "per_partner"), ("uitkomsten", "verschuiving_per_leefgebied"),
               ("uitkomsten", "doelen", "per_leefgebied"), *(("uitkomsten", "per_groep", g) for g in GROUPS))
_SHARES = (("netwerkgericht", "naasten_in_plan"), ("netwerkgericht", "vip_kaart"), ("netwerkgericht", "cti_genoeg_netwerkbijeenkomsten"),
           ("uitkomsten", "hermeldingen"))
# In a row, a percentage and the count it is taken of: a percentage of fewer cases than the threshold is left out.
_PERCENTAGE_OF = {"percentage_op_tijd": ("op_tijd", "te_laat"), "percentage_doelscore_gehaald": ("met_doelscore",)}


def small(n: Any, threshold: int) -> Any:
    """A count below the threshold (but not 0) as the text '< threshold', as statistical offices publish it."""
    return f"< {threshold}" if isinstance(n, int) and not isinstance(n, bool) and 0 < n < threshold else n


def suppress_small_counts(data: dict, threshold: int) -> None:
    """Every cell of a breakdown below ``threshold`` becomes '< threshold', so no case can be singled out.

    Totals are left exact; a percentage over fewer than ``threshold`` cases is left out.
    """
    def at(path: tuple[str, ...]) -> Any:
        node: Any = data
        for key in path:
            node = node[key]
        return node

    for path in _COUNT_TABLES:
        table = at(path)
        for key in table:
            table[key] = small(table[key], threshold)
    for path in _ROW_TABLES:
        for row in at(path).values():
            bases = {key: sum(row[k] for k in of) for key, of in _PERCENTAGE_OF.items() if key in row}
            for key, value in row.items():
                row[key] = small(value, threshold) if key not in _PERCENTAGE_OF else value
            for key, base in bases.items():
                if base < threshold:
                    row[key] = None
    totaal = data["uitkomsten"]["doelen"]["totaal"]
    if totaal["met_doelscore"] < threshold:
        totaal["percentage_doelscore_gehaald"] = None
    for path in _SHARES:
        share = at(path)
        if share["van"] < threshold:
            share["percentage"] = None
        share["aantal"], share["van"] = small(share["aantal"], threshold), small(share["van"], threshold)
    for group in data["signalen"].values():
        group["casussen"] = small(group["casussen"], threshold)
        for item in group["signalen"]:
            item["casussen"] = small(item["casussen"], threshold)


def strip_ids(value: Any) -> Any:
    """Drop every list of case ids (keys ending in 'casussen' holding lists), for --no-ids."""
    if isinstance(value, dict):
        return {k: strip_ids(v) for k, v in value.items() if not (k.endswith("casussen") and isinstance(v, list))
                and k != "weggelaten"} | ({"weggelaten": len(value["weggelaten"])} if "weggelaten" in value else {})
    if isinstance(value, list):
        return [strip_ids(v) for v in value]
    return value


def flatten(data: dict) -> list[tuple[str, str, Any]]:
    """The report flattened to (onderdeel, cijfer, value) rows; a list of plain values is one row."""
    rows: list[tuple[str, str, Any]] = []

    def walk(section: str, prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(section, f"{prefix}.{k}" if prefix else str(k), v)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for i, v in enumerate(value):
                walk(section, f"{prefix}[{i}]", v)
        else:
            rows.append((section, prefix, value))

    for key, value in data.items():
        if isinstance(value, dict):
            walk(key, "", value)
        else:
            walk("rapport", key, value)
    return rows


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def compare(current: dict, other: dict) -> dict:
    """Two reports side by side (``report --vergelijk``): every figure that is a number in either (and not 0 in
    both), with the difference where both are numbers (a count shown as '< 5' has none)."""
    skip = {("rapport", "drempel")}
    a = {(sec, key): v for sec, key, v in flatten(current) if sec != "periode"}
    b = {(sec, key): v for sec, key, v in flatten(other) if sec != "periode"}
    keys = list(a) + [k for k in b if k not in a]
    rows = []
    for k in keys:
        va, vb = a.get(k), b.get(k)
        if k in skip or not (_number(va) or _number(vb)) or k[1].endswith(("norm", "termijn", "maanden")):
            continue
        if va == 0 and vb == 0 and _number(va) and _number(vb):
            continue  # nothing in either period: a row of zeros tells nobody anything
        diff = va - vb if _number(va) and _number(vb) else None
        rows.append({"onderdeel": k[0], "cijfer": k[1], "periode": va, "vergelijk": vb,
                     "verschil": round(diff, 1) if isinstance(diff, float) else diff})
    return {"netwerk": current["netwerk"], "periode": current["periode"], "vergelijk": other["periode"],
            "gemaakt_op": current["gemaakt_op"], "drempel": current["drempel"], "cijfers": rows}


def render_comparison(data: dict, fmt: str, root, dialect: str = "excel") -> str:
    """A comparison (see :func:`compare`) as md, html, json or csv text."""
    from .render import render
    from ..safetext import csv_text, json_text

    if fmt == "json":
        return json_text(data) + "\n"
    if fmt == "csv":
        return csv_text(("onderdeel", "cijfer", data["periode"]["label"], data["vergelijk"]["label"], "verschil"),
                        ((r["onderdeel"], r["cijfer"], r["periode"], r["vergelijk"], r["verschil"]) for r in data["cijfers"]),
                        dialect)
    return render("report-vergelijk.html.j2" if fmt == "html" else "report-vergelijk.md.j2", {"v": data}, root)


def render_report(data: dict, fmt: str, root, dialect: str = "excel") -> str:
    """The report as md, html, json or csv text (CSV in ``dialect``, see ``regie.safetext.csv_text``)."""
    from .render import render
    from ..safetext import csv_text, json_text

    if fmt == "json":
        return json_text(data) + "\n"
    if fmt == "csv":
        return csv_text(("onderdeel", "cijfer", "waarde"), flatten(data), dialect)
    ids_shown = not isinstance(data.get("weggelaten"), int)
    return render("report.html.j2" if fmt == "html" else "report.md.j2", {"r": data, "ids_shown": ids_shown}, root)
