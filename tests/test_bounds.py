"""Bounds everywhere input enters (issue 29, items 9, 11 and 12): one bounded YAML reader for validate, every
read command, every edit and the merge driver; files over the size, lists over the number of records, aliases
and deep nesting are a Dutch message with the file and a non-zero exit; YAML errors name the line of the fault."""

from __future__ import annotations

import pytest
from conftest import git, write_tree

from regie.errors import DossierInvalid
from regie.formats.yamlio import parse_yaml
from regie.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_RECORDS

C = "casussen/2026-001"
AFSPRAKEN = f"{C}/afspraken.yaml"
BASE = "afspraken:\n  - id: A1\n    wat: een\n    status: open\n"
# Nine levels of nine aliases: a billion "lol"s once expanded, 600 bytes as text.
LAUGHS = 'lol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"lol{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]\n" for n in range(1, 10))
DEEP_FLOW = "x: " + "[" * 50_000 + "]" * 50_000 + "\n"
DEEP_BLOCK = "x:\n" + "- " * 50_000 + "a\n"


def _no_traceback(r) -> None:
    assert "Traceback" not in r.err + r.out


def _merge(cli, tmp_path, theirs: str, ours: str | None = None):
    """``regie merge-file %O %A %B %P`` as git calls it; the file %A after it."""
    files = {}
    for name, text in (("O", BASE), ("A", ours if ours is not None else BASE.replace("een", "een (hier)")), ("B", theirs)):
        files[name] = tmp_path / name
        files[name].write_text(text, encoding="utf-8")
    r = cli("merge-file", str(files["O"]), str(files["A"]), str(files["B"]), AFSPRAKEN)
    _no_traceback(r)
    return r, files["A"].read_text(encoding="utf-8")


LINE_MERGE = "; niet per record samengevoegd maar per regel, zoals git dat doet: controleer het bestand\n"


def test_merge_driver_refuses_a_billion_laughs_without_expanding_it(cli, tmp_path):
    r, merged = _merge(cli, tmp_path, BASE + LAUGHS)
    assert r.code == 1
    assert r.err == (f"fout: {AFSPRAKEN}:6: ongeldige YAML: alias '*l0' wordt niet ondersteund in een dossierbestand; "
                     "schrijf de waarde uit (andere kant)" + LINE_MERGE)
    # git's line merge: both changes, the aliases as text, nothing expanded
    assert merged == BASE.replace("een", "een (hier)") + LAUGHS


@pytest.mark.parametrize("deep, line", [(DEEP_FLOW, 5), (DEEP_BLOCK, 6)], ids=["flow", "block"])
def test_merge_driver_refuses_nesting_50000_deep(cli, tmp_path, deep, line):
    r, merged = _merge(cli, tmp_path, BASE + deep)
    assert r.code == 1
    assert r.err == (f"fout: {AFSPRAKEN}:{line}: ongeldige YAML: te diep genest (meer dan {MAX_DEPTH} lijsten of blokken "
                     "in elkaar) (andere kant)" + LINE_MERGE)
    assert merged == BASE.replace("een", "een (hier)") + deep


def test_merge_driver_refuses_a_side_over_the_size_unread(cli, tmp_path):
    big = BASE + "".join(f"  - id: A{n}\n    wat: {'x' * 200}\n    status: open\n" for n in range(2, 20_000))
    r, merged = _merge(cli, tmp_path, "# van de andere kant\n" + BASE, ours=big)
    assert r.code == 1
    size = f"{len(big.encode()) / 1024 / 1024:.1f}".replace(".", ",")
    assert r.err == (f"fout: {AFSPRAKEN}: bestand is te groot ({size} MB; regie leest dossierbestanden tot 4 MB) "
                     "en heeft het niet gelezen (deze kant)" + LINE_MERGE)
    assert merged == "# van de andere kant\n" + big


