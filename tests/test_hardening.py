"""Hostile and broken input: each defect of the adversarial pass, with the message a user sees.

Templates cannot run code, bounded dates and numbers, YAML that is refused with file and
line, findings in regie.yaml, control characters shown escaped, CSV that a spreadsheet
cannot execute, and a crash of regie itself as exit 3 instead of a finding.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from conftest import NETWORK, edit, git, make_dossier, write_tree

C = "casussen/2026-001"

NEW_CASE = ["new-case", "--melder-rol", "huismeester", "--aard", "overlast", "--urgentie", "hoog",
            "--regisseur", "reg", "--pseudoniem", "Meneer X", "--toestemming", "gegeven"]


def _clean(result) -> None:
    assert "Traceback" not in result.err and "Traceback" not in result.out


def _status(repo) -> str:
    return git(repo, "status", "--porcelain", "--untracked-files=all")


# ---------------------------------------------------------------- 1. templates cannot run code


EXPLOIT = "{{ cycler.__init__.__globals__.os.popen('id > pwned.txt').read() }}\n"


def test_repository_template_cannot_run_a_shell_command(cli, examples_repo):
    write_tree(examples_repo, {"templates/plan-van-aanpak.md.j2": "# Plan\n" + EXPLOIT})
    r = cli("-C", str(examples_repo), "plan", "2026-001")
    assert r.code == 1 and r.out == ""
    assert r.err.startswith("fout: templates/plan-van-aanpak.md.j2:2: template probeert iets wat niet mag")
    assert not (examples_repo / "pwned.txt").exists()
    _clean(r)


def test_case_template_cannot_run_a_shell_command_on_new_case(cli, git_dossier):
    write_tree(git_dossier, {"templates/casus/melding.yaml.j2": EXPLOIT})
    git(git_dossier, "add", "-A")
    git(git_dossier, "commit", "-qm", "template")
    r = cli("-C", str(git_dossier), *NEW_CASE)
    assert r.code == 1
    assert r.err.startswith("fout: templates/casus/melding.yaml.j2:1: template probeert iets wat niet mag")
    assert not (git_dossier / "pwned.txt").exists()
    assert not (git_dossier / "casussen/2026-002").exists()
    assert _status(git_dossier) == ""


@pytest.mark.parametrize("body, message", [
    ("a\n{{ 1/0 }}\n", "templates/plan-van-aanpak.md.j2:2: fout in template bij het invullen: deling door nul (ZeroDivisionError)"),
    ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}\n",
     "templates/plan-van-aanpak.md.j2:1: fout in template bij het invullen: te diepe herhaling (roept een macro zichzelf aan?) (RecursionError)"),
    ("{{ plan.doelen.append(1) }}\n", "templates/plan-van-aanpak.md.j2:1: template probeert iets wat niet mag"),
])
def test_any_template_error_is_a_dutch_message_with_file_and_line(cli, examples_repo, body, message):
    write_tree(examples_repo, {"templates/plan-van-aanpak.md.j2": body})
    r = cli("-C", str(examples_repo), "plan", "2026-001")
    assert r.code == 1 and r.out == ""
    assert r.err.startswith("fout: " + message)
    _clean(r)


# ---------------------------------------------------------------- 4. bounded input


@pytest.mark.parametrize("value", ["2026-W49-3", "'2026-12-01 '", "9999-12-31", "1899-12-31", "2200-01-01"])
def test_dates_are_strict_and_within_range(cli, dossier, value):
    edit(dossier / C / "afspraken.yaml", "deadline: 2026-12-01", f"deadline: {value}")
    r = cli("-C", str(dossier), "validate")
    assert r.code == 1
    shown = value.strip("'")
    assert r.out == (f"{C}/afspraken.yaml:14: [schema] afspraken[2].deadline: ongeldige datum '{shown}'; verwacht een "
                     "bestaande datum als JJJJ-MM-DD, van 1900-01-01 tot en met 2199-12-31\n")
    for command in (["overdue"], ["list"], ["agenda"], ["show", "2026-001"], ["report", "--year", "2026"]):
        r = cli("-C", str(dossier), *command)
        assert r.code in (0, 1), command
        _clean(r)


@pytest.mark.parametrize("args, message", [
    (["--today", "9999-12-20", "validate"], "fout: ongeldige --today '9999-12-20': verwacht een bestaande datum als JJJJ-MM-DD, van 1900-01-01 tot en met 2199-12-31\n"),
    (["--today", "9999-12-20", "plan", "2026-001", "--vaststellen"], "fout: ongeldige --today '9999-12-20': verwacht een bestaande datum als JJJJ-MM-DD, van 1900-01-01 tot en met 2199-12-31\n"),
    (["--today", "2026-W49-3", "validate"], "fout: ongeldige --today '2026-W49-3': verwacht een bestaande datum als JJJJ-MM-DD, van 1900-01-01 tot en met 2199-12-31\n"),
    (["report", "--quarter", "9999Q4"], "fout: ongeldig jaar in '9999Q4': kies een jaar van 1900 tot en met 2199\n"),
    (["report", "--year", "0000"], "fout: ongeldig jaar in '0000': kies een jaar van 1900 tot en met 2199\n"),
    (["close", "2026-001", "--reden", "klaar", "--nazorg", "99999999"], "fout: --nazorg: de nazorg moet tussen 1 en 104 weken liggen, niet 99999999\n"),
    (["overdue", "--within", "99999999"], "fout: --within moet tussen 0 en 3650 dagen liggen, niet 99999999\n"),
    (["overdue", "--within", "-1"], "fout: --within moet tussen 0 en 3650 dagen liggen, niet -1\n"),
    (["retention", "--within", "99999999"], "fout: --within moet tussen 0 en 36500 dagen liggen, niet 99999999\n"),
    (["afspraak", "add", "2026-001", "--wat", "x", "--wie", "pro", "--deadline", "2026-W49-3"],
     "fout: ongeldige --deadline '2026-W49-3': verwacht een bestaande datum als JJJJ-MM-DD, van 1900-01-01 tot en met 2199-12-31\n"),
])
def test_options_out_of_range_are_usage_errors(cli, git_dossier, args, message):
    r = cli("-C", str(git_dossier), *args)
    assert (r.code, r.err) == (2, message)
    assert _status(git_dossier) == ""


def test_huge_term_in_regie_yaml_is_a_finding_not_a_crash(cli, dossier):
    write_tree(dossier, {"regie.yaml": NETWORK + "termijnen:\n  evaluatie: 1000000000000\n"})
    r = cli("-C", str(dossier), "validate")
    assert r.code == 1
    assert r.out == "regie.yaml:18: [schema] termijnen.evaluatie moet tussen 1 en 3650 liggen, niet 1000000000000\n"
    for command in ("overdue", "list", "agenda"):
        r = cli("-C", str(dossier), command)
        assert r.code == 1 and r.err == r.err.splitlines()[0] + "\n"
        assert r.err.startswith("fout: regie.yaml:18: termijnen.evaluatie moet tussen 1 en 3650 liggen")


@pytest.mark.parametrize("fmt, message", [
    ("{jaar}-{nummer:0300d}", "(moet {nummer} bevatten, met een breedte van hoogstens 6, bijv. {nummer:03d})"),
    ("{jaar}-{nummer:0200000000d}", "(moet {nummer} bevatten, met een breedte van hoogstens 6, bijv. {nummer:03d})"),
    ("{jaar}/{nummer:03d}", "(alleen letters, cijfers, '-', '_', {jaar} en {nummer})"),
    ("casus-" * 6 + "{nummer}", "mag hoogstens 32 tekens lang zijn"),
])
def test_id_format_is_limited(cli, git_dossier, fmt, message):
    write_tree(git_dossier, {"regie.yaml": NETWORK + f'id_formaat: "{fmt}"\n'})
    git(git_dossier, "commit", "-qam", "formaat")
    r = cli("-C", str(git_dossier), *NEW_CASE)
    assert r.code == 1 and r.out == ""
    assert r.err.startswith("fout: regie.yaml:17: id_formaat") and message in r.err
    assert sorted(p.name for p in (git_dossier / "casussen").iterdir()) == ["2026-001"]


def test_case_id_with_a_final_newline_is_refused(cli, git_dossier):
    r = cli("-C", str(git_dossier), "show", "2026-001\n")
    assert r.code == 2
    assert r.err.startswith("fout: ongeldige casus-id '2026-001\n'")
    from regie.errors import UsageError
    from regie.ids import check_case_id

    with pytest.raises(UsageError):
        check_case_id("2026-001\n")


@pytest.mark.parametrize("content, expected", [
    ("leefgebieden: &a [huisvesting, *a]\n",
     "casus.yaml:14: [yaml] ongeldige YAML: alias '*a' wordt niet ondersteund in een dossierbestand; schrijf de waarde uit"),
    ("leefgebieden: " + "[" * 1200 + "]" * 1200 + "\n",
     "casus.yaml:14: [yaml] ongeldige YAML: te diep genest (meer dan 50 lijsten of blokken in elkaar)"),
    ("---\nurgentie: laag\n",
     "casus.yaml:14: [yaml] ongeldige YAML: meer dan één document in het bestand (een regel '---' of '...' midden in het bestand?)"),
    ("notitie: 'ab\x1b]0;PWNED\x07'\n",
     "casus.yaml:14: [yaml] ongeldige YAML: teken dat niet in een tekstbestand hoort (stuurteken #x1b); verwijder het"),
    ("regisseur: reg2\n",
     "casus.yaml:14: [dubbele-sleutel] sleutel 'regisseur' staat twee keer in hetzelfde blok (regel 4 en regel 14); alleen de laatste zou tellen — verwijder er één"),
])
def test_yaml_that_cannot_be_trusted_is_a_finding_with_file_and_line(cli, dossier, content, expected):
    path = dossier / C / "casus.yaml"
    path.write_text(path.read_text(encoding="utf-8") + content, encoding="utf-8")
    r = cli("-C", str(dossier), "validate")
    assert r.code == 1
    assert r.out == f"{C}/{expected}\n"
    for command in (["overdue"], ["list"], ["report", "--year", "2026"], ["agenda"]):
        r = cli("-C", str(dossier), *command)
        assert r.code == 0, command
        assert "overgeslagen" in r.err or "weggelaten" in r.err
        _clean(r)


def test_duplicate_key_in_front_matter_names_both_lines(cli, dossier):
    edit(dossier / C / "plan.md", "versie: 1\n", "versie: 1\nversie: 2\n")
    r = cli("-C", str(dossier), "validate")
    assert r.out == (f"{C}/plan.md:3: [dubbele-sleutel] sleutel 'versie' staat twee keer in hetzelfde blok "
                     "(regel 2 en regel 3); alleen de laatste zou tellen — verwijder er één\n")


def test_duplicate_ids_and_unordered_levels_in_regie_yaml(cli, dossier):
    network = NETWORK.replace("  - id: reg2\n", "  - id: reg\n").replace("opschaling:", "  - id: org\n    naam: Dubbel\nopschaling:")
    network += "  - niveau: 2\n    naam: Stuurgroep\n  - niveau: 1\n    naam: Wethouder\n"
    write_tree(dossier, {"regie.yaml": network})
    r = cli("-C", str(dossier), "validate")
    assert r.code == 1
    assert r.out.splitlines() == [
        "regie.yaml:5: [dubbele-id] regisseurs: id 'reg' staat er twee keer (ook op regel 3)",
        "regie.yaml:12: [dubbele-id] organisaties: id 'org' staat er twee keer (ook op regel 8)",
        "regie.yaml:19: [opschaling-volgorde] opschaling: niveau 2 staat er twee keer; zet de niveaus van laag naar hoog, elk één keer",
        "regie.yaml:21: [opschaling-volgorde] opschaling: niveau 1 komt na niveau 2; zet de niveaus van laag naar hoog, elk één keer",
    ]


# ---------------------------------------------------------------- 7. safe output

ESCAPES = "\x1b]0;PWNED\x07\x1b[2J"
SHOWN = "\\x1b]0;PWNED\\x07\\x1b[2J"


@pytest.fixture
def hostile(git_dossier):
    """An open agreement whose text holds terminal escapes and starts like a spreadsheet formula."""
    edit(git_dossier / C / "afspraken.yaml", "wat: Post openen", 'wat: "=HYPERLINK(1) \\e]0;PWNED\\a\\e[2J"')
    edit(git_dossier / C / "afspraken.yaml", "deadline: 2026-12-01", "deadline: 2026-11-20")
    git(git_dossier, "commit", "-qam", "vijandig")
    return git_dossier


@pytest.mark.parametrize("command", [
    ["overdue", "--within", "30"], ["show", "2026-001"], ["agenda"], ["plan", "2026-001"], ["export", "2026-001"],
    ["export", "2026-001", "--html"], ["overdue", "--within", "30", "--format", "ics"],
])
def test_control_characters_are_shown_escaped(cli, hostile, command):
    r = cli("-C", str(hostile), *command)
    assert r.code == 0, r
    assert "\x1b" not in r.out and "\x07" not in r.out and "\x1b" not in r.err
    assert (SHOWN if "ics" not in command else "PWNED") in r.out


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_log_shows_control_characters_escaped(cli, hostile, fmt):
    r = cli("-C", str(hostile), "log", "2026-001", "--format", fmt)
    assert r.code == 0
    assert SHOWN in r.out and "\x1b" not in r.out


def test_json_keeps_the_exact_value(cli, hostile):
    r = cli("-C", str(hostile), "overdue", "--within", "30", "--format", "json")
    assert "\x1b" not in r.out
    items = json.loads(r.out)["items"]
    assert [i["wat"] for i in items if i["soort"] == "afspraak"] == ["=HYPERLINK(1) " + ESCAPES]


def test_csv_cells_cannot_be_formulas(cli, hostile):
    r = cli("-C", str(hostile), "overdue", "--within", "30", "--format", "csv")
    assert [line for line in r.out.splitlines() if line.startswith("afspraak;")] == [f"afspraak;2026-001;A2;\"'=HYPERLINK(1) {SHOWN}\";zus;;reg;2026-11-20;6"]  # quoted: it holds a ';'


def test_report_csv_cells_cannot_be_formulas():
    from regie.safetext import csv_text

    values = ("=1+1", "+31", "-x", "@SUM", "\tx", "gewoon", -3, None, 2.5, True)
    assert csv_text(("a",), [[v] for v in values]).split("\r\n") == \
        ["\ufeffa", "'=1+1", "'+31", "'-x", "'@SUM", "'\tx", "gewoon", "-3", '""', "2,5", "ja", ""]
    # the plain RFC 4180 form keeps values as they are, for programs
    assert csv_text(("a",), [[v] for v in values], "rfc").split("\r\n") == \
        ["a", "=1+1", "+31", "-x", "@SUM", "\tx", "gewoon", "-3", '""', "2.5", "ja", ""]


# ---------------------------------------------------------------- 8. a crash is not a finding


def test_internal_error_exits_3_with_one_dutch_line(cli, dossier, monkeypatch):
    import regie.commands.overdue

    def broken(*args, **kwargs):
        raise RuntimeError("geheime inhoud uit het dossier")

    monkeypatch.setattr(regie.commands.overdue, "due_items", broken)
    r = cli("-C", str(dossier), "overdue")
    assert r.code == 3 and r.out == ""
    assert r.err.startswith("fout: interne fout in regie: RuntimeError in regie.commands.overdue:")
    assert "meld dit met `regie --debug …`" in r.err
    assert len(r.err.splitlines()) == 1
    assert "geheime inhoud" not in r.err and "Traceback" not in r.err
    r = cli("-C", str(dossier), "--debug", "overdue")
    assert r.code == 3
    assert "Traceback (most recent call last)" in r.err and "RuntimeError: geheime inhoud uit het dossier" in r.err


# ---------------------------------------------------------------- 5. the file system


def test_file_where_a_folder_belongs(cli, git_dossier):
    import shutil

    shutil.rmtree(git_dossier / C / "evaluaties")
    (git_dossier / C / "evaluaties").write_text("geen map\n")
    r = cli("-C", str(git_dossier), "validate")
    assert r.code == 1
    assert r.out == f"{C}/evaluaties: [geen-map] is een bestand; hier hoort een map\n"
    git(git_dossier, "add", "-A")
    git(git_dossier, "commit", "-qm", "kapot")
    r = cli("-C", str(git_dossier), "evaluate", "2026-001")
    assert r.code == 1
    assert r.err == (f"fout: {C}/evaluaties/2026-11-26.md: kan niet schrijven: er staat al een bestand met die naam "
                     "(waar een map hoort?); er is niets gewijzigd\n")
    _clean(r)
    assert _status(git_dossier) == ""


def test_folder_where_a_file_belongs(cli, dossier):
    (dossier / C / "netwerk.yaml").unlink()
    (dossier / C / "netwerk.yaml").mkdir()
    r = cli("-C", str(dossier), "validate")
    assert r.out == f"{C}/netwerk.yaml: [geen-bestand] is een map; hier hoort een bestand\n"


def test_casussen_as_a_file(cli, tmp_path):
    root = make_dossier(tmp_path / "d", cases={})
    (root / "casussen").write_text("x\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "start")
    r = cli("-C", str(root), "validate")
    assert (r.code, r.out) == (1, "casussen: [geen-map] is een bestand; hier hoort een map\n")
    r = cli("-C", str(root), *NEW_CASE)
    assert r.code == 1
    assert "kan niet schrijven: er staat al een bestand met die naam (waar een map hoort?); er is niets gewijzigd" in r.err
    _clean(r)
    assert _status(root) == ""


@pytest.mark.parametrize("target, message", [
    ("casussen", "fout: casussen: is een map; geef met -o een bestandsnaam\n"),
    ("casussen/2026-001/casus.yaml",
     "fout: casussen/2026-001/casus.yaml: is een bestand van het dossier zelf; -o zou het overschrijven (kies een ander pad)\n"),
    (".git/config", "fout: .git/config: ligt in de git-map van de repository; kies een ander pad\n"),
    ("rapport.md", "fout: rapport.md: ligt in de dossierrepository en git negeert het niet, zodat het zo in de "
                   "geschiedenis kan belanden; kies een pad buiten de repository of in een genegeerde map "
                   "(zoals export/, zie .gitignore)\n"),
])
def test_output_never_over_a_folder_or_a_dossier_file(cli, git_dossier, monkeypatch, target, message):
    monkeypatch.chdir(git_dossier)
    before = (git_dossier / C / "casus.yaml").read_bytes()
    r = cli("report", "--year", "2026", "--format", "md", "-o", target)
    assert (r.code, r.err) == (1, message)
    assert (git_dossier / C / "casus.yaml").read_bytes() == before
    assert _status(git_dossier) == ""


def test_output_inside_the_repository_only_where_git_ignores_it(cli, git_dossier, monkeypatch):
    monkeypatch.chdir(git_dossier)
    write_tree(git_dossier, {".gitignore": "/export/\n/*.html\n"})
    for target in ("export/rapport.md", "rapport.html"):
        r = cli("report", "--year", "2026", "--format", "md", "-o", target)
        assert r.code == 0, r
        assert (git_dossier / target).read_text().startswith("# ")
    assert git(git_dossier, "status", "--porcelain") == "?? .gitignore\n"


def test_full_disk_is_a_message_and_nothing_changes(cli, git_dossier, monkeypatch):
    import errno
    import os

    real_fsync = os.fsync

    def full(fd):  # the disk fills up when the case file is written (the journal under .git/ still fit)
        if "/casussen/" in os.readlink(f"/proc/self/fd/{fd}"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    r = cli("-C", str(git_dossier), "afspraak", "add", "2026-001", "--wat", "x", "--wie", "pro", "--deadline", "2026-12-30")
    assert r.code == 1
    assert r.err == f"fout: {C}/afspraken.yaml: kan niet schrijven: de schijf is vol; er is niets gewijzigd\n"
    assert _status(git_dossier) == ""
    assert not list(git_dossier.rglob("*.tmp"))
    assert git(git_dossier, "rev-list", "--count", "HEAD") == "1\n"


def test_full_disk_before_anything_is_written(cli, git_dossier, monkeypatch):
    import errno
    import os

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    before = (git_dossier / C / "afspraken.yaml").read_bytes()
    r = cli("-C", str(git_dossier), "afspraak", "add", "2026-001", "--wat", "x", "--wie", "pro", "--deadline", "2026-12-30")
    assert r.code == 1
    assert r.err.startswith("fout: ") and r.err.endswith("pending.json: kan niet schrijven: de schijf is vol; er is niets gewijzigd\n")
    assert (git_dossier / C / "afspraken.yaml").read_bytes() == before
    assert _status(git_dossier) == "" and not (git_dossier / ".git/regie/pending.json").exists()


def test_symlinked_case_folder_is_a_finding_and_never_written(cli, git_dossier):
    (git_dossier / "casussen/2026-010").symlink_to("2026-001")
    r = cli("-C", str(git_dossier), "validate")
    assert r.code == 1
    assert r.out == "casussen/2026-010: [symlink] is een symbolische link; regie volgt geen links (zet er een gewone map neer)\n"
    before = (git_dossier / C / "afspraken.yaml").read_bytes()
    r = cli("-C", str(git_dossier), "afspraak", "add", "2026-010", "--wat", "x", "--wie", "pro", "--deadline", "2026-12-30")
    assert r.code == 1
    assert r.err == "fout: casussen/2026-010: is een symbolische link; regie volgt geen links (zet er een gewone map neer)\n"
    assert (git_dossier / C / "afspraken.yaml").read_bytes() == before
    assert git(git_dossier, "rev-list", "--count", "HEAD") == "1\n"


def test_symlinked_case_file_is_a_finding_and_never_replaced(cli, git_dossier):
    other = make_dossier(git_dossier, {"2026-002": {**__import__("conftest").CASE}})
    git(other, "add", "-A")
    git(other, "commit", "-qm", "tweede")
    link = git_dossier / C / "afspraken.yaml"
    link.unlink()
    link.symlink_to("../2026-002/afspraken.yaml")
    r = cli("-C", str(git_dossier), "validate", "2026-001")
    assert r.out == f"{C}/afspraken.yaml: [symlink] is een symbolische link; regie volgt geen links (zet er een gewoon bestand neer)\n"
    r = cli("-C", str(git_dossier), "--met-eigen-wijzigingen", "afspraak", "add", "2026-001", "--wat", "x", "--wie", "pro",
            "--deadline", "2026-12-30")
    assert r.code == 1
    assert link.is_symlink()
    assert "A3" not in (git_dossier / "casussen/2026-002/afspraken.yaml").read_text()


# ---------------------------------------------------------------- 6. the user's own edits


def test_own_uncommitted_edits_are_refused_then_included_knowingly(cli, git_dossier):
    path = git_dossier / C / "afspraken.yaml"
    path.write_text(path.read_text() + "# mijn eigen aantekening\n")
    add = ["afspraak", "add", "2026-001", "--wat", "Bellen", "--wie", "pro", "--deadline", "2026-12-30"]
    r = cli("-C", str(git_dossier), *add)
    assert r.code == 1
    assert r.err == ("fout: niets gewijzigd: dit bestand heeft eigen wijzigingen die nog niet gecommit zijn: "
                     f"{C}/afspraken.yaml. Commit of bewaar ze eerst ('git stash'), of neem ze bewust mee met "
                     "'regie --met-eigen-wijzigingen ...'.\n")
    assert "A3" not in path.read_text() and path.read_text().endswith("# mijn eigen aantekening\n")
    assert git(git_dossier, "rev-list", "--count", "HEAD") == "1\n"
    r = cli("-C", str(git_dossier), "--met-eigen-wijzigingen", *add)
    assert r.code == 0 and r.out == "A3\n"
    committed = git(git_dossier, "show", f"HEAD:{C}/afspraken.yaml")
    assert "# mijn eigen aantekening" in committed and "id: A3" in committed
    assert _status(git_dossier) == ""


def test_held_index_lock_is_named_and_never_removed(cli, git_dossier):
    lock = git_dossier / ".git/index.lock"
    lock.write_text("")
    r = cli("-C", str(git_dossier), "afspraak", "add", "2026-001", "--wat", "x", "--wie", "pro", "--deadline", "2026-12-30")
    assert r.code == 1
    assert r.err.startswith(f"fout: git is bezig, of is eerder afgebroken: {lock} bestaat (sinds ")
    assert "Kijk met 'ps -ef | grep git' of er nog een git-proces loopt" in r.err
    assert lock.exists()
    assert "A3" not in (git_dossier / C / "afspraken.yaml").read_text()


# Budget: a bare remote, two clones, one agenda; about 4 s here.
@pytest.mark.slow
def test_a_cloned_template_cannot_read_your_key(cli, tmp_path):
    """A colleague (or anyone who can push) commits a template that includes a symbolic link to the place where
    age keys live; the victim's regie refuses it, commits nothing, and the key is in no object of the remote."""
    from conftest import git

    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    a, b = tmp_path / "a", tmp_path / "b"
    assert cli("init", str(a), "--naam", "T", "--regisseur-id", "reg", "--regisseur-naam", "R", "--beheerder", "reg",
               "--remote", str(remote)).code == 0
    key = tmp_path / "home" / "key.txt"
    key.parent.mkdir()
    key.write_text("AGE-SECRET-KEY-1GEHEIMGEHEIMGEHEIM\n")
    (a / "templates").mkdir()
    (a / "templates" / "sleutel.txt").symlink_to(key)
    (a / "templates" / "agenda.md.j2").write_text("# Agenda\n{% include 'sleutel.txt' %}\n")
    git(a, "add", "templates")
    git(a, "commit", "-qm", "sjabloon")
    r = cli("-C", str(a), "sync")  # regie's own sync checks before it shares: it will not push the link
    assert r.code == 1 and "[sjabloon-link]" in r.err, r
    git(a, "push", "-q", "origin", "main")  # the attacker pushes with plain git
    git(tmp_path, "clone", "-q", str(remote), str(b))
    assert cli("-C", str(b), "setup").code == 0
    assert (b / "templates" / "sleutel.txt").is_symlink()
    head = git(b, "rev-parse", "HEAD")
    r = cli("-C", str(b), "agenda", "--write", "--datum", "2026-12-07")
    assert r.code == 1 and "GEHEIM" not in r.out + r.err
    assert r.err == ("fout: sjabloon 'sleutel.txt' is een symbolische link (templates/sleutel.txt); regie leest geen links "
                     "als sjabloon\n")
    assert git(b, "rev-parse", "HEAD") == head and not (b / "overleggen" / "2026-12-07.md").exists()
    r = cli("-C", str(b), "agenda")
    assert r.code == 1 and "GEHEIM" not in r.out + r.err
    assert cli("-C", str(b), "sync").code == 0
    objects = subprocess.run(["git", "cat-file", "--batch-all-objects", "--batch"], cwd=remote, capture_output=True,
                             check=True).stdout
    assert b"GEHEIM" not in objects


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_output_only_to_a_regular_file_never_a_device_pipe_or_socket(cli, tmp_path):
    import socket
    import stat

    from conftest import EXAMPLES

    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    sock = tmp_path / "sok"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock))
    try:
        for target in ("/dev/null", "/dev/full", str(fifo), str(sock)):  # (/dev/stdout is a file under pytest)
            r = cli("-C", str(EXAMPLES), "list", "-o", target)
            assert (r.code, r.out) == (1, ""), (target, r)
            assert r.err == (f"fout: {target}: is geen gewoon bestand (een apparaat, pijp of socket); geef een bestandsnaam, "
                             "of '-' voor het scherm\n"), target
        for device in ("/dev/null", "/dev/full"):
            assert stat.S_ISCHR(os.stat(device).st_mode), device
        assert stat.S_ISFIFO(os.stat(fifo).st_mode) and stat.S_ISSOCK(os.stat(sock).st_mode)
        r = cli("-C", str(EXAMPLES), "list", "-o", "-")
        assert r.code == 0 and "2026-001" in r.out
    finally:
        server.close()


