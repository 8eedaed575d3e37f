"""The client's voice in the plan: the answer to each version (akkoord, or not and why) and the client's own words.

Both are fields of the front matter of ``plan.md`` (``akkoord_client``: one entry per answer,
with the version it answers; ``eigen_woorden``); the plan's text stays byte for byte. A new
version of the plan needs a new answer: ``validate`` warns when a plan in uitvoering has none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..clock import event_date
from ..dossier.lint import check_value
from ..dossier.repo import case_dir
from ..errors import RegieError, UsageError
from ..formats.yamledit import append_item, edit_front_matter, list_in, new_map, put
from ..layout import CASE_FILE, PLAN_FILE
from ..store.transaction import exclusive
from .mutation import Change, apply
from .onderzoek import open_case


@dataclass(frozen=True)
class Antwoord:
    """What the client said: akkoord (True/False, None: no answer given now), when, why not, in their own words."""

    akkoord: bool | None = None
    datum: dt.date | None = None
    reden: str | None = None
    eigen_woorden: str | None = None

    def check(self, today: dt.date) -> Antwoord:
        for thing, value, field in (("de reden", self.reden, "reden"), ("de eigen woorden", self.eigen_woorden, "eigen_woorden")):
            check_value(thing, value, field=field)
            if value is not None and not value.strip():
                raise UsageError(f"{thing} mag niet leeg zijn", field=field)
        if self.akkoord is False and not self.reden:
            raise UsageError("de cliënt is niet akkoord: geef de reden", field="reden")
        if self.akkoord is not False and self.reden is not None:
            raise UsageError("een reden hoort bij een cliënt die niet akkoord is", field="reden")
        if self.akkoord is None and self.eigen_woorden is None:
            raise UsageError("geef het antwoord van de cliënt of de eigen woorden")
        when = event_date(self.datum, today) if self.akkoord is not None else None
        return Antwoord(self.akkoord, when, self.reden.strip() if self.reden else None,
                        self.eigen_woorden.strip() if self.eigen_woorden else None)

    def apply_to(self, fm: Any, versie: int) -> None:
        """Add the answer (for ``versie``) and the own words to the plan's front matter."""
        if self.akkoord is not None:
            append_item(list_in(fm, "akkoord_client", block=True),
                        new_map({"versie": versie, "datum": self.datum, "akkoord": True, "reden": self.reden}))
            if not self.akkoord:  # new_map leaves a False out
                put(fm["akkoord_client"][-1], "akkoord", False, after="datum")
        if self.eigen_woorden is not None:
            put(fm, "eigen_woorden", self.eigen_woorden)


@exclusive("plan --akkoord-client")
def record(root: Path, cid: str, antwoord: Antwoord, *, today: dt.date, commit: bool = True) -> Change:
    """Record the client's answer to the current version of the plan and/or the client's own words."""

    antwoord = antwoord.check(today)
    _, case = open_case(root, cid, "het plan wijzigen", needs=(CASE_FILE, PLAN_FILE))
    plan = case.plan
    if plan is None:
        raise RegieError(f"casus {cid} heeft nog geen {PLAN_FILE}")
    if antwoord.datum is not None and plan.vastgesteld is not None and antwoord.datum < plan.vastgesteld:
        raise UsageError(f"datum {antwoord.datum.isoformat()} ligt voor de vaststelling van versie {plan.versie} "
                         f"({plan.vastgesteld.isoformat()})")
    path = case_dir(root, cid) / PLAN_FILE
    text = edit_front_matter(path.read_text(encoding="utf-8"), f"{case.folder}/{PLAN_FILE}",
                             lambda fm: antwoord.apply_to(fm, plan.versie))
    what = ("eigen woorden van de cliënt" if antwoord.akkoord is None else
            f"{'akkoord' if antwoord.akkoord else 'niet akkoord'} van de cliënt met versie {plan.versie}")
    message = (f"regie plan: eigen woorden van de cliënt in casus {cid}" if antwoord.akkoord is None else
               f"regie plan: antwoord van de cliënt op versie {plan.versie} in casus {cid}")
    problems = apply(root, cid, {path: text}, message, today, commit=commit)
    warnings = []
    if plan.changed_since_set():
        warnings.append(f"de doelen zijn gewijzigd sinds versie {plan.versie} werd vastgesteld; stel de nieuwe versie vast "
                        f"en leg het antwoord daarop vast met 'regie plan {cid} --vaststellen --akkoord-client DATUM'")
    return Change(id=str(plan.versie), what=f"{what} vastgelegd (casus {cid})", problems=problems, warnings=warnings)
