"""One family, one plan, one regisseur (seed 002): fold a second case of a household into the first.

``merge_cases(A, B)`` moves B's open agreements into A (new ids, ``herkomst: B/A2``; in B
they lapse with a note where they went), adds B's betrokkenen to A's network (the same person
once, another with the same id under a new one), moves B's journal notes to A's journal (new
names, attendees renamed), takes B's household members into A, and closes B as
``samengevoegd`` (``samengevoegd_met: A``). Everything in one commit; B's other records
(plan, evaluations, escalations) stay in B as its history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..dossier.loader import load_case
from ..dossier.model import Case, CaseWithCasus, Naaste, Professional
from ..dossier.network import Network
from ..dossier.repo import case_dir
from ..dossier.vocab import MERGED_REASON, OPEN_STATUSES
from ..errors import RegieError
from ..formats.yamledit import RoundTrip, append_item, edit_front_matter, flow_list, list_in, new_map, put
from ..ids import next_id
from ..layout import AFSPRAKEN_FILE, CASE_FILE, JOURNAL_DIR, NETWERK_FILE
from ..store.transaction import exclusive
from .closing import mark_closed
from .mutation import Change, apply

MERGED = MERGED_REASON


@dataclass
class Merged(Change):
    """What merge-cases did: besides the change, each record of the folded case under its id in the kept one."""

    afspraken: dict[str, str] = field(default_factory=dict)  # id in B -> id in A
    betrokkenen: dict[str, str] = field(default_factory=dict)  # id in B -> id in A (the same id when it is the same person)
    journaal: dict[str, str] = field(default_factory=dict)  # file name in B -> file name in A


def _same(a, b) -> bool:
    """Two betrokkenen with one id are one person when they say the same (organisation and role, or relation)."""
    return getattr(a, "organisatie", None) == getattr(b, "organisatie", None) and \
        getattr(a, "rol", None) == getattr(b, "rol", None) and getattr(a, "relatie", None) == getattr(b, "relatie", None)


@exclusive("merge-cases")
def merge_cases(root: Path, keep: str, fold: str, *, today: dt.date, commit: bool = True) -> Merged:
    if keep == fold:
        raise RegieError(f"een casus samenvoegen met zichzelf kan niet ({keep})")
    needs = (CASE_FILE, NETWERK_FILE, AFSPRAKEN_FILE)
    net, a, _ = load_case(root, keep, needs=needs)
    _, b, _ = load_case(root, fold, needs=needs)
    _check(net, a, b, keep, fold)
    folder_a, folder_b = case_dir(root, keep), case_dir(root, fold)
    writes: dict[Path, str | None] = {}
    renamed = _merge_network(a, b, folder_a, folder_b, writes)

    def who(x: str) -> str:
        return renamed.get(x, x)

    moved = _move_agreements(a, b, folder_a, folder_b, who, today, writes, keep, fold)
    notes = _move_journal(a, b, folder_a, folder_b, who, writes)
    _merge_household(a, b, folder_a, folder_b, writes)
    casus_b = RoundTrip((folder_b / CASE_FILE).read_text(encoding="utf-8"), f"{b.folder}/casus.yaml")
    mark_closed(casus_b.data, net, b, today, MERGED, None,
                None if any(e.soort == "eind" for e in b.evaluaties) else f"samengevoegd met casus {keep}")
    put(casus_b.data, "samengevoegd_met", keep, after="sluitreden")
    writes[folder_b / CASE_FILE] = casus_b.dump()
    problems = apply(root, keep, writes, f"regie merge-cases: casus {fold} samengevoegd met casus {keep}", today,
                     commit=commit, scope=[keep, fold])
    lines = ([f"afspraak {fold} {old} -> {keep} {new}" for old, new in moved.items()]
             + [f"betrokkene {old} heet in casus {keep} {new}" for old, new in renamed.items() if old != new]
             + [f"journaal {old} -> {keep}/journaal/{new}" for old, new in notes.items()])
    return Merged(problems=problems, notes=lines, afspraken=moved, betrokkenen=dict(renamed), journaal=notes)


def _check(net: Network, a: CaseWithCasus, b: CaseWithCasus, keep: str, fold: str) -> None:
    """Refuse a merge the network cannot make: a closed case, two households, an open escalation in B."""
    if a.casus.status not in OPEN_STATUSES:
        raise RegieError(f"casus {keep} is {a.casus.status}; samenvoegen kan alleen in een open casus")
    if b.casus.status not in OPEN_STATUSES:
        raise RegieError(f"casus {fold} is {b.casus.status}; alleen een open casus kan worden samengevoegd")
    ha, hb = a.casus.huishouden, b.casus.huishouden
    if ha and hb and ha.id != hb.id:
        raise RegieError(f"casus {keep} hoort bij huishouden {ha.id} en casus {fold} bij {hb.id}; "
                         "alleen casussen van één huishouden worden samengevoegd")
    if any(e.afgesloten is None for e in b.escalaties):
        raise RegieError(f"casus {fold} heeft een open escalatie; sluit die af of schaal af voordat je samenvoegt")
    if MERGED not in net.sluitredenen:
        raise RegieError(f"sluitreden '{MERGED}' staat niet in sluitredenen in regie.yaml; voeg die toe")


def _merge_network(a: Case, b: Case, folder_a: Path, folder_b: Path, writes: dict[Path, str | None]) -> dict[str, str]:
    """B's betrokkenen join A's network: the same person once, someone else with the same id under a new one.

    Returns each betrokkene's id in B -> its id in A.
    """

    people = _people(a)
    renamed: dict[str, str] = {}
    net_doc = RoundTrip((folder_a / NETWERK_FILE).read_text(encoding="utf-8"), f"{a.folder}/netwerk.yaml")
    source = RoundTrip((folder_b / NETWERK_FILE).read_text(encoding="utf-8"), f"{b.folder}/netwerk.yaml").data
    parts: tuple[tuple[str, tuple[Professional | Naaste, ...]], ...] = (
        ("professionals", b.netwerk.professionals if b.netwerk else ()), ("naasten", b.netwerk.naasten if b.netwerk else ()))
    for key, items in parts:
        for person, data in zip(items, source.get(key) or [], strict=False):
            if person.id in people and _same(people[person.id], person):
                renamed[person.id] = person.id
                continue
            new = person.id
            n = 2
            while new in people or new in renamed.values():
                new, n = f"{person.id}-{n}", n + 1
            renamed[person.id] = new
            people[new] = person
            seq = list_in(net_doc.data, key)
            append_item(seq, new_map({**dict(data), "id": new}))
    writes[folder_a / NETWERK_FILE] = net_doc.dump()
    return renamed


def _move_agreements(a: Case, b: Case, folder_a: Path, folder_b: Path, who: Callable[[str], str], today: dt.date,
                     writes: dict[Path, str | None], keep: str, fold: str) -> dict[str, str]:
    """B's open agreements move to A under new ids; in B they lapse with a note where they went."""

    moved: dict[str, str] = {}
    taken = {x.id for x in a.afspraken}
    doc_a = RoundTrip((folder_a / AFSPRAKEN_FILE).read_text(encoding="utf-8"), f"{a.folder}/afspraken.yaml")
    doc_b = RoundTrip((folder_b / AFSPRAKEN_FILE).read_text(encoding="utf-8"), f"{b.folder}/afspraken.yaml")
    seq_a = doc_a.block_list("afspraken")
    for item in doc_b.block_list("afspraken"):
        if item.get("status", "open") != "open":
            continue
        old = str(item["id"])
        new = next_id("A", taken)
        taken.add(new)
        moved[old] = new
        copy = {k: v for k, v in item.items() if k != "doel"}  # B's goals are not A's
        copy.update(id=new, wie=who(str(item["wie"])), herkomst=f"{fold}/{old}")
        append_item(seq_a, new_map(copy))
        item["status"] = "vervallen"
        put(item, "vervallen_op", today, after="status")
        put(item, "reden", f"overgenomen in casus {keep} als {new}", after="vervallen_op")
    writes[folder_a / AFSPRAKEN_FILE] = doc_a.dump()
    if moved:
        writes[folder_b / AFSPRAKEN_FILE] = doc_b.dump()
    return moved


