"""Inzage (AVG art. 15): één leesbaar document met alles wat het dossier over iemand bevat, in gewone taal en afdrukbaar.

Waarom en hoe lang, de rechten, wie er betrokken zijn, het plan, de afspraken, aan wie gegevens
zijn verstrekt en het logboek. Er komt niets uit andere casussen in.

--voor client (standaard) of --voor LID (een lid van het huishouden, bijv. L2): ieder krijgt alleen
wat die persoon mag zien, en alleen de eigen identiteitsgegevens. Wat afgeschermd is (regie afscherm;
de meldcode zolang het gezin niet is geïnformeerd) en wat daaruit volgt, staat in geen enkele inzage.
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
    voor: Annotated[str, typer.Option("--voor", metavar="client|LID", help="Voor wie: de cliënt of een lid van het huishouden (bijv. L2).")] = "client",
) -> None:
    kind = params.doc_format(fmt, html=html, md=md)
    if kind == "pdf":
        documents.write_pdf(render_export(context.root(), case, context.today(), html=True, voor=voor), out)
        return
    documents.output(render_export(context.root(), case, context.today(), html=kind == "html", voor=voor), out)
