"""The record files of a case: afspraken, escalaties, verstrekkingen."""

from __future__ import annotations

import datetime as dt
from typing import Callable, Container, Iterator

from ...layout import AFSPRAKEN_FILE, ESCALATIES_FILE, NETWERK_FILE, PLAN_FILE, VERSTREKKINGEN_FILE
from ..model import Afspraak, Case, Escalatie
from ..network import not_in_config
from ..problems import ERROR, WARNING, Problem
from ..vocab import CLIENT
from .base import Ctx


def agreements(ctx: Ctx, case: Case) -> Iterator[Problem]:
    if AFSPRAKEN_FILE in case.broken:
        return
    who = case.who_is_known(ctx.network)
    netwerk_ok = NETWERK_FILE not in case.broken
    goals = {g.id for g in case.plan.doelen} if case.plan else None
    gone = case.netwerk.gone(ctx.today) if case.netwerk and netwerk_ok else set()
    seen: set[str] = set()
    for a in case.afspraken:
        def at(field: str, code: str, message: str, severity: str = ERROR, a=a) -> Problem:
            return ctx.at(case, AFSPRAKEN_FILE, "afspraken", a.index, field, code=code, message=message, severity=severity)

        if a.id in seen:
            yield at("id", "afspraak-dubbel", f"afspraak-id '{a.id}' komt twee keer voor")
        seen.add(a.id)
        if netwerk_ok and a.wie not in who:
            yield at("wie", "afspraak-wie",
                     f"{a.id}: '{a.wie}' is geen betrokkene in netwerk.yaml, geen regisseur en niet '{CLIENT}'")
        if a.doel is not None and PLAN_FILE not in case.broken:
            if goals is None:
                yield at("doel", "afspraak-doel", f"{a.id}: doel '{a.doel}' maar de casus heeft geen plan.md")
            elif a.doel not in goals:
                yield at("doel", "afspraak-doel", f"{a.id}: doel '{a.doel}' staat niet in het plan van aanpak")
        yield from _agreement_done(a, at, ctx.today)
        if a.status == "open" and a.wie in gone:
            yield at("wie", "afspraak-wie-weg", severity=WARNING,
                     message=f"{a.id}: '{a.wie}' is niet meer betrokken (netwerk.yaml: tot); geef de afspraak aan een ander "
                             "of laat hem vervallen")
        yield from _agreement_dropped(a, at, ctx.today)
        if a.status == "open" and case.casus is not None and case.casus.status == "gesloten":
            yield at("status", "afspraak-open-gesloten", severity=WARNING,
                     message=f"{a.id}: open afspraak in een gesloten casus; leg vast dat hij vervallen is met "
                             f"'regie afspraak drop {case.id} {a.id}' (met de reden)")


def _agreement_done(a: Afspraak, at: Callable[..., Problem], today: dt.date) -> Iterator[Problem]:
    """The deadline after the day it was made; gedaan with its date, not before it was made, not in the future."""
    if a.deadline < a.gemaakt:
        yield at("deadline", "datum-volgorde", f"{a.id}: deadline {a.deadline.isoformat()} ligt voor de datum gemaakt {a.gemaakt.isoformat()}")
    if a.status == "gedaan" and a.gedaan_op is None:
        yield at("status", "afspraak-status", f"{a.id}: status gedaan zonder 'gedaan_op'")
    if a.status != "gedaan" and a.gedaan_op is not None:
        yield at("gedaan_op", "afspraak-status", f"{a.id}: 'gedaan_op' bij een afspraak met status {a.status}")
    if a.gedaan_op and a.gedaan_op < a.gemaakt:
        yield at("gedaan_op", "datum-volgorde", f"{a.id}: gedaan op {a.gedaan_op.isoformat()}, voor de datum gemaakt {a.gemaakt.isoformat()}")
    if a.gedaan_op and a.gedaan_op > today:
        yield at("gedaan_op", "datum-toekomst", f"{a.id}: gedaan op {a.gedaan_op.isoformat()} ligt in de toekomst")
    if a.status == "vervallen" and not a.reden:
        yield at("status", "afspraak-status", f"{a.id}: vervallen zonder 'reden'")


