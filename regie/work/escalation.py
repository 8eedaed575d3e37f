"""Getrapte opschaling (werkproces 1f): record a step up the network's ladder, close it, write the memo."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..dossier.lint import check_value
from ..dossier.loader import load_case
from ..dossier.model import Case, CaseWithCasus, Escalatie, party_name
from ..dossier.network import Network
from ..dossier.repo import case_dir
from ..dossier.sociale_kaart import escalation
from ..dossier.vocab import CLIENT
from ..errors import RegieError, UsageError
from ..formats.yamledit import RoundTrip, append_item, flow_list, new_map, put
from ..ids import next_id
from ..layout import AFSPRAKEN_FILE, CASE_FILE, ESCALATIES_FILE
from ..render.templates import render
from ..store.transaction import exclusive
from .mutation import Change, apply
from .verstrekkingen import record_verstrekking

FILE = ESCALATIES_FILE
MEMO_DIR = "escalaties"  # escalaties/<id>.md: the memo of each step, as it was sent


@dataclass
class Step(Change):
    """What ``escalate`` decided: the new step (its id) and level, the step it closed, and the memo as sent."""

    niveau: int = 0
    niveau_naam: str = ""
    spoed: bool = False
    vorige: str | None = None
    memo: str = ""


@dataclass(frozen=True)
class MemoFields:
    """What every memo of a new step says besides its reason: the matter in one line, the reply asked for by a
    day (None: the network's term), what was tried at the working level, what it means for the client."""

    geprobeerd: str
    gevolg: str
    betreft: str | None = None
    reactie_voor: dt.date | None = None

    def checked(self, today: dt.date, net: Network, reden: str) -> MemoFields:
        for label, value, field in (("wat al is geprobeerd", self.geprobeerd, "geprobeerd"),
                                    ("wat het voor de cliënt betekent", self.gevolg, "gevolg"),
                                    ("de onderwerpregel", self.betreft, "betreft")):
            check_value(label, value, field=field)
            if value is not None and not value.strip():
                raise UsageError(f"{label} mag niet leeg zijn", field=field)
        if self.reactie_voor is not None and self.reactie_voor <= today:
            raise UsageError(f"de datum voor een reactie ({self.reactie_voor.isoformat()}) hoort na vandaag te liggen",
                             field="reactie_voor")
        return MemoFields(self.geprobeerd.strip(), self.gevolg.strip(), (self.betreft or subject(reden)).strip(),
                          self.reactie_voor or today + dt.timedelta(days=net.termijnen.escalatie_reactie))


def subject(reden: str, limit: int = 80) -> str:
    """A subject line from the reason when none is given: its first sentence, cut at a word within ``limit``."""
    first = reden.strip().split("\n")[0]
    for end in (". ", "; "):
        if end in first:
            first = first[:first.index(end)]
    first = first.rstrip(".")
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0] + " …"


def next_level(net: Network, case: Case, over: str) -> tuple[int | None, Escalatie | None]:
    """The ladder's next level for ``over`` in this case (after its last step), and that last step."""
    levels = sorted(net.niveaus(over))
    steps = [e for e in case.escalaties if e.over == over]
    last = max(steps, key=lambda e: (e.datum, e.niveau), default=None)
    if last is None:
        return (levels[0] if levels else None), None
    higher = [lv for lv in levels if lv > last.niveau]
    return (higher[0] if higher else None), last


def _load(root: Path, cid: str) -> tuple[Network, CaseWithCasus, Path, str]:
    net, case, _ = load_case(root, cid, needs=(CASE_FILE, FILE, AFSPRAKEN_FILE))
    path = case_dir(root, cid) / FILE
    text = path.read_text(encoding="utf-8") if path.exists() else render(f"casus/{FILE}.j2", {}, root)
    return net, case, path, text


