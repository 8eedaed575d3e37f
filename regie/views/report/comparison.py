"""``regie report --vergelijk``: two periods' reports side by side, figure by figure."""

from __future__ import annotations

from typing import Any, TypeGuard

from ...render.templates import render
from ...safetext import csv_text, json_text
from .build import build, leaves, names_for
from .disclosure import protect_together
from .labels import figure_name, section_name


def _number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def compare_periods(got, root, period, other, today, *, ids: bool = True) -> dict:
    """``report --vergelijk``: the reports of ``period`` and ``other``, suppressed together (a figure hidden in one
    is hidden in both), side by side."""
    first = build(got, root, period, today, ids=ids, suppress=False)
    second = build(got, root, other, today, ids=ids, suppress=False)
    protect_together(first, second, first["drempel"])
    return compare(first, second, root)


def compare(current: dict, other: dict, root=None) -> dict:
    """Two reports side by side (``report --vergelijk``): every figure that is a number in either (and not 0 in
    both), with the difference where both are numbers (a hidden count has none), and each row's Dutch names."""
    skip = {("rapport", "drempel")}
    name = names_for({**other, **current, "organisatie_namen": {**other["organisatie_namen"], **current["organisatie_namen"]},
                      "afspraken": {"namen": {**other["afspraken"]["namen"], **current["afspraken"]["namen"]}}}, root)
    titles = {}
    for sec, parts, _ in leaves(other) + leaves(current):
        titles[(sec, ".".join(parts))] = (section_name(sec), figure_name(parts, name))
    a = {(sec, ".".join(parts)): v for sec, parts, v in leaves(current) if sec != "periode"}
    b = {(sec, ".".join(parts)): v for sec, parts, v in leaves(other) if sec != "periode"}
    keys = list(a) + [k for k in b if k not in a]
    rows = []
    for k in keys:
        va, vb = a.get(k), b.get(k)
        if k in skip or not (_number(va) or _number(vb)) or k[1].endswith(("norm", "termijn", "maanden")):
            continue
        if va == 0 and vb == 0 and _number(va) and _number(vb):
            continue  # nothing in either period: a row of zeros tells nobody anything
        diff = va - vb if _number(va) and _number(vb) else None
        rows.append({"onderdeel": k[0], "cijfer": k[1], "onderdeel_naam": titles[k][0], "cijfer_naam": titles[k][1],
                     "periode": va, "vergelijk": vb,
                     "verschil": round(diff, 1) if isinstance(diff, float) else diff})
    return {"netwerk": current["netwerk"], "periode": current["periode"], "vergelijk": other["periode"],
            "gemaakt_op": current["gemaakt_op"], "drempel": current["drempel"], "cijfers": rows}


def render_comparison(data: dict, fmt: str, root, dialect: str = "excel") -> str:
    """A comparison (see :func:`compare`) as md, html, json or csv text."""

    if fmt == "json":
        return json_text(data) + "\n"
    if fmt == "csv":
        return csv_text(("onderdeel", "cijfer", data["periode"]["kort"], data["vergelijk"]["kort"], "verschil"),
                        ((r["onderdeel_naam"], r["cijfer_naam"], r["periode"], r["vergelijk"], r["verschil"])
                         for r in data["cijfers"]),
                        dialect)
    return render("report-vergelijk.html.j2" if fmt == "html" else "report-vergelijk.md.j2", {"v": data}, root)
