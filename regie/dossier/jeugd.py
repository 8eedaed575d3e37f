"""Youth files as youth files: who in a household is (or was) a minor, the retention category that follows,
and who gives consent for a minor by age.

The dossier holds a member's year of birth only, never the date, so on any day a member is one of two
ages (``ages``). Wherever the age decides, regie takes the conservative side of a boundary year:

- a case is ``jeugd`` when a member *may* have been a minor when it opened (the longer term: a youth
  file destroyed too early cannot be undone);
- consent for a minor needs everyone that *either* age's rule asks for (a child born in 2014 is 11 or
  12 in 2026: both those with gezag and the child consent to help).

The age rules for consent are a table in ``regie.yaml`` (``toestemmingsregels``), each row with its
source; regie's default follows the WGBO, the Jeugdwet and UAVG art. 5 and says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from .casus import Lid
from .model import Case
from .retention import SHORT_REASONS

MEERDERJARIG = 18
VERWIJSINDEX_TOT = 23  # the Verwijsindex Risicojongeren holds signals of young people up to 23
DOELEN = ("hulp", "delen")  # consent to help (WGBO, Jeugdwet); consent as the AVG ground for sharing data
DOEL_NAMEN = {"hulp": "toestemming voor hulp", "delen": "toestemming voor het delen van gegevens"}
WIE = {"gezag": "wie het gezag heeft", "gezag-en-jongere": "wie het gezag heeft én de jongere zelf",
       "jongere": "de jongere zelf"}


@dataclass(frozen=True)
class Regel:
    """One row of the age table: up to which age (exclusive; None: no upper bound), who consents, and the source."""

    tot: int | None
    door: str  # gezag | gezag-en-jongere | jongere
    bron: str


DEFAULT_REGELS: dict[str, tuple[Regel, ...]] = {
    "hulp": (
        Regel(12, "gezag", "WGBO: art. 7:465 lid 1 BW; Jeugdwet art. 7.3.4"),
        Regel(16, "gezag-en-jongere", "WGBO: art. 7:450 lid 1 BW; Jeugdwet art. 7.3.4"),
        Regel(None, "jongere", "WGBO: art. 7:447 BW; Jeugdwet art. 7.3.4"),
    ),
    "delen": (
        Regel(16, "gezag", "UAVG art. 5 lid 1: de wettelijk vertegenwoordiger"),
        Regel(None, "jongere", "AVG art. 6 lid 1 onder a; UAVG art. 5"),
    ),
}


def regels(table: dict | None, doel: str) -> tuple[Regel, ...]:
    """The age rules of ``doel`` (hulp or delen): the network's (``toestemmingsregels`` in regie.yaml) or regie's."""
    rows = (table or {}).get(doel)
    if not rows:
        return DEFAULT_REGELS[doel]
    return tuple(Regel(r.get("tot"), r["door"], r["bron"]) for r in rows)


def ages(geboortejaar: int, day: dt.date) -> tuple[int, ...]:
    """The ages a member born in ``geboortejaar`` may have on ``day``: before or after this year's birthday."""
    return tuple(sorted({max(0, day.year - geboortejaar - 1), max(0, day.year - geboortejaar)}))


def maybe_minor(lid: Lid, day: dt.date) -> bool:
    """The member may have been under 18 on ``day`` (the conservative reading of a year of birth)."""
    return lid.geboortejaar is not None and min(ages(lid.geboortejaar, day)) < MEERDERJARIG


def regel_voor(rules: Iterable[Regel], age: int) -> Regel:
    """The row that holds at ``age``: the first whose bound is above it (the last row has none)."""
    rows = list(rules)
    return next((r for r in rows if r.tot is None or age < r.tot), rows[-1])


def span(rules: tuple[Regel, ...], regel: Regel) -> str:
    """The ages a row covers, in words: 'onder 12 jaar', '12 tot 16 jaar', 'vanaf 16 jaar'."""
    i = rules.index(regel)
    low = rules[i - 1].tot if i > 0 else None
    if low is None:
        return f"onder {regel.tot} jaar" if regel.tot is not None else "elke leeftijd"
    return f"{low} tot {regel.tot} jaar" if regel.tot is not None else f"vanaf {low} jaar"


@dataclass(frozen=True)
class Nodig:
    """Who must consent for a member, and why: the rows applied (two in a boundary year) and the ages considered."""

    wie: tuple[str, ...]  # member ids, 'client' or an organisation: everyone whose consent is needed
    regels: tuple[Regel, ...]
    leeftijden: tuple[int, ...]
    gezag_onbekend: bool  # a row asks for those with gezag, and the member's gezag is not recorded

    def uitleg(self, rules: tuple[Regel, ...]) -> str:
        """Which rule was used, in words, with its source."""
        age = " of ".join(str(a) for a in self.leeftijden)
        parts = [f"{span(rules, r)}: {WIE[r.door]} ({r.bron})" for r in self.regels]
        border = " (grensjaar: allebei, de strengste)" if len(self.regels) > 1 else ""
        return f"{age} jaar{border} — " + "; ".join(parts)


def nodig(lid: Lid, rules: tuple[Regel, ...], day: dt.date) -> Nodig | None:
    """Who must consent for ``lid`` on ``day`` under ``rules``; None without a year of birth."""
    if lid.geboortejaar is None:
        return None
    leeftijden = ages(lid.geboortejaar, day)
    applied = tuple(dict.fromkeys(regel_voor(rules, a) for a in leeftijden))
    wie: list[str] = []
    for r in applied:
        if r.door in ("gezag", "gezag-en-jongere"):
            wie += lid.gezag
        if r.door in ("jongere", "gezag-en-jongere"):
            wie.append(lid.id)
    unknown = any(r.door != "jongere" for r in applied) and not lid.gezag
    return Nodig(tuple(dict.fromkeys(wie)), applied, leeftijden, unknown)


def youth_reason(case: Case) -> str | None:
    """Why a case is a youth file (in words, without personal data), or None: the client was a minor at the melding,
    or a member of the household may have been a minor when the case opened."""
    if case.melding is not None and case.melding.minderjarig:
        return "de cliënt was minderjarig bij de melding"
    c = case.casus
    if c is None or c.huishouden is None:
        return None
    minors = [m for m in c.huishouden.leden if maybe_minor(m, c.geopend)]
    if not minors:
        return None
    return ", ".join(f"lid {m.id} (geboren {m.geboortejaar})" for m in minors) + \
        (" was" if len(minors) == 1 else " waren") + " minderjarig tijdens de casus"


def derived_category(case: Case, sluitreden: str | None) -> tuple[str, str]:
    """The retention category of a closed case and why, derived from its melding and its household."""
    if sluitreden in SHORT_REASONS:
        return "kortdurend", f"sluitreden {sluitreden}"
    reason = youth_reason(case)
    if reason is not None:
        return "jeugd", reason
    return "volwassenen", "geen minderjarige in de melding of het huishouden"
