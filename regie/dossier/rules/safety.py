"""Safety duties of the regisseur (seed 004): the meldcode's steps and the verwijsindex."""

from __future__ import annotations

import datetime as dt
from typing import Callable, Iterator, Sequence

from ...layout import CASE_FILE, MELDING_FILE
from ..afscherming import veilig_thuis
from ..meldcode import CONCLUSIES, STAPPEN, VRAGEN, Meldcode, Stap, missing_answer
from ..model import Case
from ..network import not_in_config
from ..problems import ERROR, WARNING, Problem
from ..vocab import OPEN_STATUSES
from .base import Ctx

_ACTIVE = (*OPEN_STATUSES, "overgedragen")


def meldcode(ctx: Ctx, case: Case) -> Iterator[Problem]:
    if CASE_FILE in case.broken or case.casus is None:
        return
    c, m, net = case.casus, case.melding, ctx.network
    record = c.meldcode
    who = net.regisseur_ids() | net.organisatie_ids()
    yield from _handover_without_melding(ctx, case, record)
    if record is None:
        if (c.status in _ACTIVE and m is not None and case.meldcode_nodig(net)
                and (ctx.today - m.datum).days > net.termijnen.meldcode):
            yield ctx.at(case, MELDING_FILE, "veiligheid", code="meldcode-ontbreekt", severity=WARNING,
                         message=f"veiligheidsrisico bij een melding van de soort '{m.soort}', maar na "
                                 f"{(ctx.today - m.datum).days} dagen is nog geen stap van de meldcode vastgelegd "
                                 f"(termijn {net.termijnen.meldcode} dagen): 'regie meldcode {case.id} --stap 1'")
        return
    for s in record.stappen:
        def at(field: str, code: str, message: str, severity: str = ERROR, s=s) -> Problem:
            return ctx.at(case, CASE_FILE, "meldcode", "stappen", s.index, field, code=code, message=message,
                          severity=severity)

        yield from _step(s, at, record.stappen, who, m.datum if m is not None else None, ctx.today)
    weighed = record.laatste(4)
    if weighed is not None and weighed.conclusie() == "melden" and record.gemeld() is None:
        yield ctx.at(case, CASE_FILE, "meldcode", "stappen", weighed.index, "afweging", code="meldcode-melden",
                     message=f"de afweging van {weighed.datum.isoformat()} komt uit op {CONCLUSIES['melden']}, maar er is geen "
                             f"melding vastgelegd (stap 5 met 'gemeld'): 'regie meldcode {case.id} --stap 5 "
                             "--besluit melden --gemeld DATUM'")
    yield from _as_walked(ctx, case, record)
    told = record.gezin_geinformeerd
    if told is not None and (told > ctx.today or (m is not None and told < m.datum)):
        yield ctx.at(case, CASE_FILE, "meldcode", "gezin_geinformeerd", "datum", code="datum-volgorde",
                     message=f"gezin geïnformeerd op {told.isoformat()}: ligt "
                             + ("in de toekomst" if told > ctx.today or m is None
                                else f"voor de melding ({m.datum.isoformat()})"))
    if record.gemeld() is not None and told is None and record.gezin_niet_geinformeerd is None:
        yield ctx.at(case, CASE_FILE, "meldcode", code="meldcode-gezin", severity=WARNING,
                     message="er is gemeld bij Veilig Thuis, maar niet vastgelegd of en wanneer het gezin dat is verteld "
                             f"(of waarom niet): 'regie meldcode {case.id} --gezin-geinformeerd DATUM'")


def _as_walked(ctx: Ctx, case: Case, record: Meldcode) -> Iterator[Problem]:
    """The meldcode as it is walked: a decision for hulp has question 5 answered by its day."""
    assert case.casus is not None
    due = record.vraag5_open(ctx.network.termijnen.meldcode_vraag5)
    if due is not None and case.casus.status in _ACTIVE and due[1] < ctx.today:
        decided, day = due
        yield ctx.at(case, CASE_FILE, "meldcode", "stappen", decided.index, code="meldcode-vraag5", severity=WARNING,
                     message=f"meldcode: na het besluit tot hulp van {decided.datum.isoformat()} is vraag 5 van het afwegingskader "
                             f"({VRAGEN['duurzaam_veilig']}) nog niet beantwoord; dat moest uiterlijk {day.isoformat()}: "
                             f"'regie meldcode {case.id} --stap 4 … --duurzaam-veilig ja|nee'")


