"""The parameter types commands declare: each defined once, with its option names, metavar, help and completion."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer


NoCommit = Annotated[bool, typer.Option("--no-commit", help="Wijzig en zet klaar (staged), maar commit niet.")]

Jobs = Annotated[Optional[int], typer.Option(
    "--jobs", "-j", help="Aantal processen om casussen te lezen die niet in de cache staan (standaard: het aantal kernen).",
    show_default=False)]

Output = Annotated[Optional[Path], typer.Option("-o", "--output", help="Schrijf naar dit bestand in plaats van stdout (- is stdout).")]

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
    from ..errors import UsageError

    given = ([f"--format {fmt.value}"] if fmt is not None else []) + [f"--{f}" for f, on in (("html", html), ("md", md)) if on]
    kinds = {g.rsplit(" ", 1)[-1].lstrip("-") for g in given}
    if len(kinds) > 1:
        raise UsageError(f"kies één formaat: {' en '.join(given)} spreken elkaar tegen")
    return kinds.pop() if kinds else default
