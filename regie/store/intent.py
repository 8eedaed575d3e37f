"""The intent of a change that can only be finished, never undone: a purge's rewrite of history.

The journal of :mod:`regie.store.transaction` rolls a killed mutation back. A rewrite of history
cannot be rolled back, so before it starts, the change records here what it is about to do and how
far it got (``.git/regie/voornemen.json``); the next command finishes it, or says what stops it.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import RegieError
from .files import write_bytes_atomic
from .transaction import private_dir, state_dir

INTENT_FILE = "voornemen.json"


def write_intent(root: Path, data: dict) -> None:
    """Record (atomically) what a change that can only be finished is about to do, and how far it got."""
    write_bytes_atomic(private_dir(state_dir(root)) / INTENT_FILE, json.dumps(data).encode("utf-8"))


def read_intent(root: Path) -> dict | None:
    """The intent a change left (a killed one, or one that could not finish), or None."""
    path = state_dir(root) / INTENT_FILE
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = None
    if not isinstance(data, dict):
        raise RegieError("het herstelbestand van een afgebroken vernietiging is onleesbaar; regie kan die niet afmaken. "
                         "Controleer met 'git log --all' en 'git count-objects -v' wat er nog is", path=str(path))
    return data


def clear_intent(root: Path) -> None:
    (state_dir(root) / INTENT_FILE).unlink(missing_ok=True)
