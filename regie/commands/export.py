"""Inzage (AVG art. 15): één leesbaar document met alles wat het dossier over de cliënt bevat,
inclusief het logboek, in gewone taal en afdrukbaar. Er komt niets uit andere casussen in.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from . import _common


def run(
    case: Annotated[str, typer.Argument(help="Casus-id.", show_default=False)],
    fmt: Annotated[Optional[_common.DocFormat], typer.Option("--format", help="md (standaard), html of pdf (met -o).", show_default=False)] = None,
    html: Annotated[bool, typer.Option("--html", help="Gelijk aan --format html.")] = False,
    md: Annotated[bool, typer.Option("--md", help="Gelijk aan --format md.")] = False,
    out: _common.Output = None,
) -> None:
    from ..views.export import render_export

    kind = _common.doc_format(fmt, html=html, md=md)
    if kind == "pdf":
        _common.write_pdf(render_export(_common.root(), case, _common.today(), html=True), out)
        return
    _common.output(render_export(_common.root(), case, _common.today(), html=kind == "html"), out)
