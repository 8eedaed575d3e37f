"""Leg voorlichting of deskundigheidsbevordering vast (werkprocessen 6a, 6b): vorm, doelgroep, bereik en onderwerp.

Doelgroep clientnetwerk (cliënten, familie, mantelzorgers, buurt) telt als 6b; professionals en
voorzieningen (lokale diensten en vertegenwoordigers: politici, ambtenaren, sleutelfiguren) als 6a.
Het jaarrapport telt ze per werkproces.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from ..cli import console, context, params
from ..work.voorlichting import add_voorlichting


def run(
    vorm: Annotated[str, typer.Option("--vorm", help="plenaire-bijeenkomst, workshop of individueel.")],
    doelgroep: Annotated[str, typer.Option("--doelgroep", help="clientnetwerk (6b), professionals of voorzieningen (6a).")],
    onderwerp: Annotated[str, typer.Option("--onderwerp", help="Waar het over ging (geen persoonsgegevens).")],
    deelnemers: Annotated[int, typer.Option("--deelnemers", metavar="AANTAL", help="Aantal deelnemers.")],
    soort: Annotated[str, typer.Option("--soort", help="voorlichting of deskundigheidsbevordering.")] = "voorlichting",
    organisatie: Annotated[Optional[list[str]], params.organisatie_option("--organisatie", help="Bereikte organisatie: id uit regie.yaml of van de sociale kaart (herhaalbaar).")] = None,
    regisseur: Annotated[Optional[str], params.regisseur_option("--regisseur", help="De regisseur die het gaf.")] = None,
    tekst: Annotated[Optional[str], typer.Option("--tekst", help="Verslag in woorden (geen persoonsgegevens).")] = None,
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Datum (standaard vandaag).")] = None,
    no_commit: Annotated[bool, params.no_commit_option("Schrijf, maar commit niet.")] = False,
) -> None:
    change = add_voorlichting(context.root(), vorm=vorm, doelgroep=doelgroep, onderwerp=onderwerp, deelnemers=deelnemers,
                              soort=soort, organisaties=organisatie, regisseur=regisseur, tekst=tekst, datum=datum,
                              today=context.today(), commit=not no_commit)
    console.report_change(change)
    console.echo(change.paths[0].relative_to(context.root()).as_posix())
