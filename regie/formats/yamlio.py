"""All reading of YAML and front matter: fast, strict about encoding, with lines on demand.

Files are parsed with PyYAML's C loader. Dates are *not* turned into
``datetime.date`` here: they stay ISO strings so that the JSON Schemas can check
them (``format: date`` rejects 2026-02-30) and so that a hand-written impossible
date is a finding, not a crash. Line numbers are only computed (by composing the
file again with node marks) for a file that has a finding.
"""

from __future__ import annotations

import operator
import os
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from ..errors import DossierInvalid, os_reason
from ..limits import MAX_DEPTH, MAX_FILE_BYTES
from .bounds import BoundExceeded, check_records, check_size, too_large
from .yamlerrors import yaml_error

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_ignore2 = operator.is_  # any C function of two arguments
_intern = sys.intern
_RESOLVED: dict[str, str] = {}  # plain scalar -> its tag (PyYAML's resolver tries a list of regexes per scalar)
_RESOLVED_MAX = 5_000  # the recurring values (keys, statuses, dates) are far fewer


class FastLoader(_BaseLoader):  # type: ignore[misc, valid-type]  # a base chosen at run time: libyaml's loader when there
    """CSafeLoader that keeps dates as strings and notes a key written twice in one mapping.

    Its resolver remembers the tag of short plain scalars (``open``, ``A1``, ``2026-03-10``
    recur in every file), and :meth:`load` builds the data from the composed nodes in
    one plain function instead of PyYAML's generic constructor; anything unusual (an
    explicit tag, a merge key, a list as key) goes through PyYAML's own constructor,
    so the result and the errors are PyYAML's.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[str, int, int]] = []  # (key, first line, second line), 0-based
        # The parser calls these for every node; without path resolvers (regie has none) they do nothing,
        # so a C function that takes the same arguments and ignores them will do.
        assert not self.yaml_path_resolvers
        self.descend_resolver = _ignore2
        self.ascend_resolver = tuple

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if not implicit[0] or value is None:  # (a scalar's value is its text: never None)
                return super().resolve(kind, value, implicit)
            tag = _RESOLVED.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(value) <= 40 and len(_RESOLVED) < _RESOLVED_MAX:
                    _RESOLVED[value] = tag
            return tag
        if implicit:  # a list or mapping without an explicit tag: what PyYAML's resolver gives it too
            return _SEQ if kind is yaml.SequenceNode else _MAP
        return super().resolve(kind, value, implicit)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        self._note_duplicates(node)
        return super().construct_mapping(node, deep)

    def _note_duplicates(self, node: yaml.Node) -> None:
        pairs = node.value
        if len(pairs) > 1:
            seen: dict[str, int] = {}
            for key, _ in pairs:
                if not isinstance(key, yaml.ScalarNode):
                    continue  # a list or mapping as key: the constructor refuses it
                if key.value in seen:
                    self.duplicates.append((key.value, seen[key.value], key.start_mark.line))
                seen.setdefault(key.value, key.start_mark.line)

    def load(self) -> Any:
        """The single document's data (None for an empty stream)."""
        node = self.get_single_node()
        if node is None:
            return None
        try:
            return self._build(node, 0)
        except _Unusual:
            self.duplicates.clear()
            _check_depth(node)
            return self.construct_document(node)

    def _build(self, node: yaml.Node, depth: int) -> Any:
        cls = node.__class__
        tag = node.tag
        if cls is yaml.ScalarNode:
            if tag == _STR:
                value = node.value
                # keys, statuses, ids and names recur in every case: one copy of each, not one per file
                return _intern(value) if len(value) <= 32 else value
            if tag == _NULL:
                return None
            if tag == _INT:
                return self.construct_yaml_int(node)
            if tag == _BOOL:
                return self.construct_yaml_bool(node)
            if tag == _FLOAT:
                return self.construct_yaml_float(node)
            raise _Unusual
        if depth >= MAX_DEPTH:
            raise TooDeep(node.start_mark.line)
        depth += 1
        if cls is yaml.MappingNode and tag == _MAP:
            pairs = node.value
            out = {}
            texts = True  # every key a string: then two keys are the same exactly when their texts are
            for key, value in pairs:
                if key.__class__ is not yaml.ScalarNode or key.tag == "tag:yaml.org,2002:merge":
                    raise _Unusual
                texts = texts and key.tag == _STR
                out[self._build(key, depth)] = self._build(value, depth)
            if len(out) < len(pairs) or (not texts and len({k.value for k, _ in pairs}) < len(pairs)):
                self._note_duplicates(node)
            return out
        if cls is yaml.SequenceNode and tag == _SEQ:
            return [self._build(item, depth) for item in node.value]
        raise _Unusual


class _Unusual(Exception):
    """Data that the plain builder leaves to PyYAML's constructor."""


class TooDeep(Exception):
    """Lists and blocks nested deeper than MAX_DEPTH; ``args[0]``: the 0-based line where the level too many starts."""


