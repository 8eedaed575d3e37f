"""Het logboek van een casus (werkproces 5b): alle data uit het dossier (melding, plan, afspraken,
escalaties, evaluaties, overdrachten, journaal) en de git-geschiedenis van de casusmap, op datum.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from ..cli import console, context, documents, params
from ..views.caselog import case_log


class LogFormat(str, Enum):
    text = "text"
    json = "json"
    md = "md"


def run(
    case: params.Case,
    fmt: Annotated[LogFormat, params.format_option("text, json of md.")] = LogFormat.text,
    out: params.Output = None,
) -> None:
    entries, warnings = case_log(context.root(), case)
    for w in warnings:
        console.warn(w)
    with documents.writing(out):
        _entries(case, entries, fmt)


def _entries(case: str, entries, fmt) -> None:
    if fmt is LogFormat.json:
        console.echo_json([e.to_dict() for e in entries])
    elif fmt is LogFormat.md:
        console.echo(f"# Logboek casus {case}\n\n| Datum | Bron | Wat | Wie |\n|---|---|---|---|")
        for e in entries:
            console.echo(f"| {e.datum.isoformat()} | {e.bron} | {e.tekst.replace('|', '/')} | {e.wie or ''} |")
    else:
        for e in entries:
            console.echo(f"{e.datum.isoformat()}  {e.bron:<7}  {e.tekst}" + (f"  [{e.wie}]" if e.wie else ""))
