"""The report's figures of kerntaak 3 (consultation) and of werkprocessen 6a and 6b (voorlichting).

Consultations are counted by kind of question, by the consultvrager's organisation and by gap (3c);
journal notes of soort ``consultatie`` from before ``regie consult`` count too, as ``niet-vastgelegd``
in each breakdown (their question, organisation and gaps were not recorded). Voorlichting is counted
per werkproces (6a: professionals and local services; 6b: the clients' own network), form and
audience; the old notes of soort voorlichting and deskundigheidsbevordering as ``niet-vastgelegd``.
Every count goes through the report's disclosure control like any other figure.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from ...dossier.model import CheckedCase
from ...dossier.network_records import Consult, NetwerkNotitie, Voorlichting
from ...dossier.vocab import CONSULT_LACUNES, CONSULT_VRAAGSOORTEN, VOORLICHTING_DOELGROEPEN, VOORLICHTING_VORMEN
from ..period import Period

UNRECORDED = "niet-vastgelegd"  # an old journal note: counted, its details never recorded
OLD_VOORLICHTING = ("voorlichting", "deskundigheidsbevordering")


def _table(keys: Iterable[str], counted: Counter, old: int) -> dict[str, int]:
    table = {k: counted.get(k, 0) for k in keys}
    if old:
        table[UNRECORDED] = old
    return table


def consultations(cases: list[CheckedCase], network: list[Consult], notes: list[NetwerkNotitie], p: Period) -> dict:
    """Consultations dated in ``p``: in the cases and for the network, with the old journal notes."""
    found = [c for c in network if c.datum in p] + [c for case in cases for c in case.consulten if c.datum in p]
    old = (sum(1 for n in notes if n.soort == "consultatie" and n.datum in p)
           + sum(1 for case in cases for j in case.journaal if j.soort == "consultatie" and j.datum in p))
    orgs = Counter(c.organisatie for c in found)
    return {
        "totaal": len(found) + old,
        "per_vraagsoort": _table(CONSULT_VRAAGSOORTEN, Counter(c.vraagsoort for c in found), old),
        "per_organisatie": _table(sorted(orgs), orgs, old),
        "per_lacune": _table(CONSULT_LACUNES, Counter(g for c in found for g in c.lacunes), 0),
        "vervolg_open_eind": sum(1 for c in found if c.vervolg is not None
                                 and (c.vervolg_gedaan is None or c.vervolg_gedaan > p.end)),
    }


def voorlichting(sessions: list[Voorlichting], notes: list[NetwerkNotitie], p: Period) -> dict:
    """Voorlichting and deskundigheidsbevordering dated in ``p``, per werkproces, form and audience."""
    found = [s for s in sessions if s.datum in p]
    old = sum(1 for n in notes if n.soort in OLD_VOORLICHTING and n.datum in p)
    return {
        "bijeenkomsten": len(found) + old,
        "per_werkproces": _table(("6a", "6b"), Counter(s.werkproces for s in found), old),
        "per_vorm": _table(VOORLICHTING_VORMEN, Counter(s.vorm for s in found), old),
        "per_publiek": _table(VOORLICHTING_DOELGROEPEN, Counter(s.doelgroep for s in found), old),
        "deelnemers": {w: sum(s.deelnemers for s in found if s.werkproces == w) for w in ("6a", "6b")},
        "organisaties_bereikt": len({o for s in found for o in s.organisaties}),
    }
