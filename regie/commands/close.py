"""Sluit een casus: sluitingsdatum, reden en de datum tot wanneer het dossier bewaard moet worden.

Vraagt een eind-evaluatie (of --zonder-evaluatie, dan wordt de reden vastgelegd). Open
afspraken of escalaties houden de sluiting tegen, tenzij --force: dan vervallen de afspraken
en worden de escalaties afgesloten. Een meldcode met een besluit tot hulp waarvan vraag 5 (duurzame
veiligheid) nog niet is beantwoord, houdt de sluiting ook tegen, tenzij --vraag5-open REDEN (de
reden komt in de meldcode). --nazorg N houdt de casus eerst N weken in nazorg.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from ..cli import console, context, params
from ..work.closing import close


def run(
    case: params.Case,
    reden: Annotated[str, typer.Option("--reden", help="Reden van sluiting: een categorie uit sluitredenen in regie.yaml, bijv. doelen-bereikt.")],
    toelichting: Annotated[Optional[str], typer.Option("--toelichting", help="Toelichting bij de reden (komt niet in rapporten).")] = None,
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Sluitingsdatum (standaard vandaag).")] = None,
    zonder_evaluatie: Annotated[bool, typer.Option("--zonder-evaluatie", help="Sluit zonder eind-evaluatie (reden wordt vastgelegd).")] = False,
    force: Annotated[bool, typer.Option("--force", help="Sluit ook met open afspraken of escalaties.")] = False,
    vraag5_open: Annotated[Optional[str], typer.Option("--vraag5-open", metavar="REDEN", help="Sluit terwijl vraag 5 van de meldcode (duurzame veiligheid) nog niet is beantwoord; de reden wordt vastgelegd.")] = None,
    nazorg: Annotated[Optional[int], typer.Option("--nazorg", help="Eerst N weken nazorg, daarna sluiten.")] = None,
    no_commit: Annotated[bool, params.no_commit_option("Wijzig, maar commit niet.")] = False,
) -> None:
    done = close(context.root(), case, reden=reden, today=context.today(),
                 datum=datum,
                 zonder_evaluatie=zonder_evaluatie, force=force, nazorg_weken=nazorg, commit=not no_commit,
                 toelichting=toelichting, vraag5_open=vraag5_open)
    console.report_change(done, f"casus {case} gesloten" if nazorg is None else None)
