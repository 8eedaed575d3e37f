"""Handing over regie (werkproces 1e, seed 004): to another regisseur, an outside organisation, a casushouder, or back.

Also the memo for the organisation that takes regie over.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..dossier.afscherming import MELDCODE, veilig_thuis
from ..dossier.lint import check_value
from ..dossier.loader import load_case
from ..dossier.model import CaseWithCasus
from ..dossier.network import unknown_reference
from ..dossier.repo import case_dir
from ..dossier.scan import Job, collect
from ..dossier.vocab import OPEN_STATUSES
from ..errors import RegieError, UsageError
from ..formats.yamledit import RoundTrip, append_item, new_list, new_map, put
from ..layout import AFSPRAKEN_FILE, CASE_FILE, NETWERK_FILE
from ..render.templates import render
from ..store.transaction import exclusive
from ..taal import aantal
from ..views.safety import meldcode_lines, names, verwijsindex_lines
from .identity import rekey_after_handover, rekey_after_handovers
from .mutation import Change, apply
from .verstrekkingen import record_verstrekking


@exclusive("handover")
def handover(
    root: Path, cid: str, *, reden: str, today: dt.date, naar: str | None = None, casushouder: str | None = None,
    terug: bool = False, tijdelijk: bool = False, commit: bool = True,
) -> Change:
    """Record who holds regie now: another regisseur, an outside organisation, back to the network, or a casushouder.

    The change's ``id`` is the outside organisation that now holds regie (None for the other kinds).
    """

    check_value("de reden", reden, field="reden")

    net, case, _ = load_case(root, cid, needs=(CASE_FILE, NETWERK_FILE))
    c = case.casus
    assert c is not None
    if not reden.strip():
        raise UsageError("de reden mag niet leeg zijn", field="reden")
    if sum(bool(x) for x in (naar, casushouder, terug)) != 1:
        raise UsageError("geef precies één: naar wie de regie gaat, de casushouder, of terug", field=("naar", "casushouder", "terug"))
    if c.status == "gesloten":
        raise RegieError(f"casus {cid} is gesloten; overdragen kan niet meer")
    path = case_dir(root, cid) / CASE_FILE
    doc = RoundTrip(path.read_text(encoding="utf-8"), f"{case.folder}/casus.yaml")
    data = doc.data
    history = data.get("regie_historie")
    if history is None:
        history = new_list([new_map({"datum": c.geopend, "regisseur": c.regisseur, "reden": "casus geopend"})])
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
        raise unknown_reference("regisseur of organisatie", str(naar), sorted(regisseurs) + sorted(orgs), field="naar")
    writes = _with_verstrekking(root, net, case, naar, today, entry)
    append_item(history, new_map(entry))
    writes[path] = doc.dump()
    problems = apply(root, cid, writes, f"regie handover: casus {cid} overgedragen", today, commit=commit)
    if naar in regisseurs:
        rekey_after_handover(root, cid, today, commit)  # the new regisseur must be able to read the identity
    return Change(what=what, problems=problems, id=naar if naar in orgs and naar not in regisseurs else None)


def _with_verstrekking(root: Path, net, case: CaseWithCasus, naar: str | None, today: dt.date,
                       entry: dict) -> dict[Path, str | bytes | None]:
    """The write of a handover's verstrekking (none when it is no verstrekking); a handover that follows from the
    meldcode says so in its ``entry`` (``bron``), so the inzage withholds it with the meldcode."""
    given = _verstrekking(root, net, case, naar, today)
    if given is None:
        return {}
    if given[2].get("bron") and "organisatie" in entry:
        entry["bron"] = given[2]["bron"]
    return {given[0]: given[1]}


def _verstrekking(root: Path, net, case: CaseWithCasus, naar: str | None, today: dt.date) -> tuple[Path, str, dict] | None:
    """The verstrekking of a handover: the overdrachtsmemo to an organisation outside the network's regie, or the
    dossier to a regisseur of another organisation (None within one organisation, or to a casushouder)."""
    c = case.casus
    orgs = net.organisatie_namen()
    regisseurs = {r.id: r for r in net.regisseurs}
    if naar in regisseurs:
        van = regisseurs.get(c.regisseur)
        to = regisseurs[naar].organisatie
        if to is None or (van is not None and van.organisatie == to):
            return None
        return record_verstrekking(root, case, datum=today, aan=to, ontvanger=regisseurs[naar].naam,
                                   wat="overdracht van de regie: het dossier gaat naar de nieuwe regisseur",
                                   categorieen=["dossier"])
    if naar is None or naar not in orgs:
        return None
    kinds = ["overdracht"] + (["meldcode"] if c.meldcode else []) + (["verwijsindex"] if c.verwijsindex else [])
    kinds += ["afspraken"] if any(a.status == "open" for a in case.afspraken) else []
    kinds += ["betrokkenen"] if case.netwerk and case.netwerk.professionals else []
    bron = MELDCODE if c.meldcode and naar in veilig_thuis(net.organisaties) else None
    return record_verstrekking(root, case, datum=today, aan=naar, bron=bron, categorieen=kinds,
                               wat="het overdrachtsmemo bij de overdracht van de regie")


def _holder(ctx, loaded) -> tuple[str, str] | None:
    """(regisseur, status) of a case, for finding the cases a regisseur holds."""
    c = loaded.case.casus
    return (c.regisseur, c.status) if c is not None else None


HOLDERS = Job("houders", _holder)


@exclusive("handover --van")
def handover_all(
    root: Path, *, van: str, naar: str, reden: str, today: dt.date, status: str | None = None, commit: bool = True,
) -> Change:
    """Hand every open case of regisseur ``van`` (optionally with one status) to ``naar`` in one commit.

    Each case's ``regie_historie`` records it; identities are re-encrypted for the new regisseur
    afterwards (one commit more), where this user can read them. Returns the cases moved.
    """

    check_value("de reden", reden, field="reden")

    if not reden.strip():
        raise UsageError("de reden mag niet leeg zijn", field="reden")
    if status is not None and status not in OPEN_STATUSES:
        raise UsageError(f"kies een status van open casussen: {', '.join(OPEN_STATUSES)}", field="status")
    got = collect(root, today, HOLDERS)
    net = got.network
    regisseurs = {r.id: r for r in net.regisseurs}
    for who, field in ((van, "van"), (naar, "naar")):
        net.require_regisseur(who, field=field)
    if van == naar:
        raise UsageError("van wie en aan wie de casussen gaan is dezelfde regisseur", field=("van", "naar"))
    until = regisseurs[naar].actief_tot
    if until is not None and until < today:
        raise RegieError(f"{naar} is niet meer actief (tot {until.isoformat()}); kies een andere regisseur")
    cids = [cid for cid, (who, st) in got.values if who == van and st in OPEN_STATUSES and (status is None or st == status)]
    if not cids:
        raise RegieError(f"regisseur {van} heeft geen open casussen" + (f" met status {status}" if status else ""))
    writes = handover_writes(root, cids, naar=naar, reden=reden, today=today)
    problems = apply(root, None, writes, f"regie handover: {aantal(len(cids), 'casus')} overgedragen aan een andere regisseur",
                     today, commit=commit, scope=cids)

    rekey_after_handovers(root, cids, today, commit)  # the new regisseur must be able to read the identities
    return Change(what=f"{aantal(len(cids), 'casus')} van {van} overgedragen aan {naar}", problems=problems, notes=cids)


def open_cases_of(root: Path, today: dt.date, regisseur: str) -> list[str]:
    """The open cases ``regisseur`` holds."""
    got = collect(root, today, HOLDERS)
    return [cid for cid, (who, st) in got.values if who == regisseur and st in OPEN_STATUSES]


def handover_writes(root: Path, cids: list[str], *, naar: str, reden: str, today: dt.date) -> dict[Path, str | bytes | None]:
    """The new ``casus.yaml`` of each case in ``cids``, held by ``naar`` from today, recorded in its ``regie_historie``."""
    writes: dict[Path, str | bytes | None] = {}
    for cid in cids:
        net, case, _ = load_case(root, cid, needs=(CASE_FILE,))
        c = case.casus
        assert c is not None
        path = case_dir(root, cid) / CASE_FILE
        doc = RoundTrip(path.read_text(encoding="utf-8"), f"{case.folder}/casus.yaml")
        history = doc.data.get("regie_historie")
        if history is None:
            history = new_list([new_map({"datum": c.geopend, "regisseur": c.regisseur, "reden": "casus geopend"})])
            put(doc.data, "regie_historie", history)
        doc.data["regisseur"] = naar
        append_item(history, new_map({"datum": today, "regisseur": naar, "reden": reden}))
        writes[path] = doc.dump()
        given = _verstrekking(root, net, case, naar, today)
        if given is not None:
            writes[given[0]] = given[1]
    return writes


def render_handover_memo(root: Path, cid: str) -> str:
    """The memo for the organisation that now holds regie: why, the meldcode record, open agreements, who is involved."""

    net, case, _ = load_case(root, cid, needs=(CASE_FILE, NETWERK_FILE, AFSPRAKEN_FILE))
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

