"""Closing a case (werkproces 5c): nazorg, the closing date and reason, and how long the dossier is kept.

``mark_closed`` is the one way a case's ``casus.yaml`` becomes gesloten; intake and
merge-cases close cases through it too.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..clock import add_years, event_date
from ..dossier.jeugd import derived_category
from ..dossier.lint import check_value
from ..dossier.loader import load_case
from ..dossier.model import Case
from ..dossier.network import Network
from ..dossier.repo import case_dir
from ..dossier.vocab import MERGED_REASON
from ..errors import RegieError, UsageError
from ..formats.yamledit import RoundTrip, put
from ..layout import AFSPRAKEN_FILE, CASE_FILE, ESCALATIES_FILE, NETWERK_FILE
from ..limits import MAX_NAZORG_WEKEN, check_range
from ..store.transaction import exclusive
from .afspraken import FILE as AFSPRAKEN
from .mutation import Change, apply


@exclusive("close")
def close(
    root: Path, cid: str, *, reden: str, today: dt.date, datum: dt.date | None = None,
    zonder_evaluatie: bool = False, force: bool = False, nazorg_weken: int | None = None, commit: bool = True,
    toelichting: str | None = None, vraag5_open: str | None = None,
) -> Change:
    """Close a case (or start its nazorg): closing date, reason, and the date it must be kept until.

    A meldcode whose decision for hulp still waits for question 5 (lasting safety) holds the closing back,
    unless ``vraag5_open`` gives the reason to close anyway; it is recorded in the meldcode.

    The reason is a category of ``sluitredenen`` in regie.yaml (reports count in it); what
    the regisseur wants to say about it goes in ``toelichting``.
    """

    check_value("de reden", reden, field="reden")
    check_value("de toelichting", toelichting, field="toelichting")
    check_value("de reden om te sluiten met vraag 5 open", vraag5_open, field="vraag5_open")

    net, case, _ = load_case(root, cid, needs=(CASE_FILE, AFSPRAKEN_FILE, ESCALATIES_FILE, NETWERK_FILE))
    c = case.casus
    assert c is not None
    if not reden.strip():
        raise UsageError("de reden mag niet leeg zijn", field="reden")
    if c.status == "gesloten":
        raise RegieError(f"casus {cid} is al gesloten (op {c.gesloten.isoformat()})" if c.gesloten else f"casus {cid} is al gesloten")
    when = event_date(datum, today, after=c.geopend, after_what="de opening van de casus")
    folder = case_dir(root, cid)
    casus_path = folder / CASE_FILE
    doc = RoundTrip(casus_path.read_text(encoding="utf-8"), f"{case.folder}/casus.yaml")
    writes: dict[Path, str] = {}
    warnings: list[str] = []
    if nazorg_weken is not None:
        check_range(nazorg_weken, "de nazorg", 1, MAX_NAZORG_WEKEN, "weken", field="nazorg")
        until = when + dt.timedelta(weeks=nazorg_weken)
        doc.data["status"] = "nazorg"
        put(doc.data, "nazorg_tot", until, after="status")
        writes[casus_path] = doc.dump()
        problems = apply(root, cid, writes, f"regie close: casus {cid} in nazorg", today, commit=commit)
        return Change(paths=list(writes), warnings=[f"casus {cid} blijft in nazorg tot {until.isoformat()}; sluit daarna met 'regie close'"], problems=problems)
    if reden not in net.sluitredenen:
        raise UsageError(f"onbekende sluitreden '{reden}'; kies uit sluitredenen in regie.yaml: {', '.join(net.sluitredenen)} "
                         f"(een toelichting geef je met 'regie close {cid} … --toelichting TEKST')", field="reden")
    has_eind = any(e.soort == "eind" for e in case.evaluaties)
    if not has_eind and not zonder_evaluatie:
        raise RegieError(f"casus {cid} heeft geen eind-evaluatie; maak die met 'regie evaluate {cid} --soort eind' "
                         f"of sluit met 'regie close {cid} … --zonder-evaluatie' (de reden wordt vastgelegd)")
    open_afspraken = [a for a in case.afspraken if a.status == "open"]
    open_escalaties = [e for e in case.escalaties if e.afgesloten is None]
    if (open_afspraken or open_escalaties) and not force:
        parts = []
        if open_afspraken:
            parts.append(f"open afspraken: {', '.join(a.id for a in open_afspraken)}")
        if open_escalaties:
            parts.append(f"open escalaties: {', '.join(e.id for e in open_escalaties)}")
        raise RegieError(f"casus {cid} heeft nog {'; '.join(parts)}; rond ze af of sluit met 'regie close {cid} … --force' "
                         "(afspraken vervallen dan, escalaties worden afgesloten)")
    _vraag5(doc.data, net, case, vraag5_open)
    warnings += _close_open_records(folder, case, when, reden, writes)
    notes = mark_closed(doc.data, net, case, when, reden, toelichting, None if has_eind else (toelichting or reden))
    writes[casus_path] = doc.dump()
    problems = apply(root, cid, writes, f"regie close: casus {cid} gesloten", today, commit=commit)
    return Change(paths=list(writes), warnings=warnings, problems=problems, notes=notes)


def _vraag5(data, net: Network, case: Case, reason: str | None) -> None:
    """The meldcode's question 5 answered before closing, or the reason to close without it recorded."""
    record = case.casus.meldcode if case.casus else None
    due = record.vraag5_open(net.termijnen.meldcode_vraag5) if record else None
    if due is None:
        if reason is not None:
            raise UsageError("vraag 5 van de meldcode staat niet open; een reden om zonder antwoord te sluiten hoort er niet bij",
                             field="vraag5_open")
        return
    if reason is None or not reason.strip():
        raise RegieError(f"casus {case.id}: na het besluit tot hulp van {due[0].datum.isoformat()} is vraag 5 van de meldcode "
                         f"(leidt de hulp tot duurzame veiligheid?) nog niet beantwoord (uiterlijk {due[1].isoformat()}); "
                         f"beantwoord die met 'regie meldcode {case.id} --stap 4 … --duurzaam-veilig ja|nee' of sluit met "
                         f"'regie close {case.id} … --vraag5-open REDEN' (de reden wordt vastgelegd)")
    put(data["meldcode"], "vraag5_open_bij_sluiting", reason.strip())


