"""JSON Schemas van de dossierbestanden, voor editors en andere validators."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..cli import console, params
from ..dossier.schema import KINDS
from ..dossier.schema import export as do_export

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)


@app.command("export")
def export(directory: Annotated[Path, params.path_argument("Map waar de schema's komen.", what="MAP", metavar="MAP")]) -> None:
    """Schrijf alle schema's als <soort>.schema.json naar een map."""

    for path in do_export(directory):
        console.echo(str(path))
    console.info("verwijs er in een YAML-bestand naar met: # yaml-language-server: $schema=<pad>/casus.schema.json")


@app.command("list")
def list_kinds() -> None:
    """Toon de soorten bestanden waarvoor een schema bestaat."""

    for kind in KINDS:
        console.echo(kind)
