"""``regie calendar``: the deadlines, evaluations and meetings of the network as an iCalendar feed that updates.

A calendar program keeps an event by its UID and replaces it when a feed brings the same UID
with a higher SEQUENCE (RFC 5545/5546). So every event has a UID that never changes —
``<case>-<id>@<network>`` for an agreement, ``<case>-evaluatie@…``, ``<case>-plan@…``,
``overleg-<date>@…`` — and a SEQUENCE that rises with every change regie can see: a deadline
moved, an agreement done or dropped, an evaluation held. What is done, dropped or no longer due
stays in the feed for a while as ``STATUS:CANCELLED``, so a subscribed calendar removes it
instead of keeping a stale event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..dossier.loader import load_network_work
from ..dossier.model import CaseWithCasus
from ..dossier.scan import Collected, Job
from ..dossier.vocab import OPEN_STATUSES
from ..layout import MEETINGS_DIR
from ..safetext import printable
from ..taal import slug as short
from .deadlines import Due, evaluation_changes, evaluation_due, organisation_of, plan_due

NETWORK = "netwerk"  # in the key of an event outside one case (a consultation's follow-up)
KEEP_DAYS = 90  # a case closed, or an event cancelled, this long ago still sends its cancellations


@dataclass(frozen=True)
class Item:
    """One event: ``key`` makes its UID (with the network's slug); ``sequence`` rises with each change."""

    key: str
    soort: str  # afspraak, evaluatie, plan, overleg, consult
    casus: str | None
    titel: str
    wie: str | None
    organisatie: str | None
    regisseur: str | None
    datum: dt.date
    sequence: int
    geannuleerd: bool


def case_events(net, case: CaseWithCasus, today: dt.date) -> list[Item]:
    """The events of one case: its agreements, its next evaluation and its plan deadline."""
    c = case.casus
    if c.status not in OPEN_STATUSES and (c.gesloten is None or c.gesloten < today - dt.timedelta(days=KEEP_DAYS)):
        return []
    is_open = c.status in OPEN_STATUSES
    out = []
    for a in case.afspraken:
        ended = a.gedaan_op or a.vervallen_op
        if a.status != "open" and ended is not None and ended < today - dt.timedelta(days=KEEP_DAYS):
            continue
        cancelled = a.status != "open" or not is_open
        out.append(Item(f"{case.id}-{a.id}", "afspraak", case.id, f"{case.id} {a.id}: {a.wat}", a.wie,
                        organisation_of(net, case, a.wie), c.regisseur, a.deadline, len(a.verplaatst) + cancelled, cancelled))
    held = len(case.evaluaties)
    due = evaluation_due(net, case) if is_open else None
    if due is not None or held:
        day = due if due is not None else max(e.datum for e in case.evaluaties)
        out.append(Item(f"{case.id}-evaluatie", "evaluatie", case.id, f"{case.id}: evaluatie van het plan van aanpak",
                        c.regisseur, organisation_of(net, case, c.regisseur), c.regisseur, day,
                        evaluation_changes(case) + (due is None), due is None))
    due = plan_due(net, case) if is_open else None
    term = case.melding.datum + dt.timedelta(days=net.termijnen.melding_tot_plan) if case.melding is not None else None
    plan_day = due or term
    if plan_day is not None:
        day = plan_day
        out.append(Item(f"{case.id}-plan", "plan", case.id, f"{case.id}: plan van aanpak vaststellen", c.regisseur,
                        organisation_of(net, case, c.regisseur), c.regisseur, day, 0 if due else 1, due is None))
    out += consult_events(case.consulten, case.id, c.regisseur, today, cancel=not is_open)
    # an event that was never in a feed need not be cancelled: leave out what ended before the case could be shown
    return [e for e in out if not (e.geannuleerd and e.soort == "plan" and case.plan and case.plan.vastgesteld
                                   and case.plan.vastgesteld < today - dt.timedelta(days=KEEP_DAYS))]


def consult_events(consults, casus: str | None, regisseur: str | None, today: dt.date, *, cancel: bool = False) -> list[Item]:
    """The follow-ups of consultations (of a case, or of the network when ``casus`` is None); done ones for a while
    as cancelled."""
    out = []
    for k in consults:
        if k.vervolg is None or (k.vervolg_gedaan is not None and k.vervolg_gedaan < today - dt.timedelta(days=KEEP_DAYS)):
            continue
        done = k.vervolg_gedaan is not None or cancel
        out.append(Item(f"{casus or NETWORK}-{k.id}", "consult", casus, f"{casus or NETWORK} {k.id}: vervolg consultatie "
                        f"({k.rol}, {k.organisatie})", k.regisseur or regisseur, None, k.regisseur or regisseur, k.vervolg,
                        int(done), done))
    return out


def _events_job(ctx, loaded) -> list[Item] | None:
    if loaded.case.casus is None:
        return None  # casus.yaml unusable: left out (its reading problem goes with the result)
    return case_events(ctx.network, loaded.case.with_casus(), ctx.today) or None


CALENDAR = Job("calendar", _events_job)


def meetings(root: Path, today: dt.date) -> list[Item]:
    """The network meetings (``overleggen/<date>.md``) from ``KEEP_DAYS`` ago on."""

    folder = root / MEETINGS_DIR
    out = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else ():
        try:
            day = dt.date.fromisoformat(path.stem)
        except ValueError:
            continue
        if day >= today - dt.timedelta(days=KEEP_DAYS):
            out.append(Item(f"overleg-{day.isoformat()}", "overleg", None, "netwerkoverleg", None, None, None, day, 0, False))
    return out


def slug(text: str) -> str:
    return short(text) or "regie"


def feed(got: Collected, root: Path, today: dt.date, *, regisseur: str | None = None) -> list[Item]:
    items = [e for _, events in got.values for e in events if regisseur is None or e.regisseur == regisseur]
    items += meetings(root, today)
    items += [e for e in consult_events(load_network_work(root)[0], None, None, today)
              if regisseur is None or e.regisseur == regisseur]
    return sorted(items, key=lambda e: (e.datum, e.key))


def to_ics(items: list[Item], today: dt.date, network_name: str, *, name: str = "") -> str:
    """The items as one iCalendar feed: all-day events with stable UIDs and rising SEQUENCE numbers."""
    from icalendar import Calendar, Event


    domain = slug(network_name)
    cal = Calendar()
    cal.add("prodid", "-//regie//deadlines//NL")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", printable(f"regie: {network_name}{name}"))
    stamp = dt.datetime.combine(today, dt.time(0, 0), tzinfo=dt.timezone.utc)
    for e in items:
        ev = Event()
        ev.add("uid", f"{e.key}@{domain}")
        ev.add("dtstamp", stamp)
        ev.add("sequence", e.sequence)
        ev.add("status", "CANCELLED" if e.geannuleerd else "CONFIRMED")
        ev.add("dtstart", e.datum)
        ev.add("dtend", e.datum + dt.timedelta(days=1))
        ev.add("summary", printable(e.titel))
        if e.wie or e.regisseur:
            ev.add("description", printable(f"wie: {e.wie}" + (f" ({e.organisatie})" if e.organisatie else "")
                                            + f"\nregisseur: {e.regisseur}"))
        ev.add("categories", [e.soort])
        ev.add("transp", "TRANSPARENT")  # a deadline does not make the regisseur busy
        cal.add_component(ev)
    return cal.to_ical().decode("utf-8")


def due_to_ics(rows: list[Due], today: dt.date, network_name: str) -> str:
    """One all-day event per deadline, with the same UIDs and SEQUENCE numbers as ``regie calendar``."""
    return to_ics([Item(f"{r.casus or NETWORK}-{r.id}", r.soort, r.casus or None, f"{r.casus or NETWORK} {r.id}: {r.wat}", r.wie, r.organisatie, r.regisseur,
                       r.deadline, r.sequence, False) for r in rows], today, network_name)
