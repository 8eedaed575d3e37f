"""Recording the safety duties in ``casus.yaml``: the meldcode's steps and the verwijsindex references.

Each change checks its input first (order of the steps, dates, known people, a complete
afweging), then edits ``casus.yaml`` in place (comments and layout kept), validates the
case and commits that one file with a message that names only the case id.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..clock import event_date
from ..dossier.lint import check_value
from ..dossier.loader import load_case
from ..dossier.meldcode import BESLUITEN, CONCLUSIES, GERAADPLEEGD, OVERSLAAN, STAPPEN, VRAGEN, conclusie, missing_answer
from ..dossier.model import Case, CheckedCase
from ..dossier.network import Network
from ..dossier.problems import Problem
from ..dossier.repo import case_dir
from ..errors import RegieError, UsageError
from ..formats.yamledit import RoundTrip, append_item, flow_list, list_in, map_in, mapping, new_map, put
from ..layout import CASE_FILE, MELDING_FILE
from ..store.transaction import exclusive
from .mutation import Change, apply


def _casus_doc(root: Path, case: Case):
    path = case_dir(root, case.id) / CASE_FILE
    return path, RoundTrip(path.read_text(encoding="utf-8"), f"{case.folder}/casus.yaml")


def _open_case(root: Path, cid: str, what: str) -> tuple[Network, CheckedCase]:
    net, loaded, _ = load_case(root, cid, needs=(CASE_FILE, MELDING_FILE))
    case = loaded.checked()  # both files are needed: load_case has refused a case without them
    if case.casus.status == "gesloten":
        raise RegieError(f"casus {cid} is gesloten; {what} kan niet meer")
    return net, case


def _afweging(antwoorden: dict[str, bool], gemeld: dt.date | None, record, lines: list[str]) -> dict[str, bool]:
    """Step 4's afwegingskader: every question answered, its conclusion (added to ``lines``), and the
    answers to record; a conclusion of melden needs the date of the melding (``gemeld``)."""
    gap = missing_answer(antwoorden)
    if gap is not None:
        raise UsageError(f"de afweging is niet af: beantwoord met ja of nee ({VRAGEN[gap]})", field=gap)
    outcome = conclusie(antwoorden)
    assert outcome is not None  # no answer missing: the afweging concludes
    lines.append(f"afweging: {CONCLUSIES[outcome]}")
    if gemeld is not None:
        if outcome != "melden":
            raise UsageError(f"een datum van melding past niet bij deze afweging ({CONCLUSIES[outcome]})", field="gemeld")
    elif outcome == "melden" and (record is None or record.gemeld() is None):
        raise RegieError("de afweging komt uit op melden bij Veilig Thuis; geef de datum van de melding "
                         "(dan wordt ook stap 5 vastgelegd)", field="gemeld")
    return {k: antwoorden[k] for k in VRAGEN if k in antwoorden}


@exclusive("meldcode")
def record_meldcode(
    root: Path, cid: str, *, today: dt.date, stap: int | None = None, datum: dt.date | None = None, wie: str | None = None,
    toelichting: str | None = None, veilig_thuis: bool = False, antwoorden: dict[str, bool] | None = None,
    besluit: list[str] | None = None, gemeld: dt.date | None = None, gezin_geinformeerd: dt.date | None = None,
    gezin_niet: str | None = None, overgeslagen: str | None = None, geraadpleegd: list[str] | None = None,
    vraag5_voor: dt.date | None = None, commit: bool = True,
) -> Change:
    """Record a step of the meldcode (and/or whether the family was told), after checking it fits the steps before.

    Step 3 may be recorded as skipped (``overgeslagen``: a key of OVERSLAAN); step 2 names who was consulted, by
    role (``geraadpleegd``); step 5 with a decision for hulp records the day question 5 is due (``vraag5_voor``,
    by default ``termijnen.meldcode_vraag5`` days after the decision).
    """

    check_value("de toelichting", toelichting, field="toelichting")
    check_value("de reden dat het gezin niet is geïnformeerd", gezin_niet, field="gezin_niet")
    antwoorden = antwoorden or {}
    besluit = list(dict.fromkeys(besluit or []))
    if stap is None and gezin_geinformeerd is None and gezin_niet is None:
        raise UsageError("geef een stap, de datum waarop het gezin is geïnformeerd, of waarom het niet is geïnformeerd",
                         field=("stap", "gezin_geinformeerd", "gezin_niet"))
    if gezin_geinformeerd is not None and gezin_niet is not None:
        raise UsageError("het gezin is geïnformeerd of niet, niet allebei", field=("gezin_geinformeerd", "gezin_niet"))
    if stap is None and (datum or wie or toelichting or veilig_thuis or antwoorden or besluit or gemeld or overgeslagen
                         or geraadpleegd or vraag5_voor):
        raise UsageError("de datum, wie, de toelichting en de antwoorden horen bij een stap: geef de stap", field="stap")
    net, case = _open_case(root, cid, "de meldcode vastleggen")
    melding = case.melding
    entries: list[dict[str, Any]] = []
    lines: list[str] = []
    if stap is not None:
        entries = _step_entries(net, case, stap, today=today, datum=datum, wie=wie, toelichting=toelichting,
                                veilig_thuis=veilig_thuis, antwoorden=antwoorden, besluit=besluit, gemeld=gemeld, lines=lines,
                                walked=_Walked(overgeslagen, list(dict.fromkeys(geraadpleegd or [])), vraag5_voor))
    if gezin_geinformeerd is not None:
        gezin_geinformeerd = event_date(gezin_geinformeerd, today, after=melding.datum, after_what="de melding")
        lines.append(f"gezin geïnformeerd op {gezin_geinformeerd.isoformat()}")
    if gezin_niet is not None:
        if not gezin_niet.strip():
            raise UsageError("de reden dat het gezin niet is geïnformeerd mag niet leeg zijn", field="gezin_niet")
        lines.append("vastgelegd waarom het gezin niet is geïnformeerd")
    return Change(what="\n".join(lines), problems=_write_meldcode(root, case, entries, gezin_geinformeerd, gezin_niet, today, commit))


@dataclass(frozen=True)
class _Walked:
    """What the meldcode as walked adds to a step: step 3 skipped, who step 2 consulted, the day question 5 is due."""

    overgeslagen: str | None = None
    geraadpleegd: list[str] = field(default_factory=list)
    vraag5_voor: dt.date | None = None

    def check(self, stap: int, besluit: list[str]) -> None:
        if self.overgeslagen is not None:
            if stap != 3:
                raise UsageError("alleen stap 3 (gesprek met de cliënt) kan worden overgeslagen", field="overgeslagen")
            if self.overgeslagen not in OVERSLAAN:
                raise UsageError(f"onbekende reden om stap 3 over te slaan '{self.overgeslagen}'; kies uit: "
                                 + "; ".join(f"{k} ({v})" for k, v in OVERSLAAN.items()), field="overgeslagen")
        if self.geraadpleegd and stap != 2:
            raise UsageError("wie is geraadpleegd hoort bij stap 2 (collegiale consultatie)", field="geraadpleegd")
        for role in self.geraadpleegd:
            if role not in GERAADPLEEGD:
                raise UsageError(f"onbekende rol '{role}' (een rol, nooit een naam); kies uit: {', '.join(GERAADPLEEGD)}",
                                 field="geraadpleegd")
        if self.vraag5_voor is not None and (stap != 5 or "hulp" not in besluit):
            raise UsageError("de datum voor vraag 5 hoort bij stap 5 met besluit hulp", field="vraag5_voor")

    def add_to(self, entry: dict[str, Any], net: Network, lines: list[str]) -> None:
        """Put the step's extra fields in its entry (Veilig Thuis consulted is the existing flag)."""
        if self.overgeslagen is not None:
            entry["overgeslagen"] = self.overgeslagen
            lines.append(f"stap 3 overgeslagen: {OVERSLAAN[self.overgeslagen]}")
        roles = [r for r in self.geraadpleegd if r != "veilig-thuis"]
        if "veilig-thuis" in self.geraadpleegd:
            entry["veilig_thuis_geraadpleegd"] = True
        if roles:
            entry["geraadpleegd"] = flow_list(roles)
        if entry["stap"] == 5 and "hulp" in entry["besluit"]:
            due = self.vraag5_voor or entry["datum"] + dt.timedelta(days=net.termijnen.meldcode_vraag5)
            if due < entry["datum"]:
                raise UsageError(f"vraag 5 uiterlijk {due.isoformat()} ligt voor het besluit ({entry['datum'].isoformat()})",
                                 field="vraag5_voor")
            entry["vraag5_voor"] = due
            lines.append(f"vraag 5 ({VRAGEN['duurzaam_veilig']}) beantwoorden uiterlijk {due.isoformat()}")


