"""`regie afspraak add|done|drop|move`: edits that keep the user's file, validated and committed alone."""

from __future__ import annotations

import pytest
from conftest import edit, git, write_tree

C = "casussen/2026-001"

HAND_WRITTEN = """\
# Afspraken uit het netwerkoverleg van 1 maart.   Let op: A2 is gevoelig.
afspraken:
    -   id: A1      # eerste afspraak
        wat: "Huisbezoek, samen met de zus"
        wie: pro
        doel: D1
        gemaakt: 2026-03-01
        deadline: 2026-03-15
        status: gedaan
        gedaan_op: 2026-03-10

    # de zus helpt met de post
    -   id: A2
        wat: 'Post openen'
        wie: zus
        gemaakt: 2026-03-01
        deadline: 2026-11-01   # was eerst oktober
        status: open

# einde
"""


@pytest.fixture
def repo(git_dossier):
    write_tree(git_dossier, {f"{C}/afspraken.yaml": HAND_WRITTEN})
    git(git_dossier, "commit", "-qam", "handgeschreven afspraken")
    return git_dossier


def afspraken(repo) -> str:
    return (repo / C / "afspraken.yaml").read_text()


def test_done_changes_only_the_status_lines_byte_for_byte(cli, repo):
    r = cli("-C", str(repo), "afspraak", "done", "2026-001", "A2", "--datum", "2026-11-20")
    assert r.code == 0, r
    assert r.err == "waarschuwing: 19 dagen na de deadline\nafspraak A2 van casus 2026-001 gedaan\n"
    assert afspraken(repo) == HAND_WRITTEN.replace(
        "        status: open\n", "        status: gedaan\n        gedaan_op: 2026-11-20\n"
    )
    assert git(repo, "log", "-1", "--format=%s") == "regie afspraak: A2 van casus 2026-001 gedaan\n"
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == [f"{C}/afspraken.yaml"]


def test_add_appends_in_the_files_own_style(cli, repo):
    r = cli("-C", str(repo), "afspraak", "add", "2026-001", "--wat", "Budgetgesprek: plannen", "--wie", "pro",
            "--deadline", "2026-12-10", "--doel", "D1")
    assert (r.code, r.out) == (0, "A3\n"), r
    assert r.err == "afspraak A3 toegevoegd aan casus 2026-001\n"
    assert afspraken(repo) == HAND_WRITTEN.replace("\n# einde\n", "") + (
        "    -   id: A3\n"
        "        wat: 'Budgetgesprek: plannen'\n"
        "        wie: pro\n"
        "        doel: D1\n"
        "        gemaakt: 2026-11-26\n"
        "        deadline: 2026-12-10\n"
        "        status: open\n"
        "\n# einde\n"
    )
    assert git(repo, "log", "-1", "--format=%s") == "regie afspraak: A3 toegevoegd aan casus 2026-001\n"


def test_drop_and_move(cli, repo):
    r = cli("-C", str(repo), "afspraak", "move", "2026-001", "A2", "--deadline", "2026-12-15", "--reden", "zus op vakantie")
    assert r.code == 0, r
    assert afspraken(repo) == HAND_WRITTEN.replace(
        "        deadline: 2026-11-01   # was eerst oktober\n        status: open\n",
        "        deadline: 2026-12-15   # was eerst oktober\n        status: open\n"
        "        verplaatst:\n"
        "            -   van: 2026-11-01\n"
        "                naar: 2026-12-15\n"
        "                datum: 2026-11-26\n"
        "                reden: zus op vakantie\n",
    )
    r = cli("-C", str(repo), "afspraak", "drop", "2026-001", "A2", "--reden", "niet meer nodig")
    assert r.code == 0, r
    assert ("        status: vervallen\n        vervallen_op: 2026-11-26\n        reden: niet meer nodig\n"
            "        verplaatst:\n") in afspraken(repo)
    assert git(repo, "log", "-2", "--format=%s").splitlines() == [
        "regie afspraak: A2 van casus 2026-001 vervallen",
        "regie afspraak: deadline van A2 in casus 2026-001 verschoven",
    ]


def test_add_to_a_case_without_afspraken_file(cli, repo):
    (repo / C / "afspraken.yaml").unlink()
    git(repo, "commit", "-qam", "weg")
    r = cli("-C", str(repo), "afspraak", "add", "2026-001", "--wat", "Bellen", "--wie", "client", "--deadline", "2026-12-01")
    assert (r.code, r.out) == (0, "A1\n"), r
    assert afspraken(repo).endswith(
        "afspraken:\n  - id: A1\n    wat: Bellen\n    wie: client\n    gemaakt: 2026-11-26\n    deadline: 2026-12-01\n    status: open\n"
    )


