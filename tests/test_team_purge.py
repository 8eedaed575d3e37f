"""A purge reaches the whole team (issue 29): three clones and a bare remote; after each has synced, no object of the
purged case is in any clone or in the remote, and no clone's own work on other cases is lost."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import git
from test_purge import _filter_repo_available

pytestmark = pytest.mark.skipif(not _filter_repo_available(),
                                reason="git-filter-repo is not installed (a test dependency: pip install '.[test]')")

C = "casussen/2025-014"  # closed 2026-05-18, keep until 2041-05-18
UNIQUE = b"budgetbeheer loopt, contact met de zoon hersteld"  # in the case's files since the first commit


def _objects(repo: Path) -> bytes:
    """Every object in the repository's store, reachable or not."""
    return subprocess.run(["git", "cat-file", "--batch-all-objects", "--batch"], cwd=repo, capture_output=True,
                          check=True).stdout


def _append(repo: Path, rel: str, line: str, message: str) -> None:
    path = repo / rel
    path.write_text(path.read_text() + line + "\n")
    git(repo, "commit", "-qam", message)


@pytest.fixture
def three(cli, examples_repo, tmp_path):
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    (examples_repo / "LEESMIJ.txt").write_text("over deze repository\n")
    git(examples_repo, "add", "LEESMIJ.txt")
    git(examples_repo, "commit", "-qm", "leesmij")
    git(examples_repo, "remote", "add", "origin", str(remote))
    git(examples_repo, "push", "-q", "-u", "origin", "HEAD:main")
    clones = []
    for name in ("a", "b", "c"):
        path = tmp_path / name
        git(tmp_path, "clone", "-q", str(remote), str(path))
        assert cli("-C", str(path), "setup").code == 0
        clones.append(path)
    return remote, clones


# Budget: three clones of the examples, a purge and six syncs with git-filter-repo; about 10 s here.
@pytest.mark.slow
def test_after_every_clone_synced_no_object_of_the_purged_case_is_anywhere(cli, three):
    remote, (a, b, c) = three
    # c shares work on another case before a purges: a's sync must carry it onto the purged history
    _append(c, "casussen/2026-002/casus.yaml", "# c: nagekomen", "regie note: c")
    assert cli("-C", str(c), "sync").code == 0
    # b works offline: one commit on the case that will be purged, one on another case
    _append(b, f"{C}/casus.yaml", "# b: ZOONBELDE-B", "regie note: b op de oude casus")
    _append(b, "casussen/2026-001/casus.yaml", "# b: nagekomen", "regie note: b")

    git(c, "bundle", "create", "-q", str(c.parent / "oud.bundle"), "main")  # the old history, kept aside
    r = cli("-C", str(a), "--today", "2041-06-01", "purge", "2025-014")
    assert r.code == 0, r
    r = cli("-C", str(a), "sync")
    assert r.code == 0, r
    assert r.out == "casus 2025-014 is vernietigd: weg uit deze clone en de gedeelde repository\n"
    assert "casussen/2026-002" in git(a, "log", "-1", "--format=", "--name-only", "HEAD~1")  # c's work, carried over
    assert git(remote, "log", "--all", "--format=%h", "--", C) == ""

    head = git(b, "rev-parse", "HEAD")
    r = cli("-C", str(b), "sync", "--dry-run")
    assert r.code == 0 and r.out.splitlines()[0] == "casus 2025-014 is vernietigd: zou uit deze clone gehaald worden", r
    assert r.out.splitlines()[1].endswith(" regie note: b op de oude casus (deze commit raakte alleen die casus en valt weg)")
    assert r.err == "origin/main: zou 2 commits delen, 0 binnengehaald\n"
    assert git(b, "rev-parse", "HEAD") == head and (b / C).is_dir()
    (b / "LEESMIJ.txt").write_text("aangepast\n")  # a change git would lose when the history is rewritten
    r = cli("-C", str(b), "sync")
    assert r.code == 1 and r.err.startswith("fout: niet gedeeld: een vernietigde casus moet ook uit deze clone weg, en "
                                            "daarvoor moet de werkmap schoon zijn"), r
    assert git(b, "rev-parse", "HEAD") == head and (b / "LEESMIJ.txt").read_text() == "aangepast\n"
    git(b, "checkout", "-q", "--", "LEESMIJ.txt")

    r = cli("-C", str(b), "sync")
    assert r.code == 0, r
    assert git(b, "log", "-1", "--format=%s", "HEAD") == "regie note: b\n"
    lines = r.out.splitlines()
    assert lines[0] == "casus 2025-014 is vernietigd: weg uit deze clone"
    assert lines[1].startswith("niet gedeeld voor de vernietigde casus: ") and lines[1].endswith(
        " regie note: b op de oude casus (deze commit raakte alleen die casus en valt weg)")
    assert len(lines) == 2

    r = cli("-C", str(c), "sync")
    assert r.code == 0 and r.out == "casus 2025-014 is vernietigd: weg uit deze clone\n", r
    assert cli("-C", str(a), "sync").code == 0

    heads = {git(repo, "rev-parse", "HEAD") for repo in (a, b, c)} | {git(remote, "rev-parse", "main")}
    assert len(heads) == 1
    for repo in (a, b, c, remote):
        store = _objects(repo)
        assert UNIQUE not in store and b"ZOONBELDE-B" not in store, repo
        assert git(repo, "log", "--all", "--format=%h", "--", C) == ""
        assert "2025-014" in git(repo, "show", "HEAD:vernietigd.yaml")
    for repo in (a, b, c):
        assert not (repo / C).exists()
        text = (repo / "casussen/2026-001/casus.yaml").read_text() + (repo / "casussen/2026-002/casus.yaml").read_text()
        assert "# b: nagekomen" in text and "# c: nagekomen" in text
        assert cli("-C", str(repo), "validate").code == 0

    # the old history fetched back into c, and the case's folder taken from it into a commit: the next sync erases it
    git(c, "fetch", "-q", str(c.parent / "oud.bundle"), "main:refs/heads/oud")
    git(c, "checkout", "-q", "oud", "--", C)
    (c / "LEESMIJ.txt").write_text("over deze repository, bijgewerkt\n")
    git(c, "add", "LEESMIJ.txt")
    git(c, "commit", "-qm", "terug")
    r = cli("-C", str(c), "sync")
    assert r.code == 0 and r.out.splitlines()[0] == "casus 2025-014 is vernietigd: weg uit deze clone", r
    assert r.out.splitlines()[1].endswith(" terug (alleen wat deze commit aan andere bestanden veranderde, gaat mee)")
    assert not (c / C).exists() and UNIQUE not in _objects(c) and UNIQUE not in _objects(remote)
    assert git(remote, "show", "main:LEESMIJ.txt") == "over deze repository, bijgewerkt\n"  # what else it did, went along
