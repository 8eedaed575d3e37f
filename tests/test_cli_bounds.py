"""Bounds on what the command line takes, the same for every command: ``--today`` and over-long paths.

What the command-line fuzzing (tests/test_fuzz_cli.py) found, each pinned with its exact Dutch message.
"""

from __future__ import annotations

import os

import pytest
from conftest import EXAMPLES

RANGE = "verwacht een bestaande datum als JJJJ-MM-DD, van 1900-01-01 tot en met 2199-12-31"


def _every_command() -> list[list[str]]:
    from typer.main import get_command

    from regie.cli.app import build_app

    found: list[list[str]] = []

    def walk(command, names):
        subs = getattr(command, "commands", None)
        if isinstance(subs, dict):
            for name, sub in subs.items():
                walk(sub, [*names, name])
        else:
            found.append(names)

    walk(get_command(build_app()), [])
    return found


# budget: 55 command lines (every command) that stop at --today, about 2 s (7 s on a busy two-core machine)
@pytest.mark.slow
def test_every_command_refuses_a_today_out_of_range_alike(cli):
    # sociale-kaart and signal list never ask for today, and took any --today without a word
    every = _every_command()
    assert ["sociale-kaart"] in every and ["signal", "list"] in every and len(every) > 40
    for names in every:
        r = cli("-C", str(EXAMPLES), "--today", "2200-01-01", *names)
        assert (r.code, r.out, r.err) == (2, "", f"fout: ongeldige --today '2200-01-01': {RANGE}\n"), names


@pytest.mark.parametrize("day", ["2200-01-01", "0000-01-01", "1899-12-31", "2026-02-30", "9999-12-31"])
@pytest.mark.parametrize("command", [["sociale-kaart"], ["signal", "list"], ["schema", "list"], ["list"]])
def test_a_today_out_of_range_is_refused_also_where_today_is_not_asked_for(cli, day, command):
    r = cli("-C", str(EXAMPLES), "--today", day, *command)
    assert (r.code, r.out, r.err) == (2, "", f"fout: ongeldige --today '{day}': {RANGE}\n")


def test_regie_today_from_the_environment_is_named_so(cli, monkeypatch):
    monkeypatch.setenv("REGIE_TODAY", "2200-01-01")
    r = cli("-C", str(EXAMPLES), "sociale-kaart")
    assert (r.code, r.out, r.err) == (2, "", f"fout: ongeldige REGIE_TODAY '2200-01-01': {RANGE}\n")


def test_the_bounds_of_today_themselves_are_taken(cli):
    for day in ("1900-01-01", "2199-12-31"):
        r = cli("-C", str(EXAMPLES), "--today", day, "signal", "list", "--format", "json")
        assert r.code == 0 and r.err == "", r


LONG = "x" * 300
NAME = "een naam in het pad heeft 300 bytes, het systeem staat er hoogstens 255 toe"


@pytest.mark.parametrize("args, what", [
    (["validate", "2026-001", LONG], "CASUS"),  # was exit 3: OSError (File name too long)
    (["list", "-o", LONG], "--output"),
    (["signal", "list", "--output", f"export/{LONG}/x.txt"], "--output"),
    (["-C", LONG, "list"], "-C/--repo"),
    (["--repo", f"../{LONG}", "show", "2026-001"], "-C/--repo"),
    (["init", LONG], "MAP"),
    (["schema", "export", LONG], "MAP"),
    (["keygen", "-o", LONG], "--output"),
])
def test_a_path_longer_than_the_system_allows_is_a_usage_error(cli, examples_repo, args, what):
    r = cli(*args, cwd=examples_repo)
    assert (r.code, r.out, r.err) == (2, "", f"fout: {what}: het pad is te lang: {NAME}\n")
    assert LONG not in os.listdir(examples_repo.parent)


def test_a_whole_path_longer_than_the_system_allows_is_a_usage_error(cli, examples_repo):
    deep = "a/" * 2100  # every name short, the whole 4,200 bytes
    r = cli("caseload", "-o", deep + "x.csv", cwd=examples_repo)
    assert (r.code, r.out, r.err) == (2, "", "fout: --output: het pad is te lang: 4205 bytes, het systeem staat "
                                             "hoogstens 4095 bytes toe\n")
    assert not (examples_repo / "a").exists()


def test_a_long_name_the_system_takes_is_taken(cli, examples_repo):
    name = "é" * 100 + "x"  # 201 bytes in UTF-8 (the atomic write's temporary name adds 14)
    r = cli("list", "--format", "json", "-o", f"../{name}", cwd=examples_repo)
    assert (r.code, r.err) == (0, f"geschreven: ../{name}\n10 casussen\n"), r
    assert (examples_repo.parent / name).read_text().startswith("[")


@pytest.mark.parametrize("where, reason", [
    ("bestand", "er staat al een bestand met die naam (waar een map hoort?)"),  # was exit 3: FileExistsError
    ("bestand/netwerk", "een deel van het pad is een bestand, geen map"),
])
def test_init_where_a_file_is_says_so(cli, tmp_path, where, reason):
    (tmp_path / "bestand").write_text("al hier\n")
    r = cli("init", where, "--naam", "X", cwd=tmp_path)
    assert (r.code, r.out, r.err) == (1, "", f"fout: {where}: kan de map niet maken: {reason}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bestand"]
    assert (tmp_path / "bestand").read_text() == "al hier\n"


def test_setup_with_a_folder_that_does_not_exist_inside_a_git_repository(cli, examples_repo):
    # was exit 3 (FileNotFoundError): the git repository around the working folder was taken for the missing one
    r = cli("-C", "bestaat-niet", "setup", cwd=examples_repo)
    assert (r.code, r.out, r.err) == (1, "", "fout: map bestaat niet: bestaat-niet\n")
