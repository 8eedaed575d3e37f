"""Voeg een gedateerde notitie toe aan het journaal van een casus: netwerkbijeenkomst, huisbezoek of overleg.

Netwerkbijeenkomsten tellen mee voor de CTI-norm; een nieuwe
netwerkbijeenkomst plant en legt u vast met 'regie bijeenkomst' (met uitnodigingen en afspraken). Met --netwerk (zonder casus-id) gaat de notitie in
het netwerkjournaal (journaal/ in de hoofdmap): werk buiten één casus, zoals intervisie of
netwerkoverleg (werkproces 6d), met --casus voor de casussen waar het over ging. Een consultatie
leg je vast met 'regie consult', voorlichting en deskundigheidsbevordering met 'regie voorlichting';
oude notities van die soorten blijven geldig en tellen mee.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from ..cli import console, context, params
from ..errors import UsageError
from ..work.notes import add_network_note, add_note


def run(
    case: Annotated[Optional[str], params.case_argument("Casus-id (niet bij --netwerk).")] = None,
    soort: Annotated[str, typer.Option("--soort", help="netwerkbijeenkomst, huisbezoek of overleg; met --netwerk: intervisie of netwerkoverleg.")] = "",
    netwerk: Annotated[bool, typer.Option("--netwerk", help="Een notitie in het netwerkjournaal: werk buiten één casus.")] = False,
    casus: Annotated[Optional[list[str]], params.case_option("--casus", help="Met --netwerk: casus waar het (ook) over ging (herhaalbaar).")] = None,
    regisseur: Annotated[Optional[str], params.regisseur_option("--regisseur", help="Met --netwerk: de regisseur die het deed.")] = None,
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Datum (standaard vandaag).")] = None,
    tekst: Annotated[Optional[str], typer.Option("--tekst", help="De notitie; zonder --tekst opent in een terminal $EDITOR.")] = None,
    aanwezig: Annotated[Optional[list[str]], typer.Option("--aanwezig", help="Betrokkene-id, lid-id uit het huishouden (L1) of 'client' (herhaalbaar).")] = None,
    no_commit: Annotated[bool, params.no_commit_option("Schrijf, maar commit niet.")] = False,
) -> None:
    if not soort:
        raise UsageError("ontbrekende waarde: --soort")
    root = context.root()
    if netwerk:
        if case is not None or aanwezig:
            raise UsageError("--netwerk is werk buiten één casus: geef geen casus-id of --aanwezig (wel --casus)")
        change = add_network_note(
            root, soort=soort, today=context.today(), datum=datum,
            tekst=tekst, casussen=casus, regisseur=regisseur,
            edit=console.edit_file if (tekst is None and console.interactive()) else None, commit=not no_commit)
        console.report_change(change)
        console.echo(change.paths[0].relative_to(root).as_posix())
        return
    if case is None:
        raise UsageError("geef een casus-id, of --netwerk voor werk buiten één casus")
    if casus or regisseur:
        raise UsageError("--casus en --regisseur horen bij --netwerk")
    change = add_note(
        root, case, soort=soort, today=context.today(), datum=datum,
        tekst=tekst, aanwezig=aanwezig, edit=console.edit_file if (tekst is None and console.interactive()) else None,
        commit=not no_commit,
    )
    console.report_change(change)
    console.echo(change.paths[0].relative_to(root).as_posix())
