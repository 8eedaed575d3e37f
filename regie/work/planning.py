"""The Plan van Aanpak (werkproces 1b): the document, and setting it (vaststellen)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..clock import event_date
from ..dossier.loader import load_case
from ..dossier.model import Afspraak, CaseWithCasus
from ..dossier.network import Network
from ..dossier.plan import Doel
from ..dossier.repo import case_dir
from ..errors import RegieError
from ..formats.yamledit import RoundTrip, edit_front_matter, put
from ..formats.yamlio import parse_yaml, split_front_matter
from ..layout import AFSPRAKEN_FILE, CASE_FILE, NETWERK_FILE, PLAN_FILE
from ..render.templates import render
from ..store import gitops
from ..store.transaction import exclusive
from ..views.onderzoek import OnderzoekView, onderzoek_view
from ..views.safety import meldcode_lines, names, verwijsindex_lines
from .mutation import Change, apply


@dataclass
class Party:
    id: str
    label: str


@dataclass
class GoalView:
    doel: Doel
    afspraken: list[Afspraak] = field(default_factory=list)


@dataclass
class PlanView:
    """Everything the Plan van Aanpak document shows, with names resolved."""

    casus: str
    pseudoniem: str
    status: str
    netwerk: str
    regisseur: str
    casemanager: str | None
    versie: int
    vastgesteld: dt.date | None
    volgende_evaluatie: dt.date | None
    leefgebieden: tuple[str, ...]
    doelen: list[GoalView]
    overige_afspraken: list[Afspraak]
    professionals: list[Party]
    naasten: list[Party]
    naasten_afspraken: list[Afspraak]
    wie: dict[str, str]
    tekst: str
    leden: dict[str, str] = field(default_factory=dict)  # household member id -> how the plan names them
    veiligheid: list[str] = field(default_factory=list)  # the meldcode's steps in words
    verwijsindex: list[str] = field(default_factory=list)
    voor: str | None = None  # a partner's version (work.partners): the organisation's name
    grond: str | None = None  # and what lets it see this: toestemming or afweging
    onderzoek: OnderzoekView | None = None  # baseline, strengths, help, the network's quality, the client's voice


def plan_view(net: Network, case: CaseWithCasus) -> PlanView:
    if case.plan is None:
        raise RegieError(f"casus {case.id} heeft nog geen {PLAN_FILE}")
    labels = case.who_labels(net)
    goals = [GoalView(g, [a for a in case.afspraken if a.doel == g.id]) for g in case.plan.doelen]
    goal_ids = {g.id for g in case.plan.doelen}
    naaste_ids = {n.id for n in case.netwerk.naasten} if case.netwerk else set()
    regisseur = next((r.naam for r in net.regisseurs if r.id == case.casus.regisseur), case.casus.regisseur)
    cm = case.casus.casemanager
    return PlanView(
        casus=case.id,
        pseudoniem=case.casus.pseudoniem,
        status=case.casus.status,
        netwerk=net.naam,
        regisseur=regisseur,
        casemanager=labels.get(cm, cm) if cm else None,
        versie=case.plan.versie,
        vastgesteld=case.plan.vastgesteld,
        volgende_evaluatie=case.plan.volgende_evaluatie,
        leefgebieden=case.casus.leefgebieden,
        doelen=goals,
        overige_afspraken=[a for a in case.afspraken if a.doel not in goal_ids],
        professionals=[Party(p.id, labels[p.id]) for p in case.netwerk.professionals if p.tot is None] if case.netwerk else [],
        naasten=[Party(n.id, n.relatie + (", op de VIP-kaart" if n.vip else "")) for n in case.netwerk.naasten
                 if n.betrokken and n.tot is None] if case.netwerk else [],
        naasten_afspraken=[a for a in case.afspraken if a.wie in naaste_ids],
        wie=labels,
        tekst=_without_title(case.plan.tekst),
        leden={m.id: m.pseudoniem or f"{m.rol}{f' ({m.geboortejaar})' if m.geboortejaar else ''}"
               for m in (case.casus.huishouden.leden if case.casus.huishouden else ())},
        veiligheid=meldcode_lines(case.casus.meldcode, names(net)),
        verwijsindex=verwijsindex_lines(case.casus.verwijsindex, names(net)),
        onderzoek=_onderzoek(net, case),
    )


def _onderzoek(net: Network, case: CaseWithCasus) -> OnderzoekView | None:
    view = onderzoek_view(net, case)
    if not any((view.nulmeting, view.krachten, view.hulp, view.client, view.eigen_woorden)) and not any(
            n.kwaliteit for n in (case.netwerk.naasten if case.netwerk else ())):
        return None
    return view


def _without_title(text: str) -> str:
    """The plan's own text without a leading '# Title' line: the document has its own title."""
    text = text.strip("\n")
    first, _, rest = text.partition("\n")
    return rest.strip("\n") if first.startswith("# ") else text


