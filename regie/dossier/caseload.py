"""The caseload of each regisseur on a day (seed 004: "de caseload van de regisseur is hier op afgestemd").

A case counts for the regisseur who held it on that day, when it was in care then (see
``regie.dossier.state``), weighted by its urgency and its phase (before or after the plan was
set) with the weights of ``caseload.gewichten`` in ``regie.yaml`` (1 when not set).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from .model import Case
from .state import in_care_on, regisseur_on


@dataclass(frozen=True)
class Load:
    """One case's share: whose it is on the day, its urgency and its phase."""

    regisseur: str
    urgentie: str
    fase: str  # voor-plan | plan-vastgesteld


def case_load(case: Case, day: dt.date) -> Load | None:
    checked = case.usable()
    if checked is None or not in_care_on(checked, day):
        return None
    p = case.plan
    fase = "plan-vastgesteld" if p and p.vastgesteld and p.vastgesteld <= day else "voor-plan"
    return Load(regisseur_on(checked, day), checked.casus.urgentie, fase)


@dataclass(frozen=True)
class Row:
    regisseur: str
    naam: str | None
    open: int
    gewogen: float
    norm: float | None

    @property
    def boven_norm(self) -> bool:
        return self.norm is not None and self.gewogen > self.norm

    def to_dict(self) -> dict:
        return {**asdict(self), "boven_norm": self.boven_norm}


def per_regisseur(net, loads, day=None) -> list[Row]:
    """Every regisseur of regie.yaml (also with no cases; one who left before ``day`` only while holding cases),
    then any other id that holds cases, by id."""
    count: dict[str, int] = {}
    weight: dict[str, float] = {}
    for load in loads:
        count[load.regisseur] = count.get(load.regisseur, 0) + 1
        weight[load.regisseur] = weight.get(load.regisseur, 0.0) + net.caseload_weight(load.urgentie, load.fase)
    names = {r.id: r.naam for r in net.regisseurs if day is None or r.actief_tot is None or r.actief_tot >= day or r.id in count}
    ids = sorted(set(names) | set(count))
    return [Row(r, names.get(r), count.get(r, 0), round(weight.get(r, 0.0), 2), net.caseload_norm) for r in ids]
