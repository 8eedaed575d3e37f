"""One writer at a time and crash safety, with real processes, real git and real SIGKILLs.

Parallel mutations all land with distinct ids and no lost update (or fail cleanly); a
lock held by a live process makes the next command wait and then name the holder; the lock
of a dead process is taken over; a mutation killed at a random moment is rolled back (or
found committed) by the next command, leaving nothing behind and no gap in the ids.
"""

from __future__ import annotations

import fcntl
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import git

REGIE = str(Path(sys.executable).parent / "regie")
C = "casussen/2026-001"


def _env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR",)}
    env.update({"CI": "1", "EDITOR": "true", **extra})
    return env


def _run(repo: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([REGIE, "-C", str(repo), *args], capture_output=True, text=True, env=_env(**env),
                          stdin=subprocess.DEVNULL, timeout=120)


def _start(repo: Path, *args: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen([REGIE, "-C", str(repo), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=_env(**env), stdin=subprocess.DEVNULL, start_new_session=True)


def _status(repo: Path) -> str:
    return git(repo, "status", "--porcelain", "--untracked-files=all")


def _commits(repo: Path) -> int:
    return int(git(repo, "rev-list", "--count", "HEAD"))


def _contiguous(ids: list[str], pattern: str) -> bool:
    numbers = sorted(int(m.group(1)) for x in ids if (m := re.fullmatch(pattern, x)))
    return numbers == list(range(1, len(numbers) + 1))


# ---------------------------------------------------------------- parallel writers


# Budget: 8 processes at once, each waiting at most 120 s for the lock (a 180 s timeout); about 3 s here.
@pytest.mark.slow
def test_parallel_afspraak_add_loses_nothing(examples_repo):
    n = 8
    before = _commits(examples_repo)
    procs = [_start(examples_repo, "afspraak", "add", "2026-001", "--wat", f"parallelle taak {i}", "--wie", "schuldhulp",
                    "--deadline", "2026-12-30", REGIE_LOCK_WAIT="120") for i in range(n)]
    results = [(p.wait(timeout=180), p.stdout.read(), p.stderr.read()) for p in procs]
    assert all(code == 0 for code, _, _ in results), results
    ids = [out.strip() for _, out, _ in results]
    assert len(set(ids)) == n
    assert all("Traceback" not in err for _, _, err in results)
    text = (examples_repo / C / "afspraken.yaml").read_text()
    for i in range(n):
        assert f"wat: parallelle taak {i}\n" in text
    assert _commits(examples_repo) == before + n
    assert _status(examples_repo) == ""
    assert _run(examples_repo, "validate").returncode == 0


# Budget: 8 processes at once, each waiting at most 120 s for the lock (a 180 s timeout); about 3 s here.
@pytest.mark.slow
def test_parallel_new_case_gives_distinct_ids(examples_repo):
    n = 8
    args = ["new-case", "--melder-rol", "buurman", "--aard", "overlast", "--urgentie", "middel", "--regisseur", "a-bakker",
            "--pseudoniem", "Mevrouw P.", "--toestemming", "gegeven"]
    procs = [_start(examples_repo, *args, REGIE_LOCK_WAIT="120") for _ in range(n)]
    results = [(p.wait(timeout=180), p.stdout.read(), p.stderr.read()) for p in procs]
    assert all(code == 0 for code, _, _ in results), results
    ids = sorted(out.strip() for _, out, _ in results)
    assert ids == [f"2026-{k:03d}" for k in range(10, 10 + n)]
    assert _status(examples_repo) == ""
    assert _run(examples_repo, "validate").returncode == 0


# Budget: 8 processes at once that do not wait for the lock (a 180 s timeout); about 2 s here.
@pytest.mark.slow
def test_parallel_writers_without_waiting_fail_cleanly(examples_repo):
    n = 8
    procs = [_start(examples_repo, "afspraak", "add", "2026-002", "--wat", f"snel {i}", "--wie", "client",
                    "--deadline", "2026-12-30", REGIE_LOCK_WAIT="0") for i in range(n)]
    results = [(p.wait(timeout=180), p.stdout.read(), p.stderr.read()) for p in procs]
    done = [out.strip() for code, out, _ in results if code == 0]
    refused = [err for code, _, err in results if code != 0]
    assert len(done) >= 1 and len(set(done)) == len(done)
    for err in refused:
        assert re.fullmatch(r"fout: de repository wordt gewijzigd door proces \d+ \(regie afspraak add, sinds [\d\-T:]+\); "
                            r"probeer het zo opnieuw\n", err), err
    for code, _, _ in results:
        assert code in (0, 1)
    text = (examples_repo / "casussen/2026-002/afspraken.yaml").read_text()
    assert sum(f"wat: snel {i}\n" in text for i in range(n)) == len(done)
    assert _status(examples_repo) == ""


def _hold_lock(repo: Path, pid: int, command: str) -> int:
    folder = repo / ".git/regie"
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / "lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    os.ftruncate(fd, 0)
    os.write(fd, json.dumps({"pid": pid, "command": command, "since": "2026-11-26T10:00:00"}).encode())
    return fd


def test_a_held_lock_makes_the_next_command_wait_then_name_the_holder(examples_repo):
    fd = _hold_lock(examples_repo, 4242, "afspraak add")
    try:
        started = time.monotonic()
        r = _run(examples_repo, "afspraak", "add", "2026-001", "--wat", "x", "--wie", "schuldhulp", "--deadline", "2026-12-30",
                 REGIE_LOCK_WAIT="1")
        waited = time.monotonic() - started
    finally:
        os.close(fd)
    assert r.returncode == 1
    assert r.stderr == ("wacht tot proces 4242 (regie afspraak add, sinds 2026-11-26T10:00:00) klaar is ...\n"
                        "fout: de repository wordt gewijzigd door proces 4242 (regie afspraak add, sinds 2026-11-26T10:00:00); "
                        "probeer het zo opnieuw\n")
    assert waited >= 1.0
    assert _status(examples_repo) == ""


def test_the_lock_of_a_dead_process_is_taken_over(examples_repo):
    folder = examples_repo / ".git/regie"
    folder.mkdir(parents=True)
    (folder / "lock").write_text(json.dumps({"pid": 999999, "command": "new-case", "since": "2026-11-25T09:00:00"}))
    r = _run(examples_repo, "afspraak", "add", "2026-001", "--wat", "x", "--wie", "schuldhulp", "--deadline", "2026-12-30",
             REGIE_LOCK_WAIT="0")
    assert (r.returncode, r.stdout) == (0, "A5\n")
    assert json.loads((folder / "lock").read_text())["command"] == "afspraak add"


def test_read_commands_do_not_wait_for_the_lock(examples_repo):
    fd = _hold_lock(examples_repo, 4242, "afspraak add")
    try:
        r = _run(examples_repo, "overdue", REGIE_LOCK_WAIT="30")
    finally:
        os.close(fd)
    assert r.returncode == 0 and "wacht" not in r.stderr


# ---------------------------------------------------------------- SIGKILL at random moments


def _commands(rng: random.Random, n: int) -> list[str]:
    """A mutating command that is valid on the example network (most of the time)."""
    day = f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}"
    return rng.choice([
        ["new-case", "--melder-rol", "buurman", "--aard", "overlast", "--urgentie", "middel", "--regisseur", "a-bakker",
         "--pseudoniem", "Mevrouw K.", "--toestemming", "gegeven"],
        ["afspraak", "add", "2026-001", "--wat", f"taak {n}", "--wie", "schuldhulp", "--deadline", "2026-12-30"],
        ["afspraak", "add", "2026-002", "--wat", f"taak {n}", "--wie", "client", "--deadline", "2026-12-30"],
        ["afspraak", "move", "2026-001", "A4", "--deadline", f"2026-12-{rng.randint(10, 28)}", "--reden", "later"],
        ["note", "2026-001", "--soort", "overleg", "--tekst", f"notitie {n}"],
        ["signal", "add", "--over", "wachtlijst", "--aard", "capaciteit"],
        ["agenda", "--write", "--datum", day],
        ["evaluate", "2026-002"],
        ["close", "2026-006", "--reden", "doelen bereikt", "--nazorg", "4", "--force"],
    ])


def _wait_for_group(pgid: int, timeout: float = 20.0) -> None:
    """Wait until every process of the killed command's group (a git it started) has ended by itself."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.02)
    raise AssertionError("a child of the killed command did not end")


def _kill_rounds(repo: Path, rounds: int, seed: int) -> dict:
    """``rounds`` kills of a command drawn from ``random.Random(seed)`` (the commands and the moments are fixed by
    the seed; where the kill lands in the command is up to the machine). Budget per round: at most 0.9 s before the
    kill, 5 s waiting for the journal, 20 s for the killed group and 120 s for the checking command (timeouts), about
    1 s in practice: 24 rounds take some 20 s here, the release run's 220 a few minutes."""
    rng = random.Random(seed)
    seen = {"rolled back": 0, "already committed": 0, "nothing pending": 0}
    for n in range(rounds):
        proc = _start(repo, *_commands(rng, n))
        if n % 3 == 0:
            time.sleep(rng.uniform(0.05, 0.9))  # anywhere in the command's life
        else:  # inside the write-validate-commit window: soon after the journal appears
            journal = repo / ".git/regie/pending.json"
            deadline = time.monotonic() + 5
            while not journal.exists() and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.001)
            time.sleep(rng.uniform(0.0, 0.06))  # the window is some 20-100 ms
        try:
            os.kill(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()
        _wait_for_group(proc.pid)
        pending = (repo / ".git/regie/pending.json").exists()
        r = _run(repo, "validate")
        assert r.returncode == 0, (n, r.stdout, r.stderr)
        assert "Traceback" not in r.stderr
        if pending:
            assert "waarschuwing: een afgebroken opdracht (regie " in r.stderr, r.stderr
            seen["already committed" if "was al gecommit" in r.stderr else "rolled back"] += 1
        else:
            seen["nothing pending"] += 1
        assert not (repo / ".git/regie/pending.json").exists()
        assert _status(repo) == "", (n, _status(repo))
        assert not [p for p in repo.rglob("*.tmp") if ".git" not in p.parts]
        cases = [p.name for p in (repo / "casussen").iterdir()]
        assert _contiguous(cases, r"2026-(\d{3})"), sorted(cases)
        assert _contiguous([p.stem for p in (repo / "signalen").iterdir()], r"S(\d+)")
        afspraken = re.findall(r"^  - id: (A\d+)$", (repo / C / "afspraken.yaml").read_text(), re.M)
        assert _contiguous(afspraken, r"A(\d+)"), afspraken
    # after all that, the next case gets the next number: no gap left by a crash
    r = _run(repo, "new-case", "--melder-rol", "buurman", "--aard", "overlast", "--urgentie", "laag", "--regisseur",
             "a-bakker", "--pseudoniem", "Meneer Z.", "--toestemming", "gegeven")
    numbers = sorted(int(p.name[5:]) for p in (repo / "casussen").iterdir() if p.name.startswith("2026-"))
    assert r.stdout == f"2026-{numbers[-1]:03d}\n" and numbers == list(range(1, numbers[-1] + 1))
    return seen


# Budget: 24 kill rounds from seed 20261126 (see _kill_rounds); about 20 s here.
@pytest.mark.slow
def test_killed_mutations_are_repaired_by_the_next_command(examples_repo):
    seen = _kill_rounds(examples_repo, 24, seed=20261126)
    assert seen["rolled back"] >= 3, seen


# Budget: 220 kill rounds from seed 1, only with --slow; a few minutes.
@pytest.mark.slow
@pytest.mark.release
def test_killed_mutations_many_rounds(examples_repo):
    seen = _kill_rounds(examples_repo, 220, seed=1)
    assert seen["rolled back"] >= 20, seen
    print(f"\nkill rounds: {seen}")


# ---------------------------------------------------------------- permissions (a normal user's view)


def _as_normal_user() -> list[str]:
    """Run without root's power to ignore file permissions (root keeps its uid; only DAC override goes)."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("setpriv (util-linux) is not installed; cannot drop root's permission override")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]


def _run_restricted(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*_as_normal_user(), REGIE, "-C", str(repo), *args], capture_output=True, text=True,
                          env=_env(), stdin=subprocess.DEVNULL, timeout=120)


READ_COMMANDS = [["validate"], ["overdue"], ["list"], ["agenda"], ["report", "--year", "2026"], ["show", "2026-002"]]


# Budget: 7 read commands as a normal user, each with a 120 s timeout; about 2 s here.
@pytest.mark.slow
def test_unreadable_file_is_a_finding(examples_repo):
    path = examples_repo / C / "netwerk.yaml"
    path.chmod(0)
    try:
        r = _run_restricted(examples_repo, "validate")
        assert r.returncode == 1
        assert f"{C}/netwerk.yaml: [onleesbaar] kan bestand niet lezen (geen rechten)\n" in r.stdout
        for command in READ_COMMANDS:
            r = _run_restricted(examples_repo, *command)
            assert r.returncode in (0, 1) and "Traceback" not in r.stderr, (command, r.stderr)
    finally:
        path.chmod(0o644)


# Budget: 8 read commands as a normal user, each with a 120 s timeout; about 2 s here.
@pytest.mark.slow
def test_unreadable_case_folder_is_a_finding(examples_repo):
    folder = examples_repo / C
    folder.chmod(0)
    try:
        r = _run_restricted(examples_repo, "validate")
        assert r.returncode == 1
        assert f"{C}: [onleesbaar] map kan niet gelezen worden (geen rechten)\n" in r.stdout
        for command in READ_COMMANDS + [["show", "2026-001"]]:
            r = _run_restricted(examples_repo, *command)
            assert r.returncode in (0, 1) and "Traceback" not in r.stderr, (command, r.stderr)
    finally:
        folder.chmod(0o755)


def test_read_only_case_folder_refuses_cleanly(examples_repo):
    folder = examples_repo / C
    before = (folder / "afspraken.yaml").read_bytes()
    folder.chmod(0o555)
    try:
        r = _run_restricted(examples_repo, "afspraak", "add", "2026-001", "--wat", "x", "--wie", "schuldhulp",
                            "--deadline", "2026-12-30")
    finally:
        folder.chmod(0o755)
    assert r.returncode == 1
    assert r.stderr == f"fout: {C}/afspraken.yaml: kan niet schrijven: geen rechten; er is niets gewijzigd\n"
    assert (folder / "afspraken.yaml").read_bytes() == before
    assert _status(examples_repo) == ""