def _check_depth(root: yaml.Node) -> None:
    """Raise TooDeep for nodes nested deeper than MAX_DEPTH (without recursion: for PyYAML's constructor)."""
    todo = [(root, 0)]
    while todo:
        node, depth = todo.pop()
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            if depth >= MAX_DEPTH:
                raise TooDeep(node.start_mark.line)
            items = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
            todo.extend((item, depth + 1) for item in items)


# YAML 1.2, as editors, check-jsonschema and regie's own ruamel edit path read it: only true/false are booleans
# (yes, no, on and off are text: `pseudoniem: Yes`), and 1:30 is text, not sixty-base 90. Dates stay text.
_YAML12 = {
    _BOOL: re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    _INT: re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"),
    _FLOAT: re.compile(r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
                       r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
}
FastLoader.yaml_implicit_resolvers = {
    first: [(tag, _YAML12.get(tag, rx)) for tag, rx in resolvers
            if tag != _TIMESTAMP and not (tag == _BOOL and first not in "tTfF")]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


def read_text(path: str | Path, rel: str) -> str:
    """Read a file as UTF-8; a non-UTF-8 file is a DossierInvalid naming the line."""
    try:
        with open(path, "rb", buffering=0) as fh:  # one read of the whole file, no buffer in between
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_FILE_BYTES:  # refused before it is read (a FIFO or device reports 0: the read is bounded too)
                raise too_large(rel, size)
            raw = _read_at_most(fh, MAX_FILE_BYTES + 1)
            if len(raw) > MAX_FILE_BYTES:
                raise too_large(rel, len(raw))
    except FileNotFoundError:
        raise DossierInvalid("bestand ontbreekt", path=rel, code="ontbreekt") from None
    except IsADirectoryError:
        raise DossierInvalid("is een map, geen bestand", path=rel) from None
    except OSError as exc:
        raise DossierInvalid(f"kan bestand niet lezen ({os_reason(exc)})", path=rel, code="onleesbaar") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DossierInvalid(
            "bestand is geen geldige UTF-8-tekst; sla het op als UTF-8", path=rel, line=line, code="codering"
        ) from None
    text = text.removeprefix("\ufeff")
    if "<<<<<<<" in text:
        _refuse_conflict_markers(text, rel)
    return text


def _read_at_most(fh: Any, limit: int) -> bytes:
    """Up to ``limit`` bytes (a raw read may return fewer than asked before the end)."""
    parts = []
    while limit > 0:
        part = fh.read(limit)
        if not part:
            break
        parts.append(part)
        limit -= len(part)
    return parts[0] if len(parts) == 1 else b"".join(parts)


_CONFLICT = re.compile(r"^<{7}(?: |$)", re.M)


def _refuse_conflict_markers(text: str, rel: str) -> None:
    """A file with git's conflict markers is an unfinished merge, not a YAML syntax error."""
    m = _CONFLICT.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        raise DossierInvalid(
            "onopgelost samenvoegconflict: kies per blok tussen '<<<<<<<' en '>>>>>>>' één versie "
            "(of voeg ze samen) en haal de markeringen weg",
            path=rel, line=line, code="merge-conflict",
        )


def parse_yaml(text: str, rel: str, *, line_offset: int = 0) -> Any:
    """Parse YAML text within regie's bounds; anything else is a DossierInvalid (Dutch, with the line).

    Refused before any data is built (as :class:`BoundExceeded`): a text over MAX_FILE_BYTES,
    anchors and aliases (``&a`` / ``*a``: a dossier file has no use for them, and they allow a
    list that contains itself or a file that expands a millionfold), lists and blocks nested
    deeper than MAX_DEPTH. Every read of a dossier file, every edit (``RoundTrip``) and the
    merge driver go through here, so one file is judged the same way everywhere.
    """
    check_size(text, rel)
    if "*" in text or _maybe_deep(text):  # cheap: only such a text can hold an alias or nest too deep
        _check_events(text, rel, line_offset)
    loader = FastLoader(text)
    try:
        data = loader.load()
    except TooDeep as exc:
        raise _too_deep(rel, exc.args[0] + 1 + line_offset) from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise yaml_error(exc, text, rel, line_offset) from None
    finally:
        loader.dispose()
    if loader.duplicates:
        key, first, second = loader.duplicates[0]
        raise DossierInvalid(
            f"sleutel '{key}' staat twee keer in hetzelfde blok (regel {first + 1 + line_offset} en regel "
            f"{second + 1 + line_offset}); alleen de laatste zou tellen — verwijder er één",
            path=rel, line=second + 1 + line_offset, code="dubbele-sleutel",
        )
    return data


def _too_deep(rel: str, line: int) -> BoundExceeded:
    return BoundExceeded(f"ongeldige YAML: te diep genest (meer dan {MAX_DEPTH} lijsten of blokken in elkaar)",
                         path=rel, line=line, code="yaml")


_INDENTED = re.compile(r"^[ \t?-]{500}", re.M)


def _maybe_deep(text: str) -> bool:
    """Whether ``text`` could nest deeper than libyaml can compose safely; False only when it certainly cannot.

    libyaml composes recursively: built without its own limit it ends the process (a segmentation
    fault) at some ten thousand levels. A block list or mapping starts further right than the one
    it is in (a list as a mapping's value may start at the same column), and only after
    indentation and the indicators '-' and '?': without a line that starts with 500 of those,
    block nesting is at most 1000 deep; flow nesting needs a '[' or '{' per level. Below that the
    builder counts the depth exactly (MAX_DEPTH); only a text beyond it has its events counted
    first, before anything is composed.
    """
    return text.count("[") + text.count("{") > 1000 or _INDENTED.search(text) is not None


def _check_events(text: str, rel: str, line_offset: int) -> None:
    """Refuse an alias, or lists and blocks nested deeper than MAX_DEPTH, from the parser's events (no data built)."""
    depth = 0
    try:
        event: Any
        for event in yaml.parse(text, Loader=FastLoader):
            cls = event.__class__
            if cls is yaml.SequenceStartEvent or cls is yaml.MappingStartEvent:
                depth += 1
                if depth > MAX_DEPTH:
                    raise _too_deep(rel, event.start_mark.line + 1 + line_offset)
            elif cls is yaml.SequenceEndEvent or cls is yaml.MappingEndEvent:
                depth -= 1
            elif cls is yaml.AliasEvent:
                raise BoundExceeded(
                    f"ongeldige YAML: alias '*{event.anchor}' wordt niet ondersteund in een dossierbestand; schrijf de waarde uit",
                    path=rel, line=event.start_mark.line + 1 + line_offset if event.start_mark else None, code="yaml",
                )
    except yaml.MarkedYAMLError as exc:
        if str(exc.problem).startswith("exceeded maximum nesting depth") and exc.problem_mark:  # libyaml's own limit
            raise _too_deep(rel, exc.problem_mark.line + 1 + line_offset) from None
    except yaml.YAMLError:
        pass  # the syntax error itself is reported by the real parse (which stops there too)


def split_front_matter(text: str, rel: str) -> tuple[str, str, int]:
    """Split a Markdown file into (front matter YAML, body, line offset of the YAML).

    A file must start with a ``---`` line and have a closing ``---`` line.
    """
    import frontmatter

    first = text.split("\n", 1)[0].rstrip()
    if first != "---":
        raise DossierInvalid("front matter ontbreekt: het bestand moet beginnen met een regel '---'", path=rel, line=1, code="front-matter")
    handler = frontmatter.YAMLHandler()
    try:
        fm, body = handler.split(text)
    except ValueError:
        raise DossierInvalid("front matter is niet afgesloten met een regel '---'", path=rel, line=1, code="front-matter") from None
    # lines of the file before the first line of ``fm`` (normally 0: ``fm`` starts
    # with the newline that ends the opening '---' line)
    offset = text.count("\n", 0, text.find(fm, 3)) if fm else 1
    return fm, body, offset


class SourceFile:
    """A parsed file: its data, and the line of any element, computed on demand."""

    def __init__(self, rel: str, text: str, data: Any, *, line_offset: int = 0, body: str | None = None) -> None:
        self.rel = rel
        self.text = text
        self.data = data
        self.body = body
        self.line_offset = line_offset
        self._node: yaml.Node | None = None
        self._composed = False

    def _root(self) -> yaml.Node | None:
        if not self._composed:
            yaml_text = self.text
            if self.body is not None:
                yaml_text = split_front_matter(self.text, self.rel)[0]
            try:
                self._node = yaml.compose(yaml_text, Loader=FastLoader)
            except yaml.YAMLError:
                self._node = None
            self._composed = True
        return self._node

    def line(self, *pointer: str | int) -> int | None:
        """Line (1-based) of the element at ``pointer``, or of its nearest existing parent.

        A key whose value is a block (a list or mapping) is reported at the key's line.
        """
        node = self._root()
        if node is None:
            return None
        line = node.start_mark.line
        for step in pointer:
            child = None
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if key.value == str(step):
                        child, line = value, key.start_mark.line
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                child = node.value[step]
                line = child.start_mark.line
            if child is None:
                break
            node = child
        return line + 1 + self.line_offset


def load_yaml_file(path: str | Path, rel: str) -> SourceFile:
    text = read_text(path, rel)
    if not text.strip():
        raise DossierInvalid("bestand is leeg", path=rel, code="leeg")
    src = SourceFile(rel, text, parse_yaml(text, rel))
    check_records(src.data, rel)
    return src


def load_markdown_file(path: str | Path, rel: str) -> SourceFile:
    text = read_text(path, rel)
    if not text.strip():
        raise DossierInvalid("bestand is leeg", path=rel, code="leeg")
    fm, body, offset = split_front_matter(text, rel)
    data = parse_yaml(fm, rel, line_offset=offset) if fm.strip() else {}
    src = SourceFile(rel, text, data, line_offset=offset, body=body)
    check_records(data, rel)
    return src