# Budget: one real git merge that starts the installed regie as its merge driver (a subprocess); about 3 s.
@pytest.mark.slow
def test_git_merge_with_the_driver_refuses_a_billion_laughs(cli, git_dossier):
    import subprocess

    write_tree(git_dossier, {".gitattributes": "casussen/*/afspraken.yaml merge=regie\n"})
    git(git_dossier, "add", ".gitattributes")
    git(git_dossier, "commit", "-qm", "driver")
    assert cli("-C", str(git_dossier), "setup").code == 0
    path = git_dossier / AFSPRAKEN
    original = path.read_text(encoding="utf-8")
    git(git_dossier, "switch", "-qc", "ander")
    path.write_text(original + LAUGHS, encoding="utf-8")
    git(git_dossier, "commit", "-qam", "aliassen")
    git(git_dossier, "switch", "-q", "main")
    path.write_text(original.replace("wat: Post openen", "wat: Post openen en sorteren"), encoding="utf-8")
    git(git_dossier, "commit", "-qam", "hier")
    r = subprocess.run(["git", "merge", "-q", "ander"], cwd=git_dossier, capture_output=True, text=True, timeout=60)
    assert r.returncode == 1
    assert (f"fout: {AFSPRAKEN}:17: ongeldige YAML: alias '*l0' wordt niet ondersteund in een dossierbestand; "
            "schrijf de waarde uit (andere kant)" + LINE_MERGE) in r.stderr
    assert "Traceback" not in r.stderr
    assert git(git_dossier, "diff", "--name-only", "--diff-filter=U") == f"{AFSPRAKEN}\n"  # git stops for the user
    assert path.read_text(encoding="utf-8") == original.replace("wat: Post openen", "wat: Post openen en sorteren") + LAUGHS


def test_merge_driver_still_merges_what_is_within_the_bounds(cli, tmp_path):
    r, merged = _merge(cli, tmp_path, BASE + "  - id: A2\n    wat: twee\n    status: open\n")
    assert (r.code, r.err) == (0, "")
    assert merged == "afspraken:\n  - id: A1\n    wat: een (hier)\n    status: open\n  - id: A2\n    wat: twee\n    status: open\n"


@pytest.mark.parametrize("deep, line", [(LAUGHS, 17), (DEEP_FLOW, 16), (DEEP_BLOCK, 17)], ids=["laughs", "flow", "block"])
def test_validate_refuses_laughs_and_deep_nesting(cli, dossier, deep, line):
    path = dossier / AFSPRAKEN
    path.write_text(path.read_text(encoding="utf-8") + deep, encoding="utf-8")
    r = cli("-C", str(dossier), "validate")
    _no_traceback(r)
    assert r.code == 1
    what = ("alias '*l0' wordt niet ondersteund in een dossierbestand; schrijf de waarde uit" if deep is LAUGHS else
            f"te diep genest (meer dan {MAX_DEPTH} lijsten of blokken in elkaar)")
    assert r.out.splitlines()[0] == f"{AFSPRAKEN}:{line}: [yaml] ongeldige YAML: {what}"


def test_nesting_up_to_the_maximum_is_read(cli, dossier):
    ok = "".join(" " * n + f"k{n}:\n" for n in range(MAX_DEPTH - 1)) + " " * (MAX_DEPTH - 1) + "end: 1\n"
    too_deep = "".join(" " * n + f"k{n}:\n" for n in range(MAX_DEPTH)) + " " * MAX_DEPTH + "end: 1\n"
    assert parse_yaml(ok, "x.yaml")["k0"]["k1"]["k2"] is not None
    with pytest.raises(DossierInvalid) as caught:
        parse_yaml(too_deep, "x.yaml")
    assert (caught.value.line, caught.value.message) == (  # the line of the level one too many
        MAX_DEPTH + 1, f"ongeldige YAML: te diep genest (meer dan {MAX_DEPTH} lijsten of blokken in elkaar)")


def _oversize_plan(dossier) -> int:
    path = dossier / C / "plan.md"
    text = path.read_text(encoding="utf-8") + ("Een regel tekst in het plan van aanpak.\n" * 120_000)
    path.write_text(text, encoding="utf-8")
    assert len(text.encode()) > MAX_FILE_BYTES
    return len(text.encode())


TOO_BIG = f"{C}/plan.md: [te-groot] bestand is te groot (4,6 MB; regie leest dossierbestanden tot 4 MB) en heeft het niet gelezen"


def test_validate_refuses_a_file_over_the_size(cli, dossier):
    _oversize_plan(dossier)
    r = cli("-C", str(dossier), "--today", "2026-07-01", "validate")
    _no_traceback(r)
    assert (r.code, r.out) == (1, TOO_BIG + "\n")
    assert r.err == "1 casus gecontroleerd: 1 fout, 0 waarschuwingen\n"


def test_read_command_skips_a_file_over_the_size_and_names_it(cli, dossier):
    _oversize_plan(dossier)
    r = cli("-C", str(dossier), "--today", "2026-07-01", "list")
    _no_traceback(r)
    assert r.code == 0
    assert r.err == ("waarschuwing: 1 bestand overgeslagen omdat ze ongeldig zijn (zie 'regie validate'): "
                     f"{C}/plan.md\n1 casus\n")
    assert r.out.splitlines()[1].startswith("2026-001  uitvoering")


