"""Cross-file rules of a dossier: plain functions, each yielding problems.

Schemas check each file on its own (``regie.schema``); the rules here check what
files say about each other and what the method asks (seeds 000, 002, 003). A rule
sees only the parts of a case that loaded cleanly, so one broken file does not
cause a cascade of follow-up findings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Iterator

from .loader import Dossier
from .model import CLIENT, OPEN_STATUSES, PLAN_SET_STATUSES, Case, Network
from .problems import ERROR, WARNING, Problem
from .repo import CASE_ID_RE, CONFIG, PLAN_FILE, case_ids


@dataclass
class Ctx:
    dossier: Dossier
    network: Network
    today: dt.date

    def at(self, case: Case, name: str, *pointer: str | int, code: str, message: str, severity: str = ERROR) -> Problem:
        rel = name if "/" in name and name.startswith(case.folder) else f"{case.folder}/{name}"
        return Problem(rel, self.dossier.line(rel, *pointer), code, severity, message)


Rule = Callable[[Ctx, Case], Iterator[Problem]]


def _d(date: dt.date) -> str:
    return date.isoformat()


def case_identity(ctx: Ctx, case: Case) -> Iterator[Problem]:
    if not CASE_ID_RE.fullmatch(case.id):
        yield Problem(case.folder, None, "casus-map", ERROR, "mapnaam is geen geldige casus-id (alleen letters, cijfers, '-' en '_')")
    if case.casus and case.casus.id != case.id:
        yield ctx.at(case, "casus.yaml", "id", code="casus-id",
                     message=f"id '{case.casus.id}' hoort gelijk te zijn aan de mapnaam '{case.id}'")


def known_people(ctx: Ctx, case: Case) -> Iterator[Problem]:
    net = ctx.network
    if case.casus and case.casus.regisseur not in net.regisseur_ids():
        yield ctx.at(case, "casus.yaml", "regisseur", code="regisseur-onbekend",
                     message=f"regisseur '{case.casus.regisseur}' staat niet in regie.yaml")
    orgs = net.organisatie_ids()
    if case.melding and case.melding.melder_organisatie and case.melding.melder_organisatie not in orgs:
        yield ctx.at(case, "melding.yaml", "melder", "organisatie", code="organisatie-onbekend",
                     message=f"organisatie '{case.melding.melder_organisatie}' staat niet in regie.yaml")
    if case.netwerk:
        seen: set[str] = set()
        for p in case.netwerk.professionals:
            if p.organisatie not in orgs:
                yield ctx.at(case, "netwerk.yaml", "professionals", p.index, "organisatie", code="organisatie-onbekend",
                             message=f"organisatie '{p.organisatie}' staat niet in regie.yaml")
            if p.id in seen:
                yield ctx.at(case, "netwerk.yaml", "professionals", p.index, "id", code="betrokkene-dubbel",
                             message=f"betrokkene '{p.id}' staat twee keer in netwerk.yaml")
            seen.add(p.id)
        for n in case.netwerk.naasten:
            if n.id in seen:
                yield ctx.at(case, "netwerk.yaml", "naasten", n.index, "id", code="betrokkene-dubbel",
                             message=f"betrokkene '{n.id}' staat twee keer in netwerk.yaml")
            seen.add(n.id)
    if case.casus and case.casus.casemanager and "netwerk.yaml" not in case.broken:
        pros = {p.id for p in case.netwerk.professionals} if case.netwerk else set()
        if case.casus.casemanager not in pros:
            yield ctx.at(case, "casus.yaml", "casemanager", code="casemanager-onbekend",
                         message=f"casemanager '{case.casus.casemanager}' is geen professional in netwerk.yaml")


def agreements(ctx: Ctx, case: Case) -> Iterator[Problem]:
    if "afspraken.yaml" in case.broken:
        return
    who = case.who_is_known(ctx.network)
    netwerk_ok = "netwerk.yaml" not in case.broken
    goals = {g.id for g in case.plan.doelen} if case.plan else None
    seen: set[str] = set()
    for a in case.afspraken:
        def at(field: str, code: str, message: str, severity: str = ERROR, a=a) -> Problem:
            return ctx.at(case, "afspraken.yaml", "afspraken", a.index, field, code=code, message=message, severity=severity)

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
        if a.deadline < a.gemaakt:
            yield at("deadline", "datum-volgorde", f"{a.id}: deadline {_d(a.deadline)} ligt voor de datum gemaakt {_d(a.gemaakt)}")
        if a.status == "gedaan" and a.gedaan_op is None:
            yield at("status", "afspraak-status", f"{a.id}: status gedaan zonder 'gedaan_op'")
        if a.status != "gedaan" and a.gedaan_op is not None:
            yield at("gedaan_op", "afspraak-status", f"{a.id}: 'gedaan_op' bij een afspraak met status {a.status}")
        if a.gedaan_op and a.gedaan_op < a.gemaakt:
            yield at("gedaan_op", "datum-volgorde", f"{a.id}: gedaan op {_d(a.gedaan_op)}, voor de datum gemaakt {_d(a.gemaakt)}")
        if a.gedaan_op and a.gedaan_op > ctx.today:
            yield at("gedaan_op", "datum-toekomst", f"{a.id}: gedaan op {_d(a.gedaan_op)} ligt in de toekomst")
        if a.status == "vervallen" and not a.reden:
            yield at("status", "afspraak-status", f"{a.id}: vervallen zonder 'reden'")


def dates(ctx: Ctx, case: Case) -> Iterator[Problem]:
    m, c, p = case.melding, case.casus, case.plan
    if m and m.datum > ctx.today:
        yield ctx.at(case, "melding.yaml", "datum", code="datum-toekomst", message=f"meldingsdatum {_d(m.datum)} ligt in de toekomst")
    if m and c and c.geopend < m.datum:
        yield ctx.at(case, "casus.yaml", "geopend", code="datum-volgorde",
                     message=f"geopend {_d(c.geopend)} ligt voor de melding ({_d(m.datum)})")
    if c and c.gesloten and c.gesloten < c.geopend:
        yield ctx.at(case, "casus.yaml", "gesloten", code="datum-volgorde",
                     message=f"gesloten {_d(c.gesloten)} ligt voor geopend ({_d(c.geopend)})")
    if p and p.vastgesteld and m and p.vastgesteld < m.datum:
        yield ctx.at(case, PLAN_FILE, "vastgesteld", code="datum-volgorde",
                     message=f"plan vastgesteld op {_d(p.vastgesteld)}, voor de melding ({_d(m.datum)})")
    for e in case.evaluaties:
        name = e.file.rsplit("/", 1)[1]
        if not name.startswith(_d(e.datum)):
            yield ctx.at(case, e.file, "datum", code="evaluatie-bestandsnaam",
                         message=f"bestandsnaam hoort met de datum {_d(e.datum)} te beginnen")
        if p and p.vastgesteld and e.datum < p.vastgesteld:
            yield ctx.at(case, e.file, "datum", code="datum-volgorde",
                         message=f"evaluatie van {_d(e.datum)} ligt voor de vaststelling van het plan ({_d(p.vastgesteld)})")
        elif p is not None and p.vastgesteld is None and PLAN_FILE not in case.broken:
            yield ctx.at(case, e.file, "datum", code="evaluatie-zonder-plan", severity=WARNING,
                         message="evaluatie terwijl het plan van aanpak nog niet is vastgesteld")
        if e.datum > ctx.today:
            yield ctx.at(case, e.file, "datum", code="datum-toekomst", message=f"evaluatiedatum {_d(e.datum)} ligt in de toekomst")
        if e.in_te_vullen:
            yield ctx.at(case, e.file, "datum", code="evaluatie-onvolledig", severity=WARNING,
                         message=f"evaluatie nog niet ingevuld: {', '.join(e.in_te_vullen)}")
    for j in case.journaal:
        if not j.file.rsplit("/", 1)[1].startswith(_d(j.datum)):
            yield ctx.at(case, j.file, "datum", code="journaal-bestandsnaam",
                         message=f"bestandsnaam hoort met de datum {_d(j.datum)} te beginnen")


def status_matches_contents(ctx: Ctx, case: Case) -> Iterator[Problem]:
    c = case.casus
    if c is None:
        return
    if c.status == "gesloten":
        if c.gesloten is None:
            yield ctx.at(case, "casus.yaml", "status", code="status-gesloten", message="status gesloten zonder sluitingsdatum ('gesloten')")
        if not c.zonder_evaluatie and not any(e.soort == "eind" for e in case.evaluaties) and not any(
            n.startswith("evaluaties/") for n in case.broken
        ):
            yield ctx.at(case, "casus.yaml", "status", code="status-gesloten", message="status gesloten zonder eind-evaluatie in evaluaties/")
    elif c.status == "overgedragen" and not c.overgedragen_aan:
        yield ctx.at(case, "casus.yaml", "status", code="status-overgedragen",
                     message="status overgedragen zonder 'overgedragen_aan' (de organisatie die de regie heeft)")
    if c.gesloten is not None and c.status in OPEN_STATUSES:
        yield ctx.at(case, "casus.yaml", "gesloten", code="status-gesloten",
                     message=f"sluitingsdatum ingevuld terwijl de status {c.status} is")
    if c.status in PLAN_SET_STATUSES and PLAN_FILE not in case.broken:
        if case.plan is None:
            yield ctx.at(case, "casus.yaml", "status", code="status-plan", message=f"status {c.status} zonder plan.md")
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
        yield ctx.at(case, "casus.yaml", "overgedragen_aan", code="organisatie-onbekend",
                     message=f"organisatie '{c.overgedragen_aan}' staat niet in regie.yaml")
    pros = {p.id for p in case.netwerk.professionals} if case.netwerk else None
    for i, h in enumerate(c.historie):
        if h.regisseur and h.regisseur not in ctx.network.regisseur_ids():
            yield ctx.at(case, "casus.yaml", "regie_historie", i, "regisseur", code="regisseur-onbekend",
                         message=f"regisseur '{h.regisseur}' staat niet in regie.yaml")
        if h.organisatie and h.organisatie not in orgs:
            yield ctx.at(case, "casus.yaml", "regie_historie", i, "organisatie", code="organisatie-onbekend",
                         message=f"organisatie '{h.organisatie}' staat niet in regie.yaml")
        if h.casushouder and pros is not None and h.casushouder not in pros:
            yield ctx.at(case, "casus.yaml", "regie_historie", i, "casushouder", code="casemanager-onbekend",
                         message=f"casushouder '{h.casushouder}' is geen professional in netwerk.yaml")
        if h.datum < c.geopend:
            yield ctx.at(case, "casus.yaml", "regie_historie", i, "datum", code="datum-volgorde",
                         message=f"overdracht op {_d(h.datum)} ligt voor geopend ({_d(c.geopend)})")


def consent(ctx: Ctx, case: Case) -> Iterator[Problem]:
    c = case.casus
    if c is None:
        return
    t = c.toestemming
    if t.status != "gegeven" and not t.afweging:
        yield ctx.at(case, "casus.yaml", "toestemming", code="toestemming-afweging",
                     message=f"toestemming {t.status}: leg de afweging vast in toestemming.afweging")
    if t.status in ("gegeven", "geweigerd", "ingetrokken") and t.datum is None:
        yield ctx.at(case, "casus.yaml", "toestemming", code="toestemming-datum", severity=WARNING,
                     message=f"toestemming {t.status} zonder datum")


def escalations(ctx: Ctx, case: Case) -> Iterator[Problem]:
    if "escalaties.yaml" in case.broken:
        return
    levels = ctx.network.niveaus()
    orgs = ctx.network.organisatie_ids()
    ids = {a.id for a in case.afspraken}
    term = ctx.network.termijnen.escalatie_open
    for e in case.escalaties:
        def at(field: str, code: str, message: str, severity: str = ERROR, e=e) -> Problem:
            return ctx.at(case, "escalaties.yaml", "escalaties", e.index, field, code=code, message=message, severity=severity)

        if e.niveau not in levels:
            yield at("niveau", "escalatie-niveau", f"{e.id}: niveau {e.niveau} staat niet in de opschalingsladder van regie.yaml")
        if e.over not in orgs:
            yield at("over", "organisatie-onbekend", f"{e.id}: organisatie '{e.over}' staat niet in regie.yaml")
        for ref in e.afspraken:
            if "afspraken.yaml" not in case.broken and ref not in ids:
                yield at("afspraken", "escalatie-afspraak", f"{e.id}: afspraak '{ref}' bestaat niet in afspraken.yaml")
        if e.afgesloten and e.afgesloten < e.datum:
            yield at("afgesloten", "datum-volgorde", f"{e.id}: afgesloten {_d(e.afgesloten)} ligt voor de escalatiedatum {_d(e.datum)}")
        if e.afgesloten is None and (ctx.today - e.datum).days > term:
            yield at("datum", "escalatie-open", severity=WARNING,
                     message=f"{e.id}: escalatie staat {(ctx.today - e.datum).days} dagen open (termijn {term} dagen)")


def leefgebieden(ctx: Ctx, case: Case) -> Iterator[Problem]:
    known = set(ctx.network.leefgebieden)
    hint = "zie leefgebieden in regie.yaml"
    if case.casus:
        for i, lg in enumerate(case.casus.leefgebieden):
            if lg not in known:
                yield ctx.at(case, "casus.yaml", "leefgebieden", i, code="leefgebied-onbekend", message=f"onbekend leefgebied '{lg}' ({hint})")
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


def categories(ctx: Ctx, case: Case) -> Iterator[Problem]:
    """A melding's soort and a closing reason are categories of regie.yaml: reports count in them, never in free text."""
    net = ctx.network
    if case.melding and case.melding.soort is not None and case.melding.soort not in net.meldingsoorten:
        yield ctx.at(case, "melding.yaml", "soort", code="melding-soort",
                     message=f"onbekende soort '{case.melding.soort}'; kies uit meldingsoorten in regie.yaml: {', '.join(net.meldingsoorten)}")
    if case.casus and case.casus.sluitreden is not None and case.casus.sluitreden not in net.sluitredenen:
        yield ctx.at(case, "casus.yaml", "sluitreden", code="sluitreden", severity=WARNING,
                     message=f"sluitreden '{case.casus.sluitreden}' is geen categorie uit regie.yaml (sluitredenen: "
                             f"{', '.join(net.sluitredenen)}); het rapport telt hem als 'anders'")


