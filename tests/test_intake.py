"""`regie intake`: the decision on a melding, and a melding not taken on closed with its referral (issue 10, item 5)."""

from __future__ import annotations

import json

import pytest
from conftest import git

NEW = ["new-case", "--datum", "2026-11-20", "--melder-rol", "buurvrouw", "--aard", "zorgen", "--soort", "schulden",
       "--urgentie", "laag", "--leefgebied", "financien", "--regisseur", "a-bakker", "--pseudoniem", "Mevrouw Q.",
       "--afweging", "eerst intake"]


@pytest.fixture
def repo(cli, examples_repo):
    r = cli("-C", str(examples_repo), "--today", "2026-11-21", *NEW)
    assert (r.code, r.out) == (0, "2026-010\n"), r
    return examples_repo


def casus(repo) -> str:
    return (repo / "casussen/2026-010/casus.yaml").read_text()


def test_taken_on_moves_the_case_to_onderzoek(cli, repo):
    r = cli("-C", str(repo), "intake", "2026-010", "--besluit", "aangenomen", "--reden", "meervoudige problematiek")
    assert (r.code, r.err) == (0, "melding van casus 2026-010 aangenomen: status onderzoek\n"), r
    text = casus(repo)
    assert "\nstatus: onderzoek " in text
    assert text.endswith("intake:\n  datum: 2026-11-26\n  besluit: aangenomen\n  reden: meervoudige problematiek\n")
    assert git(repo, "log", "-1", "--format=%s") == "regie intake: melding van casus 2026-010 aangenomen\n"
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == ["casussen/2026-010/casus.yaml"]
    assert "intake 2026-11-26: aangenomen" in cli("-C", str(repo), "show", "2026-010").out
    again = cli("-C", str(repo), "intake", "2026-010", "--besluit", "niet-aangenomen", "--reden", "toch niet")
    assert (again.code, again.err) == (1, "fout: casus 2026-010 heeft al een intakebesluit: aangenomen op 2026-11-26\n")


def test_not_taken_on_is_closed_with_its_referral_and_a_short_retention(cli, repo):
    r = cli("-C", str(repo), "intake", "2026-010", "--besluit", "niet-aangenomen", "--reden", "enkelvoudige vraag",
            "--verwezen-naar", "schuldhulp", "--datum", "2026-11-24")
    assert r.code == 0, r
    assert r.err == "melding van casus 2026-010 niet aangenomen: casus gesloten, verwezen naar Schuldhulpverlening Zuiderhaven\n"
    assert casus(repo).endswith(
        "intake:\n  datum: 2026-11-24\n  besluit: niet-aangenomen\n  reden: enkelvoudige vraag\n  verwezen_naar: schuldhulp\n"
        "gesloten: 2026-11-24\nsluitreden: niet-geaccepteerd\nbewaren_tot: 2028-11-24\nbewaarcategorie: kortdurend\n"
        "zonder_evaluatie: melding niet aangenomen\n")
    assert "\nstatus: gesloten " in casus(repo)
    assert cli("-C", str(repo), "validate", "2026-010").out == ""
    log = [" ".join(line.split()) for line in cli("-C", str(repo), "log", "2026-010").out.splitlines()]
    assert ("2026-11-24 dossier melding niet aangenomen, verwezen naar Schuldhulpverlening Zuiderhaven: enkelvoudige vraag"
            in log)
    assert ("besloot het netwerk de melding niet op te pakken; u bent verwezen naar Schuldhulpverlening Zuiderhaven."
            in cli("-C", str(repo), "export", "2026-010").out)
    report = json.loads(cli("-C", str(repo), "report", "--quarter", "2026Q4", "--format", "json").out)["instroom"]
    assert report["intake_per_besluit"] == {"niet-aangenomen": "x"}  # below the threshold: hidden
    assert report["niet_aangenomen_verwezen_naar"] == {"schuldhulp": "x"}


def test_not_taken_on_without_referral_is_a_warning(cli, repo):
    r = cli("-C", str(repo), "intake", "2026-010", "--besluit", "niet-aangenomen", "--reden", "geen zorgen")
    assert r.code == 0 and r.err.startswith(
        "waarschuwing: niet vastgelegd naar welke organisatie de melding is verwezen\n"), r
    out = cli("-C", str(repo), "validate", "2026-010").out
    assert out.startswith("casussen/2026-010/casus.yaml:17: [intake-verwijzing] waarschuwing: melding niet aangenomen "
                          "zonder vastgelegde verwijzing ('verwezen_naar')"), out


@pytest.mark.parametrize("args, code, err", [
    (["--besluit", "misschien", "--reden", "x"], 2, "fout: onbekend besluit 'misschien'; kies uit: aangenomen, niet-aangenomen\n"),
    (["--besluit", "aangenomen", "--reden", " "], 2, "fout: --reden: de reden mag niet leeg zijn\n"),
    (["--besluit", "aangenomen", "--reden", "x", "--verwezen-naar", "schuldhulp"], 2,
     "fout: --verwezen-naar: waarheen verwezen is hoort bij een melding die niet wordt aangenomen\n"),
    (["--besluit", "niet-aangenomen", "--reden", "x", "--verwezen-naar", "nergens"], 2, "fout: --verwezen-naar: onbekende organisatie 'nergens'"),
    (["--besluit", "aangenomen", "--reden", "x", "--datum", "2026-11-20"], 2,
     "fout: datum 2026-11-20 ligt voor de opening van de casus (2026-11-21)\n"),
    (["--besluit", "aangenomen", "--reden", "x", "--datum", "2026-13-01"], 2, "fout: ongeldige --datum '2026-13-01'"),
])
def test_refusals_write_nothing(cli, repo, args, code, err):
    head, before = git(repo, "rev-parse", "HEAD"), casus(repo)
    r = cli("-C", str(repo), "intake", "2026-010", *args)
    assert (r.code, r.err[: len(err)]) == (code, err), r
    assert casus(repo) == before and git(repo, "rev-parse", "HEAD") == head and git(repo, "status", "--porcelain") == ""


def test_only_a_new_melding_gets_an_intake_decision(cli, repo):
    r = cli("-C", str(repo), "intake", "2026-001", "--besluit", "aangenomen", "--reden", "x")
    assert (r.code, r.err) == (1, "fout: casus 2026-001 is al uitvoering; een intakebesluit hoort bij een nieuwe melding "
                                  "(status melding)\n")
    r = cli("-C", str(repo), "intake", "2099-001", "--besluit", "aangenomen", "--reden", "x")
    assert r.code != 0 and "2099-001" in r.err


def test_a_hand_written_refusal_on_an_open_case_is_an_error(cli, repo):
    path = repo / "casussen/2026-010/casus.yaml"
    path.write_text(path.read_text() + "intake:\n  datum: 2026-11-21\n  besluit: niet-aangenomen\n  verwezen_naar: schuldhulp\n")
    out = cli("-C", str(repo), "validate", "2026-010").out
    assert "casussen/2026-010/casus.yaml:4: [intake-status] de melding is niet aangenomen (2026-11-21), maar de casus is melding\n" in out
