"""Leg de verwijzingen uit de verwijsindex risicojongeren vast: signaal, match en regievoerder.

Alleen wie en wanneer, nooit inhoud: --signaal DATUM --organisatie ORG (wie het signaal afgaf),
--match DATUM --met ORG (herhaalbaar: met welke organisaties er een match is), --regievoerder ID
(de afgesproken regievoerder: regisseur of organisatie). Alles komt in casus.yaml, in één commit.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from ..cli import console, context, params
from ..work.safety import record_verwijsindex


def run(
    case: params.Case,
    signaal: Annotated[Optional[dt.date], params.date_option("--signaal", help="Datum van het signaal in de verwijsindex.")] = None,
    organisatie: Annotated[Optional[str], params.organisatie_option("--organisatie", help="Met --signaal: organisatie die het signaal afgaf.")] = None,
    match: Annotated[Optional[dt.date], params.date_option("--match", help="Datum van de match.")] = None,
    met: Annotated[Optional[list[str]], typer.Option("--met", help="Met --match: organisatie met een signaal over dezelfde jongere (herhaalbaar).")] = None,
    regievoerder: Annotated[Optional[str], typer.Option("--regievoerder", help="De afgesproken regievoerder: regisseur- of organisatie-id.")] = None,
    no_commit: Annotated[bool, params.no_commit_option("Wijzig, maar commit niet.")] = False,
) -> None:
    done = record_verwijsindex(
        context.root(), case, today=context.today(),
        signaal=signaal, organisatie=organisatie,
        match=match, met=met, regievoerder=regievoerder,
        commit=not no_commit,
    )
    console.report_change(done)
