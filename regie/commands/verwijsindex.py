"""Leg de verwijzingen uit de verwijsindex risicojongeren vast: signaal, match en regievoerder.

Alleen wie en wanneer, nooit inhoud: --signaal DATUM --organisatie ORG (wie het signaal afgaf),
--match DATUM --met ORG (herhaalbaar: met welke organisaties er een match is), --regievoerder ID
(de afgesproken regievoerder: regisseur of organisatie). Alles komt in casus.yaml, in één commit.
De verwijsindex werkt per jongere: met --lid LID hoort het signaal bij dat lid van het huishouden;
--afmelden DATUM legt vast dat het signaal is afgemeld (close doet dat zelf bij sluiting).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from ..cli import console, context, params
from ..errors import UsageError
from ..work.jeugd import record_member_signal
from ..work.safety import record_verwijsindex, withdraw_signal


def run(
    case: params.Case,
    signaal: Annotated[Optional[dt.date], params.date_option("--signaal", help="Datum van het signaal in de verwijsindex.")] = None,
    organisatie: Annotated[Optional[str], params.organisatie_option("--organisatie", help="Met --signaal: organisatie die het signaal afgaf.")] = None,
    match: Annotated[Optional[dt.date], params.date_option("--match", help="Datum van de match.")] = None,
    met: Annotated[Optional[list[str]], typer.Option("--met", help="Met --match: organisatie met een signaal over dezelfde jongere (herhaalbaar).")] = None,
    regievoerder: Annotated[Optional[str], typer.Option("--regievoerder", help="De afgesproken regievoerder: regisseur- of organisatie-id.")] = None,
    lid: Annotated[Optional[str], typer.Option("--lid", metavar="LID", help="Het lid van het huishouden om wie het signaal gaat, bijv. L3.")] = None,
    afmelden: Annotated[Optional[dt.date], params.date_option("--afmelden", help="Het signaal is afgemeld op deze datum.")] = None,
    no_commit: Annotated[bool, params.no_commit_option("Wijzig, maar commit niet.")] = False,
) -> None:
    if lid is not None:
        if match is not None or met or regievoerder is not None:
            raise UsageError("--match, --met en --regievoerder gelden voor de casus, niet per lid; laat --lid weg")
        console.report_change(record_member_signal(context.root(), case, lid, today=context.today(), signaal=signaal,
                                                   organisatie=organisatie, afmelden=afmelden, commit=not no_commit))
        return
    if afmelden is not None:
        if signaal is not None or match is not None or met or regievoerder is not None:
            raise UsageError("--afmelden staat alleen (of met --lid)")
        console.report_change(withdraw_signal(context.root(), case, afmelden, today=context.today(), commit=not no_commit))
        return
    done = record_verwijsindex(
        context.root(), case, today=context.today(),
        signaal=signaal, organisatie=organisatie,
        match=match, met=met, regievoerder=regievoerder,
        commit=not no_commit,
    )
    console.report_change(done)
