"""Fuzzing: broken versions of the example dossiers never crash a read-only command.

Hypothesis mutates one or two files of the example network (a key deleted, a value of the
wrong type or an extreme one, random bytes, a truncated file, an alias, a stray line), and
sometimes the layout (a folder where a file belongs, a file where a folder belongs, a link), and
runs read-only commands in-process. Every run must end in exit 0, 1 or 2 without a
traceback: a finding or a refusal, never a crash (exit 3). The default run is bounded for
CI; ``pytest --slow tests/test_fuzz.py`` is the release run of 10,000 examples.

Seed and budget: hypothesis runs derandomized (its seed is fixed by the test, so every run draws the
same examples) without its example database; the default run is 250 examples of at most two files
and two commands each (about 10 s here), the release run 10,000 (about 7 minutes).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES

pytestmark = pytest.mark.slow

hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is a test dependency (pip install '.[test]')")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

FILES = sorted(p.relative_to(EXAMPLES).as_posix() for p in EXAMPLES.rglob("*")
               if p.is_file() and p.suffix in (".yaml", ".md") and ".regie" not in p.parts)

READ_COMMANDS = [
    ["validate"], ["validate", "--format", "json"], ["overdue", "--within", "30"], ["overdue", "--format", "csv"],
    ["overdue", "--format", "ics"], ["list"], ["list", "--format", "json"], ["show", "2026-001"], ["show", "2026-002"],
    ["agenda"], ["agenda", "--html"], ["report", "--year", "2026", "--format", "md"], ["report", "--quarter", "2026Q3", "--format", "json"],
    ["report", "--year", "2026"], ["plan", "2026-002"], ["plan", "2026-001", "--html"], ["export", "2026-003"],
    ["retention"], ["signal", "list"], ["log", "2026-004"],
]

ODD_VALUES = [None, 0, -1, 10**30, -(10**30), 1e308, "", " ", "x" * 5000, [], {}, True, "9999-12-31", "0001-01-01",
              "2026-02-30", "2026-W49-3", "\x1b[2J", "../../etc/passwd", "A1\n", {"a": [1, {"b": None}]}, ["x", 3]]


def _paths(node, prefix=()):
    """Every path into a YAML structure."""
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


def _set(node, path, value, delete=False):
    *head, last = path
    for step in head:
        node = node[step]
    if delete:
        del node[last]
    else:
        node[last] = value


@st.composite
def mutations(draw, original: str):
    """New text (or bytes) for a file whose text is ``original``."""
    kind = draw(st.sampled_from(["delete", "swap", "bytes", "truncate", "alias", "line", "date", "number"]))
    if kind == "bytes":
        return draw(st.binary(min_size=0, max_size=300))
    if kind == "truncate":
        return original[: draw(st.integers(0, max(0, len(original) - 1)))]
    if kind == "line":
        lines = original.split("\n")
        at = draw(st.integers(0, len(lines)))
        extra = draw(st.sampled_from(["  - [", "key: value: other", "\t- tab", "id: &x [*x]", "---", "...", "!!python/object:os.system x",
                                      "datum: 2026-13-45", "<<<<<<< HEAD", "deadline: 9999-12-31", "? [a, b]\n: c", "a: b\na: c"]))
        return "\n".join(lines[:at] + [extra] + lines[at:])
    if kind == "date":
        import re

        dates = list(re.finditer(r"\d{4}-\d{2}-\d{2}", original))
        if not dates:
            return original + "\n"
        m = draw(st.sampled_from(dates))
        new = draw(st.sampled_from(["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01", "2026-02-30", "2026-W49-3", "2026-1-1", "20261201"]))
        return original[: m.start()] + new + original[m.end():]
    if kind == "number":
        import re

        numbers = list(re.finditer(r"(?<=: )\d+\b", original))
        if not numbers:
            return original + "\n"
        m = draw(st.sampled_from(numbers))
        new = draw(st.sampled_from(["0", "-5", "1000000000000", "99999999999999999999", "1e400", ".nan", ".inf"]))
        return original[: m.start()] + new + original[m.end():]
    # structural: parse the YAML (or the front matter) and change it
    body = ""
    text = original
    if original.startswith("---\n") and "\n---" in original[3:]:
        end = original.index("\n---", 3)
        text, body = original[4:end], original[end:]
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return original
    paths = [p for p in _paths(data) if p]
    if not paths:
        return original
    path = draw(st.sampled_from(paths))
    if kind == "delete":
        _set(data, path, None, delete=True)
    elif kind == "alias":
        _set(data, path, data)  # a structure that contains itself: dumped as an alias
    else:
        _set(data, path, draw(st.sampled_from(ODD_VALUES)))
    try:
        dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    except (yaml.YAMLError, RecursionError):
        return original
    return ("---\n" + dumped + body) if body else dumped


def _dir_for_file(root, rel):
    (root / rel).unlink()
    (root / rel).mkdir()


def _file_for_dir(root, rel):
    folder = (root / rel).parent if rel.startswith("casussen/") else root / "casussen" / "2026-001"
    target = folder / "evaluaties" if (folder / "evaluaties").is_dir() else folder
    shutil.rmtree(target)
    target.write_text("geen map\n")


def _link_to_other(root, rel):
    others = [p for p in root.rglob(Path(rel).name) if p != root / rel]
    (root / rel).unlink()
    (root / rel).symlink_to(others[0] if others else root / "regie.yaml")


def _linked_case(root, rel):
    (root / "casussen" / "2026-099").symlink_to(root / "casussen" / "2026-001")


def _casussen_as_file(root, rel):
    shutil.rmtree(root / "casussen")
    (root / "casussen").write_text("x\n")


LAYOUT_CHANGES = {
    "folder where a file belongs": _dir_for_file,
    "file where a folder belongs": _file_for_dir,
    "file is a link": _link_to_other,
    "case folder is a link": _linked_case,
    "casussen is a file": _casussen_as_file,
    "file removed": lambda root, rel: (root / rel).unlink(),
}


@pytest.fixture
def fuzz_repo(tmp_path):
    target = tmp_path / "fuzz"
    shutil.copytree(EXAMPLES, target)
    return target


def test_broken_dossiers_never_crash_a_read_command(cli, fuzz_repo, request):
    slow = request.config.getoption("--slow")
    originals = {rel: (fuzz_repo / rel).read_bytes() for rel in FILES}
    outcomes: dict[int, int] = {}

    # a fixed seed (derandomize) and a bounded number of examples; no per-example deadline, which would
    # make the run depend on the load of a shared CI machine
    @settings(max_examples=10_000 if slow else 250, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def run(data):
        chosen = data.draw(st.lists(st.sampled_from(FILES), min_size=1, max_size=2, unique=True))
        layout = data.draw(st.sampled_from([None] * 6 + list(LAYOUT_CHANGES)))
        try:
            for rel in chosen:
                new = data.draw(mutations(originals[rel].decode("utf-8")))
                path = fuzz_repo / rel
                if isinstance(new, bytes):
                    path.write_bytes(new)
                else:
                    path.write_text(new, encoding="utf-8", errors="surrogateescape")
            if layout:
                LAYOUT_CHANGES[layout](fuzz_repo, chosen[0])
            for command in data.draw(st.lists(st.sampled_from(READ_COMMANDS), min_size=1, max_size=2)):
                r = cli("-C", str(fuzz_repo), *command)
                assert r.code in (0, 1, 2), (chosen, command, r)
                assert "Traceback" not in r.err and "interne fout" not in r.err, (chosen, command, r.err)
                outcomes[r.code] = outcomes.get(r.code, 0) + 1
        finally:
            if layout:  # the layout changed: start again from a fresh copy
                shutil.rmtree(fuzz_repo, ignore_errors=True)
                shutil.copytree(EXAMPLES, fuzz_repo)
            else:
                for rel in chosen:
                    (fuzz_repo / rel).write_bytes(originals[rel])

    run()
    if slow:
        print(f"\nfuzz: exit codes over all command runs: {dict(sorted(outcomes.items()))}")
    assert outcomes.get(1, 0) > 0  # the mutations did break things: findings were reported
