"""`regie new-case`: next id, the case files, validation, and a commit of exactly those files."""

from __future__ import annotations

import io
import sys

from conftest import edit, git, run_regie, write_tree

from regie.dossier.validate import validate

ARGS = (
    "new-case", "--datum", "2026-11-20", "--melder-rol", "huismeester", "--melder-organisatie", "woon",
    "--aard", "vervuiling en overlast", "--urgentie", "hoog", "--leefgebied", "huisvesting",
    "--leefgebied", "financien", "--regisseur", "reg", "--pseudoniem", "Meneer Q.",
    "--toestemming", "gegeven", "--toestemming-datum", "2026-11-21",
)
NEW_FILES = ["afspraken.yaml", "casus.yaml", "melding.yaml", "netwerk.yaml", "plan.md"]


def test_new_case_writes_validates_and_commits(cli, git_dossier):
    head = git(git_dossier, "rev-parse", "HEAD").strip()
    result = cli("-C", str(git_dossier), *ARGS)
    assert result.code == 0, result
    assert result.out == "2026-002\n"
    assert result.err == "casus 2026-002 aangemaakt en gecommit\n"
    folder = git_dossier / "casussen/2026-002"
    assert sorted(p.name for p in folder.iterdir()) == NEW_FILES
    casus = (folder / "casus.yaml").read_text()
    assert 'id: "2026-002"' in casus and "regisseur: reg" in casus and 'pseudoniem: "Meneer Q."' in casus
    assert "geopend: 2026-11-26" in casus and "  - huisvesting\n  - financien\n" in casus
    assert "  status: gegeven " in casus and "  datum: 2026-11-21\n" in casus
    melding = (folder / "melding.yaml").read_text()
    assert "datum: 2026-11-20\n" in melding and "  organisatie: woon" in melding
    assert validate(git_dossier, __import__("conftest").TODAY, ["2026-002"]) == []
    # one new commit, parent the old HEAD, exactly the five files, no personal data in the message
    log = git(git_dossier, "log", "--format=%P %s", "-1").strip()
    assert log == f"{head} regie new-case: casus 2026-002 aangemaakt"
    changed = git(git_dossier, "show", "--name-only", "--format=", "HEAD").split()
    assert changed == [f"casussen/2026-002/{n}" for n in NEW_FILES]
    assert "Q." not in git(git_dossier, "log", "--format=%B")
    assert git(git_dossier, "status", "--porcelain") == ""


def test_new_case_leaves_the_users_other_work_alone(cli, git_dossier):
    edit(git_dossier / "casussen/2026-001/casus.yaml", "urgentie: hoog", "urgentie: middel")
    git(git_dossier, "add", "casussen/2026-001/casus.yaml")  # staged by the user
    edit(git_dossier / "casussen/2026-001/melding.yaml", "aard: vervuiling", "aard: overlast")  # unstaged
    result = cli("-C", str(git_dossier), *ARGS)
    assert result.code == 0, result
    changed = git(git_dossier, "show", "--name-only", "--format=", "HEAD").split()
    assert all(c.startswith("casussen/2026-002/") for c in changed)
    assert git(git_dossier, "status", "--porcelain").splitlines() == [
        "M  casussen/2026-001/casus.yaml",
        " M casussen/2026-001/melding.yaml",
    ]


def test_no_commit_leaves_files_staged(cli, git_dossier):
    head = git(git_dossier, "rev-parse", "HEAD")
    result = cli("-C", str(git_dossier), *ARGS, "--no-commit")
    assert (result.code, result.out) == (0, "2026-002\n")
    assert result.err == "casus 2026-002 aangemaakt (niet gecommit)\n"
    assert git(git_dossier, "rev-parse", "HEAD") == head
    assert git(git_dossier, "status", "--porcelain").splitlines() == [f"A  casussen/2026-002/{n}" for n in NEW_FILES]


def test_ids_count_up_within_the_year(cli, git_dossier):
    write_tree(git_dossier, {"casussen/2026-009/.keep": "", "casussen/2025-044/.keep": "", "casussen/oud/.keep": ""})
    assert cli("-C", str(git_dossier), *ARGS, "--no-commit").out == "2026-010\n"
    assert cli("-C", str(git_dossier), *ARGS, "--no-commit").out == "2026-011\n"


def test_id_format_configurable(cli, git_dossier):
    edit(git_dossier / "regie.yaml", "naam: Testnetwerk", 'naam: Testnetwerk\nid_formaat: "ZH{jaar}-{nummer:04d}"')
    assert cli("-C", str(git_dossier), *ARGS, "--no-commit").out == "ZH2026-0001\n"


def _nothing_new(root) -> None:
    assert not (root / "casussen/2026-002").exists()
    assert [p.name for p in (root / "casussen").iterdir()] == ["2026-001"]
    assert git(root, "status", "--porcelain") == ""


def test_missing_values_without_terminal_are_an_error(cli, git_dossier):
    result = cli("-C", str(git_dossier), "new-case", "--aard", "x")
    assert result.code == 2
    assert result.err == "fout: ontbrekende waarde(n): --melder-rol, --urgentie, --regisseur, --pseudoniem\n"
    _nothing_new(git_dossier)


