"""One family, one plan, one regisseur (seed 002): the household in a case, and households across cases."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from ...layout import CASE_FILE, PLAN_FILE
from ..model import Case
from ..problems import ERROR, WARNING, Problem
from ..vocab import OPEN_STATUSES
from .base import Ctx


@dataclass(frozen=True)
class Membership:
    """What the cross-case rule needs of one case: its household, whether it is open, its regisseur, where."""

    casus: str
    huishouden: str
    open: bool
    regisseur: str
    file: str
    line: int | None


def membership(ctx: Ctx, case: Case) -> Membership | None:
    c = case.casus
    if c is None or c.huishouden is None:
        return None
    rel = f"{case.folder}/casus.yaml"
    return Membership(case.id, c.huishouden.id, c.status in OPEN_STATUSES, c.regisseur, rel,
                      ctx.lines.line(rel, "huishouden", "id"))


def household(ctx: Ctx, case: Case) -> Iterator[Problem]:
    """Inside one case: members named once, their leefgebieden known, a goal's member exists, a year not a date."""
    c = case.casus
    if c is None:
        return
    if c.samengevoegd_met is not None and c.status != "gesloten":
        yield ctx.at(case, CASE_FILE, "samengevoegd_met", code="huishouden-samengevoegd",
                     message=f"samengevoegd met casus {c.samengevoegd_met}, maar de casus is {c.status}")
    members = {m.id for m in c.huishouden.leden} if c.huishouden else set()
    if c.huishouden:
        known = set(ctx.network.leefgebieden)
        seen: set[str] = set()
        for m in c.huishouden.leden:
            if m.id in seen:
                yield ctx.at(case, CASE_FILE, "huishouden", "leden", m.index, "id", code="huishouden-lid",
                             message=f"lid '{m.id}' staat twee keer in het huishouden")
            seen.add(m.id)
            if m.geboortejaar is not None and not ctx.today.year - 120 <= m.geboortejaar <= ctx.today.year:
                yield ctx.at(case, CASE_FILE, "huishouden", "leden", m.index, "geboortejaar", code="datum-toekomst",
                             message=f"lid {m.id}: geboortejaar {m.geboortejaar} kan niet")
            for i, lg in enumerate(m.leefgebieden):
                if lg not in known:
                    yield ctx.at(case, CASE_FILE, "huishouden", "leden", m.index, "leefgebieden", i,
                                 code="leefgebied-onbekend",
                                 message=f"lid {m.id}: onbekend leefgebied '{lg}' (zie leefgebieden in regie.yaml)")
    if case.plan and PLAN_FILE not in case.broken:
        for g in case.plan.doelen:
            if g.lid is not None and g.lid not in members:
                yield ctx.at(case, PLAN_FILE, "doelen", g.index, "lid", code="doel-lid",
                             message=f"{g.id}: lid '{g.lid}' staat niet in het huishouden (huishouden.leden in casus.yaml)")


def households(members: Iterable[Membership]) -> Iterator[Problem]:
    """Two open cases of one household: an error with different regisseurs, a warning with the same one.

    Each finding is reported at the later case (by id), pointing at the earlier one and at merge-cases.
    """
    by_household: dict[str, list[Membership]] = {}
    for m in members:
        if m.open:
            by_household.setdefault(m.huishouden, []).append(m)
    for group in by_household.values():
        group.sort(key=lambda m: m.casus)
        first = group[0]
        for other in group[1:]:
            if other.regisseur != first.regisseur:
                yield Problem(other.file, other.line, "huishouden-regisseur", ERROR,
                              f"huishouden {other.huishouden} heeft ook open casus {first.casus} met een andere regisseur "
                              f"({first.regisseur}, hier {other.regisseur}): één gezin, één plan, één regisseur; voeg samen met "
                              f"'regie merge-cases {first.casus} {other.casus}'")
            else:
                yield Problem(other.file, other.line, "huishouden-dubbel", WARNING,
                              f"huishouden {other.huishouden} heeft ook open casus {first.casus}: één gezin, één plan; "
                              f"voeg samen met 'regie merge-cases {first.casus} {other.casus}'")
