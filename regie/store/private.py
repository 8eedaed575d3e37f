"""Private folders for text that may exist in plain only while a person edits it (a decrypted identity, a note).

A folder is made with :func:`tempfile.mkdtemp` (mode 0700, only this user can enter it)
outside the repository, and removed with everything in it — the editor's backups
(``identiteit.yaml~``, ``.identiteit.yaml.swp``, ``#identiteit.yaml#``) too — on every
way out: a normal end, an error, Ctrl-C, and SIGTERM or SIGHUP, which end the command
with the conventional code (128 + the signal's number) after the folder is gone.

A ``kill -9`` cannot be caught. So each folder is recorded, while it exists, in the
repository's state folder (``.git/regie/bewerken/<folder name>``, holding the process
id and the folder's path), and every regie command starts with
:func:`remove_leftovers`: one check that the record folder is there, and when it is,
the folders of processes that are gone are removed.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

RECORDS = "bewerken"  # under the state folder: one file per private folder in use
PREFIX = "regie-bewerken-"
_SIGNALS = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None)
_active: set[str] = set()  # the folders of this process that are in use (their records are not stale)


@contextmanager
def private_folder(state: Path) -> Iterator[Path]:
    """A new private folder, recorded under ``state`` and removed with all it holds when the block ends, however."""

    records = state / RECORDS
    folder: Path | None = None
    got: list[int] = []
    cleaning = False

    def stop(signum: int, _frame: Any) -> None:
        if cleaning:  # the folder is being removed: finish that first, then end
            got.append(signum)
            return
        raise SystemExit(128 + signum)

    previous = _install(stop)
    try:
        state.mkdir(mode=0o700, parents=True, exist_ok=True)
        records.mkdir(mode=0o700, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=PREFIX))
        _active.add(str(folder))
        (records / folder.name).write_text(f"{os.getpid()}\n{folder}\n", encoding="utf-8")
        yield folder
    finally:
        cleaning = True
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
            (records / folder.name).unlink(missing_ok=True)
            _active.discard(str(folder))
            _tidy(records)
        _install(previous)
        if got:
            raise SystemExit(128 + got[0])


def _install(handlers: Any) -> dict:
    """Set ``handlers`` (one function for all, or a dict per signal) for SIGTERM and SIGHUP; returns the ones before.

    Outside the main thread nothing is set (Python allows handlers only there)."""
    before: dict = {}
    for sig in _SIGNALS:
        try:
            handler = handlers[sig] if isinstance(handlers, dict) else handlers
            before[sig] = signal.signal(sig, signal.SIG_DFL if handler is None else handler)
        except (ValueError, OSError, KeyError):
            pass
    return before


def remove_leftovers(state: Path) -> None:
    """Remove the private folders that processes now gone left (a ``kill -9`` during an edit); cheap when there are none.

    Anything else in the record folder (a plain file an older regie left there) goes too.
    """
    records = state / RECORDS
    if not records.is_dir():
        return
    try:
        entries = list(os.scandir(records))
    except OSError:
        return
    for entry in entries:
        pid, folder = _read(Path(entry.path))
        if folder is not None and pid is not None and _in_use(pid, folder):
            continue
        if folder is not None and folder.name == entry.name:
            _remove_folder(folder)
        _remove(Path(entry.path))
    _tidy(records)


def _read(record: Path) -> tuple[int | None, Path | None]:
    """(process id, folder) of a record; (None, None) when it is not one."""
    if not record.name.startswith(PREFIX):
        return None, None
    try:
        pid, path = record.read_text(encoding="utf-8").splitlines()[:2]
        return int(pid), Path(path)
    except (OSError, ValueError, UnicodeDecodeError):
        return None, None


def _in_use(pid: int, folder: Path) -> bool:
    """Whether the process that made ``folder`` may still be editing in it."""
    if pid == os.getpid():
        return str(folder) in _active
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists (another user's process: not ours to judge)
    return True


def _remove_folder(folder: Path) -> None:
    """Remove a recorded folder: only an absolute path to a real folder (not a link) of this user, named as regie names
    them."""
    try:
        st = os.lstat(folder)
    except OSError:
        return
    if folder.is_absolute() and folder.name.startswith(PREFIX) and stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid():
        shutil.rmtree(folder, ignore_errors=True)


def _remove(path: Path) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass


def _tidy(records: Path) -> None:
    """Remove the record folder when it is empty (then the next command's check is a single failed stat)."""
    try:
        records.rmdir()
    except OSError:
        pass
