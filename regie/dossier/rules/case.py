"""Who and what a case is: its id, the people it names, consent, leefgebieden, categories, the network method."""

from __future__ import annotations

from itertools import pairwise
from typing import Iterator

from ...clock import add_months
from ...ids import CASE_ID_RE
from ...layout import CASE_FILE, MELDING_FILE, NETWERK_FILE, PLAN_FILE
from ...taal import aantal
from ..bijeenkomst import network_meeting_dates
from ..model import Case
from ..network import not_in_config
from ..problems import ERROR, WARNING, Problem
from ..vocab import OPEN_STATUSES
from .base import Ctx


def case_identity(ctx: Ctx, case: Case) -> Iterator[Problem]:
    if not CASE_ID_RE.fullmatch(case.id):
        yield Problem(case.folder, None, "casus-map", ERROR, "mapnaam is geen geldige casus-id (alleen letters, cijfers, '-' en '_')")
    if case.casus and case.casus.id != case.id:
        yield ctx.at(case, CASE_FILE, "id", code="casus-id",
                     message=f"id '{case.casus.id}' hoort gelijk te zijn aan de mapnaam '{case.id}'")


def known_people(ctx: Ctx, case: Case) -> Iterator[Problem]:
    net = ctx.network
    if case.casus and case.casus.regisseur not in net.regisseur_ids():
        yield ctx.at(case, CASE_FILE, "regisseur", code="regisseur-onbekend",
                     message=not_in_config("regisseur", case.casus.regisseur))
    elif case.casus and case.casus.status in OPEN_STATUSES:
        left = next((r.actief_tot for r in net.regisseurs if r.id == case.casus.regisseur), None)
        if left is not None and left < ctx.today:
            yield ctx.at(case, CASE_FILE, "regisseur", code="regisseur-vertrokken",
                         message=f"regisseur {case.casus.regisseur} is niet meer actief (tot {left.isoformat()}); draag de "
                                 f"casussen over met 'regie handover --van {case.casus.regisseur} --naar …'")
    orgs = net.organisatie_ids()
    if case.melding and case.melding.melder_organisatie and case.melding.melder_organisatie not in orgs:
        yield ctx.at(case, MELDING_FILE, "melder", "organisatie", code="organisatie-onbekend",
                     message=not_in_config("organisatie", case.melding.melder_organisatie))
    if case.netwerk:
        seen: set[str] = set()
        for p in case.netwerk.professionals:
            if p.organisatie not in orgs:
                yield ctx.at(case, NETWERK_FILE, "professionals", p.index, "organisatie", code="organisatie-onbekend",
                             message=not_in_config("organisatie", p.organisatie))
            if p.id in seen:
                yield ctx.at(case, NETWERK_FILE, "professionals", p.index, "id", code="betrokkene-dubbel",
                             message=f"betrokkene '{p.id}' staat twee keer in netwerk.yaml")
            seen.add(p.id)
        for n in case.netwerk.naasten:
            if n.id in seen:
                yield ctx.at(case, NETWERK_FILE, "naasten", n.index, "id", code="betrokkene-dubbel",
                             message=f"betrokkene '{n.id}' staat twee keer in netwerk.yaml")
            seen.add(n.id)
            if n.voorziening and (net.sociale_kaart is None or net.sociale_kaart.voorziening(n.voorziening) is None):
                yield ctx.at(case, NETWERK_FILE, "naasten", n.index, "voorziening", code="voorziening-onbekend",
                             message=f"voorziening '{n.voorziening}' staat niet op de sociale kaart (voorzieningen in "
                                     "sociale-kaart.yaml)")
    if case.casus and case.casus.casemanager and NETWERK_FILE not in case.broken:
        pros = {p.id for p in case.netwerk.professionals} if case.netwerk else set()
        if case.casus.casemanager not in pros:
            yield ctx.at(case, CASE_FILE, "casemanager", code="casemanager-onbekend",
                         message=f"casemanager '{case.casus.casemanager}' is geen professional in netwerk.yaml")


