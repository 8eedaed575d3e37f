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
from .commands import (
    _common, afspraak, agenda, close, escalate, evaluate, export, handover, identity, init, keygen, list_cmd, log, merge_file,
    new_case, note, purge,
    overdue, plan, report, retention, schema_cmd, setup, share, show, signal, sync, validate,
)

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
    debug: Annotated[
        bool, typer.Option("--debug", help="Toon bij een interne fout de volledige traceback (voor een foutmelding aan de ontwikkelaars).")
    ] = False,
    met_eigen_wijzigingen: Annotated[
        bool, typer.Option("--met-eigen-wijzigingen", help="Laat een wijzigend commando ook een bestand met je eigen, nog niet gecommitte wijzigingen aanpassen en die meecommitten.")
    ] = False,
) -> None:
    _common.STATE.repo = repo
    _common.STATE.today = today
    _common.STATE.debug = debug
    _common.STATE.met_eigen_wijzigingen = met_eigen_wijzigingen
    from .store.transaction import allow_own_changes_by_default

    allow_own_changes_by_default(met_eigen_wijzigingen)


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
app.command("sync", help=sync.__doc__)(sync.run)
app.command("keygen", help=keygen.__doc__)(keygen.run)
app.command("purge", help=purge.__doc__)(purge.run)
app.command("share", help=share.__doc__)(share.run)
app.command("setup", help=setup.__doc__)(setup.run)
app.command("merge-file", help=merge_file.__doc__)(merge_file.run)
app.add_typer(afspraak.app, name="afspraak", help=afspraak.__doc__)
app.add_typer(signal.app, name="signal", help=signal.__doc__)
app.add_typer(schema_cmd.app, name="schema", help=schema_cmd.__doc__)
app.add_typer(identity.app, name="identity", help=identity.__doc__)


def main() -> None:
    from .errors import RegieError

    _common.install_log_handler()
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
