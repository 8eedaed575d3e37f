"""The network register (werkproces 6d): per partner organisation its contact role for the network, its escalation
role, and when the network last met it.

No third place: the organisations and their ``netwerkcontact`` come from ``regie.yaml``, the escalation
role from the sociale kaart (``escalatie``), and the last meeting from the meetings themselves — an
``overleggen/<datum>.md`` whose front matter lists the organisation (``organisaties: [ids]``) or whose
minutes name it on the line ``Aanwezig: ...`` — or, where no meeting shows it, from
``laatste_overleg`` in ``regie.yaml``. The later of the two counts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..dossier.problems import ERROR
from ..dossier.scan import read_network
from ..errors import DossierInvalid, RegieError
from ..formats.yamlio import load_markdown_file
from ..layout import MEETINGS_DIR

_DATE_FILE = re.compile(r"(\d{4}-\d{2}-\d{2})\.md")
_PRESENT = re.compile(r"^\s*\**aanwezig\**\s*:\**(.*)$", re.I | re.M)


@dataclass(frozen=True)
class Meeting:
    datum: dt.date
    file: str
    organisaties: frozenset[str]  # listed in the front matter
    aanwezig: str  # the minutes' lines of who was present, in small letters


def meetings(root: Path, today: dt.date) -> tuple[list[Meeting], list[str]]:
    """The meetings held up to ``today``, and a warning for each file that could not be read."""
    folder = root / MEETINGS_DIR
    found, warnings = [], []
    for path in sorted(folder.iterdir()) if folder.is_dir() else ():
        m = _DATE_FILE.fullmatch(path.name)
        if not m or not path.is_file():
            continue
        try:
            day = dt.date.fromisoformat(m.group(1))
        except ValueError:
            continue
        if day > today:
            continue
        rel = f"{MEETINGS_DIR}/{path.name}"
        try:
            src = load_markdown_file(path, rel)
        except DossierInvalid as exc:
            warnings.append(f"{rel} overgeslagen: {exc}")
            continue
        data = src.data if isinstance(src.data, dict) else {}
        listed = data.get("organisaties") or []
        orgs = frozenset(str(o) for o in listed) if isinstance(listed, list) else frozenset()
        found.append(Meeting(day, rel, orgs, " ".join(_PRESENT.findall(src.body or "")).lower()))
    return found, warnings


def _named(meeting: Meeting, org) -> bool:
    if org.id in meeting.organisaties:
        return True
    text = meeting.aanwezig
    return bool(text) and (org.naam.lower() in text or re.search(rf"(?<![\w-]){re.escape(org.id)}(?![\w-])", text) is not None)


def register(root: Path, today: dt.date) -> tuple[dict, list[str]]:
    """The register as data (``organisaties``: one row per organisation of regie.yaml) and the warnings: meetings that
    could not be read, partners not met within ``termijnen.netwerkcontact`` days."""
    network, _, problems, _ = read_network(root)
    errors = [p for p in problems if p.severity == ERROR]
    if errors:
        raise errors[0].as_error()
    if network is None:  # only with an error, raised above
        raise RegieError("regie.yaml is niet te lezen")
    held, warnings = meetings(root, today)
    term = network.termijnen.netwerkcontact
    kaart = network.sociale_kaart
    rows = []
    for org in network.organisaties:
        seen = [m for m in held if _named(m, org)]
        last, bron = (seen[-1].datum, seen[-1].file) if seen else (None, None)
        if org.laatste_overleg is not None and (last is None or org.laatste_overleg > last):
            last, bron = org.laatste_overleg, "regie.yaml"
        entry = kaart.of(org.id) if kaart is not None else None
        days = (today - last).days if last is not None else None
        late = days is None or days > term
        rows.append({"id": org.id, "naam": org.naam, "soort": org.soort, "netwerkcontact": org.netwerkcontact,
                     "escalatie": entry.escalatie if entry is not None else None,
                     "laatste_overleg": last.isoformat() if last else None, "bron": bron, "dagen": days,
                     "binnen_termijn": not late})
        if late:
            warnings.append(f"organisatie '{org.id}': " + (
                "geen netwerkoverleg bekend (overleggen/ of laatste_overleg in regie.yaml)" if last is None else
                f"laatste netwerkoverleg {last.isoformat()}, {days} dagen geleden") +
                f" (termijnen.netwerkcontact: {term} dagen)")
    return {"netwerk": network.naam, "termijn_dagen": term, "organisaties": rows}, warnings
