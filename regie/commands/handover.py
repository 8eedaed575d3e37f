"""Draag de regie over (werkproces 1e; seed 004): aan een andere regisseur, (tijdelijk) aan een
organisatie buiten het netwerk zoals Veilig Thuis of jeugdbescherming, of aan een casushouder.

Wie wanneer de regie had blijft bewaard in casus.yaml (regie_historie). --terug neemt een
overgedragen casus terug. Bij een overdracht aan een organisatie gaat er een memo naar stdout (of
-o): waarom, de stappen van de meldcode, de verwijsindex, open afspraken en betrokkenen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import _common


def run(
    case: Annotated[str, typer.Argument(help="Casus-id.", show_default=False)],
    reden: Annotated[str, typer.Option("--reden", help="Waarom de regie overgaat.")],
    naar: Annotated[Optional[str], typer.Option("--naar", help="Regisseur-id of organisatie-id uit regie.yaml.")] = None,
    casushouder: Annotated[Optional[str], typer.Option("--casushouder", help="Professional uit netwerk.yaml die casushouder wordt.")] = None,
    terug: Annotated[bool, typer.Option("--terug", help="Neem een overgedragen casus terug.")] = False,
    tijdelijk: Annotated[bool, typer.Option("--tijdelijk", help="Met --naar ORGANISATIE: de overdracht is tijdelijk.")] = False,
    out: Annotated[Optional[Path], typer.Option("-o", "--output", help="Schrijf het overdrachtsmemo naar dit bestand.")] = None,
    no_commit: Annotated[bool, typer.Option("--no-commit", help="Wijzig, maar commit niet.")] = False,
) -> None:
    from ..work.lifecycle import handover, render_handover_memo

    what, problems, organisatie = handover(_common.root(), case, reden=reden, naar=naar, casushouder=casushouder, terug=terug,
                              tijdelijk=tijdelijk, today=_common.today(), commit=not no_commit)
    for p in problems:
        _common.info(p.format())
    if organisatie:
        _common.output(render_handover_memo(_common.root(), case), out)
    _common.info(what)
