"""Managementinformatie over een periode (werkproces 4c, 2d): instroom, doorlooptijden,
afspraken per partner, opschaling, uitkomsten op de Zelfredzaamheid-Matrix, netwerkgericht
werken, caseload en beleidssignalen.

Standaard het laatste volle kwartaal voor vandaag; --vergelijk 2026Q2 zet er een andere periode naast,
met het verschil. Alleen aantallen en casusnummers (--no-ids
laat ook die weg), zodat het rapport met een stuurgroep gedeeld kan worden. Casussen met
ongeldige bestanden worden weggelaten en genoemd; --strict weigert dan.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..cli import console, context, documents, params
from ..errors import RegieError, UsageError
from ..taal import aantal
from ..views import period as periods
from ..views.report.build import build, clip, render_report
from ..views.report.comparison import compare_periods, render_comparison
from ..views.report.figures import report_job
from . import _report_view


class ReportFormat(str, Enum):
    text = "text"
    md = "md"
    html = "html"
    json = "json"
    csv = "csv"
    pdf = "pdf"


def run(
    quarter: Annotated[Optional[str], typer.Option("--quarter", metavar="KWARTAAL", help="Kwartaal, bijv. 2026Q3.")] = None,
    year: Annotated[Optional[str], typer.Option("--year", metavar="JAAR", help="Kalenderjaar, bijv. 2026.")] = None,
    start: Annotated[Optional[dt.date], params.date_option("--from", help="Begindatum (met --to).")] = None,
    end: Annotated[Optional[dt.date], params.date_option("--to", help="Einddatum, tot en met (met --from).")] = None,
    fmt: Annotated[Optional[ReportFormat], params.format_option("text (terminal, standaard), md, html, json, csv of pdf (met -o).", show_default=False)] = None,
    html: Annotated[bool, typer.Option("--html", help="Gelijk aan --format html.")] = False,
    vergelijk: Annotated[Optional[str], typer.Option("--vergelijk", metavar="PERIODE", help="Zet de periode naast een andere: een kwartaal (2026Q2) of jaar (2025), met het verschil.")] = None,
    no_ids: Annotated[bool, typer.Option("--no-ids", help="Laat ook casusnummers weg.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Weiger als er casussen met ongeldige bestanden zijn.")] = False,
    out: Annotated[Optional[Path], params.output_option("Schrijf naar dit bestand in plaats van stdout.")] = None,
    csv_dialect: params.CsvDialectOption = params.CsvDialect.excel,
    jobs: params.Jobs = None,
) -> None:
    chosen = [x for x in (quarter, year, start or end) if x]
    if len(chosen) > 1:
        raise UsageError("kies één periode: --quarter, --year of --from/--to")
    today = context.today()
    if quarter:
        p = periods.quarter(quarter)
    elif year:
        p = periods.year(year)
    elif start or end:
        if not (start and end):
            raise UsageError("--from en --to horen bij elkaar")
        p = periods.between(start, end)
    else:
        p = periods.last_full_quarter(today)
    other = None
    if vergelijk:
        other = periods.year(vergelijk) if vergelijk.strip().isdigit() else periods.quarter(vergelijk)
        if other == p:
            raise UsageError(f"--vergelijk {vergelijk} is dezelfde periode als het rapport; kies een andere")
        clip(other, today)  # a period that has not begun is refused here
    wanted = clip(p, today) if other is None else periods.between(min(p.start, other.start), min(max(p.end, other.end), today))
    got = context.read_cases(report_job(wanted), jobs=jobs, quiet=True)
    data = build(got, context.root(), p, today, ids=not no_ids)
    left_out = data["weggelaten"]
    if left_out:
        n = left_out if isinstance(left_out, int) else len(left_out)
        if strict:
            details = "" if isinstance(left_out, int) else ": " + "; ".join(f"{w['casus']} ({w['reden']})" for w in left_out)
            raise RegieError(f"{aantal(n, 'casus')} met ongeldige bestanden{details}; los dat op (zie 'regie validate') of laat --strict weg")
        console.warn(f"{aantal(n, 'casus')} weggelaten omdat hun bestanden ongeldig zijn (zie het rapport en 'regie validate')")
    kind = params.doc_format(fmt, html=html, default="text")
    root = context.root()
    if other is not None:  # two periods side by side
        data = compare_periods(got, root, p, other, today, ids=not no_ids)
        render, shown = render_comparison, "show_comparison"
    else:
        render, shown = render_report, "show"
    if kind == "pdf":
        documents.write_pdf(render(data, "html", root), out)
    elif kind == "text":
        if out is not None:
            raise UsageError("-o werkt met --format md, html, json, csv of pdf")

        getattr(_report_view, shown)(data)
    else:
        documents.output(render(data, kind, root, csv_dialect.value), out, exact=kind in ("json", "csv"))
