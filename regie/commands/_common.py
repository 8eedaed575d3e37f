"""What every command shares: the global options, the repo, today, and printing to stderr."""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Callable, Iterator, Optional

import typer
from ..taal import aantal

if TYPE_CHECKING:
    import datetime as dt


@dataclass
class State:
    repo: Path | None = None
    today: str | None = None
    debug: bool = False
    met_eigen_wijzigingen: bool = False
    no_cache: bool = False
    op: dt.date | None = None  # --op: read the repository as committed at the end of this day
    op_root: Path | None = None  # the copy of the repository of that day (regie.store.history)


STATE = State()

# The commands that can read the repository as it stood on a day (--op).
OP_COMMANDS = ("show", "list", "overdue", "agenda", "plan", "caseload", "report")


def root() -> Path:
    """The dossier repository; a change a killed regie left half-done is rolled back first.

    With ``--op`` it is a copy of the repository as committed at the end of that day.
    """
    from ..dossier.repo import find_root
    from ..store.transaction import recover_if_pending

    base = find_root(STATE.repo)
    recover_if_pending(base)
    if STATE.op is None:
        return base
    if STATE.op_root is None:
        from .. import clock
        from ..store.history import check_day, snapshot

        clock.set_today(STATE.today)
        check_day(STATE.op, clock.today())
        STATE.op_root, sha = snapshot(base, STATE.op)
        STATE.no_cache = True  # a copy made for one command: keeping what was read from it would only fill the cache
        info(f"de repository zoals gecommit op {STATE.op.isoformat()} (commit {sha[:12]})")
    return STATE.op_root


def work_root() -> Path:
    """The repository in the work tree, also under ``--op``: where ``-o`` must not write an unignored file."""
    from ..dossier.repo import find_root

    return find_root(STATE.repo)


def close_snapshot() -> None:
    """Remove the copy of an ``--op`` day, if one was made."""
    if STATE.op_root is not None:
        from ..store.history import remove

        remove(STATE.op_root)
        STATE.op_root = None


@contextmanager
def mutating(command: str) -> Iterator[None]:
    """Hold the repository's lock around a change that a command puts together itself."""
    from ..store.transaction import check_writable, session

    check_writable()  # before root(): with --op that would first copy the repository of that day
    with session(root(), command):
        yield


def today() -> dt.date:
    """Today (``--today`` to pretend otherwise); with ``--op`` the day the repository is read as of."""
    from .. import clock

    clock.set_today(STATE.today)
    if STATE.op is not None:
        root()  # refuses a day in the future or before the first commit, before anything is computed
        return STATE.op
    return clock.today()


def check_jobs(jobs: int | None) -> None:
    """Refuse a --jobs outside 1..MAX_JOBS."""
    from ..limits import MAX_JOBS, check_range

    if jobs is not None:
        check_range(jobs, "--jobs", 1, MAX_JOBS, "processen")


def read_cases(job, cases: list[str] | None = None, *, jobs: int | None = None, quiet: bool = False):
    """Run a per-case job over the repository for a read-only command (see ``regie.dossier.scan``).

    Files that cannot be read are left out, with one warning naming them (``quiet``: none).
    """
    from ..dossier.repo import case_dir
    from ..dossier.scan import collect

    base = root()
    for cid in cases or []:
        case_dir(base, cid)
    check_jobs(jobs)
    with progress("casussen lezen") as tick:
        got = collect(base, today(), job, cases or None, use_cache=not STATE.no_cache, jobs=jobs, progress=tick)
    broken = sorted({p.path for p in got.errors})
    if broken and not quiet:
        warn(f"{aantal(len(broken), 'bestand')} overgeslagen omdat ze ongeldig zijn (zie 'regie validate'): {', '.join(broken[:3])}"
             + (" ..." if len(broken) > 3 else ""))
    return got


def check_regisseur(network, regisseur: str | None) -> None:
    """A filter on a regisseur that regie.yaml does not know is a typo, not an empty result."""
    if regisseur is not None and regisseur not in network.regisseur_ids():
        from ..errors import UsageError

        raise UsageError(f"onbekende regisseur '{regisseur}' (bekend in regie.yaml: {', '.join(sorted(network.regisseur_ids()))})")


NoCommit = Annotated[bool, typer.Option("--no-commit", help="Wijzig en zet klaar (staged), maar commit niet.")]

Jobs = Annotated[Optional[int], typer.Option(
    "--jobs", "-j", help="Aantal processen om casussen te lezen die niet in de cache staan (standaard: het aantal kernen).",
    show_default=False)]


def output(text: str, path: Path | None, *, exact: bool = False) -> None:
    """A document to stdout, or atomically to ``path`` with ``-o``.

    Control characters from dossier values are shown escaped; ``exact`` (JSON, which
    escapes them itself) passes the text unchanged.
    """
    if not exact:
        text = printable(text)
    if path is None or str(path) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from ..store.files import write_output

    write_output(path, text, work_root())
    info(f"geschreven: {path}")


def printable(text: str) -> str:
    from ..safetext import printable as escape

    return escape(text)


def json_text(data) -> str:
    from ..safetext import json_text as as_json

    return as_json(data)


def echo(text: str) -> None:
    """A line of data on stdout, dossier control characters escaped."""
    import typer

    typer.echo(printable(text))


def echo_lines(lines, chunk: int = 512) -> None:
    """Lines of data on stdout like :func:`echo`, written a chunk at a time (typer writes and flushes
    each call: a line per call is a system call per case on a list of 20,000)."""
    import typer

    batch: list[str] = []
    for line in lines:
        batch.append(printable(line))
        if len(batch) >= chunk:
            typer.echo("\n".join(batch))
            batch = []
    if batch:
        typer.echo("\n".join(batch))


