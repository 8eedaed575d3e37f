"""Consent in the network's words: the kinds of data it names are leefgebieden (or a kind that is none), and a
partner works only on the leefgebieden its consent covers."""

from __future__ import annotations

from typing import Iterator

from ...layout import AFSPRAKEN_FILE, CASE_FILE
from ..model import Case
from ..network import LEEFGEBIED_NAMEN
from ..problems import WARNING, Problem
from ..scope import consented_leefgebieden, gegevens_hint, works_on
from ..vocab import GEGEVENS_EXTRA
from .base import Ctx


def consent_words(ctx: Ctx, case: Case) -> Iterator[Problem]:
    """Every word of ``gegevens`` (now and in the history) is a leefgebied or one of the other kinds."""
    c = case.casus
    if c is None:
        return
    stands = [((), c.toestemming), *((("historie", i), h) for i, h in enumerate(c.toestemming.historie))]
    for where, stand in stands:
        for j, word in enumerate(stand.gegevens):
            hint = gegevens_hint(ctx.network, word)
            if hint is not None:
                yield ctx.at(case, CASE_FILE, "toestemming", *where, "gegevens", j, code="toestemming-gegevens",
                             severity=WARNING, message=f"toestemming.gegevens: {hint}")


def consent_scope(ctx: Ctx, case: Case) -> Iterator[Problem]:
    """A partner that the consent covers works only on leefgebieden the consent names (an afweging covers all)."""
    c = case.casus
    if c is None or case.netwerk is None or not c.toestemming.gegevens:
        return
    t = c.toestemming
    covered = consented_leefgebieden(ctx.network, t)
    orgs = dict.fromkeys(p.organisatie for p in case.netwerk.professionals if t.covers(p.organisatie))
    names = ctx.network.organisatie_namen()
    for org in orgs:
        for lg, agreements in works_on(case, org).items():
            if lg in covered:
                continue
            first = agreements[0]
            yield ctx.at(case, AFSPRAKEN_FILE, "afspraken", first.index, "wie", code="toestemming-leefgebied", severity=WARNING,
                         message=f"{names.get(org, org)} werkt aan {_name(lg)} ({', '.join(a.id for a in agreements)}), "
                                 f"maar de toestemming geldt alleen voor {', '.join(_name(w) for w in t.gegevens)}; vraag "
                                 f"toestemming voor {_name(lg)} en leg die vast met 'regie consent' (gegevens: {lg})")


def _name(slug: str) -> str:
    """A leefgebied (or another kind of data) by its name in a message: Geestelijke gezondheid, not the id."""
    return LEEFGEBIED_NAMEN[slug].lower() if slug in LEEFGEBIED_NAMEN else GEGEVENS_EXTRA.get(slug, slug)
