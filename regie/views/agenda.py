"""The agenda of the next netwerkoverleg, built from the whole dossier.

Cases appear by their pseudonymous id only; the agenda holds no client names or
free text from the dossier beyond what the items themselves say.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..dossier.loader import load_signals
from ..dossier.model import party_name
from ..dossier.scan import Collected, Job
from ..dossier.scope import involved, org_people, partner_scope, shielded
from ..layout import BIJEENKOMSTEN_FILE, CASES_DIR, MEETINGS_DIR
from ..render.templates import render
from .deadlines import evaluation_due, plan_due

_DATE_FILE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.md$")


def meeting_dates(root: Path) -> list[dt.date]:
    folder = root / MEETINGS_DIR
    dates = []
    if folder.is_dir():
        for p in folder.iterdir():
            m = _DATE_FILE.match(p.name)
            if m:
                try:
                    dates.append(dt.date.fromisoformat(m.group(1)))
                except ValueError:
                    continue
    return sorted(dates)


@dataclass
class CaseLine:
    casus: str
    tekst: str
    datum: dt.date | None = None
    dagen: int | None = None
    link: str | None = None  # where the record is, from the agenda's folder (overleggen/)


@dataclass
class Agenda:
    datum: dt.date
    netwerk: str
    vorige: dt.date | None
    voor: str | None = None  # a partner's agenda: the organisation's name (only its own cases, no signals)
    nieuwe_meldingen: list[CaseLine] = field(default_factory=list)
    vast_te_stellen: list[CaseLine] = field(default_factory=list)
    evaluaties: list[CaseLine] = field(default_factory=list)
    te_laat: dict[str, list[CaseLine]] = field(default_factory=dict)
    escalaties: list[CaseLine] = field(default_factory=list)
    afsluiten: list[CaseLine] = field(default_factory=list)
    bijeenkomsten: list[CaseLine] = field(default_factory=list)  # meetings about one case (regie bijeenkomst)
    signalen: list[CaseLine] = field(default_factory=list)
    casussen: list[str] = field(default_factory=list)  # a partner's agenda: every case it takes part in

    def cases(self) -> list[str]:
        """The case ids on this agenda (signals aside), for the minutes."""
        lines = (self.nieuwe_meldingen + self.vast_te_stellen + self.evaluaties + self.escalaties + self.afsluiten
                 + self.bijeenkomsten)
        return sorted({line.casus for line in lines} | set(self.te_laat) | set(self.casussen))


_SECTIONS = ("nieuwe_meldingen", "vast_te_stellen", "evaluaties", "escalaties", "afsluiten", "bijeenkomsten")


def case_lines(ctx, loaded, datum: dt.date, vorige: dt.date | None, voor: str | None = None) -> dict | None:
    """What one case puts on the agenda of ``datum`` (None: nothing), by section; for a partner (``voor``) only a
    case it takes part in, with what it may see (see ``partner_lines``)."""
    if loaded.case.casus is None:
        return None  # casus.yaml unusable: left out (its reading problem goes with the result)
    net, case = ctx.network, loaded.case.with_casus()
    if voor is not None:
        return partner_lines(net, case, datum, vorige, voor)
    return network_lines(net, case, datum, vorige)


def network_lines(net, case, datum: dt.date, vorige: dt.date | None) -> dict | None:
    """What one case puts on the network's agenda of ``datum`` (None: nothing), by section."""
    c, m = case.casus, case.melding
    org_names = net.organisatie_namen()
    out: dict[str, list[CaseLine]] = {}
    add = lambda section, line: out.setdefault(section, []).append(line)  # noqa: E731
    open_case = c.status not in ("gesloten", "overgedragen")
    if m and (m.datum > vorige if vorige else c.status in ("melding", "onderzoek")) and m.datum <= datum:
        text = f"{m.aard} (urgentie {m.urgentie}; gemeld door {m.melder_rol})"
        if c.intake and c.intake.besluit == "niet-aangenomen":  # the network sees where it went (seed 002)
            text += " — niet aangenomen" + (f", verwezen naar {org_names.get(c.intake.verwezen_naar, c.intake.verwezen_naar)}"
                                            if c.intake.verwezen_naar else ", niet verwezen")
        add("nieuwe_meldingen", CaseLine(case.id, text, m.datum))
    due = plan_due(net, case)
    if due:
        add("vast_te_stellen", CaseLine(case.id, "plan van aanpak vaststellen", due, (datum - due).days))
    due = evaluation_due(net, case)
    if due and due <= datum:
        add("evaluaties", CaseLine(case.id, "evaluatie plan van aanpak", due, (datum - due).days))
    if open_case:
        late = [
            CaseLine(case.id, f"{a.id} {a.wat} ({a.wie})", a.deadline, (datum - a.deadline).days)
            for a in sorted(case.afspraken, key=lambda a: a.deadline)
            if a.status == "open" and a.deadline < datum
        ]
        if late:
            out["te_laat"] = late
    for e in case.escalaties:
        if e.afgesloten is None:
            add("escalaties", CaseLine(
                case.id,
                f"{e.id} niveau {e.niveau} ({net.level_name(e.over, e.niveau)}) over {party_name(e.over, org_names)}, "
                f"{(datum - e.datum).days} dagen open",
                e.datum))
    latest = max(case.evaluaties, key=lambda e: e.datum, default=None)
    if open_case and latest and latest.besluit in ("afsluiten", "overdragen"):
        add("afsluiten", CaseLine(case.id, f"besluit {latest.besluit} bij de evaluatie", latest.datum))
    elif c.status == "nazorg" and c.nazorg_tot and c.nazorg_tot <= datum:
        add("afsluiten", CaseLine(case.id, "nazorgperiode voorbij", c.nazorg_tot))
    for line in meeting_lines(case, datum, vorige):
        add("bijeenkomsten", line)
    return out or None


