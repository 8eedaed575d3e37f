"""``agenda --write``: the agenda of a network meeting stored, with a minutes section, as ``overleggen/<datum>.md``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..dossier.scan import Collected
from ..errors import RegieError
from ..layout import MEETINGS_DIR
from ..render.templates import render
from ..views.agenda import build
from .mutation import apply


def write_agenda(got: Collected, root: Path, datum: dt.date, today: dt.date, *, commit: bool = True) -> Path:
    """Store the agenda with a minutes section as ``overleggen/<datum>.md`` and commit it."""

    path = root / MEETINGS_DIR / f"{datum.isoformat()}.md"
    if path.exists():
        raise RegieError(f"{MEETINGS_DIR}/{path.name} bestaat al; het verslag daarin wordt niet overschreven")
    agenda = build(got, root, datum)
    agenda_md = render("agenda.md.j2", {"agenda": agenda}, root)
    text = render("overleg.md.j2", {"agenda": agenda, "agenda_md": agenda_md}, root)
    apply(root, None, {path: text}, f"regie agenda: netwerkoverleg {datum.isoformat()}", today, commit=commit)
    return path
