"""Dates in their order, a status that fits what the case holds, hand-overs."""

from __future__ import annotations

from typing import Iterator

from ...layout import CASE_FILE, MELDING_FILE, PLAN_FILE
from ..model import Case
from ..network import not_in_config
from ..problems import WARNING, Problem
from ..vocab import OPEN_STATUSES, PLAN_SET_STATUSES
from .base import Ctx


def dates(ctx: Ctx, case: Case) -> Iterator[Problem]:
    m, c, p = case.melding, case.casus, case.plan
    if m and m.datum > ctx.today:
        yield ctx.at(case, MELDING_FILE, "datum", code="datum-toekomst", message=f"meldingsdatum {m.datum.isoformat()} ligt in de toekomst")
    if m and c and c.geopend < m.datum:
        yield ctx.at(case, CASE_FILE, "geopend", code="datum-volgorde",
                     message=f"geopend {c.geopend.isoformat()} ligt voor de melding ({m.datum.isoformat()})")
    if c and c.gesloten and c.gesloten < c.geopend:
        yield ctx.at(case, CASE_FILE, "gesloten", code="datum-volgorde",
                     message=f"gesloten {c.gesloten.isoformat()} ligt voor geopend ({c.geopend.isoformat()})")
    if p and p.vastgesteld and m and p.vastgesteld < m.datum:
        yield ctx.at(case, PLAN_FILE, "vastgesteld", code="datum-volgorde",
                     message=f"plan vastgesteld op {p.vastgesteld.isoformat()}, voor de melding ({m.datum.isoformat()})")
    for e in case.evaluaties:
        name = e.file.rsplit("/", 1)[1]
        if not name.startswith(e.datum.isoformat()):
            yield ctx.at(case, e.file, "datum", code="evaluatie-bestandsnaam",
                         message=f"bestandsnaam hoort met de datum {e.datum.isoformat()} te beginnen")
        if p and p.vastgesteld and e.datum < p.vastgesteld:
            yield ctx.at(case, e.file, "datum", code="datum-volgorde",
                         message=f"evaluatie van {e.datum.isoformat()} ligt voor de vaststelling van het plan ({p.vastgesteld.isoformat()})")
        elif p is not None and p.vastgesteld is None and PLAN_FILE not in case.broken:
            yield ctx.at(case, e.file, "datum", code="evaluatie-zonder-plan", severity=WARNING,
                         message="evaluatie terwijl het plan van aanpak nog niet is vastgesteld")
        if e.datum > ctx.today:
            yield ctx.at(case, e.file, "datum", code="datum-toekomst", message=f"evaluatiedatum {e.datum.isoformat()} ligt in de toekomst")
        if e.in_te_vullen:
            yield ctx.at(case, e.file, "datum", code="evaluatie-onvolledig", severity=WARNING,
                         message=f"evaluatie nog niet ingevuld: {', '.join(e.in_te_vullen)}")
    for j in case.journaal:
        if not j.file.rsplit("/", 1)[1].startswith(j.datum.isoformat()):
            yield ctx.at(case, j.file, "datum", code="journaal-bestandsnaam",
                         message=f"bestandsnaam hoort met de datum {j.datum.isoformat()} te beginnen")


def status_matches_contents(ctx: Ctx, case: Case) -> Iterator[Problem]:
    c = case.casus
    if c is None:
        return
    if c.status == "gesloten":
        if c.gesloten is None:
            yield ctx.at(case, CASE_FILE, "status", code="status-gesloten", message="status gesloten zonder sluitingsdatum ('gesloten')")
        if not c.zonder_evaluatie and not any(e.soort == "eind" for e in case.evaluaties) and not any(
            n.startswith("evaluaties/") for n in case.broken
        ):
            yield ctx.at(case, CASE_FILE, "status", code="status-gesloten", message="status gesloten zonder eind-evaluatie in evaluaties/")
    elif c.status == "overgedragen" and not c.overgedragen_aan:
        yield ctx.at(case, CASE_FILE, "status", code="status-overgedragen",
                     message="status overgedragen zonder 'overgedragen_aan' (de organisatie die de regie heeft)")
    if c.gesloten is not None and c.status in OPEN_STATUSES:
        yield ctx.at(case, CASE_FILE, "gesloten", code="status-gesloten",
                     message=f"sluitingsdatum ingevuld terwijl de status {c.status} is")
    if c.status in PLAN_SET_STATUSES and PLAN_FILE not in case.broken:
        if case.plan is None:
            yield ctx.at(case, CASE_FILE, "status", code="status-plan", message=f"status {c.status} zonder plan.md")
        elif case.plan.vastgesteld is None:
            yield ctx.at(case, PLAN_FILE, "vastgesteld", code="status-plan",
                         message=f"status {c.status} maar het plan van aanpak is niet vastgesteld")


