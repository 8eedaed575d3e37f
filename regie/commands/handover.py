"""Draag de regie over (werkproces 1e): aan een andere regisseur, (tijdelijk) aan een
organisatie buiten het netwerk zoals Veilig Thuis of jeugdbescherming, of aan een casushouder.

Wie wanneer de regie had blijft bewaard in casus.yaml (regie_historie). --terug neemt een
overgedragen casus terug. Bij een overdracht aan een organisatie gaat er een memo naar stdout (of
-o): waarom, de stappen van de meldcode, de verwijsindex, open afspraken en betrokkenen. Met
--van OUD --naar NIEUW gaan alle open casussen van een regisseur in één commit over (bijvoorbeeld
bij vertrek: actief_tot in regie.yaml).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..cli import console, context, documents, params
from ..errors import UsageError
from ..work.handover import handover, handover_all, render_handover_memo


def run(
    case: Annotated[Optional[str], params.case_argument("Casus-id (niet bij --van).")] = None,
    reden: Annotated[str, typer.Option("--reden", help="Waarom de regie overgaat.")] = "",
    van: Annotated[Optional[str], params.regisseur_option("--van", help="Draag alle open casussen van deze regisseur over (met --naar REGISSEUR).")] = None,
    status: Annotated[Optional[str], typer.Option("--status", help="Met --van: alleen casussen met deze status.")] = None,
    naar: Annotated[Optional[str], params.regisseur_of_organisatie_option("--naar", help="Regisseur-id of organisatie-id uit regie.yaml.")] = None,
    casushouder: Annotated[Optional[str], typer.Option("--casushouder", help="Professional uit netwerk.yaml die casushouder wordt.")] = None,
    terug: Annotated[bool, typer.Option("--terug", help="Neem een overgedragen casus terug.")] = False,
    tijdelijk: Annotated[bool, typer.Option("--tijdelijk", help="Met --naar ORGANISATIE: de overdracht is tijdelijk.")] = False,
    out: Annotated[Optional[Path], params.output_option("Schrijf het overdrachtsmemo naar dit bestand.")] = None,
    no_commit: Annotated[bool, params.no_commit_option("Wijzig, maar commit niet.")] = False,
) -> None:
    if not reden:
        raise UsageError("ontbrekende waarde: --reden")
    if van is not None:
        if case is not None or casushouder or terug or tijdelijk or not naar:
            raise UsageError("--van draagt alle open casussen van een regisseur over aan --naar REGISSEUR; "
                             "geef daarbij geen casus-id, --casushouder, --terug of --tijdelijk")
        change = handover_all(context.root(), van=van, naar=naar, reden=reden, status=status,
                              today=context.today(), commit=not no_commit)
        console.echo("\n".join(change.notes))
        console.report_change(replace(change, notes=[]))
        return
    if case is None:
        raise UsageError("geef een casus-id, of --van REGISSEUR voor al zijn of haar casussen")
    if status is not None:
        raise UsageError("--status hoort bij --van")

    change = handover(context.root(), case, reden=reden, naar=naar, casushouder=casushouder, terug=terug,
                      tijdelijk=tijdelijk, today=context.today(), commit=not no_commit)
    if change.id:  # an outside organisation holds regie now: its memo
        documents.output(render_handover_memo(context.root(), case), out)
    console.report_change(change)
