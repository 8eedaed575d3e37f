"""Records of the network outside any case, as typed objects: policy signals and the network journal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..clock import from_checked, to_day
from .vocab import SIGNAL_OLD_NAMES


@dataclass(frozen=True)
class Signaal:
    """A policy signal (werkproces 2d): a bottleneck seen across cases."""

    id: str
    datum: dt.date
    over: str
    aard: str
    status: str
    casussen: tuple[str, ...]
    organisatie: str | None
    file: str
    antwoord: str | None = None
    beantwoord_op: dt.date | None = None
    consultaties: tuple[str, ...] = ()  # the consultations behind it (their ids; see regie.dossier.consultaties)
    toelichting: str | None = None
    adviezen: tuple[dict, ...] = ()  # {datum, aan, vraag}: the beleidsadviezen made of it (regie signal advies)

    @classmethod
    def from_data(cls, d: dict, file: str) -> Signaal:
        status = SIGNAL_OLD_NAMES.get(d["status"], d["status"])
        return cls(d["id"], to_day(d["datum"]), d["over"], d["aard"], status,
                   tuple(d.get("casussen") or []), d.get("organisatie"), file, d.get("antwoord"),
                   from_checked(d.get("beantwoord_op")), tuple(d.get("consultaties") or ()), d.get("toelichting"),
                   tuple(d.get("adviezen") or ()))


@dataclass(frozen=True)
class NetwerkNotitie:
    datum: dt.date
    soort: str
    file: str
    regisseur: str | None = None
    casussen: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, d: dict, file: str) -> NetwerkNotitie:
        return cls(to_day(d["datum"]), d["soort"], file, d.get("regisseur"), tuple(d.get("casussen") or ()))


@dataclass(frozen=True)
class Consult:
    """A consultation (kerntaak 3, werkprocessen 3a-3d), in a case (``casus`` set) or for the network.

    The consultvrager is a role and an organisation, never a name. ``file`` is the path from the root;
    its name without ``.md`` is the consultation's id (``2026-11-03-1``).
    """

    datum: dt.date
    file: str
    rol: str
    organisatie: str
    vraagsoort: str
    lacunes: tuple[str, ...] = ()
    kaart: tuple[str, ...] = ()
    vervolg: dt.date | None = None
    vervolg_gedaan: dt.date | None = None
    regisseur: str | None = None
    casus: str | None = None
    oud: bool = False  # a journal note of soort consultatie, from before regie consult: counted, without details

    @property
    def id(self) -> str:
        return self.file.rsplit("/", 1)[1].removesuffix(".md")

    @property
    def vervolg_open(self) -> bool:
        return self.vervolg is not None and self.vervolg_gedaan is None

    @classmethod
    def from_data(cls, d: dict, file: str) -> Consult:
        vrager, vraag = d["consultvrager"], d["vraag"]
        parts = file.split("/")
        return cls(to_day(d["datum"]), file, vrager["rol"], vrager["organisatie"], vraag["soort"],
                   tuple(d.get("lacunes") or ()), tuple(d.get("kaart") or ()), from_checked(d.get("vervolg")),
                   from_checked(d.get("vervolg_gedaan")), d.get("regisseur"),
                   parts[1] if parts[0] == "casussen" and len(parts) > 3 else None)


@dataclass(frozen=True)
class Voorlichting:
    """Voorlichting or deskundigheidsbevordering by the network (werkprocessen 6a, 6b).

    ``doelgroep`` None: a journal note from before regie voorlichting, counted without details.
    """

    datum: dt.date
    soort: str
    file: str
    vorm: str | None = None
    doelgroep: str | None = None
    organisaties: tuple[str, ...] = ()
    deelnemers: int = 0
    regisseur: str | None = None

    @property
    def werkproces(self) -> str | None:
        """6b for the clients' own network, 6a for professionals and local services; None when not recorded."""
        if self.doelgroep is None:
            return None
        return "6b" if self.doelgroep == "clientnetwerk" else "6a"

    @classmethod
    def from_data(cls, d: dict, file: str) -> Voorlichting:
        return cls(to_day(d["datum"]), d["soort"], file, d["vorm"], d["doelgroep"], tuple(d.get("organisaties") or ()),
                   int(d["deelnemers"]), d.get("regisseur"))
