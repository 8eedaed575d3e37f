"""Het Plan van Aanpak van een casus (werkproces 1b): als document, of vaststellen.

Zonder opties: het plan als Markdown op stdout (--html voor een afdrukbare pagina).
Met --voor ORG: de versie voor één partner (alleen de leefgebieden waarvoor toestemming of een
afweging is, de eigen afspraken en de mensen met wie zij samenwerkt; geen meldcode); met -o
wordt het versturen ervan als verstrekking in het dossier vastgelegd en gecommit.
Met --vaststellen: markeer de huidige versie als vastgesteld (versie +1 als het plan na een
eerdere vaststelling is gewijzigd) en commit.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..cli import console, context, documents, params
from ..errors import UsageError
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
    no_commit: Annotated[bool, params.no_commit_option("Met --vaststellen of --voor en -o: wijzig, maar commit niet.")] = False,
) -> None:
    root = context.root()
    if vaststellen and voor is not None:
        raise UsageError("--vaststellen en --voor gaan niet samen: stel het plan vast, en maak daarna de versie voor de partner")
    if vaststellen:
        console.report_change(do_vaststellen(root, case, today=context.today(), datum=datum, commit=not no_commit))
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