def _move_journal(a: Case, b: Case, folder_a: Path, folder_b: Path, who: Callable[[str], str],
                  writes: dict[Path, str | None]) -> dict[str, str]:
    """B's journal notes move to A, with new names where A has one already, attendees renamed."""

    notes: dict[str, str] = {}
    names = {p.name for p in (folder_a / JOURNAL_DIR).glob("*.md")} if (folder_a / JOURNAL_DIR).is_dir() else set()

    def attendees(data) -> None:
        if data.get("aanwezig"):
            for i, x in enumerate(data["aanwezig"]):
                data["aanwezig"][i] = who(str(x))

    for entry in sorted(b.journaal, key=lambda j: j.file):
        name = entry.file.rsplit("/", 1)[1]
        new_name = name
        stem, n = entry.datum.isoformat(), 1
        while new_name in names:
            n += 1
            new_name = f"{stem}-{n}.md"
        names.add(new_name)
        notes[name] = new_name
        text = (folder_b / JOURNAL_DIR / name).read_text(encoding="utf-8")
        writes[folder_a / JOURNAL_DIR / new_name] = edit_front_matter(text, f"{a.folder}/{JOURNAL_DIR}/{new_name}", attendees)
        writes[folder_b / JOURNAL_DIR / name] = None
    return notes


