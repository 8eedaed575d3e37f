"""Deel je werk met het team: haal op, nummer botsende id's om, zet je commits bovenop de gedeelde versie, push.

Id's (casussen, signalen, afspraken, escalaties, evaluaties, notities) worden offline lokaal
uitgedeeld. Heeft een collega intussen dezelfde id gebruikt, dan krijgt jouw nieuwe casus of
afspraak de volgende vrije id: map, bestanden, verwijzingen en commitberichten. Commits die al
gedeeld zijn worden nooit herschreven. Elke omnummering wordt afgedrukt (2026-003 → 2026-005).

Een echt conflict (hetzelfde veld van hetzelfde record aan beide kanten anders) stopt de sync: je
ziet beide versies naast elkaar, bewerkt het bestand, en gaat verder met 'regie sync --verder', of
zet alles terug met 'regie sync --afbreken'. Wat fouten heeft, wordt niet gedeeld.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ..cli import console, context
from ..errors import UsageError
from ..taal import aantal
from ..work.sync import abort_sync, continue_sync, sync


def run(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Laat zien wat er zou gebeuren; verander niets (haalt wel op).")] = False,
    verder: Annotated[bool, typer.Option("--verder", help="Ga verder na het oplossen van een conflict: rond af, controleer en deel.")] = False,
    afbreken: Annotated[bool, typer.Option("--afbreken", help="Zet alles terug zoals het was voor de sync die op een conflict stopte.")] = False,
) -> None:
    if sum((dry_run, verder, afbreken)) > 1:
        raise UsageError("kies één van --dry-run, --verder en --afbreken")
    if afbreken:
        original = abort_sync(context.root())
        console.info(f"teruggezet: alles staat weer zoals voor de sync (commit {original[:12]}); er is niets gedeeld")
        return
    outcome = continue_sync(context.root()) if verder else sync(context.root(), dry_run=dry_run)
    for r in outcome.renumbered:
        console.echo(r.describe())
    for cid in outcome.vernietigd:
        where = "deze clone en de gedeelde repository" if outcome.erased and outcome.erased.replaces_remote else "deze clone"
        would = "zou uit de gedeelde repository gehaald worden" if cid in outcome.elders else "zou uit deze clone gehaald worden"
        console.echo(f"casus {cid} is vernietigd: " + (would if dry_run else f"weg uit {where}"))
    for marked in outcome.weggelaten:
        commit, _, only = marked.rpartition("\t")
        console.echo(f"niet gedeeld voor de vernietigde casus: {commit} "
                     + ("(deze commit raakte alleen die casus en valt weg)" if only == "alleen"
                        else "(alleen wat deze commit aan andere bestanden veranderde, gaat mee)"))
    shared = (f"zou {aantal(outcome.pushed, 'commit')} delen" if dry_run
              else f"{aantal(outcome.pushed, 'commit')} gedeeld")
    console.info(f"{outcome.remote}/{outcome.branch}: {shared}, {outcome.fetched} binnengehaald"
                 + (f", {len(outcome.renumbered)} id('s) omgenummerd" if outcome.renumbered else ""))
