"""Meetings about one case (bijeenkomsten.yaml): who was invited and present, the agreements made there, minutes."""

from __future__ import annotations

from typing import Iterator

from ...layout import AFSPRAKEN_FILE, BIJEENKOMSTEN_FILE, CASE_FILE, NETWERK_FILE
from ..bijeenkomst import attendee_ids
from ..model import Case
from ..problems import ERROR, WARNING, Problem
from .base import Ctx


def meetings(ctx: Ctx, case: Case) -> Iterator[Problem]:
    """Invitees and attendees are people of the case; a held meeting is not in the future; a planned one whose day has
    passed is waiting for its minutes; an agreement names a meeting that exists."""
    if BIJEENKOMSTEN_FILE not in case.broken:
        yield from _meetings(ctx, case)
    ids = {b.id for b in case.bijeenkomsten}
    if AFSPRAKEN_FILE in case.broken or BIJEENKOMSTEN_FILE in case.broken:
        return
    for a in case.afspraken:
        if a.bijeenkomst is not None and a.bijeenkomst not in ids:
            yield ctx.at(case, AFSPRAKEN_FILE, "afspraken", a.index, "bijeenkomst", code="bijeenkomst-afspraak",
                         message=f"{a.id}: bijeenkomst '{a.bijeenkomst}' bestaat niet in {BIJEENKOMSTEN_FILE}")


def _meetings(ctx: Ctx, case: Case) -> Iterator[Problem]:
    people_known = not ({CASE_FILE, NETWERK_FILE} & case.broken)
    known = attendee_ids(case)
    for b in case.bijeenkomsten:
        def at(field: str, code: str, message: str, severity: str = ERROR, b=b) -> Problem:
            return ctx.at(case, BIJEENKOMSTEN_FILE, "bijeenkomsten", b.index, field, code=code, message=message,
                          severity=severity)

        for field, who in (("genodigden", b.genodigden), ("aanwezig", b.aanwezig)):
            unknown = [w for w in who if w not in known]
            if people_known and unknown:
                yield at(field, "bijeenkomst-wie", f"{b.id}: {', '.join(unknown)} is geen betrokkene, lid van het "
                         "huishouden of 'client' van deze casus")
        if b.gehouden and b.datum > ctx.today:
            yield at("datum", "datum-toekomst", f"{b.id}: gehouden op {b.datum.isoformat()} ligt in de toekomst")
        if not b.gehouden and (b.aanwezig or b.besluiten):
            yield at("status", "bijeenkomst-status", f"{b.id}: aanwezigen of besluiten bij een bijeenkomst die nog "
                     "gepland is (status: gehouden)")
        if not b.gehouden and b.datum < ctx.today:
            yield at("status", "bijeenkomst-verslag", severity=WARNING,
                     message=f"{b.id}: {b.soort} van {b.datum.isoformat()} is voorbij, maar er is nog geen verslag "
                             "(wie er was, besluiten, afspraken)")
