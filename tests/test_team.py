"""A team on one repository, with real git: a bare remote, clones, sync, the merge driver, pre-commit.

Clones hand out ids offline; ``regie sync`` renumbers what collides (folders, ids in files,
references, commit messages) before its commits go on top of the remote; list files merge per
record; a real conflict is a ``[merge-conflict]`` finding; git's states are Dutch messages.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MEMO, git

NC = ["new-case", "--melder-rol", "buurman", "--aard", "overlast", "--urgentie", "hoog", "--regisseur", "reg",
      "--pseudoniem", "Meneer P.", "--toestemming", "gegeven", "--toestemming-datum", "2026-11-01"]


def nc(who: str) -> list[str]:
    """new-case as clone ``who`` would run it (another client than the other clones' in the same second:
    two byte-identical commits would simply be the same commit)."""
    return [*NC[:-5], f"Cliënt van {who}", *NC[-4:]]


@pytest.fixture
def team(cli, tmp_path):
    """A bare remote with one shared dossier and a function that makes more clones (each set up)."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    first = tmp_path / "a"
    r = cli("init", str(first), "--naam", "Team", "--regisseur-id", "reg", "--regisseur-naam", "Regisseur",
            "--remote", str(remote))
    assert r.code == 0, r
    assert cli("-C", str(first), "sync").code == 0

    def clone(name: str) -> Path:
        path = tmp_path / name
        git(tmp_path, "clone", "-q", str(remote), str(path))
        assert cli("-C", str(path), "setup").code == 0
        return path

    return remote, first, clone


def _ok(result):
    assert result.code == 0, result
    return result


def _ids(root: Path, folder: str) -> list[str]:
    return sorted(p.name.removesuffix(".yaml") for p in (root / folder).iterdir() if not p.name.startswith("."))


def _afspraken(root: Path, cid: str) -> list[tuple[str, str]]:
    text = (root / "casussen" / cid / "afspraken.yaml").read_text()
    return re.findall(r"- id: (A\d+)\n\s+wat: (.+)", text)


# Budget: one bare remote and two or three clones, in-process; about 1 s here.
@pytest.mark.slow
def test_two_clones_offline_then_sync_give_unique_ids_and_renumbered_references(cli, team):
    remote, a, clone = team
    b = clone("b")
    # a: one case with an agreement, a signal about it
    assert _ok(cli("-C", str(a), *nc("a"))).out == "2026-001\n"
    _ok(cli("-C", str(a), "signal", "add", "--over", "wachtlijst", "--aard", "capaciteit", "--case", "2026-001"))
    # b, offline at the same time: two cases, an agreement and an escalation about it, a signal about its first case
    assert _ok(cli("-C", str(b), *nc("b"))).out == "2026-001\n"
    assert _ok(cli("-C", str(b), *nc("b"))).out == "2026-002\n"
    assert _ok(cli("-C", str(b), "afspraak", "add", "2026-001", "--wat", "Huisbezoek", "--wie", "client",
                   "--deadline", "2026-11-20", "--gemaakt", "2026-11-10")).out == "A1\n"
    _ok(cli("-C", str(b), "signal", "add", "--over", "toegang", "--aard", "toegang", "--case", "2026-001"))
    b_commits = git(b, "log", "--format=%s", "origin/main..HEAD").splitlines()
    assert len(b_commits) == 4

    _ok(cli("-C", str(a), "sync"))
    r = _ok(cli("-C", str(b), "sync"))
    assert r.out == "casus: 2026-001 → 2026-003\nsignaal: S1 → S2\n"
    assert _ids(b, "casussen") == ["2026-001", "2026-002", "2026-003"]
    assert _ids(b, "signalen") == ["S1", "S2"]
    # everything that named b's first case now names 2026-003
    assert 'id: "2026-003"' in (b / "casussen/2026-003/casus.yaml").read_text()
    assert _afspraken(b, "2026-003") == [("A1", "Huisbezoek")]
    signal = (b / "signalen/S2.yaml").read_text()
    assert "id: S2" in signal and '"2026-003"' in signal and "2026-001" not in signal
    assert "2026-001" in (b / "signalen/S1.yaml").read_text()  # a's signal about a's case is untouched
    # the commit messages of b's (unshared) commits were renumbered; a's were not rewritten
    log = git(b, "log", "--format=%s").splitlines()
    assert log[:4] == ["regie signal: beleidssignaal S2 vastgelegd", "regie afspraak: A1 toegevoegd aan casus 2026-003",
                       "regie new-case: casus 2026-002 aangemaakt", "regie new-case: casus 2026-003 aangemaakt"]
    assert git(a, "rev-parse", "HEAD") == git(b, "rev-parse", "HEAD~4")
    # a gets it all; each commit once; both validate
    _ok(cli("-C", str(a), "sync"))
    assert git(a, "rev-parse", "HEAD") == git(b, "rev-parse", "HEAD") == git(remote, "rev-parse", "main")
    assert len(git(a, "log", "--format=%H").split()) == 1 + 2 + 4  # init, a's two, b's four
    for clone_root in (a, b):
        _ok(cli("-C", str(clone_root), "validate"))


# Budget: one bare remote and two or three clones, in-process; about 1 s here.
@pytest.mark.slow
def test_afspraken_in_one_case_from_both_sides_merge_without_conflict(cli, team):
    remote, a, clone = team
    _ok(cli("-C", str(a), *NC))
    _ok(cli("-C", str(a), "sync"))
    b = clone("b")
    _ok(cli("-C", str(a), "afspraak", "add", "2026-001", "--wat", "taak van a", "--wie", "client", "--deadline", "2026-12-30"))
    _ok(cli("-C", str(b), "afspraak", "add", "2026-001", "--wat", "taak van b", "--wie", "client", "--deadline", "2026-12-29"))
    _ok(cli("-C", str(b), "afspraak", "add", "2026-001", "--wat", "tweede van b", "--wie", "client", "--deadline", "2026-12-28"))
    _ok(cli("-C", str(a), "sync"))
    r = _ok(cli("-C", str(b), "sync"))
    assert r.out == "afspraak in casus 2026-001: A1 → A3\n"
    assert _afspraken(b, "2026-001") == [("A1", "taak van a"), ("A3", "taak van b"), ("A2", "tweede van b")]
    assert git(b, "log", "-1", "--format=%s", "HEAD~1") == "regie afspraak: A3 toegevoegd aan casus 2026-001\n"
    _ok(cli("-C", str(b), "validate"))


