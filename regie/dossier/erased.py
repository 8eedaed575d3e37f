"""The record of erased cases, ``vernietigd.yaml``: read and checked the same way for ``validate`` and ``purge``.

``regie purge`` appends an entry per erased case (id, date, category, term, early or not and on which
ground — no personal data). Before it touches history it reads this file with :func:`load_erased`: a
file that is a link, not UTF-8, not YAML or not of the schema stops the purge with the finding, so
history is never rewritten for a record that then cannot be written.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import DossierInvalid
from ..formats.yamlio import load_yaml_file
from ..layout import CASES_DIR, ERASED
from . import schema
from .problems import ERROR, Problem


def load_erased(root: Path) -> tuple[list[dict], list[Problem]]:
    """The entries of ``vernietigd.yaml`` (none when there is no such file) and the problems reading it.

    With problems, the entries are empty: a broken record is never half-used.
    """

    path = root / ERASED
    if not os.path.lexists(path):
        return [], []
    if path.is_symlink():
        return [], [Problem(ERASED, None, "symlink", ERROR,
                            "is een symbolische link; regie volgt geen links (zet er een gewoon bestand neer)")]
    if not path.is_file():
        return [], [Problem(ERASED, None, "geen-bestand", ERROR, "is geen gewoon bestand; hier hoort een bestand")]
    try:
        src = load_yaml_file(path, ERASED)
    except DossierInvalid as exc:
        return [], [Problem(ERASED, exc.line, exc.code, ERROR, exc.message)]
    found = [Problem(ERASED, src.line(*pointer), "schema", ERROR, message) for pointer, message in schema.check("vernietigd", src.data)]
    if found:
        return [], found
    return list(src.data["vernietigd"]), []


def erased_problems(root: Path) -> list[Problem]:
    """``validate``'s findings on ``vernietigd.yaml``: readable and of the schema; a case once, and no longer there."""

    entries, problems = load_erased(root)
    if problems:
        return problems
    src = None
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        cid = entry["casus"]
        if cid in seen:
            src = src or load_yaml_file(root / ERASED, ERASED)
            problems.append(Problem(ERASED, src.line("vernietigd", i, "casus"), "vernietigd-dubbel", ERROR,
                                    f"casus {cid} staat meer dan eens in de lijst van vernietigde casussen"))
        seen.add(cid)
        if os.path.lexists(root / CASES_DIR / cid):
            src = src or load_yaml_file(root / ERASED, ERASED)
            problems.append(Problem(ERASED, src.line("vernietigd", i, "casus"), "vernietigd-bestaat-nog", ERROR,
                                    f"casus {cid} staat als vernietigd geboekt, maar de map {CASES_DIR}/{cid} bestaat nog"))
    return problems
