"""`regie caseload` and the caseload norm (issue 11, item 2)."""

from __future__ import annotations

import json

from conftest import EXAMPLES, edit, git

EX = ("-C", str(EXAMPLES))


def test_weighted_caseload_now_against_the_norm(cli):
    r = cli(*EX, "caseload")
    assert (r.code, r.out) == (0, "regisseur   open  gewogen   norm\n"
                                  "a-bakker       2      2,7     12\n"
                                  "j-devries      2      2,5     12\n"
                                  "m-elhaddad     3      4,6     12\n"), r  # a decimal comma
    assert r.err == "caseload op 2026-11-26: 7 casussen open, 3 regisseurs\n"
    assert cli(*EX, "--no-cache", "caseload").out == r.out


def test_caseload_on_a_past_day_as_json_and_csv(cli):
    data = json.loads(cli(*EX, "caseload", "--op", "2026-06-30", "--format", "json").out)
    assert data["op"] == "2026-06-30"
    assert [(r["regisseur"], r["open"], r["gewogen"]) for r in data["regisseurs"]] == [
        ("a-bakker", 1, 1.5), ("j-devries", 1, 1.0), ("m-elhaddad", 1, 1.0), ("r-smits", 1, 1.5)]
    # r-smits left on 2026-09-30 (actief_tot) and handed 2026-006 to j-devries: no longer listed today
    now = json.loads(cli(*EX, "caseload", "--format", "json").out)
    assert [r["regisseur"] for r in now["regisseurs"]] == ["a-bakker", "j-devries", "m-elhaddad"]
    csv = cli(*EX, "caseload", "--op", "2026-06-30", "--format", "csv").out.splitlines()
    assert csv[0] == "\ufeffregisseur;naam;open;gewogen;norm;boven_norm"
    assert csv[1] == "a-bakker;Anouk Bakker;1;1,5;12;nee"


def test_refused_days(cli):
    r = cli(*EX, "caseload", "--op", "2026-11-27")
    assert (r.code, r.err) == (2, "fout: --op 2026-11-27 ligt in de toekomst\n")
    r = cli(*EX, "caseload", "--op", "2026-02-30")
    assert r.code == 2 and r.err.startswith("fout: ongeldige --op '2026-02-30'")


def test_validate_warns_above_the_norm(cli, examples_repo):
    edit(examples_repo / "regie.yaml", "  norm: 12\n", "  norm: 2.6\n")
    git(examples_repo, "commit", "-qam", "strengere norm")
    out = cli("-C", str(examples_repo), "validate").out.splitlines()
    assert [line for line in out if "caseload" in line] == [
        "regie.yaml:7: [caseload-norm] waarschuwing: regisseur a-bakker heeft een caseload van 2.7 (gewogen, 2 open "
        "casussen), boven de norm van 2.6 (caseload.norm)",
        "regie.yaml:10: [caseload-norm] waarschuwing: regisseur m-elhaddad heeft een caseload van 4.6 (gewogen, 3 open "
        "casussen), boven de norm van 2.6 (caseload.norm)",
    ]
    assert cli("-C", str(examples_repo), "caseload").out.splitlines()[1].endswith("  boven de norm")
