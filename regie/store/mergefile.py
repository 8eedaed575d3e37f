"""git's merge driver for the dossier's files: merge by record and by field, not by line.

Which files it merges, and which lists in them hold records with an id (or a natural key),
comes from the table of record kinds (:mod:`regie.layout`). When two regisseurs each add or
change a different record, or a different field of the same record or file, git's line merge
would often conflict; this driver merges them and keeps the comments and layout of the local
version (ruamel round trip). A Markdown file's front matter merges so; its text merges by
line, as git does. Only the same field changed differently on both sides (or a record changed
on one side and removed on the other) is a conflict: that record (or, outside a list of
records, the whole file) is written twice between git's markers, which ``regie validate``
reports as ``[merge-conflict]`` with its line.

A file that is not valid YAML on any side, or not of the expected shape, is merged by
``git merge-file`` as git would do it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import layout
from ..errors import DossierInvalid
from ..formats.bounds import BoundExceeded, too_large
from ..formats.positions import item_lines
from ..formats.yamledit import RoundTrip, dump_as, guess_indent, new_list
from ..layout import CASES_DIR, FileKind, RecordKind, file_kind_of, records_in
from ..limits import MAX_FILE_BYTES
from . import gitops
from .files import write_text_atomic

MARK_MID = "======="
# Which side is which. A plain merge says "deze kant" and "andere kant"; inside 'regie sync' (a rebase, where
# git's own "ours" is the colleague's version) sync names the sides through REGIE_SYNC_UPSTREAM.
SIDES = ("deze kant", "andere kant")
_pending: str | None = None  # the file git merges now, until its sides are looked up
_labels: tuple[str, str] = SIDES


def sides_for(rel: str) -> tuple[str, str]:
    """The labels of the two sides of a merge of ``rel``: git's "ours" first, then git's "theirs"."""
    import os

    upstream = os.environ.get("REGIE_SYNC_UPSTREAM")
    if not upstream:
        return SIDES
    who = gitops.last_change(Path.cwd(), upstream, rel)
    colleague = f"versie van {who[0]} ({who[1]}, {who[2]})" if who else "versie van de gedeelde repository"
    return colleague, "jouw versie"


def _sides() -> tuple[str, str]:
    """The sides of the file being merged, looked up (one git log inside a sync) only when a conflict needs them."""
    global _pending, _labels
    if _pending is not None:
        _labels, _pending = sides_for(_pending), None
    return _labels


def _ours() -> str:
    return f"<<<<<<< {_sides()[0]}"


def _theirs() -> str:
    return f">>>>>>> {_sides()[1]}"
_ABSENT = object()


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


def _load(text: str, name: str, side: int, offset: int) -> Any:
    """The round-trip data of one side (0 base, 1 ours, 2 theirs) of the file ``name``, read within regie's bounds.

    A side beyond the bounds (an alias, nesting too deep, too many records) is refused as
    BoundExceeded, naming the side; one that is only not valid YAML goes to git's line merge.
    """
    if not text.strip():
        return None
    try:
        data = RoundTrip(text, name, line_offset=offset).data
    except BoundExceeded as exc:
        raise BoundExceeded(f"{exc.message} ({_side_name(side)})", path=exc.path, line=exc.line, code=exc.code) from None
    except DossierInvalid:
        raise _Unmergeable from None
    if data is not None and not isinstance(data, dict):
        raise _Unmergeable
    return data


def _record_key(kind: RecordKind, item: Any) -> str | None:
    """The key of one record of a list: its id, or its natural key's fields joined."""
    if not isinstance(item, dict):
        return None
    fields = kind.id_field.split(",")
    if any(f not in item for f in fields):
        return None
    return "/".join(str(_plain(item[f])) for f in fields)


@dataclass
class _Result:
    # (path of the list, key, ours record or None, theirs or None); a path of () is a conflict outside a list
    conflicts: list[tuple[tuple[str, ...], str, Any, Any]] = field(default_factory=list)


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


