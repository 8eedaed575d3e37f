"""Het netwerk van een casus: een professional of naaste toevoegen, of iemands betrokkenheid beëindigen.

Elke wijziging bewaart opmerkingen en opmaak in netwerk.yaml, controleert de casus en commit
alleen dat bestand. Niemand wordt gewist: beëindigen legt 'tot' en 'reden' vast, zodat oude
afspraken blijven noemen wie ze deed.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from ..cli import console, context, params
from ..work.betrokkenen import add as do_add
from ..work.betrokkenen import drop as do_drop
from ..work.onderzoek import naaste_kwaliteit

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)



_report = console.report_change


@app.command("add")
def add(
    case: params.CaseEg,
    organisatie: Annotated[Optional[str], params.organisatie_option("--organisatie", help="Professional: organisatie-id uit regie.yaml.")] = None,
    rol: Annotated[Optional[str], typer.Option("--rol", help="Professional: de rol, bijv. 'ambulant begeleider'.")] = None,
    naaste: Annotated[bool, typer.Option("--naaste", help="Een naaste (familie, buren, vrienden) in plaats van een professional.")] = False,
    relatie: Annotated[Optional[str], typer.Option("--relatie", help="Naaste: de relatie, bijv. zus, buurman.")] = None,
    vip: Annotated[bool, typer.Option("--vip", help="Naaste: staat op de VIP-kaart van de cliënt.")] = False,
    steunend: Annotated[Optional[bool], typer.Option("--steunend/--niet-steunend", help="Naaste: steunend of niet.")] = None,
    betrokken: Annotated[bool, typer.Option("--betrokken", help="Naaste: heeft een rol in het plan van aanpak.")] = False,
    betrokkene_id: Annotated[Optional[str], typer.Option("--id", help="De id (standaard afgeleid van rol of relatie; geen naam).")] = None,
    no_commit: params.NoCommit = False,
    voorziening: Annotated[Optional[str], typer.Option("--voorziening", metavar="ID", help="Naaste: via deze informele voorziening van de sociale kaart, bijv. een maatje van het maatjesproject.")] = None,
) -> None:
    """Voeg een professional of naaste toe aan netwerk.yaml en druk de id af."""

    changed = do_add(context.root(), case, today=context.today(), organisatie=organisatie, rol=rol, naaste=naaste,
                     relatie=relatie, vip=vip, steunend=steunend, betrokken=betrokken, betrokkene_id=betrokkene_id,
                     commit=not no_commit, voorziening=voorziening)
    console.echo(str(changed.id))
    _report(changed, f"betrokkene {changed.id} toegevoegd aan casus {case}")


@app.command("drop")
def drop(
    case: params.CaseEg,
    betrokkene: Annotated[str, typer.Argument(help="Betrokkene-id uit netwerk.yaml.", show_default=False)],
    reden: Annotated[str, typer.Option("--reden", help="Waarom de betrokkenheid eindigt.")],
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Betrokken tot (standaard vandaag).")] = None,
    no_commit: params.NoCommit = False,
) -> None:
    """Beëindig de betrokkenheid van een professional of naaste (tot en reden worden vastgelegd)."""

    changed = do_drop(context.root(), case, betrokkene, reden=reden, today=context.today(),
                      datum=datum, commit=not no_commit)
    _report(changed, f"betrokkenheid van {betrokkene} in casus {case} beëindigd")


@app.command("kwaliteit")
def kwaliteit(
    case: params.CaseEg,
    naaste: Annotated[str, typer.Argument(help="Id van de naaste uit netwerk.yaml.", show_default=False)],
    oordeel: Annotated[str, typer.Argument(help="steunend, belastend of onveilig.", show_default=False)],
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Datum van het oordeel (standaard vandaag).")] = None,
    toelichting: Annotated[Optional[str], typer.Option("--toelichting", help="Waarop het oordeel berust.")] = None,
    no_commit: params.NoCommit = False,
) -> None:
    """Leg vast of een naaste steunend, belastend of onveilig is (met datum; eerdere oordelen blijven staan)."""

    changed = naaste_kwaliteit(context.root(), case, naaste, oordeel, datum=datum, toelichting=toelichting,
                               today=context.today(), commit=not no_commit)
    _report(changed, f"{naaste} in casus {case}: {oordeel}")
