"""What is due and what is overdue: agreements, evaluations, plans to be set.

One computation serves ``overdue``, ``agenda``, ``list`` and ``show``; the writers at the
bottom turn the rows into CSV and iCalendar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from ..dossier.model import Case, CaseWithCasus
from ..dossier.network import Network
from ..dossier.network_records import Consult
from ..dossier.scan import Collected, Job
from ..dossier.vocab import OPEN_STATUSES, PLAN_SET_STATUSES
from ..safetext import csv_text

AFSPRAAK, EVALUATIE, PLAN, CONSULT = "afspraak", "evaluatie", "plan", "consult"


@dataclass(frozen=True)
class Due:
    """One thing with a deadline. ``dagen`` > 0: that many days overdue; <= 0: due in -dagen days."""

    soort: str
    casus: str
    id: str
    wat: str
    wie: str
    organisatie: str | None
    regisseur: str
    deadline: dt.date
    dagen: int
    sequence: int = 0  # how often this deadline changed (an agreement moved, an evaluation held): for calendars

    def to_dict(self) -> dict:
        d = asdict(self)
        del d["sequence"]
        d["deadline"] = self.deadline.isoformat()
        return d


def organisation_of(net: Network, case: Case, who: str) -> str | None:
    if case.netwerk:
        for p in case.netwerk.professionals:
            if p.id == who:
                return p.organisatie
    for r in net.regisseurs:
        if r.id == who:
            return r.organisatie
    return None


def evaluation_due(net: Network, case: CaseWithCasus) -> dt.date | None:
    """When the next evaluation of a case in uitvoering or nazorg is due, if it is."""
    if case.casus.status not in PLAN_SET_STATUSES or not case.plan or not case.plan.vastgesteld:
        return None
    if case.plan.volgende_evaluatie:
        last = max((e.datum for e in case.evaluaties), default=None)
        # an evaluation held on or after the planned date means the plan's date is used up
        if last is None or last < case.plan.volgende_evaluatie:
            return case.plan.volgende_evaluatie
    last = max((e.datum for e in case.evaluaties), default=case.plan.vastgesteld)
    return last + dt.timedelta(days=net.termijnen.evaluatie)


def evaluation_changes(case: Case) -> int:
    """How often a case's next evaluation date has moved: once per evaluation held and per plan version (for calendars)."""
    return len(case.evaluaties) + (case.plan.versie if case.plan else 0)


def plan_due(net: Network, case: CaseWithCasus) -> dt.date | None:
    """When the plan of a case still without a vastgesteld plan should have been set."""
    if case.melding is None or case.casus.status not in ("melding", "onderzoek", "plan"):
        return None
    if case.plan and case.plan.vastgesteld:
        return None
    return case.melding.datum + dt.timedelta(days=net.termijnen.melding_tot_plan)


def case_items(net: Network, case: CaseWithCasus, today: dt.date) -> list[Due]:
    """Everything with a deadline in one open case, overdue or not."""
    if case.casus.status not in OPEN_STATUSES:
        return []
    reg = case.casus.regisseur
    items = [
        Due(AFSPRAAK, case.id, a.id, a.wat, a.wie, organisation_of(net, case, a.wie), reg, a.deadline,
            (today - a.deadline).days, len(a.verplaatst))
        for a in case.afspraken
        if a.status == "open"
    ]
    due = evaluation_due(net, case)
    if due:
        items.append(Due(EVALUATIE, case.id, "evaluatie", "evaluatie van het plan van aanpak", reg,
                         organisation_of(net, case, reg), reg, due, (today - due).days, evaluation_changes(case)))
    due = plan_due(net, case)
    if due:
        items.append(Due(PLAN, case.id, "plan", "plan van aanpak vaststellen", reg,
                         organisation_of(net, case, reg), reg, due, (today - due).days))
    items += [followup(c, case.id, c.regisseur or reg, organisation_of(net, case, c.regisseur or reg), reg, today)
              for c in case.consulten if c.vervolg_open]
    return items


def followup(c: Consult, casus: str, wie: str, organisatie: str | None, regisseur: str, today: dt.date) -> Due:
    """The open follow-up of a consultation, as a deadline."""
    assert c.vervolg is not None
    return Due(CONSULT, casus, c.id, f"vervolg consultatie ({c.rol}, {c.organisatie})", wie, organisatie, regisseur,
               c.vervolg, (today - c.vervolg).days)


def network_followups(net: Network, consults: list[Consult], today: dt.date) -> list[Due]:
    """The open follow-ups of the network's consultations (outside one case: ``casus`` is empty)."""
    orgs = {r.id: r.organisatie for r in net.regisseurs}
    return [followup(c, "", c.regisseur or "", orgs.get(c.regisseur or ""), c.regisseur or "", today)
            for c in consults if c.vervolg_open]


def _items_job(ctx, loaded) -> list[Due] | None:
    if loaded.case.casus is None:
        return None  # casus.yaml unusable: left out (its reading problem goes with the result)
    return case_items(ctx.network, loaded.case.with_casus(), ctx.today) or None


DUE = Job("overdue", _items_job)


def due_items(
    got: Collected,
    *,
    within: int | None = None,
    regisseur: str | None = None,
    wie: str | None = None,
    extra: tuple[Due, ...] | list[Due] = (),
) -> list[Due]:
    """Overdue items (and, with ``within``, those due in the next ``within`` days), most overdue first.

    ``got`` is what a ``DUE`` scan collected; ``extra`` the follow-ups of the network's consultations.
    """
    rows: list[Due] = []
    for item in [i for _, items in got.values for i in items] + list(extra):
        if regisseur and item.regisseur != regisseur:
            continue
        if wie and wie not in (item.organisatie, item.wie):
            continue
        if item.dagen > 0 or (within is not None and item.dagen >= -within):
            rows.append(item)
    return sorted(rows, key=lambda d: (-d.dagen, d.casus, d.soort, d.id))


CSV_FIELDS = ("soort", "casus", "id", "wat", "wie", "organisatie", "regisseur", "deadline", "dagen")


def to_csv(rows: list[Due], dialect: str = "excel") -> str:
    return csv_text(CSV_FIELDS, ([r.to_dict()[k] for k in CSV_FIELDS] for r in rows), dialect)
