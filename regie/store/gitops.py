"""All git access: opening the repository, initialising it, committing exactly what a command wrote.

Mutations talk to the ``git`` program directly (:func:`run`: one process per step, output
captured, git's own text never shown raw); GitPython serves the history readers (the case
log, the plan's earlier versions) and is imported here only, when they need it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..errors import GitError, NothingToChange

NO_GIT = "het programma git is niet gevonden; installeer git (bijvoorbeeld 'apt install git')"


def has_git() -> bool:
    """Whether the git program is there."""
    return shutil.which("git") is not None


def require_git() -> None:
    """A Dutch refusal when the git program is missing (before a command writes anything)."""
    if not has_git():
        raise GitError(NO_GIT, code="git")


def _git():  # imported lazily: `regie --help` and read-only commands never load GitPython
    require_git()
    try:
        import git
    except ImportError:  # GitPython refuses to load when it cannot run git
        raise GitError(NO_GIT, code="git") from None
    return git


def git_dir(root: Path) -> Path | None:
    """The repository's git folder (``.git``, or where a ``.git`` file points), without starting git."""
    for folder in (root, *root.parents):
        dot = folder / ".git"
        if dot.is_dir():
            return dot
        if dot.is_file():
            try:
                text = dot.read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError):
                return None
            if text.startswith("gitdir:"):
                target = Path(text[len("gitdir:"):].strip())
                return target if target.is_absolute() else (folder / target).resolve()
            return None
    return None


def check_index_lock(root: Path) -> None:
    """Stop (never delete it) when git's ``index.lock`` is there: git may still be running."""
    gd = git_dir(root)
    lock = gd / "index.lock" if gd else None
    if lock is None or not lock.exists():
        return
    import datetime as dt

    try:
        since = dt.datetime.fromtimestamp(lock.stat().st_mtime).strftime("%Y-%m-%d %H:%M:%S")
    except OSError:
        since = "onbekend"
    raise GitError(
        f"git is bezig, of is eerder afgebroken: {lock} bestaat (sinds {since}). "
        "Kijk met 'ps -ef | grep git' of er nog een git-proces loopt; wacht dan tot het klaar is. "
        "Loopt er geen git meer, verwijder dat bestand dan zelf en probeer het opnieuw.",
        code="git",
    )


def open_repo(root: Path):
    git = _git()
    try:
        return git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise GitError(f"{root} is geen git-repository; maak er een met 'git init' of schrijf zonder commit ('regie … --no-commit')") from None


def _top(root: Path) -> Path:
    return Path(run(root, "rev-parse", "--show-toplevel").stdout.strip()).resolve()


def _rels(top: Path, paths: list[Path]) -> list[str]:
    return [p.resolve().relative_to(top).as_posix() if p.is_absolute() else p.as_posix() for p in paths]


def is_tracked(root: Path, path: Path) -> bool:
    """Whether git tracks ``path`` (False outside a git repository)."""
    if git_dir(root) is None:
        return False
    try:
        top = _top(root)
        return run(top, "ls-files", "--error-unmatch", "--", *_rels(top, [path]), check=False).returncode == 0
    except (GitError, ValueError):
        return False


def changed_since(root: Path, rev: str) -> list[Path]:
    """The files changed between ``rev`` and HEAD (since their merge base, as a merge request sees it)."""
    if git_dir(root) is None:
        raise GitError(f"{root} is geen git-repository; vergelijken met een eerdere versie gaat met de git-geschiedenis",
                       field="changed_since")
    if run(root, "rev-parse", "--verify", "-q", f"{rev}^{{commit}}", check=False).returncode != 0:
        raise GitError(f"onbekende revisie '{rev}' (bijv. origin/main, een tag of een commit; haal hem eerst op met 'git fetch')",
                       code="git")
    top = _top(root)
    out = run(top, "diff", "--name-only", "-z", "--no-renames", f"{rev}...HEAD").stdout
    return [top / name for name in out.split("\0") if name]


def is_ignored(root: Path, path: Path) -> bool:
    """Whether git ignores ``path`` (a file regie writes with -o there stays out of history)."""
    top = _top(root)
    return run(top, "check-ignore", "-q", "--no-index", "--", *_rels(top, [path]), check=False).returncode == 0


