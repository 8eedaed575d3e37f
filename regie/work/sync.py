"""``regie sync``: share this clone's work with the team's remote, with ids that never collide.

Ids (case ids, signal ids, afspraak and escalatie ids inside a case, evaluation and journal
file names) are handed out locally, offline. Before this clone's new commits go on top of
the remote, every id they created that the remote meanwhile used too is renumbered to the
next free one: the folder or file, the id inside the files, every reference to it, and the
commit messages. Only commits that are not on the remote yet are rewritten. Then the local
commits are rebased onto the remote (never a merge commit of two clients' cases; the list
files merge per record through regie's merge driver) and pushed.

A real conflict (the same field of the same record changed on both sides) stops the sync in a
state regie owns (see :mod:`regie.work.conflicts`): the user edits the file and goes on with
``regie sync --verder``, or goes back with ``regie sync --afbreken``. Before anything is pushed,
the cases the outgoing commits touch are validated: nothing broken leaves the clone, also not a
commit made with ``--no-verify``. Any other failure puts the branch back where it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import clock
from ..dossier.problems import ERROR
from ..dossier.validate import validate
from ..errors import RegieError
from ..layout import CASES_DIR, DOSSIER_PATHS, merge_attributes
from ..store import gitops, places
from ..store.files import write_text_atomic
from ..store.rewrite import rewrite
from ..store.transaction import private_dir, session, state_dir
from . import conflicts, purgesync
from .initrepo import driver_command
from .renumber import Renumbering, Rewrite, plan

ATTEMPTS = 3


class Offline(RegieError):
    """The remote cannot be reached; local commits stay as they are."""


class RemoteRefused(RegieError):
    """The remote is there but does not exist at that address, or refuses this user."""


@dataclass
class Outcome:
    remote: str
    branch: str
    renumbered: list[Renumbering] = field(default_factory=list)
    pushed: int = 0
    fetched: int = 0
    dry_run: bool = False
    vernietigd: list[str] = field(default_factory=list)  # purged cases erased from this clone (and the remote)
    weggelaten: list[str] = field(default_factory=list)  # own commits that touched them: carried over without them
    restore: str | None = None  # after an erasure, a failure goes back here, never to a history that holds the case
    erased: purgesync.Erased | None = None
    elders: list[str] = field(default_factory=list)  # dry run: purged cases this clone's own history no longer holds


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


def _driver_config(root: Path) -> list[str]:
    """git options that make the rebase merge list files per record, even in a clone without 'regie setup'.

    The attributes live in regie's own state folder of this clone (not at a predictable place in /tmp)."""
    attributes = private_dir(state_dir(root)) / "attributes"
    wanted = merge_attributes()
    if not attributes.is_file() or attributes.read_text(encoding="utf-8") != wanted:
        write_text_atomic(attributes, wanted)
    return ["-c", "merge.regie.name=regie", "-c", f"merge.regie.driver={driver_command()}",
            "-c", f"core.attributesFile={attributes}"]


def sync(root: Path, *, dry_run: bool = False) -> Outcome:
    """Fetch, renumber what collides, rebase this clone's commits onto the remote, check them, push."""
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
        return _rounds(root, remote, branch, outcome, _rev(root, "HEAD"))


def _rounds(root: Path, remote: str, branch: str, outcome: Outcome, original: str | None) -> Outcome:
    try:
        for _ in range(ATTEMPTS):
            if _attempt(root, remote, branch, outcome, original):
                return outcome
    except conflicts.SyncConflict:
        raise  # the rebase stays where it stopped: the user goes on or back with regie sync
    except BaseException:
        back = outcome.restore or original
        if not outcome.dry_run and back and _rev(root, "HEAD") != back:
            _git(root, "rebase", "--abort", check=False)
            _git(root, "reset", "--keep", "-q", back, check=False)
        raise
    raise RegieError("de gedeelde repository veranderde steeds tijdens het delen; probeer 'regie sync' zo opnieuw",
                     code="sync")