def verstrekkingen(ctx: Ctx, case: Case) -> Iterator[Problem]:
    """A verstrekking names a known organisation, a known escalation, and consent only where it was given."""
    orgs = ctx.network.organisatie_ids()
    consent = case.casus.toestemming.status if case.casus and case.casus.toestemming else "niet-gevraagd"
    escalations = {e.id for e in case.escalaties}
    seen: set[str] = set()
    for v in case.verstrekkingen:
        at = ("verstrekkingen.yaml", "verstrekkingen", v.index)
        if v.aan not in orgs:
            yield ctx.at(case, *at, "aan", code="organisatie-onbekend", message=f"{v.id}: organisatie '{v.aan}' staat niet in regie.yaml")
        if v.grondslag == "toestemming" and consent != "gegeven":
            yield ctx.at(case, *at, "grondslag", code="verstrekking-toestemming",
                         message=f"{v.id}: gedeeld op grond van toestemming, maar de toestemming is {consent}")
        if v.escalatie and v.escalatie not in escalations:
            yield ctx.at(case, *at, "escalatie", code="verstrekking-escalatie", message=f"{v.id}: escalatie '{v.escalatie}' bestaat niet")
        if v.id in seen:
            yield ctx.at(case, *at, "id", code="verstrekking-dubbel", message=f"verstrekking-id '{v.id}' komt twee keer voor")
        seen.add(v.id)


