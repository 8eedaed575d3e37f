"""The encrypted identity, with real age keys (pyrage): who can read it, who cannot, and nothing left in plain text."""

from __future__ import annotations

import stat
import subprocess
import sys

import pytest
from conftest import edit, git, make_keys

pyrage = pytest.importorskip("pyrage", reason="pyrage is a dependency of regie (pip install .)")

C = "casussen/2026-001"
IDENTITY = """naam: Henk Visser
bsn: "111222333"
geboortedatum: 1961-07-14
adres:
  straat: Havenstraat
  huisnummer: 12
  postcode: 3011 AB
  plaats: Zuiderhaven
telefoon: 06-12345678
email: null
huishouden: []
naasten:
  - naam: Kees Visser
    relatie: broer
    betrokkene: broer
"""


@pytest.fixture
def keys(cli, tmp_path):
    """Real age keys: bakker (regisseur of 2026-001), devries (beheerder), elhaddad (another regisseur), buiten (nobody)."""
    return make_keys(cli, tmp_path / "keys", ("bakker", "devries", "elhaddad", "buiten"))


@pytest.fixture
def repo(examples_repo, keys):
    regie = examples_repo / "regie.yaml"
    text = regie.read_text()
    for who, rid in (("bakker", "a-bakker"), ("devries", "j-devries"), ("elhaddad", "m-elhaddad")):
        text = text.replace(f"  - id: {rid}\n", f"  - id: {rid}\n    age: {keys[who][1]}\n", 1)
    regie.write_text(text + "\nbeheerders: [j-devries]\n")
    git(examples_repo, "commit", "-qam", "sleutels")
    return examples_repo


def as_user(monkeypatch, keys, who):
    monkeypatch.setenv("REGIE_AGE_KEY_FILE", str(keys[who][0]))


@pytest.fixture(autouse=True)
def private_tmp(tmp_path, monkeypatch):
    """The folder in which private edit folders are made (tempfile's), of this test only."""
    import tempfile

    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def nothing_left(repo, private_tmp) -> bool:
    """No private edit folder left, and no record of one."""
    return not (repo / ".git/regie/bewerken").exists() and not list(private_tmp.iterdir())


