"""De regisseurs van het netwerk in regie.yaml: iemand komt erbij, of vertrekt in één stap.

'regie regisseur drop' zet actief_tot, draagt alle open casussen over aan --naar, versleutelt de
identiteiten die jij kunt lezen opnieuw voor de nieuwe regisseur en commit dat alles samen; wat je
niet kunt lezen staat daarna bij 'regie identity wachtend'.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from ..cli import completion, console, context, params
from ..layout import SEARCH_KEY
from ..taal import aantal
from ..work.regisseurs import add as do_add
from ..work.regisseurs import drop as do_drop

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)


@app.command("add")
def add(
    regisseur: Annotated[str, typer.Argument(help="Korte id van de nieuwe regisseur (kleine letters, cijfers, '-').",
                                             metavar="ID", show_default=False)],
    naam: Annotated[str, typer.Option("--naam", help="Naam van de regisseur.")],
    age: Annotated[Optional[str], typer.Option("--age", help="Publieke age-sleutel (age1…) van de regisseur ('regie keygen').")] = None,
    organisatie: Annotated[Optional[str], params.organisatie_option("--organisatie", help="Organisatie-id uit regie.yaml.")] = None,
    no_commit: params.NoCommit = False,
) -> None:
    """Voeg een regisseur toe aan regie.yaml, met zijn of haar publieke age-sleutel."""

    change = do_add(context.root(), regisseur, naam=naam, age=age, organisatie=organisatie, today=context.today(),
                    commit=not no_commit)
    console.report_change(change, f"regisseur {regisseur} toegevoegd" + ("" if age else "; zonder age-sleutel kan hij of zij nog geen "
                                                                        "identiteit lezen (--age, of later in regie.yaml)"))


@app.command("drop")
def drop(
    regisseur: Annotated[str, typer.Argument(help="Regisseur-id van wie vertrekt.", metavar="REGISSEUR", show_default=False,
                                             autocompletion=completion.regisseurs)],
    per: Annotated[dt.date, params.date_option("--per", help="Laatste werkdag (actief_tot in regie.yaml).")],
    naar: Annotated[str, params.regisseur_option("--naar", help="Regisseur-id die de open casussen overneemt.", metavar="REGISSEUR")],
    reden: Annotated[Optional[str], typer.Option("--reden", help="Reden in de regie_historie van elke casus (standaard: 'regisseur vertrekt per DATUM').")] = None,
    no_commit: params.NoCommit = False,
) -> None:
    """Een regisseur vertrekt: actief_tot, alle open casussen over aan --naar, identiteiten opnieuw versleuteld, één commit."""

    left = do_drop(context.root(), regisseur, per=per, naar=naar, reden=reden, today=context.today(), commit=not no_commit)
    for p in left.problems:  # the problems first, then the cases (stdout) and what was done
        console.info(p.format())
    if left.cases:
        console.echo("\n".join(left.cases))
    console.info(f"{regisseur} actief tot {per.isoformat()}; {aantal(len(left.cases), 'casus')} overgedragen aan {naar}"
                 + (f", {aantal(len(left.rekeyed), 'identiteit')} opnieuw versleuteld" if left.rekeyed else ""))
    for waiting in left.pending:
        console.warn(f"identiteit niet opnieuw versleuteld: {waiting.describe()}")
    if (context.root() / SEARCH_KEY).is_file():  # "Bekend?": the leaver still holds the network key of regie zoek
        console.info(f"{regisseur} heeft de zoeksleutel nog: laat een beheerder op of na {per.isoformat()} "
                     "'regie zoek --sleutel-vernieuwen' draaien")
