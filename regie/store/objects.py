"""What git's object store holds, reachable or not: for checking that an erased case left nothing behind.

``git cat-file --batch-all-objects`` lists every object of the repository (loose, packed, kept packs and
alternates), whether a commit still reaches it or not. The erasure of a case asks three things of it:
which of the case's blob ids still exist, which trees still hold a folder of the case, and what keeps
an object alive (a ref, a tag, a kept pack), so that it can say where to look.
"""

from __future__ import annotations

from pathlib import Path

from .gitops import run, run_bytes

_EMPTY = "0" * 40


def all_objects(top: Path) -> dict[str, str]:
    """Every object id in the repository with its type (blob, tree, commit, tag), reachable or not."""
    out = run(top, "cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype)").stdout
    return dict(line.split(" ", 1) for line in out.splitlines() if " " in line)


def reachable_paths(top: Path) -> dict[str, str]:
    """Every object a ref reaches, with the path it was first seen at ('' for a commit, a root tree or a tagged blob)."""
    out = run(top, "rev-list", "--all", "--objects").stdout
    found = {}
    for line in out.splitlines():
        oid, _, path = line.partition(" ")
        found[oid] = path
    return found


def _tree_entries(data: bytes) -> list[tuple[str, str, str]]:
    """A tree object's entries: (mode, name, id)."""
    entries = []
    i = 0
    while i < len(data):
        space = data.index(b" ", i)
        nul = data.index(b"\0", space)
        oid = data[nul + 1:nul + 21].hex()
        entries.append((data[i:space].decode("ascii", "replace"), data[space + 1:nul].decode("utf-8", "replace"), oid))
        i = nul + 21
    return entries


def trees_with_folder(top: Path, trees: list[str], names: set[str]) -> list[str]:
    """The trees among ``trees`` that hold a folder named one of ``names``."""
    if not trees or not names:
        return []
    out, found, i = run_bytes(top, "cat-file", "--batch", input="\n".join(trees).encode() + b"\n"), [], 0
    while i < len(out):
        eol = out.index(b"\n", i)
        oid, kind, size = out[i:eol].decode().split(" ")
        body = out[eol + 1:eol + 1 + int(size)]
        i = eol + 1 + int(size) + 1
        if kind == "tree" and any(mode == "40000" and name in names for mode, name, _ in _tree_entries(body)):
            found.append(oid)
    return found


def refs_holding(top: Path, oid: str) -> list[str]:
    """The refs (branches, tags, the stash, ...) from which ``oid`` can be reached."""
    refs = run(top, "for-each-ref", "--format=%(refname)").stdout.split()
    holding = []
    for ref in refs:
        listed = run(top, "rev-list", "--objects", ref, check=False).stdout
        if any(line.split(" ", 1)[0] == oid for line in listed.splitlines()):
            holding.append(ref)
    return holding


def blobs_in_history(top: Path, paths: list[str]) -> set[str]:
    """Every blob id the files under ``paths`` ever had, in any commit of any ref, of the reflogs and of the index."""
    out = run(top, "log", "--all", "--reflog", "--format=", "--raw", "--no-abbrev", "--diff-merges=separate",
              "--no-renames", "--", *paths).stdout
    blobs: set[str] = set()
    for line in out.splitlines():
        if line.startswith(":"):
            fields = line[1:].split("\t", 1)[0].split(" ")
            blobs.update(b for b in fields[2:4] if b != _EMPTY and fields[0] != "160000")
    index = run(top, "ls-files", "--stage", "--", *paths).stdout
    blobs.update(line.split(" ")[1] for line in index.splitlines() if line.count(" ") >= 2)
    return blobs


def renamed_from(top: Path, folder: str) -> list[str]:
    """The earlier paths of ``folder`` (``a/b/``) that history shows it was renamed from, by hand or otherwise.

    A folder of which a file was renamed into ``folder`` counts as a whole (``oud/2025-014/``) when the rest of
    the file's path is the same on both sides; otherwise that one file counts.
    """
    out = run(top, "log", "--all", "--format=", "--name-status", "-M", "--diff-filter=R").stdout
    renames = [line.split("\t")[1:3] for line in out.splitlines() if line.startswith("R") and line.count("\t") == 2]
    known, found = [folder], []
    changed = True
    while changed:
        changed = False
        for old, new in renames:
            for prefix in list(known):
                if not new.startswith(prefix) or old.startswith(prefix):
                    continue
                rest = new[len(prefix):]
                earlier = old[:-len(rest)] if old.endswith("/" + rest) else old
                if earlier not in known and not any(earlier.startswith(k) for k in known if k.endswith("/")):
                    known.append(earlier)
                    found.append(earlier)
                    changed = True
    return found
