"""Partner documents (need-to-know): the Plan van Aanpak and the agenda as one organisation may see them, and the
verstrekking that writing one records.

A partner's version holds the goals and agreements of the leefgebieden its consent (or the afweging) covers, its
own agreements, and the people it works with. It never holds the plan's free text, the meldcode, the
verwijsindex, a shielded record (``afgeschermd``) or what is derived from one, nor another partner's agreements
outside those leefgebieden. A document written to a file is a verstrekking: recorded in each case it covers, in
one commit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..clock import nl_date
from ..dossier.loader import load_case
from ..dossier.model import Case, CaseWithCasus
from ..dossier.network import Network
from ..dossier.scan import Collected
from ..dossier.scope import Scope, involved, org_people, partner_scope, shielded
from ..errors import RegieError
from ..layout import AFSPRAKEN_FILE, CASE_FILE, NETWERK_FILE, PLAN_FILE, VERSTREKKINGEN_FILE
from ..render.templates import leefgebied_namen, render
from ..store.transaction import exclusive
from ..views.agenda import build
from . import verstrekkingen
from .mutation import Change, apply
from .planning import GoalView, PlanView, plan_view


@dataclass(frozen=True)
class Share:
    """One verstrekking a partner document makes: in which case, to whom, which leefgebieden, on which ground."""

    casus: str
    aan: str
    grondslag: str
    categorieen: tuple[str, ...]  # leefgebied ids, in the network's order
    wat: str


@dataclass(frozen=True)
class PartnerDocument:
    text: str
    shares: tuple[Share, ...]


def require_scope(net: Network, case: Case, org: str, *, field: str = "voor") -> Scope:
    """The scope of ``org`` in ``case``; refused when it takes no part in the case or nothing allows sharing with it."""
    net.require_organisatie(org, field=field)
    name = net.organisatie_namen().get(org, org)
    if not involved(case, org):
        raise RegieError(f"{name} is niet betrokken bij casus {case.id} (geen professional van die organisatie in "
                         f"{NETWERK_FILE}); er is geen partnerversie te maken")
    scope = partner_scope(net, case, org)
    if scope.grond is None:
        raise RegieError(f"in casus {case.id} is er geen toestemming of afweging die delen met {name} toelaat; leg die "
                         "eerst vast met 'regie consent'")
    return scope


def partner_plan_view(net: Network, case: CaseWithCasus, org: str) -> tuple[PlanView, Scope]:
    """The Plan van Aanpak as ``org`` may see it, and the scope it was cut to."""
    scope = require_scope(net, case, org)
    full = plan_view(net, case)
    own = org_people(case, org)
    hidden_goals = {g.doel.id for g in full.doelen if shielded(g.doel)}
    hidden_people = {p.id for p in (case.netwerk.betrokkenen() if case.netwerk else ()) if shielded(p)}
    goals = [GoalView(g.doel, [a for a in g.afspraken if not shielded(a) and a.wie not in hidden_people]) for g in full.doelen
             if g.doel.id not in hidden_goals and scope.covers(g.doel.leefgebied)]
    shown_goals = {g.doel.id for g in goals}
    others = [a for a in case.afspraken if a.wie in own and not shielded(a) and a.doel not in shown_goals
              and a.doel not in hidden_goals]
    agreements = [a for g in goals for a in g.afspraken] + others
    people = (own | {a.wie for a in agreements} | {case.casus.casemanager or ""}) - hidden_people
    names = net.organisatie_namen()
    view = dataclasses.replace(
        full,
        casemanager=full.casemanager if case.casus.casemanager not in hidden_people else None,
        leefgebieden=tuple(lg for lg in full.leefgebieden if scope.covers(lg)),
        doelen=goals,
        overige_afspraken=[a for a in others if a.wie not in hidden_people],
        professionals=[p for p in full.professionals if p.id in people],
        naasten=[n for n in full.naasten if n.id in people],
        naasten_afspraken=[],  # each is under its goal already: a partner's version lists nothing twice
        tekst="",
        veiligheid=[],
        verwijsindex=[],
        onderzoek=None,  # the client's own words and how each naaste is: not for a partner
        voor=names.get(org, org),
        grond=scope.grond,
    )
    return view, scope


def _plan_categories(net: Network, case: Case, view: PlanView) -> tuple[str, ...]:
    goals = {g.id: g.leefgebied for g in case.plan.doelen} if case.plan else {}
    used = {g.doel.leefgebied for g in view.doelen} | {goals[a.doel] for a in view.overige_afspraken if a.doel in goals}
    return tuple(lg for lg in net.leefgebieden if lg in used)


def names_of(root: Path, categories: tuple[str, ...]) -> str:
    """Leefgebieden by their names in a Dutch list ('Huisvesting, Financiën en Sociaal netwerk')."""
    names = leefgebied_namen(root)
    words = [names.get(c, c) for c in categories]
    return " en ".join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else (words[0] if words else "")


def partner_plan(root: Path, cid: str, org: str, *, html: bool = False) -> PartnerDocument:
    """The partner version of a case's Plan van Aanpak, with the verstrekking writing it makes."""
    net, case, _ = load_case(root, cid, needs=(CASE_FILE, PLAN_FILE, NETWERK_FILE, AFSPRAKEN_FILE))
    view, scope = partner_plan_view(net, case, org)
    text = render("plan-van-aanpak.html.j2" if html else "plan-van-aanpak.md.j2", {"plan": view}, root)
    categories = _plan_categories(net, case, view)
    about = names_of(root, categories)
    wat = f"Plan van Aanpak (versie {view.versie}), de delen over {about}" if about else \
        f"Plan van Aanpak (versie {view.versie}), alleen de eigen afspraken"
    return PartnerDocument(text, (Share(cid, org, scope.grond or "", categories, wat),))


