"""Evaluating a case (werkprocessen 1g, 4a/4b): the pre-filled evaluation and the next evaluation date.

``evaluate`` checks what the user asked, builds the new file texts, and hands them to
``mutation.apply`` (validate, commit, or undo).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..clock import event_date
from ..dossier.lint import check_value
from ..dossier.loader import load_case
from ..dossier.model import CaseWithCasus
from ..dossier.network import Network
from ..dossier.repo import case_dir
from ..dossier.vocab import EVALUATION_KINDS
from ..errors import RegieError, UsageError
from ..formats.yamledit import edit_front_matter, put
from ..layout import AFSPRAKEN_FILE, CASE_FILE, ESCALATIES_FILE, EVALUATIONS_DIR, PLAN_FILE
from ..render.templates import render
from ..store import gitops
from ..store.files import write_text_atomic
from ..store.transaction import exclusive
from .mutation import Change, apply, let_user_edit


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
        return f"gedaan {a.gedaan_op.isoformat()}" + (f" ({late} dagen na de deadline)" if late > 0 else " (op tijd)")
    if a.status == "vervallen":
        return "vervallen" + (f": {a.reden}" if a.reden else "")
    return f"te laat ({(on - a.deadline).days} dagen)" if a.deadline < on else "open"


def evaluation_context(net: Network, case: CaseWithCasus, soort: str, datum: dt.date,
                       scores: dict[str, int | None] | None = None, eigen_woorden: str | None = None) -> dict:
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
    orgs = net.organisatie_namen()
    escalations = [f"{e.id}: niveau {e.niveau} ({net.level_name(e.over, e.niveau)}) over {orgs.get(e.over, e.over)} sinds {e.datum.isoformat()}"
                   for e in case.escalaties if e.afgesloten is None]
    # the Zelfredzaamheid-Matrix asks for every domain of the network: those of the goals first
    leefgebieden = list(dict.fromkeys([*(g.leefgebied for g in goals), *case.casus.leefgebieden, *net.leefgebieden]))
    return {
        "casus": case.id, "soort": soort, "datum": datum, "vorige": previous.datum if previous else None,
        "sinds": since, "doelen": goals, "leefgebieden": leefgebieden,
        "vorige_scores": {g.leefgebied: g.vorige for g in goals},
        "afspraken": agreements, "escalaties": escalations, "scores": scores or {},
        "eigen_woorden": eigen_woorden,
    }


@exclusive("evaluate")
def evaluate(
    root: Path, cid: str, *, today: dt.date, soort: str = "tussentijds", datum: dt.date | None = None,
    edit: Callable[[Path], None] | None = None, commit: bool = True, scores: dict[str, int | None] | None = None,
    eigen_woorden: str | None = None,
) -> Change:
    """Create ``evaluaties/<datum>.md`` pre-filled from the case, let the user edit it, commit it.

    Also sets the plan's next evaluation date (network term; none after an eind-evaluatie).
    If the edited evaluation does not validate it stays in place, uncommitted, so nothing typed is lost.
    ``scores`` (leefgebied -> 1-5, None: not applicable) and the client's ``eigen_woorden`` are filled in.
    """

    check_value("de eigen woorden", eigen_woorden, field="eigen_woorden")
    if eigen_woorden is not None and not eigen_woorden.strip():
        raise UsageError("de eigen woorden mogen niet leeg zijn", field="eigen_woorden")

    net, case, _ = load_case(root, cid, needs=(CASE_FILE, PLAN_FILE, AFSPRAKEN_FILE, ESCALATIES_FILE))
    if soort not in EVALUATION_KINDS:
        raise UsageError(f"ongeldige soort '{soort}'; kies uit: {', '.join(EVALUATION_KINDS)}")
    if case.casus.status in ("gesloten", "overgedragen"):
        raise RegieError(f"casus {cid} is {case.casus.status}; evalueren kan niet meer")
    when = event_date(datum, today)
    warnings = []
    if case.plan is None:
        warnings.append(f"casus {cid} heeft nog geen plan van aanpak; de evaluatie heeft geen doelen")
    elif case.plan.vastgesteld is None:
        warnings.append(f"het plan van aanpak van casus {cid} is nog niet vastgesteld")
    folder = case_dir(root, cid)
    path = folder / EVALUATIONS_DIR / f"{when.isoformat()}.md"
    n = 2
    while path.exists():
        path = folder / EVALUATIONS_DIR / f"{when.isoformat()}-{n}.md"
        n += 1
    unknown = [lg for lg in scores or {} if lg not in net.leefgebieden]
    if unknown:
        raise UsageError(f"onbekend leefgebied '{unknown[0]}'; kies uit: {', '.join(net.leefgebieden)}", field="score")
    text = render("evaluatie.md.j2", evaluation_context(net, case, soort, when, scores, eigen_woorden), root)
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
        problems = apply(root, cid, writes, f"regie evaluate: {soort}-evaluatie van casus {cid} ({when.isoformat()})", today, commit=commit)
    except RegieError as exc:
        if edit is not None:  # keep what the user typed
            write_text_atomic(path, text)
            raise RegieError(f"{exc.message}\nje evaluatie staat nog in {path.relative_to(root)} (niet gecommit); "
                             "los de fouten op en commit zelf") from None
        raise
    return Change(paths=list(writes), warnings=warnings, problems=problems)

