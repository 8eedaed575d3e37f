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
from ..errors import UsageError
from ..work import zrm
from ..work.evaluation import evaluate


def run(
    case: params.Case,
    soort: Annotated[str, typer.Option("--soort", help="tussentijds, eind of nazorg.")] = "tussentijds",
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Datum van de evaluatie (standaard vandaag).")] = None,
    no_edit: Annotated[bool, typer.Option("--no-edit", help="Open geen editor.")] = False,
    score: Annotated[Optional[list[str]], typer.Option("--score", metavar="LEEFGEBIED=SCORE",
                                                       help="Score op de Zelfredzaamheid-Matrix, bijv. financien=3 (1-5 of nvt); herhaalbaar.")] = None,
    eigen_woorden: Annotated[Optional[str], typer.Option("--eigen-woorden", help="De evaluatie in de woorden van de cliënt.")] = None,
    no_commit: Annotated[bool, params.no_commit_option("Schrijf, maar commit niet.")] = False,
) -> None:
    root = context.root()
    _, domains = zrm.domains(root, case, "evalueren")
    scores = zrm.parse_scores(score or [], domains)
    if console.interactive() and any(lg not in scores for lg in domains):
        console.info(zrm.betekenis() + " (leeg: later invullen)")
        for lg in domains:
            if lg not in scores:
                answer = _ask(lg)
                if not isinstance(answer, str):
                    scores[lg] = answer
    done = evaluate(
        root, case, today=context.today(), soort=soort, datum=datum,
        edit=console.edit_file if (console.interactive() and not no_edit) else None, commit=not no_commit,
        scores=scores, eigen_woorden=eigen_woorden,
    )
    console.echo(done.paths[0].relative_to(root).as_posix())
    console.report_change(done, "evaluatie aangemaakt" + (" (niet gecommit)" if no_commit else " en gecommit"))


def _ask(lg: str) -> int | None | str:
    """A score for one domain: 1-5, None (nvt), or "" (left for later)."""
    while True:
        answer = console.ask_optional(zrm.vraag(lg))
        if not answer:
            return ""
        try:
            return zrm.score_of(answer, lg)
        except UsageError as exc:
            console.warn(exc.message)
