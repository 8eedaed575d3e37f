"""Toon gesloten casussen waarvan de bewaartermijn voorbij is (werkproces 5c), of die geen bewaardatum hebben."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..cli import console, context, documents, params
from ..limits import MAX_RETENTION_WITHIN_DAYS, check_range
from ..taal import aantal
from ..views.retention import RETENTION, retention


def run(
    within: Annotated[Optional[int], typer.Option("--within", metavar="DAGEN", help="Ook wat in de komende N dagen verloopt.")] = None,
    fmt: Annotated[params.DataFormat, params.format_option("text of json.")] = params.DataFormat.text,
    out: params.Output = None,
    jobs: params.Jobs = None,
) -> None:
    if within is not None:
        check_range(within, "--within", 0, MAX_RETENTION_WITHIN_DAYS, "dagen")

    rows = retention(context.read_cases(RETENTION, jobs=jobs), within=within)
    with documents.writing(out):
        _rows(rows, fmt)
    console.info(f"{aantal(len(rows), 'casus')}")


def _rows(rows, fmt) -> None:
    if fmt is params.DataFormat.json:
        console.echo_json([{"casus": r.casus, "gesloten": r.gesloten.isoformat() if r.gesloten else None,
                            "bewaren_tot": r.bewaren_tot.isoformat() if r.bewaren_tot else None,
                            "dagen_over": r.dagen_over, "categorie": r.categorie, "jaren": r.jaren, "bron": r.bron}
                           for r in rows])
    else:
        for r in rows:
            term = f"  [{r.categorie}, {r.jaren} jaar: {r.bron}]"
            if r.bewaren_tot is None:
                console.echo(f"{r.casus}  gesloten {r.gesloten.isoformat() if r.gesloten else '?'}  geen bewaardatum vastgelegd{term}")
            elif r.dagen_over and r.dagen_over > 0:
                console.echo(f"{r.casus}  bewaren tot {r.bewaren_tot.isoformat()}  termijn {r.dagen_over} dagen voorbij: vernietigen of motiveren{term}")
            else:
                console.echo(f"{r.casus}  bewaren tot {r.bewaren_tot.isoformat()}  verloopt over {-(r.dagen_over or 0)} dagen{term}")
