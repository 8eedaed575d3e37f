"""A beleidsadvies from a policy signal (werkproces 2d): what is seen, how often, since when, what it costs clients and
what the network asks — for the gemeente, the stuurgroep or the ketenpartners.

It goes outside the network, so it holds no case ids and no free text (the signal's ``toelichting`` stays out
too: it may say "two cases" where the counts say 'x'): only what the signal is about and its kind, and counts over the cases and consultations behind it, suppressed as every count of ``regie
report`` is (``regie.views.report.disclosure``: no count below ``rapport.min_aantal``; a median only over at
least that many cases).
"""

from __future__ import annotations

import datetime as dt
import statistics
from pathlib import Path

from ..dossier.loader import load_dossier
from ..dossier.network_records import Signaal
from ..dossier.problems import ERROR
from ..dossier.scan import read_network
from ..errors import RegieError
from ..render.templates import render
from .report.disclosure import HIDDEN, hidden_cells

AAN = {"gemeente": "de gemeente", "stuurgroep": "de stuurgroep", "ketenpartners": "de ketenpartners"}


def advice_data(root: Path, signal: Signaal, *, aan: str, vraag: str, today: dt.date) -> dict:
    """The advice as data: the signal's words, the suppressed counts, and the network's ask."""
    network, _, problems, _ = read_network(root)
    errors = [p for p in problems if p.severity == ERROR]
    if errors or network is None:
        raise errors[0].as_error() if errors else RegieError("regie.yaml is niet te lezen")
    cases = load_dossier(root, only=list(signal.casussen)).cases if signal.casussen else []
    meldingen = [c.melding.datum for c in cases if c.melding is not None]
    per_lg = {lg: sum(1 for c in cases if c.casus and lg in c.casus.leefgebieden) for lg in network.leefgebieden}
    figures: dict = {
        "casussen": len(signal.casussen),
        "consultaties": len(signal.consultaties),
        "met_escalatie": sum(1 for c in cases if c.escalaties),
        "afspraken_te_laat": sum(1 for c in cases for a in c.afspraken if a.status == "open" and a.deadline < today),
        "per_leefgebied": {lg: n for lg, n in per_lg.items() if n},
    }
    threshold = network.rapport_min_aantal
    for path in hidden_cells(figures, threshold):  # the report's rule; these figures add up to nothing, so no more
        node = figures
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = HIDDEN
    days = [(today - d).days for d in meldingen]
    return {
        "netwerk": network.naam,
        "signaal": signal.id,
        "datum": today.isoformat(),
        "aan": aan,
        "aan_tekst": AAN[aan],
        "over": signal.over,
        "aard": signal.aard,
        "organisatie": network.organisatie_namen().get(signal.organisatie, signal.organisatie) if signal.organisatie else None,
        "sinds": signal.datum.isoformat(),
        "eerste_melding": min(meldingen).isoformat() if meldingen and figures["casussen"] != HIDDEN else None,
        "cijfers": figures,
        "mediaan_dagen_sinds_melding": statistics.median(days) if len(days) >= threshold else None,
        "drempel": threshold,
        "vraag": vraag,
        "status": signal.status,
        "antwoord": signal.antwoord,
    }


def render_advice(data: dict, fmt: str, root: Path) -> str:
    """The advice as Markdown or (``html``) an HTML page, also what the PDF is printed from."""
    days = {k: dt.date.fromisoformat(data[k]) if data[k] else None for k in ("datum", "sinds", "eerste_melding")}
    return render("beleidsadvies.html.j2" if fmt == "html" else "beleidsadvies.md.j2",
                  {"advies": data, "hidden": HIDDEN, **days}, root)
