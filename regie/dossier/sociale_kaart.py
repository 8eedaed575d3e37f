"""The sociale kaart (werkproces 6c): which organisation of the network works on which leefgebied, how to reach
and refer to it, and who to go to when it stalls.

``sociale-kaart.yaml`` at the repository root holds, per organisation of ``regie.yaml``, its
leefgebieden, its offer, a contact role (never a person's name), its usual waiting time, how to
refer and the escalation contact. It is optional: without it nothing is checked against it.
``regie.yaml`` stays the one list of organisations (ids and names); the map adds what a
regisseur needs to know about them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..clock import from_checked
from ..errors import DossierInvalid
from ..formats.yamlio import load_yaml_file
from .network import not_in_config
from .problems import ERROR, WARNING, Problem

FILE = "sociale-kaart.yaml"


@dataclass(frozen=True)
class Vermelding:
    """One organisation on the map."""

    organisatie: str
    leefgebieden: tuple[str, ...]
    index: int
    aanbod: str | None = None
    contact: str | None = None
    wachttijd_weken: int | None = None
    verwijzen: str | None = None
    escalatie: str | None = None

    def to_dict(self) -> dict:
        return {"organisatie": self.organisatie, "leefgebieden": list(self.leefgebieden), "aanbod": self.aanbod,
                "contact": self.contact, "wachttijd_weken": self.wachttijd_weken, "verwijzen": self.verwijzen,
                "escalatie": self.escalatie}


@dataclass(frozen=True)
class SocialeKaart:
    vermeldingen: tuple[Vermelding, ...]
    bijgewerkt: dt.date | None = None

    @classmethod
    def from_data(cls, d: dict) -> SocialeKaart:
        return cls(tuple(Vermelding(o["organisatie"], tuple(o["leefgebieden"]), i, o.get("aanbod"), o.get("contact"),
                                    o.get("wachttijd_weken"), o.get("verwijzen"), o.get("escalatie"))
                         for i, o in enumerate(d.get("organisaties") or ())),
                   from_checked(d.get("bijgewerkt")))

    def of(self, organisatie: str) -> Vermelding | None:
        return next((v for v in self.vermeldingen if v.organisatie == organisatie), None)

    def on(self, leefgebied: str) -> list[Vermelding]:
        """The organisations working on a leefgebied, in the order of the map."""
        return [v for v in self.vermeldingen if leefgebied in v.leefgebieden]

    def covered(self) -> set[str]:
        return {lg for v in self.vermeldingen for lg in v.leefgebieden}


def map_rules(network, lines) -> Iterator[Problem]:
    """The map against ``regie.yaml``: organisations it knows, leefgebieden it knows, each organisation once."""
    kaart = network.sociale_kaart
    if kaart is None:
        return
    orgs = network.organisatie_ids()
    seen: dict[str, int] = {}
    for v in kaart.vermeldingen:
        if v.organisatie not in orgs:
            yield Problem(FILE, lines.line(FILE, "organisaties", v.index, "organisatie"), "organisatie-onbekend", ERROR,
                          not_in_config("organisatie", v.organisatie))
        if v.organisatie in seen:
            yield Problem(FILE, lines.line(FILE, "organisaties", v.index, "organisatie"), "dubbele-id", ERROR,
                          f"organisatie '{v.organisatie}' staat er twee keer (ook bij nummer {seen[v.organisatie] + 1})")
        seen.setdefault(v.organisatie, v.index)
        for j, lg in enumerate(v.leefgebieden):
            if lg not in network.leefgebieden:
                yield Problem(FILE, lines.line(FILE, "organisaties", v.index, "leefgebieden", j), "leefgebied-onbekend",
                              ERROR, f"onbekend leefgebied '{lg}' (bekend: {', '.join(network.leefgebieden)})")


def advice(network, organisatie: str, leefgebieden: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    """What the map says about bringing ``organisatie`` into a case on ``leefgebieden``: (facts to show, warnings).

    Nothing without a map.
    """
    kaart = network.sociale_kaart
    if kaart is None:
        return [], []
    v = kaart.of(organisatie)
    if v is None:
        return [], [f"organisatie '{organisatie}' staat niet op de sociale kaart ({FILE})"]
    facts = [f"{label}: {value}" for label, value in (
        ("contact", v.contact), ("verwijzen", v.verwijzen),
        ("wachttijd", f"{v.wachttijd_weken} {'week' if v.wachttijd_weken == 1 else 'weken'}" if v.wachttijd_weken is not None else None),
    ) if value]
    warnings = []
    if leefgebieden and not set(leefgebieden) & set(v.leefgebieden):
        warnings.append(f"organisatie '{organisatie}' werkt volgens de sociale kaart niet op de leefgebieden van deze casus "
                        f"({', '.join(leefgebieden)}), maar op {', '.join(v.leefgebieden)}")
    return facts, warnings


def escalation(network, organisatie: str) -> tuple[str | None, list[Problem]]:
    """Whom the map names to escalate to at ``organisatie``, and a warning when a map exists but names no one."""

    kaart = network.sociale_kaart
    if kaart is None:
        return None, []
    entry = kaart.of(organisatie)
    if entry is not None and entry.escalatie:
        return entry.escalatie, []
    where = "staat niet op de sociale kaart" if entry is None else "heeft op de sociale kaart geen escalatiecontact"
    return None, [Problem(FILE, None, "sociale-kaart-escalatie", WARNING,
                          f"organisatie '{organisatie}' {where}; vul 'escalatie' aan zodat het memo weet bij wie")]


def map_ids(path: Path) -> set[str]:
    """Every id on the map at ``path`` that a record may point at: each entry's ``organisatie``, and the ``id`` of
    every entry of any other list (the informal and neighbourhood resources); empty when there is no usable map."""
    try:
        data = load_yaml_file(path, FILE).data if path.is_file() else None
    except DossierInvalid:
        return set()
    found: set[str] = set()
    for items in (data.values() if isinstance(data, dict) else ()):
        for item in items if isinstance(items, list) else ():
            if isinstance(item, dict):
                found.update(str(item[k]) for k in ("organisatie", "id") if isinstance(item.get(k), str))
    return found
