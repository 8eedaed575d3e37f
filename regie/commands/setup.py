"""Richt deze clone in voor regie: de samenvoeghulp voor afspraken, escalaties en signalen.

Git bewaart zijn instellingen niet in de repository; draai dit eenmaal na 'git clone'.
"""

from __future__ import annotations

from pathlib import Path

from ..cli import console, context
from ..errors import RepoNotFound
from ..work.initrepo import check_out_shared, setup_clone


def run() -> None:
    try:
        root = context.root()
    except RepoNotFound:
        done = check_out_shared(Path(context.STATE.repo or Path.cwd()))
        if done is None:
            raise
        console.info(done)
        root = context.root()
    for line in setup_clone(root):
        console.info(line)
