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
from ..formats.yamledit import RoundTrip, append_item, flow_list, new_map
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
          escalatie: str | None = None, taken: set[str] | None = None, categorieen: list[str] | None = None,
          bron: str | None = None) -> dict:
    used = {v.id for v in case.verstrekkingen} | (taken or set())
    return {"id": next_id("V", used), "datum": datum, "aan": aan, "ontvanger": ontvanger, "wat": wat,
            "categorieen": flow_list(list(dict.fromkeys(categorieen))) if categorieen else None,
            "grondslag": grondslag, "escalatie": escalatie, "bron": bron}


def ground_for(case: CaseWithCasus, aan: str, day: dt.date) -> str:
    """The ground of a verstrekking regie records by itself: the consent when it covers ``aan`` on ``day``, else the
    legal basis of the case's afweging, else the afweging (``validate`` names a case that has none)."""
    stand = case.casus.toestemming.op(day)
    if stand is not None and stand.covers(aan):
        return "toestemming"
    return case.casus.toestemming.grondslag or "afweging"


def record_verstrekking(root: Path, case: CaseWithCasus, *, datum: dt.date, aan: str, wat: str, categorieen: list[str],
                        grondslag: str | None = None, ontvanger: str | None = None, escalatie: str | None = None,
                        bron: str | None = None, taken: set[str] | None = None,
                        after: str | None = None) -> tuple[Path, str, dict]:
    """A verstrekking for the command that gives something from the dossier to ``aan`` (a handover, a memo, a partner
    document): the path and new text of verstrekkingen.yaml, and the record, to write in that command's own commit.

    ``bron`` names the record it follows from (``meldcode``, an escalation): the inzage withholds the verstrekking
    whenever that record is withheld. Two in one commit: pass the first one's text as ``after`` and its id in
    ``taken``.
    """
    item = entry(case, datum=datum, aan=aan, wat=wat, grondslag=grondslag or ground_for(case, aan, datum),
                 ontvanger=ontvanger, escalatie=escalatie, taken=taken, categorieen=categorieen, bron=bron)
    path, text = append(root, case, item, after)
    return path, text, item


def append(root: Path, case: Case, item: dict, after: str | None = None) -> tuple[Path, str]:
    """The new text of the case's verstrekkingen.yaml with ``item`` added (comments kept); ``after``: its text as
    already changed in the same commit."""

    path = case_dir(root, case.id) / FILE
    text = after if after is not None else path.read_text(encoding="utf-8") if path.exists() else EMPTY
    doc = RoundTrip(text, f"{case.folder}/{FILE}", adds="verstrekking")
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