def handovers(ctx: Ctx, case: Case) -> Iterator[Problem]:
    """The record of who held regie names known regisseurs, organisations and professionals."""
    c = case.casus
    if c is None:
        return
    orgs = ctx.network.organisatie_ids()
    if c.overgedragen_aan and c.overgedragen_aan not in orgs:
        yield ctx.at(case, CASE_FILE, "overgedragen_aan", code="organisatie-onbekend",
                     message=not_in_config("organisatie", c.overgedragen_aan))
    pros = {p.id for p in case.netwerk.professionals} if case.netwerk else None
    for i, h in enumerate(c.historie):
        if h.regisseur and h.regisseur not in ctx.network.regisseur_ids():
            yield ctx.at(case, CASE_FILE, "regie_historie", i, "regisseur", code="regisseur-onbekend",
                         message=not_in_config("regisseur", h.regisseur))
        if h.organisatie and h.organisatie not in orgs:
            yield ctx.at(case, CASE_FILE, "regie_historie", i, "organisatie", code="organisatie-onbekend",
                         message=not_in_config("organisatie", h.organisatie))
        if h.casushouder and pros is not None and h.casushouder not in pros:
            yield ctx.at(case, CASE_FILE, "regie_historie", i, "casushouder", code="casemanager-onbekend",
                         message=f"casushouder '{h.casushouder}' is geen professional in netwerk.yaml")
        if h.datum < c.geopend:
            yield ctx.at(case, CASE_FILE, "regie_historie", i, "datum", code="datum-volgorde",
                         message=f"overdracht op {h.datum.isoformat()} ligt voor geopend ({c.geopend.isoformat()})")


def intake(ctx: Ctx, case: Case) -> Iterator[Problem]:
    """The decision on the melding: dated in order; a melding not taken on is closed, and said where it went."""
    c, m = case.casus, case.melding
    if c is None or c.intake is None:
        return
    i = c.intake
    if m and i.datum < m.datum:
        yield ctx.at(case, CASE_FILE, "intake", "datum", code="datum-volgorde",
                     message=f"intakebesluit op {i.datum.isoformat()} ligt voor de melding ({m.datum.isoformat()})")
    if i.datum > ctx.today:
        yield ctx.at(case, CASE_FILE, "intake", "datum", code="datum-toekomst",
                     message=f"intakebesluit op {i.datum.isoformat()} ligt in de toekomst")
    if i.verwezen_naar is not None and i.verwezen_naar not in ctx.network.organisatie_ids():
        yield ctx.at(case, CASE_FILE, "intake", "verwezen_naar", code="organisatie-onbekend",
                     message=not_in_config("organisatie", i.verwezen_naar))
    if i.besluit == "niet-aangenomen":
        if c.status != "gesloten":
            yield ctx.at(case, CASE_FILE, "status", code="intake-status",
                         message=f"de melding is niet aangenomen ({i.datum.isoformat()}), maar de casus is {c.status}")
        if i.verwezen_naar is None:
            yield ctx.at(case, CASE_FILE, "intake", "besluit", code="intake-verwijzing", severity=WARNING,
                         message="melding niet aangenomen zonder vastgelegde verwijzing ('verwezen_naar'); "
                                 "niet geaccepteerde meldingen worden adequaat verwezen")
