"""The sociale kaart (werkproces 6c): which organisation of the network works on which leefgebied, how to reach
and refer to it, and who to go to when it stalls.

``sociale-kaart.yaml`` at the repository root holds, per organisation of ``regie.yaml``, its
leefgebieden, its offer, a contact role (never a person's name), its usual waiting time, how to
refer and the escalation contact. It is optional: without it nothing is checked against it.
``regie.yaml`` stays the one list of organisations (ids and names); the map adds what a
regisseur needs to know about them: also the aanmeldpunt (the organisation's own phone number and
function e-mail address, which the privacy lint leaves alone there and only there) and the date
each entry was last checked. Beside the organisations, ``voorzieningen`` holds the informal and
neighbourhood resources (maatjesprojecten, buurthuizen, cliëntenpunten, vrijwilligers) a naaste
in ``netwerk.yaml`` can point to.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..clock import from_checked
from ..errors import DossierInvalid
from ..formats.yamlio import load_yaml_file
from .lint import is_function_address, is_mobile
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
    aanmeldpunt: tuple[tuple[str, str], ...] = ()  # (telefoon|email, value), in that order
    gecontroleerd: dt.date | None = None

    def to_dict(self) -> dict:
        return {"organisatie": self.organisatie, "leefgebieden": list(self.leefgebieden), "aanbod": self.aanbod,
                "contact": self.contact, "wachttijd_weken": self.wachttijd_weken, "verwijzen": self.verwijzen,
                "escalatie": self.escalatie, "aanmeldpunt": dict(self.aanmeldpunt) or None,
                "gecontroleerd": self.gecontroleerd.isoformat() if self.gecontroleerd else None}


@dataclass(frozen=True)
class Voorziening:
    """An informal or neighbourhood resource on the map: a maatjesproject, a buurthuis, a cliëntenpunt, ..."""

    id: str
    naam: str
    soort: str
    leefgebieden: tuple[str, ...]
    index: int
    aanbod: str | None = None
    bereikbaar: str | None = None
    aanmeldpunt: tuple[tuple[str, str], ...] = ()
    gecontroleerd: dt.date | None = None

    @classmethod
    def from_data(cls, d: dict, index: int) -> Voorziening:
        return cls(d["id"], d["naam"], d["soort"], tuple(d["leefgebieden"]), index, d.get("aanbod"), d.get("bereikbaar"),
                   _aanmeldpunt(d), from_checked(d.get("gecontroleerd")))

    def to_dict(self) -> dict:
        return {"id": self.id, "naam": self.naam, "soort": self.soort, "leefgebieden": list(self.leefgebieden),
                "aanbod": self.aanbod, "bereikbaar": self.bereikbaar, "aanmeldpunt": dict(self.aanmeldpunt) or None,
                "gecontroleerd": self.gecontroleerd.isoformat() if self.gecontroleerd else None}


def _aanmeldpunt(d: dict) -> tuple[tuple[str, str], ...]:
    a = d.get("aanmeldpunt") or {}
    return tuple((k, a[k]) for k in ("telefoon", "email") if a.get(k))


@dataclass(frozen=True)
class SocialeKaart:
    vermeldingen: tuple[Vermelding, ...]
    bijgewerkt: dt.date | None = None
    voorzieningen: tuple[Voorziening, ...] = ()

    @classmethod
    def from_data(cls, d: dict) -> SocialeKaart:
        return cls(tuple(Vermelding(o["organisatie"], tuple(o["leefgebieden"]), i, o.get("aanbod"), o.get("contact"),
                                    o.get("wachttijd_weken"), o.get("verwijzen"), o.get("escalatie"), _aanmeldpunt(o),
                                    from_checked(o.get("gecontroleerd")))
                         for i, o in enumerate(d.get("organisaties") or ())),
                   from_checked(d.get("bijgewerkt")),
                   tuple(Voorziening.from_data(v, i) for i, v in enumerate(d.get("voorzieningen") or ())))

    def voorziening(self, vid: str) -> Voorziening | None:
        return next((v for v in self.voorzieningen if v.id == vid), None)

    def checked(self, entry: Vermelding | Voorziening) -> dt.date | None:
        """When an entry was last checked: its own date, else the map's."""
        return entry.gecontroleerd or self.bijgewerkt

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
        yield from _unknown_leefgebieden(network, lines, "organisaties", v)
    yield from _voorziening_rules(network, lines)


