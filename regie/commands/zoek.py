"""Bekend? Zoek of een persoon, kind of adres al een casus heeft, zonder dat gegevens leesbaar in het dossier staan.

Het dossier houdt per casus alleen ingekorte sleutel-hashes (zoektokens) van BSN, geboortedatum
met postcode en huisnummer, en adres. Een treffer is een kandidaat: regie bevestigt hem als jij
de identiteit van die casus kunt lezen, anders vraag je het de regisseur van die casus. Een
beheerder vernieuwt de netwerksleutel als een regisseur vertrekt (--sleutel-vernieuwen).
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..cli import console, context, documents, params
from ..errors import UsageError
from ..privacy.zoekindex import query
from ..taal import aantal
from ..work.zoek import Gevonden, rotate, search


def run(
    bsn: Annotated[Optional[str], typer.Option("--bsn", metavar="BSN", help="Het BSN (negen cijfers, elfproef).")] = None,
    geboortedatum: Annotated[Optional[str], typer.Option("--geboortedatum", metavar="DATUM", help="Geboortedatum (JJJJ-MM-DD), samen met --postcode en --huisnummer.")] = None,
    postcode: Annotated[Optional[str], typer.Option("--postcode", metavar="POSTCODE", help="Postcode, bijv. '1234 AB'.")] = None,
    huisnummer: Annotated[Optional[str], typer.Option("--huisnummer", metavar="NUMMER", help="Huisnummer met eventuele toevoeging, bijv. 12a of 12-2.")] = None,
    sleutel_vernieuwen: Annotated[bool, typer.Option("--sleutel-vernieuwen", help="Beheerder: maak een nieuwe netwerksleutel (als een regisseur vertrekt) en vernieuw de zoektokens.")] = False,
    fmt: Annotated[params.DataFormat, params.format_option("text of json.")] = params.DataFormat.text,
    out: params.Output = None,
    no_commit: Annotated[bool, params.no_commit_option("Met --sleutel-vernieuwen: schrijf en zet klaar, maar commit niet.")] = False,
) -> None:
    root = context.root()
    if sleutel_vernieuwen:
        if bsn or geboortedatum or postcode or huisnummer:
            raise UsageError("--sleutel-vernieuwen zoekt niet: laat --bsn, --geboortedatum, --postcode en --huisnummer weg")
        done = rotate(root, today=context.today(), commit=not no_commit)
        console.info(f"zoeksleutel vernieuwd (versie {done.versie}), versleuteld voor {', '.join(done.houders) or 'niemand'}; "
                     f"zoektokens van {aantal(len(done.gedaan), 'casus')} bijgewerkt" + (" (niet gecommit)" if no_commit else ""))
        if done.over:
            console.warn(f"{aantal(len(done.over), 'casus')} kon je niet opnieuw van zoektokens voorzien (die worden niet "
                         "gevonden tot wie de identiteit kan lezen haar opslaat met 'regie identity edit'):")
            for cid, why in done.over:
                console.info(f"  casus {cid}: {why}")
        return
    found = search(root, query(bsn=bsn, geboortedatum=geboortedatum, postcode=postcode, huisnummer=huisnummer))
    with documents.writing(out):
        _show(found, fmt)
    _summary(found)


def _show(found: Gevonden, fmt: params.DataFormat) -> None:
    if fmt is params.DataFormat.json:
        console.echo_json(found.to_dict())
        return
    for k in found.kandidaten:
        how = "bevestigd" if k.bevestigd else f"kandidaat: niet te ontsleutelen, vraag {k.regisseur or 'de regisseur'}"
        console.echo(f"{k.casus}  {k.status:<10} regisseur {k.regisseur or '-'}  huishouden {k.huishouden or '-'}  "
                     f"op {', '.join(k.op)}  {how}")


def _summary(found: Gevonden) -> None:
    console.info(f"{aantal(len(found.kandidaten), 'kandidaat')} in {aantal(found.doorzocht, 'casus')}"
                 + (f"; {found.verworpen} toevallige overeenkomst(en) ontsleuteld en weggelaten" if found.verworpen else ""))
    if found.oude_sleutel:
        console.warn(f"{aantal(len(found.oude_sleutel), 'casus')} met zoektokens van een oudere sleutel niet doorzocht: "
                     f"{', '.join(found.oude_sleutel)}")
