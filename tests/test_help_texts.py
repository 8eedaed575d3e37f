"""Every command's help in the user's words (issue 26, item 7): no "seed" (the word of regie's sources, not of the
user), no braces in a usage line, every date option as DATUM; and what ``init`` writes says no "seed" either."""

from __future__ import annotations

import re

import pytest

from regie.cli.menu import COMMANDS


def _leaves() -> list[list[str]]:
    import typer

    from regie.cli.app import build_app
    from regie.cli.framework_nl import dutch_command

    top = typer.main.get_command(build_app())
    dutch_command(top)
    out: list[list[str]] = []

    def walk(cmd, path: list[str]) -> None:
        subs = getattr(cmd, "commands", None)
        if isinstance(subs, dict) and subs:
            out.append(path)  # the group's own help too
            # a group that takes the case before its subcommand (regie huishouden CASUS lid add)
            case = [CASE_WORD] if any(p.param_type_name == "argument" for p in cmd.params) else []
            for name, sub in subs.items():
                walk(sub, [*path, *case, name])
        else:
            out.append(path)

    for name in COMMANDS:
        walk(top.commands[name], [name])
    return out


CASE_WORD = "CASUS"  # in a path: the case a group takes before its subcommand (2026-001 on the command line)
LEAVES = _leaves()


def test_the_walk_finds_every_command():
    assert ["afspraak", "add"] in LEAVES and ["show"] in LEAVES and len(LEAVES) >= len(COMMANDS)


@pytest.mark.parametrize("path", LEAVES, ids=" ".join)
def test_help_has_no_seed_no_braces_and_dates_as_datum(cli, path):
    r = cli(*["2026-001" if w == CASE_WORD else w for w in path], "--help")
    assert r.code == 0, r
    assert "seed" not in r.out.lower(), r.out
    assert "{" not in r.out and "}" not in r.out, r.out
    assert r.out.startswith(f"Gebruik: regie {' '.join(path)} [OPTIES]"), r.out.splitlines()[0]
    # a date option (its help says "datum", "(JJJJ-MM-DD)" or "standaard vandaag") shows the metavar DATUM
    for line in r.out.splitlines():
        m = re.match(r"\s+(?:-\w, )?(--[\w-]+) ([A-Z][A-Z-]+)\s", line)
        if m and ("JJJJ-MM-DD" in line or "standaard vandaag" in line):
            assert m[2] == "DATUM", line


def test_every_date_option_has_the_metavar_datum():
    """The declaration itself: a parameter parsed as a date is shown as DATUM, whatever its name."""
    import datetime as dt

    import typer

    from regie.cli.app import build_app
    from regie.cli.framework_nl import dutch_command

    top = typer.main.get_command(build_app())
    dutch_command(top)
    seen = []

    def walk(cmd, path: str) -> None:
        for sub_name, sub in (getattr(cmd, "commands", None) or {}).items():
            walk(sub, f"{path} {sub_name}")
        for p in cmd.params:
            desc = getattr(p, "type_descriptor", None)
            annotation = getattr(desc, "annotation", None)
            if annotation is dt.date or getattr(p, "parser", None) is not None and p.metavar == "DATUM":
                seen.append((path, p.opts[0]))
                assert p.metavar == "DATUM", (path, p.opts)

    walk(top, "regie")
    assert ("regie afspraak add", "--gemaakt") in seen and ("regie meldcode", "--gemeld") in seen


def test_what_init_writes_names_no_source(cli, tmp_path):
    target = tmp_path / "nieuw"
    r = cli("init", str(target), "--naam", "Netwerk Oost")
    assert r.code == 0, r
    hits = [p.relative_to(target).as_posix() for p in target.rglob("*")
            if p.is_file() and ".git" not in p.relative_to(target).parts and "seed" in p.read_text("utf-8").lower()]
    assert hits == []
    assert "seed" not in (r.out + r.err).replace(str(tmp_path), "").lower()


def test_report_counts_one_escalation_step_in_the_singular():
    from regie.taal import aantal

    assert aantal(1, "stap") == "1 stap" and aantal(2, "stap") == "2 stappen"
