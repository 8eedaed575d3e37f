"""The network's own templates (``templates/``): only template files, never a symbolic link.

A template comes with a cloned repository and runs when a document is made; one that is, or sits behind,
a symbolic link could pull any file of the user's machine (an age key) into a document that is then
committed and pushed. The template loader refuses such a file when it is used; validate names it first.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from ...layout import TEMPLATES_DIR
from ..loader import Dossier
from ..problems import ERROR, WARNING, Problem

TEMPLATE_SUFFIX = ".j2"


def templates_rules(dossier: Dossier) -> Iterator[Problem]:
    """Every entry under ``templates/``: a symbolic link is an error, a file that is no template a warning."""
    top = Path(dossier.root) / TEMPLATES_DIR
    if top.is_symlink():
        yield _link(TEMPLATES_DIR)
        return
    if not top.is_dir():
        return
    for folder, dirs, files in os.walk(top):  # os.walk does not follow links to folders: they are listed, not entered
        here = Path(folder)
        for name in sorted(dirs + files):
            path = here / name
            rel = path.relative_to(dossier.root).as_posix()
            if path.is_symlink():
                yield _link(rel)
            elif name in files and not name.endswith(TEMPLATE_SUFFIX):
                yield Problem(rel, None, "sjabloon-onbekend", WARNING,
                              f"geen sjabloon: in {TEMPLATES_DIR}/ horen alleen sjablonen (namen op {TEMPLATE_SUFFIX}); "
                              "zet andere bestanden ergens anders")


def _link(rel: str) -> Problem:
    return Problem(rel, None, "sjabloon-link", ERROR,
                   "symbolische link tussen de sjablonen: regie leest geen links als sjabloon (een link kan een bestand "
                   "van uw computer, zoals een sleutel, in een document halen); zet er het sjabloon zelf neer")