def _unknown_leefgebieden(network, lines, key: str, v) -> Iterator[Problem]:
    """An entry's leefgebieden that regie.yaml does not know, each at its line."""
    for j, lg in enumerate(v.leefgebieden):
        if lg not in network.leefgebieden:
            yield Problem(FILE, lines.line(FILE, key, v.index, "leefgebieden", j), "leefgebied-onbekend",
                          ERROR, f"onbekend leefgebied '{lg}' (bekend: {', '.join(network.leefgebieden)})")


def _voorziening_rules(network, lines) -> Iterator[Problem]:
    """The informal resources: each id once, leefgebieden regie.yaml knows."""
    first: dict[str, int] = {}
    for v in network.sociale_kaart.voorzieningen:
        if v.id in first:
            yield Problem(FILE, lines.line(FILE, "voorzieningen", v.index, "id"), "dubbele-id", ERROR,
                          f"voorziening '{v.id}' staat er twee keer (ook bij nummer {first[v.id] + 1})")
        first.setdefault(v.id, v.index)
        yield from _unknown_leefgebieden(network, lines, "voorzieningen", v)


def _entries(kaart: SocialeKaart) -> Iterator[tuple[str, Vermelding | Voorziening, str]]:
    """(list key, entry, its name in a message) of every entry of the map."""
    for v in kaart.vermeldingen:
        yield "organisaties", v, f"organisatie '{v.organisatie}'"
    for w in kaart.voorzieningen:
        yield "voorzieningen", w, f"voorziening '{w.id}'"


def stale(network, today: dt.date) -> list[tuple[str, int, str, dt.date]]:
    """(list key, index, name, last checked) of every entry not checked within ``termijnen.sociale_kaart``. An entry
    without a date (neither ``gecontroleerd`` nor the map's ``bijgewerkt``) is not judged: nothing says how old it is."""
    kaart = network.sociale_kaart
    if kaart is None:
        return []
    term = network.termijnen.sociale_kaart
    found = []
    for key, entry, name in _entries(kaart):
        when = kaart.checked(entry)
        if when is not None and (today - when).days > term:
            found.append((key, entry.index, name, when))
    return found


def stale_message(name: str, when: dt.date, term: int) -> str:
    return (f"{name} is het laatst gecontroleerd op {when.isoformat()}, langer dan {term} dagen geleden "
            "(termijnen.sociale_kaart); loop haar na en zet de nieuwe datum bij 'gecontroleerd'")


def age_rules(network, today: dt.date, lines) -> Iterator[Problem]:
    """A warning for every entry of the map older than the term."""
    for key, index, name, when in stale(network, today):
        yield Problem(FILE, lines.line(FILE, key, index, "gecontroleerd"),
                      "sociale-kaart-verouderd", WARNING, stale_message(name, when, network.termijnen.sociale_kaart))


def contact_lines(network, lines) -> set[tuple[int, str]]:
    """(line, kind) of the aanmeldpunten that hold an organisation's own number or function address: the privacy lint
    does not flag these. A mobile number or an address that reads as a person's is not among them."""
    kaart = network.sociale_kaart if network is not None else None
    if kaart is None:
        return set()
    allowed = set()
    for key, entry, _ in _entries(kaart):
        for field, value in entry.aanmeldpunt:
            ok = is_function_address(value) if field == "email" else not is_mobile(value)
            line = lines.line(FILE, key, entry.index, "aanmeldpunt", field)
            if ok and line is not None:
                allowed.add((line, "e-mail" if field == "email" else "telefoon"))
    return allowed


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
