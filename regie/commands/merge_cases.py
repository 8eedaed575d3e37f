"""Voeg twee casussen van één huishouden samen (één gezin, één plan, één regisseur).

De tweede casus gaat op in de eerste: open afspraken (nieuwe id's, met herkomst), betrokkenen,
journaal en leden van het huishouden gaan mee; de tweede casus wordt gesloten als samengevoegd.
Alles in één commit.
"""

from __future__ import annotations

from typing import Annotated

from ..cli import console, context, params
from ..work.merge import merge_cases


def run(
    keep: Annotated[str, params.case_argument("De casus die blijft.", metavar="KEEP")],
    fold: Annotated[str, params.case_argument("De casus die erin opgaat en gesloten wordt.", metavar="FOLD")],
    no_commit: Annotated[bool, params.no_commit_option("Wijzig, maar commit niet.")] = False,
) -> None:
    done = merge_cases(context.root(), keep, fold, today=context.today(), commit=not no_commit)
    console.report_change(done)
    console.info(f"casus {fold} samengevoegd met casus {keep} en gesloten")