def changed_paths(root: Path, paths: list[Path]) -> list[str]:
    """Those of ``paths`` with uncommitted changes (staged, unstaged or untracked), repo-relative."""
    top = _top(root)
    out = run(top, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", *_rels(top, paths)).stdout
    return sorted({entry[3:] for entry in out.split("\0") if len(entry) > 3})


def head_info(root: Path) -> tuple[str | None, str | None, str | None]:
    """(HEAD sha, its first parent's sha, its subject); Nones in a repository without commits."""
    done = run(root, "log", "-1", "--format=%H%x00%P%x00%s", "HEAD", check=False)
    if done.returncode != 0 or not done.stdout.strip():
        return None, None, None
    sha, parents, subject = done.stdout.rstrip("\n").split("\0", 2)
    return sha, (parents.split()[0] if parents else None), subject


def index_entries(root: Path, paths: list[Path]) -> dict[str, str]:
    """The index entries (``mode sha``) of ``paths`` as they are now, by repo-relative path."""
    top = _top(root)
    out = run(top, "ls-files", "-s", "-z", "--", *_rels(top, paths)).stdout
    entries = {}
    for entry in out.split("\0"):
        if entry:
            meta, _, name = entry.partition("\t")
            mode, sha, _stage = meta.split()
            entries[name] = f"{mode} {sha}"
    return entries


def restore_index(root: Path, rels: list[str], entries: dict[str, str]) -> None:
    """Put the index entries of ``rels`` back as recorded in ``entries`` (absent: not in the index)."""
    top = _top(root)
    gone = [r for r in rels if r not in entries]
    if gone:
        run(top, "rm", "--cached", "-r", "-q", "--ignore-unmatch", "--", *gone)
    back = [f"{entries[r]}\t{r}" for r in rels if r in entries]
    if back:
        run(top, "update-index", "--index-info", input="\n".join(back) + "\n")


def is_repo(root: Path) -> bool:
    git = _git()
    try:
        git.Repo(root, search_parent_directories=True)
        return True
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return False


def init(root: Path) -> None:
    git = _git()
    try:
        git.Repo.init(root, initial_branch="main")
    except git.GitCommandError:  # older git without --initial-branch
        git.Repo.init(root)


def run(root: Path, *args: str, input: str | None = None, env: dict | None = None, check: bool = True):
    """Run ``git args`` in ``root`` and capture its output; a failure is a GitError (git's text kept in ``.detail``)."""
    import os
    import subprocess

    require_git()
    full_env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", **(env or {})}
    done = subprocess.run(["git", *args], cwd=root, input=input, capture_output=True, text=True, env=full_env)
    if check and done.returncode != 0:
        err = GitError(f"git {args[0]} mislukt", code="git")
        err.detail = (done.stdout + done.stderr).strip()
        raise err
    return done


def run_bytes(root: Path, *args: str, input: bytes) -> bytes:
    """``git args`` with bytes in and out (``cat-file --batch``); a failure is a GitError."""
    import subprocess

    require_git()
    done = subprocess.run(["git", *args], cwd=root, input=input, capture_output=True)
    if done.returncode != 0:
        raise GitError(f"git {args[0]} mislukt", code="git")
    return done.stdout


def current_branch(root: Path) -> str:
    """The branch HEAD is on ('' on a detached HEAD)."""
    return run(root, "symbolic-ref", "--short", "-q", "HEAD", check=False).stdout.strip()


def check_ready(root: Path) -> None:
    """Before a command writes: git is there, the repository is in a normal state, and who commits is known.

    Each problem is one Dutch line saying what to do; nothing has been written yet.
    """
    if shutil.which("git") is None:
        raise GitError("het programma git is niet gevonden; installeer git (bijvoorbeeld 'apt install git')", code="git")
    gd = git_dir(root)
    if gd is None:
        raise GitError(f"{root} is geen git-repository; maak er een met 'git init' of schrijf zonder commit ('regie … --no-commit')")
    if (gd / "MERGE_HEAD").exists():
        raise GitError("er loopt nog een samenvoeging (merge) die niet van regie is: breek hem af met 'git merge --abort' "
                       "en deel je werk met 'regie sync' (dat nummert botsende id's om; een merge doet dat niet)", code="git")
    if (gd / "rebase-merge").is_dir() or (gd / "rebase-apply").is_dir():
        # not regie's own (that one is named by its state): a rebase of a pull bypasses sync's renumbering, so
        # the advice is to go back and share with regie sync, never to finish it
        raise GitError("er loopt nog een rebase die niet van regie is: breek hem af met 'git rebase --abort' en deel je "
                       "werk met 'regie sync' (dat nummert botsende id's om; een rebase doet dat niet)", code="git")
    for name, what in (("CHERRY_PICK_HEAD", "cherry-pick"), ("REVERT_HEAD", "revert")):
        if (gd / name).exists():
            raise GitError(f"er loopt nog een {what}: maak die eerst af of breek hem af ('git {what} --abort')", code="git")
    try:
        head = (gd / "HEAD").read_text(encoding="utf-8").strip()
    except OSError:
        head = ""
    if not head.startswith("ref:"):
        raise GitError("HEAD staat los van een branch (detached HEAD); ga eerst terug naar je branch, "
                       "bijvoorbeeld met 'git switch main'", code="git")
    check_index_lock(root)
    check_identity(root)


def check_identity(folder: Path) -> None:
    """Git knows who commits, as seen from ``folder`` (its repository's own settings, else the user's)."""
    names = run(folder, "config", "--get-regexp", r"^user\.(name|email)$", check=False).stdout
    if "user.name " not in names or "user.email " not in names:
        raise GitError("git weet niet wie je bent: stel eerst je naam en e-mailadres in met 'git config --global user.name "
                       "\"Voornaam Achternaam\"' en 'git config --global user.email \"naam@organisatie.nl\"'", code="git")


def _hooks(root: Path) -> list[str]:
    gd = git_dir(root)
    configured = run(root, "config", "--get", "core.hooksPath", check=False).stdout.strip()
    folder = (root / configured) if configured else (gd / "hooks" if gd else None)
    if folder is None:
        return []
    import os

    return [h for h in ("pre-commit", "commit-msg", "prepare-commit-msg") if os.access(folder / h, os.X_OK)]


def commit_paths(root: Path, paths: list[Path], message: str, *, commit: bool = True) -> str | None:
    """Stage ``paths`` and commit only them; other staged or unstaged work is left alone.

    Returns the new commit's hex sha, or None with ``commit=False`` (the paths stay staged).
    Raises NothingToChange when the paths are exactly as committed already.
    """
    top = Path(run(root, "rev-parse", "--show-toplevel").stdout.strip()).resolve()
    rels = [p.resolve().relative_to(top).as_posix() for p in paths]
    run(top, "add", "--", *rels)
    if run(top, "diff", "--cached", "--quiet", "--", *rels, check=False).returncode == 0 and \
            run(top, "rev-parse", "--verify", "-q", "HEAD", check=False).returncode == 0:
        raise NothingToChange("niets te wijzigen: alles stond er al zo")
    if not commit:
        return None
    # `git commit --only -- <paths>` commits those paths as in the work tree and
    # leaves whatever else the user had staged staged and uncommitted.
    done = run(top, "commit", "--only", "-m", message, "--", *rels, check=False)
    if done.returncode != 0:
        output = (done.stdout + done.stderr).strip()
        if "index.lock" in output:
            check_index_lock(root)
        hooks = _hooks(top)
        if hooks:
            said = f"Wat de hook meldde:\n{output}" if output else "De hook meldde niets."
            raise GitError(f"de commit is geweigerd door de git-hook {' / '.join(hooks)}; er is niets gewijzigd. {said}",
                           code="hook")
        raise GitError("git kon niet committen; er is niets gewijzigd (kijk met 'git status' wat er aan de hand is)",
                       code="git")
    return run(top, "rev-parse", "HEAD").stdout.strip()


def unstage(root: Path, paths: list[Path]) -> None:
    """Take ``paths`` out of the index again (after a failed commit): back to HEAD, or untracked."""
    top = _top(root)
    rels = _rels(top, paths)
    if run(top, "rev-parse", "--verify", "-q", "HEAD", check=False).returncode == 0:
        run(top, "reset", "-q", "--", *rels, check=False)
    else:
        run(top, "rm", "--cached", "-r", "-q", "--ignore-unmatch", "--", *rels, check=False)


def path_log(root: Path, path: Path, grep: str | None = None) -> list[str]:
    """Commit shas that touched ``path``, newest first (optionally only those whose message matches)."""
    repo = open_repo(root)
    args = ["--format=%H"]
    if grep:
        args += ["--fixed-strings", f"--grep={grep}"]
    out = repo.git.log(*args, "--", str(path.resolve()))
    return out.split()


def show_file(root: Path, sha: str, path: Path) -> str | None:
    """The text of ``path`` at commit ``sha``, or None when it did not exist there."""
    git = _git()
    repo = open_repo(root)
    top = Path(repo.working_tree_dir).resolve()
    try:
        return repo.git.show(f"{sha}:{path.resolve().relative_to(top).as_posix()}", strip_newline_in_stdout=False)
    except git.GitCommandError:
        return None


def history(root: Path, folder: Path) -> list[tuple[str, str, str, str, list[str]]]:
    """Commits that touched ``folder``, oldest first: (sha, ISO date, author, subject, files)."""
    repo = open_repo(root)
    top = Path(repo.working_tree_dir).resolve()
    rel = folder.resolve().relative_to(top).as_posix()
    out = repo.git.log("--reverse", "--date=short", "--format=%x1e%H%x1f%ad%x1f%an%x1f%s", "--name-only", "--", rel)
    commits = []
    for block in out.split("\x1e"):
        if not block.strip():
            continue
        head, _, files = block.partition("\n")
        sha, date, author, subject = head.split("\x1f", 3)
        names = [f[len(rel) + 1:] if f.startswith(rel + "/") else f for f in files.split("\n") if f.strip()]
        commits.append((sha, date, author, subject, names))
    return commits


def merge_file(ours: Path, base: Path, theirs: Path, *, in_place: bool = True,
               labels: tuple[str, str] = ("deze kant", "andere kant")) -> tuple[bool, str]:
    """git's own line merge of three files (``git merge-file``): (clean?, the merged text).

    In place (as git's merge driver must) the result goes into ``ours``; else it is only
    returned. Conflicts are marked with ``labels`` (ours, theirs). A merge that git could not do
    at all (an error, not a conflict) is a GitError.
    """
    import subprocess

    require_git()
    names = ["-L", labels[0], "-L", "basis", "-L", labels[1]]
    done = subprocess.run(["git", "merge-file", *([] if in_place else ["-p"]), *names, str(ours), str(base), str(theirs)],
                          capture_output=True, text=True)
    if done.returncode < 0 or done.returncode > 127:
        raise GitError("git merge-file mislukt", code="git")
    return done.returncode == 0, done.stdout


def archive(top: Path, tree: str):
    """A running ``git archive --format=tar TREE`` in ``top``: read its tar from ``.stdout``, then ``.wait()``."""
    import os
    import subprocess

    require_git()
    return subprocess.Popen(["git", "archive", "--format=tar", tree], cwd=top, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env={**os.environ, "LC_ALL": "C"})


def filter_repo_tool() -> str | None:
    """Where git-filter-repo is (on the PATH, or beside this Python), or None."""
    import sys

    found = shutil.which("git-filter-repo") or str(Path(sys.executable).parent / "git-filter-repo")
    return found if Path(found).exists() else None


def filter_repo(root: Path, *args: str, keep_fd: int | None = None) -> bool:
    """Run git-filter-repo with ``args`` in ``root`` (it rewrites every commit); True when it succeeded.

    ``keep_fd`` (the repository's lock) is handed down, so that the lock holds until the rewrite has ended
    even when this process is killed while it runs. The marker of an earlier run goes first: when it is
    older than a day git-filter-repo would ask a question.
    """
    import subprocess

    tool = filter_repo_tool()
    if tool is None:
        raise GitError("git-filter-repo is niet gevonden", code="git")
    common = run(root, "rev-parse", "--path-format=absolute", "--git-common-dir").stdout.strip()
    (Path(common) / "filter-repo" / "already_ran").unlink(missing_ok=True)
    done = subprocess.run([tool, *args], cwd=root, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          pass_fds=(keep_fd,) if keep_fd is not None else ())
    return done.returncode == 0


def last_change(root: Path, rev: str, rel: str) -> tuple[str, str, str] | None:
    """Who last changed ``rel`` in the history of ``rev``: (author, short commit, date), or None."""
    done = run(root, "log", "-1", "--format=%an%x00%h%x00%ad", "--date=short", rev, "--", rel, check=False)
    parts = done.stdout.strip().split("\0")
    return (parts[0], parts[1], parts[2]) if done.returncode == 0 and len(parts) == 3 else None
