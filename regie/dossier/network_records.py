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
