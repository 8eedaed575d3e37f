"""What the Plan van Aanpak and the inzage show of the onderzoekende rol and the client's voice.

The ZRM baseline over every domain, the strengths, the help before and now, how each naaste is
for the client, and the client's answer to this version of the plan and own words: in sentences,
with names resolved. Never written to; a partner's version of the plan leaves all of it out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..clock import nl_date
from ..dossier.model import CaseWithCasus
from ..dossier.network import Network
from ..dossier.onderzoek import ZRM_BETEKENIS


@dataclass
class OnderzoekView:
    nulmeting_datum: dt.date | None = None
    nulmeting: list[tuple[str, int | None, str]] = field(default_factory=list)  # (leefgebied, score, its meaning)
    krachten: list[str] = field(default_factory=list)
    hulp: list[str] = field(default_factory=list)
    netwerk: list[str] = field(default_factory=list)  # each naaste with the latest judgement
    client: str | None = None  # the client's answer to this version of the plan
    eigen_woorden: str | None = None


def onderzoek_view(net: Network, case: CaseWithCasus) -> OnderzoekView:
    c = case.casus
    view = OnderzoekView()
    if (base := c.nulmeting) is not None:
        view.nulmeting_datum = base.datum
        order = [*net.leefgebieden, *(lg for lg in base.scores if lg not in net.leefgebieden)]
        view.nulmeting = [(lg, base.scores[lg], ZRM_BETEKENIS.get(base.scores[lg] or 0, "niet van toepassing"))
                          for lg in order if lg in base.scores]
    view.krachten = [f"{k.wat.rstrip('.')} (genoemd door {k.bron})." if k.bron else k.wat for k in c.krachten]
    orgs = net.organisatie_namen()
    view.hulp = [f"{orgs.get(h.organisatie, h.organisatie)}{f', {h.wat}' if h.wat else ''}: {nl_date(h.van)} tot "
                 f"{nl_date(h.tot) if h.tot else 'nu'}{f' — {h.resultaat}' if h.resultaat else ''}" for h in c.hulp]
    for n in case.netwerk.naasten if case.netwerk else ():
        if n.tot is not None:
            continue
        o = n.oordeel
        judged = f"{o.oordeel} (sinds {nl_date(o.datum)})" if o else ("steunend" if n.steunend else "niet steunend")
        view.netwerk.append(f"{n.relatie}: {judged}" + (f" — {o.toelichting}" if o and o.toelichting else ""))
    if case.plan is not None:
        a = case.plan.antwoord_client()
        if a is not None:
            view.client = (f"De cliënt is akkoord met versie {a.versie} ({nl_date(a.datum)})." if a.akkoord else
                           f"De cliënt is niet akkoord met versie {a.versie} ({nl_date(a.datum)}): {a.reden or '-'}")
        view.eigen_woorden = case.plan.eigen_woorden
    return view