def _choose_level(net: Network, case: Case, over: str, niveau: int | None, spoed: bool) -> tuple[int, bool, Escalatie | None]:
    """The level of a new step about ``over``: the one asked for, or the next on the ladder.

    Returns the level, whether it skips one (allowed only with ``spoed``), and the last step about ``over``.
    """
    ladder = net.ladder(over)
    orgs = net.organisatie_namen()
    expected, last = next_level(net, case, over)
    if niveau is None:
        if expected is None:
            top = max(ladder)
            raise RegieError(
                f"al opgeschaald tot het hoogste niveau van de ladder ({top}: {ladder[top]}) over {party_name(over, orgs)}; "
                "hoger kan niet"
            )
        niveau = expected
    elif niveau not in ladder:
        raise UsageError(f"niveau {niveau} staat niet in de {'ladder bij een impasse met de cliënt' if over == CLIENT else 'opschalingsladder'} ({', '.join(f'{k}: {v}' for k, v in sorted(ladder.items()))})")
    skipped = expected is not None and niveau > expected
    if expected is not None and skipped and not spoed:
        raise RegieError(
            f"niveau {niveau} slaat niveau {expected} ({ladder.get(expected, '?')}) over; "
            "dat kan alleen met spoed, en wordt dan vastgelegd", field="spoed"
        )
    return niveau, skipped, last


@exclusive("escalate")
def escalate(
    root: Path, cid: str, *, over: str, reden: str, today: dt.date, verzoek: str | None = None,
    niveau: int | None = None, spoed: bool = False, afspraken: list[str] | None = None, commit: bool = True,
    memo: MemoFields | None = None,
) -> Step:
    check_value("de reden", reden, field="reden")
    check_value("het verzoek", verzoek, field="verzoek")
    if memo is None:
        raise UsageError("een opschaling heeft nodig wat op uitvoerend niveau al is geprobeerd en wat het voor de cliënt "
                         "betekent als er niets gebeurt", field="geprobeerd")

    net, case, path, text = _load(root, cid)
    if case.casus.status in ("gesloten", "overgedragen"):
        raise RegieError(f"casus {cid} is {case.casus.status}; opschalen kan niet meer")
    net.require_organisatie(over, also={CLIENT: "voor een impasse met de cliënt"}, field="over")
    if not reden.strip():
        raise UsageError("de reden mag niet leeg zijn", field="reden")
    memo = memo.checked(today, net, reden)
    ladder = net.ladder(over)
    if not ladder:
        raise RegieError("regie.yaml heeft geen opschalingsladder ('opschaling')")
    known = {a.id for a in case.afspraken}
    for ref in afspraken or []:
        if ref not in known:
            raise RegieError(f"casus {cid} heeft geen afspraak '{ref}' (wel: {', '.join(sorted(known)) or 'geen'})")
    niveau, skipped, last = _choose_level(net, case, over, niveau, spoed)
    new_id = next_id("E", (e.id for e in case.escalaties))
    previous = last if last is not None and last.afgesloten is None else None

    def change(seq) -> None:
        if previous is not None:
            for item in seq:
                if str(item.get("id")) == previous.id:
                    put(item, "uitkomst", item.get("uitkomst") or f"opgeschaald naar niveau {niveau} ({new_id})")
                    put(item, "afgesloten", today)
                    put(item, "opgeschaald_naar", new_id)
        refs = flow_list(list(afspraken)) if afspraken else None
        append_item(seq, new_map({
            "id": new_id, "datum": today, "niveau": niveau, "over": over, "betreft": memo.betreft, "reden": reden,
            "verzoek": verzoek, "geprobeerd": memo.geprobeerd, "gevolg": memo.gevolg, "reactie_voor": memo.reactie_voor,
            "afspraken": refs, "spoed": bool(skipped and spoed) or None,
        }))

    doc = RoundTrip(text, f"{case.folder}/{FILE}", adds="escalatie")
    change(doc.block_list("escalaties"))
    step = Escalatie(new_id, today, niveau, over, reden, len(case.escalaties), verzoek, tuple(afspraken or ()),
                     bool(skipped and spoed), betreft=memo.betreft, reactie_voor=memo.reactie_voor,
                     geprobeerd=memo.geprobeerd, gevolg=memo.gevolg)
    text_of_memo = memo_text(root, net, case, step)
    memo_path = case_dir(root, cid) / MEMO_DIR / f"{new_id}.md"
    writes: dict[Path, str] = {path: doc.dump(), memo_path: text_of_memo}
    # the memo goes to whoever decides at this level: a verstrekking, recorded as such — to the organisation it is
    # about, or, for an impasse with the client, to the regisseur's own organisation (none recorded without one)
    regisseur = next((r for r in net.regisseurs if r.id == case.casus.regisseur), None)
    level = next(n for n in net.steps(over) if n.niveau == niveau)
    aan = over if over != CLIENT else (level.organisatie or (regisseur.organisatie if regisseur else None))
    if aan is not None:
        consent = case.consent()
        v_path, v_text, _ = record_verstrekking(
            root, case, datum=today, aan=aan, ontvanger=ladder[niveau], escalatie=new_id,
            wat=f"escalatiememo {new_id}: reden en verzoek van de opschaling", categorieen=["escalatie", "afspraken"],
            grondslag="toestemming" if consent == "gegeven" else "afweging")
        writes[v_path] = v_text
    problems = apply(root, cid, writes, f"regie escalate: casus {cid} opgeschaald naar niveau {niveau}", today, commit=commit)
    if over != CLIENT:
        problems = [*problems, *escalation(net, over)[1]]
    urgent = bool(skipped and spoed)
    what = ([f"escalatie {previous.id} afgesloten: opgeschaald naar niveau {niveau}"] if previous else []) + [
        f"escalatie {new_id} vastgelegd: niveau {niveau} ({ladder[niveau]})" + (", met spoed" if urgent else "")]
    return Step(id=new_id, what="\n".join(what), problems=problems, niveau=niveau, niveau_naam=ladder[niveau], spoed=urgent,
                vorige=previous.id if previous else None, memo=text_of_memo)


