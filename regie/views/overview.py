"""Summaries of cases for ``list`` and ``show``: plain data, printed by the commands."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..dossier.meldcode import summary as meldcode_summary
from ..dossier.model import CaseWithCasus
from ..dossier.network import Network
from ..dossier.scan import Collected, Job
from ..dossier.vocab import AFSPRAAK_STATUS
from .deadlines import case_items


@dataclass(frozen=True)
class CaseRow:
    id: str
    status: str
    regisseur: str
    urgentie: str
    leefgebieden: tuple[str, ...]
    volgende_deadline: dt.date | None
    te_laat: int

    def to_dict(self) -> dict:
        return {
            "id": self.id, "status": self.status, "regisseur": self.regisseur, "urgentie": self.urgentie,
            "leefgebieden": list(self.leefgebieden),
            "volgende_deadline": self.volgende_deadline.isoformat() if self.volgende_deadline else None,
            "te_laat": self.te_laat,
        }


def case_row(net: Network, case: CaseWithCasus, today: dt.date) -> CaseRow:
    items = case_items(net, case, today)
    upcoming = [i.deadline for i in items if i.dagen <= 0]
    return CaseRow(
        case.id, case.casus.status, case.casus.regisseur, case.casus.urgentie, case.casus.leefgebieden,
        min(upcoming, default=None), sum(1 for i in items if i.dagen > 0),
    )


def _row_job(ctx, loaded) -> CaseRow | None:
    if loaded.case.casus is None:
        return None  # casus.yaml unusable: left out (its reading problem goes with the result)
    return case_row(ctx.network, loaded.case.with_casus(), ctx.today)


ROWS = Job("list", _row_job)


def case_rows(got: Collected, *, status: str | None = None, regisseur: str | None = None) -> list[CaseRow]:
    """The rows of the cases a ``ROWS`` scan collected, filtered."""
    return [row for _, row in got.values
            if not (status and row.status != status) and not (regisseur and row.regisseur != regisseur)]


def case_summary(net: Network, case: CaseWithCasus, today: dt.date) -> dict:
    """Everything ``show`` prints about one case, as JSON-ready data (no free text from the dossier)."""

    c, m, p = case.casus, case.melding, case.plan
    items = case_items(net, case, today)
    return {
        "id": case.id,
        "status": c.status,
        "regisseur": c.regisseur,
        "casemanager": c.casemanager,
        "pseudoniem": c.pseudoniem,
        "traject": c.traject,
        "urgentie": c.urgentie,
        "leefgebieden": list(c.leefgebieden),
        "geopend": c.geopend.isoformat(),
        "gesloten": c.gesloten.isoformat() if c.gesloten else None,
        "toestemming": c.toestemming.status,
        "toestemming_partners": list(c.toestemming.partners) if c.toestemming.partners is not None else None,
        "melding": {"datum": m.datum.isoformat(), "aard": m.aard, "melder": m.melder_rol,
                    "organisatie": m.melder_organisatie} if m else None,
        "plan": {"versie": p.versie, "vastgesteld": p.vastgesteld.isoformat() if p.vastgesteld else None,
                 "doelen": [{"id": g.id, "leefgebied": g.leefgebied, "startscore": g.startscore, "doelscore": g.doelscore}
                            for g in p.doelen]} if p else None,
        "betrokkenen": {
            "professionals": [{"id": x.id, "organisatie": x.organisatie, "rol": x.rol} for x in case.netwerk.professionals],
            "naasten": [{"id": n.id, "relatie": n.relatie, "betrokken": n.betrokken, "vip": n.vip} for n in case.netwerk.naasten],
        } if case.netwerk else None,
        "afspraken": {s: sum(1 for a in case.afspraken if a.status == s) for s in AFSPRAAK_STATUS},
        "deadlines": [i.to_dict() for i in sorted(items, key=lambda i: i.deadline)],
        "escalaties_open": [{"id": e.id, "niveau": e.niveau, "over": e.over, "datum": e.datum.isoformat()}
                            for e in case.escalaties if e.afgesloten is None],
        "evaluaties": [{"datum": e.datum.isoformat(), "soort": e.soort, "besluit": e.besluit} for e in case.evaluaties],
        "huishouden": {"id": c.huishouden.id, "leden": [{"id": m.id, "rol": m.rol, "geboortejaar": m.geboortejaar}
                                                        for m in c.huishouden.leden]} if c.huishouden else None,
        "cti_fasen": [{"fase": f.fase, "van": f.van.isoformat(), "doelen": list(f.doelen)} for f in c.cti_fasen],
        "intake": {"datum": c.intake.datum.isoformat(), "besluit": c.intake.besluit, "verwezen_naar": c.intake.verwezen_naar}
        if c.intake else None,
        "meldcode": meldcode_summary(c.meldcode),
        "verwijsindex": {
            "signaal": {"datum": vi.signaal_datum.isoformat(), "organisatie": vi.signaal_organisatie} if vi.signaal_datum else None,
            "match": {"datum": vi.match_datum.isoformat(), "organisaties": list(vi.match_organisaties)} if vi.match_datum else None,
            "regievoerder": vi.regievoerder,
        } if (vi := c.verwijsindex) else None,
    }
