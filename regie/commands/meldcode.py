"""Leg een stap van de meldcode huiselijk geweld en kindermishandeling vast, met de afweging.

De vijf stappen: 1 signalen in kaart brengen, 2 collegiale consultatie en zo nodig Veilig Thuis
raadplegen (--veilig-thuis; wie is geraadpleegd, naar rol: --geraadpleegd aandachtsfunctionaris),
3 gesprek met de cliënt (of overgeslagen, met de reden: --overgeslagen veiligheid|geen-contact), 4 wegen met de vijf vragen van het
afwegingskader (--vermoeden, --onveilig, --zelf-hulp, --hulp-geaccepteerd, --duurzaam-veilig:
ja of nee), 5 beslissen (--besluit melden en/of hulp; bij melden --gemeld DATUM; bij hulp de datum
waarop vraag 5 beantwoord is, standaard termijnen.meldcode_vraag5 dagen later, of --vraag5-voor
DATUM). Een stap komt pas na de vorige. Of en wanneer het gezin is geïnformeerd leg je vast met --gezin-geinformeerd
DATUM, of waarom niet met --gezin-niet REDEN. Alles komt in casus.yaml, in één commit. Zolang het
gezin niet is geïnformeerd, staat de meldcode (en wat eruit volgt, zoals de overdracht aan Veilig
Thuis) in geen enkele inzage (regie export).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from ..cli import console, context, params
from ..errors import UsageError
from ..work.safety import record_meldcode

# How each question of the afwegingskader is asked on the command line.
OPTIONS = {
    "vermoeden": "--vermoeden", "onveilig": "--onveilig", "zelf_hulp": "--zelf-hulp",
    "hulp_geaccepteerd": "--hulp-geaccepteerd", "duurzaam_veilig": "--duurzaam-veilig",
}


def _yes_no(value: str, option: str) -> bool:
    answer = {"ja": True, "nee": False}.get(value.strip().lower())
    if answer is None:
        raise UsageError(f"{option} is ja of nee, niet '{value}'")
    return answer


def run(
    case: params.Case,
    stap: Annotated[Optional[int], typer.Option("--stap", help="De stap van de meldcode (1 tot en met 5).")] = None,
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Wanneer de stap is gezet (standaard vandaag).")] = None,
    wie: Annotated[Optional[str], params.betrokkene_option("--wie", help="Regisseur- of organisatie-id (standaard de regisseur van de casus).")] = None,
    toelichting: Annotated[Optional[str], typer.Option("--toelichting", help="Korte toelichting (geen namen).")] = None,
    veilig_thuis: Annotated[bool, typer.Option("--veilig-thuis", help="Stap 2: Veilig Thuis is om advies gevraagd.")] = False,
    geraadpleegd: Annotated[Optional[list[str]], typer.Option("--geraadpleegd", metavar="ROL", help="Stap 2: wie is geraadpleegd, naar rol, nooit een naam: aandachtsfunctionaris, veilig-thuis, collega, leidinggevende, jeugdarts of huisarts (herhaalbaar).")] = None,
    overgeslagen: Annotated[Optional[str], typer.Option("--overgeslagen", metavar="veiligheid|geen-contact", help="Stap 3 is niet gezet, met de reden: veiligheid (het gesprek brengt iemand in gevaar) of geen-contact (geen contact mogelijk).")] = None,
    vermoeden: Annotated[Optional[str], typer.Option("--vermoeden", metavar="ja|nee", help="Stap 4, vraag 1: is er een vermoeden van huiselijk geweld of kindermishandeling?")] = None,
    onveilig: Annotated[Optional[str], typer.Option("--onveilig", metavar="ja|nee", help="Stap 4, vraag 2: is er acute of structurele onveiligheid?")] = None,
    zelf_hulp: Annotated[Optional[str], typer.Option("--zelf-hulp", metavar="ja|nee", help="Stap 4, vraag 3: kan ik zelf passende hulp bieden of organiseren?")] = None,
    hulp_geaccepteerd: Annotated[Optional[str], typer.Option("--hulp-geaccepteerd", metavar="ja|nee", help="Stap 4, vraag 4: aanvaarden de betrokkenen de hulp?")] = None,
    duurzaam_veilig: Annotated[Optional[str], typer.Option("--duurzaam-veilig", metavar="ja|nee", help="Stap 4, vraag 5: leidt de hulp binnen de termijn tot duurzame veiligheid?")] = None,
    besluit: Annotated[Optional[list[str]], typer.Option("--besluit", metavar="melden|hulp", help="Stap 5: melden (bij Veilig Thuis) en/of hulp (herhaalbaar).")] = None,
    gemeld: Annotated[Optional[dt.date], params.date_option("--gemeld", help="Datum van de melding bij Veilig Thuis (stap 5, of stap 4 die op melden uitkomt).")] = None,
    vraag5_voor: Annotated[Optional[dt.date], params.date_option("--vraag5-voor", help="Stap 5 met besluit hulp: datum waarop vraag 5 (duurzame veiligheid) beantwoord is (standaard termijnen.meldcode_vraag5 dagen na het besluit).")] = None,
    gezin_geinformeerd: Annotated[Optional[dt.date], params.date_option("--gezin-geinformeerd", help="Datum waarop het gezin is geïnformeerd.")] = None,
    gezin_niet: Annotated[Optional[str], typer.Option("--gezin-niet", help="Waarom het gezin niet is geïnformeerd.")] = None,
    no_commit: Annotated[bool, params.no_commit_option("Wijzig, maar commit niet.")] = False,
) -> None:
    given = {"vermoeden": vermoeden, "onveilig": onveilig, "zelf_hulp": zelf_hulp,
             "hulp_geaccepteerd": hulp_geaccepteerd, "duurzaam_veilig": duurzaam_veilig}
    answers = {k: _yes_no(v, OPTIONS[k]) for k, v in given.items() if v is not None}

    done = record_meldcode(
        context.root(), case, today=context.today(), stap=stap, datum=datum, wie=wie,
        toelichting=toelichting, veilig_thuis=veilig_thuis, antwoorden=answers, besluit=besluit,
        gemeld=gemeld, gezin_geinformeerd=gezin_geinformeerd,
        gezin_niet=gezin_niet, overgeslagen=overgeslagen, geraadpleegd=geraadpleegd, vraag5_voor=vraag5_voor,
        commit=not no_commit,
    )
    console.report_change(done)