def meeting_lines(case, datum: dt.date, vorige: dt.date | None, invited: set[str] | None = None) -> list[CaseLine]:
    """The case's meetings the network should know of on ``datum``: every planned one (coming, or waiting for its
    minutes) and every one held since the previous overleg; for a partner only those it is ``invited`` to."""
    lines = []
    for b in sorted(case.bijeenkomsten, key=lambda b: b.datum):
        if invited is not None and not invited & set(b.genodigden):
            continue
        if b.gehouden and not ((vorige is None or b.datum > vorige) and b.datum <= datum):
            continue
        state = "gehouden" if b.gehouden else ("gepland" if b.datum >= datum else "gepland, nog geen verslag")
        lines.append(CaseLine(case.id, f"{b.id} {b.soort} ({state})", b.datum,
                              link=f"../{CASES_DIR}/{case.id}/{BIJEENKOMSTEN_FILE}" if invited is None else None))
    return lines


def agenda_job(root: Path, datum: dt.date, voor: str | None = None) -> Job:
    """The per-case part of the agenda of ``datum`` (it depends on the date of the previous meeting too), for the
    network or for one partner organisation (``voor``)."""
    previous = [d for d in meeting_dates(root) if d < datum]
    return Job("agenda", case_lines, (datum, previous[-1] if previous else None, voor))


def partner_lines(net, case, datum: dt.date, vorige: dt.date | None, org: str) -> dict | None:
    """What a case puts on the agenda of partner ``org``: nothing unless the partner takes part in it and the consent
    or the afweging lets it see the case; then the items of the network's agenda without free text of the melding,
    with only the agreements it may see and only escalations about itself."""
    scope = partner_scope(net, case, org)
    if not involved(case, org, datum) or scope.grond is None:
        return None
    full = network_lines(net, case, datum, vorige) or {}
    goals = {g.id: g for g in case.plan.doelen} if case.plan else {}
    own = org_people(case, org)
    labels = case.who_labels(net)

    def visible(a) -> bool:
        goal = goals.get(a.doel) if a.doel else None
        if shielded(a) or (goal is not None and shielded(goal)):
            return False
        return a.wie in own or (goal is not None and scope.covers(goal.leefgebied))

    out = {k: v for k, v in full.items() if k in ("vast_te_stellen", "evaluaties", "afsluiten")}
    if "nieuwe_meldingen" in full:
        out["nieuwe_meldingen"] = [CaseLine(line.casus, "nieuwe melding", line.datum) for line in full["nieuwe_meldingen"]]
    open_case = case.casus.status not in ("gesloten", "overgedragen")
    overdue = [a for a in sorted(case.afspraken, key=lambda a: a.deadline)
               if open_case and a.status == "open" and a.deadline < datum and visible(a)]
    if overdue:
        out["te_laat"] = [CaseLine(case.id, f"{a.id} {a.wat} ({labels.get(a.wie, a.wie)})", a.deadline,
                                   (datum - a.deadline).days) for a in overdue]
    about = {f"{e.id} " for e in case.escalaties if e.over == org and not shielded(e)}
    mine = [line for line in full.get("escalaties", ()) if line.tekst.startswith(tuple(about))] if about else []
    if mine:
        out["escalaties"] = mine
    mine_meetings = meeting_lines(case, datum, vorige, own)
    if mine_meetings:
        out["bijeenkomsten"] = mine_meetings
    out["betrokken"] = [CaseLine(case.id, scope.grond)]  # listed even when nothing else is on the agenda for it
    shown = {goals[a.doel].leefgebied for a in overdue if a.doel in goals}
    out["leefgebieden"] = [lg for lg in net.leefgebieden if lg in shown]  # for the record of the verstrekking
    return out


def build(got: Collected, root: Path, datum: dt.date) -> Agenda:
    """Everything the network should discuss on ``datum``; ``got`` is what ``agenda_job(root, datum)`` collected."""

    net = got.network
    _, vorige, voor = got.args
    ag = Agenda(datum=datum, netwerk=net.naam, vorige=vorige,
                voor=net.organisatie_namen().get(voor, voor) if voor else None)
    for cid, parts in got.values:
        for section in _SECTIONS:
            getattr(ag, section).extend(parts.get(section, ()))
        if "te_laat" in parts:
            ag.te_laat[cid] = parts["te_laat"]
        if "betrokken" in parts:
            ag.casussen.append(cid)
    if voor:
        return ag  # policy signals are the network's, not a partner's
    for s in load_signals(root)[0]:
        if s.status == "open":
            ag.signalen.append(CaseLine(", ".join(s.casussen), f"{s.id} {s.over} ({s.aard})", s.datum))
        elif s.status == "beantwoord":  # the answer comes back to the network
            ag.signalen.append(CaseLine(", ".join(s.casussen), f"{s.id} {s.over} ({s.aard}) — beantwoord: {s.antwoord}",
                                        s.beantwoord_op or s.datum))
    return ag


def render_agenda(got: Collected, root: Path, datum: dt.date, *, html: bool = False) -> str:
    return render("agenda.html.j2" if html else "agenda.md.j2", {"agenda": build(got, root, datum)}, root)
