"""Schrijf een agenda-feed (iCalendar): alle open deadlines, evaluaties en netwerkoverleggen, om op te abonneren.

Elke gebeurtenis houdt dezelfde UID (<casus>-<id>@<netwerk>); een verschoven deadline verhoogt
SEQUENCE, zodat de agenda de afspraak bijwerkt in plaats van een tweede te tonen. Wat gedaan,
vervallen of niet meer nodig is, blijft nog 90 dagen in de feed als geannuleerd.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

from ..cli import console, context, documents, params
from ..taal import aantal
from ..views.calendar import CALENDAR, feed, to_ics


def run(
    regisseur: Annotated[Optional[str], params.regisseur_option("--regisseur", help="Alleen casussen van deze regisseur (regie.yaml).")] = None,
    out: Annotated[Optional[Path], params.output_option("Schrijf naar dit bestand in plaats van stdout.")] = None,
    jobs: params.Jobs = None,
) -> None:
    got = context.read_cases(CALENDAR, jobs=jobs)
    context.check_regisseur(got.network, regisseur)
    today = context.today()
    items = feed(got, context.root(), today, regisseur=regisseur)
    documents.output(to_ics(items, today, got.network.naam, name=f" ({regisseur})" if regisseur else ""), out, exact=True)
    live = sum(1 for e in items if not e.geannuleerd)
    console.info(f"{aantal(live, 'gebeurtenis')} in de agenda, {len(items) - live} geannuleerd")
