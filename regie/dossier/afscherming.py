"""Afscherming: a record withheld from the inzage (AVG art. 23, UAVG art. 41; AVG art. 15(4): the rights of others).

Any record of a case can carry a field ``afgeschermd``::

    afgeschermd:
      grond: avg-23          # or uavg-41
      door: a-bakker         # the regisseur who set it
      tot: 2027-01-01        # until a date (inclusive), or
      totdat: het gezin is geïnformeerd   # until a condition, in words

It is not called ``beperking``: that is the right to restriction of processing (AVG art. 18),
which the same inzage lists. A record is named the way ``regie afscherm`` takes it: ``meldcode``,
``melding``, ``verwijsindex``, an id (``A3``, ``E2``, ``V1``, ``D2``, ``L2``, a betrokkene), a file of
a folder without its suffix (``journaal/2026-03-01-1``, ``evaluaties/2026-05-01``), or a change of
regie by its date (``overdracht/2026-10-13``).

What is withheld follows from that: the meldcode is withheld by default while the family is not
informed (``gezin_geinformeerd.niet`` without a date), and whatever is derived from a withheld
record goes with it — a verstrekking or journal entry whose ``bron`` names it, the verstrekking of a
withheld escalation, the handover (``bron: meldcode``) to Veilig Thuis, the agreements of a
withheld goal, Veilig Thuis among the betrokkenen and in the verwijsindex.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterator

from ..clock import from_checked

FIELD = "afgeschermd"
# The legal grounds to withhold data from an inzage, as the rules and the docs name them.
GRONDEN = {
    "avg-23": "AVG artikel 23 (beperking van de rechten van betrokkenen bij wet)",
    "uavg-41": "UAVG artikel 41 (uitzonderingen op de rechten van betrokkenen)",
}
MELDCODE = "meldcode"
MELDING = "melding"
VERWIJSINDEX = "verwijsindex"
OVERDRACHT = "overdracht"  # overdracht/<date>: a change of regie in regie_historie


@dataclass(frozen=True)
class Schild:
    """One ``afgeschermd`` field: the record it withholds, the ground, who set it and until when or what."""

    record: str
    file: str  # relative to the case folder
    pointer: tuple[str | int, ...]  # where the field stands in that file's data
    grond: Any = None
    door: Any = None
    tot: dt.date | None = None
    totdat: Any = None

    def geldt(self, today: dt.date) -> bool:
        """Whether the shield still holds on ``today`` (a date in ``tot`` is the last day it holds)."""
        return self.tot is None or today <= self.tot


def _schild(record: str, file: str, pointer: tuple[str | int, ...], value: Any) -> Schild | None:
    if not isinstance(value, dict):
        return None
    try:
        tot = from_checked(value.get("tot"))
    except (TypeError, ValueError):
        tot = None
    return Schild(record, file, pointer, value.get("grond"), value.get("door"), tot, value.get("totdat"))


def _list(data: Any, *path: str) -> list:
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, list) else []


def _items(file: str, data: Any, path: tuple[str, ...], name) -> Iterator[Schild]:
    for i, item in enumerate(_list(data, *path)):
        if isinstance(item, dict) and FIELD in item:
            found = _schild(name(i, item), file, (*path, i, FIELD), item[FIELD])
            if found:
                yield found


def shields_in(files: dict[str, Any]) -> tuple[Schild, ...]:
    """Every ``afgeschermd`` field in the data of a case's files (``files``: path in the case folder -> data)."""
    out: list[Schild] = []
    by_id = lambda i, item: str(item.get("id"))  # noqa: E731 - the record's own id
    for rel, data in files.items():
        if not isinstance(data, dict):
            continue
        if rel == "casus.yaml":
            for block in (MELDCODE, VERWIJSINDEX):
                if isinstance(data.get(block), dict) and FIELD in data[block]:
                    out += filter(None, [_schild(block, rel, (block, FIELD), data[block][FIELD])])
            out += _items(rel, data, ("regie_historie",), lambda i, item: f"{OVERDRACHT}/{item.get('datum')}")
            out += _items(rel, data, ("huishouden", "leden"), by_id)
        elif rel == "melding.yaml" and FIELD in data:
            out += filter(None, [_schild(MELDING, rel, (FIELD,), data[FIELD])])
        elif rel == "netwerk.yaml":
            out += _items(rel, data, ("professionals",), by_id)
            out += _items(rel, data, ("naasten",), by_id)
        elif rel in ("afspraken.yaml", "escalaties.yaml", "verstrekkingen.yaml"):
            out += _items(rel, data, (rel.split(".")[0],), by_id)
        elif rel == "plan.md":
            out += _items(rel, data, ("doelen",), by_id)
        elif rel.endswith(".md") and "/" in rel and FIELD in data:
            out += filter(None, [_schild(rel[:-3], rel, (FIELD,), data[FIELD])])
    return tuple(out)


def veilig_thuis(orgs) -> set[str]:
    """The ids of the network's Veilig Thuis organisations (``soort: veilig thuis``, or the id ``veilig-thuis``)."""
    return {o.id for o in orgs if o.id == "veilig-thuis" or (o.soort or "").strip().lower().replace("-", " ") == "veilig thuis"}

