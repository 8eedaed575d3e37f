"""The later life of a case: evaluate (1g, 4a/4b), hand over (1e, seed 004), close and keep (5c).

Each function checks what the user asked, builds the new file texts, and hands them to
``mutation.apply`` (validate, commit, or undo).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..clock import event_date
from ..errors import RegieError, UsageError
from ..dossier.loader import load_case
from ..dossier.model import EVALUATION_KINDS, OPEN_STATUSES, Case, Network
from ..dossier.problems import Problem
from ..dossier.repo import case_dir
from ..layout import EVALUATIONS_DIR, PLAN_FILE
from ..dossier.scan import Job
from ..limits import MAX_NAZORG_WEKEN, check_range
from ..store.transaction import exclusive
from ..taal import aantal


@dataclass
class Done:
    """What a lifecycle command did: files written, warnings for the user, remaining problems."""

    paths: list[Path]
    warnings: list[str]
    problems: list[Problem]


def _d(date: dt.date) -> str:
    return date.isoformat()


def add_years(date: dt.date, years: int) -> dt.date:
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February
        return date.replace(year=date.year + years, day=28)


# ---------------------------------------------------------------- evaluate

@dataclass
class GoalScore:
    id: str
    leefgebied: str
    omschrijving: str
    start: int | None
    doel: int | None
    vorige: int | None
    vorige_datum: dt.date | None


@dataclass
class AgreementState:
    id: str
    wat: str
    wie: str
    deadline: dt.date
    stand: str


def _agreement_state(a, on: dt.date) -> str:
    if a.status == "gedaan":
        late = (a.gedaan_op - a.deadline).days if a.gedaan_op else 0
        return f"gedaan {_d(a.gedaan_op)}" + (f" ({late} dagen na de deadline)" if late > 0 else " (op tijd)")
    if a.status == "vervallen":
        return "vervallen" + (f": {a.reden}" if a.reden else "")
    return f"te laat ({(on - a.deadline).days} dagen)" if a.deadline < on else "open"


def evaluation_context(net: Network, case: Case, soort: str, datum: dt.date) -> dict:
    previous = max((e for e in case.evaluaties if e.datum <= datum), key=lambda e: e.datum, default=None)
    since = previous.datum if previous else (case.plan.vastgesteld if case.plan and case.plan.vastgesteld else None)
    goals = []
    for g in case.plan.doelen if case.plan else ():
        earlier = [e for e in case.evaluaties if e.datum <= datum and e.scores.get(g.leefgebied) is not None]
        last = max(earlier, key=lambda e: e.datum, default=None)
        goals.append(GoalScore(g.id, g.leefgebied, g.omschrijving, g.startscore, g.doelscore,
                               last.scores[g.leefgebied] if last else None, last.datum if last else None))
    labels = case.who_labels(net)
    agreements = [
        AgreementState(a.id, a.wat, labels.get(a.wie, a.wie), a.deadline, _agreement_state(a, datum))
        for a in case.afspraken
        if since is None or a.gemaakt >= since or a.status == "open" or (a.gedaan_op and a.gedaan_op >= since)
    ]
    ladder = net.ladder()
    orgs = net.organisatie_namen()
    escalations = [f"{e.id}: niveau {e.niveau} ({ladder.get(e.niveau, '?')}) over {orgs.get(e.over, e.over)} sinds {_d(e.datum)}"
                   for e in case.escalaties if e.afgesloten is None]
    leefgebieden = list(dict.fromkeys([g.leefgebied for g in goals] or list(case.casus.leefgebieden if case.casus else ())))
    return {
        "casus": case.id, "soort": soort, "datum": datum, "vorige": previous.datum if previous else None,
        "sinds": since, "doelen": goals, "leefgebieden": leefgebieden,
        "vorige_scores": {g.leefgebied: g.vorige for g in goals},
        "afspraken": agreements, "escalaties": escalations,
    }


@exclusive("evaluate")
def evaluate(
    root: Path, cid: str, *, today: dt.date, soort: str = "tussentijds", datum: dt.date | None = None,
    edit: Callable[[Path], None] | None = None, commit: bool = True,
) -> Done:
    """Create ``evaluaties/<datum>.md`` pre-filled from the case, let the user edit it, commit it.

    Also sets the plan's next evaluation date (network term; none after an eind-evaluatie).
    If the edited evaluation does not validate it stays in place, uncommitted, so nothing typed is lost.
    """
    from ..store import gitops
    from .mutation import apply, let_user_edit
    from ..views.render import render
    from ..store.files import write_text_atomic
    from ..store.yamledit import edit_front_matter, put

    net, case, _ = load_case(root, cid, needs=("casus.yaml", PLAN_FILE, "afspraken.yaml", "escalaties.yaml"))
    if soort not in EVALUATION_KINDS:
        raise UsageError(f"ongeldige soort '{soort}'; kies uit: {', '.join(EVALUATION_KINDS)}")
    if case.casus and case.casus.status in ("gesloten", "overgedragen"):
        raise RegieError(f"casus {cid} is {case.casus.status}; evalueren kan niet meer")
    when = event_date(datum, today)
    warnings = []
    if case.plan is None:
        warnings.append(f"casus {cid} heeft nog geen plan van aanpak; de evaluatie heeft geen doelen")
    elif case.plan.vastgesteld is None:
        warnings.append(f"het plan van aanpak van casus {cid} is nog niet vastgesteld")
    folder = case_dir(root, cid)
    path = folder / EVALUATIONS_DIR / f"{_d(when)}.md"
    n = 2
    while path.exists():
        path = folder / EVALUATIONS_DIR / f"{_d(when)}-{n}.md"
        n += 1
    text = render("evaluatie.md.j2", evaluation_context(net, case, soort, when), root)
    if commit:
        gitops.check_ready(root)  # before the editor opens: nothing typed is refused afterwards
    if edit is not None:
        text = let_user_edit(root, path.name, text, edit)
    writes = {path: text}
    if case.plan is not None:
        plan_path = folder / PLAN_FILE
        nxt = None if soort == "eind" else when + dt.timedelta(days=net.termijnen.evaluatie)
        writes[plan_path] = edit_front_matter(
            plan_path.read_text(encoding="utf-8"), f"{case.folder}/{PLAN_FILE}",
            lambda fm: put(fm, "volgende_evaluatie", nxt, after="vastgesteld"),
        )
    try:
        problems = apply(root, cid, writes, f"regie evaluate: {soort}-evaluatie van casus {cid} ({_d(when)})", today, commit=commit)
    except RegieError as exc:
        if edit is not None:  # keep what the user typed
            write_text_atomic(path, text)
            raise RegieError(f"{exc.message}\nje evaluatie staat nog in {path.relative_to(root)} (niet gecommit); "
                             "los de fouten op en commit zelf") from None
        raise
    return Done(list(writes), warnings, problems)


# ---------------------------------------------------------------- handover

@exclusive("handover")
def handover(
    root: Path, cid: str, *, reden: str, today: dt.date, naar: str | None = None, casushouder: str | None = None,
    terug: bool = False, tijdelijk: bool = False, commit: bool = True,
) -> tuple[str, list[Problem], str | None]:
    """Record who holds regie now: another regisseur, an outside organisation, back to the network, or a casushouder.

    Returns a Dutch description of what changed, the remaining problems, and the outside
    organisation that now holds regie (None for the other kinds).
    """
    from ..privacy.lint import check_value

    check_value("--reden", reden)
    from ruamel.yaml.comments import CommentedSeq

    from .mutation import apply
    from ..store.yamledit import RoundTrip, append_item, new_map, put

    net, case, _ = load_case(root, cid, needs=("casus.yaml", "netwerk.yaml"))
    c = case.casus
    assert c is not None
    if not reden.strip():
        raise UsageError("--reden mag niet leeg zijn")
    if sum(bool(x) for x in (naar, casushouder, terug)) != 1:
        raise UsageError("geef precies één van --naar, --casushouder of --terug")
    if c.status == "gesloten":
        raise RegieError(f"casus {cid} is gesloten; overdragen kan niet meer")
    path = case_dir(root, cid) / "casus.yaml"
    doc = RoundTrip(path.read_text(encoding="utf-8"), f"{case.folder}/casus.yaml")
    data = doc.data
    history = data.get("regie_historie")
    if history is None:
        history = CommentedSeq([new_map({"datum": c.geopend, "regisseur": c.regisseur, "reden": "casus geopend"})])
        put(data, "regie_historie", history)
    regisseurs = {r.id: r.naam for r in net.regisseurs}
    orgs = net.organisatie_namen()
    if terug:
        if c.status != "overgedragen":
            raise RegieError(f"casus {cid} is niet overgedragen (status {c.status}); er valt niets terug te nemen")
        back = next((h.status_voor for h in reversed(c.historie) if h.organisatie and h.status_voor), None) or "uitvoering"
        data["status"] = back
        del data["overgedragen_aan"]
        entry = {"datum": today, "regisseur": c.regisseur, "terug": True, "reden": reden}
        what = f"regie van casus {cid} terug bij {regisseurs.get(c.regisseur, c.regisseur)} (status {back})"
    elif casushouder:
        pros = {p.id: p for p in case.netwerk.professionals} if case.netwerk else {}
        if casushouder not in pros:
            raise RegieError(f"'{casushouder}' is geen professional in netwerk.yaml van casus {cid} "
                             f"(wel: {', '.join(sorted(pros)) or 'geen'})")
        put(data, "casemanager", casushouder, after="regisseur")
        entry = {"datum": today, "casushouder": casushouder, "reden": reden}
        what = f"casus {cid} overgedragen aan casushouder {casushouder} ({pros[casushouder].rol})"
    elif naar in regisseurs:
        if naar == c.regisseur and c.status != "overgedragen":
            raise RegieError(f"{regisseurs[naar]} voert de regie van casus {cid} al")
        data["regisseur"] = naar
        entry = {"datum": today, "regisseur": naar, "reden": reden}
        what = f"regie van casus {cid} overgedragen aan {regisseurs[naar]}"
    elif naar in orgs:
        if c.status not in OPEN_STATUSES:
            raise RegieError(f"casus {cid} is al {c.status}")
        entry = {"datum": today, "organisatie": naar, "tijdelijk": tijdelijk or None, "status_voor": c.status, "reden": reden}
        data["status"] = "overgedragen"
        put(data, "overgedragen_aan", naar, after="status")
        what = f"regie van casus {cid} {'tijdelijk ' if tijdelijk else ''}overgedragen aan {orgs[naar]}"
    else:
        raise RegieError(f"'{naar}' is geen regisseur of organisatie in regie.yaml "
                         f"(regisseurs: {', '.join(sorted(regisseurs))}; organisaties: {', '.join(sorted(orgs))})")
    append_item(history, new_map(entry))
    problems = apply(root, cid, {path: doc.dump()}, f"regie handover: casus {cid} overgedragen", today, commit=commit)
    if naar in regisseurs:
        from .identity import rekey_after_handover

        rekey_after_handover(root, cid, today, commit)  # the new regisseur must be able to read the identity
    return what, problems, (naar if naar in orgs and naar not in regisseurs else None)


def _holder(ctx, loaded) -> tuple[str, str] | None:
    """(regisseur, status) of a case, for finding the cases a regisseur holds."""
    c = loaded.case.casus
    return (c.regisseur, c.status) if c is not None else None


HOLDERS = Job("houders", _holder)


@exclusive("handover --van")
def handover_all(
    root: Path, *, van: str, naar: str, reden: str, today: dt.date, status: str | None = None, commit: bool = True,
) -> tuple[list[str], list[Problem]]:
    """Hand every open case of regisseur ``van`` (optionally with one status) to ``naar`` in one commit.

    Each case's ``regie_historie`` records it; identities are re-encrypted for the new regisseur
    afterwards (one commit more), where this user can read them. Returns the cases moved.
    """
    from ..privacy.lint import check_value

    check_value("--reden", reden)
    from ruamel.yaml.comments import CommentedSeq

    from ..dossier.scan import collect
    from ..store.yamledit import RoundTrip, append_item, new_map, put
    from .mutation import apply

    if not reden.strip():
        raise UsageError("--reden mag niet leeg zijn")
    if status is not None and status not in OPEN_STATUSES:
        raise UsageError(f"--status kiest uit de open casussen: {', '.join(OPEN_STATUSES)}")
    got = collect(root, today, HOLDERS)
    net = got.network
    regisseurs = {r.id: r for r in net.regisseurs}
    for who, option in ((van, "--van"), (naar, "--naar")):
        if who not in regisseurs:
            raise RegieError(f"{option}: '{who}' is geen regisseur in regie.yaml ({', '.join(sorted(regisseurs))})")
    if van == naar:
        raise UsageError("--van en --naar zijn dezelfde regisseur")
    if regisseurs[naar].actief_tot is not None and regisseurs[naar].actief_tot < today:
        raise RegieError(f"{naar} is niet meer actief (tot {regisseurs[naar].actief_tot.isoformat()}); kies een andere regisseur")
    cids = [cid for cid, (who, st) in got.values if who == van and st in OPEN_STATUSES and (status is None or st == status)]
    if not cids:
        raise RegieError(f"regisseur {van} heeft geen open casussen" + (f" met status {status}" if status else ""))
    writes: dict[Path, str] = {}
    for cid in cids:
        _, case, _ = load_case(root, cid, needs=("casus.yaml",))
        c = case.casus
        assert c is not None
        path = case_dir(root, cid) / "casus.yaml"
        doc = RoundTrip(path.read_text(encoding="utf-8"), f"{case.folder}/casus.yaml")
        history = doc.data.get("regie_historie")
        if history is None:
            history = CommentedSeq([new_map({"datum": c.geopend, "regisseur": c.regisseur, "reden": "casus geopend"})])
            put(doc.data, "regie_historie", history)
        doc.data["regisseur"] = naar
        append_item(history, new_map({"datum": today, "regisseur": naar, "reden": reden}))
        writes[path] = doc.dump()
    problems = apply(root, None, writes, f"regie handover: {aantal(len(cids), 'casus')} overgedragen aan een andere regisseur",
                     today, commit=commit, scope=cids)
    from .identity import rekey_after_handovers

    rekey_after_handovers(root, cids, today, commit)  # the new regisseur must be able to read the identities
    return cids, problems


def render_handover_memo(root: Path, cid: str) -> str:
    """The memo for the organisation that now holds regie: why, the meldcode record, open agreements, who is involved."""
    from ..views.render import render
    from ..views.safety import meldcode_lines, names, verwijsindex_lines

    net, case, _ = load_case(root, cid, needs=("casus.yaml", "netwerk.yaml", "afspraken.yaml"))
    c = case.casus
    assert c is not None and c.historie
    last = c.historie[-1]
    regisseur = next((r.naam for r in net.regisseurs if r.id == c.regisseur), c.regisseur)
    labels = case.who_labels(net)
    context = {
        "casus": c,
        "overdracht": last,
        "organisatie": net.organisatie_namen().get(last.organisatie or "", last.organisatie),
        "regisseur": regisseur,
        "netwerk": net.naam,
        "veiligheid": meldcode_lines(c.meldcode, names(net)),
        "verwijsindex": verwijsindex_lines(c.verwijsindex, names(net)),
        "afspraken": [a for a in case.afspraken if a.status == "open"],
        "wie": labels,
        "professionals": [labels[p.id] for p in case.netwerk.professionals] if case.netwerk else [],
    }
    return render("overdracht-memo.md.j2", context, root)


# ---------------------------------------------------------------- close and retention

@exclusive("close")
def close(
    root: Path, cid: str, *, reden: str, today: dt.date, datum: dt.date | None = None,
    zonder_evaluatie: bool = False, force: bool = False, nazorg_weken: int | None = None, commit: bool = True,
    toelichting: str | None = None,
) -> Done:
    """Close a case (or start its nazorg): closing date, reason, and the date it must be kept until.

    The reason is a category of ``sluitredenen`` in regie.yaml (reports count in it); what
    the regisseur wants to say about it goes in ``toelichting``.
    """
    from ..privacy.lint import check_value

    check_value("--reden", reden)
    check_value("--toelichting", toelichting)
    from .mutation import apply
    from ..store.yamledit import RoundTrip, put

    net, case, _ = load_case(root, cid, needs=("casus.yaml", "afspraken.yaml", "escalaties.yaml", "netwerk.yaml"))
    c = case.casus
    assert c is not None
    if not reden.strip():
        raise UsageError("--reden mag niet leeg zijn")
    if c.status == "gesloten":
        raise RegieError(f"casus {cid} is al gesloten (op {_d(c.gesloten)})" if c.gesloten else f"casus {cid} is al gesloten")
    when = event_date(datum, today, after=c.geopend, after_what="de opening van de casus")
    folder = case_dir(root, cid)
    casus_path = folder / "casus.yaml"
    doc = RoundTrip(casus_path.read_text(encoding="utf-8"), f"{case.folder}/casus.yaml")
    writes: dict[Path, str] = {}
    warnings: list[str] = []
    if nazorg_weken is not None:
        check_range(nazorg_weken, "--nazorg", 1, MAX_NAZORG_WEKEN, "weken")
        until = when + dt.timedelta(weeks=nazorg_weken)
        doc.data["status"] = "nazorg"
        put(doc.data, "nazorg_tot", until, after="status")
        writes[casus_path] = doc.dump()
        problems = apply(root, cid, writes, f"regie close: casus {cid} in nazorg", today, commit=commit)
        return Done(list(writes), [f"casus {cid} blijft in nazorg tot {_d(until)}; sluit daarna met 'regie close'"], problems)
    if reden not in net.sluitredenen:
        raise UsageError(f"onbekende sluitreden '{reden}'; kies uit sluitredenen in regie.yaml: {', '.join(net.sluitredenen)} "
                         "(een toelichting geef je met --toelichting)")
    has_eind = any(e.soort == "eind" for e in case.evaluaties)
    if not has_eind and not zonder_evaluatie:
        raise RegieError(f"casus {cid} heeft geen eind-evaluatie; maak die met 'regie evaluate {cid} --soort eind' "
                         "of sluit met --zonder-evaluatie (de reden wordt vastgelegd)")
    open_afspraken = [a for a in case.afspraken if a.status == "open"]
    open_escalaties = [e for e in case.escalaties if e.afgesloten is None]
    if (open_afspraken or open_escalaties) and not force:
        parts = []
        if open_afspraken:
            parts.append(f"open afspraken: {', '.join(a.id for a in open_afspraken)}")
        if open_escalaties:
            parts.append(f"open escalaties: {', '.join(e.id for e in open_escalaties)}")
        raise RegieError(f"casus {cid} heeft nog {'; '.join(parts)}; rond ze af of sluit met --force "
                         "(afspraken vervallen dan, escalaties worden afgesloten)")
    if open_afspraken:
        from .afspraken import FILE as AFSPRAKEN

        path = folder / AFSPRAKEN
        adoc = RoundTrip(path.read_text(encoding="utf-8"), f"{case.folder}/{AFSPRAKEN}")
        ids = {a.id for a in open_afspraken}
        for item in adoc.data["afspraken"]:
            if str(item.get("id")) in ids:
                item["status"] = "vervallen"
                put(item, "vervallen_op", when, after="status")
                put(item, "reden", f"casus gesloten: {reden}", after="vervallen_op")
        writes[path] = adoc.dump()
        warnings.append(f"afspraken vervallen: {', '.join(sorted(ids))}")
    if open_escalaties:
        path = folder / "escalaties.yaml"
        edoc = RoundTrip(path.read_text(encoding="utf-8"), f"{case.folder}/escalaties.yaml")
        ids = {e.id for e in open_escalaties}
        for item in edoc.data["escalaties"]:
            if str(item.get("id")) in ids:
                put(item, "uitkomst", item.get("uitkomst") or "afgesloten bij sluiting van de casus")
                put(item, "afgesloten", when)
        writes[path] = edoc.dump()
        warnings.append(f"escalaties afgesloten: {', '.join(sorted(ids))}")
    _mark_closed(doc.data, net, case, when, reden, toelichting, None if has_eind else (toelichting or reden))
    writes[casus_path] = doc.dump()
    problems = apply(root, cid, writes, f"regie close: casus {cid} gesloten", today, commit=commit)
    return Done(list(writes), warnings, problems)


def _mark_closed(data, net: Network, case: Case, when: dt.date, reden: str, toelichting: str | None,
                 zonder_evaluatie: str | None) -> None:
    """Set status gesloten in casus.yaml's data: the date, the reason, and how long the dossier is kept."""
    from ..privacy.retention import category
    from ..store.yamledit import put

    data["status"] = "gesloten"
    if "nazorg_tot" in data:
        del data["nazorg_tot"]
    put(data, "gesloten", when)
    put(data, "sluitreden", reden, after="gesloten")
    if toelichting:
        put(data, "sluittoelichting", toelichting, after="sluitreden")
    cat = category(bool(case.melding and case.melding.minderjarig), reden)
    put(data, "bewaren_tot", add_years(when, net.term(cat).jaren), after="sluittoelichting" if toelichting else "sluitreden")
    put(data, "bewaarcategorie", cat, after="bewaren_tot")
    if zonder_evaluatie:
        put(data, "zonder_evaluatie", zonder_evaluatie, after="bewaarcategorie")