@exclusive("escalate --resolve")
def resolve(root: Path, cid: str, *, uitkomst: str, today: dt.date, escalatie: str | None = None, commit: bool = True) -> Change:
    """Close the open escalation (or the one named) with its outcome."""

    check_value("de uitkomst", uitkomst, field="uitkomst")

    _, case, path, text = _load(root, cid)
    target = _open_step(case, escalatie)
    if not uitkomst.strip():
        raise UsageError("de uitkomst mag niet leeg zijn", field="uitkomst")
    doc = RoundTrip(text, f"{case.folder}/{FILE}")
    for item in doc.data["escalaties"]:
        if str(item.get("id")) == target.id:
            put(item, "uitkomst", uitkomst)
            put(item, "afgesloten", today)
    problems = apply(root, cid, {path: doc.dump()}, f"regie escalate: escalatie {target.id} van casus {cid} afgesloten", today, commit=commit)
    return Change(id=target.id, what=f"escalatie {target.id} van casus {cid} afgesloten", problems=problems)


def _open_step(case: Case, escalatie: str | None) -> Escalatie:
    """The open escalation a command acts on: the one named, or the only open one."""
    open_steps = [e for e in case.escalaties if e.afgesloten is None]
    if escalatie is not None:
        target = next((e for e in case.escalaties if e.id == escalatie), None)
        if target is None:
            raise RegieError(f"casus {case.id} heeft geen escalatie '{escalatie}'")
        if target.afgesloten is not None:
            raise RegieError(f"escalatie {escalatie} is al afgesloten op {target.afgesloten.isoformat()}")
        return target
    if not open_steps:
        raise RegieError(f"casus {case.id} heeft geen open escalatie")
    if len(open_steps) > 1:
        raise UsageError(f"casus {case.id} heeft {len(open_steps)} open escalaties ({', '.join(e.id for e in open_steps)}); "
                         "kies er een", field="escalatie")
    return open_steps[0]


