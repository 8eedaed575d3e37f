"""Consultaties (kerntaak 3, werkprocessen 3a-3d): een hulpverlener die vastloopt, consultatief ter zijde gestaan.

In een casus of, zonder casus-id, voor het netwerk. Leg vast wie vroeg (rol en organisatie, nooit een
naam), de vraag zoals gesteld en verhelderd (3a), de visie van de consultvrager en wat is
geëxpliciteerd of gerelativeerd (3b), de lacunes in kennis, vaardigheden of houding (3c), de
consultatievraag en het advies met de vermeldingen van de sociale kaart waar het naar wijst (3d), en
een vervolgdatum: overdue en calendar tonen het vervolg tot 'regie consult vervolg' het afvinkt.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from ..cli import console, context, documents, params
from ..work.consults import ConsultInput, add_consult, consults_of, followup_done

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)

_CASE_HELP = "Casus-id; zonder casus-id een consultatie voor het netwerk (buiten één casus)."


@app.command("add")
def add(
    rol: Annotated[str, typer.Option("--rol", help="Rol van de consultvrager, bijv. wijkverpleegkundige (nooit een naam).")],
    organisatie: Annotated[str, params.organisatie_option("--organisatie", help="Organisatie van de consultvrager: id uit regie.yaml of van de sociale kaart.")],
    vraagsoort: Annotated[str, typer.Option("--vraagsoort", help="Soort vraag: werkprobleem, sociale-kaart, materieel, immaterieel of regels-en-richtlijnen.")],
    gesteld: Annotated[str, typer.Option("--vraag", help="3a: de vraag zoals de consultvrager die stelde.")],
    case: Annotated[Optional[str], params.case_argument(_CASE_HELP)] = None,
    verhelderd: Annotated[Optional[str], typer.Option("--verhelderd", help="3a: de vraag na verheldering.")] = None,
    aanleiding: Annotated[Optional[str], typer.Option("--aanleiding", help="gevraagd of ongevraagd.")] = None,
    standpunt: Annotated[Optional[str], typer.Option("--visie", help="3b: de visie van de consultvrager op de feiten.")] = None,
    geexpliciteerd: Annotated[Optional[str], typer.Option("--geexpliciteerd", help="3b: emoties, normen en overtuigingen die expliciet zijn gemaakt.")] = None,
    gerelativeerd: Annotated[Optional[str], typer.Option("--gerelativeerd", help="3b: wat is gerelativeerd.")] = None,
    lacune: Annotated[Optional[list[str]], typer.Option("--lacune", help="3c: kennis, vaardigheden of houding (herhaalbaar).")] = None,
    lacunes_toelichting: Annotated[Optional[str], typer.Option("--lacunes-toelichting", help="3c: welke lacunes, in woorden.")] = None,
    consultvraag: Annotated[Optional[str], typer.Option("--consultvraag", help="3d: de adviesvraag omgezet in een consultatievraag.")] = None,
    advies: Annotated[Optional[str], typer.Option("--advies", help="3d: het advies.")] = None,
    kaart: Annotated[Optional[list[str]], typer.Option("--kaart", help="3d: id op de sociale kaart waar het advies naar wijst (herhaalbaar).")] = None,
    vervolg: Annotated[Optional[dt.date], params.date_option("--vervolg", help="Wanneer je terugkomt op de consultatie.")] = None,
    regisseur: Annotated[Optional[str], params.regisseur_option("--regisseur", help="De regisseur die de consultatie gaf.")] = None,
    tekst: Annotated[Optional[str], typer.Option("--tekst", help="Verslag in woorden (geen persoonsgegevens).")] = None,
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Datum (standaard vandaag).")] = None,
    no_commit: Annotated[bool, params.no_commit_option("Schrijf, maar commit niet.")] = False,
) -> None:
    """Leg een consultatie vast en druk de id af."""
    entry = ConsultInput(rol=rol, organisatie=organisatie, vraagsoort=vraagsoort, gesteld=gesteld, verhelderd=verhelderd,
                         standpunt=standpunt, geexpliciteerd=geexpliciteerd, gerelativeerd=gerelativeerd,
                         lacunes=tuple(dict.fromkeys(lacune or [])), lacunes_toelichting=lacunes_toelichting,
                         consultvraag=consultvraag, advies=advies, kaart=tuple(dict.fromkeys(kaart or [])),
                         vervolg=vervolg, aanleiding=aanleiding, regisseur=regisseur, tekst=tekst)
    change = add_consult(context.root(), case, entry, today=context.today(), datum=datum, commit=not no_commit)
    console.report_change(change)
    console.echo(str(change.id))


@app.command("vervolg")
def vervolg_(
    consult: Annotated[str, typer.Argument(help="Consultatie-id, bijv. 2026-11-03-1.", show_default=False)],
    case: Annotated[Optional[str], params.case_option("--case", help="De casus van de consultatie (zonder: van het netwerk).")] = None,
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Wanneer het vervolg gedaan is (standaard vandaag).")] = None,
    no_commit: Annotated[bool, params.no_commit_option("Wijzig, maar commit niet.")] = False,
) -> None:
    """Vink het vervolg van een consultatie af: het verdwijnt uit overdue en de agenda."""

    change = followup_done(context.root(), case, consult, today=context.today(), datum=datum, commit=not no_commit)
    console.report_change(change)


@app.command("list")
def list_(
    case: Annotated[Optional[str], params.case_option("--case", help="De consultaties van deze casus (zonder: die van het netwerk).")] = None,
    fmt: Annotated[params.DataFormat, params.format_option("text of json.")] = params.DataFormat.text,
    out: params.Output = None,
) -> None:
    """Toon de consultaties van het netwerk of van een casus, met hun vervolg."""

    found = consults_of(context.root(), case)
    with documents.writing(out):
        if fmt is params.DataFormat.json:
            console.echo_json([{"id": c.id, "datum": c.datum.isoformat(), "casus": c.casus, "rol": c.rol,
                                "organisatie": c.organisatie, "vraagsoort": c.vraagsoort, "lacunes": list(c.lacunes),
                                "kaart": list(c.kaart), "vervolg": c.vervolg.isoformat() if c.vervolg else None,
                                "vervolg_gedaan": c.vervolg_gedaan.isoformat() if c.vervolg_gedaan else None}
                               for c in found])
            return
        for c in found:
            follow = (f"  vervolg {c.vervolg.isoformat()}" + (" (gedaan)" if c.vervolg_gedaan else "")) if c.vervolg else ""
            console.echo(f"{c.id}  {c.vraagsoort:<21} {c.rol}, {c.organisatie}{follow}")
