"""Identity is record-keeping: it stays possible on a closed case (issue 26, item 6; see tests/test_closed_case.py)."""

from __future__ import annotations

from conftest import git
from test_identity import IDENTITY, as_user, editor, keys, private_tmp, repo  # noqa: F401 - fixtures

CLOSED = "2026-008"  # gesloten in the example network; regisseur j-devries, also the beheerder


def test_identity_edit_and_rekey_go_on_in_a_closed_case(cli, repo, keys, editor, monkeypatch):  # noqa: F811
    assert "status: gesloten" in (repo / f"casussen/{CLOSED}/casus.yaml").read_text("utf-8")
    as_user(monkeypatch, keys, "devries")
    editor.write_text(IDENTITY)
    r = cli("-C", str(repo), "identity", "edit", CLOSED)
    assert r.code == 0, r
    assert git(repo, "log", "-1", "--format=%s") == f"regie identity: identiteit van casus {CLOSED} bijgewerkt\n"
    r = cli("-C", str(repo), "identity", "rekey", CLOSED)
    assert r.code == 0, r
    assert "casuswerk" not in r.err
    assert cli("-C", str(repo), "identity", "show", CLOSED).out == IDENTITY