def network_method(ctx: Ctx, case: Case) -> Iterator[Problem]:
    """Warnings that help the network-oriented method (seed 003)."""
    c = case.casus
    if c is None:
        return
    if case.plan and c.status in ("plan", "uitvoering", "nazorg") and "netwerk.yaml" not in case.broken:
        naasten = case.netwerk.naasten if case.netwerk else ()
        if not any(n.betrokken for n in naasten):
            yield ctx.at(case, "netwerk.yaml" if case.netwerk else PLAN_FILE, "naasten", code="geen-naasten", severity=WARNING,
                         message="geen naasten betrokken bij het plan van aanpak (informeel netwerk; zie netwerk.yaml, 'betrokken: true')")
    if c.traject == "cti" and c.status == "gesloten":
        minimum = ctx.network.cti_min_netwerkbijeenkomsten
        count = sum(1 for j in case.journaal if j.soort == "netwerkbijeenkomst")
        if count < minimum:
            yield ctx.at(case, "casus.yaml", "traject", code="cti-bijeenkomsten", severity=WARNING,
                         message=f"CTI-traject gesloten met {count} netwerkbijeenkomst(en) in journaal/; de norm is minstens {minimum}")


CASE_RULES: list[Rule] = [
    case_identity,
    known_people,
    agreements,
    dates,
    status_matches_contents,
    handovers,
    consent,
    escalations,
    leefgebieden,
    categories,
    verstrekkingen,
    network_method,
]


