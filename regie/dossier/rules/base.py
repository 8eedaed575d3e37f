"""What every rule sees: the case, where lines are, the network and the date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Iterator

from ..loader import Dossier, Lines
from ..model import Case
from ..network import Network
from ..problems import ERROR, Problem


@dataclass
class Ctx:
    """What a rule sees besides the case: where lines are, the network and the date."""

    lines: Lines | Dossier  # anything with .line(rel, *pointer)
    network: Network
    today: dt.date

    def at(self, case: Case, name: str, *pointer: str | int, code: str, message: str, severity: str = ERROR) -> Problem:
        rel = name if "/" in name and name.startswith(case.folder) else f"{case.folder}/{name}"
        return Problem(rel, self.lines.line(rel, *pointer), code, severity, message)


Rule = Callable[[Ctx, Case], Iterator[Problem]]
