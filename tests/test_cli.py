"""Command-line conventions: output formats, exit codes, global options, lazy imports, layering."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import REPO, edit

C = "casussen/2026-001"


@pytest.fixture
def flawed(dossier):
    edit(dossier / C / "casus.yaml", "regisseur: reg", "regisseur: x")
    edit(dossier / C / "netwerk.yaml", "betrokken: true", "betrokken: false")
    return dossier


def test_text_format_and_exit_code(cli, flawed):
    r = cli("-C", str(flawed), "validate")
    assert r.code == 1
    assert r.out == (
        f"{C}/casus.yaml:4: [regisseur-onbekend] regisseur 'x' staat niet in regie.yaml\n"
        f"{C}/netwerk.yaml:5: [geen-naasten] waarschuwing: geen naasten betrokken bij het plan van aanpak "
        "(informeel netwerk; zie netwerk.yaml, 'betrokken: true')\n"
    )
    assert r.err == "1 casus gecontroleerd: 1 fout, 1 waarschuwing\n"


def test_json_format(cli, flawed):
    r = cli("-C", str(flawed), "validate", "--format", "json")
    assert r.code == 1
    data = json.loads(r.out)
    assert data["cases"] == 1 and data["errors"] == 1 and data["warnings"] == 1
    assert data["problems"][0] == {
        "path": f"{C}/casus.yaml", "line": 4, "code": "regisseur-onbekend", "severity": "error",
        "message": "regisseur 'x' staat niet in regie.yaml",
    }


def test_github_format(cli, flawed):
    r = cli("-C", str(flawed), "validate", "--format", "github")
    assert r.out.splitlines() == [
        f"::error file={C}/casus.yaml,line=4,title=regie regisseur-onbekend::regisseur 'x' staat niet in regie.yaml",
        f"::warning file={C}/netwerk.yaml,line=5,title=regie geen-naasten::geen naasten betrokken bij het plan van aanpak "
        "(informeel netwerk; zie netwerk.yaml, 'betrokken: true')",
    ]


def test_warnings_fail_only_with_strict(cli, dossier):
    edit(dossier / C / "netwerk.yaml", "betrokken: true", "betrokken: false")
    assert cli("-C", str(dossier), "validate").code == 0
    assert cli("-C", str(dossier), "validate", "--strict").code == 1


def test_named_cases_only(cli, flawed):
    r = cli("-C", str(flawed), "validate", "2026-001")
    assert r.code == 1 and r.err.startswith("1 casus")


def test_repo_found_by_walking_up(cli, dossier):
    r = cli("validate", cwd=dossier / C)
    assert (r.code, r.err) == (0, "1 casus gecontroleerd: 0 fouten, 0 waarschuwingen\n")


def test_today_option_and_env(cli, dossier, monkeypatch):
    edit(dossier / C / "escalaties.yaml", "    afgesloten: 2026-10-20\n", "")
    assert cli("-C", str(dossier), "--today", "2026-10-15", "validate").out == ""
    monkeypatch.setenv("REGIE_TODAY", "2026-12-31")
    assert "escalatie staat 91 dagen open" in cli("-C", str(dossier), "validate").out


def test_version(cli):
    from regie import __version__

    r = cli("--version")
    assert (r.code, r.out) == (0, f"regie {__version__}\n")


def test_wrong_usage_exits_2(cli, dossier):
    assert cli("-C", str(dossier), "validate", "--format", "xml").code == 2
    assert cli("nonsense").code == 2


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True, cwd=REPO / "tests").stdout
    return set(json.loads(out.splitlines()[-1]))


def test_help_imports_no_git_jinja_or_jsonschema():
    mods = _modules_after(
        "import sys\nfrom regie.cli import app\nsys.argv=['regie','--help']\n"
        "try:\n    app.app()\nexcept SystemExit:\n    pass"
    )
    assert "regie.cli.app" in mods
    # Building every command imports regie's own modules (they are imported at the top of each file) and so
    # PyYAML's C loader; the heavy packages stay with the one module that owns each, imported when used.
    assert not {"git", "jinja2", "jsonschema", "frontmatter", "ruamel", "pyrage", "weasyprint"} & {m.split(".")[0] for m in mods}


def test_core_imports_neither_typer_nor_rich():
    package = REPO / "regie"
    core = sorted(
        ".".join(p.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        for p in package.rglob("*.py")
        if "commands" not in p.parts and "cli" not in p.parts and p.name != "__main__.py"
    )
    assert {"regie.dossier.loader", "regie.store.transaction", "regie.work.mutation", "regie.views.report"} <= set(core)
    mods = _modules_after("\n".join(f"import {m}" for m in core))
    assert set(core) <= mods
    assert not {"typer", "rich", "click"} & {m.split(".")[0] for m in mods}


def test_every_command_has_help(cli):
    """(That every command is documented, with an example that runs, is tests/test_docs.py's.)"""
    from regie.cli.app import app

    names = [c.name for c in app.registered_commands] + [f"{g.name} {c.name}" for g in app.registered_groups
                                                         for c in g.typer_instance.registered_commands]
    assert names
    for name in names:
        r = cli(*name.split(), "--help")
        assert r.code == 0 and "Gebruik:" in r.out, name


def test_ci_tests_the_installed_package_not_the_source_tree():
    import os

    import regie

    if not os.environ.get("CI"):
        pytest.skip("only meaningful in .ci/run, which installs regie non-editable")
    assert "site-packages" in regie.__file__, regie.__file__


def test_the_summaries_of_regie_help_are_the_modules_own():
    """``regie --help`` lists commands without importing them; its table must say what the modules say."""
    import importlib

    from regie.cli.menu import COMMANDS, SUMMARIES, summary_of

    assert list(SUMMARIES) == list(COMMANDS)
    for name, (module, _) in COMMANDS.items():
        doc = importlib.import_module(f"regie.commands.{module}").__doc__
        assert summary_of(doc) == SUMMARIES[name], name
    assert summary_of("Inzage (AVG art. 15): alles. Er komt niets uit andere casussen in.") == "Inzage (AVG art. 15): alles."


def test_the_menu_lists_every_command_module_and_only_those():
    """The menu (kept free of typer for a fast ``--help``) is checked against regie/commands/: a command module
    that is not in the menu, or a menu entry without its module, or one of the wrong kind, fails here."""
    import importlib

    from regie.cli.menu import COMMANDS, SUMMARIES

    modules = {p.stem for p in (REPO / "regie" / "commands").glob("*.py") if not p.stem.startswith("_")}
    listed = {module for module, _ in COMMANDS.values()}
    assert modules - listed == set(), "command modules missing from regie/cli/menu.py COMMANDS"
    assert listed - modules == set(), "menu entries without a module in regie/commands/"
    assert len(listed) == len(COMMANDS), "two menu entries for one module"
    assert list(SUMMARIES) == list(COMMANDS)
    for name, (module_name, group) in COMMANDS.items():
        module = importlib.import_module(f"regie.commands.{module_name}")
        assert hasattr(module, "app" if group else "run"), (name, "a group has an app, a command a run")
        assert group or not hasattr(module, "app"), (name, "listed as a command but defines a group (app)")


def test_regie_help_is_dutch_and_names_every_option_and_command_of_the_full_command_line(cli, monkeypatch):
    import typer.main

    from regie.cli.app import build_app
    from regie.cli.menu import SUMMARIES

    monkeypatch.setenv("COLUMNS", "100")
    quick = cli("--help")
    assert quick.code == 0 and quick.err == ""
    assert quick.out.startswith("Gebruik: regie [OPTIES] COMMANDO [ARGUMENTEN]...\n\n  Regie voor netwerkregisseurs:")
    flat = " ".join(quick.out.split())
    group = typer.main.get_command(build_app())  # every command built
    params = [p for p in group.params if p.param_type_name == "option"]
    assert {"--repo", "--today", "--no-cache", "--install-completion"} <= {n for p in params for n in p.opts}
    assert "\n  -h, --help " in quick.out
    for param in params:
        assert ", ".join(param.opts) in quick.out, param.opts
        if param.help and "completion" not in param.help and "Show this message" not in param.help:
            assert " ".join(param.help.split()) in flat, param.opts
    assert list(group.commands) == list(SUMMARIES)
    for name in group.commands:
        assert f"\n  {name} " in quick.out and SUMMARIES[name] in flat, name
    assert "Inzage (AVG art. 15): één leesbaar document" in flat  # not cut at the first full stop
    for english in ("Usage", "Show this message", "Install completion", "Commands:"):
        assert english not in quick.out
    assert cli("-h").out == quick.out
    bare = cli()
    assert bare.code == 2 and bare.out == quick.out
    assert max(len(line) for line in quick.out.splitlines()) <= 100


def test_regie_help_answers_without_building_the_command_line():
    done = subprocess.run([sys.executable, "-c", "import sys; sys.argv = ['regie', '--help']\n"
                           "from regie.cli.entry import main\ntry:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
                           "print(code, 'typer' in sys.modules, 'regie.cli.app' in sys.modules)"],
                          capture_output=True, text=True)
    assert done.stdout.startswith("Gebruik: regie") and done.stdout.endswith("\n0 False False\n"), done.stdout[-200:]


def test_version_answers_without_building_the_command_line():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", "import sys; sys.argv = ['regie', '--version']\n"
                           "from regie.cli.entry import main; main(); print('typer' in sys.modules)"],
                          capture_output=True, text=True, check=True)
    from regie import __version__

    assert done.stdout == f"regie {__version__}\nFalse\n"
