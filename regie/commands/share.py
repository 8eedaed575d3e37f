"""Leg vast wat je uit een dossier met een andere organisatie deelt: wanneer, wat en op welke grond.

De cliënt heeft recht te weten aan wie zijn gegevens zijn verstrekt (AVG art. 15); 'regie export'
noemt elke verstrekking. Delen op grond van toestemming wordt geweigerd als die er niet is.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from ..cli import console, context, params
from ..work.verstrekkingen import share


def run(
    case: params.Case,
    aan: Annotated[str, params.organisatie_option("--aan", help="Organisatie-id uit regie.yaml.")],
    wat: Annotated[str, typer.Option("--wat", help="Wat er gedeeld is (geen persoonsgegevens in deze tekst).")],
    grondslag: Annotated[str, typer.Option("--grondslag", help="toestemming, wettelijke-plicht, vitaal-belang, publieke-taak, gerechtvaardigd-belang of afweging.")],
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Datum van de verstrekking (standaard vandaag).")] = None,
    ontvanger: Annotated[Optional[str], typer.Option("--ontvanger", help="Wie binnen die organisatie, bijv. 'wijkagent' (rol, geen naam).")] = None,
    no_commit: Annotated[bool, params.no_commit_option("Schrijf, maar commit niet.")] = False,
) -> None:
    change = share(context.root(), case, aan=aan, wat=wat, grondslag=grondslag, today=context.today(),
                   datum=datum, ontvanger=ontvanger, commit=not no_commit)
    console.echo(str(change.id))
    console.report_change(change)
