"""The documentation in docs/ (and the README) against the program itself.

- every command and subcommand of the typer app has a section in docs/ (a heading that names it);
- every code a finding of ``validate`` can carry is documented in docs/ (the codes are read from the
  source of ``regie/dossier/`` with ``ast``, not from a hand list);
- every runnable shell example works as written against a fresh git copy of ``examples/dossiers``.

How examples are marked (fenced blocks in docs/*.md and README.md):

- ```` ```sh ````: runnable and read-only. Each line that starts with ``regie `` runs (in-process,
  on today 2026-11-26) on one copy of the examples shared by the module; it must exit 0 and leave
  the copy's git state as it was. A line whose comment says ``exit N`` (``# refused: exit 1``)
  must exit N instead.
- ```` ```sh writes ````: runnable, and it changes the dossier: the block gets its own fresh copy and
  its lines run in order, as a user would type them.
- ```` ```sh fresh ````: runnable, from an empty folder: its first line is ``regie init`` (into the current folder),
  the rest run in order inside the new repository, and ``validate`` there must find nothing at all.
- ```` ```sh not-run ````: shown, not run (it needs a key, a remote, an editor, another program or a
  package that is optional). Keep these few.

A line with ``-C examples/dossiers`` runs from the folder that holds ``examples/``; any other line
runs inside the dossier repository. The copy carries the ``.gitignore`` that ``regie init`` writes,
as a real dossier repository does, so ``-o rapport.html`` in it is allowed.
"""

from __future__ import annotations

import ast
import os
import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO, TODAY

DOCS = REPO / "docs"
PAGES = sorted(DOCS.glob("*.md"))
EXAMPLE_FILES = [REPO / "README.md", *PAGES]
INVOCATION = re.compile(r"(^|[;&|(]\s*|\s)regie\s")  # regie run as a command somewhere in a shell line


# ---------------------------------------------------------------------------------------------- commands


def _app_commands() -> tuple[list[str], set[str]]:
    from regie.cli.app import app

    groups = {g.name for g in app.registered_groups}
    names = [c.name for c in app.registered_commands]
    names += [f"{g.name} {c.name}" for g in app.registered_groups for c in g.typer_instance.registered_commands]
    return names, groups


def _headed_commands(groups: set[str]) -> set[str]:
    """The commands named by headings: ``## regie afspraak add / done / drop``, ``## regie list / regie show``."""
    found: set[str] = set()
    for page in PAGES:
        for line in page.read_text(encoding="utf-8").splitlines():
            if not line.startswith("#"):
                continue
            group = None
            for part in re.split(r"\s*[/,]\s*", line.lstrip("#").strip()):
                words = part.replace("`", "").split()
                if "regie" in words:
                    words = words[words.index("regie") + 1:]
                    if not words or words[0].startswith("-"):
                        continue
                    if words[0] in groups:
                        group = words[0]
                        if len(words) > 1:
                            found.add(f"{group} {words[1]}")
                    else:
                        group = None
                        found.add(words[0])
                elif group and len(words) == 1:
                    found.add(f"{group} {words[0]}")
    return found


def test_every_command_has_a_section_in_docs():
    names, groups = _app_commands()
    assert len(names) > 40
    headed = _headed_commands(groups)
    missing = [n for n in names if n not in headed]
    assert not missing, f"commands without a section (a heading 'regie NAME') in docs/: {missing}"


def test_every_command_has_an_example_in_docs():
    names, _ = _app_commands()
    shown = " ".join(" ".join(b.lines) for b in _blocks() if b.kind in ("sh", "sh writes", "sh fresh", "sh not-run"))
    missing = [n for n in names if not re.search(rf"regie (-C \S+ )?(--\S+ (\S+ )?)*{re.escape(n)}\b", shown)]
    assert not missing, f"commands without a shell example in docs/: {missing}"


# ---------------------------------------------------------------------------------------------- rule codes


