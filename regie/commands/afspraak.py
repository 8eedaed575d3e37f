"""Afspraken van een casus: toevoegen, afvinken, laten vervallen, verschuiven.

Elke wijziging bewaart opmerkingen en opmaak in afspraken.yaml, controleert de casus en
commit alleen dat bestand.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from ..cli import console, context, params
from ..work.afspraken import add as do_add
from ..work.afspraken import done as do_done
from ..work.afspraken import drop as do_drop
from ..work.afspraken import move as do_move

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)

Id = Annotated[str, params.afspraak_argument("Afspraak-id, bijv. A3.")]


_report = console.report_change


@app.command("add")
def add(
    case: params.CaseEg,
    wat: Annotated[str, typer.Option("--wat", help="Wat er gedaan wordt.")],
    wie: Annotated[str, params.betrokkene_option("--wie", help="Betrokkene-id uit netwerk.yaml, regisseur-id of 'client'.")],
    deadline: Annotated[dt.date, params.date_option("--deadline", help="Uiterste datum (JJJJ-MM-DD).")],
    doel: Annotated[Optional[str], params.doel_option("--doel", help="Doel uit het plan van aanpak, bijv. D1.")] = None,
    gemaakt: Annotated[Optional[dt.date], params.date_option("--gemaakt", help="Datum waarop de afspraak is gemaakt (standaard vandaag).")] = None,
    no_commit: params.NoCommit = False,
) -> None:
    """Voeg een afspraak toe (volgende vrije id) en druk de id af."""

    outcome = do_add(
        context.root(), case, wat=wat, wie=wie, deadline=deadline,
        doel=doel, gemaakt=gemaakt,
        today=context.today(), commit=not no_commit,
    )
    console.echo(str(outcome.id))
    _report(outcome, f"afspraak {outcome.id} toegevoegd aan casus {case}")


@app.command("done")
def done(
    case: params.CaseEg,
    afspraak: Id,
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Datum waarop het gedaan is (standaard vandaag).")] = None,
    no_commit: params.NoCommit = False,
) -> None:
    """Markeer een afspraak als gedaan."""

    outcome = do_done(context.root(), case, afspraak, today=context.today(),
                      datum=datum, commit=not no_commit)
    _report(outcome, f"afspraak {afspraak} van casus {case} gedaan")


@app.command("drop")
def drop(
    case: params.CaseEg,
    afspraak: Id,
    reden: Annotated[str, typer.Option("--reden", help="Waarom de afspraak vervalt.")],
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Wanneer de afspraak verviel (standaard vandaag).")] = None,
    no_commit: params.NoCommit = False,
) -> None:
    """Laat een open afspraak vervallen, met de reden; de datum wordt vastgelegd (vervallen_op)."""

    outcome = do_drop(context.root(), case, afspraak, reden=reden, today=context.today(),
                      datum=datum, commit=not no_commit)
    _report(outcome, f"afspraak {afspraak} van casus {case} vervallen")


@app.command("move")
def move(
    case: params.CaseEg,
    afspraak: Id,
    deadline: Annotated[dt.date, params.date_option("--deadline", help="Nieuwe deadline (JJJJ-MM-DD).")],
    reden: Annotated[str, typer.Option("--reden", help="Waarom de deadline verschuift.")],
    no_commit: params.NoCommit = False,
) -> None:
    """Verschuif de deadline van een open afspraak; de oude deadline blijft bewaard."""

    outcome = do_move(context.root(), case, afspraak, deadline=deadline,
                      reden=reden, today=context.today(), commit=not no_commit)
    _report(outcome, f"deadline van afspraak {afspraak} in casus {case} verschoven")
