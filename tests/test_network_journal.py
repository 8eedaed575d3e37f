"""The network journal: work outside one case (issue 11, item 4)."""

from __future__ import annotations

import json

import pytest
from conftest import edit, git, write_tree


def test_a_network_note_is_written_committed_and_counted(cli, examples_repo):
    root = ("-C", str(examples_repo))
    r = cli(*root, "note", "--netwerk", "--soort", "netwerkoverleg", "--regisseur", "j-devries",
            "--casus", "2026-006", "--tekst", "Overleg over de meldcode met de partners.")
    assert (r.code, r.out) == (0, "journaal/2026-11-26-1.md\n"), r
    assert (examples_repo / "journaal/2026-11-26-1.md").read_text() == (
        "---\ndatum: 2026-11-26\nsoort: netwerkoverleg\nregisseur: j-devries\ncasussen: [\"2026-006\"]\n---\n"
        "Overleg over de meldcode met de partners.\n")
    assert git(examples_repo, "log", "-1", "--format=%s") == \
        "regie note: netwerkoverleg in het netwerkjournaal (2026-11-26)\n"
    assert git(examples_repo, "show", "--name-only", "--format=", "HEAD").split() == ["journaal/2026-11-26-1.md"]
    assert cli(*root, "validate").code == 0
    edit(examples_repo / "regie.yaml", "  min_aantal: 5", "  min_aantal: 1")  # every figure exact
    counts = json.loads(cli(*root, "report", "--quarter", "2026Q4", "--format", "json").out)["netwerkgericht"]["netwerkjournaal"]
    assert counts == {"consultatie": 0, "intervisie": 1, "voorlichting": 1, "deskundigheidsbevordering": 0, "netwerkoverleg": 1}


@pytest.mark.parametrize("args, code, err", [
    (["--netwerk", "--soort", "huisbezoek"], 2, "fout: ongeldige soort 'huisbezoek'; kies uit: intervisie, netwerkoverleg\n"),
    (["--netwerk", "--soort", "consultatie"], 2, "fout: --soort: een consultatie leg je vast met 'regie consult', met zijn "
                                                "eigen velden (oude notities blijven geldig en tellen mee)\n"),
    (["--netwerk", "--soort", "deskundigheidsbevordering"], 2, "fout: --soort: een deskundigheidsbevordering leg je vast met "
                                                              "'regie voorlichting'"),
    (["2026-001", "--soort", "consultatie"], 2, "fout: --soort: een consultatie leg je vast met 'regie consult'"),
    (["2026-001", "--netwerk", "--soort", "intervisie"], 2,
     "fout: --netwerk is werk buiten één casus: geef geen casus-id of --aanwezig (wel --casus)\n"),
    (["--netwerk", "--soort", "intervisie", "--casus", "../regie"], 2, "fout: ongeldige casus-id '../regie'"),
    (["--netwerk", "--soort", "intervisie", "--regisseur", "nobody"], 2, "fout: --regisseur: onbekende regisseur 'nobody' (bekend in regie.yaml: a-bakker"),
    (["--soort", "intervisie"], 2, "fout: geef een casus-id, of --netwerk voor werk buiten één casus\n"),
    (["2026-001", "--soort", "overleg", "--casus", "2026-002"], 2, "fout: --casus en --regisseur horen bij --netwerk\n"),
])
def test_refusals_write_nothing(cli, examples_repo, args, code, err):
    head = git(examples_repo, "rev-parse", "HEAD")
    r = cli("-C", str(examples_repo), "note", *args)
    assert (r.code, r.err[: len(err)]) == (code, err), r
    assert "Traceback" not in r.err
    assert git(examples_repo, "rev-parse", "HEAD") == head and git(examples_repo, "status", "--porcelain", "-uall") == ""


def test_hand_written_network_notes_are_checked(cli, examples_repo):
    write_tree(examples_repo, {"journaal/2026-11-20-1.md": "---\ndatum: 2026-11-21\nsoort: intervisie\ncasussen: [2026-999]\n"
                                                           "regisseur: x-y\n---\nBel 0612345678.\n"})
    out = cli("-C", str(examples_repo), "validate").out.splitlines()
    assert [line for line in out if line.startswith("journaal/")] == [
        "journaal/2026-11-20-1.md:2: [journaal-bestandsnaam] bestandsnaam hoort met de datum 2026-11-21 te beginnen",
        "journaal/2026-11-20-1.md:4: [journaal-casus] casus '2026-999' bestaat niet",
        "journaal/2026-11-20-1.md:5: [regisseur-onbekend] regisseur 'x-y' staat niet in regie.yaml",
        "journaal/2026-11-20-1.md:7: [privacy] waarschuwing: mogelijk een telefoonnummer in de tekst; zet direct identificerende "
        "gegevens niet in het dossier (een bewuste uitzondering markeer je met '# privacy: ok')",
    ]


def test_a_journal_file_passed_by_pre_commit_is_checked(cli, examples_repo):
    write_tree(examples_repo, {"journaal/2026-11-20-1.md": "---\ndatum: 2026-11-20\nsoort: bogus\n---\nx\n"})
    r = cli("-C", str(examples_repo), "validate", str(examples_repo / "journaal/2026-11-20-1.md"))
    assert r.code == 1 and r.out.startswith("journaal/2026-11-20-1.md:3: [schema] soort: ongeldige waarde 'bogus'"), r
    assert r.err == "0 casussen gecontroleerd: 1 fout, 0 waarschuwingen\n"