def validate_codes() -> dict[str, str]:
    """Every code a finding can carry, from the source of regie/dossier and regie/formats (reading YAML): ``code="x"`` keywords,
    ``Problem(path, line, "x", …)``, and module-local helpers with a ``code`` parameter (``at("id", "x", …)``).
    A code the scan cannot read (not a literal, not handed on from a parameter) fails the test."""
    codes: dict[str, str] = {}
    unreadable: list[str] = []
    passed_on = {"code", "exc.code", "self.code"}
    for path in sorted([*(REPO / "regie" / "dossier").rglob("*.py"), *(REPO / "regie" / "formats").rglob("*.py")]):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        helpers = {"Problem": 2}
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                params = [a.arg for a in node.args.posonlyargs + node.args.args]
                if "code" in params:
                    helpers[node.name] = params.index("code")
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            found = [k.value for k in node.keywords if k.arg == "code"]
            if isinstance(node.func, ast.Name) and node.func.id in helpers:
                index = helpers[node.func.id]
                if len(node.args) > index and not any(isinstance(a, ast.Starred) for a in node.args[:index + 1]):
                    found.append(node.args[index])
            for value in found:
                where = f"{path.relative_to(REPO)}:{node.lineno}"
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    codes.setdefault(value.value, where)
                elif ast.unparse(value) not in passed_on:
                    unreadable.append(f"{where}: {ast.unparse(value)}")
    assert not unreadable, f"codes the documentation test cannot read; write them as literals: {unreadable}"
    return codes


def test_the_code_scan_finds_codes_of_every_kind():
    codes = validate_codes()
    # a loader code, a YAML reader code, a schema code, a Problem(...) code, a rule helper's positional code
    assert {"onleesbaar", "dubbele-sleutel", "schema", "casus-id-dubbel", "afspraak-wie", "meldcode-wie",
            "doel-status", "escalatie-niveau", "privacy"} <= set(codes)
    assert len(codes) > 80


def test_every_validate_code_is_documented():
    text = "\n".join(p.read_text(encoding="utf-8") for p in PAGES)
    missing = {c: where for c, where in validate_codes().items() if f"`{c}`" not in text}
    assert not missing, f"validate codes not documented in docs/ (as `code`): {missing}"


# ---------------------------------------------------------------------------------------------- examples


@dataclass
class Block:
    file: Path
    line: int
    kind: str  # "sh", "sh writes", "sh not-run", or another info string
    lines: list[str]  # continuation lines joined

    @property
    def id(self) -> str:
        return f"{self.file.relative_to(REPO)}:{self.line}"


def _blocks() -> list[Block]:
    blocks: list[Block] = []
    for path in EXAMPLE_FILES:
        lines = path.read_text(encoding="utf-8").splitlines()
        i = 0
        while i < len(lines):
            m = re.match(r"^```(.*)$", lines[i])
            if not m:
                i += 1
                continue
            start, kind, body = i + 1, " ".join(m.group(1).split()), []
            i += 1
            while i < len(lines) and lines[i] != "```":
                body.append(lines[i])
                i += 1
            i += 1
            joined: list[str] = []
            for text in body:
                if joined and joined[-1].endswith("\\"):
                    joined[-1] = joined[-1][:-1].rstrip() + " " + text.strip()
                else:
                    joined.append(text)
            blocks.append(Block(path, start, kind, joined))
    return blocks


def _commands(block: Block) -> list[tuple[list[str], int, str]]:
    """The regie command lines of a block: (arguments after 'regie', expected exit code, raw line)."""
    out = []
    if not any(line.strip().startswith("regie ") for line in block.lines):
        # a block of other commands only, such as the README's install and test commands (.ci/run runs those)
        assert not any(INVOCATION.search(line) for line in block.lines), f"{block.id}: mark it ```sh not-run"
        return out
    for raw in block.lines:
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        assert stripped.startswith("regie "), f"{block.id}: a runnable example holds '{stripped}'; mark it ```sh not-run"
        words = shlex.split(stripped, comments=True)
        bad = [w for w in words if w in ("|", "||", "&&", ";", ">", ">>", "<") or w.startswith(("~", "$"))]
        assert not bad, f"{block.id}: '{stripped}' is more than one regie command ({bad}); mark it ```sh not-run"
        m = re.search(r"#[^\"']*\bexit (\d)\b[^\"']*$", stripped)
        out.append((words[1:], int(m.group(1)) if m else 0, stripped))
    return out


