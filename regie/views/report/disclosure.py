"""Disclosure control of ``regie report``: no count below ``rapport.min_aantal`` can be read or worked out.

Primary suppression hides every count from 1 to ``min_aantal - 1`` (0 is published: nobody is in it).
Secondary (complementary) suppression then hides more counts wherever figures add up (:func:`relations`:
rows to totals, breakdowns of the same total, the parts of a row), until in every such set the hidden
counts could each take at least ``min_aantal`` values: a hidden count is known to be at least 1, so in a set
whose hidden counts sum to R there must be two of them and R - (their number) + 1 >= min_aantal. A
percentage is published only over published counts and at least ``min_aantal`` cases; a median, 90th
percentile or average only over at least ``min_aantal`` values. Every hidden count is written as
:data:`HIDDEN`, the same for a small count and for one hidden to protect it, so the mark itself tells
nothing. ``--vergelijk`` hides a figure in both periods when either hides it (:func:`protect_together`).
tests/test_disclosure.py checks with integer programming that nothing hidden can be narrowed down.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from .outcomes import GOAL_KEYS, GROUPS, ZRM_SHIFTS

HIDDEN = "x"  # a count not published (CBS writes 'x' for a figure kept secret)
UNPRINTED = "_niet_gedrukt"  # the first key of a total the report does not print, but a reader can work out
Path = tuple[str, ...]

# Figures that are not counts of clients' cases or events: never hidden by themselves (``regisseurs``: how many
# regisseurs hold the open cases, a count of staff).
NOT_COUNTS = frozenset({"percentage_op_tijd", "percentage_doelscore_gehaald", "percentage", "mediaan", "p90",
                        "gemiddeld", "termijn", "norm", "maanden", "drempel", "weggelaten", "regisseurs",
                        "deelnemers", "organisaties_bereikt"})  # voorlichting: people reached, organisations reached
_BREAKDOWNS_OF_MELDINGEN = ("per_melder_organisatie", "per_soort", "per_urgentie", "per_doelgroep")
_ROW_PARTS = {("afspraken",): ("deadline_in_periode", ("op_tijd", "te_laat", "open_na_deadline")),
              ("uitkomsten", "doelen"): ("afgerond", ("bereikt", "vervallen", "open_bij_sluiting"))}


def small(n: Any, threshold: int) -> Any:
    """A count below the threshold (but not 0) hidden; anything else as it is."""
    return HIDDEN if is_count(n) and 0 < n < threshold else n


def is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def counts(data: Any, path: Path = ()) -> Iterator[tuple[Path, int]]:
    """Every count in the report with its path (the figures in :data:`NOT_COUNTS` left out)."""
    if isinstance(data, dict):
        for k, v in data.items():
            if k not in NOT_COUNTS:
                yield from counts(v, (*path, str(k)))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from counts(v, (*path, str(i)))
    elif is_count(data):
        yield path, data


def _at(data: Any, path: Path) -> Any:
    node = data
    for key in path:
        if isinstance(node, list):
            key = int(key)  # type: ignore[assignment]
        elif not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def _sum(total: Path | None, table: Path, data: dict) -> Iterator[tuple[Path | None, list[Path]]]:
    node = _at(data, table)
    if isinstance(node, dict):
        yield total, [(*table, k) for k in node]


def _columns(data: dict, table: Path, total: Path | None, keys: Iterable[str]):
    rows = _at(data, table) or {}
    for k in keys:
        yield (*total, k) if total else None, [(*table, r, k) for r in rows]


def relations(data: dict) -> Iterator[tuple[Path | None, list[Path]]]:
    """The sets of counts that add up, as (total, parts); a total of None is one the report does not print
    (it is treated as known all the same)."""
    i = ("instroom",)
    for b in _BREAKDOWNS_OF_MELDINGEN:
        yield from _sum((*i, "meldingen"), (*i, b), data)
    yield from _sum((*i, "gesloten"), (*i, "gesloten_per_reden"), data)
    yield from _sum((*i, "intake_per_besluit", "niet-aangenomen"), (*i, "niet_aangenomen_verwezen_naar"), data)
    yield from _sum((*i, "in_zorg_begin"), (*i, "in_zorg_begin_per_fase"), data)
    yield from _sum((*i, "in_zorg_eind"), (*i, "in_zorg_eind_per_fase"), data)
    yield ("instroom", "meldingen"), [("uitkomsten", "hermeldingen", "van")]
    for b in ("per_niveau", "per_partij"):
        yield from _sum(("escalaties", "stappen"), ("escalaties", b), data)
    yield from _columns(data, ("afspraken", "per_partner"), ("afspraken", "totaal"), (*_AGREEMENT_COLUMNS,))
    for where, (whole, parts) in _ROW_PARTS.items():
        table = ("afspraken", "per_partner") if where == ("afspraken",) else (*where, "per_leefgebied")
        for r in [*(_at(data, table) or {})]:
            yield (*table, r, whole), [(*table, r, p) for p in parts]
        total = ("afspraken", "totaal") if where == ("afspraken",) else (*where, "totaal")
        yield (*total, whole), [(*total, p) for p in parts]
    u = ("uitkomsten",)
    yield from _columns(data, (*u, "verschuiving_per_leefgebied"), (*u, "totaal"), ZRM_SHIFTS)
    yield from _columns(data, (*u, "doelen", "per_leefgebied"), (*u, "doelen", "totaal"), GOAL_KEYS)
    yield from _sum((*u, "samenwerking", "n"), (*u, "samenwerking", "verdeling"), data)
    for dim in GROUPS:
        rows = _at(data, (*u, "per_groep", dim))
        if rows is not None:
            first: dict = next(iter(rows.values()), {})
            yield from _columns(data, (*u, "per_groep", dim), (UNPRINTED, "per_groep"), [k for k in first])
            yield ("netwerkgericht", "vip_kaart", "van"), [(*u, "per_groep", dim, r, "actief") for r in rows]
    k = ("netwerkgericht", "consultaties")
    for b in ("per_vraagsoort", "per_organisatie"):
        yield from _sum((*k, "totaal"), (*k, b), data)
    k = ("netwerkgericht", "voorlichting")
    for b in ("per_werkproces", "per_vorm", "per_publiek"):
        yield from _sum((*k, "bijeenkomsten"), (*k, b), data)
    c = ("caseload",)
    yield from _sum(("instroom", "in_zorg_eind"), (*c, "open_per_regisseur"), data)
    if _at(data, (*c, "open")) is not None:
        yield ("instroom", "in_zorg_eind"), [(*c, "open", "casussen")]
    v = ("veiligheid",)
    yield from _columns(data, (*v, "per_kwartaal"), (*v, "totaal"), _at(data, (*v, "totaal")) or {})
    stappen = [k for k in (_at(data, (*v, "totaal")) or {}) if k.startswith("meldcode_stap_")]
    for q in [*(_at(data, (*v, "per_kwartaal")) or {}), None]:
        row = (*v, "per_kwartaal", q) if q else (*v, "totaal")
        yield (*row, "meldcode_stappen"), [(*row, k) for k in stappen]


_AGREEMENT_COLUMNS = ("gemaakt", "deadline_in_periode", "op_tijd", "te_laat", "open_na_deadline", "vervallen", "verschoven")


def hidden_cells(data: dict, threshold: int, forced: Iterable[Path] = ()) -> set[Path]:
    """The counts to hide: primary (1 to threshold - 1), the ``forced`` ones, and enough complementary ones."""
    values = dict(counts(data))
    hidden = {p for p, v in values.items() if 0 < v < threshold} | {p for p in forced if values.get(p, 0) > 0}
    found = list(relations(data))
    for total, parts in found:  # an unprinted total: taken as known (one breakdown published gives it away) until
        if total is not None and total[0] == UNPRINTED and total not in values:  # hidden to protect another
            values[total] = sum(values.get(p, 0) for p in parts)
    sets = [(t if t in values else None, [p for p in parts if p in values]) for t, parts in found]
    stuck: set[Path] = set()
    while True:
        changed = True
        while changed:  # first set by set
            changed = False
            floor = _floors(sets, values, hidden)
            for total, parts in sets:
                add = _complement(total, parts, values, hidden, floor, threshold)
                if add is not None:
                    hidden.add(add)
                    changed = True
                    break
        add = _widen(sets, values, hidden, threshold, stuck)  # then all sets together
        if add is None:
            add = _block_total(data, values, hidden)
        if add is None:
            return hidden
        hidden.add(add)


# Tables whose rows add up within the row (a whole and its parts) and whose columns add up to a total row: a
# reader can combine the two directions in many ways, so once a row's part is hidden the total row of those
# columns is hidden too (then no column of the block has a known sum).
_BLOCKS = (
    (("afspraken", "per_partner"), ("afspraken", "totaal"), ("deadline_in_periode", "op_tijd", "te_laat", "open_na_deadline")),
    (("uitkomsten", "doelen", "per_leefgebied"), ("uitkomsten", "doelen", "totaal"),
     ("afgerond", "bereikt", "vervallen", "open_bij_sluiting")),
    (("veiligheid", "per_kwartaal"), ("veiligheid", "totaal"), ("meldcode_stappen", *(f"meldcode_stap_{n}" for n in range(1, 6)))),
)


def _block_total(data: dict, values, hidden) -> Path | None:
    for table, total, columns in _BLOCKS:
        rows = _at(data, table) or {}
        if any((*table, r, c) in hidden for r in rows for c in columns):
            for c in columns:
                if (*total, c) not in hidden and values.get((*total, c), 0) > 0:
                    return (*total, c)
    return None


def _forms(sets, values, hidden) -> list[tuple[dict[Path, int], int]]:
    """The sets as linear equations over the hidden counts, ``sum(coef * count) == constant``, with every sum and
    difference of two of them that cancels a count (so that a reader's combinations of two sets are seen too)."""
    forms = []
    for total, parts in sets:
        if total is None:
            continue
        coef: dict[Path, int] = {}
        const = 0
        for c, p in [(1, q) for q in parts] + [(-1, total)]:
            if p in hidden:
                coef[p] = coef.get(p, 0) + c
            else:
                const -= c * values[p]
        coef = {p: c for p, c in coef.items() if c}
        if coef:
            forms.append((coef, const))
    derived = []
    for i, (a, ka) in enumerate(forms):
        for b, kb in forms[i + 1:]:
            common = a.keys() & b.keys()
            for sign in (1, -1):
                if any(a[p] + sign * b[p] == 0 for p in common):
                    f = {p: a.get(p, 0) + sign * b.get(p, 0) for p in a.keys() | b.keys()}
                    f = {p: c for p, c in f.items() if c}
                    if f and len(f) <= 12:
                        derived.append((f, ka + sign * kb))
    return forms + derived


def bounds(sets, values, hidden) -> dict[Path, tuple[int, int]]:
    """What a reader can work out of each hidden count from all the sets together, by propagating bounds (at
    least 1, at most what the other counts of an equation leave) through the equations of :func:`_forms`."""
    lo = {p: 0 if p[0] == UNPRINTED else 1 for p in hidden}
    hi = dict.fromkeys(hidden, _BIG)
    forms = _forms(sets, values, hidden)
    for _ in range(30):
        changed = False
        for coef, const in forms:
            for p, c in coef.items():
                low = high = 0  # the range of the other terms
                for q, d in coef.items():
                    if q != p:
                        low, high = (low + d * lo[q], high + d * hi[q]) if d > 0 else (low + d * hi[q], high + d * lo[q])
                # c * x = const - others
                a, b = const - high, const - low
                new_lo, new_hi = (-(-a // c), b // c) if c > 0 else (-(-b // c), a // c)
                if new_lo > lo[p] or new_hi < hi[p]:
                    lo[p], hi[p] = max(lo[p], new_lo), min(hi[p], new_hi)
                    changed = True
        if not changed:
            break
    return {p: (lo[p], hi[p]) for p in hidden}


_BIG = 10**9


def _widen(sets, values, hidden, threshold, stuck) -> Path | None:
    """A count to hide so that a hidden count whose range is too narrow gets wider; None when none is too narrow
    (or none can be helped)."""
    ranges = bounds(sets, values, hidden)
    for p in sorted(p for p, (a, b) in ranges.items() if b - a + 1 < threshold and p[0] != UNPRINTED and p not in stuck):
        near = {q for total, parts in sets if p == total or p in parts for q in [*parts, total] if q is not None}
        shown = sorted((values[q], q) for q in near if q not in hidden and values[q] > 0)
        if shown:
            return shown[0][1]
        stuck.add(p)
    return None


def _floors(sets, values, hidden) -> dict[Path, int]:
    """What a reader knows a hidden count to be at least: 1, or for a hidden total the sum of what is known of its
    parts (a published part exactly, a hidden part at least its own floor)."""
    floor = dict.fromkeys(hidden, 1)
    changed = True
    while changed:
        changed = False
        for total, parts in sets:
            if total in hidden:
                known = sum(floor[p] if p in hidden else values[p] for p in parts)
                if known > floor[total]:
                    floor[total] = known
                    changed = True
    return floor


def _complement(total, parts, values, hidden, floor, threshold) -> Path | None:
    """One more count to hide in the set ``total = sum(parts)``, or None when it is safe as it is: each hidden
    count in it can take every value from its floor up to its floor plus the slack of the set, and the slack
    (what the hidden counts hold above their floors) must leave ``threshold`` values."""
    shown = sorted((values[p], p) for p in parts if p not in hidden and values[p] > 0)
    secret = [p for p in parts if p in hidden]
    total_hidden = total is not None and total in hidden
    if not secret:
        return shown[0][1] if total_hidden and shown else None
    slack = sum(values[p] - floor[p] for p in secret)
    if len(secret) >= 2 and slack + 1 >= threshold:
        return None
    if shown:
        return shown[0][1]
    return total if total is not None and not total_hidden and values[total] > 0 else None


def apply(data: dict, hidden: set[Path], threshold: int) -> None:
    """Write :data:`HIDDEN` into every hidden count, and leave out what would give one away."""
    for path in hidden:
        if path[0] == UNPRINTED:
            continue
        node = _at(data, path[:-1])
        key: Any = int(path[-1]) if isinstance(node, list) else path[-1]
        node[key] = HIDDEN

    _drop_ids_of_hidden(data)

    def shown(n: Any) -> bool:
        return is_count(n) and n >= threshold

    a = data["afspraken"]
    for row in [a["totaal"], *a["per_partner"].values()]:
        if not (shown(row["deadline_in_periode"]) and is_count(row["op_tijd"])):
            row["percentage_op_tijd"] = None
    g = data["uitkomsten"]["doelen"]
    for row in [g["totaal"], *g["per_leefgebied"].values()]:
        if not (shown(row["met_doelscore"]) and is_count(row["doelscore_gehaald"])):
            row["percentage_doelscore_gehaald"] = None
    for share in (*data["netwerkgericht"].values(), data["uitkomsten"]["hermeldingen"]):
        if isinstance(share, dict) and "van" in share and not (shown(share["van"]) and is_count(share["aantal"])):
            share["percentage"] = None
    for stats in (*data["doorlooptijden"].values(), data["escalaties"]["dagen_tot_oplossing"]):
        if not shown(stats["n"]) or stats.get("boven_termijn") == HIDDEN:  # order statistics bound a hidden count
            stats["mediaan"] = stats["p90"] = None
    s = data["uitkomsten"]["samenwerking"]
    if not shown(s["n"]) or HIDDEN in s["verdeling"].values():  # mean and distribution together pin the counts
        s["gemiddeld"] = None


def _drop_ids_of_hidden(node: Any) -> None:
    """A hidden count loses the case ids listed with it (``open_eind`` and ``open_eind_casussen``): counting them
    would give the count away."""
    if isinstance(node, dict):
        for key, value in list(node.items()):
            if value == HIDDEN and isinstance(node.get(f"{key}_casussen"), list):
                node[f"{key}_casussen"] = []
            _drop_ids_of_hidden(value)
    elif isinstance(node, list):
        for item in node:
            _drop_ids_of_hidden(item)


def protect(data: dict, threshold: int) -> None:
    """Suppress ``data`` (one report) in place."""
    apply(data, hidden_cells(data, threshold), threshold)


def protect_together(first: dict, second: dict, threshold: int) -> None:
    """Suppress two reports put side by side (``--vergelijk``): a figure hidden in one is hidden in both, so the
    pair (and its difference) tells nothing the two would not tell apart."""
    forced: set[Path] = set()
    while True:
        a, b = hidden_cells(first, threshold, forced), hidden_cells(second, threshold, forced)
        if a | b <= forced:
            break
        forced |= a | b
    apply(first, a, threshold)
    apply(second, b, threshold)


def strip_ids(value: Any) -> Any:
    """Drop every list of case ids (keys ending in 'casussen' holding lists), for --no-ids."""
    if isinstance(value, dict):
        return {k: strip_ids(v) for k, v in value.items() if not (k.endswith("casussen") and isinstance(v, list))
                and k != "weggelaten"} | ({"weggelaten": len(value["weggelaten"])} if "weggelaten" in value else {})
    if isinstance(value, list):
        return [strip_ids(v) for v in value]
    return value
