"""The onderzoekende rol and the client's voice as typed objects.

Past and current help (``casus.yaml`` ``hulp``), strengths (``krachten``), measurements on the
Zelfredzaamheid-Matrix over every domain (``zrm``; the first is the baseline), how each naaste
is for the client (``netwerk.yaml`` ``naasten[].kwaliteit``), and the client's answer to each
version of the plan (``plan.md`` ``akkoord_client``). Built from data that has passed its schema.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..clock import from_checked, to_day

# How the Zelfredzaamheid-Matrix names its five scores.
ZRM_BETEKENIS = {
    1: "acute problematiek",
    2: "niet zelfredzaam",
    3: "beperkt zelfredzaam",
    4: "voldoende zelfredzaam",
    5: "volledig zelfredzaam",
}
KWALITEITEN = ("steunend", "belastend", "onveilig")


@dataclass(frozen=True)
class Hulp:
    """Help the client had or has: which organisation, from when to when, with what result."""

    id: str
    organisatie: str
    van: dt.date
    index: int
    wat: str | None = None
    tot: dt.date | None = None
    resultaat: str | None = None

    @classmethod
    def from_data(cls, d: dict, index: int) -> Hulp:
        return cls(d["id"], d["organisatie"], to_day(d["van"]), index, d.get("wat"), from_checked(d.get("tot")),
                   d.get("resultaat"))


@dataclass(frozen=True)
class Kracht:
    id: str
    wat: str
    datum: dt.date
    index: int
    leefgebied: str | None = None
    bron: str | None = None

    @classmethod
    def from_data(cls, d: dict, index: int) -> Kracht:
        return cls(d["id"], d["wat"], to_day(d["datum"]), index, d.get("leefgebied"), d.get("bron"))


@dataclass(frozen=True)
class ZrmMeting:
    """One measurement on the Zelfredzaamheid-Matrix: a score (or None: not applicable) per domain."""

    datum: dt.date
    scores: dict[str, int | None]
    index: int

    @classmethod
    def from_data(cls, d: dict, index: int) -> ZrmMeting:
        return cls(to_day(d["datum"]), dict(d.get("scores") or {}), index)


def zrm_metingen(data: list | None) -> tuple[ZrmMeting, ...]:
    """The measurements, oldest first (the first is the baseline)."""
    return tuple(sorted((ZrmMeting.from_data(m, i) for i, m in enumerate(data or ())), key=lambda m: m.datum))


@dataclass(frozen=True)
class Kwaliteit:
    """How a naaste is for the client from a date: steunend, belastend or onveilig."""

    datum: dt.date
    oordeel: str
    toelichting: str | None = None


def kwaliteiten(data: list | None) -> tuple[Kwaliteit, ...]:
    """The judgements of a naaste, oldest first (the last one holds)."""
    return tuple(sorted((Kwaliteit(to_day(k["datum"]), k["oordeel"], k.get("toelichting")) for k in data or ()),
                        key=lambda k: k.datum))


@dataclass(frozen=True)
class ClientAntwoord:
    """The client's answer to one version of the plan."""

    versie: int
    datum: dt.date
    akkoord: bool
    index: int
    reden: str | None = None


def client_antwoorden(data: list | None) -> tuple[ClientAntwoord, ...]:
    return tuple(ClientAntwoord(a["versie"], to_day(a["datum"]), a["akkoord"], i, a.get("reden"))
                 for i, a in enumerate(data or ()))
