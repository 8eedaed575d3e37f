"""Keys that follow the people, with real age keys (pyrage) and real git: rekey what you can, what waits for whom,
beheerders, and leaving the network in one step (``regie regisseur drop``)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import edit, git, make_keys

pyrage = pytest.importorskip("pyrage", reason="pyrage is a dependency of regie (pip install .)")

IDENTITY = "naam: Henk Visser\nbsn: \"111222333\"\n"
WHO = {"bakker": "a-bakker", "devries": "j-devries", "elhaddad": "m-elhaddad", "smits": "r-smits"}


@pytest.fixture
def keys(cli, tmp_path):
    """A real age key for each regisseur of the example network, and one for nobody in it."""
    return make_keys(cli, tmp_path / "keys", (*WHO, "buiten"))


@pytest.fixture
def repo(examples_repo, keys):
    """The examples with every regisseur's public key in regie.yaml, r-smits active again, no beheerders yet."""
    regie = examples_repo / "regie.yaml"
    text = regie.read_text().replace("    actief_tot: 2026-09-30\n", "")
    for who, rid in WHO.items():
        text = text.replace(f"  - id: {rid}\n", f"  - id: {rid}\n    age: {keys[who][1]}\n", 1)
    regie.write_text(text)
    git(examples_repo, "commit", "-qam", "sleutels")
    return examples_repo


def as_user(monkeypatch, keys, who):
    monkeypatch.setenv("REGIE_AGE_KEY_FILE", str(keys[who][0]))


