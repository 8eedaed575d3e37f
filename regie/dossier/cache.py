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
the folder is private to the user) as one SQLite file.

A cache cannot lie (issue 29): every row carries a checksum (BLAKE2b) of everything in
it, so a row whose bytes changed on disk — a flipped bit, a half-written page, a hand
edit — is a miss: the case is read from its files again and the row rewritten. Any
error reading or decoding a row is a miss too. A file SQLite cannot use any more (not
a database, a damaged page or schema) is removed and built again, silently. Values are
pickled (they are regie's typed objects: dataclasses, enums, dates), but read back with
an unpickler that cannot import or call anything (see :mod:`regie.dossier.cacherow`).
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
from .cacherow import checksum, sound

FORMAT = 2  # 2: every row has a checksum
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
    known = _known(hint)
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


def _known(hint: bytes | None) -> dict:
    """The listing in ``hint`` (see :func:`fingerprint`); empty when it is not one, so every folder is read."""
    if not hint:
        return {}
    try:
        known = marshal.loads(hint)
        if isinstance(known, dict) and all(_listed(pre, entry) for pre, entry in known.items()):
            return known
    except Exception:  # noqa: BLE001 - bytes that are no listing: read the folders
        pass
    return {}


def _listed(pre: object, entry: object) -> bool:
    """Whether ``pre: entry`` is a folder of a listing: (inode, mtime, ctime), then plain names."""
    return (isinstance(pre, str) and isinstance(entry, tuple) and len(entry) == 2
            and isinstance(entry[0], tuple) and len(entry[0]) == 3 and all(type(n) is int for n in entry[0])
            and isinstance(entry[1], list) and all(isinstance(n, str) and "/" not in n and n not in ("", ".", "..")
                                                   for n in entry[1]))


_TABLES = ("CREATE TABLE results (id TEXT, job TEXT, args BLOB, fp BLOB, value BLOB, sum BLOB, PRIMARY KEY (id, job))",
           "CREATE TABLE models (id TEXT PRIMARY KEY, fp BLOB, value BLOB, sum BLOB)",
           "CREATE TABLE listings (id TEXT PRIMARY KEY, value BLOB, sum BLOB)")
# SQLite's primary result codes that say nothing about the file: busy, locked, out of memory or disk, no permission
_PASSING = {3, 5, 6, 7, 8, 9, 10, 13, 14, 23}


# what reading a damaged file can raise: SQLite's errors, and a message of SQLite that quotes damaged bytes
_ERRORS = (sqlite3.Error, UnicodeError)


def damaged(exc: Exception) -> bool:
    """Whether an error of SQLite means the file itself is unusable (not a database, a damaged page or schema)."""
    if isinstance(exc, UnicodeError):
        return True
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF not in _PASSING


def _text(data: bytes) -> str:
    """Text columns as str even when damaged (a name that is not UTF-8 then fails its checksum, never the query)."""
    return data.decode("utf-8", "surrogateescape")


class Cache:
    """The results of jobs per case, in ``.git/regie/cache-<root>.sqlite``; None-safe: failures disable it.

    A damaged file is removed and made again (once per command); every row read is checked against its checksum.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db: sqlite3.Connection | None = None
        self._pending: list[tuple] = []
        self._listings: list[tuple[str, bytes, bytes]] = []
        self._rebuilt = False
        try:
            self._open()
        except _ERRORS as exc:
            self._failed(exc)
        except OSError:
            self.close()

    def _open(self) -> None:
        path = self.path
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fresh = not path.exists()
        self.db = db = sqlite3.connect(path, timeout=2.0, isolation_level=None, check_same_thread=False)
        db.text_factory = _text
        if fresh:
            os.chmod(path, 0o600)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("PRAGMA cell_size_check=ON")  # a damaged page is an error, not rows made up from it
        db.execute("CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT)")
        key = code_key()
        row = db.execute("SELECT v FROM meta WHERE k = 'code'").fetchone()
        if row is None or row[0] != key:  # another regie (or another format): its results do not count
            db.execute("BEGIN IMMEDIATE")
            for table in ("results", "models", "listings"):
                db.execute(f"DROP TABLE IF EXISTS {table}")
            for create in _TABLES:
                db.execute(create)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('code', ?)", (key,))
            db.execute("COMMIT")

    def _failed(self, exc: Exception) -> None:
        """After an error of SQLite: a damaged file is removed and made again (once); otherwise no cache this time."""
        self.close()
        if not damaged(exc) or self._rebuilt:
            return
        self._rebuilt = True
        try:
            for p in self.path.parent.glob(self.path.name + "*"):  # the database, its -wal and -shm
                p.unlink(missing_ok=True)
            self._open()
        except (*_ERRORS, OSError):
            self.close()

    @property
    def usable(self) -> bool:
        return self.db is not None

    def results(self, job: str) -> dict[str, tuple[bytes, bytes, bytes]]:
        """Case id -> (args, fingerprint, value) of every stored result of ``job`` whose checksum holds."""
        if self.db is None:
            return {}
        out = {}
        try:
            for cid, args, fp, value, digest in self.db.execute(
                    "SELECT id, args, fp, value, sum FROM results WHERE job = ?", (job,)):
                if sound(digest, cid, job, args, fp, value):
                    out[cid] = (args, fp, value)
        except _ERRORS as exc:
            self._failed(exc)
            return {}
        return out

    def listings(self) -> dict[str, bytes]:
        """Case id -> the listing of its folders as last seen (see :func:`fingerprint`), where its checksum holds."""
        if self.db is None:
            return {}
        try:
            return {cid: value for cid, value, digest in self.db.execute("SELECT id, value, sum FROM listings")
                    if sound(digest, cid, value)}
        except _ERRORS as exc:
            self._failed(exc)
            return {}

    def put_listing(self, case_id: str, listing: bytes) -> None:
        self._listings.append((case_id, listing, checksum(case_id, listing)))
        if len(self._listings) >= 2000:
            self.flush()

    def models(self) -> dict[str, bytes]:
        """Case id -> fingerprint of every parsed case kept (checked when the case itself is asked for)."""
        if self.db is None:
            return {}
        try:
            return dict(self.db.execute("SELECT id, fp FROM models"))
        except _ERRORS as exc:
            self._failed(exc)
            return {}

    def count(self) -> int:
        """How many cases have a parsed copy here."""
        try:
            return self.db.execute("SELECT count(*) FROM models").fetchone()[0] if self.db else 0
        except _ERRORS:
            return 0

    def model(self, case_id: str, fp: bytes) -> bytes | None:
        """The parsed case kept for ``case_id`` with fingerprint ``fp``, when there is one and its checksum holds."""
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT fp, value, sum FROM models WHERE id = ?", (case_id,)).fetchone()
        except _ERRORS as exc:
            self._failed(exc)
            return None
        if row is None or row[0] != fp or not sound(row[2], case_id, row[0], row[1]):
            return None
        return row[1]

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
            self.db.executemany("INSERT OR REPLACE INTO listings VALUES (?, ?, ?)", listings)
            self.db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?)",
                                [(*p[:5], checksum(*p[:5])) for p in pending])
            self.db.executemany("INSERT OR REPLACE INTO models VALUES (?, ?, ?, ?)",
                                [(p[0], p[3], p[5], checksum(p[0], p[3], p[5])) for p in pending if p[5] is not None])
            if keep is not None:
                self.db.execute("CREATE TEMP TABLE IF NOT EXISTS present (id TEXT PRIMARY KEY)")
                self.db.execute("DELETE FROM present")
                self.db.executemany("INSERT OR IGNORE INTO present VALUES (?)", ((k,) for k in keep))
                self.db.execute("DELETE FROM results WHERE id NOT IN (SELECT id FROM present)")
                self.db.execute("DELETE FROM models WHERE id NOT IN (SELECT id FROM present)")
                self.db.execute("DELETE FROM listings WHERE id NOT IN (SELECT id FROM present)")
            self.db.execute("COMMIT")
        except _ERRORS as exc:
            self._failed(exc)  # what was put is lost: the next command computes it again

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