INTAKE_BESLUITEN = ("aangenomen", "niet-aangenomen")
NOT_TAKEN_ON = "niet-geaccepteerd"  # the sluitreden of a melding the network does not take on


@exclusive("intake")
def intake(
    root: Path, cid: str, *, besluit: str, reden: str, today: dt.date, datum: dt.date | None = None,
    verwezen_naar: str | None = None, commit: bool = True,
) -> tuple[str, Done]:
    """Decide on a new melding (werkproces 1a): taken on (status onderzoek), or not — then the case is closed
    with its referral on record and kept only as long as its short retention category says."""
    from ..privacy.lint import check_value

    check_value("--reden", reden)
    from .mutation import apply
    from ..store.yamledit import RoundTrip, new_map, put

    if besluit not in INTAKE_BESLUITEN:
        raise UsageError(f"onbekend besluit '{besluit}'; kies uit: {', '.join(INTAKE_BESLUITEN)}")
    if not reden.strip():
        raise UsageError("--reden mag niet leeg zijn")
    if verwezen_naar is not None and besluit == "aangenomen":
        raise UsageError("--verwezen-naar hoort bij een melding die niet wordt aangenomen")
    net, case, _ = load_case(root, cid, needs=("casus.yaml", "melding.yaml", "afspraken.yaml"))
    c, m = case.casus, case.melding
    assert c is not None and m is not None
    if c.intake is not None:
        raise RegieError(f"casus {cid} heeft al een intakebesluit: {c.intake.besluit} op {_d(c.intake.datum)}")
    if c.status != "melding":
        raise RegieError(f"casus {cid} is al {c.status}; een intakebesluit hoort bij een nieuwe melding (status melding)")
    orgs = net.organisatie_namen()
    if verwezen_naar is not None:
        net.require_organisatie(verwezen_naar)
    when = event_date(datum, today, after=c.geopend, after_what="de opening van de casus")
    path = case_dir(root, cid) / "casus.yaml"
    doc = RoundTrip(path.read_text(encoding="utf-8"), f"{case.folder}/casus.yaml")
    put(doc.data, "intake", new_map({"datum": when, "besluit": besluit, "reden": reden, "verwezen_naar": verwezen_naar}))
    if besluit == "aangenomen":
        doc.data["status"] = "onderzoek"
        what, warnings = f"melding van casus {cid} aangenomen: status onderzoek", []
    else:
        if NOT_TAKEN_ON not in net.sluitredenen:
            raise RegieError(f"sluitreden '{NOT_TAKEN_ON}' staat niet in sluitredenen in regie.yaml; voeg die toe")
        if any(a.status == "open" for a in case.afspraken):
            raise RegieError(f"casus {cid} heeft al open afspraken; rond die af of sluit de casus met 'regie close'")
        _mark_closed(doc.data, net, case, when, NOT_TAKEN_ON, None, "melding niet aangenomen")
        what = f"melding van casus {cid} niet aangenomen: casus gesloten" + (
            f", verwezen naar {orgs[verwezen_naar]}" if verwezen_naar else "")
        warnings = [] if verwezen_naar else ["niet vastgelegd waarheen de melding is verwezen (--verwezen-naar ORGANISATIE)"]
    problems = apply(root, cid, {path: doc.dump()}, f"regie intake: melding van casus {cid} {besluit.replace('-', ' ')}",
                     today, commit=commit)
    return what, Done([path], warnings, problems)


