"""One writer at a time, and no half-done change after a crash.

Every mutating command runs inside :func:`session`: an exclusive lock on the repository
(``flock`` on ``.git/regie/lock``, holding the process id and the command) from reading
the case to committing it. The kernel drops the lock when the process dies, so the lock
of a killed process is simply taken over.

Before a mutation writes, it records a journal (``.git/regie/pending.json``): the paths it
will write, a copy of each file as it was, its index entry and HEAD. When a command finds
a journal whose writer is gone, it rolls the change back (files, index, temporary files,
a half-made case folder), or, when the commit had already been made, only tidies up; and
says what it did. Machine state lives under ``.git/regie/``, never in the work tree.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import hashlib
import json
import logging
import os
import shutil
import stat
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Concatenate, Iterator, ParamSpec, Sequence, TypeVar

from ..errors import RegieError, UsageError
from . import gitops
from .files import remove_temp_files, write_bytes_atomic, write_error
from .gitops import check_ready, git_dir
from .private import RECORDS, remove_leftovers

log = logging.getLogger("regie")

LOCK_FILE = "lock"
JOURNAL_FILE = "pending.json"
BACKUP_DIR = "backup"
SYNC_STATE = "sync.json"  # a regie sync that stopped on a conflict (regie.work.conflicts)
EDIT_DIR = RECORDS  # the records of private folders in which a user edits (regie.store.private)
DEFAULT_WAIT = 10.0  # seconds a second command waits for the lock


class LockBusy(RegieError):
    """Another regie command is changing the repository."""


def state_dir(root: Path) -> Path:
    """Where regie keeps its machine state for ``root``: ``.git/regie/`` (or a private temp folder without git)."""

    gd = git_dir(root)
    if gd is not None:
        return gd / "regie"
    digest = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / f"regie-{os.getuid()}-{digest}"
    _owned_and_private(folder)
    return folder


def _owned_and_private(folder: Path) -> None:
    """A folder at a name others can guess (in the shared temp folder) must be ours alone, or absent: someone
    else's folder, or a link planted there, would see (or redirect) regie's state."""
    try:
        st = folder.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise RegieError(f"kan de werkmap van regie niet lezen ({exc.strerror})", path=str(folder)) from None
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o077:
        raise RegieError("de werkmap van regie is er al, maar is niet van u alleen (een link, een bestand, of van een "
                         "ander); verwijder hem, of werk in een git-repository", path=str(folder))


def private_dir(path: Path) -> Path:
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise RegieError(f"kan de werkmap van regie niet maken ({exc.strerror})", path=str(path)) from None
    return path


def _wait_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get("REGIE_LOCK_WAIT", DEFAULT_WAIT)))
    except ValueError:
        return DEFAULT_WAIT


# ---------------------------------------------------------------- the lock


@dataclass
class _Held:
    root: Path
    fd: int
    command: str
    allow_own_changes: bool
    depth: int = 1


_held: _Held | None = None
_allow_own_changes_default = False
_read_only: str | None = None  # why changes are refused in this process (regie --op), or None


def check_writable() -> None:
    if _read_only is not None:
        raise UsageError(_read_only)


def refuse_changes(reason: str | None) -> None:
    """Refuse every mutating session from now on, with ``reason`` (None: allow them again)."""
    global _read_only
    _read_only = reason

@contextmanager
def finishing() -> Iterator[None]:
    """Let this process finish what a killed one began (a purge's erasure) even where it may not change anything
    of its own (``--op``): leaving it half-done would be worse."""
    global _read_only
    saved, _read_only = _read_only, None
    try:
        yield
    finally:
        _read_only = saved


P = ParamSpec("P")
R = TypeVar("R")


def allow_own_changes_by_default(value: bool) -> None:
    """Set by the command line's ``--met-eigen-wijzigingen`` for this process."""
    global _allow_own_changes_default
    _allow_own_changes_default = value


def exclusive(command: str) -> Callable[[Callable[Concatenate[Path, P], R]], Callable[Concatenate[Path, P], R]]:
    """Run a core mutation ``fn(root, ...)`` whole (read, write, validate, commit) under the lock."""

    def wrap(fn: Callable[Concatenate[Path, P], R]) -> Callable[Concatenate[Path, P], R]:
        import functools

        @functools.wraps(fn)
        def run(root: Path, *args: P.args, **kwargs: P.kwargs) -> R:
            with session(root, command):
                return fn(root, *args, **kwargs)

        return run

    return wrap


def _holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        info = json.loads(os.read(fd, 4096).decode("utf-8") or "{}")
        return f"proces {info.get('pid', '?')} (regie {info.get('command', '?')}, sinds {info.get('since', '?')})"
    except (OSError, ValueError):
        return "een ander regie-proces"


def _acquire(root: Path, command: str, wait: float) -> int:
    path = private_dir(state_dir(root)) / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise RegieError(f"kan het slot van de repository niet openen ({exc.strerror})", path=str(path)) from None
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                os.close(fd)
                raise RegieError(f"kan de repository niet vergrendelen ({exc.strerror})", path=str(path)) from None
            if time.monotonic() >= deadline:
                who = _holder(fd)
                os.close(fd)
                raise LockBusy(f"de repository wordt gewijzigd door {who}; probeer het zo opnieuw", code="slot") from None
            if not told:
                log.info(f"wacht tot {_holder(fd)} klaar is ...")
                told = True
            time.sleep(0.05)
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    since = dt.datetime.now().isoformat(timespec="seconds")
    os.write(fd, json.dumps({"pid": os.getpid(), "command": command, "since": since}).encode())
    return fd


@contextmanager
def session(root: Path, command: str, *, allow_own_changes: bool | None = None, wait: float | None = None,
            mutating: bool = True) -> Iterator[None]:
    """Hold the repository's lock for ``command``; a pending journal of a dead writer is rolled back first.

    A mutating session also checks that git is in a state to commit, before the command reads anything.

    Nested sessions in one process share the lock (the outer one's settings count).
    """
    global _held
    if mutating:
        check_writable()
    if _held is not None and _held.root == root:
        _held.depth += 1
        try:
            yield
        finally:
            _held.depth -= 1
        return
    fd = _acquire(root, command, _wait_seconds() if wait is None else wait)
    _held = _Held(root, fd, command, _allow_own_changes_default if allow_own_changes is None else allow_own_changes)
    try:
        recover(root)
        remove_leftovers(state_dir(root))  # an edit a killed process left (decrypted identity text among them)
        if mutating:
            if (state_dir(root) / SYNC_STATE).exists():
                raise RegieError("er loopt nog een 'regie sync' die stopte op een conflict: los het op en ga verder met "
                                 "'regie sync --verder', of zet alles terug zoals het was met 'regie sync --afbreken'",
                                 code="sync")
            if git_dir(root) is not None:
                check_ready(root)  # a merge or rebase under way, no identity, ...: before anything is read
        yield
    finally:
        _held = None
        os.close(fd)  # closing the file drops the lock


def lock_fd() -> int | None:
    """The file descriptor holding the lock (for a child process that must keep it after a crash of this one)."""
    return _held.fd if _held is not None else None


def allow_own_changes() -> bool:
    """Whether the running session may change files that hold the user's uncommitted work."""
    return bool(_held and _held.allow_own_changes)


def recover_if_pending(root: Path) -> None:
    """For any command: remove what a killed edit left, and roll back a journal left by a killed writer, if no writer
    is running now."""
    remove_leftovers(state_dir(root))
    if not (state_dir(root) / JOURNAL_FILE).exists() or (_held is not None and _held.root == root):
        return
    try:
        with session(root, "herstel", wait=0, mutating=False):
            pass
    except LockBusy:
        pass  # a live mutation is running; its journal is not stale


# ---------------------------------------------------------------- the journal


@dataclass
class Journal:
    """What one mutation is about to write, so that a crash can be undone."""

    root: Path
    command: str
    message: str
    paths: list[str]  # repo-relative files the mutation writes
    new_dirs: list[str] = field(default_factory=list)  # folders it creates whole (a new case)
    existed: list[str] = field(default_factory=list)  # which of ``paths`` had a file, backed up
    index: dict[str, str] = field(default_factory=dict)  # index entries before
    head: str | None = None
    git: bool = True
    pid: int = 0

    @property
    def file(self) -> Path:
        return state_dir(self.root) / JOURNAL_FILE


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _backup_name(rel: str) -> str:
    return hashlib.sha256(rel.encode()).hexdigest()


@contextmanager
def journal(root: Path, message: str, paths: list[Path], *, new_dirs: Sequence[Path] = (), git: bool = True) -> Iterator[Journal]:
    """Record ``paths`` (and new folders) before they are written; the record goes when the body ends.

    If the body raises, its own undo runs first (the caller's); the journal is removed
    either way, since the process is alive to clean up. Only a killed process leaves it.
    """

    sd = private_dir(state_dir(root))
    j = Journal(root, _held.command if _held else "?", message, [_rel(root, p) for p in paths],
                [_rel(root, d) for d in new_dirs], git=git, pid=os.getpid())
    shutil.rmtree(sd / BACKUP_DIR, ignore_errors=True)
    private_dir(sd / BACKUP_DIR)
    if git:
        j.head = gitops.head_info(root)[0]
        j.index = gitops.index_entries(root, [root / r for r in j.paths])
    try:
        for rel in j.paths:
            path = root / rel
            if path.is_file() and not path.is_symlink():
                shutil.copyfile(path, sd / BACKUP_DIR / _backup_name(rel))
                j.existed.append(rel)
        _write_json(j.file, {k: v for k, v in j.__dict__.items() if k != "root"})
    except (OSError, RegieError) as exc:
        j.file.unlink(missing_ok=True)
        shutil.rmtree(sd / BACKUP_DIR, ignore_errors=True)
        if isinstance(exc, RegieError):
            raise
        raise write_error(j.file, exc) from None
    try:
        yield j
    finally:
        j.file.unlink(missing_ok=True)
        shutil.rmtree(sd / BACKUP_DIR, ignore_errors=True)


def _write_json(path: Path, data: dict) -> None:
    write_bytes_atomic(path, json.dumps(data).encode("utf-8"))


def _remove_temp_files(j: Journal) -> list[str]:
    """The temporary files a killed write left beside its targets, and half-made folders."""
    done = []
    for rel in j.paths:
        target = j.root / rel
        if remove_temp_files(target.parent, target.name):
            done.append(f"tijdelijk bestand bij {rel} verwijderd")
    for rel in j.new_dirs:
        folder = j.root / rel
        if remove_temp_files(folder.parent, folder.name):
            done.append(f"half aangemaakte map {rel} verwijderd")
    return done


def _undo(j: Journal, sd: Path) -> list[str]:
    """Every file back as the journal recorded it, new folders gone, the index as it was."""
    done = []
    for rel in j.paths:
        target = j.root / rel
        if rel in j.existed:
            backup = sd / BACKUP_DIR / _backup_name(rel)
            if backup.exists():
                write_bytes_atomic(target, backup.read_bytes())
                done.append(f"{rel} hersteld")
        elif target.exists() or target.is_symlink():
            target.unlink()
            done.append(f"{rel} verwijderd")
    for rel in j.new_dirs:
        folder = j.root / rel
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)
            done.append(f"onvolledige map {rel} verwijderd")
    if j.git:
        gitops.restore_index(j.root, j.paths, j.index)
    return done


def recover(root: Path) -> list[str]:
    """Undo (or finish tidying) the mutation a killed process left in the journal; the lock must be held.

    Returns what was done, also logged as one warning for the user.
    """

    sd = state_dir(root)
    path = sd / JOURNAL_FILE
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        j = Journal(root=root, **data)
    except (OSError, ValueError, TypeError):
        path.unlink(missing_ok=True)
        log.warning("een onleesbaar herstelbestand van regie is verwijderd")
        return []
    if j.git:
        gitops.check_index_lock(root)  # git may still be finishing what the dead process started
    committed = False
    if j.git:
        head, parent, subject = gitops.head_info(root)
        committed = head is not None and head != j.head and parent == j.head and subject == j.message
    done = _remove_temp_files(j)
    if not committed:
        done += _undo(j, sd)
    path.unlink(missing_ok=True)
    shutil.rmtree(sd / BACKUP_DIR, ignore_errors=True)
    what = "was al gecommit; restanten opgeruimd" if committed else "is teruggedraaid"
    summary = f"een afgebroken opdracht (regie {j.command}, proces {j.pid}) {what}" + (f": {'; '.join(done)}" if done else "")
    log.warning(summary)
    return done