def _close_open_records(folder: Path, case: Case, when: dt.date, reden: str, writes: dict[Path, str]) -> list[str]:
    """Let the open agreements lapse and close the open escalations of a case being closed (``--force``).

    Adds the changed files to ``writes``; returns the warnings that say what happened.
    """

    warnings = []
    open_afspraken = [a for a in case.afspraken if a.status == "open"]
    open_escalaties = [e for e in case.escalaties if e.afgesloten is None]
    if open_afspraken:
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
        path = folder / ESCALATIES_FILE
        edoc = RoundTrip(path.read_text(encoding="utf-8"), f"{case.folder}/{ESCALATIES_FILE}")
        ids = {e.id for e in open_escalaties}
        for item in edoc.data["escalaties"]:
            if str(item.get("id")) in ids:
                put(item, "uitkomst", item.get("uitkomst") or "afgesloten bij sluiting van de casus")
                put(item, "afgesloten", when)
        writes[path] = edoc.dump()
        warnings.append(f"escalaties afgesloten: {', '.join(sorted(ids))}")
    return warnings


def mark_closed(data, net: Network, case: Case, when: dt.date, reden: str, toelichting: str | None,
                zonder_evaluatie: str | None) -> list[str]:
    """Set status gesloten in casus.yaml's data: the date, the reason, how long the dossier is kept (the category
    derived from the melding and the household), and every open verwijsindex signal afgemeld on the closing date.

    Returns what the user should know: the category and why, the signals withdrawn.
    """

    data["status"] = "gesloten"
    if "nazorg_tot" in data:
        del data["nazorg_tot"]
    put(data, "gesloten", when)
    put(data, "sluitreden", reden, after="gesloten")
    if toelichting:
        put(data, "sluittoelichting", toelichting, after="sluitreden")
    cat, why = derived_category(case, reden)
    until = add_years(when, net.term(cat).jaren)
    put(data, "bewaren_tot", until, after="sluittoelichting" if toelichting else "sluitreden")
    put(data, "bewaarcategorie", cat, after="bewaren_tot")
    if zonder_evaluatie:
        put(data, "zonder_evaluatie", zonder_evaluatie, after="bewaarcategorie")
    notes = [f"bewaarcategorie {cat} ({why}): bewaren tot {until.isoformat()}"]
    # a case folded into another hands its members (and their signals) to that case: nothing is withdrawn
    withdrawn = _afmelden(data, when) if reden != MERGED_REASON else []
    if withdrawn:
        notes.append(f"verwijsindex: signaal afgemeld op {when.isoformat()} ({', '.join(withdrawn)}); "
                     "meld het ook af in de verwijsindex zelf")
    return notes


def _afmelden(data, when: dt.date) -> list[str]:
    """Withdraw (afmelden) every verwijsindex signal of the case and its members that is not yet withdrawn."""
    done = []
    signaal = (data.get("verwijsindex") or {}).get("signaal")
    if signaal is not None and signaal.get("afgemeld") is None:
        put(signaal, "afgemeld", when)
        done.append("de cliënt")
    for lid in (data.get("huishouden") or {}).get("leden") or []:
        sig = lid.get("verwijsindex")
        if sig is not None and sig.get("afgemeld") is None:
            put(sig, "afgemeld", when)
            done.append(f"lid {lid.get('id')}")
    return done

