"""De organisaties van het netwerk (werkproces 6d): het netwerkregister met contactrol, escalatierol en laatste netwerkoverleg.

regie.yaml houdt de organisaties (met netwerkcontact en, zo nodig, laatste_overleg); de sociale
kaart het escalatiecontact; overleggen/ wanneer het netwerk een partner sprak.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ..cli import console, context, documents, params
from ..views.network_register import register

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)


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