def write_identity(cli, repo, monkeypatch, tmp_path, cid, text=IDENTITY):
    """``regie identity edit CID`` with an editor that types ``text``."""
    source = tmp_path / "next.yaml"
    source.write_text(text)
    script = tmp_path / "editor.py"
    script.write_text(f"import shutil, sys\nshutil.copyfile({str(source)!r}, sys.argv[-1])\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    r = cli("-C", str(repo), "identity", "edit", cid)
    assert r.code == 0, r


def shows(cli, repo, monkeypatch, keys, who, cid) -> bool:
    as_user(monkeypatch, keys, who)
    r = cli("-C", str(repo), "identity", "show", cid)
    assert r.code in (0, 1), r
    return r.code == 0 and r.out == IDENTITY


def set_beheerders(repo, *ids):
    regie = repo / "regie.yaml"
    regie.write_text(regie.read_text() + f"\nbeheerders: [{', '.join(ids)}]\n")
    git(repo, "commit", "-qam", "beheerders")


def test_encrypting_records_for_whom_in_plain_pseudonymous_data(cli, repo, keys, monkeypatch, tmp_path):
    as_user(monkeypatch, keys, "bakker")
    write_identity(cli, repo, monkeypatch, tmp_path, "2026-001")
    record = (repo / "casussen/2026-001/sleutels.yaml").read_text()
    assert record.splitlines()[2:] == ["versleuteld_voor:", "  - regisseur: a-bakker", f"    age: {keys['bakker'][1]}"]
    assert git(repo, "show", "--stat", "--format=", "HEAD").count("casussen/2026-001/") == 3  # one commit: both files and the search tokens
    assert "Henk" not in record
    assert cli("-C", str(repo), "validate", "2026-001").code == 0
    r = cli("-C", str(repo), "identity", "wachtend")
    assert (r.code, r.out, r.err) == (0, "", "alle identiteiten zijn versleuteld voor wie ze hoort te lezen\n")


def test_rekey_without_arguments_does_what_you_can_and_lists_the_rest(cli, repo, keys, monkeypatch, tmp_path):
    as_user(monkeypatch, keys, "bakker")
    write_identity(cli, repo, monkeypatch, tmp_path, "2026-001")
    write_identity(cli, repo, monkeypatch, tmp_path, "2026-007")
    as_user(monkeypatch, keys, "elhaddad")
    write_identity(cli, repo, monkeypatch, tmp_path, "2026-002")
    set_beheerders(repo, "j-devries")  # a beheerder joins: every identity must be encrypted to them too
    r = cli("-C", str(repo), "identity", "wachtend")
    assert (r.code, r.out) == (0, "casus 2026-001: wacht op a-bakker (kan ontsleutelen) om te versleutelen voor j-devries\n"
                                  "casus 2026-002: wacht op m-elhaddad (kan ontsleutelen) om te versleutelen voor j-devries\n"
                                  "casus 2026-007: wacht op a-bakker (kan ontsleutelen) om te versleutelen voor j-devries\n")
    assert r.err == "3 casussen wachten op opnieuw versleutelen\n"
    as_user(monkeypatch, keys, "bakker")
    head = git(repo, "rev-parse", "HEAD").strip()
    r = cli("-C", str(repo), "identity", "rekey")
    assert (r.code, r.out) == (0, ""), r
    assert r.err == ("2 identiteiten opnieuw versleuteld\n"
                     "waarschuwing: 1 identiteit kon je niet opnieuw versleutelen:\n"
                     "  casus 2026-002: wacht op m-elhaddad (kan ontsleutelen) om te versleutelen voor j-devries\n")
    assert git(repo, "rev-list", "--count", f"{head}..HEAD") == "1\n"
    assert git(repo, "log", "-1", "--format=%s") == "regie identity: identiteit van 2 casussen opnieuw versleuteld\n"
    assert shows(cli, repo, monkeypatch, keys, "devries", "2026-001") and shows(cli, repo, monkeypatch, keys, "devries", "2026-007")
    assert not shows(cli, repo, monkeypatch, keys, "devries", "2026-002")
    # again: nothing to do for bakker, the same one left
    as_user(monkeypatch, keys, "bakker")
    r = cli("-C", str(repo), "identity", "rekey")
    assert r.code == 0 and r.err.startswith("0 identiteiten opnieuw versleuteld, 2 al goed versleuteld\n"), r
    as_user(monkeypatch, keys, "elhaddad")
    r = cli("-C", str(repo), "identity", "rekey")
    assert (r.code, r.err) == (0, "1 identiteit opnieuw versleuteld, 2 al goed versleuteld\n"), r
    assert shows(cli, repo, monkeypatch, keys, "devries", "2026-002")
    assert cli("-C", str(repo), "identity", "wachtend").out == ""
    assert git(repo, "status", "--porcelain") == ""


def test_rekey_without_a_key_says_so(cli, repo, keys, monkeypatch, tmp_path):
    as_user(monkeypatch, keys, "bakker")
    write_identity(cli, repo, monkeypatch, tmp_path, "2026-001")
    set_beheerders(repo, "j-devries")
    missing = tmp_path / "geen.txt"
    monkeypatch.setenv("REGIE_AGE_KEY_FILE", str(missing))
    r = cli("-C", str(repo), "identity", "rekey")
    assert r.code == 1 and r.err.startswith(f"fout: geen sleutel gevonden in {missing}"), r


def test_handover_by_someone_who_cannot_read_records_what_waits_for_whom(cli, repo, keys, monkeypatch, tmp_path):
    as_user(monkeypatch, keys, "elhaddad")
    write_identity(cli, repo, monkeypatch, tmp_path, "2026-002")
    write_identity(cli, repo, monkeypatch, tmp_path, "2026-003")
    as_user(monkeypatch, keys, "bakker")  # A takes over C's cases, and cannot read them
    r = cli("-C", str(repo), "handover", "--van", "m-elhaddad", "--naar", "a-bakker", "--reden", "vertrek")
    assert r.code == 0, r
    waits = ("casus 2026-002: wacht op m-elhaddad (kan ontsleutelen) om te versleutelen voor a-bakker en m-elhaddad "
             "de toegang te ontnemen")
    assert f"waarschuwing: identiteit niet opnieuw versleuteld: {waits}\n" in r.err
    assert git(repo, "log", "-1", "--format=%s") == "regie handover: 3 casussen overgedragen aan een andere regisseur\n"
    assert cli("-C", str(repo), "identity", "wachtend").out.splitlines() == [waits, waits.replace("2026-002", "2026-003")]
    assert not shows(cli, repo, monkeypatch, keys, "bakker", "2026-002")
    as_user(monkeypatch, keys, "elhaddad")  # C does what is left
    r = cli("-C", str(repo), "identity", "rekey")
    assert (r.code, r.err) == (0, "2 identiteiten opnieuw versleuteld\n"), r
    assert shows(cli, repo, monkeypatch, keys, "bakker", "2026-002")
    assert not shows(cli, repo, monkeypatch, keys, "elhaddad", "2026-003")
    assert cli("-C", str(repo), "identity", "wachtend").out == ""


def test_handover_by_a_beheerder_reencrypts_at_once(cli, repo, keys, monkeypatch, tmp_path):
    set_beheerders(repo, "j-devries")
    as_user(monkeypatch, keys, "elhaddad")
    write_identity(cli, repo, monkeypatch, tmp_path, "2026-002")
    as_user(monkeypatch, keys, "devries")
    r = cli("-C", str(repo), "handover", "--van", "m-elhaddad", "--naar", "a-bakker", "--reden", "vertrek")
    assert r.code == 0 and "waarschuwing" not in r.err, r
    assert git(repo, "log", "-1", "--format=%s") == "regie identity: identiteit van 1 casus opnieuw versleuteld\n"
    assert shows(cli, repo, monkeypatch, keys, "bakker", "2026-002")
    assert not shows(cli, repo, monkeypatch, keys, "elhaddad", "2026-002")


def test_an_identity_from_before_the_record(cli, repo, keys, monkeypatch, tmp_path):
    as_user(monkeypatch, keys, "bakker")
    write_identity(cli, repo, monkeypatch, tmp_path, "2026-001")
    git(repo, "rm", "-q", "casussen/2026-001/sleutels.yaml")
    git(repo, "commit", "-qm", "zoals vroeger")
    r = cli("-C", str(repo), "identity", "wachtend")
    assert r.out == ("casus 2026-001: niet vastgelegd voor wie de identiteit versleuteld is (van vóór sleutels.yaml); wie "
                     "haar kan lezen draait 'regie identity rekey'\n")
    as_user(monkeypatch, keys, "elhaddad")
    r = cli("-C", str(repo), "identity", "rekey")
    assert r.code == 0 and "casus 2026-001: niet voor jouw sleutel versleuteld" in r.err, r
    as_user(monkeypatch, keys, "bakker")
    r = cli("-C", str(repo), "identity", "rekey")
    assert (r.code, r.err) == (0, "1 identiteit opnieuw versleuteld\n"), r
    assert (repo / "casussen/2026-001/sleutels.yaml").is_file()
    assert cli("-C", str(repo), "identity", "wachtend").out == ""


# ------------------------------------------------------------------ beheerders


def test_init_asks_for_a_beheerder_and_validate_warns_without_one(cli, tmp_path, keys):
    target = tmp_path / "netwerk"
    r = cli("init", str(target), "--naam", "Noord", "--regisseur-id", "r-jansen", "--regisseur-naam", "R. Jansen",
            "--beheerder", "teamleider")
    assert r.code == 0, r
    text = (target / "regie.yaml").read_text()
    assert "  - id: teamleider\n    naam: \"Teamleider (beheerder)\"\n" in text and "\nbeheerders: [teamleider]\n" in text
    assert cli("-C", str(target), "validate").code == 0
    bare = tmp_path / "kaal"
    assert cli("init", str(bare), "--naam", "Zuid").code == 0
    assert "\n# beheerders: [teamleider]\n" in (bare / "regie.yaml").read_text()
    edit(bare / "regie.yaml", "    naam: \"Regisseur\"\n", f"    naam: \"Regisseur\"\n    age: {keys['bakker'][1]}\n")
    r = cli("-C", str(bare), "validate")
    assert r.code == 0 and ("regie.yaml:9: [geen-beheerder] waarschuwing: geen beheerders: zet 'beheerders: [ID]' in "
                            "regie.yaml") in r.out, r


# ------------------------------------------------------------------ leaving in one step


def test_regisseur_add_keeps_comments_and_refuses_bad_input(cli, repo, keys):
    r = cli("-C", str(repo), "regisseur", "add", "s-nieuw", "--naam", "Sanne Nieuw", "--organisatie", "ggd",
            "--age", keys["buiten"][1])
    assert r.code == 0 and r.err.endswith("geen-beheerder] waarschuwing: geen beheerders: zet 'beheerders: [ID]' in regie.yaml, met de id van een sleutel die het netwerk houdt (bijv. de teamleider, met een age-sleutel); anders kan niemand een identiteit lezen als haar regisseur vertrekt of een sleutel kwijtraakt\nregisseur s-nieuw toegevoegd\n"), r
    text = (repo / "regie.yaml").read_text()
    assert "# Vertrokken: zijn casussen zijn met" in text  # the user's comment stays
    assert f"  - id: s-nieuw\n    naam: Sanne Nieuw\n    organisatie: ggd\n    age: {keys['buiten'][1]}\n" in text
    assert git(repo, "log", "-1", "--format=%s") == "regie regisseur: regisseur toegevoegd\n"
    assert git(repo, "status", "--porcelain") == ""
    r = cli("-C", str(repo), "regisseur", "add", "s-nieuw", "--naam", "Nog een")
    assert (r.code, r.err) == (1, "fout: regisseur 's-nieuw' staat al in regie.yaml\n")
    r = cli("-C", str(repo), "regisseur", "add", "x-y", "--naam", "X", "--age", "age1kapot")
    assert r.code == 2 and "--age: 'age1kapot' is geen publieke age-sleutel" in r.err, r


def install_hook(repo, tmp_path):
    """A pre-commit hook as pre-commit runs it: regie validate on the staged dossier files."""
    hook = repo / ".git/hooks/pre-commit"
    hook.write_text("#!/bin/sh\nfiles=$(git diff --cached --name-only --diff-filter=ACM)\n"
                    f"exec {sys.executable} -m regie validate $files\n")
    hook.chmod(0o755)


def test_drop_hands_over_reencrypts_and_commits_once_through_the_hook(cli, repo, keys, monkeypatch, tmp_path):
    set_beheerders(repo, "j-devries")
    as_user(monkeypatch, keys, "bakker")
    write_identity(cli, repo, monkeypatch, tmp_path, "2026-001")
    install_hook(repo, tmp_path)
    monkeypatch.setenv("REGIE_TODAY", "2026-11-26")
    # by hand, the date first (as the README said): the hook refuses it, the cases are still held
    edit(repo / "regie.yaml", "    organisatie: ggd\n", "    organisatie: ggd\n    actief_tot: 2026-11-20\n")
    done = subprocess.run(["git", "commit", "-qam", "vertrek"], cwd=repo, capture_output=True, text=True)
    assert done.returncode == 1 and "[regisseur-vertrokken]" in done.stdout + done.stderr
    git(repo, "checkout", "--", "regie.yaml")
    head = git(repo, "rev-parse", "HEAD").strip()
    r = cli("-C", str(repo), "regisseur", "drop", "a-bakker", "--per", "2026-11-20", "--naar", "m-elhaddad")
    assert r.code == 0, r
    assert r.out == "2026-001\n2026-007\n"
    assert r.err == ("a-bakker actief tot 2026-11-20; 2 casussen overgedragen aan m-elhaddad, 1 identiteit opnieuw versleuteld\n"
                     "a-bakker heeft de zoeksleutel nog: laat een beheerder op of na 2026-11-20 'regie zoek "
                     "--sleutel-vernieuwen' draaien\n")
    assert git(repo, "rev-list", "--count", f"{head}..HEAD") == "1\n"
    assert git(repo, "log", "-1", "--format=%s") == "regie regisseur: regisseur vertrekt per 2026-11-20, 2 casussen overgedragen\n"
    assert sorted(git(repo, "show", "--name-only", "--format=", "HEAD").split()) == [
        "casussen/2026-001/casus.yaml", "casussen/2026-001/identiteit.yaml.age", "casussen/2026-001/sleutels.yaml",
        "casussen/2026-001/verstrekkingen.yaml", "casussen/2026-007/casus.yaml", "casussen/2026-007/verstrekkingen.yaml",
        "regie.yaml"]  # the cases go from a regisseur of the GGD to one of the wijkteam: a verstrekking each
    assert "  - id: a-bakker\n    age: " in (repo / "regie.yaml").read_text()
    assert "    actief_tot: 2026-11-20\n" in (repo / "regie.yaml").read_text()
    casus = (repo / "casussen/2026-001/casus.yaml").read_text()
    assert "regisseur: m-elhaddad" in casus and "reden: regisseur vertrekt per 2026-11-20" in casus
    assert shows(cli, repo, monkeypatch, keys, "elhaddad", "2026-001")
    assert not shows(cli, repo, monkeypatch, keys, "bakker", "2026-001")
    r = cli("-C", str(repo), "validate")
    assert r.code == 0 and "regisseur-vertrokken" not in r.out
    assert git(repo, "status", "--porcelain") == ""


def test_drop_by_someone_without_access_leaves_the_rekey_waiting(cli, repo, keys, monkeypatch, tmp_path):
    as_user(monkeypatch, keys, "elhaddad")
    write_identity(cli, repo, monkeypatch, tmp_path, "2026-002")
    as_user(monkeypatch, keys, "buiten")
    r = cli("-C", str(repo), "regisseur", "drop", "m-elhaddad", "--per", "2026-12-31", "--naar", "a-bakker",
            "--reden", "nieuwe baan")
    assert r.code == 0, r
    assert r.err.endswith("waarschuwing: identiteit niet opnieuw versleuteld: casus 2026-002: wacht op m-elhaddad (kan "
                          "ontsleutelen) om te versleutelen voor a-bakker en m-elhaddad de toegang te ontnemen\n"
                          "m-elhaddad heeft de zoeksleutel nog: laat een beheerder op of na 2026-12-31 'regie zoek "
                          "--sleutel-vernieuwen' draaien\n"), r
    assert "reden: nieuwe baan" in (repo / "casussen/2026-002/casus.yaml").read_text()
    as_user(monkeypatch, keys, "elhaddad")  # still before the date: the one leaving does the rest
    assert cli("-C", str(repo), "identity", "rekey").code == 0
    assert shows(cli, repo, monkeypatch, keys, "bakker", "2026-002")


def test_drop_refusals(cli, repo, keys):
    set_beheerders(repo, "j-devries")
    head = git(repo, "rev-parse", "HEAD")
    r = cli("-C", str(repo), "regisseur", "drop", "j-devries", "--per", "2026-12-31", "--naar", "a-bakker")
    assert (r.code, r.err) == (1, "fout: j-devries is beheerder: zet eerst een andere beheerder in regie.yaml (beheerders) "
                                  "en haal j-devries daaruit, dan blijft elke identiteit leesbaar voor het netwerk\n")
    r = cli("-C", str(repo), "regisseur", "drop", "a-bakker", "--per", "2026-12-31", "--naar", "a-bakker")
    assert (r.code, r.err) == (2, "fout: --naar: wie de casussen krijgt is dezelfde regisseur als wie vertrekt\n")
    r = cli("-C", str(repo), "regisseur", "drop", "a-bakker", "--per", "2026-12-31", "--naar", "niemand")
    assert r.code == 2 and r.err.startswith("fout: --naar: onbekende regisseur 'niemand' (bekend in regie.yaml: ")
    assert git(repo, "rev-parse", "HEAD") == head and git(repo, "status", "--porcelain") == ""


def test_regisseur_vertrokken_only_after_the_date_with_cases_held(cli, repo):
    edit(repo / "regie.yaml", "    organisatie: ggd\n", "    organisatie: ggd\n    actief_tot: 2026-11-26\n")
    assert "regisseur-vertrokken" not in cli("-C", str(repo), "--today", "2026-11-26", "validate").out
    assert "[regisseur-vertrokken]" in cli("-C", str(repo), "--today", "2026-11-27", "validate").out
