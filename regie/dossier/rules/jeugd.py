"""Youth files kept as youth files: the retention category against the household, gezag, consent per member by the
age rules of regie.yaml, and each member's verwijsindex signal withdrawn in time (see ``regie.dossier.jeugd``)."""

from __future__ import annotations

from typing import Iterator

from ...layout import AFSPRAKEN_FILE, CASE_FILE
from ..casus import Lid
from ..jeugd import DOEL_NAMEN, VERWIJSINDEX_TOT, maybe_minor, nodig, regels, youth_reason
from ..model import Case
from ..network import not_in_config
from ..problems import WARNING, Problem
from .base import Ctx

LEDEN = ("huishouden", "leden")


def youth_retention(ctx: Ctx, case: Case) -> Iterator[Problem]:
    """A closed case kept as volwassenen while its melding or household says a minor was involved."""
    c = case.casus
    if c is None or c.status != "gesloten" or c.bewaarcategorie != "volwassenen":
        return
    reason = youth_reason(case)
    if reason is not None:
        yield ctx.at(case, CASE_FILE, "bewaarcategorie", code="bewaarcategorie-jeugd", severity=WARNING,
                     message=f"bewaarcategorie volwassenen, maar {reason}: een jeugddossier wordt "
                             f"{ctx.network.term('jeugd').jaren} jaar bewaard (bewaarcategorie: jeugd, en bewaren_tot "
                             f"{ctx.network.term('jeugd').jaren} jaar na sluiting)")


def gezag(ctx: Ctx, case: Case) -> Iterator[Problem]:
    """Gezag names members of the household (not the member itself), 'client', or one organisation of regie.yaml."""
    c = case.casus
    if c is None or c.huishouden is None:
        return
    ids = {m.id for m in c.huishouden.leden}
    orgs = ctx.network.organisatie_ids()
    for m in c.huishouden.leden:
        for j, who in enumerate(m.gezag):
            where = (*LEDEN, m.index, "gezag") + ((j,) if len(m.gezag) > 1 or who.startswith("L") else ())
            if who.startswith("L") and who not in ids:
                yield ctx.at(case, CASE_FILE, *where, code="gezag-lid",
                             message=f"lid {m.id}: gezag bij '{who}', maar dat lid staat niet in het huishouden")
            elif who == m.id:
                yield ctx.at(case, CASE_FILE, *where, code="gezag-lid",
                             message=f"lid {m.id}: heeft het gezag over zichzelf; noem de ouders of de voogd")
            elif not who.startswith("L") and who != "client" and who not in orgs:
                yield ctx.at(case, CASE_FILE, *where, code="organisatie-onbekend",
                             message=f"lid {m.id}: gezag: " + not_in_config("organisatie", who))


def member_consent(ctx: Ctx, case: Case) -> Iterator[Problem]:
    """A member's consent was given by everyone the age rule asks for; the finding says which rule it used."""
    c = case.casus
    if c is None or c.huishouden is None:
        return
    for m in c.huishouden.leden:
        t = m.toestemming
        if t is None or t.status != "gegeven":
            continue
        day = t.datum or ctx.today
        for doel in t.voor:
            rules = regels(ctx.network.toestemmingsregels, doel)
            need = nodig(m, rules, day)
            if need is None:
                continue
            missing = [w for w in need.wie if w not in t.door]
            if missing or need.gezag_onbekend:
                lacking = ", ".join(missing) + (" en wie het gezag heeft (gezag van dit lid staat niet vast)"
                                                if need.gezag_onbekend else "")
                yield ctx.at(case, CASE_FILE, *LEDEN, m.index, "toestemming", code="toestemming-lid", severity=WARNING,
                             message=f"lid {m.id}: {DOEL_NAMEN[doel]} ontbreekt van {lacking.lstrip(', ')} "
                                     f"(regel: {need.uitleg(rules)})")


