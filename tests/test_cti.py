"""CTI phases (issue 11, item 7)."""

from __future__ import annotations

import pytest
from conftest import git

C = "casussen/2026-004"


def test_the_example_trajectory_has_its_three_phases(cli):
    from conftest import EXAMPLES

    assert "cti: overbrugging vanaf 2026-01-12 (D1, D2), oefenfase vanaf 2026-04-14 (D2, D3), overdracht vanaf 2026-07-14 (D3)" \
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
    r = cli(*root, "cti", "2026-004", "--fase", "overbrugging", "--datum", "2026-09-01", "--doel", "D1")
    assert (r.code, r.err.splitlines()[-1]) == (0, "casus 2026-004: overbrugging begonnen op 2026-09-01"), r
    assert "cti:\n  fasen:\n    - fase: overbrugging\n      van: 2026-09-01\n      doelen: [D1]\ngeopend:" in path.read_text()
    assert git(examples_repo, "log", "-1", "--format=%s") == "regie cti: overbrugging begonnen in casus 2026-004\n"
    out = cli(*root, "validate", "2026-004").out
    assert (f"{C}/casus.yaml:10: [cti-achter] waarschuwing: CTI-traject loopt achter: 0 netwerkbijeenkomsten in journaal/ en bijeenkomsten.yaml, "
            "verwacht minstens 1 (één per fase die langer dan 30 dagen loopt; norm 3)\n") in out
    assert cli(*root, "note", "2026-004", "--soort", "netwerkbijeenkomst", "--tekst", "Eerste bijeenkomst.").code == 0
    assert "cti-achter" not in cli(*root, "validate", "2026-004").out


@pytest.mark.parametrize("args, code, err", [
    (["2026-004", "--fase", "rustfase"], 2, "fout: onbekende fase 'rustfase'; kies uit: overbrugging, oefenfase, overdracht\n"),
    (["2026-004", "--fase", "overdracht"], 1, "fout: de volgende fase van casus 2026-004 is (geen: alle fasen zijn begonnen), "
                                              "niet overdracht (volgorde: overbrugging, oefenfase, overdracht)\n"),
    (["2026-001", "--fase", "overbrugging"], 1, "fout: casus 2026-001 heeft traject regulier; CTI-fasen horen bij traject cti\n"),
])
def test_refusals_write_nothing(cli, examples_repo, args, code, err):
    head = git(examples_repo, "rev-parse", "HEAD")
    r = cli("-C", str(examples_repo), "cti", *args)
    assert (r.code, r.err) == (code, err), r
    assert git(examples_repo, "rev-parse", "HEAD") == head and git(examples_repo, "status", "--porcelain") == ""


def test_a_phase_out_of_order_by_hand_is_an_error(cli, examples_repo):
    path = examples_repo / C / "casus.yaml"
    path.write_text(path.read_text().replace("    - fase: oefenfase\n      van: 2026-04-14", "    - fase: overdracht\n      van: 2026-01-01"))
    out = [line for line in cli("-C", str(examples_repo), "validate", "2026-004").out.splitlines() if "cti-fase" in line]
    assert out == [
        f"{C}/casus.yaml:15: [cti-fase] fase 2 hoort oefenfase te zijn, niet overdracht (volgorde: overbrugging, oefenfase, overdracht)",
        f"{C}/casus.yaml:16: [cti-fase] overdracht begint op 2026-01-01, voor de opening van de casus",
    ]
