"""Verstrekkingen: what was shared from a dossier with whom, when and on which legal ground.

The client has the right to know the recipients of their data (AVG art. 15(1)(c)); the inzage
export lists every verstrekking in plain Dutch. Sharing on the ground of consent is refused
when the dossier holds no given consent.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..clock import event_date
from ..dossier.lint import check_value
from ..dossier.loader import load_case
from ..dossier.model import Case, CaseWithCasus
from ..dossier.network import Network
from ..dossier.repo import case_dir
from ..dossier.vocab import GRONDSLAGEN
from ..errors import RegieError, UsageError
from ..formats.yamledit import RoundTrip, append_item, new_map
from ..ids import next_id
from ..layout import VERSTREKKINGEN_FILE
from ..store.transaction import exclusive
from .mutation import Change, apply

FILE = VERSTREKKINGEN_FILE
EMPTY = ("# yaml-language-server: $schema=../../.regie/schemas/verstrekkingen.schema.json\n"
         "# Verstrekkingen: wat uit dit dossier met wie is gedeeld, wanneer en op welke grond (regie share).\n"
         "verstrekkingen: []\n")


def check(net: Network, case: CaseWithCasus, aan: str, grondslag: str, day: dt.date | None = None) -> None:
    """Refuse a verstrekking to an unknown party, on an unknown ground, or on consent that is not there
    (on ``day``, and for ``aan``)."""
    net.require_organisatie(aan, field="aan")
    if grondslag not in GRONDSLAGEN:
        raise UsageError(f"onbekende grondslag '{grondslag}'; kies uit: {', '.join(GRONDSLAGEN)}")
    consent = case.consent()
    if grondslag == "toestemming" and consent != "gegeven":
        raise RegieError(f"delen op grond van toestemming kan niet: de toestemming in casus {case.id} is {consent}; "
                         "kies een andere grondslag (bijv. afweging, vitaal-belang) en leg die afweging vast")
    if grondslag == "toestemming":
        stand = case.casus.toestemming.op(day) if day else case.casus.toestemming
        if stand is None or not stand.covers(aan):
            raise RegieError(f"delen op grond van toestemming kan niet: de toestemming in casus {case.id} gold "
                             + (f"op {day.isoformat()} nog niet" if stand is None and day else f"niet voor {aan}")
                             + "; leg eerst de toestemming vast met 'regie consent', of kies een andere grondslag")
    if grondslag == "afweging" and not case.casus.toestemming.afweging:
        raise RegieError(f"delen op grond van een afweging kan niet: casus {case.id} heeft geen afweging "
                         "(toestemming.afweging); leg die vast met 'regie consent'")


def entry(case: Case, *, datum: dt.date, aan: str, wat: str, grondslag: str, ontvanger: str | None = None,
          escalatie: str | None = None, taken: set[str] | None = None) -> dict:
    used = {v.id for v in case.verstrekkingen} | (taken or set())
    return {"id": next_id("V", used), "datum": datum, "aan": aan, "ontvanger": ontvanger, "wat": wat,
            "grondslag": grondslag, "escalatie": escalatie}


def append(root: Path, case: Case, item: dict) -> tuple[Path, str]:
    """The new text of the case's verstrekkingen.yaml with ``item`` added (comments kept)."""

    path = case_dir(root, case.id) / FILE
    text = path.read_text(encoding="utf-8") if path.exists() else EMPTY
    doc = RoundTrip(text, f"{case.folder}/{FILE}")
    append_item(doc.block_list("verstrekkingen"), new_map(item))
    return path, doc.dump()


@exclusive("share")
def share(root: Path, cid: str, *, aan: str, wat: str, grondslag: str, today: dt.date, datum: dt.date | None = None,
          ontvanger: str | None = None, commit: bool = True) -> Change:
    check_value("de omschrijving van wat er gedeeld wordt", wat, field="wat")
    check_value("de ontvanger", ontvanger, field="ontvanger")
    if not wat.strip():
        raise UsageError("de omschrijving van wat er gedeeld wordt mag niet leeg zijn", field="wat")
    net, case, _ = load_case(root, cid)
    if FILE in case.broken:
        raise RegieError(f"{case.folder}/{FILE} is ongeldig; los dat eerst op (zie 'regie validate {cid}')")
    when = event_date(datum, today, after=case.casus.geopend, after_what="de opening van de casus")
    check(net, case, aan, grondslag, when)
    item = entry(case, datum=when, aan=aan, wat=wat, grondslag=grondslag, ontvanger=ontvanger)
    path, text = append(root, case, item)
    problems = apply(root, cid, {path: text}, f"regie share: verstrekking {item['id']} in casus {cid} vastgelegd", today,
                     commit=commit)
    return Change(id=item["id"], what=f"verstrekking {item['id']} in casus {cid} vastgelegd", problems=problems)
