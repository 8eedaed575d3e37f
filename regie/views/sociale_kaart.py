"""``regie sociale-kaart``: the map per leefgebied, as Markdown, HTML or JSON (see ``regie.dossier.sociale_kaart``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..dossier.problems import ERROR
from ..dossier.scan import read_network
from ..dossier.sociale_kaart import FILE, stale, stale_message
from ..errors import RegieError, UsageError
from ..render.templates import render
from ..safetext import json_text


def load_map(root: Path):
    """The network with its sociale kaart; a Dutch refusal when there is none or it cannot be used."""

    network, _, problems, _ = read_network(root)
    errors = [p for p in problems if p.severity == ERROR]
    if errors:
        raise errors[0].as_error()
    if network is None or network.sociale_kaart is None:  # None: only with an error, raised above
        raise RegieError(f"dit netwerk heeft nog geen sociale kaart: maak {FILE} in de hoofdmap (zie de README)")
    return network


def map_data(network, today: dt.date, leefgebied: str | None = None) -> dict:
    """Per leefgebied (in the order of regie.yaml) the organisations and informal resources working on it, with
    what the map says, and the entries not checked within the term."""
    kaart = network.sociale_kaart
    if leefgebied is not None and leefgebied not in network.leefgebieden:
        raise UsageError(f"onbekend leefgebied '{leefgebied}' (bekend: {', '.join(network.leefgebieden)})")
    orgs = {o.id: o for o in network.organisaties}
    groups = []
    for lg in network.leefgebieden if leefgebied is None else (leefgebied,):
        rows = []
        for v in kaart.on(lg):
            o = orgs.get(v.organisatie)
            rows.append({"organisatie": v.organisatie, "naam": o.naam if o else v.organisatie, "soort": o.soort if o else None,
                         **{k: val for k, val in v.to_dict().items() if k != "organisatie"}})
        groups.append({"leefgebied": lg, "organisaties": rows,
                       "voorzieningen": [{k: val for k, val in v.to_dict().items() if k != "leefgebieden"}
                                         for v in kaart.voorzieningen if lg in v.leefgebieden]})
    on_map = {v.organisatie for v in kaart.vermeldingen}
    return {
        "netwerk": network.naam,
        "bijgewerkt": kaart.bijgewerkt.isoformat() if kaart.bijgewerkt else None,
        "leefgebieden": groups,
        "zonder_organisatie": [g["leefgebied"] for g in groups if not g["organisaties"]],
        "verouderd": [{"soort": "organisatie" if key == "organisaties" else "voorziening",
                       "naam": _display(network, key, index), "gecontroleerd": when.isoformat()}
                      for key, index, _, when in stale(network, today)],
        "niet_op_de_kaart": [o.id for o in network.organisaties if o.id not in on_map] if leefgebied is None else [],
    }


def _display(network, key: str, index: int) -> str:
    """The name of an entry of the map as people read it."""
    kaart = network.sociale_kaart
    if key == "voorzieningen":
        return kaart.voorzieningen[index].naam
    org = kaart.vermeldingen[index].organisatie
    return network.organisatie_namen().get(org, org)


def render_map(data: dict, fmt: str, root: Path) -> str:
    if fmt == "json":
        return json_text(data) + "\n"
    when = dt.date.fromisoformat(data["bijgewerkt"]) if data["bijgewerkt"] else None
    return render("sociale-kaart.html.j2" if fmt == "html" else "sociale-kaart.md.j2", {"kaart": data, "bijgewerkt": when}, root)


def stale_warnings(network, today: dt.date) -> list[str]:
    """The warnings about entries of the map not checked within ``termijnen.sociale_kaart``."""
    return [stale_message(name, when, network.termijnen.sociale_kaart) for _, _, name, when in stale(network, today)]
