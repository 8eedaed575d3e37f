"""The read cache (issue 14): it must never change an answer, only how fast it comes.

Every test here compares what a command prints with the cache against what it prints
without one, on real files in a real git repository; none of them times anything.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from conftest import REPO, edit, git

from regie.dossier import cache as cache_module
from regie.dossier import scan as scan_module

READS = (
    ("validate",),
    ("overdue", "--within", "60"),
    ("overdue", "--format", "json"),
    ("list",),
    ("list", "--format", "json"),
    ("agenda",),
    ("agenda", "--datum", "2026-12-01"),
    ("report", "--quarter", "2026Q3", "--format", "json"),
    ("report", "--year", "2026", "--format", "json"),
    ("report", "--year", "2019", "--format", "json"),
    ("retention", "--within", "3650"),
)


@pytest.fixture
def trusting(monkeypatch):
    """Files written a moment ago count as settled (normally a case changed in the last seconds is never stored)."""
    monkeypatch.setattr(cache_module, "RACY_SECONDS", -10)


def outputs(cli, root: Path, *extra: str) -> dict:
    return {args: (r.code, r.out) for args in READS for r in [cli("-C", str(root), *extra, *args)]}


def cached_cases(root: Path) -> set[str]:
    [path] = (root / ".git" / "regie").glob("cache-*.sqlite")
    with sqlite3.connect(path) as db:
        return {r[0] for r in db.execute("SELECT id FROM models")}


def refuse_to_read(monkeypatch):
    """From now on, reading a case from its files is a test failure."""
    def no(*_):
        raise AssertionError("read a case from its files although it was in the cache")

    monkeypatch.setattr(scan_module, "read_case", no)


def test_every_read_command_prints_the_same_with_and_without_the_cache(cli, examples_repo, trusting, monkeypatch):
    without = outputs(cli, examples_repo, "--no-cache")
    assert not list((examples_repo / ".git" / "regie").glob("cache-*.sqlite")), "--no-cache wrote a cache"
    cold = outputs(cli, examples_repo)
    assert cached_cases(examples_repo) == {p.name for p in (examples_repo / "casussen").iterdir()}
    refuse_to_read(monkeypatch)
    warm = outputs(cli, examples_repo)
    assert cold == without
    assert warm == without
    assert without[("validate",)][0] == 0 and "2026-001" in without[("list",)][1]
    assert git(examples_repo, "status", "--porcelain") == "", "the cache is never in the work tree"


# Budget: POOL_MINIMUM + 20 generated cases (seed 2026), the read commands four times over; about 6 s here.
@pytest.mark.slow
def test_a_generated_repository_the_same_with_cache_without_and_with_any_number_of_processes(cli, tmp_path, trusting):
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.pop(0)
    root = tmp_path / "groot"
    generate(root, scan_module.POOL_MINIMUM + 20, seed=2026)  # enough cases to start the process pool
    one = outputs(cli, root, "--no-cache")
    for args in READS:  # --jobs 2 reads in two processes; the order of the output is the same
        r = cli("-C", str(root), "--no-cache", *args, "--jobs", "2")
        assert (r.code, r.out) == one[args], args
    assert outputs(cli, root) == one  # cold, filling the cache (with the default number of processes)
    assert outputs(cli, root) == one  # warm
    assert sum(1 for line in one[("list",)][1].splitlines()) == scan_module.POOL_MINIMUM + 20 + 1


def test_a_change_in_the_same_second_with_the_same_size_is_seen(cli, git_dossier):
    """The racy case of git's index: same size, and the mtime set back to what it was."""
    path = git_dossier / "casussen" / "2026-001" / "casus.yaml"
    assert cli("-C", str(git_dossier), "validate").code == 0
    before = os.stat(path)
    edit(path, "urgentie: hoog", "urgentie: hOog")  # same length, not a valid urgency
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size and os.stat(path).st_mtime_ns == before.st_mtime_ns
    r = cli("-C", str(git_dossier), "validate")
    assert r.code == 1 and "casussen/2026-001/casus.yaml:" in r.out and "hOog" in r.out