def test_past_deadline_is_allowed_with_a_warning(cli, repo):
    r = cli("-C", str(repo), "afspraak", "add", "2026-001", "--wat", "x", "--wie", "reg", "--deadline", "2026-11-20",
            "--gemaakt", "2026-11-01")
    assert (r.code, r.out) == (0, "A3\n")
    assert r.err == "waarschuwing: deadline 2026-11-20 ligt in het verleden\nafspraak A3 toegevoegd aan casus 2026-001\n"


def test_other_staged_work_is_not_committed(cli, repo):
    (repo / C / "casus.yaml").write_text((repo / C / "casus.yaml").read_text().replace("urgentie: hoog", "urgentie: crisis"))
    git(repo, "add", f"{C}/casus.yaml")
    assert cli("-C", str(repo), "afspraak", "done", "2026-001", "A2").code == 0
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == [f"{C}/afspraken.yaml"]
    assert git(repo, "status", "--porcelain").splitlines() == [f"M  {C}/casus.yaml"]


def test_no_commit_leaves_it_staged(cli, repo):
    head = git(repo, "rev-parse", "HEAD")
    assert cli("-C", str(repo), "afspraak", "done", "2026-001", "A2", "--no-commit").code == 0
    assert git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "status", "--porcelain").splitlines() == [f"M  {C}/afspraken.yaml"]


@pytest.mark.parametrize("args, code, err", [
    (["done", "2026-404", "A1"], 1, "fout: onbekende casus '2026-404': geen map casussen/2026-404\n"),
    (["done", "../x", "A1"], 2, "fout: ongeldige casus-id '../x': alleen letters, cijfers, '-' en '_', hoogstens 32 tekens (bijvoorbeeld 2026-014)\n"),
    (["done", "2026-001", "A9"], 1, "fout: casus 2026-001 heeft geen afspraak 'A9' (wel: A1, A2)\n"),
    (["done", "2026-001", "A1"], 1, "fout: afspraak A1 is al gedaan (op 2026-03-10)\n"),
    (["done", "2026-001", "A2", "--datum", "2026-12-01"], 2, "fout: datum 2026-12-01 ligt in de toekomst\n"),
    (["drop", "2026-001", "A1", "--reden", "x"], 1, "fout: afspraak A1 is al gedaan\n"),
    (["move", "2026-001", "A1", "--deadline", "2026-12-01", "--reden", "x"], 1,
     "fout: afspraak A1 is gedaan; alleen een open afspraak kan verschuiven\n"),
    (["move", "2026-001", "A2", "--deadline", "2026-02-30", "--reden", "x"], 2,
     "fout: ongeldige --deadline '2026-02-30': verwacht een bestaande datum als JJJJ-MM-DD, van 1900-01-01 tot en met 2199-12-31\n"),
    (["add", "2026-001", "--wat", "x", "--wie", "buurman", "--deadline", "2026-12-01"], 1,
     "fout: 'buurman' is geen betrokkene van casus 2026-001; kies uit: client, pro, reg, reg2, zus "
     "(of voeg de betrokkene toe aan netwerk.yaml)\n"),
    (["add", "2026-001", "--wat", "x", "--wie", "pro", "--deadline", "2026-12-01", "--doel", "D7"], 1,
     "fout: doel 'D7' staat niet in het plan van aanpak van casus 2026-001 (wel: D1)\n"),
])
def test_refusals_change_nothing(cli, repo, args, code, err):
    head = git(repo, "rev-parse", "HEAD")
    r = cli("-C", str(repo), "afspraak", *args)
    assert (r.code, r.err) == (code, err)
    assert afspraken(repo) == HAND_WRITTEN
    assert git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "status", "--porcelain") == ""


def test_broken_afspraken_file_is_named(cli, repo):
    write_tree(repo, {f"{C}/afspraken.yaml": "afspraken:\n  - id: A1\n    wat: [\n"})
    r = cli("-C", str(repo), "afspraak", "done", "2026-001", "A1")
    assert r.code == 1
    assert r.err == f"fout: {C}/afspraken.yaml:3: ongeldige YAML: waarde ontbreekt of is onvolledig (lijst of haakje niet afgesloten?)\n"


def test_change_that_would_invalidate_the_case_is_undone(cli, repo):
    # the plan says the case was set on 2026-03-01; a done date before A2 was made is refused up front,
    # and a failing commit hook undoes the write
    hook = repo / ".git/hooks/pre-commit"
    hook.write_text("#!/bin/sh\nexit 1\n")
    hook.chmod(0o755)
    r = cli("-C", str(repo), "afspraak", "done", "2026-001", "A2")
    assert (r.code, r.err) == (1, "fout: de commit is geweigerd door de git-hook pre-commit; er is niets gewijzigd. "
                                  "De hook meldde niets.\n")
    assert afspraken(repo) == HAND_WRITTEN
    assert git(repo, "status", "--porcelain") == ""


