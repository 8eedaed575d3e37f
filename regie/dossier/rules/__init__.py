"""Cross-file rules of a dossier: plain functions, each yielding problems.

Schemas check each file on its own (``regie.schema``); the rules here check what
files say about each other and what the method asks (seeds 000, 002, 003). A rule
sees only the parts of a case that loaded cleanly, so one broken file does not
cause a cascade of follow-up findings.
"""

from __future__ import annotations

from typing import Iterator

from ...layout import CASES_DIR
from .. import consultaties
from ..loader import Dossier
from ..network import not_in_config
from ..problems import ERROR, Problem
from ..repo import case_ids
from .afscherming import afscherming
from .base import Ctx, Rule
from .case import case_identity, categories, consent, known_people, leefgebieden, network_method
from .consent_scope import consent_scope, consent_words
from .consults import consults
from .household import household
from .jeugd import gezag, member_consent, member_partners, member_signals, youth_retention
from .lifecycle import dates, handovers, intake, status_matches_contents
from .meetings import meetings
from .network import network_rules
from .onderzoek import client_answer, zrm
from .privacy import privacy
from .records import agreements, escalations, goals, plan_changed, verstrekkingen
from .safety import meldcode, verwijsindex
from .templates import templates_rules

__all__ = ["CASE_RULES", "Ctx", "Rule", "repository_rules"]

CASE_RULES: list[Rule] = [
    case_identity,
    known_people,
    agreements,
    dates,
    status_matches_contents,
    handovers,
    consent,
    consent_words,
    consent_scope,
    escalations,
    leefgebieden,
    categories,
    verstrekkingen,
    network_method,
    meldcode,
    verwijsindex,
    intake,
    household,
    youth_retention,
    gezag,
    member_consent,
    member_partners,
    member_signals,
    goals,
    plan_changed,
    afscherming,
    zrm,
    client_answer,
    meetings,
    consults,
]


def repository_rules(dossier: Dossier, ids: list[str] | None = None) -> Iterator[Problem]:
    """Rules over the whole repository: the network file; privacy of the files read in ``dossier``;
    case ids (all of them, when given) unique regardless of letter case; signals."""
    yield from network_rules(dossier)
    yield from privacy(dossier)
    yield from templates_rules(dossier)
    seen: dict[str, str] = {}
    for cid in ids if ids is not None else [c.id for c in dossier.cases]:
        key = cid.lower()
        if key in seen:
            yield Problem(f"{CASES_DIR}/{cid}", None, "casus-id-dubbel", ERROR, f"casus-id '{cid}' bestaat al als '{seen[key]}'")
        seen[key] = cid

    existing = set(case_ids(dossier.root))  # all cases, also when only some were loaded
    orgs = dossier.network.organisatie_ids() if dossier.network else None
    for sig in dossier.signalen:
        if not sig.file.endswith(f"/{sig.id}.yaml"):
            yield Problem(sig.file, dossier.line(sig.file, "id"), "signaal-id", ERROR,
                          f"id '{sig.id}' hoort gelijk te zijn aan de bestandsnaam")
        for i, cid in enumerate(sig.casussen):
            if cid not in existing:
                yield Problem(sig.file, dossier.line(sig.file, "casussen", i), "signaal-casus", ERROR,
                              f"casus '{cid}' bestaat niet")
        if orgs is not None and sig.organisatie and sig.organisatie not in orgs:
            yield Problem(sig.file, dossier.line(sig.file, "organisatie"), "organisatie-onbekend", ERROR,
                          not_in_config("organisatie", sig.organisatie))
        for i, con in enumerate(sig.consultaties):
            if consultaties.exists(dossier.root, con) is False:
                yield Problem(sig.file, dossier.line(sig.file, "consultaties", i), "signaal-consultatie", ERROR,
                              f"consultatie '{con}' bestaat niet")