def _shown(url: str) -> str:
    """A remote's address as it may be shown: without a password (or token) written into it."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None and not (parts.username and parts.scheme in ("http", "https")):
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}@{host}" if parts.username and parts.password is None else host
    return urlunsplit(parts._replace(netloc=netloc + (f":{parts.port}" if parts.port else "")))


def _fetch_error(remote: str, url: str, text: str, ahead: str) -> RegieError:
    """What a failed fetch means, told apart: no network, no repository at that address, or no access."""
    url = _shown(url)
    low = text.lower()
    if any(w in low for w in ("authentication failed", "permission denied", "403", "401", "access denied",
                              "could not read username", "terminal prompts disabled")):
        return RemoteRefused(f"geen toegang tot {remote} ({url}): je account of sleutel wordt geweigerd; vraag de "
                             "beheerder van de server om toegang (je commits blijven hier staan)", code="toegang")
    if any(w in low for w in ("does not appear to be a git repository", "repository not found", "not found",
                              "no such file or directory", "does not exist")):
        return RemoteRefused(f"onbekende gedeelde repository {remote}: op {url} staat geen repository (klopt het adres? "
                             "zie 'git remote -v'); je commits blijven hier staan", code="remote")
    n = int(ahead) if ahead.isdigit() else None
    stay = ("je hebt geen lokale commits die nog gedeeld moeten worden" if n == 0 else
            "je lokale commit blijft hier staan en wordt gedeeld bij de volgende 'regie sync'" if n == 1 else
            f"je {str(n) + ' ' if n else ''}lokale commits blijven hier staan en worden gedeeld bij de volgende 'regie sync'")
    return Offline(f"offline: {remote} is niet bereikbaar; {stay}", code="offline")


def _attempt(root: Path, remote: str, branch: str, outcome: Outcome, original: str | None) -> bool:
    """One fetch-renumber-rebase-check-push round; False when the push lost a race and another round is needed."""
    upstream_ref = f"refs/remotes/{remote}/{branch}"
    done = _git(root, "fetch", "--quiet", remote, check=False)
    if done.returncode != 0:
        ahead = _git(root, "rev-list", "--count", f"{upstream_ref}..HEAD", check=False).stdout.strip()
        if not _rev(root, upstream_ref):
            ahead = _git(root, "rev-list", "--count", "HEAD", check=False).stdout.strip()
        url = _git(root, "remote", "get-url", remote, check=False).stdout.strip()
        raise _fetch_error(remote, url, done.stderr, ahead)
    upstream = _rev(root, upstream_ref)
    if upstream is None:  # the remote has no such branch yet: the first push
        outcome.pushed = int(_git(root, "rev-list", "--count", "HEAD").stdout.strip())
        if outcome.dry_run:
            return True
        _check_outgoing(root, None, original)
        return _push(root, remote, branch, outcome, first=True)
    erased = _erase_purged(root, upstream, upstream_ref, outcome)
    if erased is not None:
        upstream = erased.upstream
    elif outcome.vernietigd:  # a dry run: what the erasure would leave out, and this clone's own commits
        outcome.pushed = len(purgesync.own_commits(root, upstream_ref))
        return True
    head = _rev(root, "HEAD")
    base = _git(root, "merge-base", "HEAD", upstream, check=False).stdout.strip() or None
    local = [c for c in _git(root, "rev-list", "--reverse", f"{upstream}..HEAD").stdout.split() if c]
    incoming = int(_git(root, "rev-list", "--count", f"HEAD..{upstream}").stdout.strip())
    outcome.fetched = incoming
    if not local:
        if incoming and not outcome.dry_run:
            _git(root, "merge", "--ff-only", "-q", upstream)
        return _shared(root, remote, branch, outcome, erased, pushed=erased is None or not erased.replaces_remote)
    renumbered = plan(root, base, head or "HEAD", upstream) if incoming else []  # local commits: HEAD is there
    outcome.renumbered += renumbered
    outcome.pushed = len(local)
    if outcome.dry_run:
        return True
    if renumbered:
        new_head = rewrite(root, base, local, Rewrite(renumbered))
        _git(root, "reset", "--keep", "-q", new_head)
    if incoming:
        rebased = _git(root, *_driver_config(root), "rebase", "--autostash", "-q", upstream, check=False,
                       env={"REGIE_SYNC_UPSTREAM": upstream})
        if rebased.returncode != 0:
            _stopped(root, remote, branch, upstream, outcome, outcome.restore or original)
    _check_outgoing(root, upstream, outcome.restore or original)
    return _shared(root, remote, branch, outcome, erased, pushed=False)


def _erase_purged(root: Path, upstream: str, upstream_ref: str, outcome: Outcome) -> purgesync.Erased | None:
    """A case purged here or by a colleague that some history of this clone still holds: erase it everywhere here."""
    cases = purgesync.still_held(root, [upstream, "HEAD"])
    if not cases:
        return None
    outcome.vernietigd = cases
    if outcome.dry_run:
        outcome.weggelaten = purgesync.touching(root, cases, upstream_ref)
        outcome.elders = [cid for cid in cases if not _git(root, "log", "-1", "--format=%h", "HEAD", "--",
                                                            f"{CASES_DIR}/{cid}").stdout.strip()]
        return None
    erased = purgesync.erase(root, cases, upstream, upstream_ref)
    outcome.weggelaten = erased.left_out
    outcome.restore = _rev(root, "HEAD")
    outcome.erased = erased
    return erased


def _shared(root: Path, remote: str, branch: str, outcome: Outcome, erased: purgesync.Erased | None, *,
            pushed: bool) -> bool:
    """Push (unless there is nothing to push), replacing the remote's history only over what was fetched when a
    purge rewrote it; then remove every trace of the purged cases."""
    if outcome.dry_run:
        return True
    if not pushed and not _push(root, remote, branch, outcome, lease=erased.lease if erased and erased.replaces_remote
                                else None):
        return False
    if erased is not None:
        purgesync.finish(root, erased, _git(root, "remote", "get-url", remote, check=False).stdout.strip())
    return True


def _stopped(root: Path, remote: str, branch: str, upstream: str, outcome: Outcome, original: str | None) -> None:
    """The rebase stopped: on a real conflict, keep it and tell the user; on anything else, go back (by raising)."""
    conflicted = _git(root, "diff", "--name-only", "--diff-filter=U").stdout.split()
    if not conflicted or original is None:
        raise RegieError(f"niet gedeeld: jouw commits konden niet bovenop die van {remote} gezet worden; er is niets "
                         "veranderd", code="sync")
    conflicts.save(root, conflicts.State(original, remote, branch, upstream,
                                         [[r.soort, r.old, r.new, r.casus] for r in outcome.renumbered],
                                         outcome.erased.saved() if outcome.erased else None))
    raise conflicts.SyncConflict(conflicts.report(root, conflicted, remote), code="sync-conflict")


def _check_outgoing(root: Path, upstream: str | None, original: str | None) -> None:
    """Refuse to push when a case (or file) that the outgoing commits touch has an error, naming the commit."""
    listed = (_git(root, "diff", "--name-only", "-z", upstream, "HEAD") if upstream
              else _git(root, "ls-tree", "-r", "-z", "--name-only", "HEAD")).stdout
    paths = [p for p in listed.split("\0") if p]
    cases = sorted({p.split("/")[1] for p in paths if p.startswith(f"{CASES_DIR}/") and p.count("/") >= 2
                    and (root / CASES_DIR / p.split("/")[1]).is_dir()})
    if not paths:
        return

    def touched(path: str) -> bool:
        return path in paths or any(path == f"{CASES_DIR}/{c}" or path.startswith(f"{CASES_DIR}/{c}/") for c in cases)

    found = [p for p in validate(root, clock.today(), cases=cases or None, signals=True, use_cache=False)
             if p.severity == ERROR and touched(p.path)]
    if not found:
        return
    lines = []
    for p in found[:10]:
        commit = _git(root, "log", "-1", "--format=%h %s", *([f"{upstream}..HEAD"] if upstream else ["HEAD"]), "--",
                      p.path, check=False).stdout.strip()
        lines.append(f"{p.format()}" + (f" (uit commit {commit})" if commit else ""))
    if original and _rev(root, "HEAD") != original:
        _git(root, "reset", "--keep", "-q", original, check=False)
    raise RegieError("niet gedeeld: wat je zou delen heeft fouten; herstel ze, commit, en probeer 'regie sync' opnieuw "
                     "(er is niets veranderd):\n" + "\n".join(lines), code="sync-fouten")


def continue_sync(root: Path) -> Outcome:
    """``regie sync --verder``: the conflicts are resolved by hand; finish the rebase, check, push."""
    with session(root, "sync", mutating=False):
        state = conflicts.load(root)
        if state is None:
            raise RegieError("er is geen 'regie sync' die op een conflict wacht; deel je werk met 'regie sync'", code="sync")
        outcome = Outcome(state.remote, state.branch,
                          [Renumbering(str(a), str(b), str(c), d) for a, b, c, d in state.renumbered])
        files = _git(root, "diff", "--name-only", "--diff-filter=U").stdout.split()
        left = conflicts.markers_left(root, files)
        if left:
            raise RegieError("er staan nog conflictblokken in " + ", ".join(left[:5]) + ("..." if len(left) > 5 else "")
                             + ": kies per blok één versie en haal de regels <<<<<<<, ======= en >>>>>>> weg; "
                             + conflicts.WAYS_OUT, code="sync-conflict")
        if files:
            _git(root, "add", "--", *files)
        done = _git(root, *_driver_config(root), "-c", "core.editor=true", "rebase", "--continue", check=False,
                    env={"REGIE_SYNC_UPSTREAM": state.upstream, "GIT_EDITOR": "true"})
        if done.returncode != 0:
            still = _git(root, "diff", "--name-only", "--diff-filter=U").stdout.split()
            if still:  # the next of your commits meets a conflict too
                raise conflicts.SyncConflict(conflicts.report(root, still, state.remote), code="sync-conflict")
            raise RegieError("de sync kon niet verder; zet alles terug met 'regie sync --afbreken'", code="sync")
        conflicts.clear(root)
        outcome.pushed = int(_git(root, "rev-list", "--count", f"{state.upstream}..HEAD").stdout.strip())
        outcome.fetched = int(_git(root, "rev-list", "--count", f"{state.original}..{state.upstream}",
                                   check=False).stdout.strip() or 0)
    erased = purgesync.Erased.restored(state.erased) if state.erased else None
    if erased is not None:
        outcome.vernietigd, outcome.weggelaten, outcome.erased = erased.cases, erased.left_out, erased
    with session(root, "sync"):
        _check_outgoing(root, state.upstream, state.original)
        if _shared(root, state.remote, state.branch, outcome, erased, pushed=False):
            return outcome
        return _rounds(root, state.remote, state.branch, outcome, state.original)  # someone shared in between


def abort_sync(root: Path) -> str:
    """``regie sync --afbreken``: back to where this clone was before the sync, as if it never ran."""
    with session(root, "sync", mutating=False):
        state = conflicts.load(root)
        if state is None:
            raise RegieError("er is geen 'regie sync' die op een conflict wacht; er is niets terug te zetten", code="sync")
        _git(root, "rebase", "--abort", check=False)
        _git(root, "reset", "--keep", "-q", state.original, check=False)
        conflicts.clear(root)
        return state.original


def _push(root: Path, remote: str, branch: str, outcome: Outcome, *, first: bool = False, lease: str | None = None) -> bool:
    args = (["push", "--quiet"] + (["--set-upstream"] if first else [])
            + ([f"--force-with-lease=refs/heads/{branch}:{lease}"] if lease else []) + [remote, f"HEAD:refs/heads/{branch}"])
    done = _git(root, *args, check=False)
    if done.returncode == 0:
        if first:
            _name_the_branch(root, remote, branch)
        return True
    text = done.stderr
    if "rejected" in text or "fetch first" in text or "non-fast-forward" in text:
        return False  # someone shared in between: another round
    url = _git(root, "remote", "get-url", remote, check=False).stdout.strip()
    error = _fetch_error(remote, url, text, "")
    if isinstance(error, Offline):
        error = Offline(f"delen mislukt: {remote} nam de commits niet aan (geen verbinding); je commits blijven hier staan",
                        code="offline")
    raise error


def _name_the_branch(root: Path, remote: str, branch: str) -> None:
    """A new bare repository on a path may name a branch that does not exist as its HEAD (``master``): point it at
    the branch just pushed, so that ``git clone`` checks it out. (A server such as GitLab does this by itself.)"""
    url = _git(root, "remote", "get-url", remote, check=False).stdout.strip()
    folder = places.local_remote(root, url)
    if folder is None or not folder.is_dir():
        return
    if gitops.run(folder, "rev-parse", "--verify", "-q", "HEAD", check=False).returncode != 0:
        gitops.run(folder, "symbolic-ref", "HEAD", f"refs/heads/{branch}", check=False)
