"""Policy signals (werkproces 2d): bottlenecks seen across cases, collected for policy advice."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..clock import event_date
from ..dossier.consultaties import exists
from ..dossier.lint import check_value
from ..dossier.loader import load_signals
from ..dossier.network_records import Signaal
from ..dossier.problems import Problem
from ..dossier.repo import case_dir
from ..dossier.vocab import SIGNAL_OLD_NAMES, SIGNAL_STATUS
from ..errors import RegieError, UsageError
from ..formats.yamledit import RoundTrip, append_item, list_in, new_map, put
from ..ids import next_id
from ..layout import SIGNALS_DIR
from ..render.templates import render
from ..store.transaction import exclusive
from .cases import network
from .mutation import Change, apply


def next_signal_id(root: Path) -> str:
    folder = root / SIGNALS_DIR
    return next_id("S", (p.stem for p in folder.glob("S*.yaml")) if folder.is_dir() else ())


@exclusive("signal add")
def add_signal(
    root: Path, *, over: str, aard: str, today: dt.date, cases: list[str] | None = None, organisatie: str | None = None,
    toelichting: str | None = None, datum: dt.date | None = None, commit: bool = True,
    consultaties: list[str] | None = None,
) -> Change:
    for thing, field, value in (("waar het signaal over gaat", "over", over), ("de aard", "aard", aard),
                                ("de toelichting", "toelichting", toelichting)):
        check_value(thing, value, field=field)

    net = network(root)
    if not over.strip() or not aard.strip():
        raise UsageError("waar het signaal over gaat en de aard mogen niet leeg zijn", field=("over", "aard"))
    for cid in cases or []:
        case_dir(root, cid)
    if organisatie:
        net.require_organisatie(organisatie, field="organisatie")
    for con in consultaties or []:
        if exists(root, con) is False:
            raise UsageError(f"consultatie '{con}' bestaat niet", field="consultatie")
    when = event_date(datum, today)
    sid = next_signal_id(root)
    path = root / SIGNALS_DIR / f"{sid}.yaml"
    text = render("signaal.yaml.j2", {"id": sid, "datum": when, "over": over, "aard": aard, "casussen": cases or [],
                                      "consultaties": consultaties or [], "organisatie": organisatie, "toelichting": toelichting}, root)
    problems = apply(root, None, {path: text}, f"regie signal: beleidssignaal {sid} vastgelegd", today, commit=commit)
    return Change(id=sid, problems=[p for p in problems if p.path == f"{SIGNALS_DIR}/{sid}.yaml"])


def list_signals(root: Path, status: str | None = None) -> tuple[list[Signaal], list[Problem]]:
    """The signals (optionally with one status), and problems with unreadable signal files."""
    status = SIGNAL_OLD_NAMES.get(status, status) if status else None
    if status and status not in SIGNAL_STATUS:
        raise UsageError(f"onbekende status '{status}'; kies uit: {', '.join(SIGNAL_STATUS)}")
    signals, problems, _ = load_signals(root)
    return [s for s in signals if not status or s.status == status], problems


@exclusive("signal status")
def set_status(
    root: Path, sid: str, *, status: str, today: dt.date, toelichting: str | None = None, antwoord: str | None = None,
    datum: dt.date | None = None, commit: bool = True,
) -> Change:
    """Move a signal on: ingebracht, beantwoord (with the answer on record), gesloten — never back."""

    check_value("de toelichting", toelichting, field="toelichting")
    check_value("het antwoord", antwoord, field="antwoord")

    if status not in SIGNAL_STATUS[1:]:
        raise UsageError(f"onbekende status '{status}'; kies uit: {', '.join(SIGNAL_STATUS[1:])}")
    if status == "beantwoord" and not (antwoord and antwoord.strip()):
        raise UsageError("beantwoord heeft een antwoord nodig: het antwoord van de gemeente of stuurgroep", field="antwoord")
    if antwoord and status != "beantwoord":
        raise UsageError("een antwoord hoort bij de status beantwoord", field=("antwoord", "status"))
    current = find_signal(root, sid)
    if SIGNAL_STATUS.index(status) <= SIGNAL_STATUS.index(current.status):
        raise RegieError(f"signaal {sid} is al {current.status}; de status gaat alleen vooruit "
                         f"({' → '.join(SIGNAL_STATUS)})")
    when = event_date(datum, today, after=current.datum, after_what="de datum van het signaal")
    path = root / SIGNALS_DIR / f"{sid}.yaml"
    doc = RoundTrip(path.read_text(encoding="utf-8"), f"{SIGNALS_DIR}/{sid}.yaml")
    doc.data["status"] = status
    if antwoord:
        put(doc.data, "antwoord", antwoord, after="status")
        put(doc.data, "beantwoord_op", when, after="antwoord")
    history = list_in(doc.data, "historie")
    append_item(history, new_map({"datum": when, "status": status, "toelichting": toelichting}))
    problems = apply(root, None, {path: doc.dump()}, f"regie signal: beleidssignaal {sid} {status}", today, commit=commit)
    return Change(id=sid, what=f"signaal {sid}: {status} op {when.isoformat()}",
                  problems=[p for p in problems if p.path == f"{SIGNALS_DIR}/{sid}.yaml"])


def find_signal(root: Path, sid: str) -> Signaal:
    """The signal ``sid``; a Dutch refusal for an id of the wrong form or one that does not exist."""
    if not re.fullmatch(r"S\d+", sid):
        raise UsageError(f"ongeldige signaal-id '{sid}': verwacht S gevolgd door een nummer, bijv. S3")
    signals, _, _ = load_signals(root)
    current = next((s for s in signals if s.id == sid), None)
    if current is None:
        raise RegieError(f"signaal {sid} bestaat niet (of is onleesbaar; zie 'regie validate')")
    return current


def advice_question(signal: Signaal, vraag: str | None) -> str:
    """What the network asks: given now, or that of the signal's last advice."""
    check_value("de vraag", vraag, field="vraag")
    if vraag is not None and vraag.strip():
        return vraag.strip()
    earlier = [a.get("vraag") for a in signal.adviezen if a.get("vraag")]
    if not earlier:
        raise UsageError("wat vraagt het netwerk? Een beleidsadvies heeft een vraag aan de gemeente of stuurgroep",
                         field="vraag")
    return str(earlier[-1])


@exclusive("signal advies")
def record_advice(root: Path, sid: str, *, aan: str, vraag: str, today: dt.date, commit: bool = True) -> Change:
    """Record on the signal that an advice was made of it: date, addressee and the network's ask (one commit)."""
    find_signal(root, sid)
    path = root / SIGNALS_DIR / f"{sid}.yaml"
    doc = RoundTrip(path.read_text(encoding="utf-8"), f"{SIGNALS_DIR}/{sid}.yaml")
    append_item(list_in(doc.data, "adviezen"), new_map({"datum": today, "aan": aan, "vraag": vraag}))
    problems = apply(root, None, {path: doc.dump()}, f"regie signal: beleidsadvies bij signaal {sid}", today, commit=commit)
    return Change(id=sid, what=f"signaal {sid}: beleidsadvies aan {aan} op {today.isoformat()} vastgelegd",
                  problems=[p for p in problems if p.path == f"{SIGNALS_DIR}/{sid}.yaml"])
