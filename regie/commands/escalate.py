"""Schaal op (werkproces 1f): leg een stap van getrapte opschaling vast en maak het memo.

Standaard het volgende niveau van de ladder in regie.yaml voor deze organisatie; bij een impasse
met de cliënt (--over client) de eigen ladder daarvoor (opschaling_client: standaard regisseur,
bemoeizorg, GGD-arts, melding verkennend onderzoek Wvggz). Een niveau overslaan kan alleen met
--spoed (en wordt vastgelegd). Elk memo heeft een onderwerpregel (--betreft, standaard de eerste
zin van de reden), een datum voor een reactie (--reactie-voor, standaard de termijn
escalatie_reactie), wat op uitvoerend niveau al is geprobeerd (--geprobeerd) en wat het voor de
cliënt betekent als er niets gebeurt (--gevolg). Het memo voor wie op dat niveau beslist gaat naar
stdout (of -o) en wordt bewaard als escalaties/<id>.md. Met --resolve --uitkomst sluit je de open escalatie af; met --afschalen
--afspraak … schaal je af (naar een lager niveau of, met --naar-niveau 0, terug naar het netwerk),
met de afspraken waarmee het netwerk de situatie volgt; --voorstel legt de voorgestelde aanpak van
wie op dit niveau beslist vast (bijvoorbeeld de brandpuntfunctionaris).
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..cli import console, context, documents, params
from ..errors import UsageError
from ..render.pdf import require_file
from ..render.templates import render
from ..work.escalation import MemoFields, deescalate, escalate, propose
from ..work.escalation import resolve as do_resolve


class _Memo(str, Enum):
    md = "md"
    pdf = "pdf"


MemoFormat = Optional[_Memo]


def run(
    case: params.Case,
    over: Annotated[Optional[str], params.organisatie_option("--over", help="Organisatie-id waarover wordt opgeschaald, of 'client'.")] = None,
    reden: Annotated[Optional[str], typer.Option("--reden", help="Waarom wordt opgeschaald.")] = None,
    verzoek: Annotated[Optional[str], typer.Option("--verzoek", help="Wat wordt gevraagd van wie beslist.")] = None,
    betreft: Annotated[Optional[str], typer.Option("--betreft", help="Onderwerpregel van het memo: waar het over gaat (standaard de eerste zin van de reden).")] = None,
    geprobeerd: Annotated[Optional[str], typer.Option("--geprobeerd", help="Wat op uitvoerend niveau al is geprobeerd.")] = None,
    gevolg: Annotated[Optional[str], typer.Option("--gevolg", help="Wat het voor de cliënt betekent als er niets gebeurt.")] = None,
    reactie_voor: Annotated[Optional[dt.date], params.date_option("--reactie-voor", help="Reactie gevraagd vóór deze datum (standaard de termijn escalatie_reactie van regie.yaml).")] = None,
    niveau: Annotated[Optional[int], typer.Option("--niveau", help="Niveau van de ladder (standaard het volgende).")] = None,
    spoed: Annotated[bool, typer.Option("--spoed", help="Sta toe dat een niveau wordt overgeslagen.")] = False,
    afspraak: Annotated[Optional[list[str]], params.afspraak_option("--afspraak", help="Betrokken afspraak, bijv. A3 (herhaalbaar); bij --afschalen de afspraken om te volgen.")] = None,
    resolve: Annotated[bool, typer.Option("--resolve", help="Sluit de open escalatie af.")] = False,
    uitkomst: Annotated[Optional[str], typer.Option("--uitkomst", help="Met --resolve: de uitkomst.")] = None,
    escalatie: Annotated[Optional[str], typer.Option("--escalatie", help="Met --resolve, --afschalen of --voorstel: welke escalatie, bij meer dan één open.")] = None,
    afschalen: Annotated[bool, typer.Option("--afschalen", help="Schaal de open escalatie af (met --reden en --afspraak).")] = False,
    naar_niveau: Annotated[Optional[int], typer.Option("--naar-niveau", help="Met --afschalen: het niveau waarheen (0 = terug bij het netwerk; standaard één lager).")] = None,
    voorstel: Annotated[Optional[str], typer.Option("--voorstel", help="De voorgestelde aanpak van wie op dit niveau beslist.")] = None,
    out: Annotated[Optional[Path], params.output_option("Schrijf het memo naar dit bestand.")] = None,
    fmt: Annotated[MemoFormat, params.format_option("Het memo als md of als pdf (met -o); bewaard wordt altijd md.")] = None,
    no_commit: Annotated[bool, params.no_commit_option("Wijzig, maar commit niet.")] = False,
) -> None:
    root = context.root()
    today = context.today()
    if sum((resolve, afschalen, voorstel is not None)) > 1:
        raise UsageError("kies één van --resolve, --afschalen en --voorstel")
    if voorstel is not None:
        console.report_change(propose(root, case, voorstel=voorstel, escalatie=escalatie, today=today, commit=not no_commit))
        return
    if afschalen:
        if not reden:
            raise UsageError("--afschalen heeft --reden nodig")
        console.report_change(deescalate(root, case, reden=reden, afspraken=afspraak or [], naar_niveau=naar_niveau,
                                         escalatie=escalatie, today=today, commit=not no_commit))
        return
    if resolve:
        if not uitkomst:
            raise UsageError("--resolve heeft --uitkomst nodig")
        console.report_change(do_resolve(root, case, uitkomst=uitkomst, escalatie=escalatie, today=today, commit=not no_commit))
        return
    if fmt is not None and fmt.value == "pdf":
        require_file(out)  # before anything is recorded
    missing = [name for name, value in (("--over", over), ("--reden", reden), ("--geprobeerd", geprobeerd),
                                        ("--gevolg", gevolg)) if not value]
    if missing:
        raise UsageError(f"ontbrekende waarde(n): {', '.join(missing)}")
    assert over and reden and geprobeerd and gevolg
    step = escalate(root, case, over=over, reden=reden, verzoek=verzoek, niveau=niveau, spoed=spoed,
                    afspraken=afspraak, today=today, commit=not no_commit,
                    memo=MemoFields(geprobeerd, gevolg, betreft, reactie_voor))
    if fmt is not None and fmt.value == "pdf":
        documents.write_pdf(render("escalatie-memo.html.j2", {"memo": step.memo, "casus": case}, root), out)
    else:
        documents.output(step.memo, out)
    console.report_change(step)
