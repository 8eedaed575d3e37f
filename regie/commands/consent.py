"""Leg een wijziging van de toestemming vast: gegeven (voor welke partners en gegevens, met het formulier),
geweigerd, ingetrokken of (nog) niet gevraagd (met de afweging en de wettelijke grondslag om toch samen te werken).
Met --lid LID: de toestemming voor dat lid van het huishouden, met wie haar gaf (--door) en waarvoor
(--voor hulp of delen); wie nodig is volgt uit de leeftijdsregels (toestemmingsregels in regie.yaml).

Elke wijziging komt onderaan toestemming.historie in casus.yaml en wordt de huidige toestemming;
een eerdere wijziging wordt nooit aangepast. Eén commit, zonder persoonsgegevens in het bericht.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from ..cli import console, context, params
from ..errors import UsageError
from ..work.consent import record_consent
from ..work.jeugd import record_member_consent


def run(
    case: params.Case,
    status: Annotated[str, typer.Option("--status", metavar="gegeven|geweigerd|ingetrokken|niet-gevraagd", help="De nieuwe stand van de toestemming (niet-gevraagd: nog niet gevraagd, met de afweging en grondslag om toch samen te werken).")],
    partner: Annotated[Optional[list[str]], typer.Option("--partner", "--partners", help="Gegeven: organisatie-id waarvoor de toestemming geldt (herhaalbaar; zonder: alle partners).")] = None,
    gegevens: Annotated[Optional[list[str]], params.leefgebied_option("--gegevens", help="Gegeven: leefgebied waarover gegevens gedeeld mogen worden (zoals in het plan: huisvesting, financien), of veiligheid, identiteit, gezondheid-detail (herhaalbaar; zonder: alle leefgebieden).")] = None,
    formulier: Annotated[Optional[str], typer.Option("--formulier", help="Kenmerk van het getekende formulier.")] = None,
    afweging: Annotated[Optional[str], typer.Option("--afweging", help="Geweigerd, ingetrokken of niet-gevraagd: waarom toch wordt samengewerkt.")] = None,
    grondslag: Annotated[Optional[str], typer.Option("--grondslag", help="Met --afweging: wettelijke-plicht, vitaal-belang, publieke-taak of gerechtvaardigd-belang.")] = None,
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Datum van de wijziging (standaard vandaag).")] = None,
    lid: Annotated[Optional[str], typer.Option("--lid", metavar="LID", help="De toestemming voor dit lid van het huishouden, bijv. L3.")] = None,
    door: Annotated[Optional[list[str]], typer.Option("--door", help="Met --lid: wie de toestemming gaf: een lid (bijv. L1), client of de organisatie met het gezag (herhaalbaar).")] = None,
    voor: Annotated[Optional[list[str]], typer.Option("--voor", metavar="hulp|delen", help="Met --lid: toestemming voor hulp, voor het delen van gegevens, of (zonder) allebei.")] = None,
    no_commit: Annotated[bool, params.no_commit_option("Wijzig, maar commit niet.")] = False,
) -> None:
    if lid is not None:
        if partner or gegevens or formulier or afweging or grondslag:
            raise UsageError("met --lid gelden --status, --door, --voor en --datum; partners, gegevens, formulier en "
                             "afweging horen bij de toestemming van de casus")
        console.report_change(record_member_consent(context.root(), case, lid, status=status, today=context.today(),
                                                    door=door, voor=voor, datum=datum, commit=not no_commit))
        return
    if door or voor:
        raise UsageError("--door en --voor horen bij de toestemming voor een lid: geef ook --lid")
    change = record_consent(
        context.root(), case, status=status, today=context.today(), datum=datum,
        partners=partner, gegevens=gegevens, formulier=formulier, afweging=afweging, grondslag=grondslag, commit=not no_commit,
    )
    console.report_change(change)
