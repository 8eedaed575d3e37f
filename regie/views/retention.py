"""The retention view (``regie retention``, werkproces 5c): closed cases whose retention date has passed.

Read-only: the categories and terms themselves are in ``privacy.retention``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..dossier.jeugd import derived_category
from ..dossier.scan import Job


@dataclass(frozen=True)
class Retention:
    """One closed case's retention (``regie retention``)."""

    casus: str
    gesloten: dt.date | None
    bewaren_tot: dt.date | None
    dagen_over: int | None
    categorie: str | None = None
    jaren: int | None = None
    bron: str | None = None


def retention_row(ctx, loaded) -> Retention | None:
    """A closed case's retention: its category, term and date (None for a case that is not closed)."""
    case = loaded.case
    c = case.casus
    if c is None or c.status != "gesloten":
        return None
    cat = c.bewaarcategorie or derived_category(case, c.sluitreden)[0]
    term = ctx.network.term(cat)
    over = (ctx.today - c.bewaren_tot).days if c.bewaren_tot else None
    return Retention(case.id, c.gesloten, c.bewaren_tot, over, cat, term.jaren, term.bron)


def retention(got, *, within: int | None = None) -> list[Retention]:
    """Closed cases whose retention date has passed (or passes within ``within`` days), or has none.

    Each with its category and the term and source that category has in regie.yaml;
    ``got`` is what a ``RETENTION`` scan collected.
    """
    rows = [r for _, r in got.values
            if r.bewaren_tot is None or r.dagen_over > 0 or (within is not None and r.dagen_over >= -within)]
    return sorted(rows, key=lambda r: (r.bewaren_tot or dt.date.min, r.casus))


RETENTION = Job("retention", retention_row)