def echo_json(data) -> None:
    """JSON on stdout: exact values (control characters are JSON escapes)."""
    import typer

    typer.echo(json_text(data))


class _StderrHandler(logging.Handler):
    """Messages of the core (``logging.getLogger("regie")``) to stderr, the Dutch way."""

    def emit(self, record: logging.LogRecord) -> None:
        message = printable(record.getMessage())
        if record.levelno >= logging.WARNING:
            warn(message)
        else:
            info(message)


def install_log_handler() -> None:
    logger = logging.getLogger("regie")
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        logger.addHandler(_StderrHandler())
    logger.setLevel(logging.INFO)
    logger.propagate = False


def edit_file(path: Path) -> None:
    """Open ``path`` in the user's $VISUAL / $EDITOR and wait; a failing editor is an error."""
    import shlex
    import subprocess

    from ..errors import RegieError

    command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        code = subprocess.call([*shlex.split(command), str(path)])
    except OSError as exc:
        raise RegieError(f"editor '{command}' kon niet starten ({exc.strerror}); niets opgeslagen") from None
    if code != 0:
        raise RegieError(f"editor '{command}' stopte met code {code}; niets opgeslagen")


def interactive() -> bool:
    """Prompts only when a person is at a terminal (never in CI or a pipe)."""
    return sys.stdin.isatty() and sys.stderr.isatty() and not os.environ.get("CI")


def ask(question: str, default: str | None = None) -> str:
    """Ask on stderr (stdout stays clean for data, e.g. the new case id)."""
    from rich.prompt import Prompt

    while True:
        answer = Prompt.ask(question, console=_console(), default=default) if default else Prompt.ask(question, console=_console())
        if answer and answer.strip():
            return answer.strip()


@contextmanager
def progress(label: str, after: float = 0.5) -> Iterator[Callable[[int, int], None] | None]:
    """A progress callback that draws a bar on stderr once a read has taken ``after`` seconds.

    Only in a terminal: never in a pipe or in CI. A quick (cached) read shows nothing.
    """
    if not sys.stderr.isatty() or os.environ.get("CI"):
        yield None
        return
    import time

    start = time.monotonic()
    state: dict = {}

    def update(done: int, total: int) -> None:
        if "bar" not in state:
            if done >= total or time.monotonic() - start < after:
                return
            from rich.progress import Progress

            state["bar"] = Progress(console=_console(), transient=True)
            state["bar"].start()
            state["task"] = state["bar"].add_task(label, total=total)
        state["bar"].update(state["task"], completed=done)

    try:
        yield update
    finally:
        if "bar" in state:
            state["bar"].stop()


def _console():
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def error(message: str) -> None:
    message = _markup_safe(printable(message))
    _console().print(f"[bold red]fout:[/] {message}" if _colour() else f"fout: {message}", markup=_colour())


def warn(message: str) -> None:
    message = _markup_safe(printable(message))
    _console().print(f"[yellow]waarschuwing:[/] {message}" if _colour() else f"waarschuwing: {message}", markup=_colour())


def info(message: str) -> None:
    _console().print(printable(message), markup=False)


def _markup_safe(message: str) -> str:
    """A message that rich prints as is when markup is on (a '[schema]' code is no style tag)."""
    if not _colour():
        return message
    from rich.markup import escape

    return escape(message)


def _colour() -> bool:
    return sys.stderr.isatty() and "NO_COLOR" not in os.environ


class DataFormat(str, Enum):
    """text or json: what a command that shows data (list, show, retention, signal list) can give."""

    text = "text"
    json = "json"


Output = Annotated[Optional[Path], typer.Option("-o", "--output", help="Schrijf naar dit bestand in plaats van stdout (- is stdout).")]


@contextmanager
def writing(path: Path | None) -> Iterator[None]:
    """What the block prints on stdout goes to ``-o path`` instead, atomically (``-`` or none: stdout)."""
    if path is None or str(path) == "-":
        yield
        return
    import io
    from contextlib import redirect_stdout

    buf = io.StringIO()
    with redirect_stdout(buf):
        yield
    output(buf.getvalue(), path, exact=True)  # echo made it printable already


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


def write_pdf(html: str, path: Path | None) -> None:
    """A document as PDF to ``-o path`` (WeasyPrint; see ``regie.views.pdf``)."""
    from ..views.pdf import write_pdf as write

    info(f"geschreven: {write(html, path, work_root())}")


def doc_format(fmt, *, html: bool = False, md: bool = False, default: str = "md") -> str:
    """The one format a document command was asked for: ``--format``, or its short forms ``--html``/``--md``.

    Two that disagree are a usage error, never a silent choice.
    """
    from ..errors import UsageError

    given = ([f"--format {fmt.value}"] if fmt is not None else []) + [f"--{f}" for f, on in (("html", html), ("md", md)) if on]
    kinds = {g.rsplit(" ", 1)[-1].lstrip("-") for g in given}
    if len(kinds) > 1:
        raise UsageError(f"kies één formaat: {' en '.join(given)} spreken elkaar tegen")
    return kinds.pop() if kinds else default


def report_change(changed, message: str) -> None:
    """After a change: its warnings, the problems left in the case, then what was done (all to stderr)."""
    for w in changed.warnings:
        warn(w)
    for p in changed.problems:
        info(p.format())
    for note in getattr(changed, "notes", ()):
        info(note)
    info(message)