@pytest.fixture
def editor(tmp_path, monkeypatch):
    """$EDITOR: a small program that copies tmp_path/next.yaml over the file it is given (as a person would type it)."""
    source = tmp_path / "next.yaml"
    script = tmp_path / "editor.py"
    script.write_text(f"import shutil, sys\nshutil.copyfile({str(source)!r}, sys.argv[-1])\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    return source


def test_keygen_makes_a_private_key_and_refuses_to_overwrite(cli, keys):
    path, public = keys["bakker"]
    assert public.startswith("age1") and len(public) == 62
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "AGE-SECRET-KEY-" in path.read_text()
    r = cli("keygen", "-o", str(path))
    assert (r.code, r.err) == (1, f"fout: er staat al een sleutel in {path}; die wordt niet overschreven\n")


def test_edit_encrypts_commits_and_leaves_nothing_in_plain_text(cli, repo, keys, editor, monkeypatch, private_tmp):
    as_user(monkeypatch, keys, "bakker")
    editor.write_text(IDENTITY)
    r = cli("-C", str(repo), "identity", "edit", "2026-001")
    assert r.code == 0, r
    path = repo / C / "identiteit.yaml.age"
    assert path.read_bytes().startswith(b"age-encryption.org/v1\n")
    assert git(repo, "log", "-1", "--format=%s") == "regie identity: identiteit van casus 2026-001 bijgewerkt\n"
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == ""
    assert nothing_left(repo, private_tmp)
    # no decrypted byte in the work tree or in any git object
    history = subprocess.run(["git", "log", "--all", "-p", "--no-textconv", "--binary"], cwd=repo, capture_output=True,
                             check=True).stdout
    for secret in ("Henk Visser", "111222333", "Havenstraat"):
        assert secret.encode() not in history
        assert not [p for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts and secret.encode() in p.read_bytes()]
    assert cli("-C", str(repo), "identity", "show", "2026-001").out == IDENTITY
    # the beheerder reads it too; another regisseur and an outsider do not
    as_user(monkeypatch, keys, "devries")
    assert cli("-C", str(repo), "identity", "show", "2026-001").out == IDENTITY
    for who in ("elhaddad", "buiten"):
        as_user(monkeypatch, keys, who)
        r = cli("-C", str(repo), "identity", "show", "2026-001")
        assert (r.code, r.out) == (1, "")
        assert r.err == (f"fout: {C}/identiteit.yaml.age: is niet versleuteld voor jouw sleutel; vraag de regisseur of een "
                         "beheerder om 'regie identity rekey' nadat je publieke sleutel in regie.yaml staat\n")
    # validate, reports and CI need no key at all
    monkeypatch.setenv("REGIE_AGE_KEY_FILE", str(repo / "geen-sleutel.txt"))
    assert cli("-C", str(repo), "validate").code == 0


def test_without_a_key_identity_says_why(cli, repo, keys, editor, monkeypatch):
    as_user(monkeypatch, keys, "bakker")
    editor.write_text(IDENTITY)
    assert cli("-C", str(repo), "identity", "edit", "2026-001").code == 0
    missing = repo.parent / "nergens.txt"
    monkeypatch.setenv("REGIE_AGE_KEY_FILE", str(missing))
    r = cli("-C", str(repo), "identity", "show", "2026-001")
    assert (r.code, r.err) == (1, f"fout: geen sleutel gevonden in {missing} (of via REGIE_AGE_KEY_FILE); maak er een met "
                                  "'regie keygen' en laat je publieke sleutel in regie.yaml zetten, dan kan een beheerder de "
                                  "casus voor je versleutelen\n")


def test_invalid_edit_is_refused_with_file_and_line_and_nothing_written(cli, repo, keys, editor, monkeypatch,
                                                                       private_tmp):
    """The editor saves the same wrong text again when reopened: the edit stops; the message quotes no value."""
    as_user(monkeypatch, keys, "bakker")
    editor.write_text(IDENTITY.replace('bsn: "111222333"', 'bsn: "12345"'))
    head = git(repo, "rev-parse", "HEAD")
    r = cli("-C", str(repo), "identity", "edit", "2026-001")
    assert (r.code, r.err) == (1, f"fout: {C}/identiteit.yaml:2: bsn: ongeldige waarde (waarde niet getoond) (negen cijfers, "
                                  "zonder punten of spaties); niets opgeslagen\n")
    assert git(repo, "rev-parse", "HEAD") == head and not (repo / C / "identiteit.yaml.age").exists()
    assert nothing_left(repo, private_tmp)


def test_handover_reencrypts_for_the_new_regisseur(cli, repo, keys, editor, monkeypatch):
    as_user(monkeypatch, keys, "bakker")
    editor.write_text(IDENTITY)
    assert cli("-C", str(repo), "identity", "edit", "2026-001").code == 0
    r = cli("-C", str(repo), "handover", "2026-001", "--naar", "m-elhaddad", "--reden", "verlof")
    assert r.code == 0, r
    assert git(repo, "log", "-2", "--format=%s").splitlines() == [
        "regie identity: identiteit van 1 casus opnieuw versleuteld", "regie handover: casus 2026-001 overgedragen"]
    as_user(monkeypatch, keys, "elhaddad")
    assert cli("-C", str(repo), "identity", "show", "2026-001").out == IDENTITY
    as_user(monkeypatch, keys, "bakker")  # no longer the regisseur, not a beheerder
    assert cli("-C", str(repo), "identity", "show", "2026-001").code == 1


def test_missing_recipient_key_and_bad_files(cli, repo, keys, editor, monkeypatch):
    as_user(monkeypatch, keys, "elhaddad")
    edit(repo / "regie.yaml", f"    age: {keys['elhaddad'][1]}\n", "")
    git(repo, "commit", "-qam", "sleutel weg")
    r = cli("-C", str(repo), "identity", "edit", "2026-002")
    assert (r.code, r.err) == (1, "fout: geen age-sleutel in regie.yaml voor m-elhaddad: voeg 'age: age1...' toe bij die "
                                  "regisseur ('regie keygen' maakt een sleutel)\n")
    edit(repo / "regie.yaml", "beheerders: [j-devries]", "beheerders: [j-devries]\n")
    edit(repo / "regie.yaml", f"    age: {keys['devries'][1]}", "    age: age1nietgeldig")
    r = cli("-C", str(repo), "validate")
    assert r.code == 1 and "regie.yaml:" in r.out and "[schema] regisseurs[3].age: ongeldige waarde 'age1nietgeldig'" in r.out
    git(repo, "checkout", "--", "regie.yaml")
    (repo / C / "identiteit.yaml.age").write_bytes(b"age-encryption.org/v1\n-> X25519 kapot\n")
    (repo / "casussen/2026-002/identiteit.yaml").write_text("naam: Open Baar\n")
    r = cli("-C", str(repo), "validate")
    assert r.out.splitlines()[:1] == ["casussen/2026-002/identiteit.yaml: [identiteit-onversleuteld] identiteitsgegevens staan "
                                      "hier onversleuteld; versleutel ze met 'regie identity edit' en verwijder dit bestand "
                                      "(ook uit de geschiedenis)"]
    as_user(monkeypatch, keys, "bakker")
    r = cli("-C", str(repo), "identity", "show", "2026-001")
    assert (r.code, r.err) == (1, f"fout: {C}/identiteit.yaml.age: kan niet ontsleuteld worden: het bestand is beschadigd\n")
    (repo / C / "identiteit.yaml.age").write_bytes(b"gewoon tekst\n")
    r = cli("-C", str(repo), "validate", "2026-001")
    assert f"{C}/identiteit.yaml.age: [identiteit] is geen age-bestand (beschadigd, of niet versleuteld?)" in r.out


def test_git_diff_shows_the_identity_only_with_a_key(cli, repo, keys, editor, monkeypatch):
    as_user(monkeypatch, keys, "bakker")
    assert cli("-C", str(repo), "setup").code == 0
    editor.write_text(IDENTITY)
    assert cli("-C", str(repo), "identity", "edit", "2026-001").code == 0
    editor.write_text(IDENTITY.replace("06-12345678", "06-87654321"))
    assert cli("-C", str(repo), "identity", "edit", "2026-001").code == 0
    diff = git(repo, "log", "-1", "-p", "--textconv", "--format=")
    assert "-telefoon: 06-12345678" in diff and "+telefoon: 06-87654321" in diff
    shown = git(repo, "show", "--textconv", f"HEAD:{C}/identiteit.yaml.age")
    assert "telefoon: 06-87654321" in shown
    monkeypatch.setenv("REGIE_AGE_KEY_FILE", str(keys["buiten"][0]))
    shown = git(repo, "show", "--textconv", f"HEAD:{C}/identiteit.yaml.age")
    assert shown == "(versleutelde identiteit; geen sleutel om die te tonen)\n"


def test_handing_over_all_cases_of_a_regisseur_reencrypts_their_identities(cli, repo, keys, editor, monkeypatch):
    as_user(monkeypatch, keys, "bakker")
    editor.write_text(IDENTITY)
    assert cli("-C", str(repo), "identity", "edit", "2026-001").code == 0
    r = cli("-C", str(repo), "handover", "--van", "a-bakker", "--naar", "m-elhaddad", "--reden", "vertrek")
    assert (r.code, r.out) == (0, "2026-001\n2026-007\n"), r
    assert git(repo, "log", "-2", "--format=%s").splitlines() == [
        "regie identity: identiteit van 1 casus opnieuw versleuteld",
        "regie handover: 2 casussen overgedragen aan een andere regisseur"]
    as_user(monkeypatch, keys, "elhaddad")
    assert cli("-C", str(repo), "identity", "show", "2026-001").out == IDENTITY
