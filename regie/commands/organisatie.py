"""De organisaties van het netwerk (werkproces 6d): toevoegen, en het netwerkregister met contactrol, escalatierol en laatste netwerkoverleg.

regie.yaml houdt de organisaties (met netwerkcontact en, zo nodig, laatste_overleg); de sociale
kaart het escalatiecontact; overleggen/ wanneer het netwerk een partner sprak. Melders,
professionals, toestemming, verstrekkingen en escalaties verwijzen naar een organisatie met haar
id; 'regie organisatie add' zet haar in regie.yaml zonder dat bestand met de hand te bewerken.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..cli import console, context, documents, params
from ..views.network_register import register
from ..work.organisaties import add as do_add

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)


@app.command("add")
def add(
    organisatie: Annotated[str, typer.Argument(help="Korte id van de organisatie (kleine letters, cijfers, '-').",
                                               metavar="ID", show_default=False)],
    naam: Annotated[str, typer.Option("--naam", help="Naam van de organisatie.")],
    soort: Annotated[Optional[str], typer.Option("--soort", help="Soort organisatie, bijv. woningcorporatie, ggz, wijkteam.")] = None,
    no_commit: params.NoCommit = False,
) -> None:
    """Voeg een partnerorganisatie toe aan regie.yaml en commit dat."""
    change = do_add(context.root(), organisatie, naam=naam, soort=soort, today=context.today(), commit=not no_commit)
    console.report_change(change, f"organisatie {organisatie} toegevoegd")


@app.command("list")
def list_(
    fmt: Annotated[params.DataFormat, params.format_option("text of json.")] = params.DataFormat.text,
    out: params.Output = None,
) -> None:
    """Toon het netwerkregister: per organisatie contactrol, escalatierol en laatste netwerkoverleg; waarschuw voor partners die te lang niet gesproken zijn."""

    data, warnings = register(context.root(), context.today())
    for warning in warnings:
        console.warn(warning)
    with documents.writing(out):
        _register(data, fmt)


def _register(data: dict, fmt: params.DataFormat) -> None:
    if fmt is params.DataFormat.json:
        console.echo_json(data)
        return
    for row in data["organisaties"]:
        last = f"{row['laatste_overleg']} ({row['bron']})" if row["laatste_overleg"] else "nooit"
        mark = "" if row["binnen_termijn"] else "  !"
        console.echo(f"{row['id']:<22} {row['naam']}{mark}\n"
                     f"{'':<22} netwerkcontact: {row['netwerkcontact'] or '-'}; escalatie: {row['escalatie'] or '-'}; "
                     f"laatste overleg: {last}")