def network_rules(dossier: Dossier) -> Iterator[Problem]:
    """``regie.yaml``: each regisseur and organisation id once, escalation levels once and rising."""
    net = dossier.network
    if net is None:
        return
    for key, items in (("regisseurs", net.regisseurs), ("organisaties", net.organisaties)):
        first: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in first:
                line = dossier.line(CONFIG, key, first[item.id], "id")
                yield Problem(CONFIG, dossier.line(CONFIG, key, i, "id"), "dubbele-id", ERROR,
                              f"{key}: id '{item.id}' staat er twee keer" + (f" (ook op regel {line})" if line else ""))
            first.setdefault(item.id, i)
    previous = None
    for i, step in enumerate(net.opschaling):
        if previous is not None and step.niveau <= previous:
            what = "staat er twee keer" if step.niveau == previous else f"komt na niveau {previous}"
            yield Problem(CONFIG, dossier.line(CONFIG, "opschaling", i, "niveau"), "opschaling-volgorde", ERROR,
                          f"opschaling: niveau {step.niveau} {what}; zet de niveaus van laag naar hoog, elk één keer")
        previous = step.niveau if previous is None else max(previous, step.niveau)


def privacy(dossier: Dossier) -> Iterator[Problem]:
    """No BSN, IBAN, phone number, e-mail address, address or birth date in any plain-text dossier file."""
    from ..privacy.lint import scan

    severity = ERROR if dossier.network is not None and dossier.network.privacy == "streng" else WARNING
    for rel, src in dossier.sources.items():
        for f in scan(src.text):
            yield Problem(rel, f.line, "privacy", severity, f.message())


