"""Erasure that is complete or not done (issue 29, items 3 and 4), with real git-filter-repo and real kill -9.

Every check refuses before history is touched (HEAD, refs and the object store compared byte for byte);
a purge killed at any of its steps is finished by the next command; every place a case survives in is
cleaned; and a blob of the case kept alive somewhere stops the purge from saying it is done.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import git
from test_purge import _filter_repo_available

C = "casussen/2025-014"
UNIQUE = b"budgetbeheer loopt, contact met de zoon hersteld"  # a line of the case's plan, nowhere else
REGIE = str(Path(sys.executable).parent / "regie")

pytestmark = pytest.mark.skipif(not _filter_repo_available(),
                                reason="git-filter-repo is not installed (a test dependency: pip install '.[test]')")


def _env(**extra: str) -> dict:
    return {**os.environ, "CI": "1", "REGIE_TODAY": "2041-06-01", **extra}


def _run(repo: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([REGIE, "-C", str(repo), *args], capture_output=True, text=True, env=_env(**env),
                          stdin=subprocess.DEVNULL, timeout=300)


def _store(repo: Path) -> bytes:
    """Every object in the repository, reachable or not, with its contents."""
    return subprocess.run(["git", "cat-file", "--batch-all-objects", "--batch"], cwd=repo, capture_output=True,
                          check=True).stdout


def _ids(repo: Path) -> set[str]:
    out = git(repo, "cat-file", "--batch-all-objects", "--batch-check=%(objectname)")
    return set(out.split())


def _case_blobs(repo: Path) -> set[str]:
    out = git(repo, "log", "--all", "--format=", "--raw", "--no-abbrev", "--", C)
    return {f for line in out.splitlines() for f in line.split()[2:4] if len(f) == 40 and f != "0" * 40}


def _state(repo: Path) -> tuple:
    return git(repo, "rev-parse", "HEAD"), git(repo, "for-each-ref"), _ids(repo), git(repo, "status", "--porcelain")


@pytest.fixture
def repo(examples_repo):
    """The examples, with 2025-014 (closed, kept until 2041-05-18) and a remote that git-filter-repo would drop."""
    git(examples_repo, "remote", "add", "origin", str(examples_repo.parent / "server.git"))
    return examples_repo


def _erased(repo: Path, blobs: set[str]) -> None:
    """The case is gone from the work tree, every commit and every object, and recorded once."""
    assert not (repo / C).exists()
    store = _store(repo)
    assert UNIQUE not in store
    assert not blobs & _ids(repo)
    assert not git(repo, "log", "--all", "--format=%h", "--", C)
    assert (repo / "vernietigd.yaml").read_text().count("casus: 2025-014\n") == 1
    assert git(repo, "log", "-1", "--format=%s") == "regie purge: casus 2025-014 vernietigd\n"
    assert git(repo, "remote") == "origin\n"
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == ""
    assert not (repo / ".git/regie/voornemen.json").exists()


# ---------------------------------------------------------------- every check before history is touched


def _broken(text: str):
    def make(repo: Path) -> None:
        (repo / "vernietigd.yaml").write_text(text)
        git(repo, "add", "vernietigd.yaml")
        git(repo, "commit", "-qm", "vernietigd")
    return make


def _linked(repo: Path) -> None:
    (repo / "vernietigd.yaml").symlink_to("regie.yaml")
    git(repo, "add", "vernietigd.yaml")
    git(repo, "commit", "-qm", "link")


def _worktree(repo: Path) -> None:
    git(repo, "worktree", "add", "-q", str(repo.parent / "tweede"), "-b", "tweede")


@pytest.mark.parametrize("setup, err", [
    (_broken("vernietigd:\n  - casus: [2025-014\n"), "fout: vernietigd.yaml:2: ongeldige YAML: lijst tussen [ ] niet goed afgesloten"),
    (_broken("vernietigd: 5\n"), "fout: vernietigd.yaml:1: vernietigd moet een lijst zijn, niet 5\n"),
    (_broken("vernietigd:\n  - casus: 2024-001\n"), "fout: vernietigd.yaml:2: "),
    (_linked, "fout: vernietigd.yaml: is een symbolische link; regie volgt geen links (zet er een gewoon bestand neer)\n"),
    (_worktree, "fout: deze repository heeft een gekoppelde werkmap (git worktree) in {wt}: daarin en in zijn index blijven "
                "de bestanden van de casus bewaard. Verwijder hem eerst met 'git worktree remove {wt}' (of 'git worktree "
                "prune' als de map al weg is)\n"),
], ids=["kapot", "vijf", "onvolledig", "link", "worktree"])
def test_each_check_refuses_before_history_is_touched(cli, repo, setup, err):
    setup(repo)
    before = _state(repo)
    r = cli("-C", str(repo), "--today", "2041-06-01", "purge", "2025-014")
    assert r.code == 1, r
    assert r.err.startswith(err.format(wt=repo.parent / "tweede")), r
    assert _state(repo) == before and (repo / C).is_dir()
    assert not (repo / ".git/regie/voornemen.json").exists()
    assert cli("-C", str(repo), "--today", "2041-06-01", "purge", "2025-014", "--dry-run").code == 1  # the same checks


def test_no_rewrite_without_git_filter_repo_or_while_another_process_holds_the_lock(cli, repo, monkeypatch):
    from regie.store import gitops

    before = _state(repo)
    with monkeypatch.context() as m:
        m.setattr(gitops, "filter_repo_tool", lambda: None)
        r = cli("-C", str(repo), "--today", "2041-06-01", "purge", "2025-014")
    assert (r.code, r.err) == (1, "fout: voor 'regie purge' is git-filter-repo nodig: installeer het met 'pip install "
                                  "git-filter-repo' (of 'pip install regie[purge]')\n")
    monkeypatch.setenv("REGIE_LOCK_WAIT", "0")
    fd = os.open(repo / ".git/regie/lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, b'{"pid": 4242, "command": "afspraak", "since": "2041-06-01T09:00:00"}')
        r = cli("-C", str(repo), "--today", "2041-06-01", "purge", "2025-014")
    finally:
        os.close(fd)
    assert (r.code, r.err) == (1, "fout: de repository wordt gewijzigd door proces 4242 (regie afspraak, sinds "
                                  "2041-06-01T09:00:00); probeer het zo opnieuw\n")
    assert _state(repo) == before and (repo / C).is_dir()


def test_validate_checks_the_record_of_erasures(cli, repo):
    (repo / "vernietigd.yaml").write_text("vernietigd:\n  - casus: 2025-014\n    datum: 2041-06-01\n    voortijdig: false\n"
                                          "  - casus: 2025-014\n    datum: 2041-06-02\n    voortijdig: false\n")
    r = cli("-C", str(repo), "--today", "2041-06-01", "validate")
    assert "vernietigd.yaml:2: [vernietigd-bestaat-nog] casus 2025-014 staat als vernietigd geboekt, maar de map " \
           "casussen/2025-014 bestaat nog\n" in r.out, r
    assert "vernietigd.yaml:5: [vernietigd-dubbel] casus 2025-014 staat meer dan eens in de lijst" in r.out
    (repo / "vernietigd.yaml").write_text("vernietigd: 5\n")
    r = cli("-C", str(repo), "--today", "2041-06-01", "validate")
    assert r.code == 1 and "vernietigd.yaml:1: [schema] vernietigd moet een lijst zijn, niet 5\n" in r.out, r


# ---------------------------------------------------------------- every place the case survives in


# Budget: two exports and one purge (a git-filter-repo run and a gc); about 3 s here.
@pytest.mark.slow
def test_purge_cleans_every_place_and_the_old_path_of_a_folder_renamed_by_hand(cli, repo):
    # renamed by hand, and back: the history holds the case at archief/2025-014 too
    git(repo, "mv", C, "archief")
    git(repo, "commit", "-qm", "opgeruimd")
    (repo / "archief" / "casus.yaml").write_text((repo / "archief" / "casus.yaml").read_text() + "# oud pad\n")
    git(repo, "commit", "-qam", "oud")
    (repo / "casussen").mkdir(exist_ok=True)
    git(repo, "mv", "archief", C)
    git(repo, "commit", "-qm", "terug")
    (repo / ".gitignore").write_text("export/\n*.bak\n")
    git(repo, "add", ".gitignore")
    git(repo, "commit", "-qm", "negeren")
    blobs = _case_blobs(repo) | set(git(repo, "log", "--all", "--format=", "--raw", "--no-abbrev", "--", "archief").split())
    blobs = {b for b in blobs if len(b) == 40 and b != "0" * 40}
    (repo / "export").mkdir()
    assert cli("-C", str(repo), "--today", "2041-06-01", "export", "2025-014", "--html", "-o",
               str(repo / "export/inzage-2025-014.html")).code == 0
    (repo / "export/inzage-2026-001.html").write_text("een andere casus\n")
    (repo / C / "aantekening.bak").write_text("genegeerd, maar van de casus\n")
    stale = repo / ".git/regie/op/999999999-2026-01-01"
    shutil.copytree(repo / C, stale / C)  # a copy of an earlier day left by a killed command
    git(repo, "commit", "-q", "--allow-empty", "-m", "leeg")
    git(repo, "reset", "-q", "--hard", "HEAD~1")  # the reflog and ORIG_HEAD hold commits with the case

    r = cli("-C", str(repo), "--today", "2041-06-01", "purge", "2025-014")
    assert r.code == 0, r
    assert "ook weg: " in r.err and "genegeerd bestand export/inzage-2025-014.html verwijderd" in r.err, r
    _erased(repo, blobs)
    assert not git(repo, "log", "--all", "--format=%h", "--", "archief")
    assert not (repo / "archief").exists() and not (repo / "export/inzage-2025-014.html").exists()
    assert (repo / "export/inzage-2026-001.html").exists()
    assert not (repo / ".git/regie/op").exists()
    assert not git(repo, "reflog", "--all").count("leeg")
    assert cli("-C", str(repo), "--today", "2041-06-01", "validate").code == 0


# Budget: three purges (one git-filter-repo run, three gc runs) and a list; about 3 s here.
@pytest.mark.slow
def test_a_blob_kept_alive_stops_the_purge_until_it_is_gone(cli, repo):
    blob = git(repo, "rev-parse", f"HEAD:{C}/plan.md").strip()
    git(repo, "tag", "bewaard", blob)  # a tag on the case's plan: git-filter-repo leaves it
    r = cli("-C", str(repo), "--today", "2041-06-01", "purge", "2025-014")
    assert r.code == 1, r
    assert r.err == (f"fout: casus 2025-014 is niet overal weg: object {blob[:12]} van de casus is nog in .git: vastgehouden "
                     "door refs/tags/bewaard. Er is niets vastgelegd in vernietigd.yaml; los dit op en draai 'regie purge "
                     "2025-014' opnieuw om het af te maken\n")
    assert "verwijderd" not in r.err and "vernietigd:" not in r.err
    assert not (repo / "vernietigd.yaml").exists()
    assert not git(repo, "log", "--all", "--format=%h", "--", C)  # history is rewritten: that cannot wait
    r = cli("-C", str(repo), "--today", "2041-06-01", "list")
    assert r.code == 0 and "waarschuwing: de vernietiging van casus 2025-014 is niet af: object " in r.err, r
    r = cli("-C", str(repo), "--today", "2041-06-01", "purge", "2025-014")
    assert r.code == 1 and "vastgehouden door refs/tags/bewaard" in r.err and "onbekende casus" not in r.err, r
    git(repo, "tag", "-d", "bewaard")
    r = cli("-C", str(repo), "--today", "2041-06-01", "purge", "2025-014")
    assert r.code == 0 and "casus 2025-014 vernietigd: de afgebroken vernietiging is afgemaakt" in r.err, r
    assert blob not in _ids(repo) and UNIQUE not in _store(repo)
    assert "casus: 2025-014\n" in (repo / "vernietigd.yaml").read_text()


# ---------------------------------------------------------------- kill -9 at every step


def _children(pid: int) -> list[str]:
    names = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                names.append(stat.read_text().split("(", 1)[1].rsplit(")", 1)[0])
        except (OSError, IndexError, ValueError):
            pass
    return names


def _kill_when(repo: Path, seen) -> int:
    """Start a purge and kill -9 it as soon as ``seen(pid)`` is true."""
    proc = subprocess.Popen([REGIE, "-C", str(repo), "purge", "2025-014"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=_env(), stdin=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while proc.poll() is None and not seen(proc.pid):
        assert time.monotonic() < deadline, "the moment never came"
        time.sleep(0.002)
    os.kill(proc.pid, signal.SIGKILL)
    return proc.wait()


# Budget: 6 kill points x (a killed purge and the next command, each a git-filter-repo run and a gc), about 40 s here.
@pytest.mark.slow
@pytest.mark.parametrize("point, then", [
    ("voornemen", ["validate"]),
    ("tijdens-filter-repo", ["list"]),
    ("herschreven", ["purge", "2025-014"]),
    ("opgeruimd", ["overdue"]),
    ("vastleggen", ["show", "2026-001"]),
    ("tijdens-vastleggen", ["agenda"]),
])
def test_a_purge_killed_at_any_step_is_finished_by_the_next_command(repo, point, then):
    blobs = _case_blobs(repo)
    if point == "tijdens-filter-repo":  # git-filter-repo is running
        code = _kill_when(repo, lambda pid: any("filter-repo" in n for n in _children(pid)))
    elif point == "tijdens-vastleggen":  # the record is being written and committed (the mutation's journal is there)
        code = _kill_when(repo, lambda pid: (repo / ".git/regie/pending.json").exists())
    else:
        code = _run(repo, "purge", "2025-014", REGIE_TEST_KILL_AT=point).returncode
    assert code == -signal.SIGKILL
    assert (repo / ".git/regie/voornemen.json").exists()
    r = _run(repo, *then, REGIE_LOCK_WAIT="120")  # a git-filter-repo still running keeps the lock until it ends
    assert r.returncode == 0, r.stderr
    assert "onbekende casus" not in r.stderr and "Traceback" not in r.stderr
    assert ("waarschuwing: een afgebroken vernietiging van casus 2025-014 is afgemaakt: de casus is uit elke commit en "
            "uit .git verwijderd en vastgelegd in vernietigd.yaml\n") in r.stderr, r
    if then[0] == "purge":
        assert "casus 2025-014 is al vernietigd (zie vernietigd.yaml)" in r.stderr
    _erased(repo, blobs)


def test_erase_works_without_the_command_line_and_records_nothing(repo):
    """What ``regie sync`` needs when another clone's purge arrives: the case id, its paths and blob ids."""
    from regie.work.erase import Erasure, erase

    blobs = _case_blobs(repo)
    done = erase(repo, Erasure("2025-014", ["casussen/2025-014/"], sorted(blobs)))
    assert done.remains == []
    assert not (repo / C).exists() and not blobs & _ids(repo) and UNIQUE not in _store(repo)
    assert not (repo / "vernietigd.yaml").exists() and git(repo, "remote") == "origin\n"
    assert not (repo / ".git/regie/voornemen.json").exists()


