"""All reading of YAML and front matter: fast, strict about encoding, with lines on demand.

Files are parsed with PyYAML's C loader. Dates are *not* turned into
``datetime.date`` here: they stay ISO strings so that the JSON Schemas can check
them (``format: date`` rejects 2026-02-30) and so that a hand-written impossible
date is a finding, not a crash. Line numbers are only computed (by composing the
file again with node marks) for a file that has a finding.
"""

from __future__ import annotations

import operator
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from ..errors import DossierInvalid, os_reason

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
            return self._build(node)
        except _Unusual:
            self.duplicates.clear()
            return self.construct_document(node)

    def _build(self, node: yaml.Node) -> Any:
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
        if cls is yaml.MappingNode and tag == _MAP:
            pairs = node.value
            out = {}
            texts = True  # every key a string: then two keys are the same exactly when their texts are
            for key, value in pairs:
                if key.__class__ is not yaml.ScalarNode or key.tag == "tag:yaml.org,2002:merge":
                    raise _Unusual
                texts = texts and key.tag == _STR
                out[self._build(key)] = self._build(value)
            if len(out) < len(pairs) or (not texts and len({k.value for k, _ in pairs}) < len(pairs)):
                self._note_duplicates(node)
            return out
        if cls is yaml.SequenceNode and tag == _SEQ:
            return [self._build(item) for item in node.value]
        raise _Unusual


class _Unusual(Exception):
    """Data that the plain builder leaves to PyYAML's constructor."""


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
            raw = fh.read()
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
    """Parse YAML text; syntax errors, aliases and duplicate keys become a DossierInvalid with the line.

    Anchors and aliases (``&a`` / ``*a``) are refused: a dossier file has no use for them,
    and they allow a list that contains itself or a file that expands a millionfold.
    """
    if "*" in text:  # cheap: only a file with an asterisk can hold an alias
        _refuse_aliases(text, rel, line_offset)
    loader = FastLoader(text)
    try:
        data = loader.load()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        reason = _dutch_yaml_problem(exc.problem or exc.context or "")
        if mark and _char_at(text, mark.line, mark.column) == "\t":
            reason = "tab gevonden; gebruik spaties om in te springen"
        raise DossierInvalid(f"ongeldige YAML: {reason}", path=rel, line=line, code="yaml") from None
    except yaml.reader.ReaderError as exc:  # a control character or other forbidden character
        line = text.count("\n", 0, max(exc.position, 0)) + 1 + line_offset
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise DossierInvalid(
            f"ongeldige YAML: teken dat niet in een tekstbestand hoort (stuurteken #x{char:02x}); verwijder het",
            path=rel, line=line, code="yaml",
        ) from None
    except yaml.YAMLError as exc:
        raise DossierInvalid(f"ongeldige YAML: {_dutch_yaml_problem(str(exc))}", path=rel, code="yaml") from None
    except RecursionError:
        raise DossierInvalid("ongeldige YAML: te diep genest", path=rel, code="yaml") from None
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


def _refuse_aliases(text: str, rel: str, line_offset: int) -> None:
    try:
        for event in yaml.parse(text, Loader=FastLoader):
            if isinstance(event, yaml.AliasEvent):
                raise DossierInvalid(
                    f"ongeldige YAML: alias '*{event.anchor}' wordt niet ondersteund in een dossierbestand; schrijf de waarde uit",
                    path=rel, line=event.start_mark.line + 1 + line_offset if event.start_mark else None, code="yaml",
                )
    except yaml.YAMLError:
        return  # the syntax error itself is reported by the real parse


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    return lines[line][column : column + 1] if line < len(lines) else ""


def _dutch_yaml_problem(problem: str) -> str:
    if "\t" in problem or "tab" in problem:
        return "tab gevonden; gebruik spaties om in te springen"
    known = {
        "mapping values are not allowed": "hier mag geen 'sleutel: waarde' staan (inspringing, of een ':' in tekst zonder aanhalingstekens?)",
        "could not find expected ':'": "verwachtte een ':' (sleutel zonder waarde?)",
        "found undefined alias": "onbekende alias",
        "expected <block end>, but found '-'": "lijst-item op de verkeerde inspringing",
        "did not find expected key": "verwachtte een sleutel (inspringing klopt niet?)",
        "found unexpected end of stream": "bestand houdt onverwacht op (aanhalingsteken niet gesloten?)",
        "did not find expected '-' indicator": "verwachtte een lijst-item ('-')",
        "did not find expected ',' or ']'": "lijst tussen [ ] niet goed afgesloten (mist ',' of ']')",
        "did not find expected ',' or '}'": "tussen { } niet goed afgesloten (mist ',' of '}')",
        "found unknown escape character": "onbekend escape-teken (\\) in tekst tussen dubbele aanhalingstekens",
        "did not find expected node content": "waarde ontbreekt of is onvolledig (lijst of haakje niet afgesloten?)",
        "found duplicate anchor": "anker staat er twee keer",
        "expected a comment or a line break": "onverwachte tekst na de waarde (aanhalingstekens?)",
        "found unhashable key": "een lijst of blok als sleutel wordt niet ondersteund",
        "found character": "teken dat hier niet mag staan (zet de tekst tussen aanhalingstekens)",
        "exceeded maximum nesting depth": "te diep genest (lijsten of blokken in elkaar)",
        "expected a single document in the stream": "meer dan één document in het bestand (een regel '---' of '...' midden in het bestand?)",
        "did not find expected <document start>": "meer dan één document in het bestand (een regel '---' of '...' midden in het bestand?)",
        "but found another document": "meer dan één document in het bestand (een regel '---' of '...' midden in het bestand?)",
    }
    for english, dutch in known.items():
        if problem.startswith(english):
            return dutch
    return f"{problem} (controleer inspringing en aanhalingstekens)" if problem else "syntaxfout"


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
    return SourceFile(rel, text, parse_yaml(text, rel))


def load_markdown_file(path: str | Path, rel: str) -> SourceFile:
    text = read_text(path, rel)
    if not text.strip():
        raise DossierInvalid("bestand is leeg", path=rel, code="leeg")
    fm, body, offset = split_front_matter(text, rel)
    data = parse_yaml(fm, rel, line_offset=offset) if fm.strip() else {}
    return SourceFile(rel, text, data, line_offset=offset, body=body)
