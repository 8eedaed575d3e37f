"""Maak je eigen age-sleutel (voor de versleutelde identiteiten) en toon de publieke sleutel voor regie.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

from ..cli import console, params
from ..privacy.identity import keygen


def run(
    output: Annotated[Optional[Path], params.output_option("Waar de sleutel komt (standaard REGIE_AGE_KEY_FILE of ~/.config/regie/key.txt).")] = None,
) -> None:
    path, public = keygen(output)
    console.echo(public)
    console.info(f"sleutel gemaakt in {path} (alleen voor jou leesbaar); zet de publieke sleutel bij jouw regisseur in "
                 f"regie.yaml als 'age: {public}'")
