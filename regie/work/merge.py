"""One family, one plan, one regisseur (seed 002): fold a second case of a household into the first.

``merge_cases(A, B)`` moves B's open agreements into A (new ids, ``herkomst: B/A2``; in B
they lapse with a note where they went), adds B's betrokkenen to A's network (the same person
once, another with the same id under a new one), moves B's journal notes to A's journal (new
names, attendees renamed), takes B's household members into A, and closes B as
``samengevoegd`` (``samengevoegd_met: A``). Everything in one commit; B's other records
(plan, evaluations, escalations) stay in B as its history.

It asks first: two cases that do not share a household are merged only with a recorded reason
(``samengevoegd_zonder_huishouden`` in B), and the command is shown what will move (``Merged``)
before anything is written (``confirm``). B's meldcode, and B's records withheld from the inzage
(``afgeschermd``) with all that derives from them, stay with B unless the user moves them too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..dossier.afscherming import MELDCODE
from ..dossier.lint import check_value
from ..dossier.loader import load_case
from ..dossier.model import Case, CaseWithCasus, Naaste, Professional
from ..dossier.network import Network
from ..dossier.repo import case_dir
from ..dossier.vocab import MERGED_REASON, OPEN_STATUSES
from ..dossier.withheld import withheld
from ..errors import RegieError, UsageError
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
    leden: dict[str, str] = field(default_factory=dict)  # member id in B -> its id in A
    al_in: set[str] = field(default_factory=set)  # betrokkenen and members of B that A has already (the same person)
    blijft: list[str] = field(default_factory=list)  # B's records that stay with B (meldcode, withheld records)
    meldcode: bool = False  # B's meldcode moves to A
    zonder_huishouden: str | None = None  # the reason to merge cases that share no household
    gedaan: bool = False  # False: shown only (not confirmed, or a dry run)


def _same(a, b) -> bool:
    """Two betrokkenen with one id are one person when they say the same (organisation and role, or relation)."""
    return getattr(a, "organisatie", None) == getattr(b, "organisatie", None) and \
        getattr(a, "rol", None) == getattr(b, "rol", None) and getattr(a, "relatie", None) == getattr(b, "relatie", None)


@exclusive("merge-cases")
def merge_cases(root: Path, keep: str, fold: str, *, today: dt.date, commit: bool = True,
                zonder_huishouden: str | None = None, meldcode_mee: bool = False, afgeschermd_mee: bool = False,
                confirm: Callable[[Merged], bool] | None = None) -> Merged:
    """Fold ``fold`` into ``keep``; ``confirm`` sees what will move first and may stop it (nothing is written then)."""
    if keep == fold:
        raise RegieError(f"een casus samenvoegen met zichzelf kan niet ({keep})")
    check_value("de reden", zonder_huishouden, field="reden")
    if zonder_huishouden is not None and not zonder_huishouden.strip():
        raise UsageError("de reden mag niet leeg zijn", field="reden")
    needs = (CASE_FILE, NETWERK_FILE, AFSPRAKEN_FILE)
    net, a, _ = load_case(root, keep, needs=needs)
    _, b, _ = load_case(root, fold, needs=needs)
    _check(net, a, b, keep, fold, zonder_huishouden)
    if meldcode_mee and b.casus.meldcode and a.casus.meldcode:
        raise RegieError(f"casus {keep} en casus {fold} hebben allebei een meldcode; die voegt regie niet samen: "
                         f"laat de meldcode bij casus {fold} of voeg de stappen met de hand samen")
    due = b.casus.meldcode.vraag5_open(net.termijnen.meldcode_vraag5) if b.casus.meldcode and not meldcode_mee else None
    if due is not None:
        raise RegieError(f"casus {fold}: vraag 5 van de meldcode (leidt de hulp tot duurzame veiligheid?) staat open "
                         f"(uiterlijk {due[1].isoformat()}); in een gesloten casus wordt die niet meer beantwoord. Beantwoord "
                         f"hem eerst, of neem de meldcode mee: 'regie merge-cases {keep} {fold} … --meldcode-mee'")
    stay = _staying(net, b, today, meldcode_mee=meldcode_mee, afgeschermd_mee=afgeschermd_mee)
    folder_a, folder_b = case_dir(root, keep), case_dir(root, fold)
    writes: dict[Path, str | None] = {}
    already: set[str] = set()
    renamed = _merge_network(a, b, folder_a, folder_b, writes, stay, already)

    def who(x: str) -> str:
        return renamed.get(x, x)

    moved, kept = _move_agreements(a, b, folder_a, folder_b, who, today, writes, keep, fold, stay)
    notes = _move_journal(a, b, folder_a, folder_b, who, writes, stay)
    casus_a = RoundTrip((folder_a / CASE_FILE).read_text(encoding="utf-8"), f"{a.folder}/casus.yaml")
    casus_b = RoundTrip((folder_b / CASE_FILE).read_text(encoding="utf-8"), f"{b.folder}/casus.yaml")
    members = _merge_household(a, b, casus_a.data, casus_b.data, stay, already)
    moves_meldcode = bool(meldcode_mee and b.casus.meldcode)
    if moves_meldcode:
        put(casus_a.data, MELDCODE, casus_b.data[MELDCODE])
        del casus_b.data[MELDCODE]
    writes[folder_a / CASE_FILE] = casus_a.dump()
    mark_closed(casus_b.data, net, b, today, MERGED, None,
                None if any(e.soort == "eind" for e in b.evaluaties) else f"samengevoegd met casus {keep}")
    put(casus_b.data, "samengevoegd_met", keep, after="sluitreden")
    if zonder_huishouden is not None:
        put(casus_b.data, "samengevoegd_zonder_huishouden", zonder_huishouden.strip(), after="samengevoegd_met")
    writes[folder_b / CASE_FILE] = casus_b.dump()
    merged = Merged(afspraken=moved, betrokkenen=dict(renamed), journaal=notes, leden=members, meldcode=moves_meldcode,
                    al_in=already,
                    blijft=([MELDCODE] if b.casus.meldcode and not moves_meldcode else []) + kept
                    + _kept_records(b, renamed, notes, members),
                    zonder_huishouden=zonder_huishouden)
    if confirm is not None and not confirm(merged):
        return merged
    merged.problems = apply(root, keep, writes, f"regie merge-cases: casus {fold} samengevoegd met casus {keep}", today,
                            commit=commit, scope=[keep, fold])
    merged.notes = ([f"afspraak {fold} {old} -> {keep} {new}" for old, new in moved.items()]
                    + [f"betrokkene {old} heet in casus {keep} {new}" for old, new in renamed.items() if old != new]
                    + [f"journaal {old} -> {keep}/journaal/{new}" for old, new in notes.items()])
    merged.gedaan = True
    return merged


def _staying(net: Network, b: CaseWithCasus, today: dt.date, *, meldcode_mee: bool, afgeschermd_mee: bool) -> set[str]:
    """B's records that stay with B: the meldcode and what derives from it (Veilig Thuis among the betrokkenen, a
    journal entry about it), unless it moves; the records withheld from the inzage and theirs, unless they move."""
    view = dataclasses.replace(b, afscherming=() if afgeschermd_mee else b.afscherming,
                               casus=dataclasses.replace(b.casus, meldcode=None) if meldcode_mee else b.casus)
    return withheld(view, net, today, {MELDCODE} if b.casus.meldcode and not meldcode_mee else set())


def _kept_records(b: Case, renamed: dict[str, str], notes: dict[str, str], members: dict[str, str]) -> list[str]:
    """The betrokkenen, journal entries and members of B that stay with B (its agreements are listed apart)."""
    people = [p.id for p in (b.netwerk.professionals if b.netwerk else ())] + [n.id for n in (b.netwerk.naasten if b.netwerk else ())]
    journal = [f"journaal/{j.file.rsplit('/', 1)[1][:-3]}" for j in sorted(b.journaal, key=lambda j: j.file)]
    leden = [m.id for m in (b.casus.huishouden.leden if b.casus and b.casus.huishouden else ())]
    return ([p for p in people if p not in renamed] + [j for j in journal if j.split("/", 1)[1] + ".md" not in notes]
            + [m for m in leden if m not in members])


def _check(net: Network, a: CaseWithCasus, b: CaseWithCasus, keep: str, fold: str, zonder_huishouden: str | None) -> None:
    """Refuse a merge the network cannot make: a closed case, two households (or none shared without a reason), an
    open escalation in B."""
    if a.casus.status not in OPEN_STATUSES:
        raise RegieError(f"casus {keep} is {a.casus.status}; samenvoegen kan alleen in een open casus")
    if b.casus.status not in OPEN_STATUSES:
        raise RegieError(f"casus {fold} is {b.casus.status}; alleen een open casus kan worden samengevoegd")
    ha, hb = a.casus.huishouden, b.casus.huishouden
    if ha and hb and ha.id != hb.id:
        raise RegieError(f"casus {keep} hoort bij huishouden {ha.id} en casus {fold} bij {hb.id}; "
                         "alleen casussen van één huishouden worden samengevoegd")
    if not (ha and hb) and zonder_huishouden is None:
        raise RegieError(f"casus {keep} en casus {fold} delen geen huishouden ({keep}: {ha.id if ha else 'geen'}, "
                         f"{fold}: {hb.id if hb else 'geen'}); samenvoegen zou het dossier van de een in dat van de ander "
                         f"zetten. Moeten ze toch samen, geef de reden: 'regie merge-cases {keep} {fold} --zonder-huishouden "
                         "--reden TEKST'")
    if any(e.afgesloten is None for e in b.escalaties):
        raise RegieError(f"casus {fold} heeft een open escalatie; sluit die af of schaal af voordat je samenvoegt")
    if MERGED not in net.sluitredenen:
        raise RegieError(f"sluitreden '{MERGED}' staat niet in sluitredenen in regie.yaml; voeg die toe")


def _merge_network(a: Case, b: Case, folder_a: Path, folder_b: Path, writes: dict[Path, str | None],
                   stay: set[str], same: set[str]) -> dict[str, str]:
    """B's betrokkenen join A's network: the same person once, someone else with the same id under a new one;
    those in ``stay`` stay with B. The ids of those A has already are added to ``same``.

    Returns each moving betrokkene's id in B -> its id in A.
    """

    people = _people(a)
    renamed: dict[str, str] = {}
    net_doc = RoundTrip((folder_a / NETWERK_FILE).read_text(encoding="utf-8"), f"{a.folder}/netwerk.yaml")
    source = RoundTrip((folder_b / NETWERK_FILE).read_text(encoding="utf-8"), f"{b.folder}/netwerk.yaml").data
    parts: tuple[tuple[str, tuple[Professional | Naaste, ...]], ...] = (
        ("professionals", b.netwerk.professionals if b.netwerk else ()), ("naasten", b.netwerk.naasten if b.netwerk else ()))
    for key, items in parts:
        for person, data in zip(items, source.get(key) or [], strict=False):
            if person.id in stay:
                continue
            if person.id in people and _same(people[person.id], person):
                renamed[person.id] = person.id
                same.add(person.id)
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
                     writes: dict[Path, str | None], keep: str, fold: str, stay: set[str]) -> tuple[dict[str, str], list[str]]:
    """B's open agreements move to A under new ids; in B they lapse with a note where they went. Those in ``stay``
    lapse in B without moving (listed second)."""

    moved: dict[str, str] = {}
    kept: list[str] = []
    taken = {x.id for x in a.afspraken}
    doc_a = RoundTrip((folder_a / AFSPRAKEN_FILE).read_text(encoding="utf-8"), f"{a.folder}/afspraken.yaml")
    doc_b = RoundTrip((folder_b / AFSPRAKEN_FILE).read_text(encoding="utf-8"), f"{b.folder}/afspraken.yaml")
    seq_a = doc_a.block_list("afspraken")
    for item in doc_b.block_list("afspraken"):
        if item.get("status", "open") != "open":
            continue
        old = str(item["id"])
        if old in stay:
            kept.append(old)
            item["status"] = "vervallen"
            put(item, "vervallen_op", today, after="status")
            put(item, "reden", f"casus samengevoegd met casus {keep}; afgeschermd, niet overgenomen", after="vervallen_op")
            continue
        new = next_id("A", taken)
        taken.add(new)
        moved[old] = new
        # B's goals and meetings are not A's: the meeting stays in B's file, found again through herkomst
        copy = {k: v for k, v in item.items() if k not in ("doel", "bijeenkomst")}
        copy.update(id=new, wie=who(str(item["wie"])), herkomst=f"{fold}/{old}")
        append_item(seq_a, new_map(copy))
        item["status"] = "vervallen"
        put(item, "vervallen_op", today, after="status")
        put(item, "reden", f"overgenomen in casus {keep} als {new}", after="vervallen_op")
    writes[folder_a / AFSPRAKEN_FILE] = doc_a.dump()
    if moved or kept:
        writes[folder_b / AFSPRAKEN_FILE] = doc_b.dump()
    return moved, kept


def _move_journal(a: Case, b: Case, folder_a: Path, folder_b: Path, who: Callable[[str], str],
                  writes: dict[Path, str | None], stay: set[str]) -> dict[str, str]:
    """B's journal notes move to A, with new names where A has one already, attendees renamed (those in ``stay``
    stay in B)."""

    notes: dict[str, str] = {}
    names = {p.name for p in (folder_a / JOURNAL_DIR).glob("*.md")} if (folder_a / JOURNAL_DIR).is_dir() else set()

    def attendees(data) -> None:
        if data.get("aanwezig"):
            for i, x in enumerate(data["aanwezig"]):
                data["aanwezig"][i] = who(str(x))

    for entry in sorted(b.journaal, key=lambda j: j.file):
        name = entry.file.rsplit("/", 1)[1]
        if f"{JOURNAL_DIR}/{name[:-3]}" in stay:
            continue
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


def _merge_household(a: CaseWithCasus, b: CaseWithCasus, data_a: Any, data_b: Any, stay: set[str],
                     already: set[str]) -> dict[str, str]:
    """B's household members join A's (a member already there, by role, birth year and pseudonym, once; those in
    ``stay`` stay with B; those A has already are added to ``already``). Returns each member's id in B -> its id in A."""

    ha, hb = a.casus.huishouden, b.casus.huishouden
    members: dict[str, str] = {}
    if hb and hb.leden:
        hh = data_a.get("huishouden")
        if hh is None:
            hh = new_map({"id": hb.id})
            put(data_a, "huishouden", hh, after="pseudoniem")
        leden = list_in(hh, "leden")
        used = {str(m.get("id")) for m in leden}
        moved = []
        for member in data_b["huishouden"]["leden"]:
            if str(member.get("id")) in stay:
                continue
            same = next((m for m in leden if str(m.get("rol")) == str(member.get("rol"))
                         and m.get("geboortejaar") == member.get("geboortejaar")
                         and m.get("pseudoniem") == member.get("pseudoniem")), None)
            if same is not None:
                members[str(member.get("id"))] = str(same.get("id"))
                already.add(str(member.get("id")))
                continue
            new = next_id("L", used)
            used.add(new)
            members[str(member.get("id"))] = new
            moved.append(new_map({**dict(member), "id": new}))
        _follow_ids(members, moved)
        for m in moved:
            append_item(leden, m)
    elif hb and not ha:
        put(data_a, "huishouden", new_map({"id": hb.id}), after="pseudoniem")
    return members


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
