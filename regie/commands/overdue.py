"""Toon verlopen afspraken, evaluaties die te laat zijn en plannen die nog vastgesteld moeten worden.

Ook het open vervolg van consultaties (regie consult), in een casus en van het netwerk. Gesorteerd op het aantal dagen te laat. Met --within N ook wat in de komende N dagen
vervalt. --fail-on-overdue geeft exitcode 1 als er iets te laat is (voor de CI van de
dossierrepository).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..cli import console, context, documents, params
from ..dossier.loader import load_network_work
from ..dossier.vocab import CLIENT
from ..errors import UsageError
from ..limits import MAX_WITHIN_DAYS, check_range
from ..taal import describe_days
from ..views.calendar import due_to_ics
from ..views.deadlines import DUE, due_items, network_followups, to_csv


def run(
    case: Annotated[Optional[list[str]], params.case_option("--case", help="Alleen deze casus (herhaalbaar).")] = None,
    regisseur: Annotated[Optional[str], params.regisseur_option("--regisseur", help="Alleen casussen van deze regisseur.")] = None,
    wie: Annotated[Optional[str], params.betrokkene_option("--wie", help="Alleen afspraken van deze organisatie (of betrokkene).")] = None,
    within: Annotated[Optional[int], typer.Option("--within", metavar="DAGEN", help="Ook wat in de komende N dagen vervalt.")] = None,
    fmt: Annotated[params.ListFormat, params.format_option("text, json, csv of ics (agenda).")] = params.ListFormat.text,
    fail_on_overdue: Annotated[bool, typer.Option("--fail-on-overdue", help="Exitcode 1 als er iets te laat is.")] = False,
    out: Annotated[Optional[Path], params.output_option("Schrijf naar dit bestand in plaats van stdout.")] = None,
    csv_dialect: params.CsvDialectOption = params.CsvDialect.excel,
    jobs: params.Jobs = None,
) -> None:
    if within is not None:
        check_range(within, "--within", 0, MAX_WITHIN_DAYS, "dagen")

    got = context.read_cases(DUE, case, jobs=jobs)
    context.check_regisseur(got.network, regisseur)
    if wie is not None:
        known = got.network.organisatie_ids() | got.network.regisseur_ids() | {CLIENT}
        if wie not in known and not any(item.wie == wie for _, items in got.values for item in items):
            raise UsageError(f"onbekende --wie '{wie}': geen organisatie of regisseur uit regie.yaml en geen betrokkene met "
                             "open afspraken")
    today = context.today()
    extra = [] if case else network_followups(got.network, load_network_work(context.root())[0], today)
    rows = due_items(got, within=within, regisseur=regisseur, wie=wie, extra=extra)
    if fmt is params.ListFormat.json:
        text = console.json_text({"today": today.isoformat(), "items": [r.to_dict() for r in rows]}) + "\n"
    elif fmt is params.ListFormat.csv:
        text = to_csv(rows, csv_dialect.value)
    elif fmt is params.ListFormat.ics:
        text = due_to_ics(rows, today, got.network.naam)
    else:
        text = "".join(
            f"{describe_days(r.dagen):>17}  {r.casus or 'netwerk'}  {r.id:<9}  {r.deadline.isoformat()}  {r.wie:<16}  {r.wat}\n" for r in rows
        )
    documents.output(text, out, exact=fmt is not params.ListFormat.text)  # json, csv and ics escape for themselves
    late = sum(1 for r in rows if r.dagen > 0)
    console.info(f"{late} te laat" + (f", {len(rows) - late} binnen {within} dagen" if within is not None else ""))
    if fail_on_overdue and late:
        raise typer.Exit(1)
