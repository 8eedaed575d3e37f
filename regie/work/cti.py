"""The phases of a CTI trajectory (Critical Time Intervention): the network's model in regie.yaml, by default the
Dutch one (structurering, testen, overdracht of about three months each).

``regie cti CASE --fase F`` records that a phase began (with its goals) in ``casus.yaml`` under
``cti.fasen``; phases come in their order, each once. Phases recorded under regie's older names
(overbrugging, oefenfase) count as the phase they became.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..clock import event_date
from ..dossier.loader import load_case
from ..dossier.network import CTI_OLD_NAMES
from ..dossier.repo import case_dir
from ..errors import RegieError, UsageError
from ..formats.yamledit import RoundTrip, append_item, flow_list, list_in, new_map, put
from ..layout import CASE_FILE
from ..store.transaction import exclusive
from .gesloten import refuse_if_closed
from .mutation import Change, apply


@exclusive("cti")
def start_phase(root: Path, cid: str, *, fase: str, today: dt.date, datum: dt.date | None = None,
                doelen: list[str] | None = None, commit: bool = True) -> Change:
    refuse_if_closed(root, cid)
    net, case, _ = load_case(root, cid, needs=(CASE_FILE,))
    order = [f.fase for f in net.cti_fasen]
    if fase not in order:
        hint = f" ('{fase}' heet nu '{CTI_OLD_NAMES[fase]}')" if CTI_OLD_NAMES.get(fase) in order else ""
        raise UsageError(f"onbekende fase '{fase}'{hint}; kies uit: {', '.join(order)}", field="fase")
    c = case.casus
    assert c is not None
    if c.traject != "cti":
        raise RegieError(f"casus {cid} heeft traject {c.traject}; CTI-fasen horen bij traject cti")
    if c.status in ("gesloten", "overgedragen"):
        raise RegieError(f"casus {cid} is {c.status}; een fase beginnen kan niet meer")
    done = len(c.cti_fasen)
    expected = order[done] if done < len(order) else None
    if fase != expected:
        raise RegieError(f"de volgende fase van casus {cid} is {expected or '(geen: alle fasen zijn begonnen)'}, niet {fase} "
                         f"(volgorde: {', '.join(order)})")
    last = c.cti_fasen[-1].van if c.cti_fasen else c.geopend
    when = event_date(datum, today, after=last,
                      after_what=f"het begin van {c.cti_fasen[-1].fase}" if c.cti_fasen else "de opening van de casus")
    goals = [g.id for g in case.plan.doelen] if case.plan else []
    for ref in doelen or []:
        if ref not in goals:
            raise RegieError(f"doel '{ref}' staat niet in het plan van aanpak van casus {cid} (wel: {', '.join(goals) or 'geen'})")
    path = case_dir(root, cid) / CASE_FILE
    doc = RoundTrip(path.read_text(encoding="utf-8"), f"{case.folder}/casus.yaml")
    block = doc.data.get("cti")
    if block is None:
        block = new_map({})
        put(doc.data, "cti", block, after="traject")
    seq = list_in(block, "fasen")
    append_item(seq, new_map({"fase": fase, "van": when, "doelen": flow_list(list(dict.fromkeys(doelen))) if doelen else None}))
    problems = apply(root, cid, {path: doc.dump()}, f"regie cti: {fase} begonnen in casus {cid}", today, commit=commit)
    return Change(what=f"casus {cid}: {fase} begonnen op {when.isoformat()}", problems=problems)
