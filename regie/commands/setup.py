"""Richt deze clone in voor regie: de samenvoeghulp voor afspraken, escalaties en signalen.

Git bewaart zijn instellingen niet in de repository; draai dit eenmaal na 'git clone'.
"""

from __future__ import annotations

from ..cli import console, context
from ..work.initrepo import setup_clone


def run() -> None:
    for line in setup_clone(context.root()):
        console.info(line)
