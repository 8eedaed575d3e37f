"""Schrijf een agenda-feed (iCalendar): alle open deadlines, evaluaties en netwerkoverleggen, om op te abonneren.

Elke gebeurtenis houdt dezelfde UID (<casus>-<id>@<netwerk>); een verschoven deadline verhoogt
SEQUENCE, zodat de agenda de afspraak bijwerkt in plaats van een tweede te tonen. Wat gedaan,
vervallen of niet meer nodig is, blijft nog 90 dagen in de feed als geannuleerd.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import _common
from ..taal import aantal


def run(
    regisseur: Annotated[Optional[str], typer.Option("--regisseur", help="Alleen casussen van deze regisseur (regie.yaml).")] = None,
    out: Annotated[Optional[Path], typer.Option("-o", "--output", help="Schrijf naar dit bestand in plaats van stdout.")] = None,
    jobs: _common.Jobs = None,
) -> None:
    from ..views.calendar import CALENDAR, feed, to_ics

    got = _common.read_cases(CALENDAR, jobs=jobs)
    _common.check_regisseur(got.network, regisseur)
    today = _common.today()
    items = feed(got, _common.root(), today, regisseur=regisseur)
    _common.output(to_ics(items, today, got.network.naam, name=f" ({regisseur})" if regisseur else ""), out, exact=True)
    live = sum(1 for e in items if not e.geannuleerd)
    _common.info(f"{aantal(live, 'gebeurtenis')} in de agenda, {len(items) - live} geannuleerd")
