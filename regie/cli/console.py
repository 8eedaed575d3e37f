"""The console: data on stdout (dossier control characters escaped), messages, warnings and errors on stderr
in Dutch, prompts, a progress bar, the editor, and what a change reports."""

from __future__ import annotations

import logging
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from ..dossier.lint import mask_text
from ..errors import RegieError
from ..safetext import json_text as as_json
from ..safetext import printable as escape
from ..work.mutation import Change


def printable(text: str) -> str:
    return escape(text)

def json_text(data) -> str:
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

def confirm(question: str) -> bool:
    """Ask a yes/no question on stderr; only 'j' (ja) says yes, the default is no."""
    from rich.prompt import Prompt

    answer = Prompt.ask(question, console=_console(), choices=["j", "n"], default="n", show_default=True)
    return answer == "j"

def ask_optional(question: str) -> str:
    """Ask on stderr; an empty answer is an answer (\"\": left for later)."""
    from rich.prompt import Prompt

    return (Prompt.ask(question, console=_console(), default="", show_default=False) or "").strip()

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
    message = _markup_safe(printable(mask_text(message)))  # a value the user typed is named, but not what it holds
    _console().print(f"[bold red]fout:[/] {message}" if _colour() else f"fout: {message}", markup=_colour())

def warn(message: str) -> None:
    message = _markup_safe(printable(mask_text(message)))
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

def report_change(change: Change, message: str | None = None) -> None:
    """After a change, for every command: its warnings, the problems left in what it touched, its notes, then what
    was done (the core's sentence, or the command's ``message``) — all to stderr."""
    for w in change.warnings:
        warn(w)
    for p in change.problems:
        info(p.format())
    for note in change.notes:
        info(note)
    for line in filter(None, (change.what, message)):
        info(line)
