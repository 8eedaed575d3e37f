"""What every command works in: the global options' state, the dossier repository (also as of a day, ``--op``),
today, and the checks against its configuration (``regie.yaml``)."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from .. import clock
from ..dossier.repo import case_dir, find_root
from ..dossier.scan import collect
from ..limits import MAX_JOBS, check_range
from ..store.history import check_day, remove, remove_own, remove_stale, snapshot
from ..store.transaction import check_writable, recover_if_pending, session
from ..taal import aantal
from ..work.erase import finish_pending
from . import console

if TYPE_CHECKING:
    import datetime as dt


@dataclass
class State:
    repo: Path | None = None
    today: str | None = None
    debug: bool = False
    met_eigen_wijzigingen: bool = False
    no_cache: bool = False
    op: dt.date | None = None  # --op: read the repository as committed at the end of this day
    op_root: Path | None = None  # the copy of the repository of that day (regie.store.history)
    op_base: Path | None = None  # the repository the copy was made of
    settled: Path | None = None  # the repository where a killed purge and stale copies were seen to
    saved_handlers: dict = field(default_factory=dict)  # SIGTERM, SIGHUP while a copy exists

STATE = State()

# The commands that can read the repository as it stood on a day (--op).
OP_COMMANDS = ("show", "list", "overdue", "agenda", "plan", "caseload", "report")

def root() -> Path:
    """The dossier repository; a change a killed regie left half-done is rolled back first.

    With ``--op`` it is a copy of the repository as committed at the end of that day.
    """

    base = find_root(STATE.repo)
    recover_if_pending(base)
    if STATE.settled != base:  # once per command
        finish_pending(base)  # a purge killed halfway is finished (or said to be not done) before anything is read
        remove_stale(base)  # copies of an earlier day that a killed command left
        STATE.settled = base
    if STATE.op is None:
        return base
    if STATE.op_root is None:
        clock.set_today(clock.parse_iso_date(STATE.today, what="--today") if STATE.today else None)
        check_day(STATE.op, clock.today())
        STATE.op_base = base
        _remove_copy_on_signals()
        STATE.op_root, sha = snapshot(base, STATE.op)
        STATE.no_cache = True  # a copy made for one command: keeping what was read from it would only fill the cache
        console.info(f"de repository zoals gecommit op {STATE.op.isoformat()} (commit {sha[:12]})")
    return STATE.op_root

def work_root() -> Path:
    """The repository in the work tree, also under ``--op``: where ``-o`` must not write an unignored file."""

    return find_root(STATE.repo)

def _stop(signum: int, frame) -> None:
    raise SystemExit(128 + signum)  # unwinds like ^C does, so that the copy is removed on the way out


def _remove_copy_on_signals() -> None:
    """SIGTERM and SIGHUP end the command the way ^C does: through ``close_snapshot``, which removes the copy."""
    import signal

    for sig in (signal.SIGTERM, signal.SIGHUP):
        try:
            STATE.saved_handlers[sig] = signal.signal(sig, _stop)
        except ValueError:  # not the main thread (an embedding program): it handles its own signals
            pass


def close_snapshot() -> None:
    """Remove the copy of an ``--op`` day, if one was made; signals are handled as before again.

    SIGTERM and SIGHUP are ignored while the copy goes (the command is ending anyway): a second
    one must not stop the removal halfway.
    """
    import signal

    for sig in STATE.saved_handlers:
        signal.signal(sig, signal.SIG_IGN)
    if STATE.op_root is not None:
        remove(STATE.op_root)
        STATE.op_root = None
    if STATE.op_base is not None:
        remove_own(STATE.op_base)
        STATE.op_base = None
    for sig, handler in STATE.saved_handlers.items():
        signal.signal(sig, handler)
    STATE.saved_handlers.clear()

@contextmanager
def mutating(command: str) -> Iterator[None]:
    """Hold the repository's lock around a change that a command puts together itself."""

    check_writable()  # before root(): with --op that would first copy the repository of that day
    with session(root(), command):
        yield

def today() -> dt.date:
    """Today (``--today`` to pretend otherwise); with ``--op`` the day the repository is read as of."""

    clock.set_today(clock.parse_iso_date(STATE.today, what="--today") if STATE.today else None)
    if STATE.op is not None:
        root()  # refuses a day in the future or before the first commit, before anything is computed
        return STATE.op
    return clock.today()

def check_jobs(jobs: int | None) -> None:
    """Refuse a --jobs outside 1..MAX_JOBS."""

    if jobs is not None:
        check_range(jobs, "--jobs", 1, MAX_JOBS, "processen")

def read_cases(job, cases: list[str] | None = None, *, jobs: int | None = None, quiet: bool = False):
    """Run a per-case job over the repository for a read-only command (see ``regie.dossier.scan``).

    Files that cannot be read are left out, with one warning naming them (``quiet``: none).
    """

    base = root()
    for cid in cases or []:
        case_dir(base, cid)
    check_jobs(jobs)
    with console.progress("casussen lezen") as tick:
        got = collect(base, today(), job, cases or None, use_cache=not STATE.no_cache, jobs=jobs, progress=tick)
    broken = sorted({p.path for p in got.errors})
    if broken and not quiet:
        console.warn(f"{aantal(len(broken), 'bestand')} overgeslagen omdat ze ongeldig zijn (zie 'regie validate'): {', '.join(broken[:3])}"
             + (" ..." if len(broken) > 3 else ""))
    return got

def check_regisseur(network, regisseur: str | None) -> None:
    """A filter on a regisseur that regie.yaml does not know is a typo, not an empty result."""
    if regisseur is not None:
        network.require_regisseur(regisseur, field="regisseur")
