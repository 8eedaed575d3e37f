"""Afspraken van een casus: toevoegen, afvinken, laten vervallen, verschuiven.

Elke wijziging bewaart opmerkingen en opmaak in afspraken.yaml, controleert de casus en
commit alleen dat bestand.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..cli import console, context, params

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)

Case = Annotated[str, typer.Argument(help="Casus-id, bijv. 2026-014.", show_default=False)]
Id = Annotated[str, typer.Argument(help="Afspraak-id, bijv. A3.", show_default=False)]
NoCommit = params.NoCommit


_report = console.report_change


@app.command("add")
def add(
    case: Case,
    wat: Annotated[str, typer.Option("--wat", help="Wat er gedaan wordt.")],
    wie: Annotated[str, typer.Option("--wie", help="Betrokkene-id uit netwerk.yaml, regisseur-id of 'client'.")],
    deadline: Annotated[str, typer.Option("--deadline", help="Uiterste datum (JJJJ-MM-DD).")],
    doel: Annotated[Optional[str], typer.Option("--doel", help="Doel uit het plan van aanpak, bijv. D1.")] = None,
    gemaakt: Annotated[Optional[str], typer.Option("--gemaakt", help="Datum waarop de afspraak is gemaakt (standaard vandaag).")] = None,
    no_commit: NoCommit = False,
) -> None:
    """Voeg een afspraak toe (volgende vrije id) en druk de id af."""
    from ..work.afspraken import add as do_add
    from ..clock import parse_iso_date

    outcome = do_add(
        context.root(), case, wat=wat, wie=wie, deadline=parse_iso_date(deadline, what="--deadline"),
        doel=doel, gemaakt=parse_iso_date(gemaakt, what="--gemaakt") if gemaakt else None,
        today=context.today(), commit=not no_commit,
    )
    console.echo(outcome.afspraak)
    _report(outcome, f"afspraak {outcome.afspraak} toegevoegd aan casus {case}")


@app.command("done")
def done(
    case: Case,
    afspraak: Id,
    datum: Annotated[Optional[str], typer.Option("--datum", help="Datum waarop het gedaan is (standaard vandaag).")] = None,
    no_commit: NoCommit = False,
) -> None:
    """Markeer een afspraak als gedaan."""
    from ..work.afspraken import done as do_done
    from ..clock import parse_iso_date

    outcome = do_done(context.root(), case, afspraak, today=context.today(),
                      datum=parse_iso_date(datum, what="--datum") if datum else None, commit=not no_commit)
    _report(outcome, f"afspraak {afspraak} van casus {case} gedaan")


@app.command("drop")
def drop(
    case: Case,
    afspraak: Id,
    reden: Annotated[str, typer.Option("--reden", help="Waarom de afspraak vervalt.")],
    datum: Annotated[Optional[str], typer.Option("--datum", help="Wanneer de afspraak verviel (standaard vandaag).")] = None,
    no_commit: NoCommit = False,
) -> None:
    """Laat een open afspraak vervallen, met de reden; de datum wordt vastgelegd (vervallen_op)."""
    from ..work.afspraken import drop as do_drop
    from ..clock import parse_iso_date

    outcome = do_drop(context.root(), case, afspraak, reden=reden, today=context.today(),
                      datum=parse_iso_date(datum, what="--datum") if datum else None, commit=not no_commit)
    _report(outcome, f"afspraak {afspraak} van casus {case} vervallen")


@app.command("move")
def move(
    case: Case,
    afspraak: Id,
    deadline: Annotated[str, typer.Option("--deadline", help="Nieuwe deadline (JJJJ-MM-DD).")],
    reden: Annotated[str, typer.Option("--reden", help="Waarom de deadline verschuift.")],
    no_commit: NoCommit = False,
) -> None:
    """Verschuif de deadline van een open afspraak; de oude deadline blijft bewaard."""
    from ..work.afspraken import move as do_move
    from ..clock import parse_iso_date

    outcome = do_move(context.root(), case, afspraak, deadline=parse_iso_date(deadline, what="--deadline"),
                      reden=reden, today=context.today(), commit=not no_commit)
    _report(outcome, f"deadline van afspraak {afspraak} in casus {case} verschoven")
