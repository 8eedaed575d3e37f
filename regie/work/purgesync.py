"""A purge reaches the team: ``regie sync`` erases a purged case from this clone and from the shared history.

A purge (``regie purge``) is the one rewrite of shared history. The clone that purged holds the
new history and a record of it in ``vernietigd.yaml``; the remote and every other clone still
hold the old one. ``regie sync`` recognises that on both sides: when a case listed in
``vernietigd.yaml`` (this clone's or the remote's) is still in any history this clone holds, it
erases the case from all of it with ``git filter-repo`` (deterministic: the same old commit
becomes the same new commit in every clone, so the clones meet again on the purged history).
This clone's own unpushed commits are carried over without the purged case; the ones that
touched it are named. When the remote itself still holds the case, the push replaces its history
(with a lease: only over what was fetched). Afterwards the old objects are removed from this
clone (reflog, loose and packed objects), from the remote when it is a folder on this machine,
and regie checks that no object of the case is left.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import RegieError
from ..formats.yamlio import parse_yaml
from ..layout import CASES_DIR, ERASED
from ..store import gitops, places
from ..store.files import write_text_atomic
from ..store.transaction import private_dir, state_dir
from .erase import Erasure, survey, tidy_after_rewrite

PARKED = "refs/regie/upstream"  # the fetched remote history while it is rewritten with the rest
ALLEEN, OOK = "alleen", "ook"  # a left-out commit touched only the purged case, or other files too
CHECKED = "vernietigd-gecontroleerd"  # purged cases this clone no longer holds: not searched for again


@dataclass
class Erased:
    cases: list[str]
    upstream: str  # the remote's history with the cases erased: what this clone builds on and pushes
    lease: str  # what the remote holds now: a push that replaces it does so only over this
    left_out: list[str]  # this clone's unpushed commits that touched an erased case ("abc1234 onderwerp")
    surveys: list[dict]  # per case what it left in this clone (regie.work.erase.Erasure): paths and blob ids

    @property
    def replaces_remote(self) -> bool:
        return self.upstream != self.lease

    def saved(self) -> dict:
        """As JSON data, for a sync that stops on a conflict and goes on later."""
        return asdict(self)

    @classmethod
    def restored(cls, data: dict) -> Erased:
        return cls(**data)


def _git(root: Path, *args: str, check: bool = True, input: str | None = None):
    return gitops.run(root, *args, check=check, input=input)


def purged_ids(root: Path, rev: str) -> set[str]:
    """The case ids ``vernietigd.yaml`` lists at ``rev`` (none when it has no such file, or one regie cannot read:
    validate names a broken record)."""
    done = _git(root, "show", f"{rev}:./{ERASED}", check=False)
    if done.returncode != 0:
        return set()
    try:
        data = parse_yaml(done.stdout, ERASED)
    except RegieError:
        return set()
    entries = data.get("vernietigd") if isinstance(data, dict) else None
    return {str(e["casus"]) for e in entries or [] if isinstance(e, dict) and e.get("casus")}


def still_held(root: Path, revs: list[str]) -> list[str]:
    """The cases purged in any of ``revs`` whose files some history in this clone (any ref) still holds.

    A case checked once and found gone is remembered (``.git/regie/vernietigd-gecontroleerd``), so a sync does not
    search the whole history for every case ever purged; the new ones are searched in one pass.
    """
    ids: set[str] = set()
    for rev in revs:
        ids |= purged_ids(root, rev)
    known = _checked(root)
    in_trees = set()  # a remembered case back in a tree (a plain 'git pull' of the old history) is searched again
    for rev in revs:
        listed = _git(root, "ls-tree", "--name-only", f"{rev}:./{CASES_DIR}", check=False).stdout.split()
        in_trees |= ids & set(listed)
    new = sorted((ids - known) | in_trees)
    if not new:
        return []
    folders = [f"{CASES_DIR}/{cid}" for cid in new]
    if not _git(root, "log", "--all", "-1", "--format=%h", "--", *folders).stdout.strip():
        _remember(root, known | set(new))
        return []
    return [cid for cid, folder in zip(new, folders, strict=True)
            if _git(root, "log", "--all", "-1", "--format=%h", "--", folder).stdout.strip()]


def _checked(root: Path) -> set[str]:
    try:
        return set((state_dir(root) / CHECKED).read_text(encoding="utf-8").split())
    except OSError:
        return set()


def _remember(root: Path, ids: set[str]) -> None:
    write_text_atomic(private_dir(state_dir(root)) / CHECKED, "".join(f"{cid}\n" for cid in sorted(ids)))


def own_commits(root: Path, remote_ref: str, *paths: str) -> list[str]:
    """This clone's own commits (touching ``paths``, when given) as "abc1234 onderwerp", oldest first: the ones on no
    place the remote ever stood as this clone saw it (the remote-tracking branch and its reflog: a dry run's fetch
    moved the branch already)."""
    seen = _places(root, remote_ref)
    out = _git(root, "log", "--reverse", "--format=%h %s", "HEAD", *(["--not", *dict.fromkeys(seen)] if seen else []),
               *(["--", *paths] if paths else [])).stdout
    return [line for line in out.splitlines() if line]


def _places(root: Path, ref: str) -> list[str]:
    """Every commit ``ref`` pointed at in this clone: now, and before and after each update in its reflog (a clone's
    first fetch writes no log line for where the branch stood at the clone, but the next update names it as 'old')."""
    places = _git(root, "rev-parse", "--verify", "-q", ref, check=False).stdout.split()
    log = Path(_git(root, "rev-parse", "--git-path", f"logs/{ref}").stdout.strip())
    log = log if log.is_absolute() else root / log
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()[-200:]
    except OSError:
        lines = []
    for line in lines:
        places += [sha for sha in line.split(" ", 2)[:2] if len(sha) >= 40 and sha.strip("0")]
    exists = _git(root, "cat-file", "--batch-check=%(objectname)", input="\n".join(places) + "\n", check=False).stdout
    return [sha for sha in dict.fromkeys(places) if sha in exists]


def touching(root: Path, cases: list[str], remote_ref: str) -> list[str]:
    """This clone's own commits that touch ``cases``, each marked with what is left of it: "abc1234 onderwerp" then
    ``ALLEEN`` when it touched nothing else (it falls away whole), ``OOK`` when its other changes go along."""
    folders = [f"{CASES_DIR}/{cid}/" for cid in cases]
    marked = []
    for line in own_commits(root, remote_ref, *[f.rstrip("/") for f in folders]) if cases else []:
        sha = line.split(" ", 1)[0]
        changed = _git(root, "show", "--format=", "--name-only", "--relative", sha).stdout.split("\n")
        only = all(p.startswith(tuple(folders)) for p in changed if p)
        marked.append(f"{line}\t{ALLEEN if only else OOK}")
    return marked


def _refuse_unsafe(root: Path) -> None:
    if _git(root, "status", "--porcelain", "--untracked-files=no").stdout.strip():
        raise RegieError("niet gedeeld: een vernietigde casus moet ook uit deze clone weg, en daarvoor moet de werkmap "
                         "schoon zijn: commit of zet je wijzigingen opzij ('git stash') en probeer 'regie sync' opnieuw",
                         code="sync")
    if places.linked_worktrees(root):
        raise RegieError("niet gedeeld: een vernietigde casus moet ook uit deze clone weg, maar er hangt een tweede werkmap "
                         "aan ('git worktree list'); haal die weg met 'git worktree remove PAD' en probeer het opnieuw",
                         code="sync")
    if gitops.filter_repo_tool() is None:
        raise RegieError("niet gedeeld: een vernietigde casus moet ook uit deze clone weg, en daarvoor is git-filter-repo "
                         "nodig: installeer het met 'pip install git-filter-repo' (of 'pip install regie[purge]')",
                         code="sync")


def erase(root: Path, cases: list[str], upstream: str, remote_ref: str) -> Erased:
    """Erase ``cases`` from every history in this clone, the fetched remote history (``upstream``) included.

    ``remote_ref`` is the remote-tracking branch: the commits on none of its places are this clone's own.
    """
    _refuse_unsafe(root)
    top, _ = places.top_and_prefix(root)
    left_out = touching(root, cases, remote_ref)
    surveys = [survey(root, cid) for cid in cases]  # the folders from the top (and where they were before), blob ids
    _git(root, "update-ref", PARKED, upstream)
    args = ["--partial", "--invert-paths", "--force", "--quiet"]
    for path in dict.fromkeys(p for e in surveys for p in e.paths):
        args += ["--path", path]
    if not gitops.filter_repo(top, *args):
        _git(root, "update-ref", "-d", PARKED, check=False)
        raise RegieError("niet gedeeld: git filter-repo kon de vernietigde casus niet uit deze clone halen; er is niets "
                         "gedeeld (kijk met 'git status' en 'git log')", code="sync")
    rewritten = _git(root, "rev-parse", PARKED).stdout.strip()
    _git(root, "update-ref", "-d", PARKED)
    return Erased(cases, rewritten, upstream, left_out, [asdict(e) for e in surveys])


def finish(root: Path, erased: Erased, remote_url: str) -> None:
    """After the sync: no trace of the cases left in this clone (regie.work.erase does the tidying and the check),
    nor in a remote that is a folder on this machine."""
    remains = [line for data in erased.surveys for line in tidy_after_rewrite(root, Erasure(**data))]
    remote = places.local_remote(root, remote_url)
    if remote is not None and remote.is_dir() and erased.replaces_remote:
        gitops.run(remote, "reflog", "expire", "--expire=now", "--all", check=False)
        gitops.run(remote, "gc", "--prune=now", "--quiet", check=False)
    if remains:
        raise RegieError(f"de vernietigde casus {', '.join(erased.cases)} is gedeeld, maar staat nog in deze clone: "
                         + "; ".join(remains[:5]) + ". Ruim dat op en draai 'regie sync' opnieuw", code="sync")
    _remember(root, _checked(root) | set(erased.cases))
