"""Erasing a case from this clone: from every commit, from git's object store and from every copy regie keeps.

:func:`erase` is the one way regie erases a case locally. ``regie purge`` uses it (and records the erasure
in ``vernietigd.yaml`` once the case is gone); ``regie sync`` uses it when another clone's purge arrives.
It needs only the case id, the paths (from the top of the repository) and the blob ids its files had —
:func:`survey` works those out before anything changes.

The steps, each safe to repeat: remove the copies outside git (the cache, copies of an earlier day under
``.git/regie/op/``, ignored files in the case folder, ignored exports whose name holds the case id);
rewrite history without the paths (git-filter-repo, from the top of the repository); put the remotes
back; expire the reflogs (the stash's excepted) and prune every unreachable object; then look through
*every* object, reachable or not, for a blob the case had or a tree that still holds its folder. Only
when nothing is found does the erasure count as done.

A rewrite cannot be undone, only finished. Before history is touched the intent is recorded
(:mod:`regie.store.intent`) with how far it got; a killed erasure is finished by the next command of any
kind (:func:`finish_pending`), or that command says what still holds the case.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
import signal
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .. import clock
from ..dossier.cache import clear as clear_cache
from ..dossier.erased import load_erased
from ..errors import RegieError
from ..formats.yamledit import RoundTrip, append_item, new_map
from ..layout import CASES_DIR, ERASED
from ..store import gitops, objects, places
from ..store.intent import clear_intent, read_intent, write_intent
from ..store.transaction import LockBusy, finishing, lock_fd, session, state_dir
from ..taal import aantal
from .mutation import apply

log = logging.getLogger("regie")

KILL_AT = "REGIE_TEST_KILL_AT"  # tests only: the step at which this process kills itself (kill -9)
OP_COPIES = "op"  # .git/regie/op/: the copies of an earlier day (regie.store.history)
HEADER = "# Vernietigde casussen: wat er vernietigd is en waarom, zonder persoonsgegevens.\nvernietigd: []\n"


@dataclass
class Erasure:
    """Everything needed to erase one case from this clone, and how far it got (kept as the intent)."""

    casus: str
    paths: list[str]  # from the top of the repository; a folder ends in '/': the case folder and its earlier paths
    blobs: list[str]  # every blob id its files had (history, reflogs, index)
    remotes: dict[str, str] = field(default_factory=dict)  # git-filter-repo drops them; they are put back
    record: dict | None = None  # the entry for vernietigd.yaml (purge), written once the case is gone
    stage: str = "herschrijven"  # herschrijven, opruimen, vastleggen; niet-schoon when the check found something
    remains: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    removed: list[str]  # what went besides history (copies, ignored files)
    remains: list[str]  # what still holds the case; empty: erased


def _kill(step: str) -> None:
    if os.environ.get(KILL_AT) == step:
        os.kill(os.getpid(), signal.SIGKILL)


def survey(root: Path, cid: str) -> Erasure:
    """What the case left in this clone: its folder and earlier paths from the top, its blob ids, the remotes."""
    top, prefix = places.top_and_prefix(root)
    folder = f"{prefix}{CASES_DIR}/{cid}/"
    paths = [folder, *objects.renamed_from(top, folder)]
    return Erasure(cid, paths, sorted(objects.blobs_in_history(top, paths)), _remotes(root))


def _remotes(root: Path) -> dict[str, str]:
    return {name: gitops.run(root, "remote", "get-url", name).stdout.strip() for name in gitops.run(root, "remote").stdout.split()}


def _under(rel: str, paths: list[str]) -> bool:
    return any(rel.startswith(p) if p.endswith("/") else rel == p for p in paths)


def _copies(root: Path, e: Erasure) -> list[str]:
    """The copies outside git: the cache, copies of an earlier day, ignored files of the case or named after it."""
    top, _ = places.top_and_prefix(root)
    cache = clear_cache(root)  # it holds parsed copies of the case
    removed = [f"{aantal(len(cache), 'cachebestand')} gewist"] if cache else []
    op = state_dir(root) / OP_COPIES
    if op.is_dir():
        shutil.rmtree(op, ignore_errors=True)
        removed.append("kopieën van een eerdere dag in .git/regie/op verwijderd")
    named = re.compile(rf"(?<![A-Za-z0-9]){re.escape(e.casus)}(?![A-Za-z0-9])")
    ignored = gitops.run(top, "ls-files", "--others", "--ignored", "--exclude-standard", "-z").stdout.split("\0")
    for rel in filter(None, ignored):
        if _under(rel, e.paths) or named.search(rel.rsplit("/", 1)[-1]):
            (top / rel).unlink(missing_ok=True)
            removed.append(f"genegeerd bestand {rel} verwijderd")
    for rel in e.paths:  # folders git no longer tracks in, with nothing left that is not ignored
        if rel.endswith("/") and (top / rel).is_dir() and not (top / rel).is_symlink() and not _tracked(top, rel):
            shutil.rmtree(top / rel, ignore_errors=True)
    return removed


def _tracked(top: Path, rel: str) -> bool:
    return bool(gitops.run(top, "ls-files", "--", rel).stdout.strip())


def _rewrite(root: Path, e: Erasure) -> None:
    top, _ = places.top_and_prefix(root)
    args = ["--invert-paths", "--force", "--quiet"]
    for p in e.paths:
        args += ["--path", p]
    ok = gitops.filter_repo(top, *args, keep_fd=lock_fd())
    _kill("herschreven")
    present = gitops.run(root, "remote").stdout.split()
    for name, url in e.remotes.items():  # git-filter-repo drops the remotes, against pushing an old history by accident
        if name not in present:
            gitops.run(root, "remote", "add", name, url)
    left = gitops.run(top, "log", "--all", "--format=%h", "--", *e.paths).stdout.split()
    if not ok or left:
        raise RegieError(f"git filter-repo kon casus {e.casus} niet uit de geschiedenis halen ({aantal(len(left), 'commit')} "
                         f"noemen de map nog); draai 'regie purge {e.casus}' opnieuw om het af te maken", code="purge")


def _expire_and_prune(root: Path) -> None:
    """Reflogs emptied (the stash's list kept: git-filter-repo rewrote it) and every unreachable object pruned."""
    top, _ = places.top_and_prefix(root)
    listed = gitops.run(top, "for-each-ref", "--format=%(refname) %(objecttype)").stdout.splitlines()
    refs = [r for r, kind in (line.split(" ") for line in listed) if kind == "commit" and r != "refs/stash"]
    gitops.run(top, "reflog", "expire", "--expire=now", "--expire-unreachable=now", "HEAD", *refs)
    gitops.run(top, "gc", "--prune=now", "--quiet")


def check(root: Path, e: Erasure) -> list[str]:
    """What still holds the case, in words (ids and refs, never contents); empty when nothing does.

    Looks at the work tree, every commit of every ref, and every object in the store, reachable or not.
    """
    top, _ = places.top_and_prefix(root)
    found = [f"de map {p} staat nog in de werkmap" for p in e.paths if (top / p).exists()]
    commits = gitops.run(top, "log", "--all", "--format=%h", "--", *e.paths).stdout.split()
    if commits:
        found.append(f"{aantal(len(commits), 'commit')} noemen de casus nog (bijv. {commits[0]})")
    present = objects.all_objects(top)
    reached = objects.reachable_paths(top)
    # a blob the case shares with a file elsewhere (an empty file, a copy of a template) belongs to that file too
    elsewhere = {oid for oid, path in reached.items() if path and not _under(path, e.paths)}
    blobs = sorted(b for b in e.blobs if present.get(b) == "blob" and b not in elsewhere)
    names = {p.rstrip("/").rsplit("/", 1)[-1] for p in e.paths if p.endswith("/")}
    trees = objects.trees_with_folder(top, [o for o, kind in present.items() if kind == "tree"], names)
    for oid in blobs[:3] + trees[:3]:
        refs = objects.refs_holding(top, oid) if oid in reached else []
        where = f"vastgehouden door {', '.join(refs)}" if refs else "onbereikbaar maar niet opgeruimd (een .keep-pak of alternates?)"
        found.append(f"object {oid[:12]} van de casus is nog in .git: {where}")
    if len(blobs) + len(trees) > 3:
        found.append(f"in totaal {aantal(len(blobs) + len(trees), 'object')} van de casus in .git")
    return found


def tidy_after_rewrite(root: Path, e: Erasure) -> list[str]:
    """After a rewrite made with the rest of a sync (``regie.work.purgesync``): the copies outside git, the reflogs and
    the unreachable objects; then what still holds the case (:func:`check`), empty when nothing does."""
    _copies(root, e)
    _expire_and_prune(root)
    _copies(root, e)
    return check(root, e)


def erase(root: Path, e: Erasure) -> Outcome:
    """Erase the case from this clone (see the module); the intent is kept until it is done or reported.

    Runs under the repository's lock. With ``e.record``, the entry is committed to vernietigd.yaml at the end.
    """
    with session(root, "purge"):
        if e.stage == "herschrijven" and not e.remotes:
            e.remotes = _remotes(root)
        write_intent(root, asdict(e))
        _kill("voornemen")
        removed = _copies(root, e)
        if e.stage == "herschrijven":
            _rewrite(root, e)
            e.stage = "opruimen"
            write_intent(root, asdict(e))
        if e.stage in ("opruimen", "niet-schoon"):
            _expire_and_prune(root)
            removed += _copies(root, e)  # what the rewrite left in the folder, not tracked any more
            _kill("opgeruimd")
            e.remains = check(root, e)
            e.stage = "niet-schoon" if e.remains else "vastleggen"
            write_intent(root, asdict(e))
            if e.remains:
                return Outcome(removed, e.remains)
        _kill("vastleggen")
        if e.record is not None:
            _record(root, e.casus, e.record)
        clear_intent(root)
        return Outcome(removed, [])


def _record(root: Path, cid: str, entry: dict) -> None:
    """The entry for the case in vernietigd.yaml, committed; not again when a killed run already did."""
    entries, problems = load_erased(root)
    if problems:
        raise problems[0].as_error()
    if any(str(x.get("casus")) == cid for x in entries):
        return
    path = root / ERASED
    doc = RoundTrip(path.read_text(encoding="utf-8") if path.exists() else HEADER, ERASED)
    record = new_map({k: (dt.date.fromisoformat(v) if k in ("datum", "bewaren_tot") and v else v)
                      for k, v in entry.items() if k != "voortijdig"})
    record["voortijdig"] = bool(entry["voortijdig"])  # also when false: the record says so explicitly
    append_item(doc.block_list("vernietigd"), record)
    apply(root, None, {path: doc.dump()}, f"regie purge: casus {cid} vernietigd", clock.today())


def pending(root: Path) -> Erasure | None:
    """The erasure a killed or stopped purge left, or None."""
    data = read_intent(root)
    return Erasure(**data) if data is not None else None


def finish_pending(root: Path) -> None:
    """For any command: finish the erasure a killed purge left, or say what stops it (never half-done in silence)."""
    try:
        e = pending(root)
    except RegieError as exc:
        log.warning(str(exc))
        return
    if e is None:
        return
    if e.stage == "niet-schoon":  # its own run reported it; 'regie purge' tries again
        log.warning(f"de vernietiging van casus {e.casus} is niet af: {'; '.join(e.remains)}; los dat op en draai "
                    f"'regie purge {e.casus}' om het af te maken")
        return
    try:
        with finishing(), session(root, "purge (afmaken)", wait=0, mutating=False):
            done = erase(root, e)
    except LockBusy:
        return  # the purge is still running
    except RegieError as exc:
        log.warning(f"een afgebroken vernietiging van casus {e.casus} kon niet worden afgemaakt: {exc}")
        return
    if done.remains:
        log.warning(f"een afgebroken vernietiging van casus {e.casus} is niet af: {'; '.join(done.remains)}; los dat op "
                    f"en draai 'regie purge {e.casus}' om het af te maken")
    else:
        log.warning(f"een afgebroken vernietiging van casus {e.casus} is afgemaakt: de casus is uit elke commit en uit "
                    ".git verwijderd" + (" en vastgelegd in vernietigd.yaml" if e.record is not None else ""))
