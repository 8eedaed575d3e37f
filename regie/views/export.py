"""Inzage: the client's right of access — one readable document with everything the dossier holds about them.

Only the one case is read; signals and other cases are never loaded, and other case ids in
commit messages are hidden, so nothing about anyone else ends up in the document.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .caselog import case_log
from ..dossier.loader import load_case
from ..dossier.model import GRONDSLAGEN
from ..dossier.repo import PLAN_FILE


def export_context(root: Path, cid: str, today: dt.date) -> dict:
    from .safety import meldcode_lines, names, verwijsindex_lines

    net, case, dossier = load_case(root, cid, needs=("casus.yaml",))

    def body(rel: str) -> str:
        src = dossier.sources.get(rel)
        return (src.body or "").strip("\n") if src else ""

    log, _ = case_log(root, cid, other_cases_hidden=True)
    orgs = net.organisatie_namen()
    ladder = net.ladder()
    netwerk_src = dossier.sources.get(f"{case.folder}/netwerk.yaml")
    melding_src = dossier.sources.get(f"{case.folder}/melding.yaml")
    return {
        "netwerk": net.naam,
        "vandaag": today,
        "case": case,
        "casus": case.casus,
        "melding": case.melding,
        "melding_data": melding_src.data if melding_src and case.melding else {},
        "netwerk_data": netwerk_src.data if netwerk_src and case.netwerk else {},
        "plan": case.plan,
        "plan_tekst": body(f"{case.folder}/{PLAN_FILE}") if case.plan else "",
        "afspraken": case.afspraken,
        "escalaties": case.escalaties,
        "verstrekkingen": case.verstrekkingen,
        "grondslagen": GRONDSLAGEN,
        "evaluaties": [(e, body(e.file)) for e in case.evaluaties],
        "journaal": [(j, body(j.file)) for j in case.journaal],
        "wie": case.who_labels(net),
        "orgs": orgs,
        "ladder": ladder,
        "regisseur": next((r.naam for r in net.regisseurs if case.casus and r.id == case.casus.regisseur), None),
        "log": log,
        "broken": sorted(case.broken),
        "veiligheid": meldcode_lines(case.casus.meldcode, names(net)) if case.casus else [],
        "verwijsindex": verwijsindex_lines(case.casus.verwijsindex, names(net)) if case.casus else [],
    }


def render_export(root: Path, cid: str, today: dt.date, *, html: bool = False) -> str:
    from .render import render

    context = export_context(root, cid, today)
    md = render("inzage.md.j2", context, root)
    if not html:
        return md
    return render("inzage.html.j2", {"markdown": md, "casus": cid}, root)
