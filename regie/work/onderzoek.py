"""The onderzoekende rol by command: past and current help, strengths, and how each naaste is for the client.

Help (``hulp``) and strengths (``krachten``) are lists in ``casus.yaml``; the judgement of a
naaste (steunend, belastend, onveilig) is a dated list in ``netwerk.yaml``, so that it may
change and the history stays. Each edit keeps the file's comments and layout, validates the
case and commits the one file it wrote. A closed case is refused.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..clock import event_date
from ..dossier.lint import check_value
from ..dossier.loader import load_case
from ..dossier.model import CaseWithCasus
from ..dossier.network import Network
from ..dossier.onderzoek import KWALITEITEN
from ..dossier.repo import case_dir
from ..errors import RegieError, UsageError
from ..formats.yamledit import RoundTrip, append_item, list_in, new_map, put
from ..ids import next_id
from ..layout import CASE_FILE, NETWERK_FILE
from ..store.transaction import exclusive
from .mutation import Change, apply


def open_case(root: Path, cid: str, what: str, needs: tuple[str, ...] = (CASE_FILE,)) -> tuple[Network, CaseWithCasus]:
    """The case to change, refused when it is closed (casework)."""
    net, case, _ = load_case(root, cid, needs=needs)
    if case.casus.status == "gesloten":
        raise RegieError(f"casus {cid} is gesloten; {what} kan niet meer")
    return net, case


def _text(thing: str, value: str | None, field: str, *, required: bool = False) -> str | None:
    check_value(thing, value, field=field)
    if value is not None and not value.strip() or required and value is None:
        raise UsageError(f"{thing} mag niet leeg zijn", field=field)
    return value.strip() if value is not None else None


def _casus_doc(root: Path, case: CaseWithCasus, adds: str | None = None) -> tuple[Path, RoundTrip]:
    path = case_dir(root, case.id) / CASE_FILE
    return path, RoundTrip(path.read_text(encoding="utf-8"), f"{case.folder}/{CASE_FILE}", adds=adds)


@exclusive("hulp add")
def hulp_add(root: Path, cid: str, *, organisatie: str, van: dt.date, today: dt.date, tot: dt.date | None = None,
             wat: str | None = None, resultaat: str | None = None, commit: bool = True) -> Change:
    """Record help the client had or has (``tot`` None: still going); returns its id (H1, H2, ...)."""

    organisatie = _text("de organisatie", organisatie, "organisatie", required=True) or ""
    wat = _text("de omschrijving van de hulp", wat, "wat")
    resultaat = _text("het resultaat", resultaat, "resultaat")
    if van > today:
        raise UsageError(f"de begindatum {van.isoformat()} ligt in de toekomst", field="van")
    if tot is not None and tot < van:
        raise UsageError(f"de einddatum {tot.isoformat()} ligt voor de begindatum {van.isoformat()}", field="tot")
    _, case = open_case(root, cid, "hulp vastleggen")
    new_id = next_id("H", (h.id for h in case.casus.hulp))
    path, doc = _casus_doc(root, case, adds="hulp")
    append_item(list_in(doc.data, "hulp", block=True),
                new_map({"id": new_id, "organisatie": organisatie, "wat": wat, "van": van, "tot": tot, "resultaat": resultaat}))
    problems = apply(root, cid, {path: doc.dump()}, f"regie hulp: {new_id} vastgelegd in casus {cid}", today, commit=commit)
    warnings = [] if tot is not None or resultaat is None else ["een resultaat bij hulp die nog loopt; geef ook de einddatum als ze gestopt is"]
    return Change(id=new_id, problems=problems, warnings=warnings)


@exclusive("hulp end")
def hulp_end(root: Path, cid: str, hulp: str, *, today: dt.date, tot: dt.date | None = None, resultaat: str | None = None,
             commit: bool = True) -> Change:
    """End help that was still going: ``tot`` (default today) and, where known, the result."""

    resultaat = _text("het resultaat", resultaat, "resultaat")
    _, case = open_case(root, cid, "hulp vastleggen")
    known = {h.id: h for h in case.casus.hulp}
    if hulp not in known:
        raise RegieError(f"casus {cid} heeft geen hulp '{hulp}' (wel: {', '.join(known) or 'geen'})")
    h = known[hulp]
    if h.tot is not None:
        raise RegieError(f"hulp {hulp} is al beëindigd op {h.tot.isoformat()}")
    when = event_date(tot, today, after=h.van, after_what="het begin van de hulp")
    path, doc = _casus_doc(root, case)
    item = doc.data["hulp"][h.index]
    put(item, "tot", when, after="van")
    if resultaat is not None:
        put(item, "resultaat", resultaat, after="tot")
    problems = apply(root, cid, {path: doc.dump()}, f"regie hulp: {hulp} van casus {cid} beëindigd", today, commit=commit)
    return Change(id=hulp, problems=problems)


@exclusive("kracht add")
def kracht_add(root: Path, cid: str, *, wat: str, today: dt.date, datum: dt.date | None = None, leefgebied: str | None = None,
               bron: str | None = None, commit: bool = True) -> Change:
    """Record a strength of the client or the network (krachtwerk); returns its id (K1, K2, ...)."""

    wat = _text("de kracht", wat, "wat", required=True) or ""
    bron = _text("de bron", bron, "bron")
    net, case = open_case(root, cid, "krachten vastleggen")
    if leefgebied is not None and leefgebied not in net.leefgebieden:
        raise UsageError(f"onbekend leefgebied '{leefgebied}'; kies uit: {', '.join(net.leefgebieden)}", field="leefgebied")
    when = event_date(datum, today)
    new_id = next_id("K", (k.id for k in case.casus.krachten))
    path, doc = _casus_doc(root, case, adds="kracht")
    append_item(list_in(doc.data, "krachten", block=True),
                new_map({"id": new_id, "wat": wat, "datum": when, "leefgebied": leefgebied, "bron": bron}))
    problems = apply(root, cid, {path: doc.dump()}, f"regie kracht: {new_id} vastgelegd in casus {cid}", today, commit=commit)
    return Change(id=new_id, problems=problems)


@exclusive("betrokkene kwaliteit")
def naaste_kwaliteit(root: Path, cid: str, naaste: str, oordeel: str, *, today: dt.date, datum: dt.date | None = None,
                     toelichting: str | None = None, commit: bool = True) -> Change:
    """Record whether a naaste is steunend, belastend or onveilig from a date; earlier judgements stay.

    ``steunend`` (what older files and the figures read) follows the latest judgement.
    """

    if oordeel not in KWALITEITEN:
        raise UsageError(f"ongeldig oordeel '{oordeel}'; kies uit: {', '.join(KWALITEITEN)}")
    toelichting = _text("de toelichting", toelichting, "toelichting")
    _, case = open_case(root, cid, "het netwerk wijzigen", needs=(CASE_FILE, NETWERK_FILE))
    naasten = {n.id: n for n in case.netwerk.naasten} if case.netwerk else {}
    if naaste not in naasten:
        raise RegieError(f"casus {cid} heeft geen naaste '{naaste}' (wel: {', '.join(naasten) or 'geen'})")
    n = naasten[naaste]
    when = event_date(datum, today)
    if n.kwaliteit and when < n.kwaliteit[-1].datum:
        raise UsageError(f"datum {when.isoformat()} ligt voor het vorige oordeel over {naaste} ({n.kwaliteit[-1].datum.isoformat()})",
                         field="datum")
    path = case_dir(root, cid) / NETWERK_FILE
    doc = RoundTrip(path.read_text(encoding="utf-8"), f"{case.folder}/{NETWERK_FILE}")
    item = doc.data["naasten"][n.index]
    put(item, "steunend", oordeel == "steunend", after="relatie")
    append_item(list_in(item, "kwaliteit", block=True), new_map({"datum": when, "oordeel": oordeel, "toelichting": toelichting}))
    problems = apply(root, cid, {path: doc.dump()}, f"regie betrokkene: oordeel over een naaste in casus {cid}", today,
                     commit=commit)
    warnings = ["een onveilige naaste: denk aan de meldcode en aan wat deze naaste uit het dossier te zien krijgt"] \
        if oordeel == "onveilig" else []
    return Change(id=naaste, problems=problems, warnings=warnings)
