"""One Dutch voice: what typer (and the click it carries) would say in English, said in Dutch.

regie's own messages are Dutch where they are written. The framework adds its own words: the
usage line, help headings, ``[default: …]``, the help option, metavars such as ``<str>``, and the
messages of a wrong command line ("Missing option", "No such option", pydantic's "Input should
be a valid integer"). This module (part of the command-line layer, like :mod:`regie.cli.app`)

- translates the few strings typer looks up through ``gettext`` (its module-level ``_``);
- gives a parameter that declares no metavar (see :mod:`regie.cli.params`) one from its type (the
  choices, ``BESTAND`` for a path, ``N`` for a number) and the full first sentence as each
  command's short help (click would cut it at 45 characters);
- and :func:`usage_error` turns a click usage error into one Dutch ``fout:`` line.

typer is pinned to the minor version these hooks were written and tested against
(``tests/test_dutch.py`` fails on any English sentence of the framework).
"""

from __future__ import annotations

import re
from typing import Any

from .menu import summary_of

# The strings typer's core passes through gettext.
MESSAGES = {
    "default: {default}": "standaard: {default}",
    "required": "verplicht",
    "env var: {var}": "omgevingsvariabele: {var}",
    "(dynamic)": "(dynamisch)",
    "Arguments": "Argumenten",
    "Options": "Opties",
    "Commands": "Commando's",
    "Missing command.": "ontbrekend commando",
    "No such command {name!r}.": "onbekend commando {name!r}",
    "Aborted!": "afgebroken",
    "Aborted.": "afgebroken",
}
HELP_TEXT = "Toon deze hulp en stop."
USAGE = "Gebruik: "
OPTIONS_METAVAR = "[OPTIES]"
SUBCOMMAND_METAVAR = "COMMANDO [ARGUMENTEN]..."

_installed = False


def _translate(message: str) -> str:  # the signature of gettext, which it stands in for
    return MESSAGES.get(message, message)


def install() -> None:
    """Put the Dutch words into typer's help and error output (once per process)."""
    global _installed
    if _installed:
        return
    _installed = True
    import typer.completion
    import typer.core
    from typer._click import core as click_core
    from typer._click import formatting

    typer.core._ = _translate
    # an argument's help line shows its Dutch name (CASUS), not the Python type beside it (<str>)
    typer.core.TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]  # a deliberate patch

    # a required argument in the usage line as click writes it (CASUS), not in typer's braces ({CASUS})
    typer.core.TyperArgument._usage_display_name = _usage_name  # type: ignore[method-assign]  # a deliberate patch

    write_usage = formatting.HelpFormatter.write_usage

    def dutch_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, USAGE if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = dutch_usage  # type: ignore[method-assign]  # a deliberate patch

    get_help_option = click_core.Command.get_help_option

    def dutch_help_option(self, ctx):
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    click_core.Command.get_help_option = dutch_help_option  # type: ignore[method-assign]  # a deliberate patch
    typer.completion.install_callback = _install_completion


def _usage_name(self) -> str:
    """An argument's name in the usage line: ``CASUS`` when required, ``[CASUS]`` when not, ``...`` when repeated."""
    name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
    return name + ("..." if self.nargs != 1 else "")


def _install_completion(ctx, param, value: Any) -> Any:
    """``--install-completion``, with typer's two English lines in Dutch."""
    import sys

    from typer._click import termui, utils
    from typer.completion import install

    if not value or ctx.resilient_parsing:
        return value
    shell, path = install(shell=value) if isinstance(value, str) else install()
    termui.secho(f"aanvullen voor {shell} geïnstalleerd in {path}", fg="green")
    utils.echo("Het werkt zodra je de terminal opnieuw start.")
    sys.exit(0)


def metavar(param) -> str | None:
    """The metavar of an option or argument that declares none, from its type; None for a flag or one that has its own."""
    if param.metavar is not None or getattr(param, "is_flag", False):
        return None
    desc = param.type_descriptor
    if desc.is_choice:
        return "|".join(str(getattr(c, "value", c)) for c in desc.choices or ())
    if desc.is_path:
        return "BESTAND"
    if desc.annotation is int:
        return "N"
    return (max(param.opts, key=len).lstrip("-") if param.opts else param.name).upper()


