"""The dossier as it stood on a date (``regie --op DATUM``): the repository as committed at the end of that day.

A calamity review or an inspection asks what the network knew then, not what the files say now.
The last commit on the current branch made on or before the end of the day (committer date, in
the machine's time zone) is written out with its files into a private folder under
``.git/regie/`` — never in the work tree, never touching the index — and the read command runs on
that copy, with that day as today. The copy is removed when the command ends (also on SIGTERM and
SIGHUP, see ``regie.cli.context``); a copy a killed command left is removed by the next command.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from ..errors import GitError, RegieError, UsageError
from .gitops import git_dir, run, run_bytes
from .places import top_and_prefix
from .transaction import private_dir, state_dir

SNAPSHOT_DIR = "op"  # .git/regie/op/<pid>-<date>/


def commit_on(root: Path, day: dt.date) -> str:
    """The last commit of HEAD made on or before the end of ``day``; a Dutch refusal when there is none."""

    if git_dir(root) is None:
        raise RegieError(f"de repository lezen zoals die op een datum was gaat met de git-geschiedenis, maar {root} is "
                         "geen git-repository", field="op")
    if not run(root, "rev-parse", "-q", "--verify", "HEAD^{commit}", check=False).stdout.strip():
        raise RegieError("de repository lezen zoals die op een datum was gaat met de git-geschiedenis, maar deze "
                         "repository heeft nog geen commit", field="op")
    sha = run(root, "rev-list", "-1", f"--before={day.isoformat()} 23:59:59", "HEAD").stdout.strip()
    if not sha:
        first = run(root, "log", "--reverse", "--format=%cs", "HEAD").stdout.split("\n", 1)[0]
        raise RegieError(f"op {day.isoformat()} was er nog niets gecommit in deze repository (de eerste commit is van {first})")
    return sha


def snapshot(root: Path, day: dt.date) -> tuple[Path, str]:
    """Write the repository as committed at the end of ``day`` into a private folder: (its dossier root, the commit).

    Call :func:`remove` when done.
    """

    sha = commit_on(root, day)
    base = private_dir(state_dir(root) / SNAPSHOT_DIR)
    _remove_stale(base)
    target = base / f"{os.getpid()}-{day.isoformat()}"
    shutil.rmtree(target, ignore_errors=True)
    try:
        private_dir(target)
        # the dossier may sit in a folder of a larger repository; the tree is named from the top
        top, prefix = top_and_prefix(root)
        _write_tree(top, f"{sha}:{prefix.rstrip('/')}" if prefix else sha, target)
    except GitError:
        remove(target)
        raise RegieError(f"kan commit {sha[:12]} niet lezen (de map bestond toen misschien nog niet)") from None
    except OSError as exc:
        remove(target)
        raise RegieError(f"kan de repository van {day.isoformat()} niet uitpakken ({exc.strerror})") from None
    except BaseException:  # a signal (SIGTERM, SIGHUP, ^C) while writing: no copy stays behind
        remove(target)
        raise
    return target, sha


def _write_tree(top: Path, tree: str, target: Path) -> None:
    """Every file of ``tree`` written under ``target``, straight from the object store.

    Not ``git archive``: that honours ``export-ignore`` and ``export-subst`` from the committed
    ``.gitattributes``, so a line there could hide a file (an open escalation) from the past.
    A link is kept only when it points inside the copy; a submodule is left out.
    """
    entries = []
    for item in run_bytes(top, "ls-tree", "-r", "-z", "--full-tree", tree, input=b"").split(b"\0"):
        if item:
            meta, _, name = item.partition(b"\t")
            mode, kind, oid = meta.decode().split(" ")
            if kind == "blob":
                entries.append((mode, oid, os.fsdecode(name)))
    data = run_bytes(top, "cat-file", "--batch", input="".join(f"{oid}\n" for _, oid, _ in entries).encode())
    at = 0
    for mode, _, path in entries:
        eol = data.index(b"\n", at)
        size = int(data[at:eol].split(b" ")[2])
        body, at = data[eol + 1:eol + 1 + size], eol + 1 + size + 1
        parts = path.split("/")
        if path.startswith("/") or ".." in parts or "" in parts:
            continue
        dest = target.joinpath(*parts)
        dest.parent.mkdir(parents=True, exist_ok=True)
        if mode == "120000":
            link = os.fsdecode(body)
            if not link.startswith("/") and ".." not in link.split("/"):
                os.symlink(link, dest)
            continue
        dest.write_bytes(body)
        if mode == "100755":
            dest.chmod(0o755)


def remove(folder: Path) -> None:
    """Remove a copy, and the folder of copies when it is empty."""
    shutil.rmtree(folder, ignore_errors=True)
    try:
        folder.parent.rmdir()
    except OSError:  # another --op is running, or it is gone already
        pass


def remove_own(root: Path) -> None:
    """Every copy this process made (also one it was stopped from handing back by a signal)."""
    base = state_dir(root) / SNAPSHOT_DIR
    if base.is_dir():
        for entry in base.glob(f"{os.getpid()}-*"):
            remove(entry)


def remove_stale(root: Path) -> None:
    """For any command: the copies that killed ``--op`` commands left behind."""
    base = state_dir(root) / SNAPSHOT_DIR
    if base.is_dir():
        _remove_stale(base)
        try:
            base.rmdir()
        except OSError:  # a live --op is using its copy
            pass


def _remove_stale(base: Path) -> None:
    """Copies that a killed ``--op`` left behind (their process is gone)."""
    for entry in base.iterdir():
        pid = entry.name.split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def check_day(day: dt.date, today: dt.date) -> None:
    if day > today:
        raise UsageError(f"de datum {day.isoformat()} ligt in de toekomst (vandaag is {today.isoformat()})", field="op")
