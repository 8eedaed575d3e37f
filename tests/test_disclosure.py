"""Disclosure control of `regie report` holds: no hidden count can be narrowed to fewer than `rapport.min_aantal` values.

The relations a reader can use are written down here by hand, independently of regie/views/report/disclosure.py:
breakdowns that add up to their total, rows that add up to a column total, the parts of a row, counts that are
part of another count, the same figure in two places, and the two periods of --vergelijk. For every hidden count
integer programming (scipy's milp) finds the smallest and the largest value consistent with everything
published; the range must hold at least `min_aantal` values. A hidden count is known to be at least 1 (a 0 is
always published).
"""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest
from conftest import EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regie.views.report.disclosure import HIDDEN, protect, protect_together

BIG = 10**6


def at(data, path):
    node = data
    for k in path:
        if not isinstance(node, dict) or k not in node:
            return None
        node = node[k]
    return node


def keys(data, path):
    node = at(data, path)
    return list(node) if isinstance(node, dict) else []


def claimed(data: dict):
    """(kind, left paths, right paths): sum(left) == sum(right) ('=') or sum(left) <= sum(right) ('<=')."""
    out = []

    def eq(left, right):
        out.append(("=", left, right))

    def le(left, right):
        out.append(("<=", left, right))

    i = ("instroom",)
    for b in ("per_melder_organisatie", "per_soort", "per_urgentie", "per_doelgroep"):
        if at(data, (*i, b)) is not None:
            eq([(*i, b, k) for k in keys(data, (*i, b))], [(*i, "meldingen")])
    eq([(*i, "gesloten_per_reden", k) for k in keys(data, (*i, "gesloten_per_reden"))], [(*i, "gesloten")])
    eq([(*i, "niet_aangenomen_verwezen_naar", k) for k in keys(data, (*i, "niet_aangenomen_verwezen_naar"))],
       [(*i, "intake_per_besluit", "niet-aangenomen")] if "niet-aangenomen" in keys(data, (*i, "intake_per_besluit")) else [])
    for when in ("begin", "eind"):
        eq([(*i, f"in_zorg_{when}_per_fase", k) for k in keys(data, (*i, f"in_zorg_{when}_per_fase"))], [(*i, f"in_zorg_{when}")])
    h = ("uitkomsten", "hermeldingen")
    eq([(*h, "van")], [(*i, "meldingen")])
    le([(*h, "aantal")], [(*h, "van")])
    d = ("doorlooptijden",)
    le([(*d, "melding_tot_plan", "boven_termijn")], [(*d, "melding_tot_plan", "n")])
    le([(*d, "melding_tot_sluiting", "n")], [(*i, "gesloten")])
    a = ("afspraken",)
    partners = keys(data, (*a, "per_partner"))
    for col in ("gemaakt", "deadline_in_periode", "op_tijd", "te_laat", "open_na_deadline", "vervallen", "verschoven"):
        eq([(*a, "per_partner", p, col) for p in partners], [(*a, "totaal", col)])
    for row in [(*a, "per_partner", p) for p in partners] + [(*a, "totaal")]:
        eq([(*row, "op_tijd"), (*row, "te_laat"), (*row, "open_na_deadline")], [(*row, "deadline_in_periode")])
    return out + _claimed_further(data)


