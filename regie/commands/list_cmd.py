"""Toon alle casussen in een tabel: status, regisseur, urgentie, leefgebieden, volgende deadline, aantal te laat."""

from __future__ import annotations

from typing import Annotated, Optional

from ..cli import console, context, documents, params
from ..dossier.vocab import STATUSES
from ..errors import UsageError
from ..taal import aantal
from ..views.overview import ROWS, case_rows


def run(
    status: Annotated[Optional[str], params.case_status_option("--status", help="Alleen casussen met deze status.")] = None,
    regisseur: Annotated[Optional[str], params.regisseur_option("--regisseur", help="Alleen casussen van deze regisseur.")] = None,
    fmt: Annotated[params.DataFormat, params.format_option("text of json.")] = params.DataFormat.text,
    out: params.Output = None,
    jobs: params.Jobs = None,
) -> None:
    if status and status not in STATUSES:
        raise UsageError(f"onbekende status '{status}'; kies uit: {', '.join(STATUSES)}")
    got = context.read_cases(ROWS, jobs=jobs)
    context.check_regisseur(got.network, regisseur)
    rows = case_rows(got, status=status, regisseur=regisseur)
    with documents.writing(out):
        _table(rows, fmt)
    console.info(f"{aantal(len(rows), 'casus')}")


def _table(rows, fmt) -> None:
    import itertools

    if fmt is params.DataFormat.json:
        console.echo_json([r.to_dict() for r in rows])
        return
    header = ("casus", "status", "regisseur", "urgentie", "volgende", "te laat", "leefgebieden")

    def cells(r) -> tuple[str, ...]:
        return (r.id, r.status, r.regisseur, r.urgentie, r.volgende_deadline.isoformat() if r.volgende_deadline else "-",
                str(r.te_laat), ", ".join(r.leefgebieden))

    widths = [len(h) for h in header[:-1]]
    for r in rows:  # the table is made a line at a time: only the rows are held, not their text as well
        widths = [max(w, len(c)) for w, c in zip(widths, cells(r), strict=False)]
    console.echo_lines("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[-1]
                       for row in itertools.chain([header], map(cells, rows)))