def test_mutation_refuses_a_file_over_the_size_and_changes_nothing(cli, git_dossier):
    path = git_dossier / AFSPRAKEN
    path.write_text(path.read_text(encoding="utf-8") + "".join(
        f"  - id: A{n}\n    wat: {'x' * 100}\n    wie: pro\n    gemaakt: 2026-03-01\n    deadline: 2026-12-01\n    status: open\n"
        for n in range(3, 40_000)), encoding="utf-8")
    git(git_dossier, "commit", "-qam", "veel")
    head = git(git_dossier, "rev-parse", "HEAD")
    r = cli("-C", str(git_dossier), "--today", "2026-05-01", "afspraak", "add", "2026-001", "--wat", "Bellen", "--wie", "pro",
            "--deadline", "2026-12-01")
    _no_traceback(r)
    assert r.code == 1
    assert r.err.startswith(f"fout: {AFSPRAKEN}: bestand is te groot (")
    assert r.err.endswith("; regie leest dossierbestanden tot 4 MB) en heeft het niet gelezen\n")
    assert git(git_dossier, "rev-parse", "HEAD") == head
    assert git(git_dossier, "status", "--porcelain") == ""


def _agreements(n: int) -> str:
    return "afspraken:\n" + "".join(
        f"  - id: A{i}\n    wat: Bellen\n    wie: pro\n    gemaakt: 2026-03-01\n    deadline: 2026-12-01\n    status: open\n"
        for i in range(1, n + 1))


# Budget: one case with the real maximum of agreements (5,000, 600 kB), read once; about 3 s here, 7 s on a busy machine.
@pytest.mark.slow
def test_afspraak_add_refuses_at_the_maximum_and_changes_nothing(cli, git_dossier):
    write_tree(git_dossier, {AFSPRAKEN: _agreements(MAX_RECORDS)})
    git(git_dossier, "commit", "-qam", "het maximum")
    head = git(git_dossier, "rev-parse", "HEAD")
    r = cli("-C", str(git_dossier), "--today", "2026-05-01", "afspraak", "add", "2026-001", "--wat", "Nog een", "--wie", "pro",
            "--deadline", "2026-12-01")
    _no_traceback(r)
    assert (r.code, r.err) == (1, f"fout: {AFSPRAKEN}: 'afspraken' heeft al {MAX_RECORDS} records, het maximum per bestand; "
                                  "er kan geen afspraak meer bij\n")
    assert git(git_dossier, "rev-parse", "HEAD") == head
    assert git(git_dossier, "status", "--porcelain") == ""


def test_validate_and_edits_name_a_list_over_the_maximum(cli, git_dossier, monkeypatch):
    monkeypatch.setattr("regie.formats.bounds.MAX_RECORDS", 20)  # the rule, not the size: the real maximum is above
    write_tree(git_dossier, {AFSPRAKEN: _agreements(21)})
    git(git_dossier, "commit", "-qam", "te veel")
    finding = "te veel records in 'afspraken': 21, het maximum is 20 per bestand"
    r = cli("-C", str(git_dossier), "--today", "2026-07-01", "validate")
    _no_traceback(r)
    assert (r.code, r.out) == (1, f"{AFSPRAKEN}: [te-veel] {finding}\n")
    r = cli("-C", str(git_dossier), "--today", "2026-07-01", "afspraak", "done", "2026-001", "A1")
    assert (r.code, r.err) == (1, f"fout: {AFSPRAKEN}: {finding}\n")
    write_tree(git_dossier, {AFSPRAKEN: _agreements(20)})
    git(git_dossier, "commit", "-qam", "precies het maximum")
    r = cli("-C", str(git_dossier), "--today", "2026-07-01", "validate")
    assert (r.code, r.out) == (0, "")
    r = cli("-C", str(git_dossier), "--today", "2026-07-01", "afspraak", "add", "2026-001", "--wat", "Nog een", "--wie", "pro",
            "--deadline", "2026-12-01")
    assert (r.code, r.err) == (1, f"fout: {AFSPRAKEN}: 'afspraken' heeft al 20 records, het maximum per bestand; "
                                  "er kan geen afspraak meer bij\n")
    assert git(git_dossier, "status", "--porcelain") == ""