def test_drop_records_the_day_it_lapsed(cli, repo):
    r = cli("-C", str(repo), "afspraak", "drop", "2026-001", "A2", "--reden", "niet meer nodig", "--datum", "2026-11-20")
    assert r.code == 0, r
    assert ("        status: vervallen\n        vervallen_op: 2026-11-20\n        reden: niet meer nodig\n\n"
            "# einde\n") in afspraken(repo)
    log = [" ".join(line.split()) for line in cli("-C", str(repo), "log", "2026-001").out.splitlines()]
    assert [line for line in log if "A2 vervallen" in line] == ["2026-11-20 dossier afspraak A2 vervallen: niet meer nodig"]
    assert cli("-C", str(repo), "validate").code == 0


@pytest.mark.parametrize("datum, err", [
    ("2026-11-27", "fout: datum 2026-11-27 ligt in de toekomst\n"),
    ("2026-02-28", "fout: datum 2026-02-28 ligt voor de datum waarop de afspraak is gemaakt (2026-03-01)\n"),
    ("2026-02-30", "fout: ongeldige --datum '2026-02-30': verwacht"),
])
def test_drop_refuses_an_impossible_day(cli, repo, datum, err):
    before = afspraken(repo)
    r = cli("-C", str(repo), "afspraak", "drop", "2026-001", "A2", "--reden", "x", "--datum", datum)
    assert r.code != 0 and r.err.startswith(err), r
    assert afspraken(repo) == before


def test_a_lapse_date_that_contradicts_the_agreement_is_a_finding(cli, repo):
    text = afspraken(repo).replace("        gedaan_op: 2026-03-10\n", "        gedaan_op: 2026-03-10\n        vervallen_op: 2026-03-11\n")
    text = text.replace("        status: open\n", "        status: vervallen\n        vervallen_op: 2026-02-01\n        reden: weg\n")
    write_tree(repo, {f"{C}/afspraken.yaml": text})
    out = cli("-C", str(repo), "validate").out
    assert out == (f"{C}/afspraken.yaml:11: [afspraak-status] A1: 'vervallen_op' bij een afspraak met status gedaan\n"
                   f"{C}/afspraken.yaml:20: [datum-volgorde] A2: vervallen op 2026-02-01, voor de datum gemaakt 2026-03-01\n")


def test_log_shows_each_deadline_as_it_was_on_its_day(cli, repo):
    cli("-C", str(repo), "afspraak", "move", "2026-001", "A2", "--deadline", "2026-12-15", "--reden", "zus op vakantie")
    lines = [" ".join(line.split()) for line in cli("-C", str(repo), "log", "2026-001").out.splitlines()]
    made = next(line for line in lines if "afspraak A2 gemaakt" in line)
    assert made.endswith("deadline 2026-11-01"), made  # not the deadline of today
    assert any(line.endswith("afspraak A2 verschoven van 2026-11-01 naar 2026-12-15: zus op vakantie") for line in lines)
    export = cli("-C", str(repo), "export", "2026-001").out
    assert "uiterlijk 15 december 2026 (eerst 1 november 2026): nog open" in export


def test_a_past_quarter_does_not_change_when_agreements_are_dropped_or_moved_today(cli, examples_repo):
    import json

    def q3() -> dict:
        r = cli("-C", str(examples_repo), "report", "--quarter", "2026Q3", "--format", "json")
        assert r.code == 0, r
        return json.loads(r.out)

    edit(examples_repo / "regie.yaml", "  min_aantal: 5", "  min_aantal: 1")  # every figure exact
    before = q3()
    assert before["afspraken"]["totaal"]["deadline_in_periode"] != 0  # the test would see a moved deadline
    from regie.dossier.loader import load_dossier

    open_ones = [(c.id, a) for c in load_dossier(examples_repo).cases for a in c.afspraken if a.status == "open"]
    assert len(open_ones) >= 3
    for i, (cid, a) in enumerate(open_ones):
        if i % 2:
            args = ["afspraak", "move", cid, a.id, "--deadline", "2027-06-30", "--reden", "later"]
        else:
            args = ["afspraak", "drop", cid, a.id, "--reden", "niet meer nodig"]
        r = cli("-C", str(examples_repo), *args)
        assert r.code == 0, (args, r)
    assert q3() == before
    now = json.loads(cli("-C", str(examples_repo), "report", "--quarter", "2026Q4", "--format", "json").out)
    assert now["afspraken"]["totaal"]["vervallen"] >= (len(open_ones) + 1) // 2
