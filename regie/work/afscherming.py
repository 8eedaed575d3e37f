"""Shield a record from the inzage, or lift the shield (``regie afscherm``): the field ``afgeschermd`` on that record.

The record is named as ``regie.dossier.afscherming`` describes (``meldcode``, ``A3``,
``journaal/2026-03-01-1``, ...). The field holds the ground (AVG art. 23 or UAVG art. 41), who set
it (the case's regisseur), and until a date (``tot``) or until a condition (``totdat``). The edit
keeps the file's comments; the commit message names only the case, never the record or the
ground, so the history says no more than that the case changed.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Callable

from ..dossier.afscherming import FIELD, GRONDEN, MELDCODE, MELDING, OVERDRACHT, VERWIJSINDEX
from ..dossier.lint import check_value
from ..dossier.loader import load_case
from ..dossier.model import CaseWithCasus
from ..dossier.repo import case_dir
from ..dossier.withheld import meldcode_by_default
from ..errors import RegieError, UsageError
from ..formats.yamledit import RoundTrip, edit_front_matter, new_map, put
from ..layout import AFSPRAKEN_FILE, CASE_FILE, ESCALATIES_FILE, MELDING_FILE, NETWERK_FILE, PLAN_FILE, VERSTREKKINGEN_FILE
from ..store.transaction import exclusive
from .mutation import Change, apply

# An id of a record in a list: its prefix -> the file and the list.
_LISTS = {"A": (AFSPRAKEN_FILE, ("afspraken",)), "E": (ESCALATIES_FILE, ("escalaties",)),
          "V": (VERSTREKKINGEN_FILE, ("verstrekkingen",)), "D": (PLAN_FILE, ("doelen",)),
          "L": (CASE_FILE, ("huishouden", "leden"))}
_FOLDERS = ("journaal", "evaluaties")


def _find(data: Any, path: tuple[str, ...], match: Callable[[dict], bool]) -> Any:
    seq: Any = data
    for key in path:
        seq = seq.get(key) if isinstance(seq, dict) else None
    return next((item for item in seq or [] if isinstance(item, dict) and match(item)), None)


def _locate(case: CaseWithCasus, record: str) -> tuple[str, Callable[[Any], Any]]:
    """The file (in the case folder) that holds ``record``, and how to find the record's mapping in its data."""
    if record in (MELDCODE, VERWIJSINDEX):
        return CASE_FILE, lambda data: data.get(record)
    if record == MELDING:
        return MELDING_FILE, lambda data: data
    if record.startswith(OVERDRACHT + "/"):
        day = record.split("/", 1)[1]
        return CASE_FILE, lambda data: _find(data, ("regie_historie",), lambda h: str(h.get("datum")) == day)
    if record.split("/", 1)[0] in _FOLDERS and re.fullmatch(r"[a-z]+/[0-9][0-9-]*", record):
        return f"{record}.md", lambda data: data
    if m := re.fullmatch(r"([AEVDL])[0-9]+", record):
        file, path = _LISTS[m.group(1)]
        return file, lambda data: _find(data, path, lambda item: str(item.get("id")) == record)
    if case.netwerk and record in case.netwerk.betrokkene_ids():
        return NETWERK_FILE, lambda data: (_find(data, ("professionals",), lambda p: p.get("id") == record)
                                           or _find(data, ("naasten",), lambda n: n.get("id") == record))
    raise RegieError(f"casus {case.id} heeft geen record '{record}'; noem meldcode, melding, verwijsindex, een id "
                     "(A3, E2, V1, D2, L2, een betrokkene), journaal/DATUM-N, evaluaties/DATUM of overdracht/DATUM")


def _shield(grond: str | None, door: str, tot: dt.date | None, totdat: str | None, today: dt.date) -> dict:
    if grond not in GRONDEN:
        raise UsageError(f"geef de grond van de afscherming: {', '.join(GRONDEN)}", field="grond")
    if (tot is None) == (totdat is None):
        raise UsageError("geef tot wanneer (een datum) of totdat (een voorwaarde), één van beide", field=("tot", "totdat"))
    if tot is not None and tot < today:
        raise UsageError(f"de datum {tot.isoformat()} is al voorbij", field="tot")
    if totdat is not None and not totdat.strip():
        raise UsageError("de voorwaarde mag niet leeg zijn", field="totdat")
    return {"grond": grond, "door": door, "tot": tot, "totdat": totdat}


@exclusive("afscherm")
def afscherm(root: Path, cid: str, record: str, *, today: dt.date, grond: str | None = None, tot: dt.date | None = None,
             totdat: str | None = None, opheffen: bool = False, commit: bool = True) -> Change:
    """Shield ``record`` from the inzage (or, with ``opheffen``, lift its shield), in one commit."""
    check_value("de voorwaarde", totdat, field="totdat")
    net, case, _ = load_case(root, cid)
    if opheffen and (grond or tot or totdat):
        raise UsageError("opheffen gaat zonder grond, tot of totdat", field=("opheffen", "grond", "tot", "totdat"))
    value = None if opheffen else _shield(grond, case.casus.regisseur, tot, totdat, today)
    rel, locate = _locate(case, record)
    path = case_dir(root, cid) / rel
    if not path.is_file():
        raise RegieError(f"casus {cid} heeft geen {rel}")
    state: dict[str, bool] = {}

    def change(data: Any) -> None:
        target = locate(data)
        if not isinstance(target, dict):
            raise RegieError(f"casus {cid} heeft geen record '{record}' in {rel}")
        state["had"] = FIELD in target
        if value is None:
            target.pop(FIELD, None)
        else:
            put(target, FIELD, new_map(value))

    text = path.read_text(encoding="utf-8")
    if rel.endswith(".md"):
        new = edit_front_matter(text, f"{case.folder}/{rel}", change)
    else:
        doc = RoundTrip(text, f"{case.folder}/{rel}")
        change(doc.data)
        new = doc.dump()
    if opheffen and not state["had"]:
        raise RegieError(f"'{record}' in casus {cid} is niet afgeschermd")
    problems = apply(root, cid, {path: new}, f"regie afscherm: casus {cid} bijgewerkt", today, commit=commit)
    what = f"'{record}' in casus {cid} " + ("niet meer afgeschermd" if opheffen else "afgeschermd voor de inzage")
    warnings = []
    if opheffen and record == MELDCODE and meldcode_by_default(case):
        warnings.append("de meldcode blijft afgeschermd zolang het gezin niet is geïnformeerd; leg dat vast met "
                        f"'regie meldcode {cid} --gezin-geinformeerd DATUM'")
    return Change(id=record, what=what, problems=problems, warnings=warnings)
