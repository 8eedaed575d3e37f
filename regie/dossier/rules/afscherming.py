"""Records withheld from the inzage (``afgeschermd``): who set it, until when, and what a ``bron`` points at."""

from __future__ import annotations

from typing import Iterator

from ...layout import CASE_FILE, JOURNAL_DIR, VERSTREKKINGEN_FILE
from ..afscherming import MELDCODE, MELDING, VERWIJSINDEX
from ..model import Case
from ..problems import WARNING, Problem
from .base import Ctx


def afscherming(ctx: Ctx, case: Case) -> Iterator[Problem]:
    """A shield names a regisseur who set it and one end (a date or a condition); an end date past is a warning."""
    regisseurs = ctx.network.regisseur_ids()
    for s in case.afscherming:
        if s.door not in regisseurs:
            yield ctx.at(case, s.file, *s.pointer, "door", code="afscherming-door",
                         message=f"{s.record}: afgeschermd door '{s.door}', geen regisseur in regie.yaml")
        if (s.tot is None) == (s.totdat is None):
            yield ctx.at(case, s.file, *s.pointer, code="afscherming-termijn",
                         message=f"{s.record}: een afscherming heeft een einde: tot (een datum) of totdat (een voorwaarde), "
                                 "één van beide")
        elif s.tot is not None and s.tot < ctx.today:
            yield ctx.at(case, s.file, *s.pointer, "tot", code="afscherming-verlopen", severity=WARNING,
                         message=f"{s.record}: afgeschermd tot {s.tot.isoformat()}; die datum is voorbij en de inzage toont "
                                 "het weer; haal het veld weg of verleng het")
    yield from _bronnen(ctx, case)


def _bronnen(ctx: Ctx, case: Case) -> Iterator[Problem]:
    """A ``bron`` names a record of the case (withheld with it, so a wrong name would withhold nothing)."""
    known = {MELDCODE, MELDING, VERWIJSINDEX, *(a.id for a in case.afspraken), *(e.id for e in case.escalaties),
             *(v.id for v in case.verstrekkingen), *(g.id for g in (case.plan.doelen if case.plan else ()))}
    files = [j.file for j in case.journaal] + [e.file for e in case.evaluaties]
    known |= {"/".join(f.split("/")[-2:]).removesuffix(".md") for f in files}
    for v in case.verstrekkingen:
        if v.bron is not None and v.bron not in known:
            yield ctx.at(case, VERSTREKKINGEN_FILE, "verstrekkingen", v.index, "bron", code="afscherming-bron",
                         message=f"{v.id}: bron '{v.bron}' is geen record van deze casus")
    for i, h in enumerate(case.casus.historie if case.casus else ()):
        if h.bron is not None and h.bron not in known:
            yield ctx.at(case, CASE_FILE, "regie_historie", i, "bron", code="afscherming-bron",
                         message=f"regie_historie: bron '{h.bron}' is geen record van deze casus")
    for j in case.journaal:
        if j.bron is not None and j.bron not in known:
            yield ctx.at(case, f"{JOURNAL_DIR}/{j.file.rsplit('/', 1)[1]}", "bron", code="afscherming-bron",
                         message=f"bron '{j.bron}' is geen record van deze casus")