def _fits_the_step(stap: int, *, veilig_thuis: bool, antwoorden: dict[str, bool], besluit: list[str]) -> None:
    """What belongs to one step only is given with that step; a decision is one regie knows."""
    if veilig_thuis and stap != 2:
        raise UsageError("Veilig Thuis raadplegen hoort bij stap 2 (collegiale consultatie en zo nodig Veilig Thuis raadplegen)",
                         field="veilig_thuis")
    if antwoorden and stap != 4:
        raise UsageError("de vragen van het afwegingskader horen bij stap 4")
    if besluit and stap != 5:
        raise UsageError("een besluit hoort bij stap 5", field="besluit")
    for b in besluit:
        if b not in BESLUITEN:
            raise UsageError(f"onbekend besluit '{b}'; kies uit: {', '.join(BESLUITEN)}")


def _step_entries(net: Network, case: CheckedCase, stap: int, *, today: dt.date, datum: dt.date | None, wie: str | None,
                  toelichting: str | None, veilig_thuis: bool, antwoorden: dict[str, bool], besluit: list[str],
                  gemeld: dt.date | None, lines: list[str], walked: _Walked) -> list[dict[str, Any]]:
    """The entries one step adds (stap 4 with a report also adds stap 5), checked against the steps before."""
    cid, melding = case.id, case.melding
    record = case.casus.meldcode
    stappen = record.stappen if record else ()
    entries: list[dict[str, Any]] = []
    if stap not in STAPPEN:
        raise UsageError(f"de stap moet 1 tot en met 5 zijn, niet {stap}", field="stap")
    when = event_date(datum, today, after=melding.datum, after_what="de melding")
    who = wie or case.casus.regisseur
    net.require_regisseur_of_organisatie(who, field="wie")
    if stap > 1 and not any(s.stap == stap - 1 and s.datum <= when for s in stappen):
        raise RegieError(f"stap {stap} ({STAPPEN[stap]}) kan pas na stap {stap - 1} ({STAPPEN[stap - 1]}); "
                         f"leg die eerst vast met 'regie meldcode {cid} --stap {stap - 1}'")
    _fits_the_step(stap, veilig_thuis=veilig_thuis, antwoorden=antwoorden, besluit=besluit)
    walked.check(stap, besluit)
    entry: dict[str, Any] = {"stap": stap, "datum": when, "wie": who, "toelichting": toelichting}
    if stap == 2 and veilig_thuis:
        entry["veilig_thuis_geraadpleegd"] = True
    if stap == 4:
        entry["afweging"] = _afweging(antwoorden, gemeld, record, lines)
    if stap == 5:
        if not besluit:
            raise UsageError("stap 5 heeft een besluit nodig: melden en/of hulp (herhaalbaar)", field="besluit")
        if "melden" in besluit and gemeld is None:
            raise UsageError("besluit 'melden' heeft de datum van de melding bij Veilig Thuis nodig", field="gemeld")
        if gemeld is not None and "melden" not in besluit:
            raise UsageError("de datum van de melding hoort bij het besluit 'melden'", field="gemeld")
        entry["besluit"] = besluit
    if gemeld is not None:
        gemeld = event_date(gemeld, today, after=when, after_what=f"stap {stap}")
    entries.append(entry)
    if stap == 4 and gemeld is not None:
        entries.append({"stap": 5, "datum": gemeld, "wie": who, "besluit": ["melden"], "gemeld": gemeld})
    elif stap == 5:
        entry["gemeld"] = gemeld
    walked.add_to(entry, net, lines)
    lines[:0] = [f"meldcode stap {e['stap']} ({STAPPEN[e['stap']]}) vastgelegd op {e['datum'].isoformat()}" for e in entries]
    return entries


