"""Checking a dossier repository: every file against its schema, then the rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from .loader import load_dossier
from .problems import Problem
from .repo import case_dir
from .rules import CASE_RULES, Ctx, repository_rules


def validate(
    root: Path,
    today: dt.date,
    cases: list[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Problem]:
    """All problems in the repository (or in the named cases), sorted by file and line."""
    if cases:
        for cid in cases:
            case_dir(root, cid)  # unknown or hostile ids stop here, before anything is read
    dossier = load_dossier(root, only=cases or None, progress=progress)
    problems = list(dossier.problems)
    if dossier.network is not None:
        ctx = Ctx(dossier, dossier.network, today)
        for case in dossier.cases:
            for rule in CASE_RULES:
                problems.extend(rule(ctx, case))
    problems.extend(repository_rules(dossier))
    return sorted(set(problems), key=Problem.sort_key)
