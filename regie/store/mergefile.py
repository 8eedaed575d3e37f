"""git's merge driver for the dossier's record files: merge by id and by field, not by line.

``afspraken.yaml`` and ``escalaties.yaml`` are lists of records with an id; a signal file is
one record. When two regisseurs each add or change a different record (or a different field
of the same record), git's line merge would often conflict; this driver merges them and
keeps the comments and layout of the local version (ruamel round trip). Only the same field
of the same record changed differently on both sides (or a record changed on one side and
removed on the other) is a conflict: that record is written twice between git's markers,
which ``regie validate`` reports as ``[merge-conflict]`` with its line.

A file that is not valid YAML on any side, or not of the expected shape, is merged by
``git merge-file`` as git would do it.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LIST_KEYS = {"afspraken.yaml": "afspraken", "escalaties.yaml": "escalaties", "verstrekkingen.yaml": "verstrekkingen"}
ATTRIBUTES = (
    "# regie: afspraken, escalaties en signalen worden per record samengevoegd (regie merge-file)\n"
    "casussen/*/afspraken.yaml merge=regie\n"
    "casussen/*/escalaties.yaml merge=regie\n"
    "casussen/*/verstrekkingen.yaml merge=regie\n"
    "signalen/*.yaml merge=regie\n"
    "casussen/*/identiteit.yaml.age diff=regie-age -merge\n"
)
MARK_OURS = "<<<<<<< deze kant"
MARK_MID = "======="
MARK_THEIRS = ">>>>>>> andere kant"


def _plain(value: Any) -> Any:
    """A ruamel value as plain Python, so that equal records compare equal whatever their layout."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


class _Unmergeable(Exception):
    """Not a record file this driver understands: let git's line merge do it."""


def _yaml():
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    return y


def _load(text: str, key: str | None) -> Any:
    from ruamel.yaml.error import YAMLError

    if not text.strip():
        return None
    try:
        data = _yaml().load(text)
    except YAMLError:
        raise _Unmergeable from None
    if data is None:
        return None
    if not isinstance(data, dict):
        raise _Unmergeable
    if key is not None:
        items = data.get(key)
        if items is not None and (not isinstance(items, list) or not all(isinstance(i, dict) and "id" in i for i in items)):
            raise _Unmergeable
    return data


@dataclass
class _Result:
    conflicts: list[tuple[str, Any, Any]] = field(default_factory=list)  # (id, ours record or None, theirs or None)


def _merge_record(base: dict | None, ours: dict, theirs: dict) -> bool:
    """Merge ``theirs`` into ``ours`` field by field (in place); False when a field conflicts."""
    b = _plain(base) if base is not None else {}
    keys = list(ours.keys()) + [k for k in theirs.keys() if k not in ours]
    changes = {}
    for k in keys:
        o, a, t = b.get(str(k)), _plain(ours.get(k)), _plain(theirs.get(k))
        if a == t or t == o:
            continue
        if a == o:
            changes[k] = k in theirs
        else:
            return False
    for k, present in changes.items():
        if present:
            ours[k] = copy.deepcopy(theirs[k])
        else:
            del ours[k]
    return True


def merge_text(base_text: str, ours_text: str, theirs_text: str, name: str) -> tuple[str, bool]:
    """The merged text of a record file and whether it merged cleanly."""
    key = LIST_KEYS.get(name)
    base, ours, theirs = (_load(t, key) for t in (base_text, ours_text, theirs_text))
    if ours is None or theirs is None:
        raise _Unmergeable
    result = _Result()
    if key is None:  # one record per file (a signal)
        if not _merge_record(base, ours, theirs):
            result.conflicts.append((str(ours.get("id", "")), copy.deepcopy(ours), theirs))
        return _dump(ours, None, result), not result.conflicts
    base_items = {str(i["id"]): i for i in ((base or {}).get(key) or [])}
    if ours.get(key) is None and theirs.get(key):
        from ruamel.yaml.comments import CommentedSeq

        ours[key] = CommentedSeq()
    ours_list = ours.get(key) or []
    theirs_items = {str(i["id"]): i for i in (theirs.get(key) or [])}
    ours_ids = {str(i["id"]) for i in ours_list}
    for item in list(ours_list):
        rid = str(item["id"])
        if rid in theirs_items:
            before = copy.deepcopy(item)
            if not _merge_record(base_items.get(rid), item, theirs_items[rid]):
                result.conflicts.append((rid, before, theirs_items[rid]))
        elif rid in base_items:  # removed on the other side
            if _plain(item) == _plain(base_items[rid]):
                ours_list.remove(item)
            else:
                result.conflicts.append((rid, copy.deepcopy(item), None))
    for rid, item in theirs_items.items():
        if rid in ours_ids:
            continue
        if rid in base_items:  # removed here, kept (or changed) there
            if _plain(item) != _plain(base_items[rid]):
                ours_list.append(copy.deepcopy(item))
                result.conflicts.append((rid, None, item))
        else:
            ours_list.append(copy.deepcopy(item))
    return _dump(ours, key, result), not result.conflicts