def _write_meldcode(root: Path, case: Case, entries: list[dict[str, Any]], told: dt.date | None, not_told: str | None,
                    today: dt.date, commit: bool) -> list[Problem]:
    path, doc = _casus_doc(root, case)
    block = map_in(doc.data, "meldcode")
    if entries:
        steps = list_in(block, "stappen")
        for entry in entries:
            item = new_map({k: v for k, v in entry.items() if k != "afweging"})
            if "afweging" in entry:  # answers are booleans: new_map would drop a 'nee'
                put(item, "afweging", mapping(entry["afweging"]), after="wie")
            append_item(steps, item)
    if told is not None or not_told is not None:
        block["gezin_geinformeerd"] = new_map({"datum": told, "niet": not_told})
    if entries:
        message = f"regie meldcode: stap {', '.join(str(e['stap']) for e in entries)} vastgelegd in casus {case.id}"
    else:
        message = f"regie meldcode: informeren gezin vastgelegd in casus {case.id}"
    return apply(root, case.id, {path: doc.dump()}, message, today, commit=commit)


@exclusive("verwijsindex")
def record_verwijsindex(
    root: Path, cid: str, *, today: dt.date, signaal: dt.date | None = None, organisatie: str | None = None,
    match: dt.date | None = None, met: list[str] | None = None, regievoerder: str | None = None, commit: bool = True,
) -> Change:
    """Record the verwijsindex references: a signal (date, organisation), a match (date, organisations), the regievoerder."""

    if signaal is None and match is None and regievoerder is None:
        raise UsageError("geef een signaal (datum en organisatie), een match (datum en organisaties) of de regievoerder",
                         field=("signaal", "match", "regievoerder"))
    if (signaal is None) != (organisatie is None):
        raise UsageError("de datum van het signaal en de organisatie die het afgaf horen bij elkaar", field=("signaal", "organisatie"))
    if (match is None) != (not met):
        raise UsageError("de datum van de match en de organisaties waarmee gematcht is horen bij elkaar", field=("match", "met"))
    net, case = _open_case(root, cid, "de verwijsindex bijwerken")
    if organisatie is not None:
        net.require_organisatie(organisatie, field="organisatie")
    for org in met or []:
        net.require_organisatie(org, field="met")
    if regievoerder is not None:
        net.require_regisseur_of_organisatie(regievoerder, field="regievoerder")
    current = case.casus.verwijsindex
    lines = []
    if signaal is not None:
        signaal = event_date(signaal, today)  # a partner may have signalled before the melding reached the network
        lines.append(f"verwijsindex: signaal van {organisatie} op {signaal.isoformat()}")
    signal_day = signaal or (current.signaal_datum if current else None)
    if match is not None:
        if signal_day is None:
            raise RegieError(f"casus {cid} heeft nog geen signaal in de verwijsindex; een match komt na het signaal "
                             f"(leg het signaal vast met 'regie verwijsindex {cid} --signaal DATUM --organisatie ORG')")
        match = event_date(match, today, after=signal_day, after_what="het signaal")
        lines.append(f"verwijsindex: match op {match.isoformat()} met {', '.join(met or [])}")
    if regievoerder is not None:
        lines.append(f"verwijsindex: regievoerder {regievoerder}")
    path, doc = _casus_doc(root, case)
    block = doc.data.get("verwijsindex")
    if block is None:
        block = new_map({})
        put(doc.data, "verwijsindex", block)
    if signaal is not None:
        block["signaal"] = new_map({"datum": signaal, "organisatie": organisatie})
    if match is not None:
        block["match"] = new_map({"datum": match, "organisaties": flow_list(list(dict.fromkeys(met or [])))})
    if regievoerder is not None:
        block["regievoerder"] = regievoerder
    problems = apply(root, cid, {path: doc.dump()}, f"regie verwijsindex: casus {cid} bijgewerkt", today, commit=commit)
    return Change(what="\n".join(lines), problems=problems)


@exclusive("verwijsindex afmelden")
def withdraw_signal(root: Path, cid: str, day: dt.date, *, today: dt.date, commit: bool = True) -> Change:
    """Record that the case's verwijsindex signal was withdrawn (afgemeld); also on a closed case (record-keeping)."""

    _, case, _ = load_case(root, cid, needs=(CASE_FILE,))
    vi = case.casus.verwijsindex
    if vi is None or vi.signaal_datum is None:
        raise RegieError(f"casus {cid} heeft geen signaal in de verwijsindex")
    if vi.signaal_afgemeld is not None:
        raise RegieError(f"het signaal van casus {cid} is al afgemeld (op {vi.signaal_afgemeld.isoformat()})")
    when = event_date(day, today, after=vi.signaal_datum, after_what="het signaal")
    path, doc = _casus_doc(root, case)
    put(doc.data["verwijsindex"]["signaal"], "afgemeld", when)
    problems = apply(root, cid, {path: doc.dump()}, f"regie verwijsindex: signaal van casus {cid} afgemeld", today,
                     commit=commit)
    return Change(what=f"verwijsindex: signaal afgemeld op {when.isoformat()}", problems=problems)