# Budget: one bare remote and two or three clones, in-process; about 1 s here.
@pytest.mark.slow
def test_references_inside_a_case_are_renumbered_with_the_record(cli, team):
    remote, a, clone = team
    _ok(cli("-C", str(a), *nc("a")))
    _ok(cli("-C", str(a), "sync"))
    b = clone("b")
    for root, who in ((a, "a"), (b, "b")):
        _ok(cli("-C", str(root), "afspraak", "add", "2026-001", "--wat", f"taak van {who}", "--wie", "client",
                "--deadline", "2026-11-20", "--gemaakt", "2026-11-01"))
        _ok(cli("-C", str(root), "escalate", "2026-001", "--over", "ggd", *MEMO, "--reden", f"reden {who}",
                "--verzoek", "een gesprek", "--afspraak", "A1"))
        _ok(cli("-C", str(root), "note", "2026-001", "--soort", "overleg", "--tekst", f"notitie van {who}"))
    _ok(cli("-C", str(a), "sync"))
    r = _ok(cli("-C", str(b), "sync"))
    assert r.out == ("afspraak in casus 2026-001: A1 → A2\nescalatie in casus 2026-001: E1 → E2\n"
                     "verstrekking in casus 2026-001: V1 → V2\n"
                     "journaal in casus 2026-001: 2026-11-26-1.md → 2026-11-26-2.md\n")
    verstrekkingen = (b / "casussen/2026-001/verstrekkingen.yaml").read_text()
    assert re.findall(r"id: (V\d)|escalatie: (E\d)", verstrekkingen) == [("V1", ""), ("", "E1"), ("V2", ""), ("", "E2")]
    escalaties = (b / "casussen/2026-001/escalaties.yaml").read_text()
    assert re.findall(r"id: (E\d)|afspraken: \[(A\d)\]", escalaties) == [("E1", ""), ("", "A1"), ("E2", ""), ("", "A2")]
    assert "reden b" in escalaties.split("id: E2")[1]
    journal = b / "casussen/2026-001/journaal"
    assert "notitie van b" in (journal / "2026-11-26-2.md").read_text()
    assert "notitie van a" in (journal / "2026-11-26-1.md").read_text()
    assert git(b, "log", "--format=%s", "-3").splitlines() == [
        "regie note: overleg in casus 2026-001 (2026-11-26)",
        "regie escalate: casus 2026-001 opgeschaald naar niveau 1",
        "regie afspraak: A2 toegevoegd aan casus 2026-001",
    ]
    _ok(cli("-C", str(b), "validate"))


# Budget: one bare remote and two or three clones, in-process; about 1 s here.
@pytest.mark.slow
def test_different_afspraken_changed_on_both_sides_merge_through_git_pull(cli, team):
    remote, a, clone = team
    _ok(cli("-C", str(a), *NC))
    for wat in ("een", "twee"):
        _ok(cli("-C", str(a), "afspraak", "add", "2026-001", "--wat", wat, "--wie", "client", "--deadline", "2026-12-30"))
    _ok(cli("-C", str(a), "sync"))
    b = clone("b")
    _ok(cli("-C", str(a), "afspraak", "done", "2026-001", "A1"))
    _ok(cli("-C", str(b), "afspraak", "move", "2026-001", "A2", "--deadline", "2027-01-15", "--reden", "vakantie"))
    _ok(cli("-C", str(a), "sync"))
    # plain git, as a regisseur might do it: the driver that 'regie setup' registered merges per record
    git(b, "pull", "-q", "--no-rebase", "--no-edit")
    text = (b / "casussen/2026-001/afspraken.yaml").read_text()
    assert "gedaan_op: 2026-11-26" in text and "deadline: 2027-01-15" in text and "<<<<<<<" not in text
    _ok(cli("-C", str(b), "validate"))


# Budget: one bare remote and two or three clones, in-process; about 1 s here.
@pytest.mark.slow
def test_same_field_changed_on_both_sides(cli, team):
    """A real conflict stops the sync in regie's own state: both versions shown with the right names, every other
    change refused, markers left refused, then --verder finishes and shares; the clones converge."""
    remote, a, clone = team
    _ok(cli("-C", str(a), *NC))
    _ok(cli("-C", str(a), "afspraak", "add", "2026-001", "--wat", "een", "--wie", "client", "--deadline", "2026-12-30"))
    _ok(cli("-C", str(a), "sync"))
    b = clone("b")
    _ok(cli("-C", str(a), "afspraak", "move", "2026-001", "A1", "--deadline", "2027-01-05", "--reden", "a"))
    _ok(cli("-C", str(b), "afspraak", "move", "2026-001", "A1", "--deadline", "2027-01-09", "--reden", "b"))
    _ok(cli("-C", str(a), "sync"))
    theirs = git(a, "log", "-1", "--format=%an (%h, %ad)", "--date=short").strip()
    r = cli("-C", str(b), "sync")
    assert r.code == 1
    lines = r.err.splitlines()
    assert lines[0] == ("fout: niet gedeeld: jouw wijzigingen en die op origin botsen: hetzelfde veld van hetzelfde record "
                        "is aan beide kanten anders gewijzigd. Er is nog niets gedeeld.")
    assert lines[1] == "casussen/2026-001/afspraken.yaml:4 (record A1):"
    assert lines[2].split("│") == [f"  {'jouw versie':<48} ", f" versie van {theirs}"]
    mine, other = zip(*(line.split("│") for line in lines[3:-1]), strict=True)
    assert "deadline: 2027-01-09" in "".join(mine) and "deadline: 2027-01-05" in "".join(other)
    assert lines[-1].endswith("ga daarna verder met 'regie sync --verder', of zet alles terug zoals het was met "
                              "'regie sync --afbreken'.")
    assert not any(w in r.err for w in ("git pull", "git rebase", "git add"))  # no way around the renumbering
    # the file names the sides the same way
    text = (b / "casussen/2026-001/afspraken.yaml").read_text()
    assert f"<<<<<<< versie van {theirs} (A1)\n" in text and ">>>>>>> jouw versie (A1)\n" in text
    # any other change waits, naming the two ways out; so does a new sync
    for args in (("afspraak", "add", "2026-001", "--wat", "x", "--wie", "client", "--deadline", "2026-12-30"), ("sync",)):
        r = cli("-C", str(b), *args)
        assert (r.code, r.err) == (1, "fout: er loopt nog een 'regie sync' die stopte op een conflict: los het op en ga "
                                      "verder met 'regie sync --verder', of zet alles terug zoals het was met "
                                      "'regie sync --afbreken'\n")
    # markers left: refused, naming file and line
    r = cli("-C", str(b), "sync", "--verder")
    assert r.code == 1 and r.err.startswith("fout: er staan nog conflictblokken in casussen/2026-001/afspraken.yaml:4, ")
    # resolved: keep your own version
    resolved = re.sub(r"<<<<<<< [^\n]*\n.*?=======\n(.*?)>>>>>>> [^\n]*\n", r"\1", text, flags=re.S)
    (b / "casussen/2026-001/afspraken.yaml").write_text(resolved)
    r = _ok(cli("-C", str(b), "sync", "--verder"))
    assert r.err == "origin/main: 1 commit gedeeld, 1 binnengehaald\n"
    assert not (b / ".git/rebase-merge").exists() and not (b / ".git/regie/sync.json").exists()
    _ok(cli("-C", str(a), "sync"))
    assert git(a, "rev-parse", "HEAD") == git(b, "rev-parse", "HEAD") == git(remote, "rev-parse", "main")
    assert "deadline: 2027-01-09" in (a / "casussen/2026-001/afspraken.yaml").read_text()
    _ok(cli("-C", str(a), "validate"))