def member_partners(ctx: Ctx, case: Case) -> Iterator[Problem]:
    """A partner working on a goal of a (possibly) minor member needs that member's consent, given as the age rule
    for sharing data says; the finding names the rule."""
    c = case.casus
    if c is None or c.huishouden is None or case.plan is None or case.netwerk is None:
        return
    org_of = {p.id: p.organisatie for p in case.netwerk.professionals}  # a partner: a professional, not a naaste
    by_id = {m.id: m for m in c.huishouden.leden}
    goal_of = {d.id: by_id[d.lid] for d in case.plan.doelen if d.lid in by_id}
    rules = regels(ctx.network.toestemmingsregels, "delen")
    names = ctx.network.organisatie_namen()
    flagged: set[str] = set()
    for a in case.afspraken:
        lid: Lid | None = goal_of.get(a.doel) if a.doel else None
        if (lid is None or lid.id in flagged or not maybe_minor(lid, ctx.today) or a.status != "open"
                or a.wie not in org_of):
            continue
        t = lid.toestemming
        if t is not None and t.status == "gegeven" and "delen" in t.voor:
            continue  # whether the right people gave it is member_consent's finding
        need = nodig(lid, rules, ctx.today)
        assert need is not None  # maybe_minor: the year of birth is known
        flagged.add(lid.id)
        who = ", ".join(need.wie) or "wie het gezag heeft"
        yield ctx.at(case, AFSPRAKEN_FILE, "afspraken", a.index, "doel", code="toestemming-lid", severity=WARNING,
                     message=f"{names.get(org_of[a.wie], org_of[a.wie])} werkt aan doel {a.doel} van lid {lid.id} ({a.id}), maar er is "
                             f"geen toestemming voor dit lid vastgelegd; nodig van {who} (regel: {need.uitleg(rules)}); "
                             f"leg die vast met 'regie consent {case.id} --lid {lid.id}'")


def member_signals(ctx: Ctx, case: Case) -> Iterator[Problem]:
    """Each verwijsindex signal is withdrawn (afgemeld) when the case closes, and at the latest in the year the member
    turns 23; its organisation is one of regie.yaml. A case merged into another handed its signals on with its members."""
    c = case.casus
    if c is None or c.samengevoegd_met is not None:
        return
    closed = c.status == "gesloten"
    if closed and c.verwijsindex and c.verwijsindex.signaal_datum and c.verwijsindex.signaal_afgemeld is None:
        yield ctx.at(case, CASE_FILE, "verwijsindex", "signaal", code="verwijsindex-afmelden", severity=WARNING,
                     message="verwijsindex: de casus is gesloten maar het signaal is niet afgemeld; meld het af en leg "
                             "de datum vast (verwijsindex.signaal.afgemeld)")
    if c.huishouden is None:
        return
    orgs = ctx.network.organisatie_ids()
    for m in c.huishouden.leden:
        s = m.verwijsindex
        if s is None:
            continue
        if s.organisatie not in orgs:
            yield ctx.at(case, CASE_FILE, *LEDEN, m.index, "verwijsindex", "organisatie", code="organisatie-onbekend",
                         message=f"lid {m.id}: verwijsindex: " + not_in_config("organisatie", s.organisatie))
        if s.afgemeld is not None:
            continue
        if closed:
            yield ctx.at(case, CASE_FILE, *LEDEN, m.index, "verwijsindex", code="verwijsindex-afmelden", severity=WARNING,
                         message=f"lid {m.id}: de casus is gesloten maar het signaal in de verwijsindex is niet "
                                 "afgemeld; meld het af en leg de datum vast (verwijsindex.afgemeld)")
        elif m.geboortejaar is not None and ctx.today.year >= m.geboortejaar + VERWIJSINDEX_TOT:
            yield ctx.at(case, CASE_FILE, *LEDEN, m.index, "verwijsindex", code="verwijsindex-23", severity=WARNING,
                         message=f"lid {m.id} (geboren {m.geboortejaar}) wordt dit jaar {VERWIJSINDEX_TOT}: meld het "
                                 "signaal in de verwijsindex af (de verwijsindex geldt tot 23 jaar) met "
                                 f"'regie verwijsindex {case.id} --lid {m.id} --afmelden DATUM'")