def repository_rules(dossier: Dossier) -> Iterator[Problem]:
    """Rules over the whole repository: the network file; privacy; case ids unique regardless of letter case; signals."""
    yield from network_rules(dossier)
    yield from privacy(dossier)
    seen: dict[str, str] = {}
    for case in dossier.cases:
        key = case.id.lower()
        if key in seen:
            yield Problem(case.folder, None, "casus-id-dubbel", ERROR, f"casus-id '{case.id}' bestaat al als '{seen[key]}'")
        seen[key] = case.id

    ids = set(case_ids(dossier.root))  # all cases, also when only some were loaded
    orgs = dossier.network.organisatie_ids() if dossier.network else None
    for sig in dossier.signalen:
        if not sig.file.endswith(f"/{sig.id}.yaml"):
            yield Problem(sig.file, dossier.line(sig.file, "id"), "signaal-id", ERROR,
                          f"id '{sig.id}' hoort gelijk te zijn aan de bestandsnaam")
        for i, cid in enumerate(sig.casussen):
            if cid not in ids:
                yield Problem(sig.file, dossier.line(sig.file, "casussen", i), "signaal-casus", ERROR,
                              f"casus '{cid}' bestaat niet")
        if orgs is not None and sig.organisatie and sig.organisatie not in orgs:
            yield Problem(sig.file, dossier.line(sig.file, "organisatie"), "organisatie-onbekend", ERROR,
                          f"organisatie '{sig.organisatie}' staat niet in regie.yaml")
