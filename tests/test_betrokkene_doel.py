"""`regie betrokkene add|drop` and `regie doel add|done|drop` (issue 11, item 1): the network and the goals by command."""

from __future__ import annotations

import pytest
from conftest import git

NET = "casussen/2026-007/netwerk.yaml"
PLAN = "casussen/2026-002/plan.md"


def test_professionals_and_naasten_are_added_in_the_files_own_style(cli, examples_repo):
    root = ("-C", str(examples_repo))
    before = (examples_repo / NET).read_text()
    r = cli(*root, "betrokkene", "add", "2026-007", "--organisatie", "wijkteam", "--rol", "ambulant begeleider")
    assert (r.code, r.out) == (0, "ambulant-begeleider\n"), r
    r = cli(*root, "betrokkene", "add", "2026-007", "--naaste", "--relatie", "zus", "--vip", "--niet-steunend")
    assert (r.code, r.out) == (0, "zus\n"), r
    r = cli(*root, "betrokkene", "add", "2026-007", "--organisatie", "wijkteam", "--rol", "ambulant begeleider")
    assert (r.code, r.out) == (0, "ambulant-begeleider-2\n"), r
    text = (examples_repo / NET).read_text()
    assert text.startswith(before.split("naasten:")[0].rstrip("\n"))  # what was there stays, comments included
    assert ("  - id: ambulant-begeleider\n    organisatie: wijkteam\n    rol: ambulant begeleider\n"
            "  - id: ambulant-begeleider-2\n    organisatie: wijkteam\n    rol: ambulant begeleider\nnaasten:\n") in text
    assert text.endswith("  - id: zus\n    relatie: zus\n    steunend: false\n    vip: true\n")
    assert git(examples_repo, "log", "-3", "--format=%s").splitlines() == [
        "regie betrokkene: betrokkene toegevoegd aan casus 2026-007"] * 3
    assert git(examples_repo, "show", "--name-only", "--format=", "HEAD").split() == [NET]
    # the first agreement can name the new betrokkene without editing netwerk.yaml by hand
    r = cli(*root, "afspraak", "add", "2026-007", "--wat", "Huisbezoek", "--wie", "ambulant-begeleider", "--deadline", "2026-12-05")
    assert r.code == 0, r


def test_ending_involvement_keeps_the_person_and_warns_about_their_open_agreements(cli, examples_repo):
    root = ("-C", str(examples_repo))
    assert cli(*root, "betrokkene", "add", "2026-007", "--naaste", "--relatie", "buurvrouw").code == 0
    assert cli(*root, "afspraak", "add", "2026-007", "--wat", "Boodschappen", "--wie", "buurvrouw",
               "--deadline", "2026-12-05").code == 0
    r = cli(*root, "betrokkene", "drop", "2026-007", "buurvrouw", "--reden", "verhuisd", "--datum", "2026-11-25")
    assert r.code == 0, r
    assert r.err.startswith("waarschuwing: open afspraken van buurvrouw: A")
    assert (examples_repo / NET).read_text().endswith("  - id: buurvrouw\n    relatie: buurvrouw\n    tot: 2026-11-25\n"
                                                      "    reden: verhuisd\n")
    out = cli(*root, "validate", "2026-007").out
    assert "[afspraak-wie-weg] waarschuwing: A" in out and "'buurvrouw' is niet meer betrokken" in out
    r = cli(*root, "afspraak", "add", "2026-007", "--wat", "x", "--wie", "buurvrouw", "--deadline", "2026-12-05")
    assert (r.code, r.err) == (1, "fout: 'buurvrouw' is niet meer betrokken bij casus 2026-007 (netwerk.yaml: tot); kies een ander\n")
    r = cli(*root, "betrokkene", "drop", "2026-007", "buurvrouw", "--reden", "nogmaals")
    assert (r.code, r.err) == (1, "fout: buurvrouw is al niet meer betrokken (tot 2026-11-25)\n")


@pytest.mark.parametrize("args, code, err", [
    (["add", "2026-007", "--rol", "begeleider"], 2, "fout: --organisatie, --rol, --naaste, --relatie: geef een professional (organisatie en rol) of een naaste"),
    (["add", "2026-007", "--naaste"], 2, "fout: --naaste, --relatie, --organisatie, --rol: een naaste heeft een relatie (bijv. zus, buurman) en geen organisatie of rol\n"),
    (["add", "2026-007", "--organisatie", "nergens", "--rol", "x"], 2, "fout: --organisatie: onbekende organisatie 'nergens'"),
    (["add", "2026-007", "--naaste", "--relatie", "zus", "--id", "Jan Jansen"], 2, "fout: ongeldige id 'Jan Jansen'"),
    (["add", "2026-007", "--naaste", "--relatie", "zus", "--id", "nicht"], 1,
     "fout: 'nicht' is al een betrokkene, regisseur of de cliënt in casus 2026-007; kies een andere id\n"),
    (["add", "2026-007", "--naaste", "--relatie", "zus 0612345678"], 2, "fout: --relatie: de relatie bevat mogelijk een telefoonnummer"),
    (["add", "2025-014", "--naaste", "--relatie", "zus"], 1, "fout: casus 2025-014 is gesloten; het netwerk wijzigen kan niet meer\n"),
    (["drop", "2026-007", "nobody", "--reden", "x"], 1, "fout: casus 2026-007 heeft geen betrokkene 'nobody'"),
    (["drop", "2026-007", "nicht", "--reden", "x", "--datum", "2026-11-27"], 2, "fout: datum 2026-11-27 ligt in de toekomst\n"),
])
def test_betrokkene_refusals_write_nothing(cli, examples_repo, args, code, err):
    head = git(examples_repo, "rev-parse", "HEAD")
    r = cli("-C", str(examples_repo), "betrokkene", *args)
    assert (r.code, r.err[: len(err)]) == (code, err), r
    assert git(examples_repo, "rev-parse", "HEAD") == head and git(examples_repo, "status", "--porcelain") == ""


