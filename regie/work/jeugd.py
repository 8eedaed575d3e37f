"""A household member's own records: their signal in the Verwijsindex Risicojongeren (it works per child) and
their consent, given by whom the age rules of regie.yaml ask for (``regie.dossier.jeugd``).

Each change edits that member in ``casus.yaml`` (comments kept), validates the case and commits the one file,
with a message that names the case and the member id only. Withdrawing a signal (afmelden) is record-keeping
and stays possible on a closed case; a new signal or consent is not.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..clock import event_date
from ..dossier.jeugd import DOEL_NAMEN, DOELEN, nodig, regels
from ..dossier.loader import load_case
from ..dossier.model import CaseWithCasus
from ..dossier.repo import case_dir
from ..errors import RegieError, UsageError
from ..formats.yamledit import RoundTrip, flow_list, new_map, put
from ..layout import CASE_FILE
from ..store.transaction import exclusive
from .mutation import Change, apply

STATUSES = ("gegeven", "geweigerd", "ingetrokken", "niet-gevraagd")


def _member(root: Path, cid: str, lid: str, what: str, *, closed_ok: bool = False):
    net, case, _ = load_case(root, cid, needs=(CASE_FILE,))
    if case.casus.status == "gesloten" and not closed_ok:
        raise RegieError(f"casus {cid} is gesloten; {what} kan niet meer")
    leden = {m.id: m for m in case.casus.huishouden.leden} if case.casus.huishouden else {}
    if lid not in leden:
        raise RegieError(f"casus {cid} heeft geen lid '{lid}' in het huishouden (wel: {', '.join(leden) or 'geen'})")
    path = case_dir(root, cid) / CASE_FILE
    doc = RoundTrip(path.read_text(encoding="utf-8"), f"{case.folder}/{CASE_FILE}")
    item = next(m for m in doc.data["huishouden"]["leden"] if str(m.get("id")) == lid)
    return net, case, leden[lid], path, doc, item


@exclusive("verwijsindex lid")
def record_member_signal(root: Path, cid: str, lid: str, *, today: dt.date, signaal: dt.date | None = None,
                         organisatie: str | None = None, afmelden: dt.date | None = None,
                         commit: bool = True) -> Change:
    """Record a member's signal in the verwijsindex (date, organisation), or withdraw it (afmelden, with the date)."""
    if (signaal is None) == (afmelden is None):
        raise UsageError("geef het signaal (datum en organisatie) of de datum van afmelden", field=("signaal", "afmelden"))
    if (signaal is None) != (organisatie is None):
        raise UsageError("de datum van het signaal en de organisatie die het afgaf horen bij elkaar",
                         field=("signaal", "organisatie"))
    net, case, member, path, doc, item = _member(root, cid, lid, "een signaal vastleggen", closed_ok=afmelden is not None)
    if signaal is not None:
        assert organisatie is not None
        net.require_organisatie(organisatie, field="organisatie")
        when = event_date(signaal, today)  # a partner may have signalled before the melding reached the network
        put(item, "verwijsindex", new_map({"datum": when, "organisatie": organisatie}))
        what = f"verwijsindex: signaal voor lid {lid} van {organisatie} op {when.isoformat()}"
    else:
        if member.verwijsindex is None:
            raise RegieError(f"lid {lid} van casus {cid} heeft geen signaal in de verwijsindex")
        if member.verwijsindex.afgemeld is not None:
            raise RegieError(f"het signaal voor lid {lid} is al afgemeld (op {member.verwijsindex.afgemeld.isoformat()})")
        when = event_date(afmelden, today, after=member.verwijsindex.datum, after_what="het signaal")
        put(item["verwijsindex"], "afgemeld", when)
        what = f"verwijsindex: signaal voor lid {lid} afgemeld op {when.isoformat()}"
    problems = apply(root, cid, {path: doc.dump()}, f"regie verwijsindex: lid {lid} van casus {cid} bijgewerkt", today,
                     commit=commit)
    return Change(what=what, problems=problems)


def _needed(case: CaseWithCasus, rules_table: dict | None, member, voor: list[str], day: dt.date) -> list[str]:
    """Per purpose, who the age rule asks for and which rule that is (for the user to check the consent against)."""
    lines = []
    for doel in voor:
        rules = regels(rules_table, doel)
        need = nodig(member, rules, day)
        if need is not None:
            who = ", ".join(need.wie) + (" + wie het gezag heeft (nog niet vastgelegd)" if need.gezag_onbekend else "")
            lines.append(f"lid {member.id}, {DOEL_NAMEN[doel]}: nodig van {who.lstrip(' +')} (regel: {need.uitleg(rules)})")
    return lines


@exclusive("consent lid")
def record_member_consent(root: Path, cid: str, lid: str, *, status: str, today: dt.date, door: list[str] | None = None,
                          voor: list[str] | None = None, datum: dt.date | None = None, commit: bool = True) -> Change:
    """Record a member's consent: status, date, who gave it and what for; the notes say which age rule applies."""
    if status not in STATUSES:
        raise UsageError(f"onbekende status '{status}'; kies uit: {', '.join(STATUSES)}", field="status")
    for v in voor or []:
        if v not in DOELEN:
            raise UsageError(f"onbekend doel van de toestemming '{v}'; kies uit: {', '.join(DOELEN)}", field="voor")
    if status == "gegeven" and not door:
        raise UsageError("leg vast wie de toestemming gaf (leden, client of de organisatie met het gezag)", field="door")
    net, case, member, path, doc, item = _member(root, cid, lid, "de toestemming vastleggen")
    known = {m.id for m in case.casus.huishouden.leden} if case.casus.huishouden else set()
    for who in door or []:
        if who.startswith("L") and who not in known:
            raise UsageError(f"lid '{who}' staat niet in het huishouden (wel: {', '.join(sorted(known))})", field="door")
        if not who.startswith("L") and who != "client":
            net.require_organisatie(who, field="door")
    when = event_date(datum, today, after=case.casus.geopend, after_what="de opening van de casus")
    put(item, "toestemming", new_map({
        "status": status, "datum": when, "door": flow_list(list(dict.fromkeys(door))) if door else None,
        "voor": flow_list(list(dict.fromkeys(voor))) if voor and set(voor) != set(DOELEN) else None}))
    problems = apply(root, cid, {path: doc.dump()}, f"regie consent: toestemming voor lid {lid} van casus {cid} {status}",
                     today, commit=commit)
    notes = _needed(case, net.toestemmingsregels, member, list(voor or DOELEN), when)
    return Change(what=f"toestemming voor lid {lid} van casus {cid}: {status} op {when.isoformat()}", problems=problems,
                  notes=notes)
