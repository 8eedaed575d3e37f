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
    from regie.cli.app import app

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


def test_the_top_help_uses_the_same_metavars(cli):
    out = cli("--help").out
    assert "-C, --repo MAP" in out and "--today DATUM" in out and "--op DATUM" in out
    assert "<map>" not in out and "<datum>" not in out.split("Commando's:")[0]


def test_a_group_without_subcommand_shows_its_dutch_help(cli):
    r = cli("afspraak")
    assert r.code == 2 and english_in(r.out + r.err) == []
    assert "Commando's:" in r.out + r.err


def test_metavars_are_dutch(cli):
    text = cli("new-case", "--help").out + cli("report", "--help").out + cli("afspraak", "add", "--help").out
    for expected in ("--datum DATUM", "--leefgebied LEEFGEBIED", "--quarter KWARTAAL", "--vergelijk PERIODE",
                     "--format text|md|html|json|csv", "-o, --output BESTAND", "--deadline DATUM", "Gebruik: regie afspraak add [OPTIES] CASUS\n"):
        assert expected in text, expected


# ---------------------------------------------------------------- documents in Dutch


def test_numbers_and_counts_are_dutch():
    from regie.taal import aantal, nl_num

    assert [nl_num(v) for v in (3.7, 12.0, 12, None, "< 5", 0.25)] == ["3,7", "12", "12", "-", "< 5", "0,25"]
    assert [aantal(n, "casus") for n in (0, 1, 2)] == ["0 casussen", "1 casus", "2 casussen"]
    assert aantal(1, "dag") == "1 dag" and aantal(3, "waarschuwing") == "3 waarschuwingen"


@pytest.mark.parametrize("args, title", [
    (["--quarter", "2026Q3"], "# Kwartaalrapportage Integraal Netwerk Zuiderhaven — 3e kwartaal 2026 (1 juli t/m 30 september)"),
    (["--year", "2026"], "# Jaarrapportage Integraal Netwerk Zuiderhaven — 2026 (1 januari t/m 26 november)"),  # runs up to today
    (["--from", "2026-01-01", "--to", "2026-06-30"], "# Rapportage Integraal Netwerk Zuiderhaven — 1 januari t/m 30 juni 2026"),
    (["--from", "2025-12-01", "--to", "2026-01-31"], "# Rapportage Integraal Netwerk Zuiderhaven — 1 december 2025 t/m 31 januari 2026"),
])
def test_the_report_title_fits_the_period(cli, args, title):
    assert cli(*EX, "report", *args, "--format", "md").out.splitlines()[0] == title


def test_documents_name_leefgebieden_and_organisations(cli, examples_repo):
    md = cli(*EX, "report", "--year", "2026", "--format", "md").out
    assert "| Geestelijke gezondheid |" in md and "| geestelijke-gezondheid |" not in md
    assert "| Woonstad Zuid |" in md.split("Meldingen per melder-organisatie")[1].split("\n\n")[0]
    # 5 scores, each score of the distribution below 5: all hidden, the total too, and the mean would give them away
    assert "Samenwerking in evaluaties (1–5): x scores, gemiddeld -; verdeling 1: 0, 2: x, 3: x, 4: x, 5: x." in md
    plan = cli(*EX, "plan", "2026-001").out
    assert "Huisvesting, Geestelijke gezondheid, Financiën" in plan and "· Financiën" in plan
    assert cli(*EX, "sociale-kaart", "--leefgebied", "financien").out.splitlines()[4] == "## Financiën"
    # a network renames a leefgebied in regie.yaml, and every document follows
    from conftest import edit

    edit(examples_repo / "regie.yaml", "naam: Integraal Netwerk Zuiderhaven\n",
         "naam: Integraal Netwerk Zuiderhaven\nleefgebied_namen:\n  financien: Geld en schulden\n")
    assert cli("-C", str(examples_repo), "validate").code == 0
    assert "Huisvesting, Geestelijke gezondheid, Geld en schulden" in cli("-C", str(examples_repo), "plan", "2026-001").out


def test_the_inzage_leaves_out_the_templates_questions(cli, examples_repo):
    root = ("-C", str(examples_repo))
    assert cli(*root, "evaluate", "2026-001").code == 0
    written = (examples_repo / "casussen/2026-001/evaluaties/2026-11-26.md").read_text()
    question = "Wat ging goed in de samenwerking tussen de partners, wat niet, en wat spreken we af?"
    assert question in written  # the regisseur's prompt in the new evaluation
    export = cli(*root, "export", "2026-001").out
    assert question not in export and "Evaluatie van de samenwerking" not in export.split("26 november 2026", 1)[1]
    assert "### Tussentijdse evaluatie van 26 november 2026" in export and "Tussentijdsevaluatie" not in export


def test_a_question_left_unanswered_ends_in_dutch(cli, monkeypatch, tmp_path):
    import io

    from regie.cli import console

    monkeypatch.setattr(console, "interactive", lambda: True)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # the terminal closes while regie init asks for the network's name
    r = cli("init", str(tmp_path / "netwerk"))
    assert (r.code, r.err.splitlines()[-1]) == (1, "fout: afgebroken"), r
    assert english_in(r.out + r.err) == []
    assert not (tmp_path / "netwerk").exists()


@pytest.mark.parametrize("value, text", [
    (1234567.5, "1.234.567,5"), (1234567, "1.234.567"), (0.1 + 0.2, "0,3"), (2.75, "2,75"), (3.0, "3"), (-12.5, "-12,5"),
    (1e20, "100.000.000.000.000.000.000"), (None, "-"), ("x", "x"),
])
def test_numbers_are_written_by_babel_for_nl_nl(value, text):
    from regie.taal import nl_num

    assert nl_num(value) == text


def test_percentages_dates_and_csv_decimals():
    import datetime as dt

    from regie.safetext import csv_text
    from regie.taal import nl_date, nl_percent

    assert (nl_percent(37), nl_percent(12.5), nl_percent(None)) == ("37%", "12,5%", "-")
    assert nl_date(dt.date(2026, 7, 1)) == "1 juli 2026" and nl_date("2026-09-30", "d MMMM") == "30 september"
    excel = csv_text(("a", "b"), [(0.1 + 0.2, 1234567.5), (1e-7, 2.0)]).splitlines()
    assert excel[1:] == ["0,3;1234567,5", "0,0000001;2"]
    assert csv_text(("a",), [(0.1 + 0.2,)], "rfc").splitlines()[1] == "0.3"


@pytest.mark.parametrize("label, name", [
    ("2026Q1", "1e kwartaal 2026 (1 januari t/m 31 maart)"), ("2026Q4", "4e kwartaal 2026 (1 oktober t/m 31 december)"),
    ("2026", "2026 (1 januari t/m 31 december)"),
])
def test_periods_as_a_municipality_writes_them(label, name):
    from regie.views import period
    from regie.views.report.labels import period_name

    assert period_name(period.year(label) if label.isdigit() else period.quarter(label)) == name
