"""Completion (issue 12, item 8): case ids, afspraak and doel ids, betrokkenen, regisseurs, organisations,
leefgebieden and statuses from the repository, through the shell protocol of the installed program."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES, run_regie


def complete(words: str, cwd=EXAMPLES, shell: str = "bash") -> list[str]:
    parts = words.split()
    cword = len(parts) if words.endswith(" ") else len(parts) - 1
    r = run_regie(cwd=cwd, env={"_REGIE_COMPLETE": f"complete_{shell}", "COMP_WORDS": words, "COMP_CWORD": str(cword)})
    assert r.returncode == 0, r.stderr
    return r.stdout.split()


@pytest.mark.parametrize("words, expected", [
    ("regie show 2026-00", ["2026-001", "2026-002", "2026-003", "2026-004", "2026-005", "2026-006", "2026-007", "2026-008", "2026-009"]),
    ("regie sh", ["show", "share"]),
    ("regie afspraak done 2026-001 ", ["A1", "A2", "A3", "A4"]),
    ("regie afspraak add 2026-001 --doel ", ["D1", "D2", "D3"]),
    ("regie doel done 2026-002 D", ["D1", "D2", "D3", "D4", "D5"]),
    ("regie overdue --regisseur ", ["a-bakker", "m-elhaddad", "j-devries", "r-smits"]),
    ("regie betrokkene add 2026-001 --organisatie w", ["wijkteam", "woonstad"]),
    ("regie doel add 2026-001 --leefgebied f", ["financien"]),
    ("regie list --status u", ["uitvoering"]),
    ("regie list --format ", ["text", "json"]),
    ("regie afspraak add 2026-001 --wie b", ["broer"]),
    ("regie escalate 2026-006 --over g", ["ggd", "ggz-delta"]),
    ("regie handover 2026-001 --naar v", ["veilig-thuis"]),
])
def test_completion_from_the_repository(words, expected):
    assert complete(words) == expected


def test_completion_follows_dash_c_and_says_nothing_outside_a_repository(tmp_path):
    assert complete(f"regie -C {EXAMPLES} show 2025", cwd=tmp_path) == ["2025-014"]
    assert complete("regie show 20", cwd=tmp_path) == []  # no repository here: no ids, no error
    assert complete("regie afspraak done nope ") == []


def test_zsh_gets_the_same_ids():
    out = run_regie(cwd=EXAMPLES, env={"_REGIE_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "regie show 2025"})
    assert out.returncode == 0 and "2025-014" in out.stdout, out
