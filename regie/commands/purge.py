"""Vernietig een gesloten casus na de bewaartermijn: uit de werkmap én uit de hele git-geschiedenis.

Weigert zolang de termijn loopt, tenzij --voortijdig met een wettelijke grond (bijv. het recht
op vergetelheid, AVG art. 17). Vastgelegd in vernietigd.yaml, zonder persoonsgegevens. Begin met
--dry-run; andere clones en de server moeten daarna ook opgeschoond worden (regie zegt hoe).
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..cli import console, context, params
from ..store import gitops
from ..taal import aantal
from ..work.purge import AFTER, plan, purge


def run(
    case: params.Case,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Laat zien wat er vernietigd zou worden; verander niets.")] = False,
    voortijdig: Annotated[bool, typer.Option("--voortijdig", help="Vernietig vóór het einde van de bewaartermijn (met --reden).")] = False,
    reden: Annotated[Optional[str], typer.Option("--reden", help="Grond voor voortijdig vernietigen: recht-op-vergetelheid, onrechtmatig-verwerkt, bezwaar of anders.")] = None,
) -> None:
    root = context.root()
    today = context.today()
    if dry_run:
        would = plan(root, case, today, voortijdig=voortijdig, reden=reden)
        for path in would.paths:
            console.echo(path)
        console.info(f"zou casus {case} vernietigen: {aantal(len(would.paths), 'bestand')} uit {aantal(would.commits, 'commit')} "
                     "(niets veranderd; zonder --dry-run gebeurt het echt)")
        return
    p, done = purge(root, case, today, voortijdig=voortijdig, reden=reden)
    if p is None:
        console.info(f"casus {case} vernietigd: de afgebroken vernietiging is afgemaakt; vastgelegd in vernietigd.yaml")
    else:
        console.info(f"casus {case} vernietigd: {aantal(len(p.paths), 'bestand')} uit {aantal(p.commits, 'commit')} verwijderd; "
                     "vastgelegd in vernietigd.yaml")
    if done.removed:
        console.info("ook weg: " + "; ".join(done.removed))

    branch = gitops.current_branch(root) or "main"
    remote = (gitops.run(root, "remote").stdout.split() or ["origin"])[0]
    console.info(AFTER.format(remote=remote, branch=branch))
