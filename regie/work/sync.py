"""``regie sync``: share this clone's work with the team's remote, with ids that never collide.

Ids (case ids, signal ids, afspraak and escalatie ids inside a case, evaluation and journal
file names) are handed out locally, offline. Before this clone's new commits go on top of
the remote, every id they created that the remote meanwhile used too is renumbered to the
next free one: the folder or file, the id inside the files, every reference to it, and the
commit messages. Only commits that are not on the remote yet are rewritten. Then the local
commits are rebased onto the remote (never a merge commit of two clients' cases; the list
files merge per record through regie's merge driver) and pushed.

Any failure puts the branch back where it was.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RegieError
from ..layout import DOSSIER_PATHS, merge_attributes
from ..store import gitops
from ..store.rewrite import rewrite
from ..store.transaction import session
from .initrepo import driver_command
from .renumber import Renumbering, Rewrite, plan

ATTEMPTS = 3


class Offline(RegieError):
    """The remote cannot be reached; local commits stay as they are."""


@dataclass
class Outcome:
    remote: str
    branch: str
    renumbered: list[Renumbering] = field(default_factory=list)
    pushed: int = 0
    fetched: int = 0
    dry_run: bool = False


# ---------------------------------------------------------------- reading trees


def _git(root: Path, *args: str, **kw):
    return gitops.run(root, *args, **kw)


# ---------------------------------------------------------------- the whole sync


def _remote(root: Path, branch: str) -> str:
    configured = _git(root, "config", "--get", f"branch.{branch}.remote", check=False).stdout.strip()
    remotes = _git(root, "remote").stdout.split()
    if configured and configured in remotes:
        return configured
    if "origin" in remotes:
        return "origin"
    if len(remotes) == 1:
        return remotes[0]
    raise RegieError("geen gedeelde repository ingesteld: voeg die toe met 'git remote add origin ADRES' "
                     "(of maak de repository met 'regie init --remote ADRES')", code="sync")


def _dirty_dossier_files(root: Path) -> list[str]:
    out = _git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", *DOSSIER_PATHS).stdout
    return sorted({e[3:] for e in out.split("\0") if len(e) > 3})


def _rev(root: Path, ref: str) -> str | None:
    done = _git(root, "rev-parse", "--verify", "-q", f"{ref}^{{commit}}", check=False)
    return done.stdout.strip() or None


def _driver_config() -> list[str]:
    """git options that make the rebase merge list files per record, even in a clone without 'regie setup'."""

    attributes = Path(tempfile.gettempdir()) / f"regie-attributes-{os.getuid()}"
    wanted = merge_attributes()
    if not attributes.exists() or attributes.read_text(encoding="utf-8") != wanted:
        attributes.write_text(wanted, encoding="utf-8")
    return ["-c", "merge.regie.name=regie", "-c", f"merge.regie.driver={driver_command()}",
            "-c", f"core.attributesFile={attributes}"]


def sync(root: Path, *, dry_run: bool = False) -> Outcome:
    """Fetch, renumber what collides, rebase this clone's commits onto the remote, push."""
    with session(root, "sync"):
        gitops.check_ready(root)
        branch = gitops.current_branch(root)
        remote = _remote(root, branch)
        dirty = _dirty_dossier_files(root)
        if dirty:
            raise RegieError("niet gedeeld: er zijn nog wijzigingen in dossierbestanden die niet gecommit zijn: "
                             + ", ".join(dirty[:5]) + (" ..." if len(dirty) > 5 else "")
                             + ". Commit ze (of zet ze opzij met 'git stash') en probeer het opnieuw.", code="sync")
        outcome = Outcome(remote, branch, dry_run=dry_run)
        original = _rev(root, "HEAD")
        try:
            for attempt in range(ATTEMPTS):
                if _attempt(root, remote, branch, outcome):
                    return outcome
        except BaseException:
            if not dry_run and original and _rev(root, "HEAD") != original:
                _git(root, "rebase", "--abort", check=False)
                _git(root, "reset", "--keep", "-q", original, check=False)
            raise
        raise RegieError("de gedeelde repository veranderde steeds tijdens het delen; probeer 'regie sync' zo opnieuw",
                         code="sync")