# Budget: two clones, one conflict, one abort; about 5 s here.
@pytest.mark.slow
def test_a_conflicted_sync_can_be_undone_whole(cli, team):
    remote, a, clone = team
    _ok(cli("-C", str(a), *NC))
    _ok(cli("-C", str(a), "afspraak", "add", "2026-001", "--wat", "een", "--wie", "client", "--deadline", "2026-12-30"))
    _ok(cli("-C", str(a), "sync"))
    b = clone("b")
    _ok(cli("-C", str(a), "afspraak", "move", "2026-001", "A1", "--deadline", "2027-01-05", "--reden", "a"))
    _ok(cli("-C", str(b), *nc("b")))  # a new case on b: renumbered to 2026-002 before the conflict
    _ok(cli("-C", str(b), "afspraak", "move", "2026-001", "A1", "--deadline", "2027-01-09", "--reden", "b"))
    _ok(cli("-C", str(a), "sync"))
    head = git(b, "rev-parse", "HEAD")
    assert cli("-C", str(b), "sync").code == 1
    r = _ok(cli("-C", str(b), "sync", "--afbreken"))
    assert r.err == f"teruggezet: alles staat weer zoals voor de sync (commit {head[:12]}); er is niets gedeeld\n"
    assert git(b, "rev-parse", "HEAD") == head and git(b, "status", "--porcelain") == ""
    assert not (b / ".git/rebase-merge").exists() and not (b / ".git/regie/sync.json").exists()
    assert sorted(p.name for p in (b / "casussen").iterdir() if not p.name.startswith(".")) == ["2026-001", "2026-002"]
    r = cli("-C", str(b), "sync", "--afbreken")
    assert (r.code, r.err) == (1, "fout: er is geen 'regie sync' die op een conflict wacht; er is niets terug te zetten\n")
    assert cli("-C", str(b), "sync", "--verder", "--afbreken").code == 2


# Budget: two clones, a commit made with --no-verify; about 3 s here.
@pytest.mark.slow
def test_nothing_broken_leaves_the_clone(cli, team):
    remote, a, clone = team
    _ok(cli("-C", str(a), *NC))
    _ok(cli("-C", str(a), "sync"))
    before = git(remote, "rev-parse", "main")
    path = a / "casussen/2026-001/casus.yaml"
    path.write_text(path.read_text() + "urgentie: [kapot\n")
    git(a, "commit", "-q", "--no-verify", "-am", "met de hand")
    sha = git(a, "rev-parse", "--short", "HEAD").strip()
    r = cli("-C", str(a), "sync")
    assert r.code == 1
    assert r.err.splitlines()[0] == ("fout: niet gedeeld: wat je zou delen heeft fouten; herstel ze, commit, en probeer "
                                     "'regie sync' opnieuw (er is niets veranderd):")
    assert r.err.splitlines()[1].startswith("casussen/2026-001/casus.yaml:")
    assert r.err.splitlines()[1].endswith(f"(uit commit {sha} met de hand)")
    assert git(remote, "rev-parse", "main") == before


def test_merge_file_keeps_comments_and_marks_only_the_conflicting_record(tmp_path, cli):
    base = "# mijn opmerking\nafspraken:\n  - id: A1\n    wat: een\n    status: open\n  - id: A2\n    wat: twee\n    status: open\n"
    ours = base.replace("wat: een", "wat: een (hier)").replace("wat: twee", "wat: twee  # bijgewerkt")
    theirs = base.replace("wat: een", "wat: een (daar)") + "  - id: A3\n    wat: drie\n    status: open\n"
    files = {}
    for name, text in (("O", base), ("A", ours), ("B", theirs)):
        files[name] = tmp_path / name
        files[name].write_text(text)
    r = cli("merge-file", str(files["O"]), str(files["A"]), str(files["B"]), "casussen/2026-001/afspraken.yaml")
    assert r.code == 1
    assert files["A"].read_text() == (
        "# mijn opmerking\nafspraken:\n"
        "<<<<<<< deze kant (A1)\n  - id: A1\n    wat: een (hier)\n    status: open\n"
        "=======\n  - id: A1\n    wat: een (daar)\n    status: open\n>>>>>>> andere kant (A1)\n"
        "  - id: A2\n    wat: twee  # bijgewerkt\n    status: open\n"
        "  - id: A3\n    wat: drie\n    status: open\n"
    )


# Budget: one bare remote and two or three clones, in-process; about 1 s here.
@pytest.mark.slow
def test_dry_run_changes_nothing(cli, team):
    remote, a, clone = team
    b = clone("b")
    _ok(cli("-C", str(a), *nc("a")))
    _ok(cli("-C", str(b), *nc("b")))
    _ok(cli("-C", str(a), "sync"))
    head, remote_head = git(b, "rev-parse", "HEAD"), git(remote, "rev-parse", "main")
    r = _ok(cli("-C", str(b), "sync", "--dry-run"))
    assert r.out == "casus: 2026-001 → 2026-002\n"
    assert r.err == "origin/main: zou 1 commit delen, 1 binnengehaald, 1 id('s) omgenummerd\n"
    assert git(b, "rev-parse", "HEAD") == head and git(remote, "rev-parse", "main") == remote_head
    assert _ids(b, "casussen") == ["2026-001"]


