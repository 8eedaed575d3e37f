"""Rules for the consultations of a case (kerntaak 3): a file named after its date, a known regisseur, a follow-up
not before the consultation.

Which organisations and sociale kaart entries a consultation names is checked when it is recorded
(``regie consult add``): the map's informal entries are read from the file itself there.
"""

from __future__ import annotations

from typing import Iterator

from ..model import Case
from ..network import not_in_config
from ..problems import Problem
from .base import Ctx


def consults(ctx: Ctx, case: Case) -> Iterator[Problem]:
    regisseurs = ctx.network.regisseur_ids()
    for c in case.consulten:
        if not c.id.startswith(c.datum.isoformat()):
            yield ctx.at(case, c.file, "datum", code="journaal-bestandsnaam",
                         message=f"bestandsnaam hoort met de datum {c.datum.isoformat()} te beginnen")
        if c.regisseur is not None and c.regisseur not in regisseurs:
            yield ctx.at(case, c.file, "regisseur", code="regisseur-onbekend", message=not_in_config("regisseur", c.regisseur))
        for field, day in (("vervolg", c.vervolg), ("vervolg_gedaan", c.vervolg_gedaan)):
            if day is not None and day < c.datum:
                yield ctx.at(case, c.file, field, code="consult-vervolg",
                             message=f"{field} ({day.isoformat()}) ligt voor de consultatie ({c.datum.isoformat()})")
