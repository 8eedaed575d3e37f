"""The onderzoekende rol and the client's voice: ZRM measurements over the network's domains, strengths on a
known domain, unique ids of help and strengths, and the client's answer to a plan that is being carried out."""

from __future__ import annotations

from typing import Iterator

from ...layout import CASE_FILE, PLAN_FILE
from ..model import Case
from ..problems import WARNING, Problem
from .base import Ctx

HINT = "zie leefgebieden in regie.yaml"


def zrm(ctx: Ctx, case: Case) -> Iterator[Problem]:
    c = case.casus
    if c is None:
        return
    known = ctx.network.leefgebieden
    seen: set = set()
    for m in c.zrm:
        if m.datum in seen:
            yield ctx.at(case, CASE_FILE, "zrm", m.index, "datum", code="zrm-dubbel",
                         message=f"twee metingen op de Zelfredzaamheid-Matrix op {m.datum.isoformat()}")
        seen.add(m.datum)
        for lg in m.scores:
            if lg not in known:
                yield ctx.at(case, CASE_FILE, "zrm", m.index, "scores", lg, code="leefgebied-onbekend",
                             message=f"onbekend leefgebied '{lg}' ({HINT})")
        missing = [lg for lg in known if lg not in m.scores]
        if missing:
            yield ctx.at(case, CASE_FILE, "zrm", m.index, "scores", code="zrm-onvolledig", severity=WARNING,
                         message=f"meting van {m.datum.isoformat()} mist leefgebieden: {', '.join(missing)}")
    for k in c.krachten:
        if k.leefgebied is not None and k.leefgebied not in known:
            yield ctx.at(case, CASE_FILE, "krachten", k.index, "leefgebied", code="leefgebied-onbekend",
                         message=f"{k.id}: onbekend leefgebied '{k.leefgebied}' ({HINT})")
    for field, items in (("hulp", c.hulp), ("krachten", c.krachten)):
        ids: set[str] = set()
        for x in items:
            if x.id in ids:
                yield ctx.at(case, CASE_FILE, field, x.index, "id", code="id-dubbel", message=f"id '{x.id}' komt twee keer voor")
            ids.add(x.id)
    for h in c.hulp:
        if h.tot is not None and h.tot < h.van:
            yield ctx.at(case, CASE_FILE, "hulp", h.index, "tot", code="datum-volgorde",
                         message=f"{h.id}: einde {h.tot.isoformat()} ligt voor het begin ({h.van.isoformat()})")


def client_answer(ctx: Ctx, case: Case) -> Iterator[Problem]:
    """A plan in uitvoering has the client's answer to its version (akkoord, or not and why)."""
    p, c = case.plan, case.casus
    if p is None or c is None or c.status != "uitvoering" or p.vastgesteld is None:
        return
    for a in p.akkoord_client:
        if not a.akkoord and not a.reden:
            yield ctx.at(case, PLAN_FILE, "akkoord_client", a.index, code="akkoord-client",
                         message=f"de cliënt is niet akkoord met versie {a.versie} maar de reden ontbreekt")
    if p.antwoord_client() is None:
        yield ctx.at(case, PLAN_FILE, "versie", code="akkoord-client", severity=WARNING,
                     message=f"het plan is in uitvoering, maar het antwoord van de cliënt op versie {p.versie} ontbreekt; "
                             f"leg het vast met 'regie plan {case.id} --akkoord-client DATUM' of "
                             f"'regie plan {case.id} --niet-akkoord-client DATUM --reden ...'")