@pytest.mark.parametrize("text, line, reason", [
    # an unterminated quote: where it opened, not at the end of the file
    ('id: "2026-001"\nstatus: "uitvoering\nregisseur: reg\ncasemanager: pro\n', 2,
     "aanhalingsteken wordt niet gesloten (de tekst tussen aanhalingstekens begint op deze regel)"),
    ("id: '2026-001\nstatus: uitvoering\n\nregisseur: reg\n", 1,
     "aanhalingsteken wordt niet gesloten (de tekst tussen aanhalingstekens begint op deze regel)"),
    # a flow mapping that is not closed: where it opened, and where the parser found out
    ('id: "2026-001"\ntoestemming: {status: gegeven\nregisseur: reg\n', 2,
     "blok tussen { } niet goed afgesloten (mist ',' of '}'); gevonden op regel 3"),
    ('id: "2026-001"\ntoestemming: {status: gegeven datum: 2026-02-03}\n', 2,
     "blok tussen { } niet goed afgesloten (mist ',' of '}')"),
    # a tab used to indent
    ('id: "2026-001"\ntoestemming:\n  status: gegeven\n\tdatum: 2026-02-03\n', 4, "tab gevonden; gebruik spaties om in te springen"),
    ("id: x\ntoestemming:\n\tstatus: gegeven\n", 3, "tab gevonden; gebruik spaties om in te springen"),
    # a key without ':' on its line: that line, not the next
    ('id: "2026-001"\nstatus uitvoering\nregisseur: reg\n', 2, "verwachtte een ':' (sleutel zonder waarde?)"),
    # a list not closed at the end of the file: the last line with text
    ("id: x\nleefgebieden: [huisvesting,\n\n\n", 2, "waarde ontbreekt of is onvolledig (lijst of haakje niet afgesloten?)"),
])
def test_yaml_errors_name_the_line_of_the_fault(cli, dossier, text, line, reason):
    write_tree(dossier, {f"{C}/casus.yaml": text})
    r = cli("-C", str(dossier), "validate")
    _no_traceback(r)
    assert r.code == 1
    assert r.out.splitlines()[0] == f"{C}/casus.yaml:{line}: [yaml] ongeldige YAML: {reason}"


def test_yaml_error_in_front_matter_counts_the_lines_before_it(cli, dossier):
    write_tree(dossier, {f"{C}/plan.md": "---\nversie: 1\ndoelen: [{id: D1\n---\n# Plan\n"})
    r = cli("-C", str(dossier), "validate")
    assert r.out.splitlines()[0] == (f"{C}/plan.md:3: [yaml] ongeldige YAML: blok tussen {{ }} niet goed afgesloten "
                                     "(mist ',' of '}')")


def test_an_edit_reports_yaml_errors_in_dutch_as_validate_does(cli, git_dossier):
    write_tree(git_dossier, {AFSPRAKEN: "afspraken:\n  - id: A1\n    wat: 'Bellen\n    status: open\n"})
    git(git_dossier, "commit", "-qam", "kapot")
    r = cli("-C", str(git_dossier), "afspraak", "done", "2026-001", "A1")
    _no_traceback(r)
    assert (r.code, r.err) == (1, f"fout: {AFSPRAKEN}:3: ongeldige YAML: aanhalingsteken wordt niet gesloten "
                                  "(de tekst tussen aanhalingstekens begint op deze regel)\n")


def test_ruamel_errors_are_dutch_too(tmp_path):
    """The edit path's own parser (ruamel) goes through the same function: no English reaches the user."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    from regie.formats.yamlerrors import yaml_error

    text = "vernietigd: {2026-001: 2026-03-01, 2026-002\n"
    with pytest.raises(YAMLError) as caught:
        YAML(typ="rt").load(text)
    assert str(yaml_error(caught.value, text, "vernietigd.yaml")) == (
        "vernietigd.yaml:1: ongeldige YAML: blok tussen { } niet goed afgesloten (mist ',' of '}')")


def _filter_repo_available() -> bool:
    import shutil
    import sys
    from pathlib import Path

    return bool(shutil.which("git-filter-repo")) or (Path(sys.executable).parent / "git-filter-repo").exists()


# Budget: one purge of an example case with git-filter-repo; about 3 s.
@pytest.mark.slow
@pytest.mark.skipif(not _filter_repo_available(), reason="git-filter-repo is not installed (a test dependency)")
def test_purge_never_prints_the_yaml_parsers_english(cli, examples_repo):
    write_tree(examples_repo, {"vernietigd.yaml": "vernietigd: {casus: 2024-001, datum: 2040-01-01\n"})
    git(examples_repo, "add", "vernietigd.yaml")
    git(examples_repo, "commit", "-qm", "kapot register")
    r = cli("-C", str(examples_repo), "--today", "2041-06-01", "purge", "2025-014")
    _no_traceback(r)
    assert r.code == 1
    assert "vernietigd.yaml:1: ongeldige YAML: blok tussen { } niet goed afgesloten (mist ',' of '}')" in r.err
    assert "while" not in r.err and "expected" not in r.err
