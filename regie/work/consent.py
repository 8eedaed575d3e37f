"""Consent in full (seed 004): each change recorded with its scope, the form and the afweging — never the past rewritten.

``toestemming`` in ``casus.yaml`` holds the consent as it stands, and ``toestemming.historie``
every change, oldest first. ``regie consent`` appends a change and makes it the current one;
an earlier entry is never edited, so what was agreed on any date can always be read back.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..clock import event_date
from ..dossier.lint import check_value
from ..dossier.loader import load_case
from ..dossier.repo import case_dir
from ..dossier.scope import gegevens_hint
from ..dossier.vocab import GRONDSLAGEN
from ..errors import UsageError
from ..formats.yamledit import RoundTrip, append_item, flow_list, new_list, new_map, put
from ..layout import CASE_FILE
from ..store.transaction import exclusive
from .mutation import Change, apply

STATUSES = ("gegeven", "geweigerd", "ingetrokken", "niet-gevraagd")  # niet-gevraagd: with the afweging and grondslag
LEGAL = tuple(g for g in GRONDSLAGEN if g not in ("toestemming", "afweging"))  # a legal basis to work without consent


@exclusive("consent")
def record_consent(
    root: Path, cid: str, *, status: str, today: dt.date, datum: dt.date | None = None, partners: list[str] | None = None,
    gegevens: list[str] | None = None, formulier: str | None = None, afweging: str | None = None,
    grondslag: str | None = None, commit: bool = True,
) -> Change:
    """Record a change of consent: appended to the history and made the current consent, in one commit."""

    check_value("de afweging", afweging, field="afweging")
    check_value("het formulier", formulier, field="formulier")

    if status not in STATUSES:
        raise UsageError(f"onbekende status '{status}'; kies uit: {', '.join(STATUSES)}")
    if grondslag is not None and grondslag not in LEGAL:
        raise UsageError(f"onbekende grondslag '{grondslag}'; kies uit: {', '.join(LEGAL)}")
    if status == "gegeven" and (afweging or grondslag):
        raise UsageError("een afweging en grondslag horen bij werken zonder toestemming (geweigerd, ingetrokken of "
                         "niet gevraagd)",
                         field=("afweging", "grondslag"))
    if status != "gegeven" and not (afweging and afweging.strip() and grondslag):
        raise UsageError(f"toestemming {status}: leg vast waarom er toch wordt samengewerkt (de afweging) en op welke "
                         f"wettelijke grondslag ({', '.join(LEGAL)})", field=("afweging", "grondslag"))
    if status != "gegeven" and (partners or gegevens):
        raise UsageError("partners en gegevens beschrijven waarvoor toestemming is gegeven; bij "
                         f"{status} horen ze niet", field=("partner", "gegevens"))
    net, case, _ = load_case(root, cid, needs=(CASE_FILE,))
    c = case.casus
    assert c is not None
    for org in partners or []:
        net.require_organisatie(org, field="partner")
    for word in gegevens or []:
        hint = gegevens_hint(net, word)
        if hint is not None:
            raise UsageError(hint, field="gegevens")
    t = c.toestemming
    last = t.historie[-1].datum if t.historie else t.datum
    when = event_date(datum, today, after=last or c.geopend,
                      after_what="de laatste wijziging van de toestemming" if last else "de opening van de casus")
    entry = {"datum": when, "status": status,
             "partners": flow_list(list(dict.fromkeys(partners))) if partners else None,
             "gegevens": flow_list(list(dict.fromkeys(gegevens))) if gegevens else None,
             "formulier": formulier, "afweging": afweging, "grondslag": grondslag}

    path = case_dir(root, cid) / CASE_FILE
    doc = RoundTrip(path.read_text(encoding="utf-8"), f"{case.folder}/casus.yaml")
    block = doc.data["toestemming"]
    history = block.get("historie")
    if history is None:  # the consent on record so far becomes the first entry
        first = {k: block.get(k) for k in ("datum", "status", "partners", "gegevens", "formulier", "afweging", "grondslag")}
        history = new_list()
        if first["datum"] is not None or first["status"] != "niet-gevraagd":
            history.append(new_map({**first, "datum": first["datum"] or c.geopend}))
        put(block, "historie", history)
    append_item(history, new_map(entry))
    for key in ("status", "datum", "partners", "gegevens", "formulier", "afweging", "grondslag"):
        value = entry[key]
        if value is None:
            if key in block:
                del block[key]
        else:
            _put_before(block, key, value, "historie")
    problems = apply(root, cid, {path: doc.dump()}, f"regie consent: toestemming van casus {cid} {status}", today,
                     commit=commit)
    return Change(what=f"toestemming van casus {cid}: {status} op {when.isoformat()}", problems=problems)


def _put_before(mapping, key: str, value, anchor: str) -> None:
    """Set ``key``; a new key goes just before ``anchor`` (the history stays last)."""
    if key in mapping:
        mapping[key] = value
        return
    keys = list(mapping)
    mapping.insert(keys.index(anchor) if anchor in keys else len(keys), key, value)