def _handover_without_melding(ctx: Ctx, case: Case, record: Meldcode | None) -> Iterator[Problem]:
    """Regie is with Veilig Thuis while the meldcode has no melding (step 5 with 'gemeld')."""
    c = case.casus
    assert c is not None
    vt = veilig_thuis(ctx.network.organisaties)
    if c.status != "overgedragen" or c.overgedragen_aan not in vt or (record is not None and record.gemeld() is not None):
        return
    last = max((i for i, h in enumerate(c.historie) if h.organisatie in vt and not h.terug), default=None)
    pointer = ("regie_historie", last, "organisatie") if last is not None else ("overgedragen_aan",)
    since = f" op {c.historie[last].datum.isoformat()}" if last is not None else ""
    yield ctx.at(case, CASE_FILE, *pointer, code="meldcode-overdracht", severity=WARNING,
                 message=f"de regie is{since} overgedragen aan Veilig Thuis ({c.overgedragen_aan}), maar de meldcode heeft "
                         "geen melding (stap 5 met besluit melden en de datum van de melding): "
                         f"'regie meldcode {case.id} --stap 5 --besluit melden --gemeld DATUM'")


def _step(s: Stap, at: Callable[..., Problem], steps: Sequence[Stap], who: set[str], melding: dt.date | None,
          today: dt.date) -> Iterator[Problem]:
    """One step of the meldcode: by someone known, on a date that fits, after the step before, with only its own fields."""
    label = f"meldcode stap {s.stap} ({STAPPEN[s.stap]})"
    if s.wie not in who:
        yield at("wie", "meldcode-wie", f"{label}: '{s.wie}' is geen regisseur of organisatie in regie.yaml")
    if s.datum > today:
        yield at("datum", "datum-toekomst", f"{label}: {s.datum.isoformat()} ligt in de toekomst")
    if melding is not None and s.datum < melding:
        yield at("datum", "datum-volgorde", f"{label}: {s.datum.isoformat()} ligt voor de melding ({melding.isoformat()})")
    if s.stap > 1 and not any(p.stap == s.stap - 1 and p.datum <= s.datum for p in steps):
        yield at("stap", "meldcode-volgorde",
                 f"{label} op {s.datum.isoformat()} zonder eerdere stap {s.stap - 1} ({STAPPEN[s.stap - 1]})")
    if s.veilig_thuis_geraadpleegd and s.stap != 2:
        yield at("veilig_thuis_geraadpleegd", "meldcode-stap", f"{label}: 'veilig_thuis_geraadpleegd' hoort bij stap 2")
    if s.afweging and s.stap != 4:
        yield at("afweging", "meldcode-stap", f"{label}: 'afweging' hoort bij stap 4")
    if (s.besluit or s.gemeld) and s.stap != 5:
        yield at("besluit" if s.besluit else "gemeld", "meldcode-stap", f"{label}: 'besluit' en 'gemeld' horen bij stap 5")
    if s.overgeslagen and s.stap != 3:
        yield at("overgeslagen", "meldcode-stap", f"{label}: alleen stap 3 (gesprek met de cliënt) kan worden overgeslagen")
    if s.geraadpleegd and s.stap != 2:
        yield at("geraadpleegd", "meldcode-stap", f"{label}: 'geraadpleegd' hoort bij stap 2")
    if s.vraag5_voor is not None and "hulp" not in s.besluit:
        yield at("vraag5_voor", "meldcode-stap", f"{label}: 'vraag5_voor' hoort bij stap 5 met besluit hulp")
    elif s.vraag5_voor is not None and s.vraag5_voor < s.datum:
        yield at("vraag5_voor", "datum-volgorde", f"{label}: vraag 5 uiterlijk {s.vraag5_voor.isoformat()} ligt voor het besluit")
    if s.stap == 4:
        gap = missing_answer(dict(s.afweging))
        if gap is not None:
            yield at("afweging", "meldcode-afweging", f"{label}: de afweging is niet af; beantwoord '{gap}': {VRAGEN[gap]}")
    if s.stap == 5:
        yield from _decision(s, at, label, melding, today)