def consent(ctx: Ctx, case: Case) -> Iterator[Problem]:
    c = case.casus
    if c is None:
        return
    t = c.toestemming
    if t.status != "gegeven" and not t.afweging:
        yield ctx.at(case, CASE_FILE, "toestemming", code="toestemming-afweging",
                     message=f"toestemming {t.status}: leg de afweging vast in toestemming.afweging")
    if t.status in ("gegeven", "geweigerd", "ingetrokken") and t.datum is None:
        yield ctx.at(case, CASE_FILE, "toestemming", code="toestemming-datum", severity=WARNING,
                     message=f"toestemming {t.status} zonder datum")
    orgs = ctx.network.organisatie_ids()
    for i, org in enumerate(t.partners or ()):
        if org not in orgs:
            yield ctx.at(case, CASE_FILE, "toestemming", "partners", i, code="organisatie-onbekend",
                         message="toestemming: " + not_in_config("organisatie", org))
    for i, (a, b) in enumerate(pairwise(t.historie)):
        if a.datum and b.datum and b.datum < a.datum:
            yield ctx.at(case, CASE_FILE, "toestemming", "historie", i + 1, "datum", code="toestemming-historie",
                         message=f"toestemming.historie: {b.datum.isoformat()} ligt voor de wijziging ervoor ({a.datum.isoformat()})")
    if t.historie and (t.historie[-1].status, t.historie[-1].datum) != (t.status, t.datum):
        yield ctx.at(case, CASE_FILE, "toestemming", "status", code="toestemming-historie",
                     message="de toestemming wijkt af van de laatste wijziging in toestemming.historie; "
                             "leg een wijziging vast met 'regie consent' in plaats van de stand met de hand aan te passen")
    if case.netwerk and NETWERK_FILE not in case.broken:
        legal = bool(t.afweging and t.grondslag)
        for p in case.netwerk.professionals:
            if not t.covers(p.organisatie) and not legal:
                yield ctx.at(case, NETWERK_FILE, "professionals", p.index, "organisatie", code="toestemming-partner",
                             severity=WARNING,
                             message=f"{p.id} ({p.organisatie}) valt niet onder de toestemming ({_consent_text(t)}) en er is "
                                     "geen afweging met een wettelijke grondslag vastgelegd (toestemming.afweging en .grondslag; "
                                     "leg die vast met 'regie consent')")


def _consent_text(t) -> str:
    if t.status != "gegeven":
        return t.status
    return "gegeven voor " + (", ".join(t.partners) if t.partners else "geen partners")


def leefgebieden(ctx: Ctx, case: Case) -> Iterator[Problem]:
    known = set(ctx.network.leefgebieden)
    hint = "zie leefgebieden in regie.yaml"
    if case.casus:
        for i, lg in enumerate(case.casus.leefgebieden):
            if lg not in known:
                yield ctx.at(case, CASE_FILE, "leefgebieden", i, code="leefgebied-onbekend", message=f"onbekend leefgebied '{lg}' ({hint})")
    if case.plan:
        seen: set[str] = set()
        for g in case.plan.doelen:
            if g.leefgebied not in known:
                yield ctx.at(case, PLAN_FILE, "doelen", g.index, "leefgebied", code="leefgebied-onbekend",
                             message=f"{g.id}: onbekend leefgebied '{g.leefgebied}' ({hint})")
            if g.id in seen:
                yield ctx.at(case, PLAN_FILE, "doelen", g.index, "id", code="doel-dubbel", message=f"doel-id '{g.id}' komt twee keer voor")
            seen.add(g.id)
    for e in case.evaluaties:
        for lg in e.scores:
            if lg not in known:
                yield ctx.at(case, e.file, "scores", lg, code="leefgebied-onbekend", message=f"onbekend leefgebied '{lg}' ({hint})")
    kaart = ctx.network.sociale_kaart
    if kaart is not None and case.casus and case.casus.status in OPEN_STATUSES:
        covered = kaart.covered()
        for i, lg in enumerate(case.casus.leefgebieden):
            if lg in known and lg not in covered:
                yield ctx.at(case, CASE_FILE, "leefgebieden", i, code="sociale-kaart-leefgebied", severity=WARNING,
                             message=f"geen organisatie op de sociale kaart werkt op leefgebied '{lg}' (sociale-kaart.yaml)")


def categories(ctx: Ctx, case: Case) -> Iterator[Problem]:
    """A melding's soort and a closing reason are categories of regie.yaml: reports count in them, never in free text."""
    net = ctx.network
    if case.melding and case.melding.soort is not None and case.melding.soort not in net.meldingsoorten:
        yield ctx.at(case, MELDING_FILE, "soort", code="melding-soort",
                     message=f"onbekende soort '{case.melding.soort}'; kies uit meldingsoorten in regie.yaml: {', '.join(net.meldingsoorten)}")
    if case.casus and case.casus.sluitreden is not None and case.casus.sluitreden not in net.sluitredenen:
        yield ctx.at(case, CASE_FILE, "sluitreden", code="sluitreden", severity=WARNING,
                     message=f"sluitreden '{case.casus.sluitreden}' is geen categorie uit regie.yaml (sluitredenen: "
                             f"{', '.join(net.sluitredenen)}); het rapport telt hem als 'anders'")