def _agreement_dropped(a: Afspraak, at: Callable[..., Problem], today: dt.date) -> Iterator[Problem]:
    """'vervallen_op' only on an agreement that lapsed, not before it was made, not in the future."""
    if a.vervallen_op is None:
        return
    if a.status != "vervallen":
        yield at("vervallen_op", "afspraak-status", f"{a.id}: 'vervallen_op' bij een afspraak met status {a.status}")
    if a.vervallen_op < a.gemaakt:
        yield at("vervallen_op", "datum-volgorde",
                 f"{a.id}: vervallen op {a.vervallen_op.isoformat()}, voor de datum gemaakt {a.gemaakt.isoformat()}")
    if a.vervallen_op > today:
        yield at("vervallen_op", "datum-toekomst", f"{a.id}: vervallen op {a.vervallen_op.isoformat()} ligt in de toekomst")


def escalations(ctx: Ctx, case: Case) -> Iterator[Problem]:
    if ESCALATIES_FILE in case.broken:
        return
    orgs = ctx.network.organisatie_ids()
    ids = {a.id for a in case.afspraken}
    steps = {e.id for e in case.escalaties}
    term = ctx.network.termijnen.escalatie_open
    for e in case.escalaties:
        def at(field: str, code: str, message: str, severity: str = ERROR, e=e) -> Problem:
            return ctx.at(case, ESCALATIES_FILE, "escalaties", e.index, field, code=code, message=message, severity=severity)

        levels = ctx.network.niveaus(e.over)
        if e.niveau not in levels:
            which = "de opschalingsladder bij een impasse met de cliënt (opschaling_client)" if e.over == CLIENT else "de opschalingsladder"
            yield at("niveau", "escalatie-niveau", f"{e.id}: niveau {e.niveau} staat niet in {which} van regie.yaml")
        if e.over not in orgs and e.over != CLIENT:
            yield at("over", "organisatie-onbekend", f"{e.id}: " + not_in_config("organisatie", e.over)
                     + f" (of '{CLIENT}' voor een impasse met de cliënt)")
        for ref, field in ((e.opgeschaald_naar, "opgeschaald_naar"), (e.afgeschaald_van, "afgeschaald_van")):
            if ref is not None and ref not in steps:
                yield at(field, "escalatie-verwijzing", f"{e.id}: escalatie '{ref}' bestaat niet")
        if e.afschaling is not None:
            yield from _de_escalation(e, at, levels, ids if AFSPRAKEN_FILE not in case.broken else None)
        for ref in e.afspraken:
            if AFSPRAKEN_FILE not in case.broken and ref not in ids:
                yield at("afspraken", "escalatie-afspraak", f"{e.id}: afspraak '{ref}' bestaat niet in afspraken.yaml")
        if e.afgesloten and e.afgesloten < e.datum:
            yield at("afgesloten", "datum-volgorde", f"{e.id}: afgesloten {e.afgesloten.isoformat()} ligt voor de escalatiedatum {e.datum.isoformat()}")
        if e.afgesloten is None and (ctx.today - e.datum).days > term:
            yield at("datum", "escalatie-open", severity=WARNING,
                     message=f"{e.id}: escalatie staat {(ctx.today - e.datum).days} dagen open (termijn {term} dagen)")


def _de_escalation(e: Escalatie, at: Callable[..., Problem], levels: Container[int], ids: set[str] | None) -> Iterator[Problem]:
    """A step scaled down is closed, to a lower level of the ladder (or 0), with agreements that exist."""
    down = e.afschaling
    assert down is not None
    if e.afgesloten is None:
        yield at("afschaling", "escalatie-afschaling", f"{e.id}: afgeschaald, maar niet afgesloten ('afgesloten')")
    if down.niveau >= e.niveau or (down.niveau and down.niveau not in levels):
        yield at("afschaling", "escalatie-afschaling",
                 f"{e.id}: afgeschaald naar niveau {down.niveau}; dat hoort 0 of een lager niveau van de ladder te zijn")
    for ref in down.afspraken:
        if ids is not None and ref not in ids:
            yield at("afschaling", "escalatie-afspraak", f"{e.id}: afspraak '{ref}' bestaat niet in afspraken.yaml")


