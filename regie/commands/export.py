"""Inzage (AVG art. 15): één leesbaar document met alles wat het dossier over de cliënt bevat,
inclusief het logboek, in gewone taal en afdrukbaar. Er komt niets uit andere casussen in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import _common


def run(
    case: Annotated[str, typer.Argument(help="Casus-id.", show_default=False)],
    html: Annotated[bool, typer.Option("--html", help="Een afdrukbare HTML-pagina.")] = False,
    md: Annotated[bool, typer.Option("--md", help="Markdown (standaard).")] = False,
    out: Annotated[Optional[Path], typer.Option("-o", "--output", help="Schrijf naar dit bestand in plaats van stdout.")] = None,
) -> None:
    from ..errors import UsageError
    from ..views.export import render_export

    if html and md:
        raise UsageError("kies --html of --md, niet beide")
    _common.output(render_export(_common.root(), case, _common.today(), html=html), out)
