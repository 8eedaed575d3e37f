"""The figures of ``regie report`` (werkproces 4c, 2d; seed 004): which cases count, inflow, lead times,
agreements, escalations, network-oriented work, caseload and signals.

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

from ...dossier.bijeenkomst import network_meeting_dates
from ...dossier.lint import scan
from ...dossier.meldcode import STAPPEN
from ...dossier.model import Case, CheckedCase
from ...dossier.network import Network
from ...dossier.scan import Collected, Job
from ...dossier.state import in_care_on, phase_on, regisseur_on, taken_on
from ...dossier.vocab import CLIENT
from ..period import Period


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


def report_case(ctx, loaded, start: dt.date, end: dt.date) -> CheckedCase | Earlier | None:
    """Job: a usable case that can count in the period ``start``..``end`` (its model), an :class:`Earlier`
    for a usable case that cannot (closed, and nothing in it on or after the day before ``start``), None for
    an unusable one.

    Every figure needs a date of the case in the period or the day before it, or an open
    case or escalation; so the cases that cannot count are the closed ones whose last
    date lies before that day. Of those only the household and the closing are kept (a
    family that comes back is a re-melding), so memory stays small.
    """
    case = loaded.case.usable()
    if case is None:
        return None
    c = case.casus
    last = latest_date(case)
    if (c.gesloten is None or any(e.afgesloten is None for e in case.escalaties)
            or (last and last >= start - dt.timedelta(days=1))):
        return _figures_only(case)
    return Earlier(case.id, c.huishouden.id if c.huishouden else None, c.gesloten, c.sluitreden)


def _figures_only(case: CheckedCase) -> CheckedCase:
    """The case without the free text no figure uses (the plan's text, what each agreement says, the
    verstrekkingen), so the cases of a period take less memory."""
    from dataclasses import replace

    return replace(case, plan=replace(case.plan, tekst="") if case.plan else None,
                   afspraken=tuple(replace(a, wat="") for a in case.afspraken), verstrekkingen=())


def report_job(p: Period) -> Job:
    return Job("report", report_case, (p.start, p.end))


def usable_cases(got: Collected) -> tuple[list[CheckedCase], int, list[Excluded], list[Earlier]]:
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
    usable: list[CheckedCase] = []
    earlier: list[Earlier] = []
    excluded: list[Excluded] = []
    count = 0
    for cid in got.ids:
        value = values.get(cid)
        if cid in bad or value is None:
            excluded.append(Excluded(cid, "; ".join(bad.get(cid, ["casus.yaml of melding.yaml ontbreekt"]))))
        else:
            count += 1
            (earlier if isinstance(value, Earlier) else usable).append(value)
    return usable, count, excluded, earlier


# ---------------------------------------------------------------- state of a case on a date (regie.dossier.state)

def active_during(case: CheckedCase, p: Period) -> bool:
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


def flow(net: Network, cases: list[CheckedCase], p: Period) -> dict:
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


def lead_times(net: Network, cases: list[CheckedCase], p: Period) -> dict:
    term = net.termijnen.melding_tot_plan
    to_plan, late, later_versions = [], [], []
    for c in cases:
        if c.plan and p.holds(c.plan.vastgesteld):
            if c.plan.versie != 1:
                later_versions.append(c.id)
                continue
            days = (c.plan.vastgesteld - c.melding.datum).days
            to_plan.append(days)
            if days > term:
                late.append(c.id)
    to_close = [(c.casus.gesloten - c.melding.datum).days for c in cases if p.holds(c.casus.gesloten) and taken_on(c)]
    return {
        "melding_tot_plan": {**stats(to_plan), "termijn": term, "boven_termijn": len(late), "boven_termijn_casussen": sorted(late),
                             "latere_versie_casussen": sorted(later_versions)},
        "melding_tot_sluiting": stats(to_close),
    }


def deadline_outcome(a, closed: dt.date | None, p: Period) -> str | None:
    """Where an agreement counts in "% op tijd" for ``p``: None when its original deadline is not in ``p`` or it
    lapsed (vervallen, or its case closed) on or before that deadline; else ``op_tijd`` (done on or before the
    deadline), ``te_laat`` (done after it, by the end of ``p``) or ``open_na_deadline`` (not done by the end of
    ``p``: still open, or dropped or closed after its deadline had passed)."""
    deadline = a.eerste_deadline
    if deadline not in p or a.vervallen_voor(deadline) or (closed is not None and closed <= deadline
                                                            and (a.gedaan_op is None or a.gedaan_op > closed)):
        return None
    if a.gedaan_op is not None and a.gedaan_op <= deadline:
        return "op_tijd"
    return "te_laat" if a.gedaan_op is not None and a.gedaan_op <= p.end else "open_na_deadline"


AGREEMENT_KEYS = ("gemaakt", "deadline_in_periode", "op_tijd", "te_laat", "open_na_deadline", "vervallen", "verschoven")


def agreements(net: Network, cases: list[CheckedCase], p: Period) -> dict:
    per: dict[str, Counter] = defaultdict(Counter)
    backlog = 0
    for c in cases:
        for a in c.afspraken:
            open_at_end = a.gemaakt <= p.end and not a.vervallen_voor(p.end) and (a.gedaan_op is None or a.gedaan_op > p.end)
            backlog += open_at_end and a.deadline_op(p.end) < p.end and (c.casus.gesloten is None or c.casus.gesloten > p.end)
            party = party_of(net, c, a.wie)
            row = per[party]
            if a.gemaakt in p:
                row["gemaakt"] += 1
            if a.vervallen_op in p or (a.vervallen_op is None and a.status == "vervallen" and a.gemaakt in p):
                row["vervallen"] += 1
            if any(v.datum in p for v in a.verplaatst):
                row["verschoven"] += 1
            how = deadline_outcome(a, c.casus.gesloten, p)
            if how is not None:
                row["deadline_in_periode"] += 1
                row[how] += 1
    keys = AGREEMENT_KEYS
    parties = {party: {k: row[k] for k in keys} for party, row in sorted(per.items()) if any(row[k] for k in keys)}
    total = {k: sum(v[k] for v in parties.values()) for k in keys}

    def with_share(v: dict[str, int]) -> dict[str, int | None]:
        due = v["deadline_in_periode"]
        return {**v, "percentage_op_tijd": round(100 * v["op_tijd"] / due) if due else None}

    names = net.organisatie_namen()
    return {"totaal": with_share(total), "per_partner": {k: with_share(v) for k, v in parties.items()},
            "namen": {k: names.get(k, k) for k in parties}, "open_na_deadline_eind": backlog}


def escalations(net: Network, cases: list[CheckedCase], p: Period) -> dict:
    steps = [(c, e) for c in cases for e in c.escalaties if e.datum in p]
    resolved = [(c, e) for c, e in steps if e.opgelost and e.afgesloten is not None and e.afgesloten <= p.end]
    open_at_end = sorted({f"{c.id} {e.id}" for c in cases for e in c.escalaties
                          if e.datum <= p.end and (e.afgesloten is None or e.afgesloten > p.end)})
    durations = [(e.afgesloten - e.datum).days for c in cases for e in c.escalaties if p.holds(e.afgesloten) and e.opgelost]
    return {
        "stappen": len(steps),
        "per_niveau": {f"{lv} {name}": n for (lv, name), n in
                       sorted(Counter((e.niveau, net.level_name(e.over, e.niveau)) for _, e in steps).items())},
        "per_partij": _sorted_counts(Counter("cliënt" if e.over == CLIENT else e.over for _, e in steps)),
        "opgelost": len(resolved),
        "afgeschaald": sum(1 for c in cases for e in c.escalaties if e.afschaling and e.afgesloten in p),
        "open_eind": len(open_at_end),
        "open_eind_casussen": open_at_end,
        "dagen_tot_oplossing": stats(durations),
        "met_spoed": sum(1 for _, e in steps if e.spoed),
    }



def network_work(net: Network, cases: list[CheckedCase], p: Period) -> dict:
    active = [c for c in cases if active_during(c, p)]
    with_plan = [c for c in active if c.plan]
    naasten = [c for c in with_plan if c.netwerk and any(n.betrokken for n in c.netwerk.naasten)]
    vip = [c for c in active if c.netwerk and any(n.vip for n in c.netwerk.naasten)]
    cti = [c for c in active if c.casus.traject == "cti"]
    minimum = net.cti_min_netwerkbijeenkomsten
    enough = [c for c in cti if len(network_meeting_dates(c, p.end)) >= minimum]

    def share(part: list, whole: list) -> dict:
        return {"aantal": len(part), "van": len(whole), "percentage": round(100 * len(part) / len(whole)) if whole else None}

    return {
        "naasten_in_plan": share(naasten, with_plan),
        "vip_kaart": share(vip, active),
        "cti_genoeg_netwerkbijeenkomsten": {**share(enough, cti), "norm": minimum,
                                            "te_weinig_casussen": sorted(c.id for c in cti if c not in enough)},
    }


def caseload(net: Network, cases: list[CheckedCase], p: Period) -> dict:
    load = Counter(regisseur_on(c, p.end) for c in cases if in_care_on(c, p.end))
    changed = sorted({c.id for c in cases for i, h in enumerate(c.casus.historie) if h.regisseur and i > 0 and h.datum in p
                      and not h.terug})
    return {"open_per_regisseur": {r.id: load.get(r.id, 0) for r in net.regisseurs},
            "regisseur_gewisseld": len(changed), "regisseur_gewisseld_casussen": changed}


def signals(signalen: list, p: Period) -> dict:
    """The period's policy signals by aard: each with its subject (``over``) and, once answered, the answer —
    policy text meant for the gemeente, shown only when the privacy lint finds nothing personal in it."""
    groups: dict[str, list] = defaultdict(list)
    for s in signalen:
        if s.datum in p:
            groups[s.aard].append(s)

    def item(s) -> dict:
        answered = s.antwoord is not None and s.status in ("beantwoord", "gesloten") and (
            s.beantwoord_op is None or s.beantwoord_op <= p.end)
        return {"id": s.id, "datum": s.datum.isoformat(), "over": policy_text(s.over), "status": s.status,
                "organisatie": s.organisatie, "casussen": len(s.casussen),
                "antwoord": policy_text(s.antwoord) if answered else None}

    return {aard: {"signalen": [item(s) for s in items], "casussen": len({cid for s in items for cid in s.casussen})}
            for aard, items in sorted(groups.items())}


WITHHELD_TEXT = "(tekst niet getoond: bevat mogelijk persoonsgegevens; zie 'regie validate')"


def policy_text(text: str | None) -> str | None:
    """A signal's policy text as the report shows it: withheld when the privacy lint finds personal data in it."""
    if text is None:
        return None
    return WITHHELD_TEXT if scan(text) else " ".join(text.split())