def test_an_edit_after_the_cache_was_filled_is_seen_even_with_the_old_mtime(cli, git_dossier, trusting):
    path = git_dossier / "casussen" / "2026-001" / "casus.yaml"
    assert cli("-C", str(git_dossier), "validate").code == 0
    assert "2026-001" in cached_cases(git_dossier)
    before = os.stat(path)
    edit(path, "urgentie: hoog", "urgentie: hOog")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    r = cli("-C", str(git_dossier), "validate")
    assert r.code == 1 and "hOog" in r.out
    edit(path, "urgentie: hOog", "urgentie: hoog")
    assert cli("-C", str(git_dossier), "validate").code == 0


def test_new_files_and_removed_files_of_a_case_are_seen(cli, examples_repo, trusting):
    base = ("-C", str(examples_repo), "--today", "2026-11-26")
    assert cli(*base, "validate").code == 0
    journal = examples_repo / "casussen" / "2026-001" / "journaal"
    journal.mkdir()
    (journal / "2026-11-20-1.md").write_text("---\nsoort: onbekend\n---\ntekst\n", encoding="utf-8")
    r = cli(*base, "validate")
    assert r.code == 1 and "casussen/2026-001/journaal/2026-11-20-1.md" in r.out
    shutil.rmtree(journal)
    assert cli(*base, "validate").code == 0
    shutil.rmtree(examples_repo / "casussen" / "2026-007")
    assert "2026-007" not in cli(*base, "list").out
    assert "2026-007" not in cached_cases(examples_repo), "a case that is gone is forgotten"


def test_a_new_day_and_a_changed_regie_yaml_give_the_answer_of_a_fresh_read(cli, examples_repo, trusting, monkeypatch):
    assert outputs(cli, examples_repo, "--today", "2026-11-26")
    day2 = outputs(cli, examples_repo, "--no-cache", "--today", "2027-03-01")
    edit(examples_repo / "regie.yaml", "evaluatie: 90", "evaluatie: 30")
    changed = outputs(cli, examples_repo, "--no-cache", "--today", "2027-03-01")
    edit(examples_repo / "regie.yaml", "evaluatie: 30", "evaluatie: 90")
    assert day2 != changed  # the change matters
    refuse_to_read(monkeypatch)  # the parsed cases in the cache serve the new day: no file is read again
    assert outputs(cli, examples_repo, "--today", "2027-03-01") == day2
    edit(examples_repo / "regie.yaml", "evaluatie: 90", "evaluatie: 30")
    assert outputs(cli, examples_repo, "--today", "2027-03-01") == changed


def test_a_cache_of_another_regie_is_ignored(cli, git_dossier, trusting, monkeypatch):
    import regie

    assert cli("-C", str(git_dossier), "validate").code == 0
    assert cached_cases(git_dossier)
    monkeypatch.setattr(regie, "__version__", "9.9.9")
    seen = []
    real = scan_module.read_case
    monkeypatch.setattr(scan_module, "read_case", lambda root, cid: seen.append(cid) or real(root, cid))
    assert cli("-C", str(git_dossier), "validate").code == 0
    assert seen == ["2026-001"], "the old results were not used"


def test_a_broken_cache_file_means_no_cache(cli, git_dossier, trusting):
    assert cli("-C", str(git_dossier), "list").code == 0
    [path] = (git_dossier / ".git" / "regie").glob("cache-*.sqlite")
    for p in path.parent.glob(path.name + "*"):
        p.write_bytes(b"dit is geen sqlite-bestand" * 100)
    r = cli("-C", str(git_dossier), "list")
    assert r.code == 0 and "2026-001" in r.out


def test_cache_clear_and_status(cli, git_dossier, trusting):
    base = ("-C", str(git_dossier))
    assert cli(*base, "cache", "status").out == "geen cache\n"
    cli(*base, "validate")
    r = cli(*base, "cache", "status")
    assert r.code == 0 and r.out.endswith(" MiB, 1 casus\n") and ".git/regie/cache-" in r.out
    r = cli(*base, "cache", "clear")
    assert r.code == 0 and "cache verwijderd" in r.err
    assert not list((git_dossier / ".git" / "regie").glob("cache-*"))
    assert cli(*base, "cache", "clear").err.strip() == "er was geen cache"


def test_the_cache_is_private_to_the_user(cli, git_dossier, trusting):
    cli("-C", str(git_dossier), "validate")
    [path] = (git_dossier / ".git" / "regie").glob("cache-*.sqlite")
    assert path.stat().st_mode & 0o077 == 0
    assert path.parent.stat().st_mode & 0o077 == 0