def _merge_household(a: CaseWithCasus, b: CaseWithCasus, folder_a: Path, folder_b: Path, writes: dict[Path, str | None]) -> None:
    """B's household members join A's (a member already there, by role, birth year and pseudonym, once)."""

    ha, hb = a.casus.huishouden, b.casus.huishouden
    casus_a = RoundTrip((folder_a / CASE_FILE).read_text(encoding="utf-8"), f"{a.folder}/casus.yaml")
    if hb and hb.leden:
        raw_b = RoundTrip((folder_b / CASE_FILE).read_text(encoding="utf-8"), f"{b.folder}/casus.yaml").data
        hh = casus_a.data.get("huishouden")
        if hh is None:
            hh = new_map({"id": hb.id})
            put(casus_a.data, "huishouden", hh, after="pseudoniem")
        leden = list_in(hh, "leden")
        used = {str(m.get("id")) for m in leden}
        moved, ids = [], {}
        for member in raw_b["huishouden"]["leden"]:
            same = next((m for m in leden if str(m.get("rol")) == str(member.get("rol"))
                         and m.get("geboortejaar") == member.get("geboortejaar")
                         and m.get("pseudoniem") == member.get("pseudoniem")), None)
            if same is not None:
                ids[str(member.get("id"))] = str(same.get("id"))
            else:
                new = next_id("L", used)
                used.add(new)
                ids[str(member.get("id"))] = new
                moved.append(new_map({**dict(member), "id": new}))
        _follow_ids(ids, moved)
        for m in moved:
            append_item(leden, m)
    elif hb and not ha:
        put(casus_a.data, "huishouden", new_map({"id": hb.id}), after="pseudoniem")
    writes[folder_a / CASE_FILE] = casus_a.dump()


def _follow_ids(ids: dict[str, str], members: list) -> None:
    """A moved member's gezag and consent name other moved members by their new ids."""
    for m in members:
        if isinstance(m.get("gezag"), list):
            m["gezag"] = flow_list([ids.get(str(g), str(g)) for g in m["gezag"]])
        t = m.get("toestemming")
        if isinstance(t, dict) and isinstance(t.get("door"), list):
            t["door"] = flow_list([ids.get(str(d), str(d)) for d in t["door"]])


def _people(case: Case) -> dict[str, Professional | Naaste]:
    out: dict[str, Professional | Naaste] = {}
    if case.netwerk:
        for p in case.netwerk.professionals:
            out[p.id] = p
        for n in case.netwerk.naasten:
            out[n.id] = n
    return out
