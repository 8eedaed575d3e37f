"""Krachten van de cliënt en het netwerk (krachtwerk, de onderzoekende rol): vastleggen en tonen.

Wat goed gaat en waarop het plan kan bouwen, met wie het noemde en desgewenst het leefgebied.
Het staat in casus.yaml (krachten); de casus wordt gecontroleerd en alleen dat bestand gecommit.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from ..cli import console, context, params
from ..dossier.loader import load_case
from ..layout import CASE_FILE
from ..work.onderzoek import kracht_add

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)


@app.command("add")
def add(
    case: params.CaseEg,
    wat: Annotated[str, typer.Option("--wat", help="De kracht, in gewone taal.")],
    leefgebied: Annotated[Optional[str], params.leefgebied_option("--leefgebied", help="Leefgebied uit regie.yaml waarop de kracht helpt.")] = None,
    bron: Annotated[Optional[str], typer.Option("--bron", help="Wie de kracht noemde, bijv. cliënt, broer, wijkverpleging.")] = None,
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Datum (standaard vandaag).")] = None,
    no_commit: params.NoCommit = False,
) -> None:
    """Leg een kracht vast en druk de id af (K1, K2, ...)."""

    changed = kracht_add(context.root(), case, wat=wat, leefgebied=leefgebied, bron=bron, datum=datum, today=context.today(),
                         commit=not no_commit)
    console.echo(str(changed.id))
    console.report_change(changed, f"kracht {changed.id} vastgelegd in casus {case}")


@app.command("list")
def list_(case: params.CaseEg) -> None:
    """Toon de krachten van een casus."""

    _, c, _ = load_case(context.root(), case, needs=(CASE_FILE,))
    lines = [f"{k.id}  {k.wat}{f' ({k.leefgebied})' if k.leefgebied else ''}{f' — {k.bron}' if k.bron else ''}, "
             f"{k.datum.isoformat()}" for k in c.casus.krachten]
    console.echo("\n".join(lines) if lines else "geen krachten vastgelegd")
