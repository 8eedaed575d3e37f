"""``plan.md`` as typed objects: the Plan van Aanpak's front matter (version, when it was set, its goals)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..clock import from_checked
from .onderzoek import ClientAntwoord, client_antwoorden


@dataclass(frozen=True)
class Doel:
    id: str
    leefgebied: str
    omschrijving: str
    startscore: int | None
    doelscore: int | None
    index: int
    lid: str | None = None  # the household member the goal is about
    status: str = "open"  # open, bereikt, vervallen
    bereikt_op: dt.date | None = None
    eindscore: int | None = None
    vervallen_op: dt.date | None = None
    reden: str | None = None


@dataclass(frozen=True)
class Plan:
    versie: int
    vastgesteld: dt.date | None
    volgende_evaluatie: dt.date | None
    doelen: tuple[Doel, ...]
    tekst: str
    vastgesteld_doelen: str | None = None  # the goals' fingerprint when the plan was set
    akkoord_client: tuple[ClientAntwoord, ...] = ()  # the client's answer to each version
    eigen_woorden: str | None = None  # the plan in the client's own words

    def antwoord_client(self) -> ClientAntwoord | None:
        """The client's (last) answer to this version of the plan, or None."""
        answers = [a for a in self.akkoord_client if a.versie == self.versie]
        return answers[-1] if answers else None

    def goals_fingerprint(self) -> str:
        """What the plan promises, as 12 hex digits: each goal's id, leefgebied, text, member and scores (not how
        far it got: reaching or dropping a goal is carrying the plan out, not changing it)."""
        import hashlib
        import json

        goals = [[g.id, g.leefgebied, g.omschrijving, g.lid, g.startscore, g.doelscore] for g in self.doelen]
        return hashlib.sha256(json.dumps(goals, ensure_ascii=False).encode()).hexdigest()[:12]

    def changed_since_set(self) -> bool:
        """Whether the goals differ from those the plan was set with (unknown, for a plan set before regie kept it)."""
        return bool(self.vastgesteld and self.vastgesteld_doelen and self.vastgesteld_doelen != self.goals_fingerprint())

    @classmethod
    def from_data(cls, d: dict, body: str) -> Plan:
        return cls(
            versie=d.get("versie", 1),
            vastgesteld=from_checked(d.get("vastgesteld")),
            volgende_evaluatie=from_checked(d.get("volgende_evaluatie")),
            doelen=tuple(
                Doel(g["id"], g["leefgebied"], g["doel"], g.get("startscore"), g.get("doelscore"), i, g.get("lid"),
                     g.get("status", "open"), from_checked(g.get("bereikt_op")), g.get("eindscore"), from_checked(g.get("vervallen_op")),
                     g.get("reden"))
                for i, g in enumerate(d.get("doelen") or [])
            ),
            tekst=body,
            vastgesteld_doelen=d.get("vastgesteld_doelen"),
            akkoord_client=client_antwoorden(d.get("akkoord_client")),
            eigen_woorden=d.get("eigen_woorden"),
        )
