"""CTI phases (issue 11, item 7) as the Dutch CTI model runs them (issue 25, item 7)."""

from __future__ import annotations

import pytest
from conftest import git

C = "casussen/2026-004"


def test_the_example_trajectory_has_its_three_phases(cli):
    from conftest import EXAMPLES

    assert "cti: structurering vanaf 2026-01-12 (D1, D2), testen vanaf 2026-04-14 (D2, D3), overdracht vanaf 2026-07-14 (D3)" \
        in cli("-C", str(EXAMPLES), "show", "2026-004").out


def test_phases_are_recorded_in_order_and_meetings_that_run_behind_warn(cli, examples_repo):
    root = ("-C", str(examples_repo))
    path = examples_repo / C / "casus.yaml"
    text = path.read_text()
    start, end = text.index("cti:\n"), text.index("geopend:")
    path.write_text(text[:start] + text[end:])  # the trajectory without phases
    for j in (examples_repo / C / "journaal").glob("*.md"):
        j.unlink()  # and without netwerkbijeenkomsten
    (examples_repo / C / "bijeenkomsten.yaml").unlink(missing_ok=True)
    git(examples_repo, "add", "-A")
    git(examples_repo, "commit", "-qam", "zonder fasen")
    r = cli(*root, "cti", "2026-004", "--fase", "structurering", "--datum", "2026-09-01", "--doel", "D1")
    assert (r.code, r.err.splitlines()[-1]) == (0, "casus 2026-004: structurering begonnen op 2026-09-01"), r
    assert "cti:\n  fasen:\n    - fase: structurering\n      van: 2026-09-01\n      doelen: [D1]\ngeopend:" in path.read_text()
    assert git(examples_repo, "log", "-1", "--format=%s") == "regie cti: structurering begonnen in casus 2026-004\n"
    out = cli(*root, "validate", "2026-004").out
    assert (f"{C}/casus.yaml:10: [cti-achter] waarschuwing: CTI-traject loopt achter: 0 netwerkbijeenkomsten in journaal/ en bijeenkomsten.yaml, "
            "verwacht minstens 1 (één per fase die langer dan 30 dagen loopt; norm 3)\n") in out
    assert cli(*root, "note", "2026-004", "--soort", "netwerkbijeenkomst", "--tekst", "Eerste bijeenkomst.").code == 0
    assert "cti-achter" not in cli(*root, "validate", "2026-004").out


@pytest.mark.parametrize("args, code, err", [
    (["2026-004", "--fase", "rustfase"], 2, "fout: --fase: onbekende fase 'rustfase'; kies uit: structurering, testen, overdracht\n"),
    (["2026-004", "--fase", "overbrugging"], 2, "fout: --fase: onbekende fase 'overbrugging' ('overbrugging' heet nu 'structurering'); "
                                                "kies uit: structurering, testen, overdracht\n"),
    (["2026-004", "--fase", "overdracht"], 1, "fout: de volgende fase van casus 2026-004 is (geen: alle fasen zijn begonnen), "
                                              "niet overdracht (volgorde: structurering, testen, overdracht)\n"),
    (["2026-001", "--fase", "structurering"], 1, "fout: casus 2026-001 heeft traject regulier; CTI-fasen horen bij traject cti\n"),
])
def test_refusals_write_nothing(cli, examples_repo, args, code, err):
    head = git(examples_repo, "rev-parse", "HEAD")
    r = cli("-C", str(examples_repo), "cti", *args)
    assert (r.code, r.err) == (code, err), r
    assert git(examples_repo, "rev-parse", "HEAD") == head and git(examples_repo, "status", "--porcelain") == ""


def test_a_phase_out_of_order_by_hand_is_an_error(cli, examples_repo):
    path = examples_repo / C / "casus.yaml"
    path.write_text(path.read_text().replace("    - fase: testen\n      van: 2026-04-14", "    - fase: overdracht\n      van: 2026-01-01"))
    out = [line for line in cli("-C", str(examples_repo), "validate", "2026-004").out.splitlines() if "cti-fase" in line]
    assert out == [
        f"{C}/casus.yaml:15: [cti-fase] fase 2 hoort testen te zijn, niet overdracht (volgorde: structurering, testen, overdracht)",
        f"{C}/casus.yaml:16: [cti-fase] overdracht begint op 2026-01-01, voor de opening van de casus",
    ]


def test_phases_under_the_old_names_still_validate_with_a_warning(cli, examples_repo):
    path = examples_repo / C / "casus.yaml"
    path.write_text(path.read_text().replace("fase: structurering", "fase: overbrugging").replace("fase: testen", "fase: oefenfase"))
    r = cli("-C", str(examples_repo), "validate", "2026-004")
    found = [line for line in r.out.splitlines() if "cti-fase" in line]
    assert found == [
        f"{C}/casus.yaml:12: [cti-fase-oud] waarschuwing: fase 'overbrugging' heet in het CTI-model van regie.yaml 'structurering' "
        "(structurering); regie leest hem zo, hernoem hem in casus.yaml",
        f"{C}/casus.yaml:15: [cti-fase-oud] waarschuwing: fase 'oefenfase' heet in het CTI-model van regie.yaml 'testen' "
        "(testen en uitproberen); regie leest hem zo, hernoem hem in casus.yaml",
    ]
    assert r.code == 0, r


def test_a_trajectory_past_its_planned_length_warns(cli, examples_repo):
    """2026-004 began its first phase on 2026-01-12: nine months later (2026-10-12) it is still open in nazorg."""
    warning = (f"{C}/casus.yaml:10: [cti-duur] waarschuwing: CTI-traject loopt langer dan gepland: begonnen op 2026-01-12, "
               "gepland 9 maanden (tot 2026-10-12); rond de overdracht van zorg af of sluit de casus")
    assert warning in cli("-C", str(examples_repo), "validate", "2026-004").out.splitlines()
    # one day before the planned end: no warning
    assert "cti-duur" not in cli("-C", str(examples_repo), "--today", "2026-10-12", "validate", "2026-004").out


def test_a_network_sets_its_own_model(cli, examples_repo):
    """Phase names and lengths come from regie.yaml: a network with four phases of two months."""
    cfg = examples_repo / "regie.yaml"
    cfg.write_text(cfg.read_text().replace("cti:\n", "cti:\n  fasen:\n"
                                           "    - {fase: kennismaken, maanden: 2}\n    - {fase: structurering, maanden: 2}\n"
                                           "    - {fase: testen, maanden: 2}\n    - {fase: overdracht, maanden: 2}\n", 1))
    out = cli("-C", str(examples_repo), "validate", "2026-004").out.splitlines()
    assert [line for line in out if "cti-" in line and "cti-achter" not in line] == [
        f"{C}/casus.yaml:10: [cti-duur] waarschuwing: CTI-traject loopt langer dan gepland: begonnen op 2026-01-12, "
        "gepland 8 maanden (tot 2026-09-12); rond de overdracht van zorg af of sluit de casus",
        f"{C}/casus.yaml:12: [cti-fase] fase 1 hoort kennismaken te zijn, niet structurering "
        "(volgorde: kennismaken, structurering, testen, overdracht)",
        f"{C}/casus.yaml:15: [cti-fase] fase 2 hoort structurering te zijn, niet testen (volgorde: kennismaken, structurering, testen, overdracht)",
        f"{C}/casus.yaml:18: [cti-fase] fase 3 hoort testen te zijn, niet overdracht (volgorde: kennismaken, structurering, testen, overdracht)",
    ]
