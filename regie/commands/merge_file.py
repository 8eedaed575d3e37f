"""Git-samenvoeghulp voor afspraken, escalaties en signalen: per record en per veld (niet aanroepen met de hand).

Git roept dit aan als 'regie merge-file %O %A %B %P' (ingesteld door 'regie init' en 'regie setup').
Exitcode 0: samengevoegd; 1: een echt conflict (hetzelfde veld van hetzelfde record verschillend
gewijzigd), dat tussen git's markeringen in het bestand staat en door 'regie validate' als
[merge-conflict] wordt gemeld.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..store.mergefile import merge_file


def run(
    base: Annotated[Path, typer.Argument(help="De gemeenschappelijke versie (%O).", show_default=False)],
    ours: Annotated[Path, typer.Argument(help="Deze versie; hierin komt het resultaat (%A).", show_default=False)],
    theirs: Annotated[Path, typer.Argument(help="De andere versie (%B).", show_default=False)],
    name: Annotated[str, typer.Argument(help="Het pad van het bestand in de repository (%P).", show_default=False)],
) -> None:
    if not merge_file(base, ours, theirs, name):
        raise typer.Exit(1)
