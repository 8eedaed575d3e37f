"""All git access: opening the repository, initialising it, committing exactly what a command wrote.

GitPython is imported here only, and only when a command needs git.
"""

from __future__ import annotations

from pathlib import Path

from .errors import GitError


def _git():  # imported lazily: `regie --help` and read-only commands never load GitPython
    import git

    return git


def open_repo(root: Path):
    git = _git()
    try:
        return git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise GitError(f"{root} is geen git-repository; maak er een met 'git init' of gebruik --no-commit") from None


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


def commit_paths(root: Path, paths: list[Path], message: str, *, commit: bool = True) -> str | None:
    """Stage ``paths`` and commit only them; other staged or unstaged work is left alone.

    Returns the new commit's hex sha, or None with ``commit=False`` (the paths stay staged).
    """
    git = _git()
    repo = open_repo(root)
    top = Path(repo.working_tree_dir).resolve()
    rels = [p.resolve().relative_to(top).as_posix() for p in paths]
    try:
        repo.git.add("--", *rels)
        if not commit:
            return None
        # `git commit --only -- <paths>` commits those paths as in the work tree and
        # leaves whatever else the user had staged staged and uncommitted.
        repo.git.commit("--only", "-m", message, "--", *rels)
    except git.GitCommandError as exc:
        detail = (exc.stderr or "").strip().splitlines()
        hint = ""
        if any("Please tell me who you are" in line or "user.email" in line for line in detail):
            hint = " (stel eerst git config user.name en user.email in)"
        raise GitError(f"git commit mislukt{hint}: {detail[-1] if detail else exc}") from None
    return repo.head.commit.hexsha


def unstage(root: Path, paths: list[Path]) -> None:
    """Take ``paths`` out of the index again (after a failed commit): back to HEAD, or untracked."""
    git = _git()
    repo = open_repo(root)
    top = Path(repo.working_tree_dir).resolve()
    rels = [p.resolve().relative_to(top).as_posix() for p in paths]
    try:
        if repo.head.is_valid():
            repo.git.reset("-q", "--", *rels)
        else:
            repo.git.rm("--cached", "-r", "-q", "--ignore-unmatch", "--", *rels)
    except git.GitCommandError:
        pass


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
