"""What one partner organisation may see of a case (need-to-know), and what it works on.

Consent names leefgebieden (``toestemming.gegevens``, the ids of regie.yaml that the plan's goals
use) and a few kinds that are no leefgebied (``vocab.GEGEVENS_EXTRA``). A partner's *scope* is the
set of leefgebieden it may see: those its consent covers (no list of gegevens: every leefgebied),
or every leefgebied when the dossier records an afweging with a legal ground instead. A record
that carries ``afgeschermd`` (a shield, see the inzage) is never part of a partner's view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .casus import ToestemmingStand
from .model import Afspraak, Case
from .network import Network
from .vocab import GEGEVENS_EXTRA, GEGEVENS_OUD


def shielded(record: Any) -> bool:
    """Whether a record is shielded (it has an ``afgeschermd`` field with content, whatever its form)."""
    return bool(getattr(record, "afgeschermd", None))


def gegevens_kinds(net: Network) -> tuple[str, ...]:
    """Every word consent may name: the network's leefgebieden, then the kinds that are no leefgebied."""
    return (*net.leefgebieden, *(k for k in GEGEVENS_EXTRA if k not in net.leefgebieden))


def gegevens_hint(net: Network, word: str) -> str | None:
    """Why ``word`` is no kind of data consent can name, with what to write instead (None: it is one)."""
    if word in gegevens_kinds(net):
        return None
    new = GEGEVENS_OUD.get(word)
    if new == "dagbesteding" and "dagbesteding" not in net.leefgebieden:  # ZRM 2017 split it
        new = "werk-opleiding" if word in ("werk", "opleiding") else "tijdsbesteding"
    if new is not None:
        return f"'{word}' is geen leefgebied; schrijf {new} ({word} → {new})"
    return (f"onbekende soort gegevens '{word}'; kies een leefgebied uit regie.yaml ({', '.join(net.leefgebieden)}) "
            f"of {', '.join(GEGEVENS_EXTRA)}")


@dataclass(frozen=True)
class Scope:
    """What an organisation may see of a case: the leefgebieden, and the ground it may see them on."""

    org: str
    leefgebieden: frozenset[str]
    grond: str | None  # toestemming, afweging, or None: neither covers this organisation

    def covers(self, leefgebied: str) -> bool:
        return leefgebied in self.leefgebieden


def consented_leefgebieden(net: Network, stand: ToestemmingStand) -> frozenset[str]:
    """The leefgebieden a given consent covers: those it names (a word that is no leefgebied covers none), or all."""
    if not stand.gegevens:
        return frozenset(net.leefgebieden)
    return frozenset(g for g in stand.gegevens if g in net.leefgebieden)


def partner_scope(net: Network, case: Case, org: str) -> Scope:
    """What ``org`` may see of ``case`` under the consent on record (or the afweging recorded instead)."""
    t = case.casus.toestemming if case.casus else None
    if t is not None and t.covers(org):
        return Scope(org, consented_leefgebieden(net, t), "toestemming")
    if t is not None and t.afweging and t.grondslag:
        return Scope(org, frozenset(net.leefgebieden), "afweging")
    return Scope(org, frozenset(), None)


def org_people(case: Case, org: str) -> set[str]:
    """The ids of the professionals of ``org`` in the case's network (also those who left)."""
    return {p.id for p in case.netwerk.professionals if p.organisatie == org} if case.netwerk else set()


def involved(case: Case, org: str, day: Any = None) -> bool:
    """Whether ``org`` takes part in the case: one of its professionals in netwerk.yaml (still involved on ``day``)."""
    pros = case.netwerk.professionals if case.netwerk else ()
    return any(p.organisatie == org and (day is None or p.tot is None or p.tot >= day) for p in pros)


def works_on(case: Case, org: str) -> dict[str, list[Afspraak]]:
    """The leefgebieden ``org`` works on, each with its agreements (not lapsed) on a goal of that leefgebied."""
    people = org_people(case, org)
    goals = {g.id: g.leefgebied for g in case.plan.doelen} if case.plan else {}
    out: dict[str, list[Afspraak]] = {}
    for a in case.afspraken:
        if a.wie in people and a.status != "vervallen" and a.doel in goals:
            out.setdefault(goals[a.doel], []).append(a)
    return out
