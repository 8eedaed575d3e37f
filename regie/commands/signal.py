"""Beleidssignalen (werkproces 2d): knelpunten die het netwerk wil omzetten in beleidsadvies.

Elk signaal is een bestand signalen/S<n>.yaml; het kwartaalrapport bundelt ze.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..cli import console, context, documents, params
from ..taal import aantal
from ..views.advies import advice_data, render_advice
from ..work.signals import add_signal, advice_question, find_signal, list_signals, record_advice, set_status

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)


@app.command("add")
def add(
    over: Annotated[str, typer.Option("--over", help="Waar het knelpunt over gaat.")],
    aard: Annotated[str, typer.Option("--aard", help="Soort knelpunt, bijv. capaciteit, toegang, samenwerking, regelgeving.")],
    case: Annotated[Optional[list[str]], params.case_option("--case", help="Casus waarin het speelt (herhaalbaar).")] = None,
    organisatie: Annotated[Optional[str], params.organisatie_option("--organisatie", help="Organisatie-id waar het knelpunt ligt.")] = None,
    toelichting: Annotated[Optional[str], typer.Option("--toelichting", help="Toelichting (geen persoonsgegevens).")] = None,
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Datum (standaard vandaag).")] = None,
    no_commit: Annotated[bool, params.no_commit_option("Schrijf, maar commit niet.")] = False,
    consultatie: Annotated[Optional[list[str]], typer.Option("--consultatie", metavar="ID", help="Consultatie achter het signaal (herhaalbaar), bijv. de journaalnotitie 2026-11-03-1.")] = None,
) -> None:
    """Leg een beleidssignaal vast en druk de id af."""

    change = add_signal(context.root(), over=over, aard=aard, cases=case, organisatie=organisatie, toelichting=toelichting,
                        datum=datum, today=context.today(), commit=not no_commit, consultaties=consultatie)
    console.report_change(change)
    console.echo(str(change.id))


@app.command("list")
def list_(
    status: Annotated[Optional[str], typer.Option("--status", help="open, ingebracht, beantwoord of gesloten.")] = None,
    fmt: Annotated[params.DataFormat, params.format_option("text of json.")] = params.DataFormat.text,
    out: params.Output = None,
) -> None:
    """Toon de beleidssignalen."""

    signals, problems = list_signals(context.root(), status)
    for p in problems:
        console.warn(f"overgeslagen: {p.format()}")
    with documents.writing(out):
        _signals(signals, fmt)


def _signals(signals, fmt) -> None:
    if fmt is params.DataFormat.json:
        console.echo_json([{"id": s.id, "datum": s.datum.isoformat(), "over": s.over, "aard": s.aard, "status": s.status,
                           "organisatie": s.organisatie, "casussen": list(s.casussen)} for s in signals])
        return
    for s in signals:
        console.echo(f"{s.id}  {s.datum.isoformat()}  {s.status:<11} {s.aard}: {s.over}"
                   + (f" ({aantal(len(s.casussen), 'casus')})" if s.casussen else ""))


@app.command("status")
def status_(
    signaal: Annotated[str, typer.Argument(help="Signaal-id, bijv. S3.", show_default=False)],
    status: Annotated[str, typer.Option("--status", metavar="ingebracht|beantwoord|gesloten", help="De nieuwe status.")],
    toelichting: Annotated[Optional[str], typer.Option("--toelichting", help="Toelichting (geen persoonsgegevens), bijv. waar het is ingebracht.")] = None,
    antwoord: Annotated[Optional[str], typer.Option("--antwoord", help="Bij beantwoord: het antwoord van de gemeente of stuurgroep.")] = None,
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Datum (standaard vandaag).")] = None,
    no_commit: Annotated[bool, params.no_commit_option("Wijzig, maar commit niet.")] = False,
) -> None:
    """Zet een beleidssignaal een stap verder: ingebracht, beantwoord (met het antwoord), gesloten."""

    change = set_status(context.root(), signaal, status=status, toelichting=toelichting, antwoord=antwoord,
                        datum=datum, today=context.today(), commit=not no_commit)
    console.report_change(change)


class Aan(str, Enum):
    gemeente = "gemeente"
    stuurgroep = "stuurgroep"
    ketenpartners = "ketenpartners"


class AdviceFormat(str, Enum):
    md = "md"
    html = "html"
    pdf = "pdf"


@app.command("advies")
def advies(
    signaal: Annotated[str, typer.Argument(help="Signaal-id, bijv. S3.", show_default=False)],
    aan: Annotated[Aan, typer.Option("--aan", help="Voor wie: gemeente, stuurgroep of ketenpartners.")] = Aan.gemeente,
    vraag: Annotated[Optional[str], typer.Option("--vraag", help="Wat het netwerk vraagt (standaard de vraag van het vorige advies).")] = None,
    fmt: Annotated[AdviceFormat, params.format_option("md, html of pdf (pdf met -o BESTAND).")] = AdviceFormat.md,
    out: Annotated[Optional[Path], params.output_option("Schrijf naar dit bestand in plaats van stdout.")] = None,
    no_commit: Annotated[bool, params.no_commit_option("Leg het advies vast op het signaal, maar commit niet.")] = False,
) -> None:
    """Maak een beleidsadvies van een signaal (werkproces 2d) voor gemeente of stuurgroep, zonder casusnummers en met afgeschermde kleine aantallen; het advies wordt op het signaal vastgelegd."""

    root, today = context.root(), context.today()
    signal = find_signal(root, signaal)
    question = advice_question(signal, vraag)
    data = advice_data(root, signal, aan=aan.value, vraag=question, today=today)
    if fmt is AdviceFormat.pdf:
        documents.write_pdf(render_advice(data, "html", root), out)
    else:
        documents.output(render_advice(data, fmt.value, root), out)
    console.report_change(record_advice(root, signaal, aan=aan.value, vraag=question, today=today, commit=not no_commit))