def network_method(ctx: Ctx, case: Case) -> Iterator[Problem]:
    """Warnings that help the network-oriented method (seed 003)."""
    c = case.casus
    if c is None:
        return
    if case.plan and c.status in ("plan", "uitvoering", "nazorg") and NETWERK_FILE not in case.broken:
        naasten = case.netwerk.naasten if case.netwerk else ()
        if not any(n.betrokken for n in naasten):
            yield ctx.at(case, NETWERK_FILE if case.netwerk else PLAN_FILE, "naasten", code="geen-naasten", severity=WARNING,
                         message="geen naasten betrokken bij het plan van aanpak (informeel netwerk; zie netwerk.yaml, 'betrokken: true')")
    yield from _cti_phases(ctx, case)
    if c.traject == "cti" and c.status == "gesloten":
        minimum = ctx.network.cti_min_netwerkbijeenkomsten
        count = len(network_meeting_dates(case))
        if count < minimum:
            yield ctx.at(case, CASE_FILE, "traject", code="cti-bijeenkomsten", severity=WARNING,
                         message=f"CTI-traject gesloten met {aantal(count, 'netwerkbijeenkomst')} {MEETINGS_WHERE}; de norm is minstens {minimum}")


MEETINGS_WHERE = "in journaal/ en bijeenkomsten.yaml"  # where the meetings that count for the norm are recorded
CTI_DAYS_BEFORE_MEETING = 30  # a phase that has run this long should have had its netwerkbijeenkomst


def _cti_phases(ctx: Ctx, case: Case) -> Iterator[Problem]:
    """CTI phases in their order, dated from the opening on, naming goals of the plan; and, during the trajectory,
    at least one netwerkbijeenkomst per phase that has run a month (up to the norm)."""
    c = case.casus
    assert c is not None
    fasen = c.cti_fasen
    if not fasen:
        return

    def at(f, field: str, message: str) -> Problem:
        return ctx.at(case, CASE_FILE, "cti", "fasen", f.index, field, code="cti-fase", message=message)

    if c.traject != "cti":
        yield at(fasen[0], "fase", f"CTI-fasen in een casus met traject {c.traject}")
        return
    goals = {g.id for g in case.plan.doelen} if case.plan else set()
    model = ctx.network.cti_fasen
    order = ", ".join(m.fase for m in model)
    for i, f in enumerate(fasen):
        known, old = ctx.network.cti_fase(f.fase)
        if old and known is not None:
            yield ctx.at(case, CASE_FILE, "cti", "fasen", f.index, "fase", code="cti-fase-oud", severity=WARNING,
                         message=f"fase '{f.fase}' heet in het CTI-model van regie.yaml '{known.fase}' ({known.naam}); "
                                 f"regie leest hem zo, hernoem hem in casus.yaml")
        if i >= len(model) or known is None or known.fase != model[i].fase:
            yield at(f, "fase", f"fase {i + 1} hoort {model[i].fase if i < len(model) else '(geen)'} te zijn, niet {f.fase} "
                                f"(volgorde: {order})")
        if f.van < c.geopend or (i and f.van < fasen[i - 1].van):
            yield at(f, "van", f"{f.fase} begint op {f.van.isoformat()}, voor " + ("de opening van de casus" if f.van < c.geopend
                                                                          else f"{fasen[i - 1].fase} ({fasen[i - 1].van.isoformat()})"))
        if f.van > ctx.today:
            yield at(f, "van", f"{f.fase} begint op {f.van.isoformat()}: in de toekomst")
        for ref in f.doelen:
            if PLAN_FILE not in case.broken and ref not in goals:
                yield at(f, "doelen", f"{f.fase}: doel '{ref}' staat niet in het plan van aanpak")
    yield from _cti_length(ctx, case)
    if c.status in ("gesloten", "overgedragen"):
        return
    norm = ctx.network.cti_min_netwerkbijeenkomsten
    running = sum(1 for f in fasen if (ctx.today - f.van).days > CTI_DAYS_BEFORE_MEETING)
    expected = min(norm, running)
    held = len(network_meeting_dates(case, ctx.today))
    if held < expected:
        yield ctx.at(case, CASE_FILE, "cti", code="cti-achter", severity=WARNING,
                     message=f"CTI-traject loopt achter: {aantal(held, 'netwerkbijeenkomst')} {MEETINGS_WHERE}, verwacht minstens "
                             f"{expected} (één per fase die langer dan {CTI_DAYS_BEFORE_MEETING} dagen loopt; norm {norm})")


def _cti_length(ctx: Ctx, case: Case) -> Iterator[Problem]:
    """An open CTI trajectory that runs past the planned length of the network's model (from its first phase)."""
    c = case.casus
    assert c is not None
    if c.status in ("gesloten", "overgedragen") or not c.cti_fasen:
        return
    months = ctx.network.cti_maanden
    start = c.cti_fasen[0].van
    end = add_months(start, months)
    if ctx.today > end:
        yield ctx.at(case, CASE_FILE, "cti", code="cti-duur", severity=WARNING,
                     message=f"CTI-traject loopt langer dan gepland: begonnen op {start.isoformat()}, gepland {months} maanden "
                             f"(tot {end.isoformat()}); rond de overdracht van zorg af of sluit de casus")
