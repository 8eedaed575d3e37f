"""Doelen van het plan van aanpak: toevoegen, bereikt, laten vervallen.

Elke wijziging past alleen de kop (front matter) van plan.md aan; de tekst van het plan blijft
zoals hij is. De casus wordt gecontroleerd en alleen plan.md wordt gecommit.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from ..cli import console, context, params
from ..work.doelen import add as do_add
from ..work.doelen import done as do_done
from ..work.doelen import drop as do_drop

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)

Id = Annotated[str, params.doel_argument("Doel-id, bijv. D2.")]


_report = console.report_change


@app.command("add")
def add(
    case: params.CaseEg,
    leefgebied: Annotated[str, params.leefgebied_option("--leefgebied", help="Leefgebied uit regie.yaml, bijv. financien.")],
    wat: Annotated[str, typer.Option("--wat", help="Het doel, in gewone taal.")],
    startscore: Annotated[Optional[int], typer.Option("--startscore", help="Zelfredzaamheid-Matrix nu (1-5).")] = None,
    doelscore: Annotated[Optional[int], typer.Option("--doelscore", help="Zelfredzaamheid-Matrix als het doel bereikt is (1-5).")] = None,
    lid: Annotated[Optional[str], typer.Option("--lid", help="Lid van het huishouden om wie het doel gaat, bijv. L2.")] = None,
    no_commit: params.NoCommit = False,
) -> None:
    """Voeg een doel toe aan het plan van aanpak (volgende vrije id) en druk de id af."""

    changed = do_add(context.root(), case, leefgebied=leefgebied, wat=wat, today=context.today(), startscore=startscore,
                     doelscore=doelscore, lid=lid, commit=not no_commit)
    console.echo(str(changed.id))
    _report(changed, f"doel {changed.id} toegevoegd aan casus {case}")


@app.command("done")
def done(
    case: params.CaseEg,
    doel: Id,
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Datum waarop het doel bereikt is (standaard vandaag).")] = None,
    eindscore: Annotated[Optional[int], typer.Option("--eindscore", help="Zelfredzaamheid-Matrix nu (1-5).")] = None,
    no_commit: params.NoCommit = False,
) -> None:
    """Markeer een doel als bereikt."""

    changed = do_done(context.root(), case, doel, today=context.today(),
                      datum=datum, eindscore=eindscore,
                      commit=not no_commit)
    _report(changed, f"doel {doel} van casus {case} bereikt")


@app.command("drop")
def drop(
    case: params.CaseEg,
    doel: Id,
    reden: Annotated[str, typer.Option("--reden", help="Waarom het doel vervalt.")],
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Datum (standaard vandaag).")] = None,
    no_commit: params.NoCommit = False,
) -> None:
    """Laat een doel vervallen, met de reden."""

    changed = do_drop(context.root(), case, doel, reden=reden, today=context.today(),
                      datum=datum, commit=not no_commit)
    _report(changed, f"doel {doel} van casus {case} vervallen")
