"""Toon de caseload per regisseur: open casussen nu (of op --op DATUM), gewogen naar urgentie en fase, tegen de norm.

De gewichten en de norm staan in regie.yaml onder caseload; zonder gewichten telt elke casus 1.
validate waarschuwt wanneer een regisseur boven de norm zit.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

from ..cli import console, context, documents, params
from ..errors import UsageError
from ..taal import aantal, nl_num
from ..views.caseload import caseload, caseload_job, to_csv


class CaseloadFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


def run(
    op: Annotated[Optional[dt.date], params.date_option("--op", help="De caseload op deze datum (JJJJ-MM-DD; standaard vandaag).")] = None,
    fmt: Annotated[CaseloadFormat, params.format_option("text, json of csv.")] = CaseloadFormat.text,
    out: Annotated[Optional[Path], params.output_option("Schrijf naar dit bestand in plaats van stdout.")] = None,
    csv_dialect: params.CsvDialectOption = params.CsvDialect.excel,
    jobs: params.Jobs = None,
) -> None:
    if op and context.STATE.op is not None:
        raise UsageError("geef --op één keer: voor 'regie --op DATUM caseload' (de repository zoals die toen gecommit was) "
                         "of voor 'regie caseload --op DATUM' (de huidige bestanden, gerekend op die datum)")
    today = context.today()
    day = op or today
    if day > today:
        raise UsageError(f"--op {day.isoformat()} ligt in de toekomst")
    rows = caseload(context.read_cases(caseload_job(day), jobs=jobs))
    if fmt is CaseloadFormat.json:
        text = console.json_text({"op": day.isoformat(), "regisseurs": [r.to_dict() for r in rows]}) + "\n"
    elif fmt is CaseloadFormat.csv:
        text = to_csv(rows, csv_dialect.value)
    else:
        width = max([len(r.regisseur) for r in rows] + [9])
        lines = [f"{'regisseur':<{width}}  {'open':>4}  {'gewogen':>7}  {'norm':>5}"]
        for r in rows:
            norm = nl_num(r.norm)
            lines.append(f"{r.regisseur:<{width}}  {r.open:>4}  {nl_num(r.gewogen):>7}  {norm:>5}" + ("  boven de norm" if r.boven_norm else ""))
        text = "\n".join(lines) + "\n"
    documents.output(text, out, exact=fmt is not CaseloadFormat.text)
    console.info(f"caseload op {day.isoformat()}: {aantal(sum(r.open for r in rows), 'casus')} open, {aantal(len(rows), 'regisseur')}")
