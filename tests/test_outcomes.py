"""Outcomes that show what works (issue 11, item 6): goal attainment per leefgebied, re-meldingen, the
breakdowns by traject, urgentie and doelgroep, and `report --vergelijk`."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import edit, git

NEW = ["new-case", "--melder-rol", "buurvrouw", "--aard", "zorgen over de buurman", "--urgentie", "middel",
       "--pseudoniem", "Meneer A.", "--afweging", "eerst verkennen", "--grondslag", "publieke-taak",
       "--leefgebied", "financien", "--regisseur", "m-elhaddad", "--huishouden", "HH-0014"]


def report(cli, root, *args, today: str | None = None) -> dict:
    r = cli("-C", str(root), *(("--today", today) if today else ()), "report", *args, "--format", "json")
    assert r.code == 0, r
    return json.loads(r.out)


@pytest.fixture
def exact(examples_repo):
    """The examples with every count shown as it is (min_aantal 1), so the figures can be asserted."""
    edit(examples_repo / "regie.yaml", "  min_aantal: 5", "  min_aantal: 1")
    git(examples_repo, "commit", "-qam", "drempel 1")
    return examples_repo


def test_goals_that_ended_count_per_leefgebied_with_their_doelscore(cli, exact):
    u = report(cli, exact, "--quarter", "2026Q2")["uitkomsten"]
    # 2025-014 closed on 2026-05-18: D1 (financien) was reached with eindscore 4 (doelscore 4); D2 (dagbesteding) was
    # still open at the closing, its last evaluation score 4 reaches its doelscore 4 too
    assert u["doelen"] == {
        "per_leefgebied": {
            "financien": {"afgerond": 1, "bereikt": 1, "vervallen": 0, "open_bij_sluiting": 0, "met_doelscore": 1,
                          "doelscore_gehaald": 1, "percentage_doelscore_gehaald": 100},
            "dagbesteding": {"afgerond": 1, "bereikt": 0, "vervallen": 0, "open_bij_sluiting": 1, "met_doelscore": 1,
                             "doelscore_gehaald": 1, "percentage_doelscore_gehaald": 100},
        },
        "totaal": {"afgerond": 2, "bereikt": 1, "vervallen": 0, "open_bij_sluiting": 1, "met_doelscore": 2,
                   "doelscore_gehaald": 2, "percentage_doelscore_gehaald": 100},
    }
    root = ("-C", str(exact))
    assert cli(*root, "doel", "done", "2026-001", "D1", "--eindscore", "3").code == 0  # doelscore 3: reached
    assert cli(*root, "doel", "done", "2026-001", "D3", "--eindscore", "2").code == 0  # doelscore 3: done, score not reached
    assert cli(*root, "doel", "drop", "2026-001", "D2", "--reden", "cliënt wil geen behandeling").code == 0
    d = report(cli, exact, "--quarter", "2026Q4")["uitkomsten"]["doelen"]
    assert d["totaal"] == {"afgerond": 3, "bereikt": 2, "vervallen": 1, "open_bij_sluiting": 0, "met_doelscore": 3,
                           "doelscore_gehaald": 1, "percentage_doelscore_gehaald": 33}
    assert d["per_leefgebied"]["financien"]["doelscore_gehaald"] == 0
    assert d["per_leefgebied"]["huisvesting"]["doelscore_gehaald"] == 1
    # below the network's threshold a percentage is left out and counts are hidden as 'x'
    edit(exact / "regie.yaml", "  min_aantal: 1", "  min_aantal: 5")
    d = report(cli, exact, "--quarter", "2026Q4")["uitkomsten"]["doelen"]
    assert d["totaal"]["percentage_doelscore_gehaald"] is None and d["per_leefgebied"]["financien"]["afgerond"] == "x"


def test_a_family_that_comes_back_within_twelve_months_is_a_re_melding(cli, exact):
    root = ("-C", str(exact))
    edit(exact / "casussen/2025-014/casus.yaml", "leefgebieden:\n", "huishouden:\n  id: HH-0014\n  leden: []\nleefgebieden:\n")
    git(exact, "commit", "-qam", "huishouden")
    r = cli(*root, *NEW)  # 2026-11-26: within twelve months of the closing on 2026-05-18
    assert (r.code, r.out) == (0, "2026-010\n"), r
    h = report(cli, exact, "--quarter", "2026Q4")["uitkomsten"]["hermeldingen"]
    assert h == {"aantal": 1, "van": 6, "percentage": 17, "maanden": 12, "casussen": ["2026-010"]}
    # the earlier case is read only as a closing (it cannot count in 2026Q4 itself): same answer without the cache
    assert json.loads(cli(*root, "--no-cache", "report", "--quarter", "2026Q4", "--format", "json").out)["uitkomsten"][
        "hermeldingen"] == h
    groups = report(cli, exact, "--quarter", "2026Q4")["uitkomsten"]["per_groep"]
    assert groups["traject"]["regulier"]["hermeldingen"] == 1 and groups["urgentie"]["middel"]["hermeldingen"] == 1
    # a year and more after the closing it is a new melding, not a re-melding
    assert cli("-C", str(exact), "--today", "2027-06-01", *NEW[:-2], "--huishouden", "HH-0014").code == 0
    h = report(cli, exact, "--quarter", "2027Q2", today="2027-07-01")["uitkomsten"]["hermeldingen"]
    assert (h["aantal"], h["van"], h["casussen"]) == (0, 1, [])


def test_outcomes_are_broken_down_by_traject_urgentie_and_doelgroep(cli, exact):
    g = report(cli, exact, "--quarter", "2026Q4")["uitkomsten"]["per_groep"]
    assert list(g) == ["traject", "urgentie", "doelgroep"]
    row = {"gesloten": 0, "doelen_afgerond": 0, "doelscore_gehaald": 0, "met_doelscore": 0, "zrm_verslechterd": 0, "hermeldingen": 0}
    assert g["traject"] == {"cti": {"actief": 1, **row, "zrm_verbeterd": 2, "zrm_gelijk": 1},
                            "regulier": {"actief": 7, **row, "zrm_verbeterd": 0, "zrm_gelijk": 2}}
    totaal = report(cli, exact, "--quarter", "2026Q4")["uitkomsten"]["totaal"]
    for dim in g:  # every breakdown adds up to the totals
        assert {k: sum(r[f"zrm_{k}"] for r in g[dim].values()) for k in totaal} == totaal == \
            {"verbeterd": 2, "gelijk": 3, "verslechterd": 0}
    assert sum(r["actief"] for r in g["urgentie"].values()) == sum(r["actief"] for r in g["doelgroep"].values()) == 8
    # --no-ids is for readers outside the network: doelgroep is free text and goes, like per_doelgroep of the instroom
    r = cli("-C", str(exact), "report", "--quarter", "2026Q4", "--format", "json", "--no-ids")
    assert list(json.loads(r.out)["uitkomsten"]["per_groep"]) == ["traject", "urgentie"]
    md = cli("-C", str(exact), "report", "--quarter", "2026Q4", "--format", "md").out
    assert "| Per traject | Actief | Gesloten | Doelen afgerond |" in md
    assert "| CTI (Critical Time Intervention) | 1 | 0 | 0 | 0 | 0 | 2 | 1 | 0 | 0 |" in md


def test_report_vergelijk_puts_two_periods_side_by_side(cli, exact):
    root = ("-C", str(exact))
    v = json.loads(cli(*root, "report", "--quarter", "2026Q4", "--vergelijk", "2026Q2", "--format", "json").out)
    assert (v["periode"]["label"], v["vergelijk"]["label"]) == ("2026Q4", "2026Q2")
    rows = {(r["onderdeel"], r["cijfer"]): (r["periode"], r["vergelijk"], r["verschil"]) for r in v["cijfers"]}
    assert rows[("instroom", "meldingen")] == (5, 1, 4)
    assert not [k for k, (a, b, _) in rows.items() if a == 0 and b == 0]  # a figure that is 0 in both says nothing
    assert rows[("uitkomsten", "doelen.totaal.afgerond")] == (0, 2, -2)
    # each side is the report of its own period
    q2 = report(cli, exact, "--quarter", "2026Q2")
    assert rows[("afspraken", "totaal.gemaakt")][1] == q2["afspraken"]["totaal"]["gemaakt"]
    assert rows[("doorlooptijden", "melding_tot_plan.mediaan")] == (None, q2["doorlooptijden"]["melding_tot_plan"]["mediaan"], None)
    text = cli(*root, "report", "--quarter", "2026Q4", "--vergelijk", "2026Q2", "--format", "csv", "--csv-dialect", "rfc").out
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == ["onderdeel", "cijfer", "4e kwartaal 2026", "2e kwartaal 2026", "verschil"]
    assert ["Instroom en uitstroom", "Meldingen ontvangen", "5", "1", "4"] in table
    assert not any("_" in row[1] or "." in row[1] for row in table[1:]), "a key instead of a Dutch name"
    md = cli(*root, "report", "--quarter", "2026Q4", "--vergelijk", "2026Q2", "--format", "md").out
    assert md.startswith("# Vergelijking 4e kwartaal 2026 met 2e kwartaal 2026 — Integraal Netwerk Zuiderhaven\n")
    assert "| Instroom en uitstroom | Meldingen ontvangen | 5 | 1 | +4 |\n" in md
    assert "| Instroom en uitstroom | Casussen gesloten | 1 | 1 | 0 |\n" in md
    assert "4e kwartaal 2026 (1 oktober t/m 26 november) (loopt nog); 2e kwartaal 2026 (1 april t/m 30 juni)." in md
    html = cli(*root, "report", "--quarter", "2026Q4", "--vergelijk", "2026Q2", "--format", "html").out
    assert "<td>Instroom en uitstroom</td><td>Meldingen ontvangen</td><td>5</td><td>1</td><td>+4</td>" in html
    r = cli(*root, "report", "--quarter", "2026Q4", "--vergelijk", "2025")
    assert r.code == 0 and "Vergelijking 4e kwartaal 2026 met 2025" in r.out


@pytest.mark.parametrize("args, err", [
    (["--quarter", "2026Q4", "--vergelijk", "2026Q5"], "fout: ongeldig kwartaal '2026Q5'"),
    (["--quarter", "2026Q4", "--vergelijk", "2026Q4"], "fout: --vergelijk 2026Q4 is dezelfde periode als het rapport; kies een andere\n"),
    (["--quarter", "2026Q4", "--vergelijk", "2027Q1"], "fout: de periode 2027Q1 is nog niet begonnen\n"),
    (["--quarter", "2026Q4", "--vergelijk", "vorig jaar"], "fout: ongeldig kwartaal 'vorig jaar'"),
])
def test_report_vergelijk_refuses_bad_periods(cli, examples_repo, args, err):
    r = cli("-C", str(examples_repo), "report", *args)
    assert (r.code, r.out, r.err[: len(err)]) == (2, "", err), r


def test_report_vergelijk_on_the_terminal_shows_small_counts_without_a_difference(cli, examples_repo):
    r = cli("-C", str(examples_repo), "report", "--quarter", "2026Q4", "--vergelijk", "2026Q2", "--format", "json")
    rows = json.loads(r.out)["cijfers"]
    hidden = [row for row in rows if "x" in (row["periode"], row["vergelijk"])]
    assert hidden and all(row["verschil"] is None for row in hidden)
    row = next(r for r in rows if r["cijfer"] == "per_partner.ggz-delta.vervallen")
    assert row["cijfer_naam"] == "Afspraken per partner — GGZ Delta — vervallen"
    r = cli("-C", str(examples_repo), "report", "--quarter", "2026Q4", "--vergelijk", "2026Q2")
    assert r.code == 0, r
    assert "Vergelijking 4e kwartaal 2026 met 2e kwartaal 2026" in r.out and "per_partner" not in r.out
