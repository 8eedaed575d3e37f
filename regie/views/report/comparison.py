"""``regie report --vergelijk``: two periods' reports side by side, figure by figure."""

from __future__ import annotations

from typing import Any, TypeGuard

from ...render.templates import render
from ...safetext import csv_text, json_text
from .build import flatten


def _number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def compare(current: dict, other: dict) -> dict:
    """Two reports side by side (``report --vergelijk``): every figure that is a number in either (and not 0 in
    both), with the difference where both are numbers (a count shown as '< 5' has none)."""
    skip = {("rapport", "drempel")}
    a = {(sec, key): v for sec, key, v in flatten(current) if sec != "periode"}
    b = {(sec, key): v for sec, key, v in flatten(other) if sec != "periode"}
    keys = list(a) + [k for k in b if k not in a]
    rows = []
    for k in keys:
        va, vb = a.get(k), b.get(k)
        if k in skip or not (_number(va) or _number(vb)) or k[1].endswith(("norm", "termijn", "maanden")):
            continue
        if va == 0 and vb == 0 and _number(va) and _number(vb):
            continue  # nothing in either period: a row of zeros tells nobody anything
        diff = va - vb if _number(va) and _number(vb) else None
        rows.append({"onderdeel": k[0], "cijfer": k[1], "periode": va, "vergelijk": vb,
                     "verschil": round(diff, 1) if isinstance(diff, float) else diff})
    return {"netwerk": current["netwerk"], "periode": current["periode"], "vergelijk": other["periode"],
            "gemaakt_op": current["gemaakt_op"], "drempel": current["drempel"], "cijfers": rows}


def render_comparison(data: dict, fmt: str, root, dialect: str = "excel") -> str:
    """A comparison (see :func:`compare`) as md, html, json or csv text."""

    if fmt == "json":
        return json_text(data) + "\n"
    if fmt == "csv":
        return csv_text(("onderdeel", "cijfer", data["periode"]["label"], data["vergelijk"]["label"], "verschil"),
                        ((r["onderdeel"], r["cijfer"], r["periode"], r["vergelijk"], r["verschil"]) for r in data["cijfers"]),
                        dialect)
    return render("report-vergelijk.html.j2" if fmt == "html" else "report-vergelijk.md.j2", {"v": data}, root)