def render_plan(root: Path, cid: str, *, html: bool = False) -> str:
    net, case, _ = load_case(root, cid, needs=(CASE_FILE, PLAN_FILE, NETWERK_FILE, AFSPRAKEN_FILE))
    view = plan_view(net, case)
    return render("plan-van-aanpak.html.j2" if html else "plan-van-aanpak.md.j2", {"plan": view}, root)


VASTSTELLEN_MESSAGE = "regie plan: plan van aanpak van casus {cid} vastgesteld (versie {versie})"


@exclusive("plan --vaststellen")
def vaststellen(root: Path, cid: str, *, today: dt.date, datum: dt.date | None = None, commit: bool = True,
                also: Callable[[Any, int], None] | None = None) -> Change:
    """Mark the current plan as vastgesteld; a plan changed since it was last set gets version + 1.

    Also moves a case in melding/onderzoek/plan to uitvoering and sets the next evaluation
    date (network term) when the plan has none. Returns (version, remaining problems).
    ``also(front_matter, version)`` adds to the same edit (the client's answer to the new version).
    """

    net, case, _ = load_case(root, cid, needs=(CASE_FILE, PLAN_FILE))
    plan = case.plan
    if plan is None:
        raise RegieError(f"casus {cid} heeft nog geen {PLAN_FILE}")
    if case.casus.status in ("gesloten", "overgedragen"):
        raise RegieError(f"casus {cid} is {case.casus.status}; het plan kan niet meer worden vastgesteld")
    when = event_date(datum, today, after=case.melding.datum if case.melding else None, after_what="de melding")
    folder = case_dir(root, cid)
    plan_path = folder / PLAN_FILE
    text = plan_path.read_text(encoding="utf-8")
    versie = plan.versie
    if plan.vastgesteld is not None:
        if commit and _unchanged_since_set(root, plan_path, text):
            raise RegieError(
                f"versie {versie} van het plan is al vastgesteld op {plan.vastgesteld.isoformat()} en is sindsdien niet gewijzigd"
            )
        versie += 1

    def change(fm) -> None:
        put(fm, "versie", versie)
        put(fm, "vastgesteld", when, after="versie")
        put(fm, "vastgesteld_doelen", plan.goals_fingerprint(), after="vastgesteld")
        if plan.volgende_evaluatie is None or plan.volgende_evaluatie < when:
            put(fm, "volgende_evaluatie", when + dt.timedelta(days=net.termijnen.evaluatie), after="vastgesteld")
        if also is not None:
            also(fm, versie)

    writes = {plan_path: edit_front_matter(text, f"{case.folder}/{PLAN_FILE}", change)}
    if case.casus.status in ("melding", "onderzoek", "plan"):
        casus_path = folder / CASE_FILE
        doc = RoundTrip(casus_path.read_text(encoding="utf-8"), f"{case.folder}/casus.yaml")
        doc.data["status"] = "uitvoering"
        writes[casus_path] = doc.dump()
    problems = apply(root, cid, writes, VASTSTELLEN_MESSAGE.format(cid=cid, versie=versie), today, commit=commit)
    return Change(id=str(versie), what=f"plan van aanpak van casus {cid} vastgesteld (versie {versie})", problems=problems)


def _unchanged_since_set(root: Path, plan_path: Path, text: str) -> bool:
    """True when plan.md is as it was in the last commit that set it (via this command)."""

    marker = "regie plan: plan van aanpak van casus "
    for sha in gitops.path_log(root, plan_path, grep=marker)[:1]:
        return _without_client(gitops.show_file(root, sha, plan_path)) == _without_client(text)
    return False


CLIENT_FIELDS = ("akkoord_client", "eigen_woorden")  # the client's answer and words: recorded after setting, no new version


def _without_client(text: str | None) -> object:
    """plan.md as vaststellen compares it: its front matter without the client's fields, and its text."""
    if text is None:
        return None
    try:
        head, body, offset = split_front_matter(text, PLAN_FILE)
        data = parse_yaml(head, PLAN_FILE, line_offset=offset)
    except RegieError:
        return text
    if isinstance(data, dict):
        data = {k: v for k, v in data.items() if k not in CLIENT_FIELDS}
    return (data, body)
