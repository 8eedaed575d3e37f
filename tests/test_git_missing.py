"""Without a git program, or with a broken repository (issue 12, item 2): a Dutch message, never a traceback;
read-only commands work."""

from __future__ import annotations

import pytest
from conftest import run_regie


@pytest.fixture
def no_git(tmp_path):
    """An environment whose PATH holds no git (as in the python:3.12-slim image)."""
    empty = tmp_path / "bin"
    empty.mkdir()
    return {"PATH": str(empty)}


@pytest.mark.parametrize("args, out_start", [
    (["list"], "casus   "),
    (["show", "2026-001"], "casus 2026-001"),
    (["overdue", "--format", "json"], "{"),
    (["report", "--quarter", "2026Q3", "--format", "json"], "{"),
    (["sociale-kaart", "--leefgebied", "justitie"], "# Sociale kaart"),
])
def test_read_only_commands_work_without_git(examples_repo, no_git, args, out_start):
    r = run_regie("-C", str(examples_repo), *args, cwd=examples_repo, env=no_git)
    assert (r.returncode, r.stdout[: len(out_start)]) == (0, out_start), r.stderr
    assert "Traceback" not in r.stderr


def test_validate_and_log_say_what_they_could_not_do(examples_repo, no_git):
    r = run_regie("-C", str(examples_repo), "validate", cwd=examples_repo, env=no_git)
    assert r.returncode == 0, r
    assert ("commit: [git-ontbreekt] waarschuwing: het programma git is niet gevonden: de commitberichten zijn niet op "
            "persoonsgegevens gecontroleerd") in r.stdout.splitlines()
    r = run_regie("-C", str(examples_repo), "log", "2026-001", cwd=examples_repo, env=no_git)
    assert r.returncode == 0 and "2026-02-03" in r.stdout
    assert r.stderr == "waarschuwing: het programma git is niet gevonden: alleen de data uit het dossier zelf\n"


NO_GIT = "fout: het programma git is niet gevonden; installeer git (bijvoorbeeld 'apt install git')\n"


def test_changes_are_refused_before_anything_is_written(examples_repo, tmp_path, no_git):
    before = {p: p.read_bytes() for p in examples_repo.rglob("*") if p.is_file() and ".git" not in p.parts}
    r = run_regie("-C", str(examples_repo), "afspraak", "done", "2026-001", "A4", cwd=examples_repo, env=no_git)
    assert (r.returncode, r.stderr) == (1, NO_GIT)
    assert {p: p.read_bytes() for p in examples_repo.rglob("*") if p.is_file() and ".git" not in p.parts} == before
    target = tmp_path / "nieuw" / "netwerk"
    r = run_regie("init", str(target), "--naam", "Testnetwerk", cwd=tmp_path, env=no_git)
    assert (r.returncode, r.stderr) == (1, NO_GIT)
    assert not (tmp_path / "nieuw").exists()  # no empty folders left behind


def test_a_broken_repository_gives_a_message_not_a_traceback(examples_repo):
    (examples_repo / ".git/HEAD").write_text("kapot\n")
    r = run_regie("-C", str(examples_repo), "list", cwd=examples_repo)
    assert r.returncode == 0
    r = run_regie("-C", str(examples_repo), "log", "2026-001", cwd=examples_repo)
    assert r.returncode == 0 and r.stderr == "waarschuwing: geen git-repository: alleen de data uit het dossier zelf\n"
    r = run_regie("-C", str(examples_repo), "afspraak", "done", "2026-001", "A4", cwd=examples_repo)
    assert r.returncode == 1 and r.stderr.startswith("fout: ") and "Traceback" not in r.stderr, r
