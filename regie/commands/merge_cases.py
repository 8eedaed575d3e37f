"""Voeg twee casussen van één huishouden samen (één gezin, één plan, één regisseur; seed 002).

De tweede casus gaat op in de eerste: open afspraken (nieuwe id's, met herkomst), betrokkenen,
journaal en leden van het huishouden gaan mee; de tweede casus wordt gesloten als samengevoegd.
Alles in één commit.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ..cli import console, context


def run(
    keep: Annotated[str, typer.Argument(help="De casus die blijft.", show_default=False)],
    fold: Annotated[str, typer.Argument(help="De casus die erin opgaat en gesloten wordt.", show_default=False)],
    no_commit: Annotated[bool, typer.Option("--no-commit", help="Wijzig, maar commit niet.")] = False,
) -> None:
    from ..work.merge import merge_cases

    done = merge_cases(context.root(), keep, fold, today=context.today(), commit=not no_commit)
    for p in done.problems:
        console.info(p.format())
    for old, new in done.afspraken.items():
        console.info(f"afspraak {fold} {old} -> {keep} {new}")
    for old, new in done.betrokkenen.items():
        if old != new:
            console.info(f"betrokkene {old} heet in casus {keep} {new}")
    for old, new in done.journaal.items():
        console.info(f"journaal {old} -> {keep}/journaal/{new}")
    console.info(f"casus {fold} samengevoegd met casus {keep} en gesloten")
