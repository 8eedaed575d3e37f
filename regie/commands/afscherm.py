"""Scherm een onderdeel van een dossier af voor de inzage (AVG art. 23, UAVG art. 41), of hef de afscherming op.

RECORD is meldcode, melding, verwijsindex, een id (A3, E2, V1, D2, L2, een betrokkene),
journaal/DATUM-N, evaluaties/DATUM of overdracht/DATUM. Met --grond avg-23 of uavg-41 en --tot
DATUM of --totdat VOORWAARDE komt het veld 'afgeschermd' op dat record (door de regisseur van de
casus); --opheffen haalt het weg. Wat afgeschermd is, en wat daaruit volgt (een verstrekking,
logregels, aantekeningen), staat in geen enkele inzage; de tekst van de inzage over wat de wet
toestaat achter te houden is altijd dezelfde. De meldcode is vanzelf afgeschermd zolang het gezin
niet is geïnformeerd (regie meldcode --gezin-niet). De commit noemt alleen de casus.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from ..cli import console, context, params
from ..work.afscherming import afscherm


def run(
    case: params.Case,
    record: Annotated[str, typer.Argument(metavar="RECORD", help="meldcode, melding, verwijsindex, A3, E2, V1, D2, L2, een betrokkene, journaal/DATUM-N, evaluaties/DATUM of overdracht/DATUM.")],
    grond: Annotated[Optional[str], typer.Option("--grond", metavar="avg-23|uavg-41", help="De wettelijke grond: avg-23 (AVG art. 23) of uavg-41 (UAVG art. 41).")] = None,
    tot: Annotated[Optional[dt.date], params.date_option("--tot", help="Afgeschermd tot en met deze datum.")] = None,
    totdat: Annotated[Optional[str], typer.Option("--totdat", help="Afgeschermd totdat deze voorwaarde vervuld is (in woorden, geen namen).")] = None,
    opheffen: Annotated[bool, typer.Option("--opheffen", help="Hef de afscherming op.")] = False,
    no_commit: Annotated[bool, params.no_commit_option("Wijzig, maar commit niet.")] = False,
) -> None:
    change = afscherm(context.root(), case, record, today=context.today(), grond=grond, tot=tot, totdat=totdat,
                      opheffen=opheffen, commit=not no_commit)
    console.report_change(change)
