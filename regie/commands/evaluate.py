"""Maak een evaluatie (werkproces 1g, 4a, 4b): evaluaties/<datum>.md, vooraf ingevuld uit de casus.

Met de doelen en hun scores, de afspraken sinds de vorige evaluatie en hun stand, open
escalaties, en ruimte voor de evaluatie van de samenwerking en het vervolg. In een terminal
opent $EDITOR (tenzij --no-edit); daarna wordt de evaluatie gecontroleerd en gecommit, en
krijgt het plan de volgende evaluatiedatum.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from ..cli import console, context, params
from ..work.evaluation import evaluate


def run(
    case: params.Case,
    soort: Annotated[str, typer.Option("--soort", help="tussentijds, eind of nazorg.")] = "tussentijds",
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Datum van de evaluatie (standaard vandaag).")] = None,
    no_edit: Annotated[bool, typer.Option("--no-edit", help="Open geen editor.")] = False,
    no_commit: Annotated[bool, params.no_commit_option("Schrijf, maar commit niet.")] = False,
) -> None:
    root = context.root()
    done = evaluate(
        root, case, today=context.today(), soort=soort, datum=datum,
        edit=console.edit_file if (console.interactive() and not no_edit) else None, commit=not no_commit,
    )
    console.echo(done.paths[0].relative_to(root).as_posix())
    console.report_change(done, "evaluatie aangemaakt" + (" (niet gecommit)" if no_commit else " en gecommit"))
