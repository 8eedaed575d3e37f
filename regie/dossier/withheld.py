"""What an inzage withholds on a day: the records shielded (``afgeschermd``), the meldcode while the family is not
informed, and whatever is derived from those (see ``regie.dossier.afscherming``)."""

from __future__ import annotations

import datetime as dt

from .afscherming import MELDCODE, OVERDRACHT, VERWIJSINDEX, veilig_thuis
from .model import Case
from .network import Network


def meldcode_by_default(case: Case) -> bool:
    """The meldcode is withheld while the family is not informed: a reason recorded, no date."""
    m = case.casus.meldcode if case.casus else None
    return bool(m and m.gezin_niet_geinformeerd and m.gezin_geinformeerd is None)


def withheld(case: Case, net: Network, today: dt.date, also: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """The records withheld from every inzage on ``today`` (and ``also`` those): those shielded, and whatever is
    derived from them."""
    hidden = {s.record for s in case.afscherming if s.geldt(today)} | set(also)
    if meldcode_by_default(case):
        hidden.add(MELDCODE)
    vt = veilig_thuis(net.organisaties)
    c = case.casus
    while True:
        before = len(hidden)
        if MELDCODE in hidden:  # Veilig Thuis in the case hints at the melding
            hidden |= {p.id for p in (case.netwerk.professionals if case.netwerk else ()) if p.organisatie in vt}
            vi = c.verwijsindex if c else None
            if vi and ({vi.signaal_organisatie, vi.regievoerder, *vi.match_organisaties} & vt):
                hidden.add(VERWIJSINDEX)
        if c:
            hidden |= _hidden_handovers(c, hidden)
        plan_goals = case.plan.doelen if case.plan else ()
        hidden |= {a.id for a in case.afspraken if a.doel in hidden or a.wie in hidden}
        hidden |= {v.id for v in case.verstrekkingen if v.escalatie in hidden or v.bron in hidden}
        hidden |= {j.file.split("/", 2)[-1][:-3] for j in case.journaal if j.bron in hidden}
        hidden |= {g.id for g in plan_goals if g.lid in hidden}
        if len(hidden) == before:
            return hidden


def _hidden_handovers(c, hidden: set[str]) -> set[str]:
    """Changes of regie withheld: those shielded or derived (``bron``), and a return right after a withheld one."""
    out: set[str] = set()
    previous_hidden = False
    for h in c.historie:
        key = f"{OVERDRACHT}/{h.datum.isoformat()}"
        this = key in hidden or (h.bron is not None and h.bron in hidden) or (h.terug and previous_hidden)
        if this:
            out.add(key)
        previous_hidden = this and bool(h.organisatie or h.terug)
    return out
