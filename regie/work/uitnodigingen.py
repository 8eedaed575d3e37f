"""The agenda of a meeting about one case, and the invitation per invitee that holds only what that invitee may see.

The partner-documents rule (:mod:`regie.work.partners`) decides what a professional's invitation shows: the goals of
the leefgebieden its organisation's consent (or the afweging) covers, its own agreements, and the people it works
with; written to a file, it is a verstrekking to that organisation. The client's invitation shows the client's own
plan (without anything shielded from the inzage); a naaste's only the agreements of that naaste; a household
member's only the goals about that member, with their agreements. Nobody's invitation names an invitee they may not
see: it says how many others are invited. The regisseur's agenda (no invitee) shows everything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..clock import nl_date
from ..dossier.bijeenkomst import SOORT_NAMEN, Bijeenkomst, attendee_labels
from ..dossier.loader import load_case
from ..dossier.model import Afspraak, CaseWithCasus
from ..dossier.network import Network
from ..dossier.repo import case_dir
from ..dossier.scope import org_people, shielded
from ..dossier.vocab import CLIENT
from ..errors import RegieError
from ..layout import AFSPRAKEN_FILE, BIJEENKOMSTEN_FILE, CASE_FILE, NETWERK_FILE, PLAN_FILE
from ..render.templates import render
from .bijeenkomsten import find, refuse_closed
from .partners import PartnerDocument, Share, names_of, require_scope
from .planning import GoalView


@dataclass
class Uitnodiging:
    """What the agenda or one invitation of a meeting shows."""

    casus: str
    netwerk: str
    regisseur: str
    id: str
    soort: str  # the kind's name (Netwerkbijeenkomst)
    datum: dt.date
    status: str
    agenda: list[str]
    genodigden: list[str]  # how the document names the invitees it may show
    anderen: int  # invitees it does not name
    doelen: list[GoalView]
    overige_afspraken: list[Afspraak]
    wie: dict[str, str]
    voor: str | None = None  # the invitee's label; None: the regisseur's agenda
    uitleg: str = ""  # what this version holds, for its reader
    aanwezig: list[str] = field(default_factory=list)  # the regisseur's agenda of a held meeting
    besluiten: list[str] = field(default_factory=list)


def _kind(net: Network, case: CaseWithCasus, voor: str) -> str:
    """What the invitee is: client, professional, naaste or lid."""
    if voor == CLIENT:
        return "client"
    if case.netwerk and voor in {p.id for p in case.netwerk.professionals}:
        return "professional"
    if case.netwerk and voor in {n.id for n in case.netwerk.naasten}:
        return "naaste"
    return "lid"


def _organisation(case: CaseWithCasus, voor: str) -> str | None:
    pros = case.netwerk.professionals if case.netwerk else ()
    return next((p.organisatie for p in pros if p.id == voor), None)


def view(root: Path, net: Network, case: CaseWithCasus, b: Bijeenkomst,
         voor: str | None) -> tuple[Uitnodiging, Share | None]:
    """The agenda (``voor`` None) or the invitation for ``voor``, and the verstrekking it makes (to a professional's
    organisation; None for the client, a naaste, a household member and the regisseur's own agenda)."""
    labels = attendee_labels(net, case)
    goals_all = list(case.plan.doelen) if case.plan else []
    hidden_people = {p.id for p in (case.netwerk.betrokkenen() if case.netwerk else ()) if shielded(p)}
    hidden_goals = {g.id for g in goals_all if shielded(g)}
    live = [a for a in case.afspraken if a.status != "vervallen"]
    visible = [a for a in live if not shielded(a) and a.wie not in hidden_people and a.doel not in hidden_goals]
    goals = [g for g in goals_all if g.id not in hidden_goals]
    naasten = {n.id for n in case.netwerk.naasten} if case.netwerk else set()
    leden = {m.id for m in case.casus.huishouden.leden} if case.casus.huishouden else set()
    share: Share | None = None
    uitleg = ""
    if voor is None:
        goals, visible, people = goals_all, live, set(b.genodigden)
    elif (kind := _kind(net, case, voor)) == "professional":
        org = _organisation(case, voor)
        assert org is not None
        scope = require_scope(net, case, org, field="voor")
        own = org_people(case, org)
        goals = [g for g in goals if scope.covers(g.leefgebied)]
        shown = {g.id for g in goals}
        visible = [a for a in visible if a.doel in shown or a.wie in own]
        people = own | {a.wie for a in visible} | {CLIENT, case.casus.casemanager or ""}
        names = net.organisatie_namen()
        cats = tuple(lg for lg in net.leefgebieden if lg in {g.leefgebied for g in goals}
                     | {g.leefgebied for g in goals_all for a in visible if a.doel == g.id})
        about = names_of(root, cats)
        share = Share(case.id, org, scope.grond or "", cats, f"uitnodiging en agenda van {b.soort} {b.id} op {nl_date(b.datum)}"
                      + (f", met doelen en afspraken over {about}" if about else ", met de eigen afspraken"))
        uitleg = (f"Deze uitnodiging is voor {labels.get(voor, voor)}. Zij bevat alleen de doelen en afspraken van de "
                  f"leefgebieden waarvoor {'de cliënt toestemming gaf' if scope.grond == 'toestemming' else 'een afweging in het dossier staat'}"
                  f", de eigen afspraken van {names.get(org, org)} en de mensen met wie {names.get(org, org)} samenwerkt. "
                  "Deel haar niet verder.")
    elif kind == "client":
        people = set(b.genodigden)
        uitleg = "Deze uitnodiging is voor u. Zij bevat uw doelen en de afspraken die erbij horen."
    elif kind == "naaste":
        goals, visible = [], [a for a in visible if a.wie == voor]
        people = {CLIENT, voor, case.casus.casemanager or ""} | naasten | leden
        uitleg = "Deze uitnodiging bevat de agenda en de afspraken die u zelf hebt gemaakt."
    else:
        goals = [g for g in goals if g.lid == voor]
        shown = {g.id for g in goals}
        visible = [a for a in visible if a.doel in shown]
        people = {CLIENT, voor, case.casus.casemanager or ""} | naasten | leden
        uitleg = "Deze uitnodiging bevat de agenda en de doelen die over u gaan, met de afspraken die erbij horen."
    shown_goals = {g.id for g in goals}
    names_shown = [labels.get(g, g) for g in b.genodigden if g in people and (voor is None or g not in hidden_people)]
    regisseur = next((r.naam for r in net.regisseurs if r.id == case.casus.regisseur), case.casus.regisseur)
    doc = Uitnodiging(
        casus=case.id, netwerk=net.naam, regisseur=regisseur, id=b.id, soort=SOORT_NAMEN.get(b.soort, b.soort),
        datum=b.datum, status=b.status, agenda=list(b.agenda), genodigden=names_shown,
        anderen=len(b.genodigden) - len(names_shown),
        doelen=[GoalView(g, [a for a in visible if a.doel == g.id]) for g in goals],
        overige_afspraken=[a for a in visible if a.doel not in shown_goals],
        wie=case.who_labels(net), voor=labels.get(voor, voor) if voor else None, uitleg=uitleg,
        aanwezig=[labels.get(w, w) for w in b.aanwezig] if voor is None else [],
        besluiten=list(b.besluiten) if voor is None else [],
    )
    return doc, share


NEEDS = (CASE_FILE, NETWERK_FILE, BIJEENKOMSTEN_FILE, AFSPRAKEN_FILE)


def document(root: Path, cid: str, bid: str, voor: str | None = None, *, html: bool = False) -> PartnerDocument:
    """The agenda of meeting ``bid`` (``voor`` None) or the invitation for invitee ``voor``, with its verstrekking."""
    net, case, _ = load_case(root, cid, needs=NEEDS + ((PLAN_FILE,) if (case_dir(root, cid) / PLAN_FILE).exists() else ()))
    b = find(case, bid)
    if voor is not None:
        refuse_closed(case, "een uitnodiging versturen")
        if voor not in b.genodigden:
            raise RegieError(f"'{voor}' is niet uitgenodigd voor bijeenkomst {bid} van casus {cid} "
                             f"(genodigden: {', '.join(b.genodigden)})")
        if b.gehouden:
            raise RegieError(f"bijeenkomst {bid} van casus {cid} is al gehouden; een uitnodiging is niet meer nodig")
    doc, share = view(root, net, case, b, voor)
    text = render("bijeenkomst.html.j2" if html else "bijeenkomst.md.j2", {"b": doc}, root)
    return PartnerDocument(text, (share,) if share else ())



def all_invitations(root: Path, cid: str, bid: str, *, html: bool = False) -> dict[str, PartnerDocument]:
    """The invitation of every invitee of meeting ``bid``, by invitee."""
    _, case, _ = load_case(root, cid, needs=(CASE_FILE, BIJEENKOMSTEN_FILE))
    return {who: document(root, cid, bid, who, html=html) for who in find(case, bid).genodigden}
