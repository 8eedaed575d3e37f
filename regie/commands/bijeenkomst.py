"""Bijeenkomsten over één casus: netwerkbijeenkomst, zorgconferentie of familienetwerkberaad plannen, uitnodigen en vastleggen.

Plan een bijeenkomst met datum, soort en genodigden (betrokkenen, naasten, leden van het huishouden en
de cliënt); maak de agenda en per genodigde een uitnodiging met alleen wat die mag zien (een uitnodiging
voor een professional die naar een bestand gaat, is een verstrekking en wordt vastgelegd); leg na de
bijeenkomst vast wie er was, de besluiten en de afspraken (elke afspraak komt in afspraken.yaml, met de
bijeenkomst als bron). Gehouden bijeenkomsten tellen mee voor de CTI-norm.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..cli import console, context, documents, params
from ..errors import UsageError
from ..work.bijeenkomsten import plan as do_plan
from ..work.bijeenkomsten import record as do_record
from ..work.partners import record_shares
from ..work.uitnodigingen import all_invitations, document

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)

Id = Annotated[str, typer.Argument(help="Bijeenkomst-id, bijv. B1.", show_default=False)]
Wie = "Betrokkene-id uit netwerk.yaml, lid-id uit het huishouden (L1) of 'client' (herhaalbaar)."


@app.command("plan")
def plan(
    case: params.CaseEg,
    datum: Annotated[dt.date, params.date_option("--datum", help="Datum van de bijeenkomst (JJJJ-MM-DD).")],
    soort: Annotated[str, typer.Option("--soort", help="netwerkbijeenkomst, zorgconferentie of familienetwerkberaad.")],
    genodigde: Annotated[list[str], params.betrokkene_option("--genodigde", help=Wie)],
    agenda: Annotated[Optional[list[str]], typer.Option("--agenda", help="Een agendapunt (herhaalbaar; standaard de vaste stappen van een netwerkbijeenkomst).")] = None,
    no_commit: params.NoCommit = False,
) -> None:
    """Plan een bijeenkomst (volgende vrije id) en druk de id af."""

    outcome = do_plan(context.root(), case, datum=datum, soort=soort, genodigden=genodigde, agenda=agenda,
                      today=context.today(), commit=not no_commit)
    console.echo(str(outcome.id))
    console.report_change(outcome)


@app.command("agenda")
def agenda(
    case: params.CaseEg,
    bijeenkomst: Id,
    html: Annotated[bool, typer.Option("--html", help="Een afdrukbare HTML-pagina (gelijk aan --format html).")] = False,
    fmt: Annotated[Optional[params.DocFormat], params.format_option("md (standaard), html of pdf (met -o).", show_default=False)] = None,
    out: params.Output = None,
) -> None:
    """De agenda van een bijeenkomst voor de regisseur: alle genodigden, doelen en afspraken (en na afloop het verslag)."""

    kind = params.doc_format(fmt, html=html)
    doc = document(context.root(), case, bijeenkomst, html=kind != "md")
    if kind == "pdf":
        documents.write_pdf(doc.text, out)
        return
    documents.output(doc.text, out)


@app.command("uitnodiging")
def uitnodiging(
    case: params.CaseEg,
    bijeenkomst: Id,
    voor: Annotated[Optional[str], params.betrokkene_option("--voor", metavar="GENODIGDE", help="De genodigde (betrokkene-id, lid-id of 'client').")] = None,
    alle: Annotated[Optional[Path], typer.Option("--alle", metavar="MAP", help="Schrijf de uitnodiging van elke genodigde in deze map (<id>-<genodigde>.md/.html/.pdf).")] = None,
    html: Annotated[bool, typer.Option("--html", help="Een afdrukbare HTML-pagina (gelijk aan --format html).")] = False,
    fmt: Annotated[Optional[params.DocFormat], params.format_option("md (standaard), html of pdf (met -o of --alle).", show_default=False)] = None,
    out: params.Output = None,
    no_commit: params.NoCommit = False,
) -> None:
    """De uitnodiging voor één genodigde, met alleen wat die mag zien; naar een bestand is die voor een professional
    een verstrekking, vastgelegd en gecommit."""

    root = context.root()
    kind = params.doc_format(fmt, html=html)
    if (voor is None) == (alle is None):
        raise UsageError("geef --voor GENODIGDE of --alle MAP (één van beide)")
    if alle is not None:
        if out is not None:
            raise UsageError("--alle schrijft een bestand per genodigde: geef geen -o")
        _all(root, case, bijeenkomst, alle, kind, commit=not no_commit)
        return
    doc = document(root, case, bijeenkomst, voor, html=kind != "md")
    if not doc.shares:  # the client's, a naaste's or a household member's own invitation: no verstrekking
        if kind == "pdf":
            documents.write_pdf(doc.text, out)
        else:
            documents.output(doc.text, out)
        return
    documents.output_shared(doc.text, out, pdf=kind == "pdf", record=lambda: record_shares(
        root, doc.shares, document="bijeenkomst uitnodiging", today=context.today(), commit=not no_commit))


def _all(root: Path, case: str, bijeenkomst: str, folder: Path, kind: str, *, commit: bool) -> None:
    """Every invitee's invitation in ``folder``, and every verstrekking they make in one commit; when recording fails,
    the files written are removed again."""
    docs = all_invitations(root, case, bijeenkomst, html=kind != "md")
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for who, doc in docs.items():
            path = folder / f"{bijeenkomst}-{who}.{kind}"
            if kind == "pdf":
                documents.write_pdf(doc.text, path)
            else:
                documents.output(doc.text, path)
            written.append(path)
        shares = tuple(s for doc in docs.values() for s in doc.shares)
        console.report_change(record_shares(root, shares, document="bijeenkomst uitnodiging", today=context.today(),
                                            commit=commit))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise


@app.command("verslag")
def verslag(
    case: params.CaseEg,
    bijeenkomst: Id,
    aanwezig: Annotated[list[str], params.betrokkene_option("--aanwezig", help=Wie)],
    besluit: Annotated[Optional[list[str]], typer.Option("--besluit", help="Een besluit van de bijeenkomst (herhaalbaar).")] = None,
    afspraak: Annotated[Optional[list[str]], typer.Option("--afspraak", metavar="WIE|DEADLINE|[DOEL|]WAT", help="Een afspraak die er is gemaakt (herhaalbaar), bijv. 'dochter|2026-12-15|D2|Samen boodschappen doen'.")] = None,
    no_commit: params.NoCommit = False,
) -> None:
    """Leg na de bijeenkomst vast wie er was, de besluiten en de afspraken (in één commit)."""

    outcome = do_record(context.root(), case, bijeenkomst, aanwezig=aanwezig, besluiten=besluit, afspraken=afspraak,
                        today=context.today(), commit=not no_commit)
    console.report_change(outcome)
