"""Core messages name the thing, the command line adds the flag.

The core (everything outside ``regie/cli`` and ``regie/commands``) says what is wrong in Dutch
("de reden mag niet leeg zijn") and puts the name of the input on the error (``field="reden"``);
the one error boundary in ``regie.cli.app`` shows the flag the user typed in front of it
("--reden: de reden mag niet leeg zijn"). This test fails when a string literal of the core names a
command-line flag, with these exceptions:

- advice that quotes a whole command for the user to type: ``'regie meldcode 2026-001 --stap 1'``,
  ``'git rebase --continue'`` (a quoted span starting with ``regie`` or ``git``);
- arguments for a program that regie runs: a literal that is one flag (``"--porcelain=v1"``);
- the label of :func:`regie.store.transaction.exclusive`, which names the running command in the lock
  (``exclusive("handover --van")``, shown as "regie handover --van");
- docstrings (documentation for the developer, not messages).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

REGIE = Path(__file__).resolve().parent.parent / "regie"
FLAG = re.compile(r"(?<![\w-])--[a-z]")
PROGRAM_ARGUMENT = re.compile(r"^--[a-z][\w-]*(=.*)?$", re.S)
QUOTED_COMMAND = re.compile(r"'(?:regie|git)\b[^']*'")


def _text(node: ast.AST) -> str:
    """A string literal's text; an f-string's placeholders as ``{}``."""
    if isinstance(node, ast.Constant):
        return node.value
    return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)  # type: ignore[attr-defined]


def _skipped(tree: ast.AST) -> set[int]:
    """ids of literal nodes that are no message: docstrings, parts of f-strings, labels of ``exclusive``."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skip.add(id(first.value))
        elif isinstance(node, ast.JoinedStr):
            skip.update(id(v) for v in node.values)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "exclusive":
            skip.update(id(a) for a in node.args)
    return skip


def flag_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _skipped(tree)
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            text = _text(node)
            if PROGRAM_ARGUMENT.match(text):
                continue
            if FLAG.search(QUOTED_COMMAND.sub("", text)):
                found.append(f"{path.relative_to(REGIE.parent)}:{node.lineno}: {text!r}")
    return found


def core_modules() -> list[Path]:
    return sorted(p for p in REGIE.rglob("*.py") if p.relative_to(REGIE).parts[0] not in ("cli", "commands"))


def test_core_messages_name_no_flags():
    found = [hit for path in core_modules() for hit in flag_literals(path)]
    assert found == [], "the core names the thing and sets field=...; the command line adds the flag:\n" + "\n".join(found)


def test_the_check_sees_a_flag(tmp_path):
    # the test above would pass on anything if it saw nothing: it does see a flag in a message
    module = tmp_path / "m.py"
    module.write_text('"""Doc with --flag."""\n'
                      'def f(x):\n'
                      '    run("--porcelain=v1", f"--before={x} 23:59:59")\n'
                      '    warn(f"leg het vast met \'regie meldcode {x} --stap 1\'")\n'
                      '    raise UsageError(f"--reden mag niet leeg zijn ({x})")\n', encoding="utf-8")
    global REGIE
    old, REGIE = REGIE, tmp_path.parent
    try:
        assert [hit.split(": ", 1)[1] for hit in flag_literals(module)] == ["'--reden mag niet leeg zijn ({})'"]
    finally:
        REGIE = old


def test_the_command_line_puts_the_flag_before_a_core_error():
    import typer

    from regie.cli.app import with_flags
    from regie.errors import UsageError

    app = typer.Typer()
    group = typer.Typer()

    @group.command("add")
    def add(betrokkene_id: str = typer.Option(None, "--id"), organisatie: str = typer.Option(None, "--organisatie")):
        pass

    @app.callback()
    def main(today: str = typer.Option(None, "--today")):
        pass

    app.add_typer(group, name="betrokkene")
    command = typer.main.get_command(app)
    argv = ["--today", "2026-01-01", "betrokkene", "add", "--id", "x"]
    assert with_flags(UsageError("de id is ongeldig", field="betrokkene_id"), command, argv) == "--id: de id is ongeldig"
    assert with_flags(UsageError("a en b", field=("organisatie", "today")), command, argv) == "--organisatie, --today: a en b"
    assert with_flags(UsageError("geen flag"), command, argv) == "geen flag"
    # a name the command does not have: the name as a flag, so the user still sees which input it is
    assert with_flags(UsageError("x", field="melder_rol"), command, argv) == "--melder-rol: x"