@exclusive("escalate --afschalen")
def deescalate(
    root: Path, cid: str, *, reden: str, afspraken: list[str], today: dt.date, naar_niveau: int | None = None,
    escalatie: str | None = None, commit: bool = True,
) -> Change:
    """Step down from an open escalation: to a lower level of the ladder (a new open step there) or, at 0, back to
    the regisseur and the network; the agreements that follow it up are recorded with it.

    Returns the step closed, the level it returned to, the new step's id (None at 0) and the remaining problems.
    """

    check_value("de reden", reden, field="reden")

    net, case, path, text = _load(root, cid)
    if not reden.strip():
        raise UsageError("de reden mag niet leeg zijn", field="reden")
    target = _open_step(case, escalatie)
    lower = [lv for lv in sorted(net.niveaus(target.over)) if lv < target.niveau]
    niveau = (lower[-1] if lower else 0) if naar_niveau is None else naar_niveau
    if niveau != 0 and niveau not in lower:
        raise UsageError(f"afschalen van niveau {target.niveau} kan naar een lager niveau van de ladder "
                         f"({', '.join(str(lv) for lv in lower) or 'geen'}) of naar 0 (terug bij de regisseur en het netwerk), "
                         f"niet naar {niveau}")
    if not afspraken:
        raise UsageError("afschalen heeft de afspraken nodig waarmee het netwerk de situatie volgt (herhaalbaar)", field="afspraak")
    open_ids = {a.id for a in case.afspraken if a.status == "open"}
    for ref in afspraken:
        if ref not in open_ids:
            raise RegieError(f"casus {cid} heeft geen open afspraak '{ref}' (open: {', '.join(sorted(open_ids)) or 'geen'}); "
                             f"maak die eerst met 'regie afspraak add {cid} …'")
    new_id = next_id("E", (e.id for e in case.escalaties)) if niveau else None
    where = f"niveau {niveau}" if niveau else "de regisseur en het netwerk"
    doc = RoundTrip(text, f"{case.folder}/{FILE}", adds="escalatie" if new_id else None)
    seq = doc.block_list("escalaties")
    for item in seq:
        if str(item.get("id")) == target.id:
            put(item, "uitkomst", item.get("uitkomst") or f"afgeschaald naar {where}")
            put(item, "afgesloten", today)
            put(item, "afschaling", new_map({"niveau": niveau, "reden": reden, "afspraken": flow_list(list(afspraken))}))
    if new_id:
        append_item(seq, new_map({"id": new_id, "datum": today, "niveau": niveau, "over": target.over, "reden": reden,
                                  "afspraken": flow_list(list(afspraken)), "afgeschaald_van": target.id}))
    problems = apply(root, cid, {path: doc.dump()}, f"regie escalate: casus {cid} afgeschaald naar {where}", today, commit=commit)
    return Change(id=new_id, what=f"escalatie {target.id} afgeschaald: " + (f"verder op niveau {niveau} ({new_id})" if new_id
                                                                           else "terug bij de regisseur en het netwerk"),
                  problems=problems)


@exclusive("escalate --voorstel")
def propose(root: Path, cid: str, *, voorstel: str, today: dt.date, escalatie: str | None = None,
            commit: bool = True) -> Change:
    """Record the aanpak proposed at the open step's level (e.g. by the brandpuntfunctionaris)."""

    check_value("het voorstel", voorstel, field="voorstel")

    _, case, path, text = _load(root, cid)
    if not voorstel.strip():
        raise UsageError("het voorstel mag niet leeg zijn", field="voorstel")
    target = _open_step(case, escalatie)
    doc = RoundTrip(text, f"{case.folder}/{FILE}")
    for item in doc.block_list("escalaties"):
        if str(item.get("id")) == target.id:
            put(item, "voorstel", voorstel, after="verzoek" if "verzoek" in item else "reden")
    problems = apply(root, cid, {path: doc.dump()}, f"regie escalate: voorstel bij escalatie {target.id} van casus {cid}",
                     today, commit=commit)
    return Change(id=target.id, what=f"voorstel vastgelegd bij escalatie {target.id} van casus {cid}", problems=problems)


def memo_text(root: Path, net: Network, case: CaseWithCasus, step: Escalatie) -> str:
    """The memo for the person at the escalation's level: the case by id, the party, the history."""

    regisseur = next((r for r in net.regisseurs if r.id == case.casus.regisseur), None)
    level = next((n for n in net.steps(step.over) if n.niveau == step.niveau), None)
    context = {
        "casus": case.casus,
        "stap": step,
        "niveau_naam": level.naam if level else str(step.niveau),
        "niveau_rol": level.rol if level else None,
        "ladder": net.steps(step.over),
        "organisatie": party_name(step.over, net.organisatie_namen()),
        "over_client": step.over == CLIENT,
        "afspraken": [a for a in case.afspraken if a.id in step.afspraken],
        "eerdere": [e for e in case.escalaties if e.over == step.over and e.id != step.id and e.datum <= step.datum],
        "regisseur": regisseur.naam if regisseur else case.casus.regisseur,
        "netwerk": net.naam,
        "wie": case.who_labels(net),
        "escalatiecontact": escalation(net, step.over)[0] if step.over != CLIENT else None,
    }
    return render("escalatie-memo.md.j2", context, root)
