"""regie.yaml itself: ids once, the escalation ladders in order; the sociale kaart against it."""

from __future__ import annotations

from typing import Iterator

from ...layout import CONFIG
from ..loader import Dossier
from ..network import Niveau, Organisatie, Regisseur
from ..problems import ERROR, WARNING, Problem
from ..sociale_kaart import map_rules


def network_rules(dossier: Dossier) -> Iterator[Problem]:
    """``regie.yaml``: each regisseur and organisation id once, escalation levels once and rising."""
    net = dossier.network
    if net is None:
        return
    tables: tuple[tuple[str, tuple[Regisseur | Organisatie, ...]], ...] = (("regisseurs", net.regisseurs),
                                                                           ("organisaties", net.organisaties))
    for key, items in tables:
        first: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in first:
                line = dossier.line(CONFIG, key, first[item.id], "id")
                yield Problem(CONFIG, dossier.line(CONFIG, key, i, "id"), "dubbele-id", ERROR,
                              f"{key}: id '{item.id}' staat er twee keer" + (f" (ook op regel {line})" if line else ""))
            first.setdefault(item.id, i)
    yield from _ladder(dossier, "opschaling", net.opschaling)
    yield from _ladder(dossier, "opschaling_client", net.opschaling_client)
    yield from _beheerders(dossier)


def _ladder(dossier: Dossier, key: str, steps: tuple[Niveau, ...]) -> Iterator[Problem]:
    """A ladder's levels once each and rising; the organisation a level names is one of regie.yaml."""
    net = dossier.network
    assert net is not None
    previous = None
    for i, step in enumerate(steps):
        if previous is not None and step.niveau <= previous:
            what = "staat er twee keer" if step.niveau == previous else f"komt na niveau {previous}"
            yield Problem(CONFIG, dossier.line(CONFIG, key, i, "niveau"), "opschaling-volgorde", ERROR,
                          f"{key}: niveau {step.niveau} {what}; zet de niveaus van laag naar hoog, elk één keer")
        previous = step.niveau if previous is None else max(previous, step.niveau)
        if step.organisatie is not None and step.organisatie not in net.organisatie_ids():
            yield Problem(CONFIG, dossier.line(CONFIG, key, i, "organisatie"), "organisatie-onbekend", ERROR,
                          f"{key}: niveau {step.niveau}: organisatie '{step.organisatie}' staat niet bij de organisaties")
    yield from map_rules(net, dossier)


def _beheerders(dossier: Dossier) -> Iterator[Problem]:
    """Once identities are encrypted (a regisseur has an age key), a beheerder must hold a key the network keeps:
    without one, a case whose regisseur leaves or loses a key can be read by nobody."""
    net = dossier.network
    assert net is not None
    if net.beheerders or not any(r.age for r in net.regisseurs):
        return
    yield Problem(CONFIG, dossier.line(CONFIG, "regisseurs"), "geen-beheerder", WARNING,
                  "geen beheerders: zet 'beheerders: [ID]' in regie.yaml, met de id van een sleutel die het netwerk "
                  "houdt (bijv. de teamleider, met een age-sleutel); anders kan niemand een identiteit lezen als haar "
                  "regisseur vertrekt of een sleutel kwijtraakt")
