"""The parameter types commands declare: each defined once, with its option names, metavar, help and completion.

A command declares what a parameter *is* (``Case``, ``date_option(...)``, ``Output``, ``NoCommit``, a
``--format`` enum); the metavar, the completion and the conversion come with that declaration. Nothing
is looked up by a parameter's name. Help texts that differ per command are passed to the factory; the
common wording is its default.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Callable, Optional

import typer

from ..clock import parse_iso_date
from ..errors import UsageError
from ..limits import check_path_length
from . import completion
from .menu import GLOBAL_OPTIONS

DATE = "DATUM"


def global_option(name: str, **extra: Any) -> Any:
    """An option before the command, as :data:`regie.cli.menu.GLOBAL_OPTIONS` defines it for the fast ``--help``."""
    o = GLOBAL_OPTIONS[name]
    return typer.Option(*o.names, metavar=o.metavar, help=o.help, envvar=o.envvar, **extra)


def _checked_today(ctx: Any, param: Any, value: Optional[str]) -> Optional[str]:
    """``--today`` (or ``REGIE_TODAY``) checked as the command line is read, so every command refuses a day out of
    range with the same message, also one that never asks for today; kept as text (``regie.cli.context`` sets it)."""
    if value and not ctx.resilient_parsing:  # completing: a half-typed date is no error; empty: no date given
        from typer._click.core import ParameterSource

        from_env = ctx.get_parameter_source(param.name) == ParameterSource.ENVIRONMENT
        parse_iso_date(value, what=param.envvar if from_env else "--today")
    return value


def checked_path(what: str, kind: Callable[[str], Any] = Path) -> Callable[[Any], Any]:
    """A parser for a path the user gives: one the system cannot take (a name over 255 bytes) is a usage error
    naming ``what`` (``--output: het pad is te lang: …``), not an ``OSError`` where it is first used."""

    def parse(text: Any) -> Any:
        check_path_length(text, f"{what}: het pad")
        return kind(text)

    return parse


def path_argument(help: str, *, what: str, **extra: Any) -> Any:
    """A path as an argument, checked like :func:`checked_path`."""
    extra.setdefault("show_default", False)
    return typer.Argument(help=help, parser=checked_path(what), **extra)


# The global options (regie.cli.app's callback). --today is checked here but stays text, and --op stays text:
# --op is refused for a command that cannot read the past before its date is.
Repo = Annotated[Optional[Path], global_option("repo", parser=checked_path("-C/--repo"))]
Today = Annotated[Optional[str], global_option("today", callback=_checked_today)]
Op = Annotated[Optional[str], global_option("op")]
Debug = Annotated[bool, global_option("debug")]
OwnChanges = Annotated[bool, global_option("met_eigen_wijzigingen")]
NoCache = Annotated[bool, global_option("no_cache")]


def case_argument(help: str = "Casus-id.", *, metavar: str = completion.CASE, **extra: Any) -> Any:
    """A case id as an argument: completed from the repository's case folders."""
    extra.setdefault("show_default", False)
    return typer.Argument(help=help, metavar=metavar, autocompletion=completion.case_ids, **extra)


def case_option(*names: str, help: str, **extra: Any) -> Any:
    """A case id as an option (often repeatable): completed like :func:`case_argument`."""
    return typer.Option(*names, help=help, metavar=completion.CASE, autocompletion=completion.case_ids, **extra)


Case = Annotated[str, case_argument()]
CaseEg = Annotated[str, case_argument("Casus-id, bijv. 2026-014.")]  # the wording of the subcommand groups


def _date_parser(name: str) -> Callable[[str], Optional[dt.date]]:
    def parse(text: str) -> Optional[dt.date]:
        from typer._click.globals import get_current_context

        ctx = get_current_context(silent=True)
        if ctx is not None and ctx.resilient_parsing:  # completing: a half-typed date is no error
            return None
        return parse_iso_date(text, what=name) if text else None  # an empty value is no date given

    return parse