def _dump(doc: Any, key: str | None, result: _Result) -> str:
    from .yamledit import guess_indent  # the file's own indentation

    def dump(data: Any) -> str:
        y = _yaml()
        y.indent(*_indent)
        out = io.StringIO()
        y.dump(data, out)
        return out.getvalue()

    _indent = (2, 4, 2)
    text = dump(doc)
    mapping, sequence, offset = guess_indent(text)
    _indent = (mapping, sequence, offset)
    text = dump(doc)
    if not result.conflicts:
        return text
    if key is None:
        rid, ours, theirs = result.conflicts[0]
        return f"{MARK_OURS} ({rid})\n{dump(ours)}{MARK_MID}\n{dump(theirs)}{MARK_THEIRS} ({rid})\n"
    # replace each conflicting record's lines by both versions between git's markers
    ranges = _item_lines(text, key)
    lines = text.splitlines(keepends=True)
    blocks = []
    for rid, ours, theirs in result.conflicts:
        start, end = ranges[rid]
        ours_lines = "".join(lines[start:end]) if ours is not None else ""
        theirs_lines = ""
        if theirs is not None:
            other = copy.deepcopy(doc)
            for i, item in enumerate(other[key]):
                if str(item["id"]) == rid:
                    other[key][i] = copy.deepcopy(theirs)
            o_start, o_end = _item_lines(dump(other), key)[rid]
            theirs_lines = "".join(dump(other).splitlines(keepends=True)[o_start:o_end])
        blocks.append((start, end, f"{MARK_OURS} ({rid})\n{ours_lines}{MARK_MID}\n{theirs_lines}{MARK_THEIRS} ({rid})\n"))
    for start, end, block in sorted(blocks, reverse=True):
        lines[start:end] = [block]
    return "".join(lines)


def _item_lines(text: str, key: str) -> dict[str, tuple[int, int]]:
    """For each record of the list ``key``: the range of lines (0-based, end exclusive) it takes in ``text``."""
    import yaml

    root = yaml.compose(text)
    seq = next(v for k, v in root.value if k.value == key)
    found = {}
    items = seq.value
    for n, item in enumerate(items):
        rid = next(str(v.value) for k, v in item.value if k.value == "id")
        if n + 1 < len(items):
            end = items[n + 1].start_mark.line
        else:  # the last record ends where its mapping ends
            end = item.end_mark.line + (1 if item.end_mark.column > 0 else 0)
        found[rid] = (item.start_mark.line, end)
    return found


def merge_file(base: Path, ours: Path, theirs: Path, name: str) -> bool:
    """What git calls: merge into ``ours`` in place; True when clean (exit 0), False on a conflict (exit 1)."""
    import subprocess

    from .files import write_text_atomic

    texts = []
    for p in (base, ours, theirs):
        try:
            texts.append(p.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            texts = []
            break
    try:
        if not texts:
            raise _Unmergeable
        merged, clean = merge_text(texts[0], texts[1], texts[2], Path(name).name)
    except _Unmergeable:
        done = subprocess.run(["git", "merge-file", "-L", "deze kant", "-L", "basis", "-L", "andere kant",
                               str(ours), str(base), str(theirs)], capture_output=True)
        return done.returncode == 0
    write_text_atomic(ours, merged)
    return clean
