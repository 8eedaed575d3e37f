"""Leg een meting op de Zelfredzaamheid-Matrix vast over elk leefgebied van het netwerk (de eerste is de nulmeting).

Geef de scores als leefgebied=score (1 acute problematiek .. 5 volledig zelfredzaam, of nvt),
bijv. 'regie zrm 2026-001 financien=2 huisvesting=3 ...'. In een terminal vraagt regie naar
elk leefgebied dat nog geen score heeft; buiten een terminal moeten ze er allemaal zijn.
De leefgebieden komen uit regie.yaml.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from ..cli import console, context, params
from ..errors import UsageError
from ..work import zrm as core


def run(
    case: params.Case,
    scores: Annotated[Optional[list[str]], typer.Argument(help="Scores als leefgebied=score, bijv. financien=2 (of nvt).",
                                                          metavar="LEEFGEBIED=SCORE...", show_default=False)] = None,
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Datum van de meting (standaard vandaag).")] = None,
    no_commit: params.NoCommit = False,
) -> None:
    root = context.root()
    _, domains = core.domains(root, case)
    given = core.parse_scores(scores or [], domains)
    if console.interactive() and any(lg not in given for lg in domains):
        console.info(core.betekenis())
        for lg in domains:
            if lg not in given:
                given[lg] = _ask(lg)
    changed = core.record(root, case, given, datum=datum, today=context.today(), commit=not no_commit)
    console.report_change(changed)


def _ask(lg: str) -> int | None:
    while True:
        answer = console.ask(core.vraag(lg))
        try:
            return core.score_of(answer, lg)
        except UsageError as exc:
            console.warn(exc.message)
