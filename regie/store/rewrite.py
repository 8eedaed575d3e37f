"""Rewriting unshared commits: each commit again, with its paths, file texts and message changed.

``regie sync`` renumbers ids in the commits that are not on the remote yet; this is the git
plumbing that does it (a private index, ``commit-tree``), whatever the change is.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Protocol

from .gitops import run as _git


class Change(Protocol):
    def path(self, path: str) -> str: ...
    def text(self, path: str, text: str) -> str: ...
    def message(self, message: str) -> str: ...


def rewrite(root: Path, base: str | None, commits: list[str], change: Change) -> str:
    """New commits for ``commits`` (oldest first) with ``change`` applied to the files they changed since ``base``
    and to their messages; returns the new head. Author and date are kept."""
    mapped: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="regie-sync-") as tmp:
        index = os.path.join(tmp, "index")
        env = {"GIT_INDEX_FILE": index}
        for sha in commits:
            entries = []
            changed = set()
            if base is not None:
                changed = set(_git(root, "diff", "--name-only", "-z", "--no-renames", base, sha).stdout.split("\0"))
            for entry in _git(root, "ls-tree", "-r", "-z", "--full-tree", sha).stdout.split("\0"):
                if not entry:
                    continue
                meta, path = entry.split("\t", 1)
                mode, kind, blob = meta.split()
                new_path = change.path(path)
                if kind == "blob" and (base is None or path in changed) and path.endswith((".yaml", ".md")):
                    text = _git(root, "cat-file", "blob", blob).stdout
                    new_text = change.text(path, text)
                    if new_text != text:
                        blob = _git(root, "hash-object", "-w", "--stdin", input=new_text).stdout.strip()
                entries.append(f"{mode} {blob}\t{new_path}")
            if os.path.exists(index):
                os.unlink(index)
            _git(root, "update-index", "--add", "--index-info", input="\n".join(entries) + "\n", env=env)
            tree = _git(root, "write-tree", env=env).stdout.strip()
            info = _git(root, "log", "-1", "--format=%an%x00%ae%x00%ad%x00%P%x00%B", "--date=raw", sha).stdout
            name, email, date, parents, message = info.split("\0", 4)
            args = []
            for parent in parents.split():
                args += ["-p", mapped.get(parent, parent)]
            author = {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": date}
            new = _git(root, "commit-tree", tree, *args, "-F", "-", input=change.message(message.rstrip("\n")) + "\n",
                       env=author).stdout.strip()
            mapped[sha] = new
    return mapped[commits[-1]]
