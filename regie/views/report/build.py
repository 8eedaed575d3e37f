"""The whole report of a period: every part's figures in one JSON-ready document, and that document as text.

``build`` puts together the figures (``figures``, ``outcomes``) and applies the disclosure
policy (``disclosure``); ``render_report`` writes it as md, html, json or csv.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...dossier.loader import load_network_journal, load_network_work, load_signals
from ...dossier.scan import Collected
from ...dossier.state import in_care_on
from ...dossier.vocab import NETWORK_JOURNAL_KINDS
from ...errors import UsageError
from ...render.templates import leefgebied_namen, render
from ...safetext import csv_text, json_text
from ..period import Period
from .disclosure import protect, strip_ids
from .figures import agreements, caseload, escalations, flow, lead_times, network_work, safety, signals, usable_cases
from .kerntaken import consultations, voorlichting
from .labels import Namer, figure_name, namer, period_name, quarter_name, section_name
from .outcomes import outcomes


def period_title(label: str) -> str:
    """What the report is called: a quarter's is a kwartaalrapportage, a year's a jaarrapportage."""
    if "Q" in label:
        return "Kwartaalrapportage"
    return "Jaarrapportage" if label.isdigit() else "Rapportage"


def clip(period: Period, today: dt.date) -> Period:
    """The period as counted: one that is still running counts up to and including today."""

    if period.start > today:
        raise UsageError(f"de periode {period.label} is nog niet begonnen")
    return Period(period.start, min(period.end, today), period.label)


def build(got: Collected, root, period: Period, today: dt.date, *, ids: bool = True, suppress: bool = True) -> dict[str, Any]:
    """All figures for ``period``, from what ``report_job(clip(period, today))`` collected; with ``suppress``
    (the default) under the disclosure policy (:mod:`.disclosure`), else raw (for :func:`.comparison.compare`,
    which suppresses two reports together)."""

    net = got.network
    p = clip(period, today)
    cases, usable_count, excluded, earlier = usable_cases(got)
    signalen = load_signals(root)[0]

    notes = [n for n in load_network_journal(root)[0] if n.datum in p]
    net_consults, sessions, _, _ = load_network_work(root)
    data = {
        "netwerk": net.naam,
        "periode": {"label": p.label, "titel": period_title(p.label), "van": p.start.isoformat(),
                    "tot_en_met": p.end.isoformat(), "loopt_nog": period.end > today, "naam": period_name(p),
                    "kort": quarter_name(p.label) if "Q" in p.label else (p.label if p.label.isdigit() else period_name(p))},
        "organisatie_namen": net.organisatie_namen(),
        "regisseur_namen": {r.id: r.naam for r in net.regisseurs},
        "gemaakt_op": today.isoformat(),
        "casussen": usable_count,
        "weggelaten": [{"casus": e.casus, "reden": e.reden} for e in excluded],
        "instroom": flow(net, cases, p),
        "doorlooptijden": lead_times(net, cases, p),
        "afspraken": agreements(net, cases, p),
        "escalaties": escalations(net, cases, p),
        "uitkomsten": outcomes(net, cases, p, earlier),
        "netwerkgericht": {**network_work(net, cases, p),
                           "netwerkjournaal": {k: sum(1 for n in notes if n.soort == k) for k in NETWORK_JOURNAL_KINDS},
                           "consultaties": consultations(cases, net_consults, notes, p),
                           "voorlichting": voorlichting(sessions, notes, p)},
        "caseload": caseload(net, cases, p),
        "signalen": signals(signalen, p),
        "veiligheid": safety(cases, p),
        "drempel": net.rapport_min_aantal,
    }
    if not ids:
        data = _without_ids(data, cases, signalen, p)
    if suppress:
        protect(data, net.rapport_min_aantal)
    return data


def _without_ids(data: dict, cases: list, signalen: list, p: Period) -> dict:
    """The report for readers outside the network (--no-ids): no case ids, and no text typed freely except the
    signals' policy text."""
    data = strip_ids(data)
    # for readers outside the network: no free text at all (doelgroep and a signal's aard are typed freely)
    del data["instroom"]["per_doelgroep"]
    del data["uitkomsten"]["per_groep"]["doelgroep"]
    groups = list(data["signalen"].values())
    data["signalen"] = {"alle signalen": {
        "signalen": [item for g in groups for item in g["signalen"]],
        "casussen": len({cid for s in signalen if s.datum in p for cid in s.casussen}),
    }} if groups else {}
    load = data["caseload"].pop("open_per_regisseur")
    data.pop("regisseur_namen", None)  # no per-regisseur figures leave the network, nor their names
    data["caseload"]["open"] = {"regisseurs": sum(1 for v in load.values() if v != 0),
                                "casussen": sum(1 for c in cases if in_care_on(c, p.end))}
    return data



def flatten(data: dict) -> list[tuple[str, str, Any]]:
    """The report flattened to (onderdeel, cijfer, value) rows, ``cijfer`` the dotted path (the JSON's keys)."""
    return [(section, ".".join(parts), value) for section, parts, value in leaves(data)]


def leaves(data: dict) -> list[tuple[str, tuple[str, ...], Any]]:
    """Every figure of the report as (section, path below it, value); a list of plain values is one figure.
    The lookup tables of names (``organisatie_namen``, ``regisseur_namen``, ``afspraken.namen``) are no figures."""
    rows: list[tuple[str, tuple[str, ...], Any]] = []

    def walk(section: str, parts: tuple[str, ...], value: Any) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                if k not in ("organisatie_namen", "regisseur_namen", "namen"):
                    walk(section, (*parts, str(k)), v)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for i, v in enumerate(value):
                walk(section, (*parts, str(i)), v)
        else:
            rows.append((section, parts, value))

    for key, value in data.items():
        if key in ("organisatie_namen", "regisseur_namen"):
            continue
        if isinstance(value, dict):
            walk(key, (), value)
        else:
            walk("rapport", (key,), value)
    return rows


def names_for(data: dict, root) -> Namer:
    """The namer of the report's rows (organisations and leefgebieden by the network's names)."""
    return namer({**data.get("organisatie_namen", {}), **data.get("afspraken", {}).get("namen", {})}, leefgebied_namen(root),
                 data.get("regisseur_namen", {}))


def people_rows(data: dict, root) -> list[tuple[str, str, Any]]:
    """The report as (onderdeel, cijfer, value) rows in Dutch words, for a spreadsheet read by people."""
    name = names_for(data, root)
    return [(section_name(section), figure_name(parts, name), value) for section, parts, value in leaves(data)
            if section != "periode" or parts == ("naam",)]


def render_report(data: dict, fmt: str, root, dialect: str = "excel") -> str:
    """The report as md, html, json or csv text (CSV in ``dialect``, see ``regie.safetext.csv_text``)."""

    if fmt == "json":
        return json_text(data) + "\n"
    if fmt == "csv":
        return csv_text(("onderdeel", "cijfer", "waarde"), people_rows(data, root), dialect)
    ids_shown = not isinstance(data.get("weggelaten"), int)
    name = names_for(data, root)
    partners = {k: name("per_partner", k) for k in [*data["afspraken"]["per_partner"], *data["organisatie_namen"],
                                                     *data["instroom"]["per_melder_organisatie"]]}
    return render("report.html.j2" if fmt == "html" else "report.md.j2",
                  {"r": data, "ids_shown": ids_shown, "naam": name, "partner_namen": partners}, root)