# Budget: one bare remote and two or three clones, in-process; about 1 s here.
@pytest.mark.slow
def test_sync_refusals(cli, team, tmp_path):
    remote, a, clone = team
    b = clone("b")
    _ok(cli("-C", str(b), *NC))
    # uncommitted work in a case file
    path = b / "casussen/2026-001/melding.yaml"
    path.write_text(path.read_text() + "# nog bezig\n")
    r = cli("-C", str(b), "sync")
    assert (r.code, r.err) == (1, "fout: niet gedeeld: er zijn nog wijzigingen in dossierbestanden die niet gecommit zijn: "
                                  "casussen/2026-001/melding.yaml. Commit ze (of zet ze opzij met 'git stash') en probeer het opnieuw.\n")
    git(b, "checkout", "--", "casussen/2026-001/melding.yaml")
    # no repository at that address: not "offline"
    git(b, "remote", "set-url", "origin", str(tmp_path / "weg.git"))
    head = git(b, "rev-parse", "HEAD")
    r = cli("-C", str(b), "sync")
    assert (r.code, r.err) == (1, f"fout: onbekende gedeelde repository origin: op {tmp_path / 'weg.git'} staat geen "
                                  "repository (klopt het adres? zie 'git remote -v'); je commits blijven hier staan\n")
    # offline: nothing answers at the server's address (a closed port on this machine)
    git(b, "remote", "set-url", "origin", "http://127.0.0.1:9/dossier.git")
    r = cli("-C", str(b), "sync")
    assert (r.code, r.err) == (1, "fout: offline: origin is niet bereikbaar; je lokale commit blijft hier staan en "
                                  "wordt gedeeld bij de volgende 'regie sync'\n")
    assert git(b, "rev-parse", "HEAD") == head
    # no remote at all
    git(b, "remote", "remove", "origin")
    r = cli("-C", str(b), "sync")
    assert (r.code, r.err) == (1, "fout: geen gedeelde repository ingesteld: voeg die toe met 'git remote add origin ADRES' "
                                  "(of maak de repository met 'regie init --remote ADRES')\n")


# ---------------------------------------------------------------- git states, in Dutch


# Budget: one bare remote and two or three clones, in-process; about 1 s here.
@pytest.mark.slow
def test_git_states_are_one_dutch_line_and_nothing_is_written(cli, team):
    remote, a, clone = team
    _ok(cli("-C", str(a), *NC))
    add = ["afspraak", "add", "2026-001", "--wat", "x", "--wie", "client", "--deadline", "2026-12-30"]
    before = (a / "casussen/2026-001/afspraken.yaml").read_text()

    def refused(message: str) -> None:
        r = cli("-C", str(a), *add)
        assert (r.code, r.err) == (1, f"fout: {message}\n")
        assert (a / "casussen/2026-001/afspraken.yaml").read_text() == before

    (a / ".git/MERGE_HEAD").write_text(git(a, "rev-parse", "HEAD"))
    refused("er loopt nog een samenvoeging (merge) die niet van regie is: breek hem af met 'git merge --abort' en deel je "
            "werk met 'regie sync' (dat nummert botsende id's om; een merge doet dat niet)")
    (a / ".git/MERGE_HEAD").unlink()
    (a / ".git/rebase-merge").mkdir()
    refused("er loopt nog een rebase die niet van regie is: breek hem af met 'git rebase --abort' en deel je werk met "
            "'regie sync' (dat nummert botsende id's om; een rebase doet dat niet)")
    (a / ".git/rebase-merge").rmdir()
    git(a, "checkout", "-q", "--detach")
    refused("HEAD staat los van een branch (detached HEAD); ga eerst terug naar je branch, bijvoorbeeld met 'git switch main'")
    git(a, "checkout", "-q", "main")
    os.environ["GIT_CONFIG_GLOBAL"], saved = os.devnull, os.environ["GIT_CONFIG_GLOBAL"]
    try:
        refused('git weet niet wie je bent: stel eerst je naam en e-mailadres in met \'git config --global user.name '
                '"Voornaam Achternaam"\' en \'git config --global user.email "naam@organisatie.nl"\'')
    finally:
        os.environ["GIT_CONFIG_GLOBAL"] = saved
    _ok(cli("-C", str(a), *add))


# Budget: one bare remote and two or three clones, in-process; about 1 s here.
@pytest.mark.slow
def test_missing_git_program(team, tmp_path):
    remote, a, clone = team
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python").symlink_to(sys.executable)
    regie = Path(sys.executable).parent / "regie"
    env = {**os.environ, "PATH": str(bin_dir)}
    r = subprocess.run([str(regie), "-C", str(a), *NC], capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)
    assert (r.returncode, r.stderr) == (1, "fout: het programma git is niet gevonden; installeer git (bijvoorbeeld 'apt install git')\n")
    assert not (a / "casussen/2026-001").exists()


def test_the_same_change_twice_is_nothing_to_change(cli, examples_repo):
    close = ["close", "2026-006", "--reden", "doelen bereikt", "--nazorg", "6", "--force"]
    _ok(cli("-C", str(examples_repo), *close))
    head = git(examples_repo, "rev-parse", "HEAD")
    r = cli("-C", str(examples_repo), *close)
    assert r.code == 0 and r.err.endswith("niets te wijzigen: alles stond er al zo\n"), r
    assert git(examples_repo, "rev-parse", "HEAD") == head and git(examples_repo, "status", "--porcelain") == ""


# ---------------------------------------------------------------- the real pre-commit


# Budget: pre-commit install and four commands through the hook; about 3 s here.
@pytest.mark.slow
def test_pre_commit_hook_checks_only_what_is_committed(cli, team):
    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    if not Path(pre_commit).exists():
        pytest.skip("pre-commit is not installed (it is a test dependency: pip install '.[test]')")
    remote, a, clone = team
    env_path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    os.environ["PATH"], saved = env_path, os.environ["PATH"]
    try:
        subprocess.run([pre_commit, "install"], cwd=a, check=True, capture_output=True)
        _ok(cli("-C", str(a), *NC))  # committed through the hook
        _ok(cli("-C", str(a), *NC))
        # break 2026-002 and commit that past the hook
        melding = a / "casussen/2026-002/melding.yaml"
        melding.write_text(melding.read_text().replace("urgentie: hoog", "urgentie: heel erg"))
        git(a, "commit", "-q", "--no-verify", "-am", "kapot")
        # work on the valid case goes on: the hook checks only that case
        r = _ok(cli("-C", str(a), "afspraak", "add", "2026-001", "--wat", "x", "--wie", "client", "--deadline", "2026-12-30"))
        assert git(a, "log", "-1", "--format=%s") == "regie afspraak: A1 toegevoegd aan casus 2026-001\n"
        # a change to the broken case is refused by the hook, with its findings, and nothing is left changed
        before = (a / "casussen/2026-002/afspraken.yaml").read_text()
        r = cli("-C", str(a), "afspraak", "add", "2026-002", "--wat", "y", "--wie", "client", "--deadline", "2026-12-30")
        assert r.code == 1
        assert r.err.startswith("fout: de commit is geweigerd door de git-hook pre-commit; er is niets gewijzigd. Wat de hook meldde:\n")
        assert "casussen/2026-002/melding.yaml:" in r.err and "urgentie: ongeldige waarde 'heel erg'" in r.err
        assert (a / "casussen/2026-002/afspraken.yaml").read_text() == before
        assert git(a, "status", "--porcelain") == ""
    finally:
        os.environ["PATH"] = saved


