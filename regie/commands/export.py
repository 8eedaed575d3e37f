"""Inzage (AVG art. 15): één leesbaar document met alles wat het dossier over de cliënt bevat,
inclusief het logboek, in gewone taal en afdrukbaar. Er komt niets uit andere casussen in.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..cli import context, documents, params
from ..views.export import render_export


def run(
    case: params.Case,
    fmt: Annotated[Optional[params.DocFormat], params.format_option("md (standaard), html of pdf (met -o).", show_default=False)] = None,
    html: Annotated[bool, typer.Option("--html", help="Gelijk aan --format html.")] = False,
    md: Annotated[bool, typer.Option("--md", help="Gelijk aan --format md.")] = False,
    out: params.Output = None,
) -> None:
    kind = params.doc_format(fmt, html=html, md=md)
    if kind == "pdf":
        documents.write_pdf(render_export(context.root(), case, context.today(), html=True), out)
        return
    documents.output(render_export(context.root(), case, context.today(), html=kind == "html"), out)