def _completing(fn: Callable[..., list[str]], what: str) -> Callable[..., Any]:
    def option(*names: str, **extra: Any) -> Any:
        return typer.Option(*names, autocompletion=fn, **extra)

    option.__doc__ = f"An option naming {what}: completed from the repository."
    return option


regisseur_option = _completing(completion.regisseurs, "a regisseur of regie.yaml")
organisatie_option = _completing(completion.organisaties, "an organisation of regie.yaml")
regisseur_of_organisatie_option = _completing(completion.regisseur_of_organisatie, "a regisseur or an organisation")
leefgebied_option = _completing(completion.leefgebieden, "a leefgebied")
betrokkene_option = _completing(completion.betrokkenen, "who holds an agreement (without a case: an organisation)")
afspraak_option = _completing(completion.afspraak_ids, "an afspraak of the case")
doel_option = _completing(completion.doel_ids, "a doel of the case's plan")
case_status_option = _completing(completion.statuses, "a case status")


def afspraak_argument(help: str) -> Any:
    """An afspraak id of the case named before it: completed from its afspraken.yaml."""
    return typer.Argument(help=help, show_default=False, autocompletion=completion.afspraak_ids)


def doel_argument(help: str) -> Any:
    """A doel id of the case named before it: completed from its plan."""
    return typer.Argument(help=help, show_default=False, autocompletion=completion.doel_ids)


def date_option(*names: str, help: str, **extra: Any) -> Any:
    """A date (JJJJ-MM-DD) as an option, parsed to a :class:`datetime.date`; a wrong one is regie's Dutch
    usage error naming the option (``ongeldige --datum '…': verwacht …``). Its metavar is always ``DATUM``."""
    return typer.Option(*names, help=help, metavar=DATE, parser=_date_parser(max(names, key=len)), **extra)


def output_option(help: str = "Schrijf naar dit bestand in plaats van stdout (- is stdout).", **extra: Any) -> Any:
    """``-o FILE``: where a document or data goes instead of stdout."""
    return typer.Option("-o", "--output", help=help, metavar="BESTAND", parser=checked_path("--output"), **extra)


Output = Annotated[Optional[Path], output_option()]


def format_option(help: str, **extra: Any) -> Any:
    """``--format``: its values (and so its metavar and completion) are the choices of the enum it is declared with."""
    return typer.Option("--format", help=help, **extra)


def no_commit_option(help: str = "Wijzig en zet klaar (staged), maar commit niet.") -> Any:
    """``--no-commit``: change (and stage), but make no commit."""
    return typer.Option("--no-commit", help=help)


NoCommit = Annotated[bool, no_commit_option()]

Jobs = Annotated[Optional[int], typer.Option(
    "--jobs", "-j", help="Aantal processen om casussen te lezen die niet in de cache staan (standaard: het aantal kernen).",
    metavar="N", show_default=False)]


class DataFormat(str, Enum):
    """text or json: what a command that shows data (list, show, retention, signal list) can give."""

    text = "text"
    json = "json"


class ListFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"
    ics = "ics"


class CsvDialect(str, Enum):
    excel = "excel"
    rfc = "rfc"


CsvDialectOption = Annotated[CsvDialect, typer.Option(
    "--csv-dialect", help="Met --format csv: excel (standaard: ';', decimale komma, UTF-8 met BOM, CRLF, ja/nee; "
    "opent goed in Nederlandse Excel) of rfc (RFC 4180: ',' zonder BOM, voor programma's).")]


class DocFormat(str, Enum):
    md = "md"
    html = "html"
    pdf = "pdf"


def doc_format(fmt, *, html: bool = False, md: bool = False, default: str = "md") -> str:
    """The one format a document command was asked for: ``--format``, or its short forms ``--html``/``--md``.

    Two that disagree are a usage error, never a silent choice.
    """

    given = ([f"--format {fmt.value}"] if fmt is not None else []) + [f"--{f}" for f, on in (("html", html), ("md", md)) if on]
    kinds = {g.rsplit(" ", 1)[-1].lstrip("-") for g in given}
    if len(kinds) > 1:
        raise UsageError(f"kies één formaat: {' en '.join(given)} spreken elkaar tegen")
    return kinds.pop() if kinds else default
