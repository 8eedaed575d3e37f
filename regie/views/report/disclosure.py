"""Disclosure control of ``regie report``: small counts suppressed and case ids stripped, so no case can be singled out.

The threshold is ``rapport.min_aantal`` in regie.yaml; totals stay exact.
"""

from __future__ import annotations

from typing import Any

from .outcomes import GROUPS

# Tables of counts broken down by a category (a row per category); their totals stay exact.
_COUNT_TABLES: tuple[tuple[str, ...], ...] = (
    ("instroom", "per_melder_organisatie"), ("instroom", "per_soort"), ("instroom", "per_urgentie"),
    ("instroom", "per_doelgroep"), ("instroom", "gesloten_per_reden"), ("instroom", "intake_per_besluit"),
    ("instroom", "niet_aangenomen_verwezen_naar"), ("instroom", "in_zorg_begin_per_fase"),
    ("instroom", "in_zorg_eind_per_fase"), ("escalaties", "per_niveau"), ("escalaties", "per_partij"),
    ("caseload", "open_per_regisseur"), ("uitkomsten", "samenwerking", "verdeling"),
)
_ROW_TABLES = (("afspraken", "per_partner"), ("uitkomsten", "verschuiving_per_leefgebied"),
               ("uitkomsten", "doelen", "per_leefgebied"), *(("uitkomsten", "per_groep", g) for g in GROUPS))
_SHARES = (("netwerkgericht", "naasten_in_plan"), ("netwerkgericht", "vip_kaart"), ("netwerkgericht", "cti_genoeg_netwerkbijeenkomsten"),
           ("uitkomsten", "hermeldingen"))
# In a row, a percentage and the count it is taken of: a percentage of fewer cases than the threshold is left out.
_PERCENTAGE_OF = {"percentage_op_tijd": ("op_tijd", "te_laat"), "percentage_doelscore_gehaald": ("met_doelscore",)}


def small(n: Any, threshold: int) -> Any:
    """A count below the threshold (but not 0) as the text '< threshold', as statistical offices publish it."""
    return f"< {threshold}" if isinstance(n, int) and not isinstance(n, bool) and 0 < n < threshold else n


def suppress_small_counts(data: dict, threshold: int) -> None:
    """Every cell of a breakdown below ``threshold`` becomes '< threshold', so no case can be singled out.

    Totals are left exact; a percentage over fewer than ``threshold`` cases is left out.
    """
    def at(path: tuple[str, ...]) -> Any:
        node: Any = data
        for key in path:
            node = node[key]
        return node

    for path in _COUNT_TABLES:
        table = at(path)
        for key in table:
            table[key] = small(table[key], threshold)
    for path in _ROW_TABLES:
        for row in at(path).values():
            bases = {key: sum(row[k] for k in of) for key, of in _PERCENTAGE_OF.items() if key in row}
            for key, value in row.items():
                row[key] = small(value, threshold) if key not in _PERCENTAGE_OF else value
            for key, base in bases.items():
                if base < threshold:
                    row[key] = None
    totaal = data["uitkomsten"]["doelen"]["totaal"]
    if totaal["met_doelscore"] < threshold:
        totaal["percentage_doelscore_gehaald"] = None
    for path in _SHARES:
        share = at(path)
        if share["van"] < threshold:
            share["percentage"] = None
        share["aantal"], share["van"] = small(share["aantal"], threshold), small(share["van"], threshold)
    for group in data["signalen"].values():
        group["casussen"] = small(group["casussen"], threshold)
        for item in group["signalen"]:
            item["casussen"] = small(item["casussen"], threshold)


def strip_ids(value: Any) -> Any:
    """Drop every list of case ids (keys ending in 'casussen' holding lists), for --no-ids."""
    if isinstance(value, dict):
        return {k: strip_ids(v) for k, v in value.items() if not (k.endswith("casussen") and isinstance(v, list))
                and k != "weggelaten"} | ({"weggelaten": len(value["weggelaten"])} if "weggelaten" in value else {})
    if isinstance(value, list):
        return [strip_ids(v) for v in value]
    return value
