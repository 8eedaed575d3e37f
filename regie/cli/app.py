"""The ``regie`` command line: the typer app built from the menu's table, the global options, and the one
error boundary.

Commands live one per module in ``regie.commands``; this module only wires them up. Their parameters
are declared with the types of :mod:`regie.cli.params`. Each command imports the core it needs inside
its body, so ``regie --help`` stays fast and loads neither git, jinja2 nor jsonschema.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .. import __version__
from ..clock import parse_iso_date
from ..errors import RegieError, UsageError
from ..store.transaction import allow_own_changes_by_default, refuse_changes
from ..work import gesloten
from . import console, context, framework_nl, params
from .menu import ABOUT, CLOSED_CASE, COMMANDS, GLOBAL_OPTIONS, SUMMARIES, top_help, wants_top_help


def _version(value: bool) -> None:
    if value:
        typer.echo(f"regie {__version__}")
        raise typer.Exit()


def _global(
    ctx: typer.Context,
    repo: params.Repo = None,
    today: params.Today = None,
    op: params.Op = None,
    version: Annotated[bool, typer.Option(*GLOBAL_OPTIONS["version"].names, callback=_version, is_eager=True,
                                          help=GLOBAL_OPTIONS["version"].help)] = False,
    debug: params.Debug = False,
    met_eigen_wijzigingen: params.OwnChanges = False,
    no_cache: params.NoCache = False,
) -> None:
    context.STATE.repo = repo
    context.STATE.no_cache = no_cache
    context.STATE.today = today
    context.STATE.debug = debug
    context.STATE.met_eigen_wijzigingen = met_eigen_wijzigingen
    context.STATE.op = context.STATE.op_root = context.STATE.settled = None

    allow_own_changes_by_default(met_eigen_wijzigingen)
    refuse_changes(None)
    if op is not None:
        if ctx.invoked_subcommand not in context.OP_COMMANDS:
            raise UsageError(f"--op werkt met {', '.join(context.OP_COMMANDS)}; niet met {ctx.invoked_subcommand}")
        context.STATE.op = parse_iso_date(op, what="--op")
        refuse_changes(f"met --op lees je de repository zoals die op {op} was; wijzigen kan daarin niet")


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
        help=ABOUT,
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
                module = importlib.import_module(f"regie.commands.{module_name}")
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
        if arg in ("-C", "--repo", "--today", "--op"):
            i += 2
        elif arg.startswith("-"):
            i += 1
        else:
            return arg
    return None


def __getattr__(name: str):
    """``regie.cli.app.app``: every command built (for tests and tools that inspect the command line)."""
    if name == "app":
        return build_app(_ALL)
    raise AttributeError(name)


def main() -> None:
    import os

    completing = "_REGIE_COMPLETE" in os.environ
    if not completing and wants_top_help(sys.argv[1:]):
        sys.stdout.write(top_help())
        sys.exit(0 if sys.argv[1:] else 2)  # a bare ``regie`` names no command: like click, exit 2
    console.install_log_handler()
    from typer._click.exceptions import ClickException
    from typer.exceptions import Abort

    framework_nl.install()
    if completing:  # the words typed so far come from the shell, not from argv
        words = (os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS") or "").split()
        command = typer.main.get_command(build_app(command_in(words[1:])))
        from typer.completion import completion_init

        completion_init()  # typer's bash, zsh, fish and PowerShell completion
    else:
        command = typer.main.get_command(build_app(command_in(sys.argv[1:])))
    framework_nl.dutch_command(command)
    name = command_path(command, sys.argv[1:])
    words = (name or "").split()
    mark = next((CLOSED_CASE[w] for w in (" ".join(words[:n]) for n in range(len(words), 0, -1)) if w in CLOSED_CASE), None)
    gesloten.declare(name, mark)
    try:
        try:
            code = command.main(args=sys.argv[1:], prog_name="regie", standalone_mode=False)
        finally:
            context.close_snapshot()
            gesloten.declare(None)
        if isinstance(code, int) and code:
            sys.exit(code)
    except ClickException as exc:  # a wrong command line: in Dutch, with the usage line
        framework_nl.show_usage_error(exc, sys.stderr)
        if not _is_help(exc):
            console.error(framework_nl.usage_error(exc))
        sys.exit(exc.exit_code)
    except Abort:
        console.error("afgebroken")
        sys.exit(1)
    except RegieError as exc:
        text = with_flags(exc, command, sys.argv[1:])
        if exc.exit_code == 0:  # nothing to do is no failure
            console.info(text)
        else:
            console.error(text)
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, EOFError):
        console.error("afgebroken")
        sys.exit(130)
    except Exception as exc:  # a crash of regie itself, never a finding: exit 3
        if context.STATE.debug or "--debug" in sys.argv[1:]:
            import traceback

            traceback.print_exception(exc)
        # the type and regie's own place only: an exception's text may quote dossier contents
        console.error(f"interne fout in regie: {type(exc).__name__} in {_where(exc)} — meld dit met `regie --debug …`"
                      " (de traceback kan dossiergegevens bevatten; deel die niet buiten het netwerk)")
        sys.exit(3)


def command_path(command, argv: list[str]) -> str | None:
    """The (sub)command named on a command line, as its line in the menu's CLOSED_CASE: ``afspraak add``."""
    names: list[str] = []
    args = argv
    while isinstance(getattr(command, "commands", None), dict):
        name = next((a for a in args if a in command.commands), None)  # after a group's own argument (a case)
        if name is None:
            break
        names.append(name)
        args = args[args.index(name) + 1:]
        command = command.commands[name]
    return " ".join(names) or None


def with_flags(exc: RegieError, command, argv: list[str]) -> str:
    """The message of a core error, after the flags of the inputs it is about: ``--reden: de reden mag niet leeg zijn``.

    The core names the thing (and the input's name in ``exc.fields``); which flag the user typed for it
    is the command line's business: the option of the command being run whose parameter has that name.
    """
    if not exc.fields:
        return str(exc)
    return f"{', '.join(flag_of(command, argv, field) for field in exc.fields)}: {exc}"


def flag_of(command, argv: list[str], field: str) -> str:
    """The flag (``--verwezen-naar``) of the parameter ``field`` of the (sub)command named in ``argv``."""
    options = list(command.params)
    args = argv
    while isinstance(getattr(command, "commands", None), dict):  # a group (typer's own copy of click's)
        name = next((a for a in args if a in command.commands), None)  # after a group's own argument (a case)
        if name is None:
            break
        args = args[args.index(name) + 1:]
        command = command.commands[name]
        options = list(command.params) + options  # the command's own first, then its groups'
    for param in options:
        if param.param_type_name == "option" and param.name == field:
            return next((o for o in param.opts if o.startswith("--")), param.opts[0])
    return "--" + field.replace("_", "-")


def _is_help(exc) -> bool:
    from typer._click.exceptions import NoArgsIsHelpError

    return isinstance(exc, NoArgsIsHelpError)


def _where(exc: BaseException) -> str:
    """The innermost frame of regie's own code (module:line), for a crash report without data."""
    import traceback

    here = Path(__file__).resolve().parent.parent  # the regie package
    place = "?"
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename)
        if here in path.parents:
            place = f"{path.relative_to(here.parent).with_suffix('').as_posix().replace('/', '.')}:{frame.lineno}"
    return place


if __name__ == "__main__":  # pragma: no cover
    main()
