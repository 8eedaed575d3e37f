"""Policy signals (werkproces 2d): bottlenecks seen across cases, collected for policy advice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..clock import event_date
from ..errors import RegieError, UsageError
from ..dossier.loader import SIGNALS_DIR, load_signals
from ..dossier.model import Signaal, next_id
from ..dossier.problems import Problem
from ..dossier.repo import case_dir
from ..store.transaction import exclusive

SIGNAL_STATUS = ("open", "ingediend", "afgehandeld")


def next_signal_id(root: Path) -> str:
    folder = root / SIGNALS_DIR
    return next_id("S", (p.stem for p in folder.glob("S*.yaml")) if folder.is_dir() else ())


@exclusive("signal add")
def add_signal(
    root: Path, *, over: str, aard: str, today: dt.date, cases: list[str] | None = None, organisatie: str | None = None,
    toelichting: str | None = None, datum: dt.date | None = None, commit: bool = True,
) -> tuple[str, list[Problem]]:
    from ..privacy.lint import check_value

    for option, value in (("--over", over), ("--aard", aard), ("--toelichting", toelichting)):
        check_value(option, value)
    from .cases import network
    from .mutation import apply
    from ..views.render import render

    net = network(root)
    if not over.strip() or not aard.strip():
        raise UsageError("--over en --aard mogen niet leeg zijn")
    for cid in cases or []:
        case_dir(root, cid)
    if organisatie and organisatie not in net.organisatie_ids():
        raise RegieError(f"onbekende organisatie '{organisatie}' (bekend in regie.yaml: {', '.join(sorted(net.organisatie_ids()))})")
    when = event_date(datum, today)
    sid = next_signal_id(root)
    path = root / SIGNALS_DIR / f"{sid}.yaml"
    text = render("signaal.yaml.j2", {"id": sid, "datum": when, "over": over, "aard": aard, "casussen": cases or [],
                                      "organisatie": organisatie, "toelichting": toelichting}, root)
    problems = apply(root, None, {path: text}, f"regie signal: beleidssignaal {sid} vastgelegd", today, commit=commit)
    return sid, [p for p in problems if p.path == f"{SIGNALS_DIR}/{sid}.yaml"]


def list_signals(root: Path, status: str | None = None) -> tuple[list[Signaal], list[Problem]]:
    """The signals (optionally with one status), and problems with unreadable signal files."""
    if status and status not in SIGNAL_STATUS:
        raise UsageError(f"onbekende status '{status}'; kies uit: {', '.join(SIGNAL_STATUS)}")
    signals, problems, _ = load_signals(root)
    return [s for s in signals if not status or s.status == status], problems
