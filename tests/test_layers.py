"""The layers of the package hold: every import of regie's own modules (function-level ones included) points
down the order, no two modules import each other (directly or round about), each import names something
that exists, regie's own modules are imported at the top of a file, and each heavy third-party package is
imported by the one module that owns it, when it is used.

The order, from the top: commands → cli → work → views and privacy → render → dossier → store → formats →
base (the modules at the top of the package: layout, ids, errors, clock, limits, safetext, taal).
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

REGIE = Path(__file__).resolve().parent.parent / "regie"
RANK = {"base": 0, "formats": 1, "store": 2, "dossier": 3, "render": 4, "privacy": 5, "views": 5, "work": 6,
        "cli": 7, "commands": 8}
# Imports of regie's own modules that may stay inside a function: the console script answers --help and
# --version from a table before it builds the command line (which imports typer), so it imports that late.
LAZY_OWN = {"cli/entry.py"}
# Each heavy package, the modules that may import it, and whether they may do so at the top of the file.
OWNERS = {
    "git": ({"store/gitops.py"}, False),
    "jinja2": ({"render/templates.py"}, False),
    "markdown_it": ({"render/templates.py"}, False),
    "weasyprint": ({"render/pdf.py"}, False),
    "jsonschema": ({"dossier/schema.py"}, False),
    "fastjsonschema": ({"dossier/schema.py"}, False),
    "ruamel": ({"formats/yamledit.py"}, False),
    "frontmatter": ({"formats/yamlio.py"}, False),
    "yaml": ({"formats/yamlio.py", "formats/positions.py"}, True),  # the C loader is the reading layer itself
    "pyrage": ({"privacy/identity.py"}, False),
    "icalendar": ({"views/calendar.py"}, False),
    "rich": ({"cli/console.py", "commands/_report_view.py"}, False),
}


def layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1 or parts[1] == "__main__":
        return "cli" if parts[-1] == "__main__" else "base"
    return parts[1] if parts[1] in RANK else "base"


def modules() -> dict[str, Path]:
    found = {}
    for path in REGIE.rglob("*.py"):
        parts = list(path.relative_to(REGIE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = modules()


def imports(module: str, path: Path) -> list[tuple[int, str, list[str], bool]]:
    """(line, module imported, names, at the top of the file?) for every import of regie's own modules."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("regie")):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            out.append((node.lineno, target, [a.name for a in node.names], id(node) in top))
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "regie":
                    out.append((node.lineno, a.name, [], id(node) in top))
    return out


def edges() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for module, path in MODULES.items():
        for _, target, names, _ in imports(module, path):
            for name in names or [""]:
                sub = f"{target}.{name}"
                graph[module].add(sub if sub in MODULES else target)
        graph[module].discard(module)
    return graph


def test_every_import_of_regie_names_something_that_exists():
    missing = []
    for module, path in sorted(MODULES.items()):
        for line, target, names, _ in imports(module, path):
            try:
                imported = importlib.import_module(target)
            except ImportError:
                missing.append(f"{path.relative_to(REGIE)}:{line}: geen module {target}")
                continue
            for name in names:
                if not hasattr(imported, name) and f"{target}.{name}" not in MODULES:
                    missing.append(f"{path.relative_to(REGIE)}:{line}: {target} heeft geen {name}")
    assert not missing, "\n".join(missing)


def upward(graph: dict[str, set[str]]) -> list[str]:
    return sorted(f"{m} ({layer(m)}) → {t} ({layer(t)})" for m, targets in graph.items() for t in targets
                  if t != "regie" and RANK[layer(t)] > RANK[layer(m)])


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or round about (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_against_the_order_of_the_layers():
    graph = {m: {t for t in ts if t in MODULES} for m, ts in edges().items()}
    assert not upward(graph), "\n".join(upward(graph))


def test_no_cycle_between_modules():
    graph = {m: {t for t in ts if t in MODULES and t != "regie"} for m, ts in edges().items()}
    assert not cycles(graph), cycles(graph)


def test_the_checks_see_an_import_upwards_and_a_cycle():
    assert upward({"regie.dossier.loader": {"regie.work.mutation"}, "regie.work.mutation": {"regie.dossier.loader"}}) == [
        "regie.dossier.loader (dossier) → regie.work.mutation (work)"]
    assert upward({"regie.formats.yamlio": {"regie.store.files"}}) == ["regie.formats.yamlio (formats) → regie.store.files (store)"]
    assert cycles({"regie.views.a": {"regie.views.b"}, "regie.views.b": {"regie.views.c"}, "regie.views.c": {"regie.views.a"},
                   "regie.views.d": {"regie.views.a"}}) == [["regie.views.a", "regie.views.b", "regie.views.c"]]


def test_regie_modules_are_imported_at_the_top():
    late = [f"{path.relative_to(REGIE)}:{line}: {target}" for module, path in sorted(MODULES.items())
            if path.relative_to(REGIE).as_posix() not in LAZY_OWN
            for line, target, _, at_top in imports(module, path) if not at_top]
    assert not late, "\n".join(late)


def test_heavy_packages_only_in_the_module_that_owns_each():
    wrong = []
    for module, path in sorted(MODULES.items()):
        rel = path.relative_to(REGIE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = {id(node) for node in tree.body}
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            for name in names:
                package = name.split(".")[0]
                if package in OWNERS:
                    owners, may_be_top = OWNERS[package]
                    if rel not in owners:
                        wrong.append(f"{rel}:{node.lineno}: {name} hoort in {', '.join(sorted(owners))}")
                    elif id(node) in top and not may_be_top:
                        wrong.append(f"{rel}:{node.lineno}: {name} bovenaan (alleen binnen de functie die het gebruikt)")
                if package in ("typer", "click") and layer(module) not in ("cli", "commands"):
                    wrong.append(f"{rel}:{node.lineno}: {name} buiten de opdrachtregel")
    assert not wrong, "\n".join(wrong)