@dataclass(frozen=True)
class Retention:
    """One closed case's retention (``regie retention``)."""

    casus: str
    gesloten: dt.date | None
    bewaren_tot: dt.date | None
    dagen_over: int | None
    categorie: str | None = None
    jaren: int | None = None
    bron: str | None = None


def retention_row(ctx, loaded) -> Retention | None:
    """A closed case's retention: its category, term and date (None for a case that is not closed)."""
    from ..privacy.retention import category

    case = loaded.case
    c = case.casus
    if c is None or c.status != "gesloten":
        return None
    cat = c.bewaarcategorie or category(bool(case.melding and case.melding.minderjarig), c.sluitreden)
    term = ctx.network.term(cat)
    over = (ctx.today - c.bewaren_tot).days if c.bewaren_tot else None
    return Retention(case.id, c.gesloten, c.bewaren_tot, over, cat, term.jaren, term.bron)


def retention(got, *, within: int | None = None) -> list[Retention]:
    """Closed cases whose retention date has passed (or passes within ``within`` days), or has none.

    Each with its category and the term and source that category has in regie.yaml;
    ``got`` is what a ``RETENTION`` scan collected.
    """
    rows = [r for _, r in got.values
            if r.bewaren_tot is None or r.dagen_over > 0 or (within is not None and r.dagen_over >= -within)]
    return sorted(rows, key=lambda r: (r.bewaren_tot or dt.date.min, r.casus))


RETENTION = Job("retention", retention_row)