def test_jobs_is_checked(cli, git_dossier):
    r = cli("-C", str(git_dossier), "list", "--jobs", "0")
    assert r.code == 2 and "--jobs" in r.err


def test_read_without_git_works_without_a_cache(cli, dossier):
    r = cli("-C", str(dossier), "list")
    assert r.code == 0 and "2026-001" in r.out
    assert not (dossier / ".git").exists()


def test_outputs_agree_on_the_day_itself_for_every_period(cli, examples_repo, trusting):
    """The report keeps only cases that can count in the period; any period must agree with a full read."""
    for period in ("2025Q2", "2025Q3", "2025Q4", "2026Q1", "2026Q2", "2026Q3", "2026Q4"):
        args = ("-C", str(examples_repo), "report", "--quarter", period, "--format", "json")
        assert cli(*args).out == cli("--no-cache", *args).out, period
    day = dt.date(2026, 11, 26).isoformat()
    r = cli("-C", str(examples_repo), "--today", day, "report", "--from", "2025-01-01", "--to", day, "--format", "json")
    assert r.code == 0 and '"casussen": 10' in r.out


def test_a_folder_listing_from_the_cache_gives_the_same_fingerprint_without_reading_the_folder(examples_repo, monkeypatch):
    base = examples_repo / "casussen"
    first = {}
    for case in sorted(p.name for p in base.iterdir()):
        fp, _, listing = cache_module.fingerprint(str(base / case))
        first[case] = (fp, listing)
    monkeypatch.setattr(cache_module, "RACY_SECONDS", -10)
    listings = {case: cache_module.fingerprint(str(base / case))[2] for case in first}
    assert all(listings.values())

    def no_folder_reads(*_):
        raise AssertionError("read a folder although its listing was known and unchanged")

    monkeypatch.setattr(cache_module.os, "scandir", no_folder_reads)
    for case, (fp, _) in first.items():
        again, _, listing = cache_module.fingerprint(str(base / case), listings[case])
        assert again == fp and listing == listings[case]


def test_a_stale_listing_is_never_trusted(examples_repo, monkeypatch):
    monkeypatch.setattr(cache_module, "RACY_SECONDS", -10)
    folder = examples_repo / "casussen" / "2025-014"
    fp, _, listing = cache_module.fingerprint(str(folder))
    # a name the listing holds is gone although the folder looks the same: the folder is read after all
    import marshal

    stale = marshal.loads(listing)
    stale[""] = (stale[""][0], [*stale[""][1], "weg.yaml"])
    assert cache_module.fingerprint(str(folder), marshal.dumps(stale))[:2] == (fp, False)
    # a file added and the folder's mtime set back: its ctime still moved, so the listing is not used
    before = os.stat(folder)
    (folder / "extra.yaml").write_text("x: 1\n", encoding="utf-8")
    os.utime(folder, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(folder).st_mtime_ns == before.st_mtime_ns
    with_hint = cache_module.fingerprint(str(folder), listing)
    assert with_hint[0] == cache_module.fingerprint(str(folder))[0] != fp
    assert "extra.yaml" in marshal.loads(with_hint[2])[""][1]


def test_an_evaluation_added_with_the_folders_old_mtime_is_seen(cli, examples_repo, trusting):
    base = ("-C", str(examples_repo), "--today", "2026-11-26")
    folder = examples_repo / "casussen" / "2025-014" / "evaluaties"
    assert cli(*base, "validate").code == 0
    assert cli(*base, "validate").code == 0  # with the listing from the cache
    with sqlite3.connect(next((examples_repo / ".git" / "regie").glob("cache-*.sqlite"))) as db:
        assert db.execute("SELECT count(*) FROM listings WHERE id = '2025-014'").fetchone() == (1,)
    before = os.stat(folder)
    (folder / "2026-11-20.md").write_text("---\nsoort: onbekend\n---\ntekst\n", encoding="utf-8")
    os.utime(folder, ns=(before.st_atime_ns, before.st_mtime_ns))
    r = cli(*base, "validate")
    assert r.code == 1 and "casussen/2025-014/evaluaties/2026-11-20.md" in r.out
    (folder / "2026-11-20.md").unlink()
    os.utime(folder, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert cli(*base, "validate").code == 0
