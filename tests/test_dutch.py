"""One Dutch voice (issue 12, item 6): the help of every command and the answers to wrong command lines carry no
English sentence of the framework (typer, click, pydantic), and no help line is cut off."""

from __future__ import annotations

import re

import pytest
from conftest import EXAMPLES

EX = ("-C", str(EXAMPLES))

# What typer, click and pydantic say in English; none of it may reach a regisseur.
ENGLISH = [
    "Usage:", "Options:", "Arguments:", "Commands:", "Show this message", "Missing option", "Missing argument",
    "Missing parameter", "Missing command", "No such option", "No such command", "Invalid value", "Error:", "Try '",
    "default:", "[required]", "Possible options", "is not one of", "Input should", "Value error", "Aborted",
    "Got unexpected", "requires an argument", "does not take a value", "[OPTIONS]", "COMMAND [ARGS]", "<str>", "<int>",
    "<path>", "<list", "<int range>", "<text", "env var", "completion installed", "restart the terminal",
]


def english_in(text: str) -> list[str]:
    return [w for w in ENGLISH if w in text]


def commands() -> list[list[str]]:
    from regie.cli import app

    out = [[c.name] for c in app.registered_commands]
    for g in app.registered_groups:
        out.append([g.name])
        out += [[g.name, c.name] for c in g.typer_instance.registered_commands]
    return out


@pytest.mark.parametrize("args", commands(), ids=" ".join)
def test_every_help_is_dutch_and_whole(cli, args):
    r = cli(*args, "--help")
    assert r.code == 0, r
    assert r.out.startswith(f"Gebruik: regie {' '.join(args)} "), r.out[:80]
    assert english_in(r.out) == [], (args, english_in(r.out))
    assert "-h, --help" in r.out and "Toon deze hulp en stop." in r.out
    # a command list shows each summary as a whole sentence, not cut with '...'
    assert not re.search(r"\w\.\.\.$", r.out, re.M), r.out


@pytest.mark.parametrize("args, err", [
    (["caseload", "--bogus"], "fout: onbekende optie --bogus (bedoelde je --jobs?)\n"),
    (["close", "2026-001"], "fout: ontbrekende optie '--reden'\n"),
    (["show"], "fout: ontbrekend argument 'CASUS'\n"),
    (["list", "--format", "xml"], "fout: ongeldige waarde voor '--format': 'xml' is geen van 'text', 'json'\n"),
    (["overdue", "--within", "abc"], "fout: ongeldige waarde voor '--within': geen geheel getal\n"),
    (["caseload", "--jobs", "x"], "fout: ongeldige waarde voor '--jobs' / '-j': geen geheel getal\n"),
    (["new-case", "--datum"], "fout: optie --datum heeft een waarde nodig\n"),
    (["list", "extra"], "fout: onverwacht extra argument: extra\n"),
    (["nocmd"], "fout: onbekend commando 'nocmd'\n"),
    (["afspraak", "nocmd"], "fout: onbekend commando 'nocmd'\n"),
    (["--today", "2026-02-30", "list"], "fout: ongeldige --today '2026-02-30'"),
    (["report", "--format", "pdf2"], "fout: ongeldige waarde voor '--format': 'pdf2' is geen van"),
])
def test_wrong_command_lines_are_answered_in_dutch(cli, args, err):
    r = cli(*EX, *args)
    assert (r.code, r.out) == (2, ""), r
    assert english_in(r.err) == [], r.err
    assert (r.err.endswith(err) if err.endswith("\n") else err in r.err), r.err
    if "onbekend commando" not in err and "--today" not in err and "--datum" not in err:
        assert "Gebruik: regie " in r.err and "voor hulp." in r.err


def test_a_group_without_subcommand_shows_its_dutch_help(cli):
    r = cli("afspraak")
    assert r.code == 2 and english_in(r.out + r.err) == []
    assert "Commando's:" in r.out + r.err


def test_metavars_are_dutch(cli):
    text = cli("new-case", "--help").out + cli("report", "--help").out + cli("afspraak", "add", "--help").out
    for expected in ("--datum DATUM", "--leefgebied LEEFGEBIED", "--quarter KWARTAAL", "--vergelijk PERIODE",
                     "--format text|md|html|json|csv", "-o, --output BESTAND", "--deadline DATUM", "{CASUS}"):
        assert expected in text, expected