def _claimed_further(data: dict):
    """The relations of escalations, outcomes, network work, caseload and safety (see :func:`claimed`)."""
    out = []

    def eq(left, right):
        out.append(("=", left, right))

    def le(left, right):
        out.append(("<=", left, right))

    i = ("instroom",)
    e = ("escalaties",)
    for b in ("per_niveau", "per_partij"):
        eq([(*e, b, k) for k in keys(data, (*e, b))], [(*e, "stappen")])
    for k in ("met_spoed", "opgelost"):
        le([(*e, k)], [(*e, "stappen")])
    u = ("uitkomsten",)
    lgs = keys(data, (*u, "verschuiving_per_leefgebied"))
    for col in ("verbeterd", "gelijk", "verslechterd"):
        eq([(*u, "verschuiving_per_leefgebied", lg, col) for lg in lgs], [(*u, "totaal", col)])
    goals = keys(data, (*u, "doelen", "per_leefgebied"))
    for col in ("afgerond", "bereikt", "vervallen", "open_bij_sluiting", "met_doelscore", "doelscore_gehaald"):
        eq([(*u, "doelen", "per_leefgebied", lg, col) for lg in goals], [(*u, "doelen", "totaal", col)])
    for row in [(*u, "doelen", "per_leefgebied", lg) for lg in goals] + [(*u, "doelen", "totaal")]:
        eq([(*row, "bereikt"), (*row, "vervallen"), (*row, "open_bij_sluiting")], [(*row, "afgerond")])
        le([(*row, "met_doelscore")], [(*row, "afgerond")])
        le([(*row, "doelscore_gehaald")], [(*row, "met_doelscore")])
    s = (*u, "samenwerking")
    eq([(*s, "verdeling", k) for k in keys(data, (*s, "verdeling"))], [(*s, "n")])
    dims = keys(data, (*u, "per_groep"))
    columns = {c for dim in dims for r in keys(data, (*u, "per_groep", dim)) for c in keys(data, (*u, "per_groep", dim, r))}
    for col in sorted(columns):
        for dim in dims:  # every breakdown of the active cases adds up to the same (unprinted) total
            eq([(*u, "per_groep", dim, r, col) for r in keys(data, (*u, "per_groep", dim))], [("_totaal", col)])
    eq([("_totaal", "actief")], [("netwerkgericht", "vip_kaart", "van")])
    for share in ("naasten_in_plan", "vip_kaart", "cti_genoeg_netwerkbijeenkomsten"):
        le([("netwerkgericht", share, "aantal")], [("netwerkgericht", share, "van")])
    c = ("caseload",)
    if at(data, (*c, "open_per_regisseur")) is not None:
        le([(*c, "open_per_regisseur", k) for k in keys(data, (*c, "open_per_regisseur"))], [(*i, "in_zorg_eind")])
    else:
        eq([(*c, "open", "casussen")], [(*i, "in_zorg_eind")])
    v = ("veiligheid",)
    quarters = keys(data, (*v, "per_kwartaal"))
    for k in keys(data, (*v, "totaal")):
        eq([(*v, "per_kwartaal", q, k) for q in quarters], [(*v, "totaal", k)])
    for row in [(*v, "per_kwartaal", q) for q in quarters] + [(*v, "totaal")]:
        eq([(*row, f"meldcode_stap_{n}") for n in range(1, 6)], [(*row, "meldcode_stappen")])
    return out


