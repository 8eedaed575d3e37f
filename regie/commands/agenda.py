"""Maak de agenda van het volgende netwerkoverleg: nieuwe meldingen, vast te stellen plannen,
evaluaties, afspraken over hun deadline, open escalaties, af te sluiten casussen, signalen.

Standaard Markdown op stdout; --html geeft een opgemaakte pagina; --write bewaart de agenda
met ruimte voor het verslag als overleggen/<datum>.md en commit die.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..cli import console, context, documents, params
from ..errors import UsageError
from ..views.agenda import agenda_job, render_agenda
from ..work.agenda import write_agenda


def run(
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Datum van het overleg (standaard vandaag).")] = None,
    html: Annotated[bool, typer.Option("--html", help="Een opgemaakte HTML-pagina (gelijk aan --format html).")] = False,
    fmt: Annotated[Optional[params.DocFormat], params.format_option("md (standaard), html of pdf (met -o).", show_default=False)] = None,
    write: Annotated[bool, typer.Option("--write", help="Bewaar als overleggen/<datum>.md (met verslagdeel) en commit.")] = False,
    no_commit: Annotated[bool, params.no_commit_option("Met --write: schrijf, maar commit niet.")] = False,
    out: Annotated[Optional[Path], params.output_option("Schrijf naar dit bestand in plaats van stdout.")] = None,
    jobs: params.Jobs = None,
) -> None:
    kind = params.doc_format(fmt, html=html)
    if write and (kind != "md" or out):
        raise UsageError("--write bewaart de agenda als Markdown in de repository; gebruik het niet samen met --html, "
                         "--format of -o")
    day = datum or context.today()
    if write:
        with context.mutating("agenda --write"):  # reading the cases and writing the agenda as one
            base = context.root()
            got = context.read_cases(agenda_job(base, day), jobs=jobs)
            path = write_agenda(got, base, day, context.today(), commit=not no_commit)
        console.echo(path.relative_to(base).as_posix())
        console.info("agenda bewaard" + (" (niet gecommit)" if no_commit else " en gecommit"))
        return
    base = context.root()
    got = context.read_cases(agenda_job(base, day), jobs=jobs)
    if kind == "pdf":
        documents.write_pdf(render_agenda(got, base, day, html=True), out)
        return
    documents.output(render_agenda(got, base, day, html=kind == "html"), out)
