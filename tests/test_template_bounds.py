"""Templates come with a cloned repository: they read only templates, and they cannot hang regie or fill the disk.

Issue 29, item 1 and item 11: validate names a link or a stray file under templates/; a template that runs
too long or writes too much is stopped with a Dutch message naming the file and line; Jinja's syntax errors
and a missing include are Dutch, with the file relative to the repository and the line of the fault.
"""

from __future__ import annotations

import pytest
from conftest import git, write_tree

from regie import limits


def _validate_lines(cli, root, prefix="templates"):
    r = cli("-C", str(root), "validate")
    return r, [line for line in r.out.splitlines() if line.startswith(prefix)]


def test_validate_names_a_link_and_a_stray_file_under_templates(cli, dossier, tmp_path):
    key = tmp_path / "key.txt"
    key.write_text("AGE-SECRET-KEY-1GEHEIM\n")
    write_tree(dossier, {"templates/agenda.md.j2": "# Agenda\n", "templates/notities.txt": "los\n"})
    (dossier / "templates" / "sleutel.txt").symlink_to(key)
    (dossier / "templates" / "casus").symlink_to(tmp_path)
    r, lines = _validate_lines(cli, dossier)
    assert r.code == 1
    assert lines == [
        "templates/casus: [sjabloon-link] symbolische link tussen de sjablonen: regie leest geen links als sjabloon (een "
        "link kan een bestand van uw computer, zoals een sleutel, in een document halen); zet er het sjabloon zelf neer",
        "templates/notities.txt: [sjabloon-onbekend] waarschuwing: geen sjabloon: in templates/ horen alleen sjablonen (namen op .j2); "
        "zet andere bestanden ergens anders",
        "templates/sleutel.txt: [sjabloon-link] symbolische link tussen de sjablonen: regie leest geen links als sjabloon "
        "(een link kan een bestand van uw computer, zoals een sleutel, in een document halen); zet er het sjabloon zelf neer",
    ]
    assert "GEHEIM" not in r.out + r.err


def test_templates_folder_that_is_a_link_is_named(cli, dossier, tmp_path):
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (dossier / "templates").symlink_to(elsewhere)
    r, lines = _validate_lines(cli, dossier)
    assert r.code == 1 and len(lines) == 1 and lines[0].startswith("templates: [sjabloon-link] symbolische link"), lines


def test_clean_templates_give_no_finding(cli, dossier):
    write_tree(dossier, {"templates/agenda.md.j2": "# Agenda\n", "templates/casus/plan.md.j2": "# Plan\n"})
    r, lines = _validate_lines(cli, dossier)
    assert r.code == 0 and lines == []


@pytest.mark.parametrize("body, line, message", [
    ("# a\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n", 2,
     "range() in een sjabloon mag hoogstens 10.000 getallen geven, niet 100.000"),
    ("# a\n\n{{ 'x' * 1000000000 }}\n", 3, "sjabloon maakt een te grote tekst of lijst (herhaling met *)"),
    ("{{ 9 ** 999999999 }}\n", 1, "sjabloon rekent met een te grote macht (**)"),
])
def test_a_template_cannot_build_what_no_document_needs(cli, examples_repo, body, line, message):
    write_tree(examples_repo, {"templates/agenda.md.j2": body})
    r = cli("-C", str(examples_repo), "agenda")
    assert (r.code, r.out) == (1, "")
    assert r.err == f"fout: templates/agenda.md.j2:{line}: {message}\n"


def test_a_template_that_runs_too_long_is_stopped(cli, examples_repo, monkeypatch):
    """Loops within range() bounds that still take too long: the timer stops them, naming the line it was on."""
    monkeypatch.setattr(limits, "TEMPLATE_SECONDS", 0.5)
    write_tree(examples_repo, {"templates/agenda.md.j2": "# a\n{% for i in range(10000) %}{% for j in range(10000) %}"
                                                         "{% for k in range(10000) %}{% endfor %}{% endfor %}{% endfor %}\n"})
    r = cli("-C", str(examples_repo), "agenda")
    assert (r.code, r.out) == (1, "")
    assert r.err == "fout: templates/agenda.md.j2:2: sjabloon loopt te lang (meer dan 0,5 seconden); een lus te veel?\n"


def test_a_template_that_writes_too_much_is_stopped_and_nothing_is_written(cli, examples_repo, monkeypatch):
    monkeypatch.setattr(limits, "TEMPLATE_CHARS", 100_000)
    write_tree(examples_repo, {"templates/agenda.md.j2": "# a\n{% for i in range(10000) %}{{ 'x' * 50 }}\n{% endfor %}\n"})
    git(examples_repo, "add", "-A")
    git(examples_repo, "commit", "-qm", "sjabloon")
    head = git(examples_repo, "rev-parse", "HEAD")
    r = cli("-C", str(examples_repo), "agenda", "--write", "--datum", "2026-12-07")
    assert (r.code, r.out) == (1, "")
    assert r.err == "fout: templates/agenda.md.j2: sjabloon maakt een te groot document (meer dan 100.000 tekens)\n"
    assert git(examples_repo, "rev-parse", "HEAD") == head
    assert git(examples_repo, "status", "--porcelain") == ""


@pytest.mark.parametrize("body, message", [
    ("# Agenda\n{% for x in agenda.escalaties %}\n{% if x %}{% endif %}\n{{ x }}\n", "2: fout in sjabloon: het sjabloon "
     "houdt op terwijl blok 'for' nog open is (verwacht: 'endfor' of 'else'); het blok begint op regel 2"),
    ("# Agenda\n\n{% if true %}\n{% endfor %}\n", "4: fout in sjabloon: onverwachte opdracht 'endfor' (blok 'if' is nog "
     "open; verwacht: 'elif' of 'else' of 'endif')"),
    ("# Agenda\n{% bestaatniet %}\n", "2: fout in sjabloon: onbekende opdracht 'bestaatniet'"),
    ("# Agenda\n{{ 1 | bestaatniet }}\n", "2: fout in sjabloon: onbekend filter 'bestaatniet'"),
    ("# Agenda\n{{ x y }}\n", "2: fout in sjabloon: 'y' staat waar '}}' hoort"),
])
def test_jinja_syntax_errors_are_dutch_with_the_file_relative_to_the_repository(cli, examples_repo, body, message):
    write_tree(examples_repo, {"templates/agenda.md.j2": body})
    r = cli("-C", str(examples_repo), "agenda")
    assert (r.code, r.out) == (1, "")
    assert r.err == f"fout: templates/agenda.md.j2:{message}\n"
    assert str(examples_repo) not in r.err


def test_a_missing_include_names_the_line_that_includes_it(cli, examples_repo):
    write_tree(examples_repo, {"templates/agenda.md.j2": "# Agenda\n\n{% include 'kop.md.j2' %}\n"})
    r = cli("-C", str(examples_repo), "agenda")
    assert (r.code, r.out) == (1, "")
    assert r.err == "fout: templates/agenda.md.j2:3: sjabloon 'kop.md.j2' niet gevonden (het sjabloon neemt het op)\n"
