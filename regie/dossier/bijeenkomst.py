"""A meeting about one case (``bijeenkomsten.yaml``): a netwerkbijeenkomst, zorgconferentie or familienetwerkberaad.

Planned with its invitees and agenda; after the meeting, who was present (the client, naasten and household
members too), the decisions, and the agreements made there (each an afspraak in ``afspraken.yaml`` that names the
meeting in ``bijeenkomst``). A held meeting counts toward the CTI norm, as a journal note of soort
netwerkbijeenkomst always did.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..clock import from_checked, to_day
from .vocab import CLIENT

SOORTEN = ("netwerkbijeenkomst", "zorgconferentie", "familienetwerkberaad")
SOORT_NAMEN = {"netwerkbijeenkomst": "Netwerkbijeenkomst", "zorgconferentie": "Zorgconferentie",
               "familienetwerkberaad": "Familienetwerkberaad"}


@dataclass(frozen=True)
class Bijeenkomst:
    id: str
    datum: dt.date
    soort: str
    status: str  # gepland | gehouden
    genodigden: tuple[str, ...]
    index: int
    agenda: tuple[str, ...] = ()
    aanwezig: tuple[str, ...] = ()
    besluiten: tuple[str, ...] = ()
    verslag_op: dt.date | None = None

    @property
    def gehouden(self) -> bool:
        return self.status == "gehouden"

    @classmethod
    def from_data(cls, d: dict, index: int) -> Bijeenkomst:
        return cls(id=d["id"], datum=to_day(d["datum"]), soort=d["soort"], status=d["status"],
                   genodigden=tuple(d["genodigden"]), index=index, agenda=tuple(d.get("agenda") or ()),
                   aanwezig=tuple(d.get("aanwezig") or ()), besluiten=tuple(d.get("besluiten") or ()),
                   verslag_op=from_checked(d.get("verslag_op")))


def network_meeting_dates(case, until: dt.date | None = None) -> list[dt.date]:
    """The dates of the case's network meetings on or before ``until`` (None: all) that count toward the CTI norm:
    every journal note of soort netwerkbijeenkomst (as before), and every bijeenkomst that was held."""
    dates = [j.datum for j in case.journaal if j.soort == "netwerkbijeenkomst"]
    dates += [b.datum for b in case.bijeenkomsten if b.gehouden]
    return sorted(d for d in dates if until is None or d <= until)


def attendee_ids(case) -> set[str]:
    """Everyone who may be invited to or attend a meeting about ``case``: its betrokkenen (professionals and naasten),
    the members of its household, and the client."""
    known = {CLIENT} | (case.netwerk.betrokkene_ids() if case.netwerk else set())
    household = case.casus.huishouden if case.casus else None
    return known | ({m.id for m in household.leden} if household else set())


def attendee_labels(net, case) -> dict[str, str]:
    """How a document names an invitee: 'cliënt', a professional's role and organisation, a naaste's relation, a
    household member's role (never a name)."""
    labels = {k: v for k, v in case.who_labels(net).items() if k not in net.regisseur_ids()}
    household = case.casus.huishouden if case.casus else None
    for m in household.leden if household else ():
        labels[m.id] = f"{m.rol} ({m.id})"
    return labels