def _merge_list(kind: RecordKind, base: Any, ours: list, theirs: Any, path: tuple[str, ...], result: _Result) -> None:
    """Merge the records of ``theirs`` into the list ``ours`` by key (in place)."""
    def keyed(items: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for item in items or []:
            key = _record_key(kind, item)
            if key is None or key in out:
                raise _Unmergeable
            out[key] = item
        return out

    base_items, theirs_items = keyed(base), keyed(theirs)
    ours_keys = set(keyed(ours))
    for item in list(ours):
        rid = _record_key(kind, item)
        if rid in theirs_items:
            before = copy.deepcopy(item)
            if not _merge_record(base_items.get(rid), item, theirs_items[rid]):
                result.conflicts.append((path, rid, before, theirs_items[rid]))
        elif rid in base_items:  # removed on the other side
            if _plain(item) == _plain(base_items[rid]):
                ours.remove(item)
            else:
                result.conflicts.append((path, rid, copy.deepcopy(item), None))
    for rid, item in theirs_items.items():
        if rid in ours_keys:
            continue
        if rid in base_items:  # removed here, kept (or changed) there
            if _plain(item) != _plain(base_items[rid]):
                ours.append(copy.deepcopy(item))
                result.conflicts.append((path, rid, None, item))
        else:
            ours.append(copy.deepcopy(item))


def _merge_map(base: Any, ours: dict, theirs: dict, path: tuple[str, ...], lists: dict[tuple[str, ...], RecordKind],
               result: _Result) -> None:
    """Merge the mapping ``theirs`` into ``ours`` (in place): per record in a list of records, per field elsewhere."""
    base = base if isinstance(base, dict) else {}
    for k in list(ours.keys()) + [k for k in theirs.keys() if k not in ours]:
        here = (*path, str(k))
        b, o, t = base.get(k, _ABSENT), ours.get(k, _ABSENT), theirs.get(k, _ABSENT)
        kind = lists.get(here)
        if kind is not None and all(isinstance(v, list) or v is _ABSENT or v is None for v in (b, o, t)):
            if o is _ABSENT or o is None:
                if t is _ABSENT or t is None:
                    continue
                ours[k] = o = new_list()
            _merge_list(kind, None if b is _ABSENT else b, o, None if t is _ABSENT else t, here, result)
            continue
        if isinstance(o, dict) and isinstance(t, dict) and (b is _ABSENT or isinstance(b, dict)):
            _merge_map(None if b is _ABSENT else b, o, t, here, lists, result)
            continue
        po, pt, pb = (None if v is _ABSENT else _plain(v) for v in (o, t, b))
        same = (o is _ABSENT) == (t is _ABSENT) and po == pt
        if same or ((t is _ABSENT) == (b is _ABSENT) and pt == pb):
            continue
        if (o is _ABSENT) == (b is _ABSENT) and po == pb:
            if t is _ABSENT:
                del ours[k]
            else:
                ours[k] = copy.deepcopy(t)
            continue
        result.conflicts.append(((), ".".join(here), None, None))


def _side_name(side: int) -> str:
    return "gemeenschappelijke versie" if side == 0 else _sides()[side - 1]


def _merge_yaml(kind: FileKind, base_text: str, ours_text: str, theirs_text: str, name: str,
                offset: int = 0) -> tuple[str, bool]:
    base, ours, theirs = (_load(t, name, n, offset) for n, t in enumerate((base_text, ours_text, theirs_text)))
    if ours is None or theirs is None:
        raise _Unmergeable
    lists = {r.list_path: r for r in records_in(kind.name)}
    result = _Result()
    original = copy.deepcopy(ours)
    _merge_map(base, ours, theirs, (), lists, result)
    if any(not path for path, *_ in result.conflicts):  # a field outside the lists: both versions of the file
        return f"{_ours()}\n{_dump_plain(original, ours_text)}{MARK_MID}\n{_dump_plain(theirs, theirs_text)}{_theirs()}\n", False
    return _dump(ours, result), not result.conflicts


def _merge_markdown(kind: FileKind, base_text: str, ours_text: str, theirs_text: str, name: str) -> tuple[str, bool]:
    """The front matter per field (and per record), the text below it by line as git does."""
    parts = [_split(t) for t in (base_text, ours_text, theirs_text)]
    if parts[1] is None or parts[2] is None:
        raise _Unmergeable
    base_fm, base_body = parts[0] or ("", "")
    ours_fm, theirs_fm = parts[1][0], parts[2][0]
    if theirs_fm in (base_fm, ours_fm):
        head, clean_head = ours_fm, True
    elif ours_fm == base_fm:
        head, clean_head = theirs_fm, True
    else:
        head, clean_head = _merge_yaml(kind, base_fm, ours_fm, theirs_fm, name, offset=1)
    body, clean_body = _merge_lines(base_body, parts[1][1], parts[2][1])
    return f"---\n{head}---\n{body}", clean_head and clean_body


def _split(text: str) -> tuple[str, str] | None:
    """(front matter, body) of a Markdown file; None when it has no front matter."""
    if not text.strip():
        return ("", "")
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 3)
    if end < 0:
        end = text.find("\n---", 3)
        if end < 0 or text[end + 4:].strip():
            return None
        return text[4:end + 1], ""
    return text[4:end + 1], text[end + 5:]


def _merge_lines(base: str, ours: str, theirs: str) -> tuple[str, bool]:
    """git's line merge of three texts: the merged text and whether it merged cleanly."""
    import tempfile

    if ours == theirs or theirs == base:
        return ours, True
    if ours == base:
        return theirs, True
    with tempfile.TemporaryDirectory(prefix="regie-merge-") as tmp:
        paths = []
        for name, text in (("base", base), ("ours", ours), ("theirs", theirs)):
            p = Path(tmp) / name
            p.write_text(text, encoding="utf-8")
            paths.append(p)
        clean, merged = gitops.merge_file(paths[1], paths[0], paths[2], in_place=False, labels=_sides())
    return merged, clean


