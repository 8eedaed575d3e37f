"""No directly identifying data in plain-text dossier files."""

from __future__ import annotations

from typing import Iterator

from ...dossier.lint import scan
from ..loader import Dossier
from ..problems import ERROR, WARNING, Problem


def privacy(dossier: Dossier) -> Iterator[Problem]:
    """No BSN, IBAN, phone number, e-mail address, address or birth date in any plain-text dossier file."""

    severity = ERROR if dossier.network is not None and dossier.network.privacy == "streng" else WARNING
    for rel, src in dossier.sources.items():
        for f in scan(src.text):
            yield Problem(rel, f.line, "privacy", severity, f.message())
