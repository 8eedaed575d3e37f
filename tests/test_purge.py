"""Erasure with real history rewriting (git-filter-repo): afterwards no commit holds the case's files."""

from __future__ import annotations

import subprocess

import pytest
from conftest import git

C = "casussen/2025-014"


def _filter_repo_available() -> bool:
    import shutil
    import sys
    from pathlib import Path

    return bool(shutil.which("git-filter-repo")) or (Path(sys.executable).parent / "git-filter-repo").exists()


pytestmark = pytest.mark.skipif(not _filter_repo_available(),
                                reason="git-filter-repo is not installed (a test dependency: pip install '.[test]')")


def _all_blobs(repo) -> bytes:
    """Every object of every commit, as one byte string."""
    objects = git(repo, "rev-list", "--all", "--objects").split()
    shas = [o for o in objects if len(o) == 40]
    out = subprocess.run(["git", "cat-file", "--batch"], cwd=repo, input="\n".join(shas).encode(), capture_output=True,
                         check=True).stdout
    return out


@pytest.fixture
def history(cli, examples_repo):
    """The examples with some history on 2025-014 (closed 2026-05-18, keep until 2041-05-18)."""
    path = examples_repo / C / "casus.yaml"
    path.write_text(path.read_text() + "# nagekomen: zoon belde nog\n")
    git(examples_repo, "commit", "-qam", "regie note: nagekomen")
    git(examples_repo, "remote", "add", "origin", str(examples_repo.parent / "server.git"))
    return examples_repo


def _in_cache(repo, text: bytes) -> bool:
    return any(text in p.read_bytes() for p in (repo / ".git" / "regie").glob("cache-*"))


def test_purge_after_the_term_removes_the_case_from_all_history(cli, history, monkeypatch):
    from regie.dossier import cache

    unique = b"budgetbeheer loopt, contact met de zoon hersteld"
    assert unique in _all_blobs(history)
    monkeypatch.setattr(cache, "RACY_SECONDS", -10)  # let the cache keep the case: purge must remove that copy too
    assert cli("-C", str(history), "--today", "2041-06-01", "validate").code == 0
    assert _in_cache(history, "Meneer A.".encode())  # the pseudonym, in the parsed case kept there
    r = cli("-C", str(history), "--today", "2041-06-01", "purge", "2025-014", "--dry-run")
    assert r.code == 0, r
    assert r.out.splitlines()[:2] == [f"{C}/afspraken.yaml", f"{C}/casus.yaml"]
    assert r.err.startswith("zou casus 2025-014 vernietigen: ")
    assert (history / C).is_dir()
    r = cli("-C", str(history), "--today", "2041-06-01", "purge", "2025-014")
    assert r.code == 0, r
    assert r.err.startswith("casus 2025-014 vernietigd: ")
    assert "deel de vernietiging: 'regie sync' (die vervangt de geschiedenis op origin/main" in r.err
    assert not (history / C).exists()
    assert unique not in _all_blobs(history)
    assert not [p for p in git(history, "rev-list", "--all", "--objects").split() if p.startswith(C)]
    assert git(history, "log", "-1", "--format=%s") == "regie purge: casus 2025-014 vernietigd\n"
    record = (history / "vernietigd.yaml").read_text()
    assert "casus: 2025-014\n" in record and "datum: 2041-06-01\n" in record and "bewaren_tot: 2041-05-18\n" in record
    assert "voortijdig: false\n" in record
    assert git(history, "remote") == "origin\n"  # filter-repo drops remotes; regie puts them back
    assert git(history, "status", "--porcelain") == ""
    assert cli("-C", str(history), "--today", "2041-06-01", "validate").code == 0
    assert not _in_cache(history, "Meneer A.".encode())


@pytest.mark.parametrize("args, code, message", [
    (["purge", "2026-001"], 1, "fout: casus 2026-001 is niet gesloten (status uitvoering); alleen een gesloten casus kan vernietigd worden\n"),
    (["purge", "2025-014"], 1, "fout: de bewaartermijn van casus 2025-014 loopt nog (bewaren tot 2041-05-18); eerder vernietigen kan "
                               "alleen op verzoek van de cliënt of om een andere wettelijke grond: 'regie purge 2025-014 --voortijdig --reden GROND'\n"),
    (["purge", "2025-014", "--voortijdig"], 2, "fout: --reden: voortijdig vernietigen vraagt als reden de grond: recht-op-vergetelheid, "
                                               "onrechtmatig-verwerkt, bezwaar, anders (bijv. recht-op-vergetelheid, AVG art. 17)\n"),
])
def test_purge_refusals_change_nothing(cli, history, args, code, message):
    head = git(history, "rev-parse", "HEAD")
    r = cli("-C", str(history), *args)
    assert (r.code, r.err) == (code, message)
    assert git(history, "rev-parse", "HEAD") == head and (history / C).is_dir()


def test_purge_needs_a_clean_work_tree_and_may_go_early_on_request(cli, history):
    (history / "notitie.txt").write_text("x\n")
    r = cli("-C", str(history), "purge", "2025-014", "--voortijdig", "--reden", "recht-op-vergetelheid")
    assert (r.code, r.err) == (1, "fout: de werkmap is niet schoon: commit of verwijder eerst alle wijzigingen ('git status'); "
                                  "purge herschrijft de hele geschiedenis\n")
    (history / "notitie.txt").unlink()
    r = cli("-C", str(history), "purge", "2025-014", "--voortijdig", "--reden", "recht-op-vergetelheid")
    assert r.code == 0, r
    record = (history / "vernietigd.yaml").read_text()
    assert "voortijdig: true\n" in record and "grond: recht-op-vergetelheid\n" in record
    assert not [p for p in git(history, "rev-list", "--all", "--objects").split() if p.startswith(C)]


def test_purge_of_a_dossier_in_a_folder_of_a_larger_repository_erases_it(cli, tmp_path):
    """The network keeps its dossier in a folder of a bigger repository: the case goes from the work tree, every
    commit and the objects, with the paths taken from the top of that repository."""
    import shutil

    from conftest import EXAMPLES

    top = tmp_path / "groot"
    shutil.copytree(EXAMPLES, top / "netwerk" / "dossier")
    (top / "LEESMIJ.md").write_text("Andere bestanden van de gemeente.\n")
    git(top, "init", "-q", "-b", "main")
    git(top, "add", ".")
    git(top, "commit", "-qm", "begin")
    dossier = top / "netwerk" / "dossier"
    unique = b"budgetbeheer loopt, contact met de zoon hersteld"
    assert unique in _all_blobs(top)
    r = cli("-C", str(dossier), "--today", "2041-06-01", "purge", "2025-014")
    assert r.code == 0, r
    assert not (dossier / C).exists()
    assert unique not in _all_blobs(top)
    assert not [p for p in git(top, "rev-list", "--all", "--objects").split() if "2025-014" in p and "casussen" in p]
    assert (top / "LEESMIJ.md").read_text() == "Andere bestanden van de gemeente.\n"
    assert "casus: 2025-014\n" in (dossier / "vernietigd.yaml").read_text()
    assert git(top, "log", "-1", "--format=%s") == "regie purge: casus 2025-014 vernietigd\n"
