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
from .commands import _common, afspraak, agenda, close, escalate, evaluate, export, handover, init, log, note, report, retention, signal, list_cmd, new_case, overdue, plan, schema_cmd, show, validate

app = typer.Typer(
    name="regie",
    help="Regie voor netwerkregisseurs: casusdossiers in git, gecontroleerd, op papier en in cijfers.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals would print dossier contents
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"regie {__version__}")
        raise typer.Exit()


@app.callback()
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
) -> None:
    _common.STATE.repo = repo
    _common.STATE.today = today


app.command("init", help=init.__doc__)(init.run)
app.command("new-case", help=new_case.__doc__)(new_case.run)
app.command("validate", help=validate.__doc__)(validate.run)
app.command("overdue", help=overdue.__doc__)(overdue.run)
app.command("list", help=list_cmd.__doc__)(list_cmd.run)
app.command("show", help=show.__doc__)(show.run)
app.command("agenda", help=agenda.__doc__)(agenda.run)
app.command("plan", help=plan.__doc__)(plan.run)
app.command("escalate", help=escalate.__doc__)(escalate.run)
app.command("evaluate", help=evaluate.__doc__)(evaluate.run)
app.command("handover", help=handover.__doc__)(handover.run)
app.command("close", help=close.__doc__)(close.run)
app.command("retention", help=retention.__doc__)(retention.run)
app.command("note", help=note.__doc__)(note.run)
app.command("log", help=log.__doc__)(log.run)
app.command("export", help=export.__doc__)(export.run)
app.command("report", help=report.__doc__)(report.run)
app.add_typer(afspraak.app, name="afspraak", help=afspraak.__doc__)
app.add_typer(signal.app, name="signal", help=signal.__doc__)
app.add_typer(schema_cmd.app, name="schema", help=schema_cmd.__doc__)


def main() -> None:
    from .errors import RegieError

    try:
        app()
    except RegieError as exc:
        _common.error(str(exc))
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, EOFError):
        _common.error("afgebroken")
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
