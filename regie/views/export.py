"""Inzage: the client's right of access — one readable document with everything the dossier holds about them.

Only the one case is read; signals and other cases are never loaded, and other case ids in
commit messages are hidden, so nothing about anyone else ends up in the document.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..dossier.loader import load_case
from ..dossier.vocab import GRONDSLAGEN
from ..layout import CASE_FILE, PLAN_FILE
from ..render.templates import environment, render
from .caselog import case_log
from .safety import meldcode_lines, names, verwijsindex_lines


def evaluation_prompts(root: Path) -> set[str]:
    """The questions the evaluation template puts in a new evaluation for the regisseur to answer (lines of
    plain text ending in '?'): they are the regisseur's prompt, not something the dossier says about the client."""

    env = environment(root)
    try:
        text = env.loader.get_source(env, "evaluatie.md.j2")[0]
    except Exception:  # noqa: BLE001 - no template, no prompts to leave out
        return set()
    return {line.strip() for line in text.splitlines()
            if line.strip().endswith("?") and "{" not in line and not line.lstrip().startswith(("#", "|", "-"))}


def without_prompts(text: str, prompts: set[str]) -> str:
    """``text`` without the template's prompt lines, and without a heading left with nothing under it."""
    lines = [line for line in text.split("\n") if line.strip() not in prompts]
    out: list[str] = []
    for i, line in enumerate(lines):
        if line.startswith("#"):
            rest = next((x for x in lines[i + 1:] if x.strip()), None)
            if rest is None or rest.startswith("#") and len(rest) - len(rest.lstrip("#")) <= len(line) - len(line.lstrip("#")):
                continue  # a heading with nothing under it
        out.append(line)
    text = "\n".join(out)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip("\n")


def export_context(root: Path, cid: str, today: dt.date) -> dict:
    net, case, dossier = load_case(root, cid, needs=(CASE_FILE,))

    def body(rel: str) -> str:
        src = dossier.sources.get(rel)
        return (src.body or "").strip("\n") if src else ""

    log, _ = case_log(root, cid, other_cases_hidden=True)
    prompts = evaluation_prompts(root)
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
        "evaluaties": [(e, without_prompts(body(e.file), prompts)) for e in case.evaluaties],
        "journaal": [(j, body(j.file)) for j in case.journaal],
        "wie": case.who_labels(net),
        "orgs": orgs,
        "ladder": ladder,
        "regisseur": next((r.naam for r in net.regisseurs if r.id == case.casus.regisseur), None),
        "log": log,
        "broken": sorted(case.broken),
        "veiligheid": meldcode_lines(case.casus.meldcode, names(net)),
        "verwijsindex": verwijsindex_lines(case.casus.verwijsindex, names(net)),
    }


def render_export(root: Path, cid: str, today: dt.date, *, html: bool = False) -> str:
    context = export_context(root, cid, today)
    md = render("inzage.md.j2", context, root)
    if not html:
        return md
    return render("inzage.html.j2", {"markdown": md, "casus": cid}, root)
