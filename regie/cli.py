"""The ``regie`` command line: global options, the command table, and the one error boundary.

Commands live one per module in ``regie.commands``; this module only wires them up.
Each command imports the core it needs inside its body, so ``regie --help`` stays
fast and loads neither git, jinja2 nor jsonschema.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .commands import _common

# The commands in the order of ``regie --help``: name -> (module in regie.commands, a group of subcommands?).
COMMANDS = {
    "init": ("init", False), "new-case": ("new_case", False), "validate": ("validate", False),
    "overdue": ("overdue", False), "list": ("list_cmd", False), "show": ("show", False), "agenda": ("agenda", False),
    "plan": ("plan", False), "escalate": ("escalate", False), "evaluate": ("evaluate", False),
    "handover": ("handover", False), "close": ("close", False), "retention": ("retention", False), "note": ("note", False),
    "log": ("log", False), "export": ("export", False), "report": ("report", False), "sync": ("sync", False),
    "keygen": ("keygen", False), "purge": ("purge", False), "share": ("share", False), "setup": ("setup", False),
    "merge-file": ("merge_file", False),
    "afspraak": ("afspraak", True), "signal": ("signal", True), "schema": ("schema_cmd", True),
    "identity": ("identity", True), "cache": ("cache_cmd", True),
}

# The first paragraph of each command module's docstring: what ``regie --help`` lists, without
# importing and building every command (tests/test_cli.py keeps this in step with the modules).
SUMMARIES = {
    "init": "Maak een nieuwe dossierrepository: regie.yaml, mappen, CI-bestanden, git en een eerste commit.",
    "new-case": "Registreer een nieuwe melding als casus (werkproces 1a) en druk de nieuwe casus-id af.",
    "validate": "Controleer de dossierrepository (of de genoemde casussen) op schema's en regels.",
    "overdue": "Toon afspraken over hun deadline, evaluaties die te laat zijn en plannen die nog vastgesteld moeten worden.",
    "list": "Toon alle casussen in een tabel: status, regisseur, urgentie, leefgebieden, volgende deadline, aantal te laat.",
    "show": "Toon één casus op één scherm: status, melding, plan, betrokkenen, afspraken, deadlines, escalaties.",
    "agenda": "Maak de agenda van het volgende netwerkoverleg: nieuwe meldingen, vast te stellen plannen,",
    "plan": "Het Plan van Aanpak van een casus (werkproces 1b): als document, of vaststellen.",
    "escalate": "Schaal op (werkproces 1f): leg een stap van getrapte opschaling vast en maak het memo.",
    "evaluate": "Maak een evaluatie (werkproces 1g, 4a, 4b): evaluaties/<datum>.md, vooraf ingevuld uit de casus.",
    "handover": "Draag de regie over (werkproces 1e; seed 004): aan een andere regisseur, (tijdelijk) aan een",
    "close": "Sluit een casus: sluitingsdatum, reden en de datum tot wanneer het dossier bewaard moet worden.",
    "retention": "Toon gesloten casussen waarvan de bewaartermijn voorbij is (werkproces 5c), of die geen bewaardatum hebben.",
    "note": "Voeg een gedateerde notitie toe aan het journaal van een casus: consultatie (kerntaak 3),",
    "log": "Het logboek van een casus (werkproces 5b): alle data uit het dossier (melding, plan, afspraken,",
    "export": "Inzage (AVG art. 15): één leesbaar document met alles wat het dossier over de cliënt bevat,",
    "report": "Managementinformatie over een periode (werkproces 4c, 2d; seed 004): instroom, doorlooptijden,",
    "sync": "Deel je werk met het team: haal op, nummer botsende id's om, zet je commits bovenop de gedeelde versie, push.",
    "keygen": "Maak je eigen age-sleutel (voor de versleutelde identiteiten) en toon de publieke sleutel voor regie.yaml.",
    "purge": "Vernietig een gesloten casus na de bewaartermijn: uit de werkmap én uit de hele git-geschiedenis.",
    "share": "Leg vast wat je uit een dossier met een andere organisatie deelt: wanneer, wat en op welke grond.",
    "setup": "Richt deze clone in voor regie: de samenvoeghulp voor afspraken, escalaties en signalen.",
    "merge-file": "Git-samenvoeghulp voor afspraken, escalaties en signalen: per record en per veld (niet aanroepen met de hand).",
    "afspraak": "Afspraken van een casus: toevoegen, afvinken, laten vervallen, verschuiven.",
    "signal": "Beleidssignalen (werkproces 2d): knelpunten die het netwerk wil omzetten in beleidsadvies.",
    "schema": "JSON Schemas van de dossierbestanden, voor editors en andere validators.",
    "identity": "Identiteit van de cliënt: alleen versleuteld (age) in het dossier, leesbaar voor wie de sleutel heeft.",
    "cache": "De leescache van regie in .git/regie/: wat leescommando's per casus onthouden zolang de bestanden niet veranderen.",
}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"regie {__version__}")
        raise typer.Exit()


def _global(
    repo: Annotated[
        Optional[Path], typer.Option("-C", "--repo", help="Dossierrepository (standaard: de map met regie.yaml boven de huidige map).")
    ] = None,
    today: Annotated[
        Optional[str], typer.Option("--today", envvar="REGIE_TODAY", help="Doe alsof het vandaag deze datum is (JJJJ-MM-DD).")
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Toon de versie en stop.")
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Toon bij een interne fout de volledige traceback (voor een foutmelding aan de ontwikkelaars).")
    ] = False,
    met_eigen_wijzigingen: Annotated[
        bool, typer.Option("--met-eigen-wijzigingen", help="Laat een wijzigend commando ook een bestand met je eigen, nog niet gecommitte wijzigingen aanpassen en die meecommitten.")
    ] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Lees alle casussen opnieuw in plaats van uit de cache in .git/regie/.")
    ] = False,
) -> None:
    _common.STATE.repo = repo
    _common.STATE.no_cache = no_cache
    _common.STATE.today = today
    _common.STATE.debug = debug
    _common.STATE.met_eigen_wijzigingen = met_eigen_wijzigingen
    from .store.transaction import allow_own_changes_by_default

    allow_own_changes_by_default(met_eigen_wijzigingen)


_ALL = "*"


def build_app(wanted: str | None = _ALL) -> typer.Typer:
    """The command line with the command ``wanted`` built in full (all of them for ``_ALL``).

    Every other command is there only by name and summary: enough for ``regie --help``
    and for click to tell an unknown command, without importing and building them all
    (that is most of regie's start-up time).
    """
    import importlib

    app = typer.Typer(
        name="regie",
        help="Regie voor netwerkregisseurs: casusdossiers in git, gecontroleerd, op papier en in cijfers.",
        no_args_is_help=True,
        pretty_exceptions_show_locals=False,  # locals would print dossier contents
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_global)
    for groups in (False, True):  # commands first, then the groups, as --help lists them
        for name, (module_name, group) in COMMANDS.items():
            if group != groups:
                continue
            if wanted == _ALL or name == wanted:
                module = importlib.import_module(f".commands.{module_name}", __package__)
                if group:
                    app.add_typer(module.app, name=name, help=module.__doc__)
                else:
                    app.command(name, help=module.__doc__)(module.run)
            else:
                app.command(name, help=SUMMARIES[name])(_not_built)
    return app


def _not_built() -> None:  # pragma: no cover - never called: a command that runs is built in full
    raise RuntimeError("command not built")


def command_in(argv: list[str]) -> str | None:
    """The command named on a command line (after the global options), or None."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("-C", "--repo", "--today"):
            i += 2
        elif arg.startswith("-"):
            i += 1
        else:
            return arg
    return None


def __getattr__(name: str):
    """``regie.cli.app``: every command built (for tests and tools that inspect the command line)."""
    if name == "app":
        return build_app(_ALL)
    raise AttributeError(name)


def main() -> None:
    from .errors import RegieError

    _common.install_log_handler()
    app = build_app(command_in(sys.argv[1:]))
    try:
        app()
    except RegieError as exc:
        if exc.exit_code == 0:  # nothing to do is no failure
            _common.info(str(exc))
        else:
            _common.error(str(exc))
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, EOFError):
        _common.error("afgebroken")
        sys.exit(130)
    except Exception as exc:  # a crash of regie itself, never a finding: exit 3
        if _common.STATE.debug or "--debug" in sys.argv[1:]:
            import traceback

            traceback.print_exception(exc)
        # the type and regie's own place only: an exception's text may quote dossier contents
        _common.error(f"interne fout in regie: {type(exc).__name__} in {_where(exc)} — meld dit met `regie --debug …`"
                      " (de traceback kan dossiergegevens bevatten; deel die niet buiten het netwerk)")
        sys.exit(3)


def _where(exc: BaseException) -> str:
    """The innermost frame of regie's own code (module:line), for a crash report without data."""
    import traceback

    here = Path(__file__).resolve().parent
    place = "?"
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename)
        if here in path.parents:
            place = f"{path.relative_to(here.parent).with_suffix('').as_posix().replace('/', '.')}:{frame.lineno}"
    return place


if __name__ == "__main__":  # pragma: no cover
    main()
