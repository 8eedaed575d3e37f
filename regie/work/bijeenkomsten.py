"""Meetings about one case (``regie bijeenkomst``): a netwerkbijeenkomst, zorgconferentie or familienetwerkberaad.

Planned with a date, a kind, the invitees (betrokkenen, naasten, household members, the client) and an agenda,
in ``bijeenkomsten.yaml``; after the meeting, the minutes: who was present, the decisions, and the agreements made
there, each a new afspraak in ``afspraken.yaml`` that names the meeting, all in one commit. The invitations are in
:mod:`regie.work.uitnodigingen`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..dossier.bijeenkomst import SOORTEN, Bijeenkomst, attendee_ids
from ..dossier.lint import check_value
from ..dossier.loader import load_case
from ..dossier.model import CaseWithCasus
from ..dossier.repo import case_dir
from ..errors import RegieError, UsageError
from ..formats.yamledit import RoundTrip, append_item, flow_list, new_map, put
from ..ids import next_id
from ..layout import AFSPRAKEN_FILE, BIJEENKOMSTEN_FILE, CASE_FILE, NETWERK_FILE, PLAN_FILE
from ..render.templates import render
from ..store.transaction import exclusive
from ..taal import aantal
from .afspraken import check_new
from .mutation import Change, apply

FILE = BIJEENKOMSTEN_FILE
EMPTY = ("# yaml-language-server: $schema=../../.regie/schemas/bijeenkomsten.schema.json\n"
         "# Bijeenkomsten over deze casus: netwerkbijeenkomst, zorgconferentie of familienetwerkberaad (regie bijeenkomst).\n"
         "bijeenkomsten: []\n")
# The agenda of a meeting when the regisseur gives none: the steps of a netwerkbijeenkomst.
STANDAARD_AGENDA = (
    "Opening en kennismaking: wie is er en waarom",
    "Hoe gaat het nu? Terugblik op de afspraken",
    "Wat is er nodig? De doelen per leefgebied",
    "Wie doet wat? Nieuwe afspraken",
    "Afspraken over de volgende bijeenkomst",
)


def refuse_closed(case: CaseWithCasus, what: str) -> None:
    if case.casus.status == "gesloten":
        raise RegieError(f"casus {case.id} is gesloten; {what} kan niet meer")


def find(case: CaseWithCasus, bid: str) -> Bijeenkomst:
    for b in case.bijeenkomsten:
        if b.id == bid:
            return b
    known = ", ".join(b.id for b in case.bijeenkomsten) or "geen"
    raise RegieError(f"casus {case.id} heeft geen bijeenkomst '{bid}' (wel: {known})")


def _check_people(case: CaseWithCasus, who: list[str], day: dt.date, what: str) -> None:
    known = attendee_ids(case)
    for w in who:
        if w not in known:
            raise RegieError(f"'{w}' is geen betrokkene, lid van het huishouden of 'client' van casus {case.id} "
                             f"(wel: {', '.join(sorted(known))})")
    gone = case.netwerk.gone(day) if case.netwerk else set()
    late = [w for w in who if w in gone]
    if late:
        raise RegieError(f"{', '.join(late)} is op {day.isoformat()} niet meer betrokken bij casus {case.id} "
                         f"(netwerk.yaml: tot); {what}")
    if len(set(who)) != len(who):
        raise UsageError(f"iemand staat twee keer bij {what.split()[0]}: {', '.join(who)}")


def _texts(what: str, texts: list[str], field: str) -> list[str]:
    for t in texts:
        check_value(what, t, field=field)
        if not t.strip():
            raise UsageError(f"{what} mag niet leeg zijn", field=field)
    return [t.strip() for t in texts]


def _edit(root: Path, case: CaseWithCasus, change, *, adds: str | None = None) -> tuple[Path, str]:
    path = case_dir(root, case.id) / FILE
    text = path.read_text(encoding="utf-8") if path.exists() else EMPTY
    doc = RoundTrip(text, f"{case.folder}/{FILE}", adds=adds)
    change(doc.block_list("bijeenkomsten"))
    return path, doc.dump()


@exclusive("bijeenkomst plan")
def plan(root: Path, cid: str, *, datum: dt.date, soort: str, genodigden: list[str], today: dt.date,
         agenda: list[str] | None = None, commit: bool = True) -> Change:
    """Plan a meeting: its date, kind, invitees and agenda (the usual steps when none is given)."""
    if soort not in SOORTEN:
        raise UsageError(f"ongeldige soort '{soort}'; kies uit: {', '.join(SOORTEN)}", field="soort")
    points = _texts("een agendapunt", agenda, "agenda") if agenda else list(STANDAARD_AGENDA)
    net, case, _ = load_case(root, cid, needs=(CASE_FILE, NETWERK_FILE, FILE))
    refuse_closed(case, "een bijeenkomst plannen")
    if not genodigden:
        raise UsageError("geef wie er uitgenodigd wordt (betrokkene-id, lid-id of 'client')", field="genodigde")
    _check_people(case, genodigden, datum, "nodig iemand anders uit")
    if datum < case.casus.geopend:
        raise UsageError(f"datum {datum.isoformat()} ligt voor de opening van de casus ({case.casus.geopend.isoformat()})",
                         field="datum")
    new_id = next_id("B", (b.id for b in case.bijeenkomsten))
    item = new_map({"id": new_id, "datum": datum, "soort": soort, "status": "gepland",
                    "genodigden": flow_list(genodigden), "agenda": points})
    path, text = _edit(root, case, lambda seq: append_item(seq, item), adds="bijeenkomst")
    problems = apply(root, cid, {path: text}, f"regie bijeenkomst: {new_id} gepland in casus {cid}", today, commit=commit)
    warnings = [f"de bijeenkomst is op {datum.isoformat()}: dat is al voorbij; leg het verslag vast met "
                "'regie bijeenkomst verslag'"] if datum < today else []
    return Change(id=new_id, what=f"bijeenkomst {new_id} ({soort}) gepland in casus {cid} op {datum.isoformat()}",
                  paths=[path], warnings=warnings, problems=problems)


@dataclass(frozen=True)
class NieuweAfspraak:
    """An agreement made at the meeting, as ``--afspraak 'WIE|DEADLINE|WAT'`` or ``'WIE|DEADLINE|DOEL|WAT'`` gives it."""

    wie: str
    deadline: dt.date
    wat: str
    doel: str | None = None

    @classmethod
    def parse(cls, text: str) -> NieuweAfspraak:
        parts = [p.strip() for p in text.split("|", 3)]
        if len(parts) < 3:
            raise UsageError(f"'{text}': schrijf WIE|DEADLINE|WAT of WIE|DEADLINE|DOEL|WAT "
                             "(bijv. 'dochter|2026-12-15|D2|Samen boodschappen doen')", field="afspraak")
        try:
            deadline = dt.date.fromisoformat(parts[1])
        except ValueError:
            raise UsageError(f"'{text}': deadline '{parts[1]}' is geen datum (JJJJ-MM-DD)", field="afspraak") from None
        wat = parts[-1]
        if not wat:
            raise UsageError(f"'{text}': de omschrijving mag niet leeg zijn", field="afspraak")
        return cls(parts[0], deadline, wat, parts[2] if len(parts) == 4 and parts[2] else None)


@exclusive("bijeenkomst verslag")
def record(root: Path, cid: str, bid: str, *, aanwezig: list[str], today: dt.date, besluiten: list[str] | None = None,
           afspraken: list[str] | None = None, commit: bool = True) -> Change:
    """The minutes of a held meeting: who was present, the decisions, and the agreements made there (each a new
    afspraak naming the meeting, dated the day of the meeting), in one commit."""
    decisions = _texts("een besluit", besluiten or [], "besluit")
    new = [NieuweAfspraak.parse(a) for a in afspraken or []]
    for a in new:
        check_value("de omschrijving van de afspraak", a.wat, field="afspraak")
    net, case, _ = load_case(root, cid, needs=(CASE_FILE, NETWERK_FILE, FILE, AFSPRAKEN_FILE)
                             + ((PLAN_FILE,) if any(a.doel for a in new) else ()))
    refuse_closed(case, "een verslag van een bijeenkomst vastleggen")
    b = find(case, bid)
    if b.gehouden:
        raise RegieError(f"bijeenkomst {bid} van casus {cid} heeft al een verslag (vastgelegd op "
                         f"{b.verslag_op.isoformat() if b.verslag_op else b.datum.isoformat()})")
    if b.datum > today:
        raise RegieError(f"bijeenkomst {bid} is op {b.datum.isoformat()}: het verslag kan pas na de bijeenkomst")
    if not aanwezig:
        raise UsageError("geef wie er aanwezig was (betrokkene-id, lid-id of 'client')", field="aanwezig")
    _check_people(case, aanwezig, b.datum, "wie er toen niet meer bij was, kan niet aanwezig zijn")
    warnings: list[str] = []
    ids: list[str] = []
    items = []
    for a in new:
        warnings += check_new(net, case, wie=a.wie, doel=a.doel, deadline=a.deadline, made=b.datum, today=today)
        ids.append(next_id("A", [x.id for x in case.afspraken] + ids))
        items.append(new_map({"id": ids[-1], "wat": a.wat, "wie": a.wie, "doel": a.doel, "gemaakt": b.datum,
                              "deadline": a.deadline, "status": "open", "bijeenkomst": bid}))

    def minutes(seq) -> None:
        item = next(x for x in seq if str(x.get("id")) == bid)
        item["status"] = "gehouden"
        after = "agenda" if "agenda" in item else "genodigden"
        put(item, "aanwezig", flow_list(aanwezig), after=after)
        if decisions:
            put(item, "besluiten", decisions, after="aanwezig")
        put(item, "verslag_op", today, after="besluiten" if decisions else "aanwezig")

    path, text = _edit(root, case, minutes)
    writes: dict[Path, str | bytes | None] = {path: text}
    if items:
        apath = case_dir(root, cid) / AFSPRAKEN_FILE
        atext = apath.read_text(encoding="utf-8") if apath.exists() else render(f"casus/{AFSPRAKEN_FILE}.j2", {}, root)
        doc = RoundTrip(atext, f"{case.folder}/{AFSPRAKEN_FILE}", adds="afspraak")
        seq = doc.block_list("afspraken")
        for item in items:
            append_item(seq, item)
        writes[apath] = doc.dump()
    made = f", {aantal(len(ids), 'afspraak')} ({', '.join(ids)})" if ids else ""
    problems = apply(root, cid, writes, f"regie bijeenkomst: verslag van {bid} in casus {cid}{made}", today, commit=commit)
    return Change(id=bid, what=f"verslag van bijeenkomst {bid} vastgelegd in casus {cid}{made}", paths=list(writes),
                  warnings=warnings, problems=problems)