def _attempt(root: Path, remote: str, branch: str, outcome: Outcome) -> bool:
    """One fetch-renumber-rebase-push round; False when the push lost a race and another round is needed."""
    done = _git(root, "fetch", "--quiet", remote, check=False)
    upstream_ref = f"refs/remotes/{remote}/{branch}"
    if done.returncode != 0:
        ahead = _git(root, "rev-list", "--count", f"{upstream_ref}..HEAD", check=False).stdout.strip()
        stay = ("je lokale commit blijft hier staan en wordt" if ahead == "1" else
                f"je {ahead + ' ' if ahead.isdigit() else ''}lokale commits blijven hier staan en worden")
        raise Offline(f"offline: {remote} is niet bereikbaar; {stay} gedeeld bij de volgende 'regie sync'", code="offline")
    upstream = _rev(root, upstream_ref)
    head = _rev(root, "HEAD")
    if upstream is None:  # the remote has no such branch yet: the first push
        if outcome.dry_run:
            outcome.pushed = int(_git(root, "rev-list", "--count", "HEAD").stdout.strip())
            return True
        return _push(root, remote, branch, outcome, first=True)
    base = _git(root, "merge-base", "HEAD", upstream, check=False).stdout.strip() or None
    local = [c for c in _git(root, "rev-list", "--reverse", f"{upstream}..HEAD").stdout.split() if c]
    incoming = int(_git(root, "rev-list", "--count", f"HEAD..{upstream}").stdout.strip())
    outcome.fetched = incoming
    if not local:
        if incoming and not outcome.dry_run:
            _git(root, "merge", "--ff-only", "-q", upstream)
        return True
    renumbered = plan(root, base, head or "HEAD", upstream) if incoming else []  # local commits: HEAD is there
    outcome.renumbered += renumbered
    if outcome.dry_run:
        outcome.pushed = len(local)
        return True
    if renumbered:
        new_head = rewrite(root, base, local, Rewrite(renumbered))
        _git(root, "reset", "--keep", "-q", new_head)
    if incoming:
        rebased = _git(root, *_driver_config(), "rebase", "--autostash", "-q", upstream, check=False)
        if rebased.returncode != 0:
            conflicted = _git(root, "diff", "--name-only", "--diff-filter=U").stdout.split()
            _git(root, "rebase", "--abort", check=False)
            files = ", ".join(conflicted) or "onbekend"
            raise RegieError(
                f"niet gedeeld: jouw wijzigingen en die op {remote} botsen in {files} (hetzelfde veld aan beide kanten "
                "anders). Er is niets veranderd. Los het zo op: 'git pull --rebase', dan toont 'regie validate' "
                "elk conflict als [merge-conflict]; kies per blok, 'git add' het bestand, 'git rebase --continue', "
                "en daarna 'regie sync'.", code="sync",
            )
    outcome.pushed = len(local)
    return _push(root, remote, branch, outcome)


def _push(root: Path, remote: str, branch: str, outcome: Outcome, *, first: bool = False) -> bool:
    args = ["push", "--quiet"] + (["--set-upstream"] if first else []) + [remote, f"HEAD:refs/heads/{branch}"]
    done = _git(root, *args, check=False)
    if done.returncode == 0:
        if first:
            outcome.pushed = int(_git(root, "rev-list", "--count", "HEAD").stdout.strip())
        return True
    text = done.stderr
    if "rejected" in text or "fetch first" in text or "non-fast-forward" in text:
        return False  # someone shared in between: another round
    raise Offline(f"delen mislukt: {remote} nam de commits niet aan (geen verbinding of geen rechten); "
                  "je commits blijven hier staan", code="offline")
