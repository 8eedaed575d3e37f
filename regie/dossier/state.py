"""The state of a case on a given day: in care, transferred, with which regisseur, in which phase.

Computed from the dates the dossier records (opening, closing, ``regie_historie``, the plan's
vaststelling, the intake decision), so a figure for a past day does not depend on what happened
after it. Used by the report, the caseload and validate.
"""

from __future__ import annotations

import datetime as dt

from .model import CaseWithCasus


def transferred_on(case: CaseWithCasus, day: dt.date) -> bool:
    """Regie was with an outside organisation on ``day`` (after a transfer and before any 'terug')."""
    state = False
    for h in sorted(case.casus.historie, key=lambda h: h.datum):
        if h.datum > day:
            break
        if h.organisatie:
            state = True
        elif h.terug:
            state = False
    if not case.casus.historie and case.casus.status == "overgedragen":
        return True  # transferred, date not recorded: counted as transferred from opening
    return state


def taken_on(case: CaseWithCasus) -> bool:
    """False for a melding the network decided not to take on (``regie intake``): it was never in care."""
    i = case.casus.intake
    return i is None or i.besluit != "niet-aangenomen"


def in_care_on(case: CaseWithCasus, day: dt.date) -> bool:
    c = case.casus
    return (c.geopend <= day and (c.gesloten is None or c.gesloten > day) and not transferred_on(case, day)
            and taken_on(case))


def phase_on(case: CaseWithCasus, day: dt.date) -> str:
    plan = case.plan
    return "plan vastgesteld" if plan and plan.vastgesteld and plan.vastgesteld <= day else "voor vaststelling plan"


def regisseur_on(case: CaseWithCasus, day: dt.date) -> str:
    who = case.casus.regisseur
    entries = [h for h in case.casus.historie if h.regisseur and h.datum <= day]
    if case.casus.historie and any(h.regisseur for h in case.casus.historie):
        who = (max(entries, key=lambda h: h.datum).regisseur or who) if entries else who
    return who
