"""De partnerorganisaties van het netwerk in regie.yaml: een organisatie toevoegen, of ze allemaal tonen.

Melders, professionals, toestemming, verstrekkingen en escalaties verwijzen naar een organisatie met
haar id; 'regie organisatie add' zet haar in regie.yaml zonder dat bestand met de hand te bewerken.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..cli import console, context, params
from ..work.cases import network
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
) -> None:
    """Toon de partnerorganisaties uit regie.yaml: id, naam en soort."""
    import json

    net = network(context.root())
    rows = [{"id": o.id, "naam": o.naam, "soort": o.soort} for o in net.organisaties]
    if fmt.value == "json":
        console.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max((len(o.id) for o in net.organisaties), default=0)
    console.echo("\n".join(f"{o.id:<{width}}  {o.naam}" + (f" ({o.soort})" if o.soort else "") for o in net.organisaties))
