"""``init`` checks every precondition before it writes, and leaves nothing behind on a refusal (issue 26, item 6)."""

from __future__ import annotations

import os
import subprocess

from conftest import git


def _tree(folder) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) if folder.exists() else []


def test_init_without_a_git_identity_leaves_the_folder_as_it_was_and_works_once_it_is_set(cli, tmp_path, monkeypatch):
    home_config = os.environ["GIT_CONFIG_GLOBAL"]
    bare = tmp_path / "leeg.gitconfig"
    bare.write_text("[init]\n\tdefaultBranch = main\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(bare))
    target = tmp_path / "netwerk"
    target.mkdir()
    (target / "notities.txt").write_text("van de gebruiker\n")
    before = _tree(target)

    r = cli("init", str(target), "--naam", "Netwerk Oost")
    assert r.code == 1, r
    assert r.err.startswith("fout: git weet niet wie je bent: stel eerst je naam en e-mailadres in"), r.err
    assert _tree(target) == before  # no .git, .github, .regie or anything else
    assert (target / "notities.txt").read_text() == "van de gebruiker\n"

    r = cli("init", str(tmp_path / "nieuw"), "--naam", "Netwerk Oost")
    assert r.code == 1 and not (tmp_path / "nieuw").exists()  # a folder init would make is not made either

    monkeypatch.setenv("GIT_CONFIG_GLOBAL", home_config)
    r = cli("init", str(target), "--naam", "Netwerk Oost")
    assert r.code == 0, r
    assert git(target, "log", "--format=%s") == "regie init: nieuwe dossierrepository\n"
    assert git(target, "status", "--porcelain") == "?? notities.txt\n"


def test_a_failed_commit_takes_the_new_repository_away_again(cli, tmp_path, monkeypatch):
    """A refusal only git itself can give (a pre-commit hook that says no) also leaves no .git, .github or .regie."""
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "pre-commit").write_text("#!/bin/sh\nexit 1\n")
    (hooks / "pre-commit").chmod(0o755)
    config = tmp_path / "hooks.gitconfig"
    config.write_text(f"[user]\n\tname = Test\n\temail = test@example.invalid\n[init]\n\tdefaultBranch = main\n"
                      f"[core]\n\thooksPath = {hooks}\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    target = tmp_path / "netwerk"
    target.mkdir()
    r = cli("init", str(target), "--naam", "Netwerk Oost")
    assert r.code != 0, r
    assert _tree(target) == []
    assert subprocess.run(["git", "-C", str(target), "rev-parse", "--git-dir"], capture_output=True).returncode != 0