SAFETY_KEYS = ("meldcode_stappen", *(f"meldcode_stap_{n}" for n in STAPPEN), "veilig_thuis_geraadpleegd",
               "gemeld_bij_veilig_thuis", "verwijsindex_signalen", "verwijsindex_matches")


def quarters_of(p: Period) -> list[Period]:
    """The calendar quarters that ``p`` touches, each clipped to ``p`` (labelled 2026Q3)."""
    out, day = [], p.start
    while day <= p.end:
        q = (day.month - 1) // 3
        last = dt.date(day.year, 3 * q + 3, 1) + dt.timedelta(days=31)
        last = last.replace(day=1) - dt.timedelta(days=1)
        out.append(Period(day, min(last, p.end), f"{day.year}Q{q + 1}"))
        day = last + dt.timedelta(days=1)
    return out


def safety(cases: list[CheckedCase], p: Period) -> dict:
    """Safety work per quarter of ``p`` (seed 004): meldcode steps taken (all, and per step), Veilig Thuis
    consulted (step 2) and meldingen made there (step 5), verwijsindex signals and matches — per record."""
    rows = {}
    for q in quarters_of(p):
        row = dict.fromkeys(SAFETY_KEYS, 0)
        for c in cases:
            code, vi = c.casus.meldcode, c.casus.verwijsindex
            for s in code.stappen if code else ():
                if s.datum in q:
                    row["meldcode_stappen"] += 1
                    row[f"meldcode_stap_{s.stap}"] += 1
                    row["veilig_thuis_geraadpleegd"] += s.stap == 2 and "veilig-thuis" in s.rollen()
                if s.gemeld in q:
                    row["gemeld_bij_veilig_thuis"] += 1
            if vi is not None:
                row["verwijsindex_signalen"] += vi.signaal_datum in q
                row["verwijsindex_matches"] += vi.match_datum in q
        rows[q.label] = row
    return {"per_kwartaal": rows, "totaal": {k: sum(r[k] for r in rows.values()) for k in SAFETY_KEYS}}
