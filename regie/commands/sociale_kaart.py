"""Toon de sociale kaart (werkproces 6c): per leefgebied de organisaties van het netwerk, met aanbod, contact, aanmeldpunt, verwijzen, wachttijd en escalatiecontact, en de informele en buurtvoorzieningen.

De kaart staat in sociale-kaart.yaml in de hoofdmap, per organisatie uit regie.yaml. validate
controleert haar en waarschuwt voor een open casus met een leefgebied waarop geen organisatie van
de kaart werkt; betrokkene add en escalate tonen wat de kaart over de organisatie zegt. Een
vermelding die langer dan termijnen.sociale_kaart dagen niet is gecontroleerd, geeft een waarschuwing.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

from ..cli import console, context, documents, params
from ..views.sociale_kaart import load_map, map_data, render_map, stale_warnings


class MapFormat(str, Enum):
    md = "md"
    html = "html"
    json = "json"
    pdf = "pdf"


def run(
    leefgebied: Annotated[Optional[str], params.leefgebied_option("--leefgebied", help="Alleen dit leefgebied (uit regie.yaml).")] = None,
    fmt: Annotated[MapFormat, params.format_option("md, html, json of pdf (pdf met -o BESTAND).")] = MapFormat.md,
    out: Annotated[Optional[Path], params.output_option("Schrijf naar dit bestand in plaats van stdout.")] = None,
) -> None:
    root = context.root()
    network = load_map(root)
    data = map_data(network, context.today(), leefgebied)
    for warning in stale_warnings(network, context.today()):
        console.warn(warning)
    if fmt is MapFormat.pdf:
        documents.write_pdf(render_map(data, "html", root), out)
        return
    documents.output(render_map(data, fmt.value, root), out, exact=fmt is MapFormat.json)
