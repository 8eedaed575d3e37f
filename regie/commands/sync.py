"""Deel je werk met het team: haal op, nummer botsende id's om, zet je commits bovenop de gedeelde versie, push.

Id's (casussen, signalen, afspraken, escalaties, evaluaties, notities) worden offline lokaal
uitgedeeld. Heeft een collega intussen dezelfde id gebruikt, dan krijgt jouw nieuwe casus of
afspraak de volgende vrije id: map, bestanden, verwijzingen en commitberichten. Commits die al
gedeeld zijn worden nooit herschreven. Elke omnummering wordt afgedrukt (2026-003 → 2026-005).
"""

from __future__ import annotations

from typing import Annotated

import typer

from ..cli import console, context
from ..taal import aantal
from ..work.sync import sync


def run(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Laat zien wat er zou gebeuren; verander niets (haalt wel op).")] = False,
) -> None:
    outcome = sync(context.root(), dry_run=dry_run)
    for r in outcome.renumbered:
        console.echo(r.describe())
    verb = "zou delen" if dry_run else "gedeeld"
    console.info(f"{outcome.remote}/{outcome.branch}: {aantal(outcome.pushed, 'commit')} {verb}, {outcome.fetched} binnengehaald"
                 + (f", {len(outcome.renumbered)} id('s) omgenummerd" if outcome.renumbered else ""))
