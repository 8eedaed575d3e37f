"""Toon alle casussen in een tabel: status, regisseur, urgentie, leefgebieden, volgende deadline, aantal te laat."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from . import _common
from ..taal import aantal


def run(
    status: Annotated[Optional[str], typer.Option("--status", help="Alleen casussen met deze status.")] = None,
    regisseur: Annotated[Optional[str], typer.Option("--regisseur", help="Alleen casussen van deze regisseur.")] = None,
    fmt: Annotated[_common.DataFormat, typer.Option("--format", help="text of json.")] = _common.DataFormat.text,
    out: _common.Output = None,
    jobs: _common.Jobs = None,
) -> None:
    from ..errors import UsageError
    from ..dossier.vocab import STATUSES

    from ..views.overview import ROWS, case_rows

    if status and status not in STATUSES:
        raise UsageError(f"onbekende status '{status}'; kies uit: {', '.join(STATUSES)}")
    got = _common.read_cases(ROWS, jobs=jobs)
    _common.check_regisseur(got.network, regisseur)
    rows = case_rows(got, status=status, regisseur=regisseur)
    with _common.writing(out):
        _table(rows, fmt)
    _common.info(f"{aantal(len(rows), 'casus')}")


def _table(rows, fmt) -> None:
    import itertools

    if fmt is _common.DataFormat.json:
        _common.echo_json([r.to_dict() for r in rows])
        return
    header = ("casus", "status", "regisseur", "urgentie", "volgende", "te laat", "leefgebieden")

    def cells(r) -> tuple[str, ...]:
        return (r.id, r.status, r.regisseur, r.urgentie, r.volgende_deadline.isoformat() if r.volgende_deadline else "-",
                str(r.te_laat), ", ".join(r.leefgebieden))

    widths = [len(h) for h in header[:-1]]
    for r in rows:  # the table is made a line at a time: only the rows are held, not their text as well
        widths = [max(w, len(c)) for w, c in zip(widths, cells(r))]
    _common.echo_lines("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[-1]
                       for row in itertools.chain([header], map(cells, rows)))