BLOCKS = _blocks()
RUNNABLE = [b for b in BLOCKS if b.kind in ("sh", "sh writes", "sh fresh")]
NOT_RUN = [b for b in BLOCKS if b.kind == "sh not-run"]


def test_examples_are_marked():
    """A regie command outside a ```sh block would escape the test: every block that runs regie says how."""
    for b in BLOCKS:
        if b.kind in ("sh", "sh writes", "sh fresh", "sh not-run", "text"):  # ```text: output, such as the benchmark table
            continue
        runs = [line for line in b.lines if line.strip().startswith("regie ")]
        assert not runs, f"{b.id}: regie commands in a ```{b.kind} block; use ```sh, ```sh writes or ```sh not-run"
    assert len(RUNNABLE) >= 35
    assert len(NOT_RUN) <= 12, [b.id for b in NOT_RUN]


def _git_env() -> dict[str, str]:
    return {"GIT_AUTHOR_DATE": f"{TODAY.isoformat()}T12:00:00+0000", "GIT_COMMITTER_DATE": f"{TODAY.isoformat()}T12:00:00+0000"}


def _make_copy(root: Path) -> Path:
    """root/examples/dossiers: a git copy of the examples with the .gitignore `regie init` writes."""
    target = root / "examples" / "dossiers"
    shutil.copytree(EXAMPLES, target)
    shutil.copy(REPO / "templates" / "init" / "gitignore.j2", target / ".gitignore")
    env = {**os.environ, **_git_env()}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "voorbeeld"]):
        subprocess.run(["git", *args], cwd=target, check=True, capture_output=True, env=env)
    return target


def _state(repo: Path) -> tuple[str, str]:
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, check=True).stdout
    status = subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True, check=True).stdout
    return head, status


@pytest.fixture(scope="module")
def shared_copy(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("docs-home")
    (home / ".gitconfig").write_text("[user]\n\tname = Test\n\temail = test@example.invalid\n[init]\n\tdefaultBranch = main\n")
    old = {k: os.environ.get(k) for k in ("HOME", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM")}
    os.environ.update(HOME=str(home), GIT_CONFIG_GLOBAL=str(home / ".gitconfig"), GIT_CONFIG_NOSYSTEM="1")
    try:
        return _make_copy(tmp_path_factory.mktemp("docs-shared"))
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _run(cli, block: Block, repo: Path) -> None:
    for args, expected, raw in _commands(block):
        cwd = repo.parent.parent if args[:2] == ["-C", "examples/dossiers"] else repo
        r = cli(*args, cwd=cwd)
        assert r.code == expected, f"{block.id}: '{raw}' exited {r.code}, not {expected}:\n{r.err[-2000:]}"
        assert "Traceback" not in r.err and "interne fout" not in r.err, f"{block.id}: '{raw}':\n{r.err}"


@pytest.mark.parametrize("block", [b for b in RUNNABLE if b.kind == "sh"], ids=lambda b: b.id)
def test_read_only_example_works(cli, block, shared_copy):
    before = _state(shared_copy)
    _run(cli, block, shared_copy)
    assert _state(shared_copy) == before, f"{block.id} changed the dossier; mark it ```sh writes"


@pytest.mark.parametrize("block", [b for b in RUNNABLE if b.kind == "sh writes"], ids=lambda b: b.id)
def test_writing_example_works(cli, block, tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    _run(cli, block, _make_copy(tmp_path))


@pytest.mark.parametrize("block", [b for b in RUNNABLE if b.kind == "sh fresh"], ids=lambda b: b.id)
def test_fresh_example_works_on_a_new_init(cli, block, tmp_path, monkeypatch):
    """Issue 26, item 4: what the text says to do from an empty folder works there, with nothing left to fix."""
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    commands = _commands(block)
    assert commands[0][0][0] == "init", f"{block.id}: a ```sh fresh block starts with 'regie init'"
    folder = tmp_path / "netwerk"
    folder.mkdir()
    _run(cli, block, folder)
    r = cli("validate", cwd=folder)
    assert (r.code, r.out) == (0, ""), f"{block.id}: validate on the result:\n{r.out}{r.err}"


def test_there_is_a_fresh_example():
    assert [b for b in RUNNABLE if b.kind == "sh fresh"]