def merge_text(base_text: str, ours_text: str, theirs_text: str, name: str) -> tuple[str, bool]:
    """The merged text of a dossier file (``name``: its path in the repository) and whether it merged cleanly."""
    kind = file_kind_of(name) or file_kind_of(f"{CASES_DIR}/-/{name}")  # a bare file name: a case's file
    if kind is None or kind.merge != "records":
        raise _Unmergeable
    if theirs_text in (base_text, ours_text):
        return ours_text, True
    if ours_text == base_text:
        return theirs_text, True
    if kind.format == "markdown":
        return _merge_markdown(kind, base_text, ours_text, theirs_text, name)
    return _merge_yaml(kind, base_text, ours_text, theirs_text, name)


def _dump_plain(doc: Any, like: str) -> str:
    return dump_as(doc, guess_indent(like))


def _dump(doc: Any, result: _Result) -> str:
    def dump(data: Any) -> str:
        return dump_as(data, _indent)

    _indent = (2, 4, 2)
    text = dump(doc)
    mapping, sequence, offset = guess_indent(text)
    _indent = (mapping, sequence, offset)
    text = dump(doc)
    if not result.conflicts:
        return text
    # replace each conflicting record's lines by both versions between git's markers
    lines = text.splitlines(keepends=True)
    blocks = []
    for path, rid, ours, theirs in result.conflicts:
        start, end = _item_lines(text, path)[rid]
        ours_lines = "".join(lines[start:end]) if ours is not None else ""
        theirs_lines = ""
        if theirs is not None:
            other = copy.deepcopy(doc)
            items = _at(other, path)
            for i, item in enumerate(items):
                if _same_key(path, item, rid):
                    items[i] = copy.deepcopy(theirs)
            other_text = dump(other)
            o_start, o_end = _item_lines(other_text, path)[rid]
            theirs_lines = "".join(other_text.splitlines(keepends=True)[o_start:o_end])
        blocks.append((start, end, f"{_ours()} ({rid})\n{ours_lines}{MARK_MID}\n{theirs_lines}{_theirs()} ({rid})\n"))
    for start, end, block in sorted(blocks, reverse=True):
        lines[start:end] = [block]
    return "".join(lines)


def _at(doc: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        doc = doc[key]
    return doc


def _kind_at(path: tuple[str, ...]) -> RecordKind | None:
    return next((r for r in layout.RECORDS if r.list_path == path), None)


def _same_key(path: tuple[str, ...], item: Any, rid: str) -> bool:
    kind = _kind_at(path)
    return kind is not None and _record_key(kind, item) == rid


def _item_lines(text: str, path: tuple[str, ...]) -> dict[str, tuple[int, int]]:
    """For each record of the list at ``path``: the range of lines (0-based, end exclusive) it takes in ``text``."""
    kind = _kind_at(path)
    return item_lines(text, path, kind.id_field.split(",") if kind else ["id"])


def _read_sides(name: str, paths: tuple[Path, Path, Path]) -> list[str] | None:
    """The three sides' texts; None when one cannot be read as UTF-8 text; BoundExceeded for one too large to read."""
    texts = []
    for n, p in enumerate(paths):
        try:
            size = p.stat().st_size
            if size > MAX_FILE_BYTES:
                raise BoundExceeded(f"{too_large(name, size).message} ({_side_name(n)})", path=name, code="te-groot")
            texts.append(p.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            return None
    return texts


def merge_file(base: Path, ours: Path, theirs: Path, name: str) -> bool:
    """What git calls: merge into ``ours`` in place; True when clean (exit 0), False on a conflict (exit 1).

    A side beyond regie's bounds (larger than MAX_FILE_BYTES, an alias, nesting too deep, too
    many records) is never parsed further: git's line merge does the file, and a BoundExceeded
    (a Dutch message, exit 1) tells the user to look at it; nothing of it is lost or expanded.
    """
    global _pending, _labels
    _pending, _labels = name, SIDES

    try:
        texts = _read_sides(name, (base, ours, theirs))
        if texts is None:
            raise _Unmergeable
        merged, clean = merge_text(texts[0], texts[1], texts[2], name)
    except _Unmergeable:
        return gitops.merge_file(ours, base, theirs, labels=_sides())[0]
    except BoundExceeded as exc:
        gitops.merge_file(ours, base, theirs, labels=_sides())
        raise BoundExceeded(f"{exc.message}; niet per record samengevoegd maar per regel, zoals git dat doet: "
                            "controleer het bestand", path=exc.path, line=exc.line, code=exc.code) from None
    write_text_atomic(ours, merged)
    return clean
