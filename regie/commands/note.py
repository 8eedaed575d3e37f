"""Voeg een gedateerde notitie toe aan het journaal van een casus: consultatie (kerntaak 3),
netwerkbijeenkomst, huisbezoek of overleg. Netwerkbijeenkomsten tellen mee voor de CTI-norm.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from . import _common


def run(
    case: Annotated[str, typer.Argument(help="Casus-id.", show_default=False)],
    soort: Annotated[str, typer.Option("--soort", help="consultatie, netwerkbijeenkomst, huisbezoek of overleg.")],
    datum: Annotated[Optional[str], typer.Option("--datum", help="Datum (standaard vandaag).")] = None,
    tekst: Annotated[Optional[str], typer.Option("--tekst", help="De notitie; zonder --tekst opent in een terminal $EDITOR.")] = None,
    aanwezig: Annotated[Optional[list[str]], typer.Option("--aanwezig", help="Betrokkene-id (herhaalbaar).")] = None,
    no_commit: Annotated[bool, typer.Option("--no-commit", help="Schrijf, maar commit niet.")] = False,
) -> None:
    from ..clock import parse_iso_date
    from ..work.notes import add_note

    root = _common.root()
    path, problems = add_note(
        root, case, soort=soort, today=_common.today(), datum=parse_iso_date(datum, what="--datum") if datum else None,
        tekst=tekst, aanwezig=aanwezig, edit=_common.edit_file if (tekst is None and _common.interactive()) else None,
        commit=not no_commit,
    )
    for p in problems:
        _common.info(p.format())
    _common.echo(path.relative_to(root).as_posix())
