"""Maak de agenda van het volgende netwerkoverleg: nieuwe meldingen, vast te stellen plannen,
evaluaties, verlopen afspraken, open escalaties, af te sluiten casussen, signalen.

Standaard Markdown op stdout; --html geeft een opgemaakte pagina; --write bewaart de agenda
met ruimte voor het verslag als overleggen/<datum>.md en commit die.
Met --voor ORG: de agenda voor één partner, met alleen de casussen waarin zij meewerkt (op
casusnummer); met -o wordt het versturen ervan als verstrekking in elke casus vastgelegd.
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
from ..work.partners import partner_agenda, record_shares


def run(
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Datum van het overleg (standaard vandaag).")] = None,
    html: Annotated[bool, typer.Option("--html", help="Een opgemaakte HTML-pagina (gelijk aan --format html).")] = False,
    fmt: Annotated[Optional[params.DocFormat], params.format_option("md (standaard), html of pdf (met -o).", show_default=False)] = None,
    write: Annotated[bool, typer.Option("--write", help="Bewaar als overleggen/<datum>.md (met verslagdeel) en commit.")] = False,
    no_commit: Annotated[bool, params.no_commit_option("Met --write, of --voor en -o: schrijf, maar commit niet.")] = False,
    out: Annotated[Optional[Path], params.output_option("Schrijf naar dit bestand in plaats van stdout.")] = None,
    voor: Annotated[Optional[str], params.organisatie_option("--voor", metavar="ORG", help="De agenda voor deze partnerorganisatie: alleen haar casussen (met -o: als verstrekking vastgelegd).")] = None,
    jobs: params.Jobs = None,
) -> None:
    kind = params.doc_format(fmt, html=html)
    if write and (kind != "md" or out or voor):
        raise UsageError("--write bewaart de agenda van het netwerk als Markdown in de repository; gebruik het niet samen "
                         "met --html, --format, -o of --voor")
    day = datum or context.today()
    if voor is not None:
        base = context.root()
        got = context.read_cases(agenda_job(base, day, voor), jobs=jobs)
        doc = partner_agenda(got, base, day, voor, html=kind != "md")
        documents.output_shared(doc.text, out, pdf=kind == "pdf", record=lambda: record_shares(
            base, doc.shares, document="agenda", today=context.today(), commit=not no_commit))
        return
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