# ---------------------------------------------------------------- random interleavings


# Budget: 8 derandomized examples (150 with --slow) of at most 10 steps; about 10 s here.
@pytest.mark.slow
def test_random_interleavings_keep_ids_unique_and_lose_no_commit(cli, tmp_path, request):
    pytest.importorskip("hypothesis", reason="hypothesis is a test dependency (pip install '.[test]')")
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    slow = request.config.getoption("--slow")
    rounds = iter(range(10**6))
    ops = st.lists(st.tuples(st.integers(0, 2), st.sampled_from(["new-case", "afspraak", "signal", "sync"])),
                   min_size=3, max_size=10)

    # Seed and budget: derandomized (a fixed seed), 8 examples of at most 10 steps over three clones
    # (about 10 s here); the release run (--slow) 150 examples. No per-example deadline (a loaded CI machine).
    @settings(max_examples=150 if slow else 8, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(steps=ops)
    def run(steps):
        remote, clones = _three_clones(cli, tmp_path / f"r{next(rounds)}")
        made = {"new-case": 0, "afspraak": 0, "signal": 0}
        for n, (i, op) in enumerate(steps):
            root = clones[i]
            if op == "new-case":
                _ok(cli("-C", str(root), *nc(f"{i}-{n}")))
            elif op == "afspraak":
                cases = _ids(root, "casussen")
                if not cases:
                    continue
                _ok(cli("-C", str(root), "afspraak", "add", cases[n % len(cases)], "--wat", f"taak {i}-{n}",
                        "--wie", "client", "--deadline", "2026-12-30"))
            elif op == "signal":
                _ok(cli("-C", str(root), "signal", "add", "--over", f"knelpunt {i}-{n}", "--aard", "capaciteit"))
            else:
                _ok(cli("-C", str(root), "sync"))
                continue
            made[op] += 1
        for root in clones + clones:  # everyone shares, then everyone has everything
            _ok(cli("-C", str(root), "sync"))
        heads = {git(c, "rev-parse", "HEAD") for c in clones}
        assert heads == {git(remote, "rev-parse", "main")}
        final = clones[0]
        cases = _ids(final, "casussen")
        assert len(cases) == made["new-case"]
        assert len(_ids(final, "signalen")) == made["signal"]
        agreements = [_afspraken(final, cid) for cid in cases]
        assert sum(len(a) for a in agreements) == made["afspraak"]
        for a in agreements:
            assert len({rid for rid, _ in a}) == len(a)  # unique within the case
        subjects = git(final, "log", "--format=%s").splitlines()
        assert len(subjects) == 1 + sum(made.values())  # init + one commit per change, none lost, none twice
        _ok(cli("-C", str(final), "validate"))

    run()


def test_validate_files_checks_the_cases_they_belong_to(cli, examples_repo, monkeypatch):
    monkeypatch.chdir(examples_repo)
    melding = examples_repo / "casussen/2026-002/melding.yaml"
    melding.write_text(melding.read_text().replace("urgentie: ", "urgentie: heel-", 1))
    r = cli("validate", "casussen/2026-001/afspraken.yaml", "casussen/2026-001/plan.md")
    assert (r.code, r.out, r.err) == (0, "", "1 casus gecontroleerd: 0 fouten, 0 waarschuwingen\n")
    r = cli("validate", "casussen/2026-002/netwerk.yaml")
    assert r.code == 1 and r.out.startswith("casussen/2026-002/melding.yaml:")
    r = cli("validate", "README.md") if (examples_repo / "README.md").exists() else cli("validate", ".regie/schemas/casus.schema.json")
    assert (r.code, r.err) == (0, "niets te controleren: geen dossierbestanden\n")
    r = cli("validate", "regie.yaml")
    assert r.code == 1 and "10 casussen gecontroleerd" in r.err


def test_validate_changed_since_checks_what_a_merge_request_changed(cli, examples_repo):
    melding = examples_repo / "casussen/2026-003/melding.yaml"
    melding.write_text(melding.read_text().replace("urgentie: ", "urgentie: heel-", 1))
    git(examples_repo, "commit", "-qam", "al kapot op main")
    git(examples_repo, "branch", "doel")
    git(examples_repo, "switch", "-q", "-c", "werk")
    r = cli("-C", str(examples_repo), "validate", "--changed-since", "doel")
    assert (r.code, r.err) == (0, "niets te controleren: geen dossierbestanden\n")
    path = examples_repo / "casussen/2026-002/afspraken.yaml"
    path.write_text(path.read_text() + "# bijgewerkt\n")
    git(examples_repo, "commit", "-qam", "werk aan 2026-002")
    r = cli("-C", str(examples_repo), "validate", "--changed-since", "doel")
    assert (r.code, r.out, r.err) == (0, "", "1 casus gecontroleerd: 0 fouten, 0 waarschuwingen\n")
    regie = examples_repo / "regie.yaml"
    regie.write_text(regie.read_text() + "# bijgewerkt\n")
    git(examples_repo, "commit", "-qam", "netwerk")
    r = cli("-C", str(examples_repo), "validate", "--changed-since", "doel")
    assert r.code == 1 and "10 casussen gecontroleerd" in r.err and "casussen/2026-003/melding.yaml:" in r.out
    r = cli("-C", str(examples_repo), "validate", "--changed-since", "bestaat-niet")
    assert (r.code, r.err) == (1, "fout: onbekende revisie 'bestaat-niet' (bijv. origin/main, een tag of een commit; "
                                  "haal hem eerst op met 'git fetch')\n")


# Budget: two clones, four mutations each, three syncs; about 10 s here.
@pytest.mark.slow
def test_every_numbered_kind_is_renumbered_with_its_references(cli, team):
    """Doelen (plan front matter), betrokkenen (by name), network notes and case notes made on both sides
    with the same ids: renumbered on the side that syncs second, with the references that name them."""
    remote, a, clone = team
    _ok(cli("-C", str(a), *nc("a")))
    _ok(cli("-C", str(a), "sync"))
    b = clone("b")
    for root, who in ((a, "a"), (b, "b")):
        assert _ok(cli("-C", str(root), "doel", "add", "2026-001", "--leefgebied", "financien",
                       "--wat", f"doel van {who}")).out == "D1\n"
        assert _ok(cli("-C", str(root), "betrokkene", "add", "2026-001", "--naaste", "--relatie", "buurman",
                       "--betrokken")).out == "buurman\n"
        _ok(cli("-C", str(root), "afspraak", "add", "2026-001", "--wat", f"taak van {who}", "--wie", "buurman",
                "--doel", "D1", "--deadline", "2026-12-20"))
        _ok(cli("-C", str(root), "note", "--netwerk", "--soort", "intervisie", "--tekst", f"intervisie van {who}"))
    assert _ok(cli("-C", str(b), "sync", "--dry-run")).out == ""  # nothing on the remote yet that collides
    _ok(cli("-C", str(a), "sync"))
    dry = _ok(cli("-C", str(b), "sync", "--dry-run"))
    r = _ok(cli("-C", str(b), "sync"))
    assert r.out == dry.out == (
        "netwerkjournaal: 2026-11-26-1.md → 2026-11-26-2.md\n"
        "afspraak in casus 2026-001: A1 → A2\n"
        "doel in casus 2026-001: D1 → D2\n"
        "naaste in casus 2026-001: buurman → buurman-2\n")
    case = b / "casussen/2026-001"
    plan = (case / "plan.md").read_text()
    assert re.findall(r"id: (D\d)\n\s+leefgebied: financien\n\s+doel: (.+)", plan) == [("D1", "doel van a"), ("D2", "doel van b")]
    afspraken = (case / "afspraken.yaml").read_text()
    assert re.findall(r"wat: (.+)\n\s+wie: (\S+)\n\s+doel: (D\d)", afspraken) == [
        ("taak van a", "buurman", "D1"), ("taak van b", "buurman-2", "D2")]
    assert re.findall(r"id: (\S+)\n\s+relatie: buurman", (case / "netwerk.yaml").read_text()) == ["buurman", "buurman-2"]
    notes = sorted(p.name for p in (b / "journaal").iterdir())
    assert notes == ["2026-11-26-1.md", "2026-11-26-2.md"]
    assert "intervisie van b" in (b / "journaal/2026-11-26-2.md").read_text()
    _ok(cli("-C", str(b), "validate"))
    _ok(cli("-C", str(a), "sync"))
    assert git(a, "rev-parse", "HEAD") == git(b, "rev-parse", "HEAD")
    assert (a / "casussen/2026-001/plan.md").read_text() == plan


# Budget: two clones, one edit each, two syncs; about 5 s here.
@pytest.mark.slow
def test_disjoint_changes_to_one_case_file_merge_field_by_field(cli, team):
    """A handover on one side and a consent change on the other touch different fields of casus.yaml."""
    remote, a, clone = team
    _ok(cli("-C", str(a), *nc("a")))
    _ok(cli("-C", str(a), "sync"))
    b = clone("b")
    casus = a / "casussen/2026-001/casus.yaml"
    text = casus.read_text()
    casus.write_text(text.replace("urgentie: hoog", "urgentie: laag"))
    git(a, "commit", "-q", "-am", "urgentie")
    other = b / "casussen/2026-001/casus.yaml"
    other.write_text(other.read_text().replace('pseudoniem: "Cliënt van a"', 'pseudoniem: "Cliënt A."'))
    git(b, "commit", "-q", "-am", "pseudoniem")
    _ok(cli("-C", str(a), "sync"))
    _ok(cli("-C", str(b), "sync"))
    merged = other.read_text()
    assert merged == text.replace("urgentie: hoog", "urgentie: laag").replace('"Cliënt van a"', '"Cliënt A."')
    _ok(cli("-C", str(b), "validate"))


# Budget: two bare remotes, three clones; about 4 s here.
@pytest.mark.slow
def test_any_fresh_bare_remote_gives_a_working_clone(cli, tmp_path):
    """``git init --bare`` names 'master' as HEAD while regie pushes 'main': the clone still checks out a dossier,
    through the remote's HEAD (set by the first sync on a path) or through 'regie setup' (a server regie cannot set)."""
    remote = tmp_path / "leeg.git"
    git(tmp_path, "-c", "init.defaultBranch=master", "init", "-q", "--bare", str(remote))
    _ok(cli("init", str(tmp_path / "a"), "--naam", "Team", "--regisseur-id", "reg", "--regisseur-naam", "R",
            "--remote", str(remote)))
    _ok(cli("-C", str(tmp_path / "a"), "sync"))
    assert git(remote, "symbolic-ref", "HEAD") == "refs/heads/main\n"
    git(tmp_path, "clone", "-q", str(remote), str(tmp_path / "b"))
    assert (tmp_path / "b" / "regie.yaml").is_file()
    _ok(cli("-C", str(tmp_path / "b"), "setup"))
    # a remote whose HEAD still names a branch that does not exist (as a server may leave it)
    git(remote, "symbolic-ref", "HEAD", "refs/heads/master")
    done = subprocess.run(["git", "clone", "-q", str(remote), str(tmp_path / "c")], capture_output=True, text=True)
    assert "nonexistent ref" in done.stderr and not (tmp_path / "c" / "regie.yaml").exists()
    r = _ok(cli("-C", str(tmp_path / "c"), "setup"))
    assert r.err.splitlines()[0] == "de gedeelde branch main van origin uitgecheckt (de server wees nog geen branch aan)"
    assert (tmp_path / "c" / "regie.yaml").is_file()
    assert git(tmp_path / "c", "rev-parse", "--abbrev-ref", "@{u}") == "origin/main\n"
    _ok(cli("-C", str(tmp_path / "c"), *NC))
    _ok(cli("-C", str(tmp_path / "c"), "sync"))
    _ok(cli("-C", str(tmp_path / "a"), "sync"))
    assert (tmp_path / "a" / "casussen" / "2026-001").is_dir()


# Budget: two clones, a goal added on one while the other sets the plan; about 4 s here.
@pytest.mark.slow
def test_a_goal_merged_into_a_set_plan_is_a_warning(cli, team):
    remote, a, clone = team
    _ok(cli("-C", str(a), *NC))
    _ok(cli("-C", str(a), "sync"))
    b = clone("b")
    _ok(cli("-C", str(a), "plan", "2026-001", "--vaststellen"))
    assert re.search(r"^vastgesteld_doelen: [0-9a-f]{12}$", (a / "casussen/2026-001/plan.md").read_text(), re.M)
    assert "plan-gewijzigd" not in cli("-C", str(a), "validate").out
    _ok(cli("-C", str(b), "doel", "add", "2026-001", "--leefgebied", "financien", "--wat", "Schulden in beeld"))
    _ok(cli("-C", str(a), "sync"))
    _ok(cli("-C", str(b), "sync"))
    plan = (b / "casussen/2026-001/plan.md").read_text()
    assert "vastgesteld: " in plan and "Schulden in beeld" in plan  # merged: set, and holding the new goal
    r = cli("-C", str(b), "validate", "2026-001")
    assert r.code == 0
    assert re.search(r"^casussen/2026-001/plan\.md:\d+: \[plan-gewijzigd\] waarschuwing: plan gewijzigd na vaststellen: "
                     r"versie 1 is vastgesteld op 2026-11-26, maar de doelen zijn sindsdien veranderd; stel het plan opnieuw "
                     r"vast \('regie plan 2026-001 --vaststellen'\)$", r.out, re.M), r.out
    _ok(cli("-C", str(b), "plan", "2026-001", "--vaststellen"))
    assert "plan-gewijzigd" not in cli("-C", str(b), "validate").out


def _three_clones(cli, base: Path, *init: str, prepare=None) -> tuple[Path, list[Path]]:
    """A bare remote and three set-up clones of one new network (``prepare`` runs on the first before it shares)."""
    remote = base / "remote.git"
    base.mkdir()
    git(base, "init", "-q", "--bare", "-b", "main", str(remote))
    clones = [base / "c0", base / "c1", base / "c2"]
    _ok(cli("init", str(clones[0]), "--naam", "Team", "--regisseur-id", "reg", "--regisseur-naam", "R", *init,
            "--remote", str(remote)))
    if prepare is not None:
        prepare(clones[0])
    _ok(cli("-C", str(clones[0]), "sync"))
    for c in clones[1:]:
        git(base, "clone", "-q", str(remote), str(c))
        _ok(cli("-C", str(c), "setup"))
    return remote, clones


def _count(root: Path) -> dict[str, int]:
    """Records per kind in a clone's work tree, read from the files (not from regie)."""
    import yaml

    out = {"casus": 0, "signaal": 0, "netwerknotitie": 0, "afspraak": 0, "doel": 0, "naaste": 0, "escalatie": 0,
           "journaal": 0}
    out["signaal"] = len([p for p in (root / "signalen").glob("S*.yaml")])
    out["netwerknotitie"] = len(list((root / "journaal").glob("*.md"))) if (root / "journaal").is_dir() else 0
    for case in (root / "casussen").iterdir():
        if case.name.startswith("."):
            continue
        out["casus"] += 1
        for name, key, kind in (("afspraken.yaml", "afspraken", "afspraak"), ("escalaties.yaml", "escalaties", "escalatie"),
                                ("netwerk.yaml", "naasten", "naaste")):
            if (case / name).exists():
                out[kind] += len((yaml.safe_load((case / name).read_text()) or {}).get(key) or [])
        front = (case / "plan.md").read_text().split("---")[1]
        out["doel"] += len((yaml.safe_load(front) or {}).get("doelen") or [])
        out["journaal"] += len(list((case / "journaal").glob("*.md"))) if (case / "journaal").is_dir() else 0
    return out


# What a team week does, per step: the kind of record it makes and the command line (with a tag for the step).
WEEK = {
    "afspraak": ("afspraak", lambda t: ["afspraak", "add", "2026-001", "--wat", f"taak {t}", "--wie", "client",
                                        "--deadline", "2026-12-30"]),
    "doel": ("doel", lambda t: ["doel", "add", "2026-001", "--leefgebied", "financien", "--wat", f"doel {t}"]),
    "naaste": ("naaste", lambda t: ["betrokkene", "add", "2026-001", "--naaste", "--relatie", "buurman"]),
    "escalate": ("escalatie", lambda t: ["escalate", "2026-001", "--over", "ggd", *MEMO, "--reden", f"reden {t}", "--verzoek", "gesprek"]),
    "note": ("journaal", lambda t: ["note", "2026-001", "--soort", "huisbezoek", "--tekst", f"bezoek {t}"]),
    "netnote": ("netwerknotitie", lambda t: ["note", "--netwerk", "--soort", "intervisie", "--tekst", f"intervisie {t}"]),
    "signal": ("signaal", lambda t: ["signal", "add", "--over", f"knelpunt {t}", "--aard", "capaciteit"]),
}


def _check_week(cli, final: Path, remote: Path, made: dict[str, int], clients: set[str]) -> None:
    assert _count(final) == made
    # one client per folder: every client made is in exactly one folder, each folder's melding with its case
    seen = {}
    for case in sorted((final / "casussen").iterdir()):
        if case.name.startswith("."):
            continue
        casus = (case / "casus.yaml").read_text()
        assert f'id: "{case.name}"' in casus
        pseudoniem = re.search(r'^pseudoniem: "(.+)"$', casus, re.M).group(1)
        assert pseudoniem not in seen, (pseudoniem, case.name, seen)
        seen[pseudoniem] = case.name
        who = pseudoniem.removeprefix("Cliënt van ")
        assert re.search(r'^aard: "?overlast' + ("" if who == "start" else f" {who}") + r'"?$',
                         (case / "melding.yaml").read_text(), re.M), (case.name, who)
        assert f"naam: Naam Van {who}\n" in _ok(cli("-C", str(final), "identity", "show", case.name)).out
        assert "<<<<<<<" not in "".join(p.read_text() for p in case.rglob("*") if p.is_file() and p.suffix != ".age")
    assert set(seen) == clients
    r = cli("-C", str(final), "validate")
    assert r.code == 0 and ": 0 fouten" in r.err, r
    # nothing but pseudonyms in history: no commit message or path names a client, no object holds a name or BSN
    assert not any("Cliënt" in line for line in git(final, "log", "--name-only", "--format=%s").splitlines())
    objects = subprocess.run(["git", "cat-file", "--batch-all-objects", "--batch"], cwd=remote, capture_output=True,
                             check=True).stdout
    assert b"Naam Van" not in objects and b"111222333" not in objects


# Budget: derandomized (a fixed seed), 12 examples of at most 14 steps over three clones, every kind of record made
# on any clone with the ids the others also hand out; about 20 s here (the release run, --slow: 60 examples).
@pytest.mark.slow
def test_a_team_week_loses_nothing_and_never_puts_two_clients_in_one_folder(cli, tmp_path, request, monkeypatch):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    # every case made gets an encrypted identity (one key for the one regisseur): it must travel with its folder
    key = tmp_path / "sleutel.txt"
    public = _ok(cli("keygen", "-o", str(key))).out.strip()
    monkeypatch.setenv("REGIE_AGE_KEY_FILE", str(key))
    source = tmp_path / "identiteit.yaml"
    script = tmp_path / "editor.py"
    script.write_text(f"import shutil, sys\nshutil.copyfile({str(source)!r}, sys.argv[-1])\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")

    def identity(root: Path, cid: str, who: str) -> None:
        source.write_text(f"naam: Naam Van {who}\nbsn: \"111222333\"\n")
        _ok(cli("-C", str(root), "identity", "edit", cid))

    slow = request.config.getoption("--slow")
    rounds = iter(range(10**6))
    kinds = ["new-case", *WEEK, "sync"]
    ops = st.lists(st.tuples(st.integers(0, 2), st.sampled_from(kinds)), min_size=4, max_size=14)

    @settings(max_examples=60 if slow else 12, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(steps=ops)
    def run(steps):
        def start(first: Path) -> None:  # the key in regie.yaml, and one shared case, so that records collide inside it
            config = first / "regie.yaml"
            config.write_text(config.read_text().replace("  - id: reg\n", f"  - id: reg\n    age: {public}\n", 1))
            git(first, "commit", "-qam", "sleutel")
            _ok(cli("-C", str(first), *nc("start")))
            identity(first, "2026-001", "start")

        remote, clones = _three_clones(cli, tmp_path / f"w{next(rounds)}", "--beheerder", "reg", prepare=start)
        for n, c in enumerate(clones):  # three regisseurs, each with their own git identity
            git(c, "config", "user.name", f"Regisseur {n}")
            git(c, "config", "user.email", f"regisseur{n}@netwerk.example")
        made = dict.fromkeys(("casus", "signaal", "netwerknotitie", "afspraak", "doel", "naaste", "escalatie", "journaal"), 0)
        made["casus"] = 1
        clients = {"Cliënt van start"}
        for n, (i, op) in enumerate(steps):
            root = clones[i]
            if op == "sync":
                _ok(cli("-C", str(root), "sync"))
            elif op == "new-case":  # aard and pseudonym name the client: a folder must keep both of the same one
                args = nc(f"{i}-{n}")
                args[args.index("--aard") + 1] = f"overlast {i}-{n}"
                identity(root, _ok(cli("-C", str(root), *args)).out.strip(), f"{i}-{n}")
                clients.add(f"Cliënt van {i}-{n}")
                made["casus"] += 1
            else:
                kind, args = WEEK[op]
                r = cli("-C", str(root), *args(f"{i}-{n}"))
                if op == "escalate" and r.code == 1 and "hoogste niveau van de ladder" in r.err:
                    continue  # the ladder ends: refused, nothing made
                _ok(r)
                made[kind] += 1
        for root in clones + clones:  # everyone shares, then everyone has everything
            _ok(cli("-C", str(root), "sync"))
        heads = {git(c, "rev-parse", "HEAD") for c in clones}
        assert heads == {git(remote, "rev-parse", "main")}
        _check_week(cli, clones[0], remote, made, clients)

    run()


# Budget: a smart-HTTP server on this machine, two clones, three syncs; about 5 s here.
@pytest.mark.slow
def test_a_team_on_a_smart_http_server_with_a_password(cli, tmp_path, http_git):
    """The way a network's GitLab is reached: over HTTP with basic auth. Sync renumbers there too; a wrong
    password is 'geen toegang' (not offline), and the password is never shown."""
    folder, base = http_git
    git(folder, "init", "-q", "--bare", "-b", "main", str(folder / "dossiers.git"))
    url = base.replace("http://", "http://regie:geheim@") + "/dossiers.git"
    a, b = tmp_path / "a", tmp_path / "b"
    _ok(cli("init", str(a), "--naam", "Team", "--regisseur-id", "reg", "--regisseur-naam", "R", "--beheerder", "reg",
            "--remote", url))
    _ok(cli("-C", str(a), "sync"))
    git(tmp_path, "clone", "-q", url, str(b))
    _ok(cli("-C", str(b), "setup"))
    _ok(cli("-C", str(a), *nc("a")))
    _ok(cli("-C", str(b), *nc("b")))
    _ok(cli("-C", str(a), "sync"))
    assert _ok(cli("-C", str(b), "sync")).out == "casus: 2026-001 → 2026-002\n"
    _ok(cli("-C", str(a), "sync"))
    assert git(a, "rev-parse", "HEAD") == git(b, "rev-parse", "HEAD") == git(folder / "dossiers.git", "rev-parse", "main")
    git(b, "remote", "set-url", "origin", base.replace("http://", "http://regie:fout@") + "/dossiers.git")
    r = cli("-C", str(b), "sync")
    assert (r.code, r.err) == (1, f"fout: geen toegang tot origin ({base}/dossiers.git): je account of sleutel wordt "
                                  "geweigerd; vraag de beheerder van de server om toegang (je commits blijven hier staan)\n")
    assert "fout@" not in r.err and "geheim" not in r.err
    git(b, "remote", "set-url", "origin", url.replace("/dossiers.git", "/bestaat-niet.git"))
    r = cli("-C", str(b), "sync")
    assert r.code == 1 and r.err.startswith("fout: onbekende gedeelde repository origin:"), r.err


# Budget: two clones, a hand edit and an escalation each, two syncs; about 5 s here.
@pytest.mark.slow
def test_household_members_and_escalation_memos_follow_a_renumbering(cli, team):
    remote, a, clone = team
    _ok(cli("-C", str(a), *nc("a")))
    casus = a / "casussen/2026-001/casus.yaml"
    casus.write_text(casus.read_text() + "huishouden:\n  id: HH-0042\n  leden:\n    - id: L1\n      rol: ouder\n")
    git(a, "commit", "-qam", "huishouden")
    _ok(cli("-C", str(a), "sync"))
    b = clone("b")
    for root, rol in ((a, "kind"), (b, "partner")):
        path = root / "casussen/2026-001/casus.yaml"
        path.write_text(path.read_text() + f"    - id: L2\n      rol: {rol}\n")
        git(root, "commit", "-qam", "lid")
        _ok(cli("-C", str(root), "doel", "add", "2026-001", "--leefgebied", "financien", "--wat", f"doel voor {rol}",
                "--lid", "L2"))
        _ok(cli("-C", str(root), "escalate", "2026-001", "--over", "ggd", *MEMO, "--reden", f"reden {rol}", "--verzoek", "gesprek"))
    _ok(cli("-C", str(a), "sync"))
    r = _ok(cli("-C", str(b), "sync"))
    assert r.out == ("escalatie in casus 2026-001: E1 → E2\nverstrekking in casus 2026-001: V1 → V2\n"
                     "doel in casus 2026-001: D1 → D2\nlid in casus 2026-001: L2 → L3\n")
    case = b / "casussen/2026-001"
    assert re.findall(r"- id: (L\d)\n\s+rol: (\w+)", (case / "casus.yaml").read_text()) == [
        ("L1", "ouder"), ("L2", "kind"), ("L3", "partner")]
    assert re.findall(r"doel: doel voor (\w+)\n(?:.*\n)*?\s+lid: (L\d)", (case / "plan.md").read_text()) == [
        ("kind", "L2"), ("partner", "L3")]
    assert sorted(p.name for p in (case / "escalaties").iterdir()) == ["E1.md", "E2.md"]
    assert "reden partner" in (case / "escalaties/E2.md").read_text() and "reden kind" in (case / "escalaties/E1.md").read_text()
    _ok(cli("-C", str(b), "validate"))
