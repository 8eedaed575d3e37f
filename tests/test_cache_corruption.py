"""A cache that cannot lie (issue 29, item 8): damaged bytes in the cache are a miss, never a crash or a wrong answer.

Every test damages the real SQLite file of a real repository and compares what the
commands print with a run that has no cache at all (``--no-cache``).
"""

from __future__ import annotations

import os
import pickle
import random
import sqlite3
from pathlib import Path

import pytest

from regie.dossier import cache as cache_module
from regie.dossier import cacherow

READS = (
    ("list",),
    ("overdue", "--within", "60"),
    ("show", "2026-001", "--format", "json"),
    ("agenda",),
    ("report", "--quarter", "2026Q3", "--format", "json"),
    ("validate",),
)


@pytest.fixture
def trusting(monkeypatch):
    """Files written a moment ago count as settled (normally a case changed in the last seconds is never stored)."""
    monkeypatch.setattr(cache_module, "RACY_SECONDS", -10)


def outputs(cli, root: Path, *extra: str) -> dict:
    return {args: (r.code, r.out, r.err) for args in READS for r in [cli("-C", str(root), *extra, *args)]}


def cache_file(root: Path) -> Path:
    [path] = (root / ".git" / "regie").glob("cache-*.sqlite")
    return path


def rows(root: Path, table: str) -> int:
    with sqlite3.connect(cache_file(root)) as db:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def all_sound(root: Path) -> bool:
    with sqlite3.connect(cache_file(root)) as db:
        return all(cacherow.sound(r[-1], *r[:-1]) for r in db.execute("SELECT id, job, args, fp, value, sum FROM results"))


def test_a_row_whose_bytes_changed_is_read_again_and_rewritten(cli, examples_repo, trusting):
    want = outputs(cli, examples_repo, "--no-cache")
    assert outputs(cli, examples_repo) == want
    with sqlite3.connect(cache_file(examples_repo)) as db:
        # a plausible wrong answer: the stored list row of one case with one letter changed, its checksum unchanged
        [(value,)] = db.execute("SELECT value FROM results WHERE id = '2026-001' AND job = 'list'")
        assert b"2026-001" in value
        db.execute("UPDATE results SET value = ? WHERE id = '2026-001' AND job = 'list'",
                   (value.replace(b"2026-001", b"2026-00l"),))
        db.execute("UPDATE results SET value = x'00ff' WHERE job = 'overdue'")  # bytes that are no pickle at all
        db.execute("UPDATE models SET value = substr(value, 1, 40)")  # every parsed case cut short
        db.execute("UPDATE listings SET value = x'ff'")
    assert not all_sound(examples_repo)
    assert outputs(cli, examples_repo) == want
    assert outputs(cli, examples_repo, "--today", "2026-12-24") == outputs(cli, examples_repo, "--no-cache", "--today",
                                                                           "2026-12-24")
    assert all_sound(examples_repo), "the damaged rows were written again"


def test_a_pickle_that_would_run_code_is_only_a_miss(cli, examples_repo, trusting, tmp_path):
    marker = tmp_path / "geraakt"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    evil = pickle.dumps(((), Evil()))
    assert cacherow.load(evil) is cacherow.MISS
    assert cacherow.load(pickle.dumps(os.system)) is cacherow.MISS  # a function, not a class
    assert cacherow.load(b"\x80\x05cdecimal\nDecimal\n.") is cacherow.MISS  # a module not imported: not imported now
    want = outputs(cli, examples_repo, "--no-cache")
    outputs(cli, examples_repo)
    with sqlite3.connect(cache_file(examples_repo)) as db:  # with a checksum that holds, as regie would have written it
        for cid, job, args, fp in db.execute("SELECT id, job, args, fp FROM results").fetchall():
            db.execute("UPDATE results SET value = ?, sum = ? WHERE id = ? AND job = ?",
                       (evil, cacherow.checksum(cid, job, args, fp, evil), cid, job))
    assert outputs(cli, examples_repo) == want
    assert not marker.exists()


@pytest.mark.parametrize("damage", ["not a database", "no results table", "a column renamed", "cut short"])
def test_a_cache_file_sqlite_cannot_use_is_made_again_silently(cli, examples_repo, trusting, damage):
    want = outputs(cli, examples_repo, "--no-cache")
    outputs(cli, examples_repo)
    path = cache_file(examples_repo)
    if damage == "not a database":
        path.write_bytes(b"dit is geen sqlite-bestand" * 100)
    elif damage == "cut short":
        path.write_bytes(path.read_bytes()[:5000])
    else:
        with sqlite3.connect(path) as db:
            db.execute("DROP TABLE results" if damage == "no results table"
                       else "ALTER TABLE results RENAME COLUMN value TO waarde")
    assert outputs(cli, examples_repo) == want
    assert rows(examples_repo, "results") > 0 and rows(examples_repo, "models") > 0, "the cache was made again"
    assert all_sound(examples_repo)


# Budget: 200 random byte flips in 20 rounds of 10 (seed 29), the six read commands after each round: 120 runs of
# a command over the example network; about 13 s alone, up to 65 s on a loaded 2-core machine.
@pytest.mark.slow
def test_random_byte_flips_in_the_cache_never_crash_and_never_change_an_answer(cli, examples_repo, trusting, monkeypatch,
                                                                              capsys):
    rng = random.Random(29)
    want = outputs(cli, examples_repo, "--no-cache")
    assert want[("list",)][0] == 0 and want[("validate",)][0] == 0
    outputs(cli, examples_repo)  # fills the cache
    outputs(cli, examples_repo, "--today", "2026-12-24")  # a second set of results beside the first
    rejected = []  # rows whose checksum did not hold: the flips that reached a row regie read
    real = cache_module.sound
    monkeypatch.setattr(cache_module, "sound", lambda *a: real(*a) or rejected.append(1) or False)
    unusable = []  # errors of SQLite that made the file be built again
    check = cache_module.damaged
    monkeypatch.setattr(cache_module, "damaged", lambda exc: check(exc) and not unusable.append(1))
    path = cache_file(examples_repo)
    flips = runs = crashes = wrong = 0
    for _ in range(20):
        data = bytearray(path.read_bytes())
        for _ in range(10):
            data[rng.randrange(len(data))] ^= rng.randrange(1, 256)
            flips += 1
        path.write_bytes(bytes(data))
        for args in READS:
            r = cli("-C", str(examples_repo), *args)
            runs += 1
            if r.code == 3 or "Traceback" in r.err:
                crashes += 1
            elif (r.code, r.out, r.err) != want[args]:
                wrong += 1
    with capsys.disabled():  # the figures, for the record of a run with -s
        print(f"\ncache fuzz: {flips} flips, {runs} runs, {crashes} crashes, {wrong} wrong answers, "
              f"{len(rejected)} rows refused by their checksum, the file made again {len(unusable)} times")
    assert (flips, runs, crashes, wrong) == (200, 120, 0, 0)
    assert outputs(cli, examples_repo) == want