def dutch_command(cmd) -> None:
    """Dutch metavars and whole first sentences as short help, for a command and everything under it."""

    cmd.options_metavar = OPTIONS_METAVAR
    if hasattr(cmd, "subcommand_metavar"):
        cmd.subcommand_metavar = SUBCOMMAND_METAVAR
    if cmd.help:
        cmd.short_help = summary_of(cmd.help)
    for param in cmd.params:
        name = metavar(param)
        if name is not None:
            param.metavar = name
    for sub in getattr(cmd, "commands", {}).values():
        dutch_command(sub)


# pydantic's and typer's messages for a value that does not convert, as (pattern, Dutch).
_VALUE_MESSAGES = (
    (re.compile(r"^(?:Value error, )?(.*) is not one of (.*)\.$", re.S), lambda m: f"{m[1]} is geen van {m[2]}"),
    (re.compile(r"^Input should be a valid integer"), lambda m: "geen geheel getal"),
    (re.compile(r"^Input should be a valid number"), lambda m: "geen getal"),
    (re.compile(r"^Input should be a valid boolean"), lambda m: "geen ja/nee-waarde"),
    (re.compile(r"^Input should be greater than or equal to (\S+)"), lambda m: f"moet minstens {m[1]} zijn"),
    (re.compile(r"^Input should be less than or equal to (\S+)"), lambda m: f"mag hoogstens {m[1]} zijn"),
    (re.compile(r"^Input should be greater than (\S+)"), lambda m: f"moet groter zijn dan {m[1]}"),
    (re.compile(r"^Input should be less than (\S+)"), lambda m: f"moet kleiner zijn dan {m[1]}"),
    (re.compile(r"^Value (.*) is not a valid (\w+)\.$"), lambda m: f"{m[1]} is geen geldige waarde"),
)


def _value_message(text: str) -> str:
    for pattern, dutch in _VALUE_MESSAGES:
        m = pattern.match(text.strip())
        if m:
            return dutch(m)
    return "ongeldige waarde"  # never the framework's English


def _hint(e) -> str:
    if getattr(e, "param_hint", None) is not None:
        hint = e.param_hint
        return " / ".join(f"'{h}'" for h in hint) if isinstance(hint, (list, tuple)) else str(hint)
    if getattr(e, "param", None) is not None:
        return e.param.get_error_hint()
    return ""


def usage_error(e) -> str:
    """A click usage error as one Dutch sentence (without ``fout:``)."""
    from typer._click import exceptions as x

    if isinstance(e, x.NoSuchOption):
        near = f" (bedoelde je {' of '.join(sorted(e.possibilities))}?)" if e.possibilities else ""
        return f"onbekende optie {e.option_name}{near}"
    if isinstance(e, x.MissingParameter):
        kind = "argument" if (e.param_type or getattr(e.param, "param_type_name", "")) == "argument" else "optie"
        return f"ontbrekend{'' if kind == 'argument' else 'e'} {kind} {_hint(e)}".rstrip()
    if isinstance(e, x.BadParameter):
        hint = _hint(e)
        return f"ongeldige waarde{f' voor {hint}' if hint else ''}: {_value_message(e.message)}"
    if isinstance(e, x.BadOptionUsage):
        if "does not take a value" in e.message:
            return f"optie {e.option_name} neemt geen waarde"
        if "requires" in e.message:
            return f"optie {e.option_name} heeft een waarde nodig"
        return f"verkeerd gebruik van optie {e.option_name}"
    if isinstance(e, x.BadArgumentUsage):
        return "verkeerd aantal waarden voor een argument"
    m = re.match(r"^Got unexpected extra argument(?:\(s\))? \((.*)\)$", e.message)
    if m:
        return f"onverwacht extra argument: {m[1]}"
    return e.message if e.message in MESSAGES.values() or e.message.startswith("onbekend commando") else "verkeerd gebruik"


def show_usage_error(e, stderr) -> None:
    """The usage line, where to find help, and the error — in Dutch, on stderr."""
    from typer._click import exceptions as x

    if isinstance(e, x.NoArgsIsHelpError):  # a group named without a subcommand: its help
        stderr.write(e.ctx.get_help() + "\n")
        return
    if e.ctx is not None:
        stderr.write(e.ctx.get_usage() + "\n")
        names = e.ctx.help_option_names
        stderr.write(f"Probeer '{e.ctx.command_path} {names[0] if names else '--help'}' voor hulp.\n\n")
