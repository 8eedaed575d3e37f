"""Leg een wijziging van de toestemming vast: gegeven (voor welke partners en gegevens, met het formulier),
geweigerd, ingetrokken of (nog) niet gevraagd (met de afweging en de wettelijke grondslag om toch samen te werken).

Elke wijziging komt onderaan toestemming.historie in casus.yaml en wordt de huidige toestemming;
een eerdere wijziging wordt nooit aangepast. Eén commit, zonder persoonsgegevens in het bericht.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from ..cli import console, context, params
from ..work.consent import record_consent


def run(
    case: params.Case,
    status: Annotated[str, typer.Option("--status", metavar="gegeven|geweigerd|ingetrokken|niet-gevraagd", help="De nieuwe stand van de toestemming (niet-gevraagd: nog niet gevraagd, met de afweging en grondslag om toch samen te werken).")],
    partner: Annotated[Optional[list[str]], typer.Option("--partner", "--partners", help="Gegeven: organisatie-id waarvoor de toestemming geldt (herhaalbaar; zonder: alle partners).")] = None,
    gegevens: Annotated[Optional[list[str]], params.leefgebied_option("--gegevens", help="Gegeven: leefgebied waarover gegevens gedeeld mogen worden (zoals in het plan: huisvesting, financien), of veiligheid, identiteit, gezondheid-detail (herhaalbaar; zonder: alle leefgebieden).")] = None,
    formulier: Annotated[Optional[str], typer.Option("--formulier", help="Kenmerk van het getekende formulier.")] = None,
    afweging: Annotated[Optional[str], typer.Option("--afweging", help="Geweigerd, ingetrokken of niet-gevraagd: waarom toch wordt samengewerkt.")] = None,
    grondslag: Annotated[Optional[str], typer.Option("--grondslag", help="Met --afweging: wettelijke-plicht, vitaal-belang, publieke-taak of gerechtvaardigd-belang.")] = None,
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Datum van de wijziging (standaard vandaag).")] = None,
    no_commit: Annotated[bool, params.no_commit_option("Wijzig, maar commit niet.")] = False,
) -> None:
    change = record_consent(
        context.root(), case, status=status, today=context.today(), datum=datum,
        partners=partner, gegevens=gegevens, formulier=formulier, afweging=afweging, grondslag=grondslag, commit=not no_commit,
    )
    console.report_change(change)
