"""The test suite stays bounded (issue 21, item 7): every end-to-end or fuzz test is marked ``slow`` and states
its time budget, and every random draw in the tests comes from a fixed seed."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent


def _modules():
    for path in sorted(TESTS.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        yield path, text, ast.parse(text)


def _is_mark(node: ast.expr, name: str) -> bool:
    """``pytest.mark.<name>`` (called or not)."""
    if isinstance(node, ast.Call):
        node = node.func
    return isinstance(node, ast.Attribute) and node.attr == name and ast.unparse(node.value) == "pytest.mark"


def _module_marked(tree: ast.Module, name: str) -> bool:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets):
            values = node.value.elts if isinstance(node.value, (ast.List, ast.Tuple)) else [node.value]
            if any(_is_mark(v, name) for v in values):
                return True
    return False


def test_every_slow_test_states_its_budget():
    """The comment above the test, its source or (for a module marked slow as a whole) the module docstring says
    ``Budget``: how many rounds, examples or processes, and about how long."""
    slow, missing = [], []
    for path, text, tree in _modules():
        lines = text.splitlines()
        whole = _module_marked(tree, "slow")
        for node in tree.body:
            if not (isinstance(node, ast.FunctionDef) and node.name.startswith("test_")):
                continue
            if not (whole or any(_is_mark(d, "slow") for d in node.decorator_list)):
                continue
            slow.append(f"{path.name}::{node.name}")
            first = min([node.lineno] + [d.lineno for d in node.decorator_list]) - 1
            above = first
            while above > 0 and lines[above - 1].lstrip().startswith("#"):
                above -= 1
            own = "\n".join(lines[above:node.end_lineno])
            if "budget" not in own.lower() and not (whole and "budget" in (ast.get_docstring(tree) or "").lower()):
                missing.append(f"{path.name}::{node.name}")
    assert len(slow) >= 20, slow
    assert not missing, f"slow tests without a stated budget: {missing}"


def test_random_draws_come_from_a_fixed_seed():
    """hypothesis runs derandomized with a bounded number of examples; ``random`` only as ``random.Random(seed)``."""
    problems = []
    for path, _, tree in _modules():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = ast.unparse(node.func)
            where = f"{path.name}:{node.lineno}"
            if name in ("settings", "hypothesis.settings"):
                keywords = {k.arg: k.value for k in node.keywords}
                if not (isinstance(keywords.get("derandomize"), ast.Constant) and keywords["derandomize"].value is True):
                    problems.append(f"{where}: hypothesis settings without derandomize=True")
                if "max_examples" not in keywords:
                    problems.append(f"{where}: hypothesis settings without max_examples")
            elif name == "random.Random" and not (node.args or node.keywords):
                problems.append(f"{where}: random.Random() without a seed")
            elif name.startswith("random.") and name != "random.Random":
                problems.append(f"{where}: {name} draws from the unseeded global generator")
    assert not problems, problems


def test_the_quick_check_is_registered_and_named():
    """``slow`` and ``release`` are registered markers (a misspelt marker is an error), and the README names the quick
    check beside the test command that runs the whole suite in parallel."""
    tomllib = pytest.importorskip("tomllib", reason="tomllib is in Python 3.11 and later")
    config = tomllib.loads((TESTS.parent / "pyproject.toml").read_text(encoding="utf-8"))
    pytest_config = config["tool"]["pytest"]["ini_options"]
    assert "--strict-markers" in pytest_config["addopts"].split()
    assert {m.split(":")[0] for m in pytest_config["markers"]} >= {"slow", "release"}
    assert any(r.startswith("pytest-xdist") for r in config["project"]["optional-dependencies"]["test"])
    readme = (TESTS.parent / "README.md").read_text(encoding="utf-8")
    assert ".venv/bin/pytest -n auto\n" in readme and '-m "not slow"' in readme