def _decision(s: Stap, at: Callable[..., Problem], label: str, melding: dt.date | None, today: dt.date) -> Iterator[Problem]:
    """Step 5: a decision, and a report to Veilig Thuis exactly when it says 'melden', on a date that fits."""
    if not s.besluit:
        yield at("stap", "meldcode-besluit", f"{label}: geen besluit (melden en/of hulp)")
    if "melden" in s.besluit and s.gemeld is None:
        yield at("besluit", "meldcode-melden", f"{label}: besluit 'melden' zonder datum van de melding ('gemeld')")
    if s.gemeld is not None and "melden" not in s.besluit:
        yield at("gemeld", "meldcode-melden", f"{label}: 'gemeld' bij een besluit zonder 'melden'")
    if s.gemeld is not None and (s.gemeld > today or s.gemeld < (melding or s.gemeld)):
        yield at("gemeld", "datum-volgorde", f"{label}: gemeld op {s.gemeld.isoformat()} ligt "
                 + ("in de toekomst" if s.gemeld > today or melding is None else f"voor de melding ({melding.isoformat()})"))


def verwijsindex(ctx: Ctx, case: Case) -> Iterator[Problem]:
    if CASE_FILE in case.broken or case.casus is None:
        return
    c, m, net = case.casus, case.melding, ctx.network
    vi = c.verwijsindex
    member_signal = any(m_.verwijsindex for m_ in (c.huishouden.leden if c.huishouden else ()))
    if (vi is None or vi.signaal_datum is None) and not member_signal:
        if (c.status in _ACTIVE and m is not None and case.jeugd()
                and (ctx.today - m.datum).days > net.termijnen.verwijsindex):
            yield ctx.at(case, CASE_FILE, "verwijsindex" if vi else "id", code="verwijsindex-ontbreekt",
                         severity=WARNING,
                         message=f"jeugdcasus zonder signaal in de verwijsindex na {(ctx.today - m.datum).days} dagen "
                                 f"(termijn {net.termijnen.verwijsindex} dagen): "
                                 f"'regie verwijsindex {case.id} --signaal DATUM --organisatie ORG'")
    if vi is None:
        return
    orgs = net.organisatie_ids()
    if vi.signaal_organisatie is not None and vi.signaal_organisatie not in orgs:
        yield ctx.at(case, CASE_FILE, "verwijsindex", "signaal", "organisatie", code="organisatie-onbekend",
                     message="verwijsindex: " + not_in_config("organisatie", vi.signaal_organisatie))
    for i, org in enumerate(vi.match_organisaties):
        if org not in orgs:
            yield ctx.at(case, CASE_FILE, "verwijsindex", "match", "organisaties", i, code="organisatie-onbekend",
                         message="verwijsindex: " + not_in_config("organisatie", org))
    if vi.regievoerder is not None and vi.regievoerder not in orgs | net.regisseur_ids():
        yield ctx.at(case, CASE_FILE, "verwijsindex", "regievoerder", code="verwijsindex-regievoerder",
                     message=f"verwijsindex: regievoerder '{vi.regievoerder}' is geen regisseur of organisatie in regie.yaml")
    if vi.match_datum is not None:
        if vi.signaal_datum is None:
            yield ctx.at(case, CASE_FILE, "verwijsindex", "match", code="verwijsindex-match",
                         message="verwijsindex: een match zonder signaal; leg eerst het signaal vast")
        elif vi.match_datum < vi.signaal_datum:
            yield ctx.at(case, CASE_FILE, "verwijsindex", "match", "datum", code="datum-volgorde",
                         message=f"verwijsindex: match op {vi.match_datum.isoformat()} ligt voor het signaal ({vi.signaal_datum.isoformat()})")
    for day, pointer in ((vi.signaal_datum, "signaal"), (vi.match_datum, "match")):
        if day is not None and day > ctx.today:
            yield ctx.at(case, CASE_FILE, "verwijsindex", pointer, "datum", code="datum-toekomst",
                         message=f"verwijsindex: {pointer} op {day.isoformat()} ligt in de toekomst")