def test_refuses_unknown_regisseur_organisation_and_leefgebied(cli, git_dossier):
    def run(*extra):
        return cli("-C", str(git_dossier), *ARGS, *extra)

    r = run("--regisseur", "niemand")
    assert (r.code, r.err) == (2, "fout: --regisseur: onbekende regisseur 'niemand' (bekend in regie.yaml: reg, reg2)\n")
    r = run("--melder-organisatie", "nergens")
    assert (r.code, r.err) == (2, "fout: --melder-organisatie: onbekende organisatie 'nergens' (bekend in regie.yaml: org, woon)\n")
    r = run("--leefgebied", "geluk")
    assert r.code == 2 and r.err.startswith("fout: onbekend leefgebied 'geluk'; kies uit: financien, dagbesteding")
    r = run("--urgentie", "enorm")
    assert (r.code, r.err) == (2, "fout: ongeldige urgentie 'enorm'; kies uit: laag, middel, hoog, crisis\n")
    r = run("--datum", "2026-02-30")
    assert (r.code, r.err) == (2, "fout: ongeldige --datum '2026-02-30': verwacht een bestaande datum als JJJJ-MM-DD, van 1900-01-01 tot en met 2199-12-31\n")
    r = run("--datum", "2026-12-01")
    assert (r.code, r.err) == (2, "fout: meldingsdatum 2026-12-01 ligt in de toekomst\n")
    _nothing_new(git_dossier)


def test_consent_not_given_needs_a_weighing(cli, git_dossier):
    base = [a for a in ARGS if a not in ("--toestemming", "gegeven", "--toestemming-datum", "2026-11-21")]
    r = cli("-C", str(git_dossier), *base)
    assert r.code == 2
    assert r.err.startswith("fout: --afweging: toestemming niet-gevraagd: leg de afweging vast (waarom")
    _nothing_new(git_dossier)
    r = cli("-C", str(git_dossier), *base, "--afweging", "Acute zorg; delen in het belang van de cliënt.")
    assert (r.code, r.out) == (0, "2026-002\n")
    casus = (git_dossier / "casussen/2026-002/casus.yaml").read_text()
    assert 'afweging: "Acute zorg; delen in het belang van de cliënt."' in casus


def test_hostile_text_cannot_break_the_yaml(cli, git_dossier):
    nasty = 'Meneer "Q": \n- status: gesloten # \\ {x}'
    r = cli("-C", str(git_dossier), *ARGS, "--pseudoniem", nasty, "--aard", "a: b\nstatus: gesloten")
    assert r.code == 0, r
    import yaml

    data = yaml.safe_load((git_dossier / "casussen/2026-002/casus.yaml").read_text())
    assert data["pseudoniem"] == nasty and data["status"] == "melding"


def test_not_a_git_repository(cli, dossier):
    r = cli("-C", str(dossier), *ARGS)
    assert r.code == 1
    assert r.err == f"fout: {dossier} is geen git-repository; maak er een met 'git init' of schrijf zonder commit ('regie … --no-commit')\n"
    assert not (dossier / "casussen/2026-002").exists()


def test_failed_commit_leaves_nothing_behind(cli, git_dossier):
    hook = git_dossier / ".git/hooks/pre-commit"
    hook.write_text("#!/bin/sh\necho geweigerd >&2\nexit 1\n")
    hook.chmod(0o755)
    r = cli("-C", str(git_dossier), *ARGS)
    assert (r.code, r.err) == (1, "fout: de commit is geweigerd door de git-hook pre-commit; er is niets gewijzigd. "
                                  "Wat de hook meldde:\ngeweigerd\n")
    _nothing_new(git_dossier)


def test_broken_regie_yaml_stops_new_case(cli, git_dossier):
    write_tree(git_dossier, {"regie.yaml": "naam: [x\n"})
    git(git_dossier, "commit", "-qam", "kapot")
    r = cli("-C", str(git_dossier), *ARGS)
    assert r.code == 1
    assert r.err == "fout: regie.yaml:1: ongeldige YAML: lijst tussen [ ] niet goed afgesloten (mist ',' of ']')\n"


def test_prompts_for_missing_values_in_a_terminal(cli, git_dossier, monkeypatch):
    from regie.cli import console

    monkeypatch.setattr(console, "interactive", lambda: True)
    monkeypatch.setattr(sys, "stdin", io.StringIO(
        "buurman\nburenoverlast\nmiddel\nreg\nMevrouw P.\nanders\n\nKlachten buren; delen nodig.\npublieke-taak\n"))
    r = cli("-C", str(git_dossier), "new-case")
    assert r.code == 0, r
    assert r.out == "2026-002\n"
    casus = (git_dossier / "casussen/2026-002/casus.yaml").read_text()
    assert 'pseudoniem: "Mevrouw P."' in casus and "urgentie: middel" in casus and "grondslag: publieke-taak" in casus


def test_installed_console_script_finds_templates_from_a_subfolder(git_dossier):
    sub = git_dossier / "casussen" / "2026-001"
    proc = run_regie(*ARGS, cwd=sub)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "2026-002\n"
    assert "Traceback" not in proc.stderr
