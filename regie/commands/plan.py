"""Het Plan van Aanpak van een casus (werkproces 1b): als document, of vaststellen.

Zonder opties: het plan als Markdown op stdout (--html voor een afdrukbare pagina).
Met --voor ORG: de versie voor één partner (alleen de leefgebieden waarvoor toestemming of een
afweging is, de eigen afspraken en de mensen met wie zij samenwerkt; geen meldcode); met -o
wordt het versturen ervan als verstrekking in het dossier vastgelegd en gecommit.
Met --vaststellen: markeer de huidige versie als vastgesteld (versie +1 als het plan na een
eerdere vaststelling is gewijzigd) en commit.
Met --akkoord-client DATUM of --niet-akkoord-client DATUM --reden: het antwoord van de cliënt op
deze versie (samen met --vaststellen: op de nieuwe versie, in dezelfde commit); met
--eigen-woorden: het plan in de woorden van de cliënt.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..cli import console, context, documents, params
from ..errors import UsageError
from ..work.clientstem import Antwoord
from ..work.clientstem import record as record_answer
from ..work.partners import partner_plan, record_shares
from ..work.planning import render_plan
from ..work.planning import vaststellen as do_vaststellen


def run(
    case: params.Case,
    html: Annotated[bool, typer.Option("--html", help="Een afdrukbare HTML-pagina (gelijk aan --format html).")] = False,
    fmt: Annotated[Optional[params.DocFormat], params.format_option("md (standaard), html of pdf (met -o).", show_default=False)] = None,
    out: Annotated[Optional[Path], params.output_option("Schrijf naar dit bestand in plaats van stdout.")] = None,
    voor: Annotated[Optional[str], params.organisatie_option("--voor", metavar="ORG", help="De versie voor deze partnerorganisatie (met -o: als verstrekking vastgelegd).")] = None,
    vaststellen: Annotated[bool, typer.Option("--vaststellen", help="Stel de huidige versie vast en commit.")] = False,
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Met --vaststellen: datum van vaststelling (standaard vandaag).")] = None,
    akkoord: Annotated[Optional[dt.date], params.date_option("--akkoord-client", help="De cliënt is akkoord met deze versie van het plan, op deze datum.")] = None,
    niet_akkoord: Annotated[Optional[dt.date], params.date_option("--niet-akkoord-client", help="De cliënt is niet akkoord met deze versie, op deze datum (met --reden).")] = None,
    reden: Annotated[Optional[str], typer.Option("--reden", help="Met --niet-akkoord-client: waarom de cliënt niet akkoord is.")] = None,
    eigen_woorden: Annotated[Optional[str], typer.Option("--eigen-woorden", help="Het plan in de woorden van de cliënt.")] = None,
    no_commit: Annotated[bool, params.no_commit_option("Met --vaststellen of --voor en -o: wijzig, maar commit niet.")] = False,
) -> None:
    root = context.root()
    if vaststellen and voor is not None:
        raise UsageError("--vaststellen en --voor gaan niet samen: stel het plan vast, en maak daarna de versie voor de partner")
    answer = _answer(akkoord, niet_akkoord, reden, eigen_woorden)
    if answer is not None and voor is not None:
        raise UsageError("--voor gaat niet samen met het antwoord of de eigen woorden van de cliënt")
    if vaststellen:
        checked = answer.check(context.today()) if answer is not None else None
        console.report_change(do_vaststellen(root, case, today=context.today(), datum=datum, commit=not no_commit,
                                             also=checked.apply_to if checked is not None else None))
        return
    if answer is not None:
        console.report_change(record_answer(root, case, answer, today=context.today(), commit=not no_commit))
        return
    kind = params.doc_format(fmt, html=html)
    if voor is not None:
        doc = partner_plan(root, case, voor, html=kind != "md")
        documents.output_shared(doc.text, out, pdf=kind == "pdf", record=lambda: record_shares(
            root, doc.shares, document="plan", today=context.today(), commit=not no_commit))
        return
    if kind == "pdf":
        documents.write_pdf(render_plan(root, case, html=True), out)
        return
    documents.output(render_plan(root, case, html=kind == "html"), out)


def _answer(akkoord: Optional[dt.date], niet: Optional[dt.date], reden: Optional[str], woorden: Optional[str]) -> Optional[Antwoord]:
    if akkoord is not None and niet is not None:
        raise UsageError("--akkoord-client en --niet-akkoord-client gaan niet samen")
    if reden is not None and niet is None:
        raise UsageError("--reden hoort bij --niet-akkoord-client")
    if akkoord is None and niet is None and woorden is None:
        return None
    return Antwoord(True if akkoord else False if niet else None, akkoord or niet, reden, woorden)