def test_goals_added_reached_and_dropped_leave_the_plan_text_alone(cli, examples_repo):
    root = ("-C", str(examples_repo))
    body = (examples_repo / PLAN).read_text().split("\n---\n", 1)[1]
    r = cli(*root, "doel", "add", "2026-002", "--leefgebied", "dagbesteding", "--wat", "De oudste gaat naar de sportclub.",
            "--startscore", "2", "--doelscore", "4", "--lid", "L3")
    assert (r.code, r.out) == (0, "D6\n"), r
    assert r.err.startswith("waarschuwing: het plan is vastgesteld op 2026-03-24 (versie 1); leg de wijziging vast in een "
                            "nieuwe versie met 'regie plan 2026-002 --vaststellen'\n")
    text = (examples_repo / PLAN).read_text()
    assert ("  - id: D6\n    leefgebied: dagbesteding\n    doel: De oudste gaat naar de sportclub.\n    lid: L3\n"
            "    startscore: 2\n    doelscore: 4\n---\n") in text
    assert text.split("\n---\n", 1)[1] == body
    assert cli(*root, "doel", "done", "2026-002", "D6", "--eindscore", "4").code == 0
    r = cli(*root, "doel", "drop", "2026-002", "D1", "--reden", "schuldregeling loopt via de bewindvoerder")
    assert (r.code, r.err) == (0, "doel D1 van casus 2026-002 vervallen\n"), r  # no open agreements at D1
    text = (examples_repo / PLAN).read_text()
    assert "    doelscore: 4\n    status: bereikt\n    bereikt_op: 2026-11-26\n    eindscore: 4\n---\n" in text
    assert ("    doelscore: 3\n    status: vervallen\n    vervallen_op: 2026-11-26\n"
            "    reden: schuldregeling loopt via de bewindvoerder\n  - id: D2\n") in text
    assert git(examples_repo, "log", "-3", "--format=%s").splitlines() == [
        "regie doel: D1 van casus 2026-002 vervallen",
        "regie doel: D6 van casus 2026-002 bereikt",
        "regie doel: D6 toegevoegd aan casus 2026-002",
    ]
    plan = cli(*root, "plan", "2026-002").out
    assert "### D6 · Dagbesteding · L3\n" not in plan  # the member by pseudonym or role, not by id
    assert "### D6 · Dagbesteding · kind (2013)\n" in plan
    assert "(schaal 1–5) · bereikt op 26 november 2026 (score 4)\n" in plan
    assert "(schaal 1–5) · vervallen op 26 november 2026: schuldregeling loopt via de bewindvoerder\n" in plan
    assert cli(*root, "validate", "2026-002").out == ""
    r = cli(*root, "afspraak", "add", "2026-002", "--wat", "x", "--wie", "schuldhulp", "--deadline", "2026-12-05", "--doel", "D1")
    assert (r.code, r.err) == (1, "fout: doel D1 is vervallen; een nieuwe afspraak hoort bij een open doel\n")


@pytest.mark.parametrize("args, code, err", [
    (["add", "2026-002", "--leefgebied", "geluk", "--wat", "x"], 2, "fout: onbekend leefgebied 'geluk'; kies uit: "),
    (["add", "2026-002", "--leefgebied", "financien", "--wat", "x", "--startscore", "7"], 2,
     "fout: --startscore: de startscore moet tussen 1 en 5 liggen, niet 7\n"),
    (["add", "2026-002", "--leefgebied", "financien", "--wat", "x", "--lid", "L9"], 1,
     "fout: lid 'L9' staat niet in het huishouden van casus 2026-002 (wel: L1, L2, L3, L4, L5)\n"),
    (["add", "2026-003", "--leefgebied", "financien", "--wat", "x"], 1, "fout: casus 2026-003 heeft nog geen plan.md\n"),
    (["done", "2026-002", "D9"], 1, "fout: casus 2026-002 heeft geen doel 'D9' (wel: D1, D2, D3, D4, D5)\n"),
    (["done", "2026-002", "D1", "--datum", "2026-03-01"], 2,
     "fout: datum 2026-03-01 ligt voor de vaststelling van het plan (2026-03-24)\n"),
    (["drop", "2026-002", "D1", "--reden", " "], 2, "fout: --reden: de reden mag niet leeg zijn\n"),
])
def test_doel_refusals_write_nothing(cli, examples_repo, args, code, err):
    head = git(examples_repo, "rev-parse", "HEAD")
    r = cli("-C", str(examples_repo), "doel", *args)
    assert (r.code, r.err[: len(err)]) == (code, err), r
    assert git(examples_repo, "rev-parse", "HEAD") == head and git(examples_repo, "status", "--porcelain") == ""
