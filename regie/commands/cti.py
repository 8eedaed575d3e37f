"""Leg het begin van een fase van een CTI-traject (Critical Time Intervention) vast: overbrugging, oefenfase, overdracht.

De fasen komen in hun volgorde, elk één keer, met de datum en de doelen uit het plan van aanpak
waar de fase om draait. validate waarschuwt tijdens het traject als de netwerkbijeenkomsten
achterlopen: minstens één per fase die langer dan 30 dagen loopt (tot de norm in regie.yaml).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from ..cli import console, context, params
from ..work.cti import start_phase


def run(
    case: params.Case,
    fase: Annotated[str, typer.Option("--fase", metavar="overbrugging|oefenfase|overdracht", help="De fase die begint.")],
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Begin van de fase (standaard vandaag).")] = None,
    doel: Annotated[Optional[list[str]], params.doel_option("--doel", help="Doel uit het plan waar de fase om draait, bijv. D2 (herhaalbaar).")] = None,
    no_commit: Annotated[bool, params.no_commit_option("Wijzig, maar commit niet.")] = False,
) -> None:
    console.report_change(start_phase(context.root(), case, fase=fase, today=context.today(), datum=datum, doelen=doel,
                                      commit=not no_commit))