def narrowest(data: dict, threshold: int) -> dict[tuple, tuple[int, int]]:
    """For each hidden count: (smallest, largest) value consistent with everything published and claimed."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    rels = claimed(data)
    unknown: dict[tuple, int] = {}

    def var(path):
        value = at(data, path)
        if value == HIDDEN or path[0] == "_totaal":
            return unknown.setdefault(path, len(unknown))
        return None

    for _, left, right in rels:
        for p in left + right:
            var(p)
    hidden = [p for p in unknown if p[0] != "_totaal"]
    if not hidden:
        return {}
    n = len(unknown)
    rows, lo, hi = [], [], []
    for kind, left, right in rels:
        coef, const = np.zeros(n), 0
        for sign, paths in ((1, left), (-1, right)):
            for p in paths:
                value = at(data, p)
                if p in unknown:
                    coef[unknown[p]] += sign
                else:
                    assert isinstance(value, int) or value is None, (p, value)
                    const += sign * (value or 0)
        if not coef.any():
            assert (const == 0) if kind == "=" else (const <= 0), (kind, left, right, "published figures disagree")
            continue
        rows.append(coef)
        lo.append(-const if kind == "=" else -np.inf)
        hi.append(-const)
    lower = np.array([0 if p[0] == "_totaal" else 1 for p in unknown])
    bounds, constraint = Bounds(lower, np.full(n, BIG)), LinearConstraint(np.array(rows), lo, hi)
    out = {}
    for p in hidden:
        c = np.zeros(n)
        c[unknown[p]] = 1
        ends = []
        for sign in (1, -1):
            r = milp(sign * c, constraints=constraint, integrality=np.ones(n), bounds=bounds)
            assert r.status == 0, (p, r.message)
            ends.append(round(r.x[unknown[p]]))
        out[p] = (ends[0], ends[1])
    return out


def check(data: dict, threshold: int) -> int:
    """Assert the report gives nothing away; return the number of hidden counts."""
    ranges = narrowest(data, threshold)
    narrow = {p: r for p, r in ranges.items() if r[1] - r[0] + 1 < threshold}
    assert not narrow, narrow
    for row in [data["afspraken"]["totaal"], *data["afspraken"]["per_partner"].values()]:
        if row["percentage_op_tijd"] is not None:
            assert isinstance(row["op_tijd"], int) and isinstance(row["deadline_in_periode"], int)
            assert row["deadline_in_periode"] >= threshold
    s = data["uitkomsten"]["samenwerking"]
    assert s["gemiddeld"] is None or (HIDDEN not in s["verdeling"].values() and s["n"] >= threshold)
    return len(ranges)


EXAMPLE_RUNS = [("--quarter", f"2026Q{q}") for q in (1, 2, 3, 4)] + [("--year", "2026")]


# Budget: five report runs of the examples and a few hundred small integer programs; about 25 s on two busy cores.
@pytest.mark.slow
@pytest.mark.parametrize("no_ids", [False, True])
def test_no_hidden_count_of_the_examples_can_be_narrowed_down(cli, no_ids):
    hidden = {}
    for args in EXAMPLE_RUNS:
        r = cli("-C", str(EXAMPLES), "report", *args, "--format", "json", *(["--no-ids"] if no_ids else []))
        assert r.code == 0, r
        hidden[args[1]] = check(json.loads(r.out), 5)
    # what the examples hide (a small network: most of each quarter)
    assert hidden == EXPECTED_HIDDEN[no_ids], hidden


EXPECTED_HIDDEN = {False: {"2026Q1": 50, "2026Q2": 82, "2026Q3": 54, "2026Q4": 100, "2026": 168},
                   True: {"2026Q1": 42, "2026Q2": 70, "2026Q3": 45, "2026Q4": 87, "2026": 147}}


def test_the_examples_compared_hide_a_figure_in_both_periods_or_neither(cli):
    r = cli("-C", str(EXAMPLES), "report", "--quarter", "2026Q4", "--vergelijk", "2026Q3", "--format", "json", "--no-ids")
    assert r.code == 0, r
    for row in json.loads(r.out)["cijfers"]:
        pair = (row["periode"], row["vergelijk"])
        assert not (HIDDEN in pair and any(isinstance(v, int) and v > 0 for v in pair)), row


# ------------------------------------------------------------------ generated networks


@st.composite
def networks(draw):
    """The raw figures of a generated network's period: cases with a melder, soort, urgentie, group, outcomes;
    agreements per partner; ZRM shifts; collaboration scores; safety steps per quarter."""
    n = draw(st.integers(0, 40))
    orgs, soorten, urg = ["ggd", "woon", "politie"], ["overlast", "schulden", "huiselijk-geweld"], ["laag", "hoog"]
    cases = [(draw(st.sampled_from(orgs)), draw(st.sampled_from(soorten)), draw(st.sampled_from(urg)),
              draw(st.sampled_from(["regulier", "cti"])), draw(st.integers(0, 2)), draw(st.booleans())) for _ in range(n)]

    def tally(values):
        out: dict = {}
        for v in values:
            out[str(v)] = out.get(str(v), 0) + 1
        return out

    partners = {}
    for p in ("ggd", "woon", "naasten"):
        ok, late, open_ = (draw(st.integers(0, 12)) for _ in range(3))
        made, dropped, moved = (draw(st.integers(0, 12)) for _ in range(3))
        partners[p] = {"gemaakt": made, "deadline_in_periode": ok + late + open_, "op_tijd": ok, "te_laat": late,
                       "open_na_deadline": open_, "vervallen": dropped, "verschoven": moved}
    partners = {k: v for k, v in partners.items() if any(v.values())}
    total = {k: sum(v[k] for v in partners.values()) for k in ("gemaakt", "deadline_in_periode", "op_tijd", "te_laat",
                                                                "open_na_deadline", "vervallen", "verschoven")}
    shifts = {lg: {k: draw(st.integers(0, 8)) for k in ("verbeterd", "gelijk", "verslechterd")}
              for lg in ("financien", "huisvesting", "dagbesteding")}
    scores = tally(draw(st.lists(st.integers(1, 5), max_size=20)))
    groups = {}
    for dim, idx in (("traject", 3), ("urgentie", 2)):
        rows: dict = {}
        for c in cases:
            row = rows.setdefault(c[idx], {"actief": 0, "gesloten": 0, "zrm_verbeterd": 0, "hermeldingen": 0})
            row["actief"] += 1
            row["gesloten"] += c[5]
            row["zrm_verbeterd"] += c[4]
        groups[dim] = rows
    quarters = {}
    for q in ("2026Q1", "2026Q2"):
        steps = {f"meldcode_stap_{s}": draw(st.integers(0, 6)) for s in range(1, 6)}
        quarters[q] = {"meldcode_stappen": sum(steps.values()), **steps, "gemeld_bij_veilig_thuis": draw(st.integers(0, 6))}
    closed = sum(c[5] for c in cases)
    data = {
        "casussen": n,
        "instroom": {"meldingen": n, "per_melder_organisatie": tally(c[0] for c in cases),
                     "per_soort": tally(c[1] for c in cases), "per_urgentie": tally(c[2] for c in cases),
                     "gesloten": closed, "gesloten_per_reden": tally(draw(st.sampled_from(["verhuisd", "doelen-bereikt"]))
                                                                     for c in cases if c[5]),
                     "intake_per_besluit": {}, "niet_aangenomen_verwezen_naar": {},
                     "in_zorg_begin": 0, "in_zorg_begin_per_fase": {}, "in_zorg_eind": n - closed,
                     "in_zorg_eind_per_fase": {"plan vastgesteld": n - closed}},
        "doorlooptijden": {"melding_tot_plan": {"n": n, "mediaan": 10.0, "p90": 20, "boven_termijn": draw(st.integers(0, n))},
                           "melding_tot_sluiting": {"n": closed, "mediaan": 30.0, "p90": 50}},
        "afspraken": {"totaal": {**total, "percentage_op_tijd": 50}, "per_partner": {k: {**v, "percentage_op_tijd": 50}
                                                                                     for k, v in partners.items()},
                      "namen": {k: k for k in partners}},
        "escalaties": {"stappen": 0, "per_niveau": {}, "per_partij": {}, "opgelost": 0, "met_spoed": 0,
                       "dagen_tot_oplossing": {"n": 0, "mediaan": None, "p90": None}},
        "uitkomsten": {"verschuiving_per_leefgebied": shifts,
                       "totaal": {k: sum(v[k] for v in shifts.values()) for k in ("verbeterd", "gelijk", "verslechterd")},
                       "samenwerking": {"n": sum(scores.values()), "gemiddeld": 3.0, "verdeling": scores},
                       "doelen": {"per_leefgebied": {}, "totaal": {"afgerond": 0, "bereikt": 0, "vervallen": 0,
                                                                    "open_bij_sluiting": 0, "met_doelscore": 0,
                                                                    "doelscore_gehaald": 0, "percentage_doelscore_gehaald": None}},
                       "hermeldingen": {"aantal": 0, "van": n, "percentage": 0 if n else None},
                       "per_groep": groups},
        "netwerkgericht": {"naasten_in_plan": {"aantal": 0, "van": 0, "percentage": None},
                           "vip_kaart": {"aantal": sum(1 for c in cases if c[4] == 2), "van": n, "percentage": 1},
                           "cti_genoeg_netwerkbijeenkomsten": {"aantal": 0, "van": 0, "percentage": None}},
        "caseload": {"open": {"casussen": n - closed, "regisseurs": 2}},
        "veiligheid": {"per_kwartaal": quarters, "totaal": {k: sum(q[k] for q in quarters.values()) for k in quarters["2026Q1"]}},
        "drempel": 5,
    }
    return data


GENERATED = {"reports": 0, "hidden": 0}


# Budget: 60 generated networks, each suppressed and checked with a few dozen small integer programs; about 70 s.
@pytest.mark.slow
@settings(max_examples=60, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(), st.integers(2, 6))
def test_no_hidden_count_of_a_generated_network_can_be_narrowed_down(raw, threshold):
    data = copy.deepcopy(raw)
    data["drempel"] = threshold
    protect(data, threshold)
    GENERATED["hidden"] += check(data, threshold)
    GENERATED["reports"] += 1


# Budget: 25 generated pairs of periods, suppressed together and checked; about 35 s.
@pytest.mark.slow
@settings(max_examples=25, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(), networks())
def test_two_generated_periods_compared_give_nothing_away(first, second):
    protect_together(first, second, 5)
    check(first, 5)
    check(second, 5)
    from regie.views.report.build import flatten

    a = {(s, k): v for s, k, v in flatten(first)}
    b = {(s, k): v for s, k, v in flatten(second)}
    for k in a.keys() & b.keys():
        pair = (a[k], b[k])
        assert not (HIDDEN in pair and any(isinstance(v, int) and v > 0 for v in pair)), (k, pair)
