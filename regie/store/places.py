"""Where a repository's parts are: its top (a dossier may be a folder of a larger repository), the work trees
linked to it, and a remote that is a folder on this machine."""

from __future__ import annotations

from pathlib import Path

from .gitops import run


def top_and_prefix(root: Path) -> tuple[Path, str]:
    """The top of the git repository ``root`` is in, and ``root``'s path below it ('' or 'dossier/')."""
    top, _, prefix = run(root, "rev-parse", "--show-toplevel", "--show-prefix").stdout.rstrip("\n").partition("\n")
    return Path(top), prefix


def linked_worktrees(root: Path) -> list[str]:
    """The work trees linked to this repository besides its own (``git worktree add``)."""
    out = run(root, "worktree", "list", "--porcelain").stdout
    return [line[len("worktree "):] for line in out.splitlines() if line.startswith("worktree ")][1:]


def local_remote(root: Path, url: str) -> Path | None:
    """The folder of a remote on this machine (a path or a file:// address, relative to ``root`` as git reads it);
    None for a server."""
    if not url.startswith(("/", "file://", ".")):
        return None
    folder = Path(url.removeprefix("file://"))
    return folder if folder.is_absolute() else (root / folder).resolve()