def test_a_case_folder_removed_by_hand_is_named_not_unknown(cli, repo):
    git(repo, "rm", "-rq", C)
    git(repo, "commit", "-qm", "weg")
    gone = git(repo, "rev-parse", "--short", "HEAD").strip()
    before = _state(repo)
    r = cli("-C", str(repo), "--today", "2041-06-01", "purge", "2025-014")
    assert (r.code, r.err) == (1, f"fout: casus 2025-014 staat niet in de werkmap, maar nog wel in de geschiedenis; zet de "
                                  f"map terug met 'git restore --source={gone}^ -- {C}' en commit, dan kan 'regie purge' "
                                  "hem helemaal vernietigen\n")
    assert _state(repo) == before


# Budget: one purge (a git-filter-repo run and a gc); about 2 s here.
@pytest.mark.slow
def test_a_blob_in_a_kept_pack_is_found_though_nothing_reaches_it(cli, repo):
    blob = git(repo, "rev-parse", f"HEAD:{C}/plan.md").strip()
    name = subprocess.run(["git", "pack-objects", ".git/objects/pack/pack"], cwd=repo, input=f"{blob}\n", text=True,
                          capture_output=True, check=True).stdout.strip()
    (repo / f".git/objects/pack/pack-{name}.keep").write_text("bewaard\n")  # git gc leaves a kept pack alone
    r = cli("-C", str(repo), "--today", "2041-06-01", "purge", "2025-014")
    assert r.code == 1, r
    assert (f"fout: casus 2025-014 is niet overal weg: object {blob[:12]} van de casus is nog in .git: onbereikbaar maar "
            "niet opgeruimd (een .keep-pak of alternates?)") in r.err, r
    assert not (repo / "vernietigd.yaml").exists()
