"""The read cache: per case, what a command computed from it, valid while the case's files are unchanged.

A command that reads every case (``validate``, ``overdue``, ``list``, ``agenda``,
``report``, ``retention``) asks, per case, for the result of one *job* (a function of the
case, the network and the command's arguments). The cache keeps that result together
with the case's **fingerprint**: name, size, mtime, ctime and inode of every file and
folder in the case folder. A result is used only when the fingerprint, the job's
arguments (which include ``regie.yaml``'s bytes and the date) and regie itself
(version, code and schemas) are the same as when it was stored. Anything else — a
new day, a changed ``regie.yaml``, an upgrade, one edited file — recomputes, from the
parsed case kept in the cache when only the arguments changed, or from the files.

Like git's index, a file changed within the last seconds is *racy*: its timestamp cannot
tell two writes in the same clock tick apart, so a case with such a file is never
stored. The cache lives in ``.git/regie/`` (never in the work tree, never committed;
the folder is private to the user) as one SQLite file; any error reading or writing it
means "no cache", never a wrong answer.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import sqlite3
import time
from pathlib import Path
from stat import S_ISDIR
from typing import Any, Iterable

import regie

from ..store.gitops import git_dir
from ..store.transaction import state_dir

FORMAT = 1
RACY_SECONDS = 3  # a file changed this recently is not trusted by its timestamp
_NS = 1_000_000_000


def code_key() -> str:
    """Identity of the regie that computes: version, and size and mtime of every module and schema."""

    base = Path(regie.__file__).parent
    parts: list[Any] = [regie.__version__, FORMAT]
    for dirpath, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".json", ".yaml")):
                st = os.stat(os.path.join(dirpath, name))
                parts.append((os.path.relpath(os.path.join(dirpath, name), base), st.st_size, st.st_mtime_ns))
    return hashlib.blake2b(marshal.dumps(tuple(parts)), digest_size=16).hexdigest()


def fingerprint(folder: str, hint: bytes | None = None) -> tuple[bytes, bool, bytes | None]:
    """(identity of everything in a case folder, racy?, its listing to pass as ``hint`` next time).

    One stat per file and folder. Sub-folders (evaluaties/, journaal/) are included one level
    down; a link is noted as a link, never followed.

    Which names a folder holds is read from the folder (a directory read), unless ``hint``
    has the names of a folder whose inode, mtime and ctime are still the ones they had
    then: adding, removing or renaming an entry changes a folder's mtime and ctime (the
    kernel sets ctime; no program can set it back), and a listing is only handed out
    when nothing in the folder, the folder included, changed in the last RACY_SECONDS.
    The result is the same either way; the hint only spares the directory reads, about
    half the system calls of a warm read. An entry that is gone when its name is stat-ed
    means the hint is stale: that folder is read after all.
    """
    listing: dict[str, tuple] = {}
    known: dict = marshal.loads(hint) if hint else {}
    try:
        st = os.lstat(folder)
    except OSError as exc:
        return hashlib.blake2b(pickle.dumps([(".", "!", exc.errno)], 5), digest_size=16).digest(), False, None
    parts: list[tuple] = [(".", st.st_mode, st.st_ino, st.st_mtime_ns, st.st_ctime_ns)]
    newest = 0
    complete = True
    fresh = False  # a folder was read: the listing is new
    stack = [("", folder, True, st)]
    append = parts.append
    lstat = os.lstat
    while stack:
        pre, where, top, dst = stack.pop()
        newest = max(newest, dst.st_mtime_ns, dst.st_ctime_ns)
        ident = (dst.st_ino, dst.st_mtime_ns, dst.st_ctime_ns)
        entries = None
        old = known.get(pre)
        if old is not None and old[0] == ident:
            try:
                entries = [(name, lstat(f"{where}/{name}")) for name in old[1]]
            except OSError:
                entries = None  # changed while we looked: read the folder
        if entries is None:
            fresh = True
            entries = []
            try:
                with os.scandir(where) as it:
                    for e in it:
                        try:
                            entries.append((e.name, e.stat(follow_symlinks=False)))
                        except OSError as exc:
                            append((pre + e.name, "!", exc.errno))
                            complete = False
            except OSError as exc:
                append((pre, "!", exc.errno))
                complete = False
                continue
        listing[pre] = (ident, [name for name, _ in entries])
        for name, st in entries:
            mtime, ctime = st.st_mtime_ns, st.st_ctime_ns
            if mtime > newest:
                newest = mtime
            if ctime > newest:
                newest = ctime
            append((pre + name, st.st_mode, st.st_size, mtime, ctime, st.st_ino))
            if top and S_ISDIR(st.st_mode):
                stack.append((pre + name + "/", f"{where}/{name}", False, st))
    parts.sort(key=_first)  # every path occurs once: the order is that of the names
    racy = newest >= time.time_ns() - RACY_SECONDS * _NS
    # pickle, not marshal: marshal's bytes for equal data differ with how often a string is
    # referenced elsewhere; pickle's depend only on the data (every name occurs once)
    fp = hashlib.blake2b(pickle.dumps(parts, 5), digest_size=16).digest()
    if not complete or racy:
        return fp, racy, None
    if not fresh and listing.keys() == known.keys():
        return fp, racy, hint  # the same listing: the same bytes, nothing to store
    return fp, racy, marshal.dumps(listing)


def _first(part: tuple) -> str:
    return part[0]


class Cache:
    """The results of jobs per case, in ``.git/regie/cache-<root>.sqlite``; None-safe: failures disable it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db: sqlite3.Connection | None = None
        self._pending: list[tuple] = []
        self._listings: list[tuple[str, bytes]] = []
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fresh = not path.exists()
            self.db = sqlite3.connect(path, timeout=2.0, isolation_level=None, check_same_thread=False)
            if fresh:
                os.chmod(path, 0o600)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=OFF")
            self.db.execute("CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT)")
            self.db.execute("CREATE TABLE IF NOT EXISTS results (id TEXT, job TEXT, args BLOB, fp BLOB, value BLOB,"
                            " PRIMARY KEY (id, job))")
            self.db.execute("CREATE TABLE IF NOT EXISTS models (id TEXT PRIMARY KEY, fp BLOB, value BLOB)")
            self.db.execute("CREATE TABLE IF NOT EXISTS listings (id TEXT PRIMARY KEY, value BLOB)")
            key = code_key()
            row = self.db.execute("SELECT v FROM meta WHERE k = 'code'").fetchone()
            if row is None or row[0] != key:  # another regie: its results do not count
                self.db.execute("BEGIN IMMEDIATE")
                self.db.execute("DELETE FROM results")
                self.db.execute("DELETE FROM models")
                self.db.execute("DELETE FROM listings")
                self.db.execute("INSERT OR REPLACE INTO meta VALUES ('code', ?)", (key,))
                self.db.execute("COMMIT")
        except (sqlite3.Error, OSError):
            self.close()

    @property
    def usable(self) -> bool:
        return self.db is not None

    def results(self, job: str) -> dict[str, tuple[bytes, bytes, bytes]]:
        """Case id -> (args, fingerprint, value) of every stored result of ``job``."""
        if self.db is None:
            return {}
        try:
            return {r[0]: (r[1], r[2], r[3]) for r in self.db.execute("SELECT id, args, fp, value FROM results WHERE job = ?", (job,))}
        except sqlite3.Error:
            self.close()
            return {}

    def listings(self) -> dict[str, bytes]:
        """Case id -> the listing of its folders as last seen (see :func:`fingerprint`)."""
        return self._by_id("SELECT id, value FROM listings")

    def put_listing(self, case_id: str, listing: bytes) -> None:
        self._listings.append((case_id, listing))
        if len(self._listings) >= 2000:
            self.flush()

    def models(self) -> dict[str, bytes]:
        """Case id -> fingerprint of every parsed case kept."""
        return self._by_id("SELECT id, fp FROM models")

    def _by_id(self, query: str) -> dict[str, bytes]:
        """The (id, value) rows of ``query`` as a dict; empty (and the cache off) on any error."""
        if self.db is None:
            return {}
        try:
            return dict(self.db.execute(query))
        except sqlite3.Error:
            self.close()
            return {}

    def count(self) -> int:
        """How many cases have a parsed copy here."""
        try:
            return self.db.execute("SELECT count(*) FROM models").fetchone()[0] if self.db else 0
        except sqlite3.Error:
            return 0

    def model(self, case_id: str, fp: bytes) -> bytes | None:
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT fp, value FROM models WHERE id = ?", (case_id,)).fetchone()
        except sqlite3.Error:
            self.close()
            return None
        return row[1] if row and row[0] == fp else None

    def put(self, case_id: str, job: str, args: bytes, fp: bytes, value: bytes, model: bytes | None) -> None:
        self._pending.append((case_id, job, args, fp, value, model))
        if len(self._pending) >= 250:  # in batches: one transaction each, and little held in memory
            self.flush()

    def flush(self, *, keep: Iterable[str] | None = None) -> None:
        """Write what was put; with ``keep`` (all case ids there are), forget cases that are gone."""
        pending, self._pending = self._pending, []
        listings, self._listings = self._listings, []
        if self.db is None or (not pending and not listings and keep is None):
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany("INSERT OR REPLACE INTO listings VALUES (?, ?)", listings)
            self.db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?)", [p[:5] for p in pending])
            self.db.executemany("INSERT OR REPLACE INTO models VALUES (?, ?, ?)",
                                [(p[0], p[3], p[5]) for p in pending if p[5] is not None])
            if keep is not None:
                self.db.execute("CREATE TEMP TABLE IF NOT EXISTS present (id TEXT PRIMARY KEY)")
                self.db.execute("DELETE FROM present")
                self.db.executemany("INSERT OR IGNORE INTO present VALUES (?)", ((k,) for k in keep))
                self.db.execute("DELETE FROM results WHERE id NOT IN (SELECT id FROM present)")
                self.db.execute("DELETE FROM models WHERE id NOT IN (SELECT id FROM present)")
                self.db.execute("DELETE FROM listings WHERE id NOT IN (SELECT id FROM present)")
            self.db.execute("COMMIT")
        except sqlite3.Error:
            self.close()

    def close(self) -> None:
        if self.db is not None:
            try:
                self.db.close()
            except sqlite3.Error:
                pass
        self.db = None


def cache_path(root: Path) -> Path:
    digest = hashlib.blake2b(str(root.resolve()).encode(), digest_size=6).hexdigest()
    return state_dir(root) / f"cache-{digest}.sqlite"


def open_cache(root: Path) -> Cache | None:
    """The cache of ``root``, or None outside a git repository (regie keeps no state in the work tree then)."""

    if git_dir(root) is None:
        return None
    cache = Cache(cache_path(root))
    return cache if cache.usable else None


def clear(root: Path) -> list[Path]:
    """Remove every cache file of this repository; returns what was removed."""

    removed = []
    folder = state_dir(root)
    if folder.is_dir():
        for p in sorted(folder.glob("cache-*.sqlite*")):
            p.unlink(missing_ok=True)
            removed.append(p)
    return removed