@pytest.mark.parametrize("name, code", [("identiteit.yml", "identiteit-onversleuteld"), ("Identiteit.yaml", "identiteit-onversleuteld"),
                                        ("identiteit.yaml~", "identiteit-onversleuteld"), ("identiteit.txt", "identiteit-onversleuteld"),
                                        ("casus.yml", "onbekend-bestand"), ("111222333.txt", "onbekend-bestand")])
def test_a_file_regie_does_not_know_in_a_case_folder_is_named(cli, dossier, name, code):
    (dossier / "casussen/2026-001" / name).write_text("naam: Jan\n")
    r = cli("-C", str(dossier), "validate")
    shown = name.replace("111222333", "***")  # a BSN in a name is never shown (see test_lint_dossier.py)
    line = next(x for x in r.out.splitlines() if shown in x and f"[{code}]" in x)
    assert line.startswith(f"casussen/2026-001/{shown}: [{code}] "), line
    assert r.code == (1 if code == "identiteit-onversleuteld" else 0)


def test_regie_state_at_a_guessable_place_must_be_its_own(cli, dossier, tmp_path, monkeypatch):
    """A dossier folder without git keeps regie's state in the temp folder under a name anyone can work out: a folder
    or a link planted there first is refused, never used."""
    import hashlib
    import tempfile

    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", None)
    digest = hashlib.sha256(str(dossier.resolve()).encode()).hexdigest()[:16]
    planted = tmp_path / "tmp" / f"regie-{os.getuid()}-{digest}"
    (tmp_path / "elders").mkdir()
    planted.symlink_to(tmp_path / "elders")
    r = cli("-C", str(dossier), "afspraak", "add", "2026-001", "--wat", "bellen", "--wie", "reg", "--deadline", "2026-12-20")
    assert r.code == 1 and "de werkmap van regie is er al, maar is niet van u alleen" in r.err, r
    assert list((tmp_path / "elders").iterdir()) == []
    planted.unlink()
    planted.mkdir(mode=0o777)
    os.chmod(planted, 0o777)
    r = cli("-C", str(dossier), "afspraak", "add", "2026-001", "--wat", "bellen", "--wie", "reg", "--deadline", "2026-12-20")
    assert r.code == 1 and "niet van u alleen" in r.err, r
