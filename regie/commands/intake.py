"""Besluit over een nieuwe melding (werkproces 1a): aangenomen, of niet aangenomen en waarheen verwezen.

Aangenomen: de casus gaat naar status onderzoek. Niet aangenomen: de casus wordt gesloten
(sluitreden niet-geaccepteerd, bewaarcategorie kortdurend), met de verwijzing vastgelegd
(--verwezen-naar ORGANISATIE), zodat ook een melding die het netwerk niet oppakt adequaat is
verwezen. Het besluit staat in casus.yaml onder intake; het rapport telt de besluiten.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from ..cli import console, context, params
from ..work.intake import intake


def run(
    case: params.Case,
    besluit: Annotated[str, typer.Option("--besluit", metavar="aangenomen|niet-aangenomen", help="Het besluit over de melding.")],
    reden: Annotated[str, typer.Option("--reden", help="Waarom (geen namen).")],
    verwezen_naar: Annotated[Optional[str], params.organisatie_option("--verwezen-naar", help="Niet aangenomen: organisatie-id waarheen is verwezen.")] = None,
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Datum van het besluit (standaard vandaag).")] = None,
    no_commit: Annotated[bool, params.no_commit_option("Wijzig, maar commit niet.")] = False,
) -> None:
    what, done = intake(context.root(), case, besluit=besluit, reden=reden, today=context.today(),
                        datum=datum, verwezen_naar=verwezen_naar,
                        commit=not no_commit)
    console.report_change(done, what)
