"""Reading every case, one at a time: cached, in parallel where it pays, in a fixed order.

A read command describes what it needs from one case as a :class:`Job` — a plain
function of the case (and the network, the date and its own arguments) returning a
small value: a row for ``list``, the deadlines for ``overdue``, the findings for
``validate``. :func:`scan` yields, per case in id order, the case's reading problems
and that value. Nothing of a case is kept once its value is made, so memory stays
flat however many cases there are (see DESIGN: 20,000 case folders are a real
network's history).

Where the value comes from, cheapest first:

1. the cache, when the case's files, the job's arguments and regie are unchanged;
2. the parsed case kept in the cache, when only the arguments changed (a new day,
   an edited ``regie.yaml``): the job runs again without parsing;
3. the files: parsed and schema-checked, by a pool of processes when there are more
   than a few hundred cases to read and more than one core.

The order of the output never depends on where a value came from or on ``--jobs``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from ..layout import CASES_DIR, CONFIG
from .cache import fingerprint, open_cache
from .cacherow import MISS, load
from .loader import Lines, _load_case, _Reader, all_case_ids, load_network
from .model import Case
from .network import Network
from .problems import ERROR, Problem
from .rules import Ctx
from .sociale_kaart import FILE as MAP
from .strays import privacy_findings

POOL_MINIMUM = 300  # fewer cases to parse than this: starting processes costs more than it saves
FINGERPRINT_POOL_MINIMUM = 3000  # fewer cases to check for changes: one process is quicker
_PICKLE = pickle.HIGHEST_PROTOCOL


@dataclass
class Loaded:
    """One case as read: its model, the problems reading it, and the privacy findings in its text."""

    case: Case
    problems: tuple[Problem, ...]
    privacy: tuple[tuple[str, int | None, str], ...]  # (file, line or None for a name, message); the severity is the network's to decide


@dataclass(frozen=True)
class Job:
    """What a command needs of each case: ``fn(ctx, loaded, *args)``, depending on nothing but the case, ``args``, the network and the date."""

    name: str
    fn: Callable[..., Any]  # fn(ctx, loaded, *args)
    args: tuple = ()


@dataclass(frozen=True)
class Setting:
    """The network a scan runs in: parsed ``regie.yaml`` (None when unusable), its text as bytes (part of the key of every result), and the date."""

    root: Path
    network: Network | None
    network_bytes: bytes
    today: dt.date


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def read_case(root: Path, cid: str) -> Loaded:
    """Parse and schema-check one case folder (never raises for bad files: they become problems)."""

    reader = _Reader(root)
    case = _load_case(reader, cid)
    found = tuple(privacy_findings(reader.sources, reader.texts, reader.names))
    return Loaded(case, tuple(reader.problems), found)


def _context(setting: Setting) -> Ctx | None:
    """What a job sees besides the case; None when ``regie.yaml`` is unusable (only validate reads the cases then)."""
    return Ctx(Lines(setting.root), setting.network, setting.today) if setting.network is not None else None


# State of a pool worker (set in the parent before the processes fork).
_WORK: tuple[Setting, Job] | None = None


def _compute(cid: str) -> tuple[str, bytes, bytes]:
    """In a worker: read one case and run the job on it; (id, pickled (problems, value), pickled case)."""
    assert _WORK is not None
    setting, job = _WORK
    loaded = read_case(setting.root, cid)
    value = job.fn(_context(setting), loaded, *job.args)
    return cid, pickle.dumps((loaded.problems, value), _PICKLE), pickle.dumps(loaded, _PICKLE)


def _decode(cached: bytes) -> tuple[tuple[Problem, ...], Any] | None:
    """The (problems, value) of a cached result; None when its bytes do not decode to that (then it is a miss)."""
    got = load(cached)
    if isinstance(got, tuple) and len(got) == 2 and isinstance(got[0], tuple) \
            and all(isinstance(p, Problem) for p in got[0]):
        return got
    return None


def _kept(cache, setting: Setting, cid: str, fp: bytes | None, racy: bool) -> tuple[Loaded, bytes | None]:
    """The parsed case kept in the cache; read again when it went meanwhile or its bytes do not decode (then also
    the bytes to keep of it)."""
    kept = cache.model(cid, fp) if cache is not None and fp is not None else None
    loaded = load(kept) if kept is not None else MISS
    if isinstance(loaded, Loaded):
        return loaded, None
    fresh = read_case(setting.root, cid)
    return fresh, pickle.dumps(fresh, _PICKLE) if cache and not racy else None


def _fingerprints(task: tuple[str, list[str], list[bytes | None]]) -> list[tuple[bytes, bool, bytes | None]]:
    """(fingerprint, racy?, listing when it differs from the hint) of each case folder."""

    base, ids, hints = task
    out = []
    for cid, hint in zip(ids, hints, strict=True):
        fp, racy, listing = fingerprint(os.path.join(base, cid), hint)
        out.append((fp, racy, listing if listing != hint else None))
    return out


def args_key(setting: Setting, job: Job) -> bytes:
    return hashlib.blake2b(pickle.dumps((job.name, job.args, setting.network_bytes, setting.today.toordinal()), 4),
                           digest_size=16).digest()


def scan(
    setting: Setting,
    job: Job,
    ids: list[str],
    *,
    use_cache: bool = True,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    complete: bool = False,
) -> Iterator[tuple[str, tuple[Problem, ...], Any]]:
    """(case id, problems reading it, the job's value) for each of ``ids``, in that order.

    ``complete`` says ``ids`` are all the cases there are, so cached cases that are gone
    can be forgotten.
    """

    global _WORK
    _WORK = (setting, job)  # for the workers: they fork from this process
    workers = max(1, jobs if jobs is not None else default_jobs())
    pool = None

    def get_pool():
        nonlocal pool
        if pool is None:
            import multiprocessing

            pool = multiprocessing.get_context("fork").Pool(workers)
        return pool

    parallel = workers > 1 and _can_fork()
    cache = open_cache(setting.root) if use_cache else None
    key = args_key(setting, job)
    base = os.path.join(str(setting.root), CASES_DIR)
    try:
        plan = _plan(cache, job, key, base, ids, get_pool if parallel else None, workers)
        parse = _to_parse(cache, plan)
        computed: Iterator | None = None
        if parallel and len(parse) >= POOL_MINIMUM:
            computed = get_pool().imap(_compute, parse, chunksize=16)
        parse_set = set(parse)
        total = len(plan)
        ctx = None
        for n in range(1, total + 1):
            cid, fp, racy, cached = plan[n - 1]
            plan[n - 1] = None  # type: ignore[call-overload]  # done with: let it go
            hit = _decode(cached) if cached is not None else None
            if hit is not None:
                problems, value = hit
                yield cid, problems, value
            else:  # not cached, or the cached bytes did not decode: a miss like any other
                model_bytes = None
                if cid in parse_set and computed is not None:
                    got, blob, model_bytes = next(computed)
                    assert got == cid
                    problems, value = pickle.loads(blob)
                else:
                    if cid in parse_set:
                        loaded = read_case(setting.root, cid)
                        if cache and not racy:
                            model_bytes = pickle.dumps(loaded, _PICKLE)
                    else:  # the parsed case is in the cache: only the job runs again
                        loaded, model_bytes = _kept(cache, setting, cid, fp, racy)
                    ctx = ctx or _context(setting)
                    problems, value = loaded.problems, job.fn(ctx, loaded, *job.args)
                    blob = pickle.dumps((problems, value), _PICKLE) if cache and not racy else b""
                if cache and not racy and fp is not None:  # fp is None only without a cache
                    cache.put(cid, job.name, key, fp, blob, model_bytes)
                yield cid, problems, value
            if progress:
                progress(n, total)
        if cache:
            cache.flush(keep=ids if complete else None)
    finally:
        _WORK = None
        if pool is not None:
            pool.terminate()
            pool.join()
        if cache:
            cache.close()


def _plan(cache, job: Job, key: bytes, base: str, ids: list[str], get_pool: Callable[[], Any] | None,
          workers: int) -> list[tuple[str, bytes | None, bool, Any]]:
    """What ``scan`` does for each case: (id, fingerprint, racy, the cached (problems, value) or None to compute).

    Fingerprints are taken in the pool (``get_pool``, None for none) when there are many cases;
    new folder listings go to the cache.
    """
    if cache is None:
        fps: list = [(None, True)] * len(ids)
        stored: dict = {}
    else:
        known = cache.listings()
        hints = [known.get(cid) for cid in ids]
        del known
        if get_pool is not None and len(ids) >= FINGERPRINT_POOL_MINIMUM:
            size = -(-len(ids) // (4 * workers))
            pending = get_pool().map_async(
                _fingerprints, [(base, ids[i:i + size], hints[i:i + size]) for i in range(0, len(ids), size)])
            stored = cache.results(job.name)  # meanwhile
            fps = [fp for chunk in pending.get() for fp in chunk]
        else:
            stored = cache.results(job.name)
            fps = _fingerprints((base, ids, hints))
        del hints
        for cid, (_, _, listing) in zip(ids, fps, strict=True):
            if listing is not None:
                cache.put_listing(cid, listing)
        fps = [(fp, racy) for fp, racy, _ in fps]  # the listings are in the cache's hands now
    plan: list[tuple[str, bytes | None, bool, Any]] = []  # (id, fingerprint, racy, cached (problems, value) or None)
    for cid, (fp, racy) in zip(ids, fps, strict=True):
        hit = stored.get(cid)
        if hit is not None and hit[0] == key and hit[1] == fp and not racy:
            plan.append((cid, fp, racy, hit[2]))
        else:
            plan.append((cid, fp, racy, None))
    return plan


def _to_parse(cache, plan: list[tuple[str, bytes | None, bool, Any]]) -> list[str]:
    """The cases of a plan to read from their files: not cached, and without a parsed model in the cache."""
    misses = any(cached is None for *_, cached in plan)
    have_model = cache.models() if cache and misses else {}
    return [cid for cid, fp, _, cached in plan if cached is None and (fp is None or have_model.get(cid) != fp)]


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def read_network(root: Path) -> tuple[Network | None, bytes, list[Problem], dict]:
    """``regie.yaml`` and the sociale kaart: (network or None, their text as the key of what depends on them, problems
    reading them, their sources by file)."""

    reader = _Reader(root)
    network, problems = load_network(root, reader)

    src = reader.sources.get(CONFIG)
    key = src.text.encode() if src else b""
    if MAP in reader.sources:  # the sociale kaart is part of the network: a case's findings depend on it
        key += b"\0" + reader.sources[MAP].text.encode()
    return network, key, problems, reader.sources


def prepare(root: Path, today: dt.date, ids: list[str] | None) -> tuple[Setting, list[str], list[Problem], Any]:
    """What every scan of ``root`` starts from: (setting, the case ids — all when ``ids`` is None —,
    the problems of ``regie.yaml`` and of ``casussen/`` itself, the sources of ``regie.yaml`` and the sociale kaart)."""

    network, key, problems, src = read_network(root)
    if ids is None:
        ids, found = all_case_ids(root)
        problems.extend(found)
    return Setting(root, network, key, today), ids, problems, src


@dataclass
class Collected:
    """What a read command gathered over the cases: the network, the values that were not None, the reading errors."""

    network: Network
    values: list[tuple[str, Any]]
    errors: list[Problem]  # problems (severity error) reading the cases: those files were left out
    ids: list[str]
    args: tuple  # the job's arguments


def collect(
    root: Path,
    today: dt.date,
    job: Job,
    ids: list[str] | None = None,
    *,
    use_cache: bool = True,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Collected:
    """Run ``job`` over the cases (all, or ``ids``); raises DossierInvalid when ``regie.yaml`` cannot be used."""

    setting, all_ids, problems, _ = prepare(root, today, ids)
    if setting.network is None:
        raise next(p for p in problems if p.severity == ERROR).as_error()
    result = Collected(setting.network, [], [p for p in problems if p.severity == ERROR], all_ids, job.args)
    for cid, found, value in scan(setting, job, all_ids, use_cache=use_cache, jobs=jobs, progress=progress,
                                  complete=ids is None):
        result.errors.extend(p for p in found if p.severity == ERROR)
        if value is not None:
            result.values.append((cid, value))
    return result
