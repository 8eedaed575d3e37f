"""No directly identifying data in plain-text dossier files."""

from __future__ import annotations

from typing import Iterator

from ..loader import Dossier
from ..problems import ERROR, WARNING, Problem
from ..sociale_kaart import FILE as MAP
from ..sociale_kaart import contact_lines
from ..strays import privacy_findings


def privacy(dossier: Dossier) -> Iterator[Problem]:
    """No BSN, IBAN, phone number, e-mail address, postcode or birth date in any plain-text dossier file that was
    read (parsed or as text only), nor in its name. The aanmeldpunt of an organisation or voorziening on the sociale
    kaart may hold its own fixed number and function address (see ``contact_lines``)."""

    severity = ERROR if dossier.network is not None and dossier.network.privacy == "streng" else WARNING
    allowed = {MAP: contact_lines(dossier.network, dossier)} if MAP in dossier.sources else {}
    for rel, line, message in privacy_findings(dossier.sources, dossier.texts, dossier.names, allowed):
        yield Problem(rel, line, "privacy", severity, message)