def partner_agenda(got: Collected, root: Path, datum: dt.date, org: str, *, html: bool = False) -> PartnerDocument:
    """The agenda of the netwerkoverleg of ``datum`` for partner ``org`` (``got``: what ``agenda_job(root, datum, org)``
    collected), with a verstrekking for every case on it."""
    got.network.require_organisatie(org, field="voor")
    agenda = build(got, root, datum)
    text = render("agenda.html.j2" if html else "agenda.md.j2", {"agenda": agenda}, root)
    day = nl_date(datum)
    shares = []
    for cid, parts in got.values:
        if "betrokken" not in parts:
            continue
        categories = tuple(parts.get("leefgebieden", ()))
        about = names_of(root, categories)
        wat = f"agenda van het netwerkoverleg van {day}: het casusnummer en de agendapunten" + (
            f", met afspraken over {about}" if about else "")
        shares.append(Share(cid, org, parts["betrokken"][0].tekst, categories, wat))
    return PartnerDocument(text, tuple(shares))


@exclusive("verstrekking van een partnerdocument")
def record_shares(root: Path, shares: tuple[Share, ...], *, document: str, today: dt.date, commit: bool = True) -> Change:
    """Record each share as a verstrekking in its case (checked like ``regie share``), all in one commit."""
    if not shares:
        return Change(what="geen casussen in dit document: geen verstrekking vastgelegd")
    writes: dict[Path, str | bytes | None] = {}
    made = []
    texts: dict[str, str] = {}  # verstrekkingen.yaml of each case as this commit leaves it
    taken: dict[str, set[str]] = {}  # ids handed out in this commit, per case (one document may share twice in a case)
    for s in shares:
        net, case, _ = load_case(root, s.casus)
        if VERSTREKKINGEN_FILE in case.broken:
            raise RegieError(f"{case.folder}/{VERSTREKKINGEN_FILE} is ongeldig; los dat eerst op (zie 'regie validate {s.casus}')")
        verstrekkingen.check(net, case, s.aan, s.grondslag, today)
        mine = taken.setdefault(s.casus, set())
        item = verstrekkingen.entry(case, datum=today, aan=s.aan, wat=s.wat, grondslag=s.grondslag, taken=mine)
        mine.add(item["id"])
        before = texts.get(s.casus)
        path, text = verstrekkingen.append(root, case, item, before)
        writes[path] = texts[s.casus] = text
        made.append(f"{item['id']} in casus {s.casus}")
    orgs = ", ".join(dict.fromkeys(s.aan for s in shares))
    cases = list(dict.fromkeys(s.casus for s in shares))
    where = f"casus {cases[0]}" if len(cases) == 1 else f"{len(cases)} casussen"
    problems = apply(root, cases[0] if len(cases) == 1 else None, writes,
                     f"regie {document}: partnerversie voor {orgs}, verstrekking vastgelegd in {where}", today,
                     commit=commit, scope=cases, record=True)
    return Change(what=f"verstrekking vastgelegd: {', '.join(made)}", paths=list(writes), problems=problems)
