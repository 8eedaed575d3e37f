"""regie organisatie add / list (issue 26, item 4): the network's partners by command, regie.yaml's comments kept."""

from __future__ import annotations

import json

from conftest import git


def test_add_keeps_comments_and_commits_regie_yaml_alone(cli, git_dossier):
    (git_dossier / "regie.yaml").write_text("# ons netwerk\n" + (git_dossier / "regie.yaml").read_text("utf-8"), "utf-8")
    git(git_dossier, "commit", "-qam", "opmerking")
    (git_dossier / "eigen.txt").write_text("niet van regie\n")
    r = cli("-C", str(git_dossier), "organisatie", "add", "woonstad", "--naam", "Woonstad Zuid", "--soort", "woningcorporatie")
    assert (r.code, r.err) == (0, "organisatie woonstad toegevoegd\n"), r
    text = (git_dossier / "regie.yaml").read_text("utf-8")
    assert text.startswith("# ons netwerk\n")
    assert "  - id: woonstad\n    naam: Woonstad Zuid\n    soort: woningcorporatie\n" in text
    assert git(git_dossier, "log", "-1", "--format=%s") == "regie organisatie: organisatie toegevoegd\n"
    assert git(git_dossier, "show", "--name-only", "--format=", "HEAD") == "regie.yaml\n"
    assert git(git_dossier, "status", "--porcelain") == "?? eigen.txt\n"


def test_list_shows_every_organisation(cli, git_dossier):
    """The network register (issue 30, item 4; more in tests/test_kaart_netwerk.py): every organisation, added ones too."""
    assert cli("-C", str(git_dossier), "organisatie", "add", "zorg", "--naam", "Zorg Zuid").code == 0
    r = cli("-C", str(git_dossier), "organisatie", "list")
    assert r.code == 0, r
    assert [line.split()[0] for line in r.out.splitlines() if not line.startswith(" ")] == ["org", "woon", "zorg"]
    data = json.loads(cli("-C", str(git_dossier), "organisatie", "list", "--format", "json").out)
    assert [(o["id"], o["naam"], o["soort"]) for o in data["organisaties"]] == [
        ("org", "Organisatie", None), ("woon", "Woningcorporatie", None), ("zorg", "Zorg Zuid", None)]


def test_refusals_change_nothing(cli, git_dossier):
    head = git(git_dossier, "rev-parse", "HEAD")
    for args, code, err in (
        (["org", "--naam", "Nog een"], 1, "fout: organisatie 'org' staat al in regie.yaml\n"),
        (["Woon Stad", "--naam", "X"], 2, "fout: ongeldige organisatie-id 'Woon Stad': kleine letters, cijfers en '-'\n"),
        (["nieuw", "--naam", "  "], 2, "fout: --naam: de naam van de organisatie mag niet leeg zijn\n"),
    ):
        r = cli("-C", str(git_dossier), "organisatie", "add", *args)
        assert (r.code, r.err) == (code, err), r
    assert git(git_dossier, "rev-parse", "HEAD") == head and git(git_dossier, "status", "--porcelain") == ""
