"""Eerdere en huidige hulp van de cliënt (de onderzoekende rol): vastleggen, beëindigen, tonen.

Welke organisatie hielp, van wanneer tot wanneer, en met welk resultaat. Het staat in
casus.yaml (hulp); elke wijziging bewaart opmerkingen en opmaak, controleert de casus en
commit alleen dat bestand.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from ..cli import console, context, params
from ..dossier.loader import load_case
from ..layout import CASE_FILE
from ..work.onderzoek import hulp_add, hulp_end

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)


@app.command("add")
def add(
    case: params.CaseEg,
    organisatie: Annotated[str, typer.Option("--organisatie", help="Organisatie-id uit regie.yaml, of de naam van een organisatie buiten het netwerk.")],
    van: Annotated[dt.date, params.date_option("--van", help="Begin van de hulp.")],
    tot: Annotated[Optional[dt.date], params.date_option("--tot", help="Einde van de hulp (weglaten: loopt nog).")] = None,
    wat: Annotated[Optional[str], typer.Option("--wat", help="Welke hulp, bijv. 'budgetbeheer'.")] = None,
    resultaat: Annotated[Optional[str], typer.Option("--resultaat", help="Wat de hulp opleverde, of waarom ze stopte.")] = None,
    no_commit: params.NoCommit = False,
) -> None:
    """Leg hulp vast die de cliënt had of heeft en druk de id af (H1, H2, ...)."""

    changed = hulp_add(context.root(), case, organisatie=organisatie, van=van, tot=tot, wat=wat, resultaat=resultaat,
                       today=context.today(), commit=not no_commit)
    console.echo(str(changed.id))
    console.report_change(changed, f"hulp {changed.id} vastgelegd in casus {case}")


@app.command("end")
def end(
    case: params.CaseEg,
    hulp: Annotated[str, typer.Argument(help="Hulp-id, bijv. H2.", show_default=False)],
    tot: Annotated[Optional[dt.date], params.date_option("--tot", help="Einde van de hulp (standaard vandaag).")] = None,
    resultaat: Annotated[Optional[str], typer.Option("--resultaat", help="Wat de hulp opleverde, of waarom ze stopte.")] = None,
    no_commit: params.NoCommit = False,
) -> None:
    """Beëindig hulp die nog liep, met het resultaat."""

    changed = hulp_end(context.root(), case, hulp, tot=tot, resultaat=resultaat, today=context.today(), commit=not no_commit)
    console.report_change(changed, f"hulp {hulp} van casus {case} beëindigd")


@app.command("list")
def list_(case: params.CaseEg) -> None:
    """Toon de eerdere en huidige hulp van een casus."""

    net, c, _ = load_case(context.root(), case, needs=(CASE_FILE,))
    names = net.organisatie_namen()
    lines = [f"{h.id}  {names.get(h.organisatie, h.organisatie)}{f' ({h.wat})' if h.wat else ''}  {h.van.isoformat()} – "
             f"{h.tot.isoformat() if h.tot else 'loopt nog'}{f'  {h.resultaat}' if h.resultaat else ''}" for h in c.casus.hulp]
    console.echo("\n".join(lines) if lines else "geen hulp vastgelegd")