def verstrekkingen(ctx: Ctx, case: Case) -> Iterator[Problem]:
    """A verstrekking names a known organisation, a known escalation, and consent only where it was given."""
    orgs = ctx.network.organisatie_ids()
    consent = case.casus.toestemming if case.casus else None
    escalations = {e.id for e in case.escalaties}
    seen: set[str] = set()
    for v in case.verstrekkingen:
        at = (VERSTREKKINGEN_FILE, "verstrekkingen", v.index)
        if v.aan not in orgs:
            yield ctx.at(case, *at, "aan", code="organisatie-onbekend", message=f"{v.id}: " + not_in_config("organisatie", v.aan))
        stand = consent.op(v.datum) if consent else None
        if case.casus is None:
            pass  # casus.yaml unusable: its own finding says so; the consent cannot be judged
        elif v.grondslag == "toestemming" and (stand is None or not stand.covers(v.aan)):
            yield ctx.at(case, *at, "grondslag", code="verstrekking-toestemming",
                         message=f"{v.id}: gedeeld op grond van toestemming, maar "
                                 + ("er was op die dag nog geen toestemming" if stand is None
                                    else f"de toestemming was op {v.datum.isoformat()} {stand.status}" if stand.status != "gegeven"
                                    else f"de toestemming gold niet voor {v.aan}"))
        if case.casus is not None and v.grondslag == "afweging" and not (consent and consent.afweging):
            yield ctx.at(case, *at, "grondslag", code="verstrekking-afweging",
                         message=f"{v.id}: gedeeld op grond van een afweging, maar er is geen afweging vastgelegd "
                                 "(toestemming.afweging)")
        if v.escalatie and v.escalatie not in escalations:
            yield ctx.at(case, *at, "escalatie", code="verstrekking-escalatie", message=f"{v.id}: escalatie '{v.escalatie}' bestaat niet")
        if v.id in seen:
            yield ctx.at(case, *at, "id", code="verstrekking-dubbel", message=f"verstrekking-id '{v.id}' komt twee keer voor")
        seen.add(v.id)


def plan_changed(ctx: Ctx, case: Case) -> Iterator[Problem]:
    """A vastgesteld plan whose goals changed since (by hand, by 'doel add', or merged from a colleague's clone)
    still reads as set: it must be set again."""
    p = case.plan
    if p and PLAN_FILE not in case.broken and p.changed_since_set():
        yield ctx.at(case, PLAN_FILE, "vastgesteld", code="plan-gewijzigd", severity=WARNING,
                     message=f"plan gewijzigd na vaststellen: versie {p.versie} is vastgesteld op {p.vastgesteld}, maar de "
                             f"doelen zijn sindsdien veranderd; stel het plan opnieuw vast ('regie plan {case.id} --vaststellen')")


def goals(ctx: Ctx, case: Case) -> Iterator[Problem]:
    """A goal reached has its date, a goal dropped its date and reason, none in the future; a betrokkene's end date
    is not in the future either."""
    if case.plan and PLAN_FILE not in case.broken:
        for g in case.plan.doelen:
            def at(field: str, code: str, message: str, g=g) -> Problem:
                return ctx.at(case, PLAN_FILE, "doelen", g.index, field, code=code, message=message)

            if g.status == "bereikt" and g.bereikt_op is None:
                yield at("status", "doel-status", f"{g.id}: bereikt zonder 'bereikt_op'")
            if g.status == "vervallen" and (g.vervallen_op is None or not g.reden):
                yield at("status", "doel-status", f"{g.id}: vervallen zonder 'vervallen_op' en 'reden'")
            if g.status != "bereikt" and (g.bereikt_op or g.eindscore):
                yield at("bereikt_op" if g.bereikt_op else "eindscore", "doel-status",
                         f"{g.id}: 'bereikt_op' of 'eindscore' bij een doel met status {g.status}")
            for day, field in ((g.bereikt_op, "bereikt_op"), (g.vervallen_op, "vervallen_op")):
                if day is not None and day > ctx.today:
                    yield at(field, "datum-toekomst", f"{g.id}: {field} {day.isoformat()} ligt in de toekomst")
    if case.netwerk and NETWERK_FILE not in case.broken:
        for key, people in (("professionals", case.netwerk.professionals), ("naasten", case.netwerk.naasten)):
            for x in people:
                if x.tot is not None and x.tot > ctx.today:
                    yield ctx.at(case, NETWERK_FILE, key, x.index, "tot", code="datum-toekomst",
                                 message=f"{x.id}: betrokken tot {x.tot.isoformat()} ligt in de toekomst")
