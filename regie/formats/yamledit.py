"""Editing hand-written YAML without losing the user's comments, key order or layout.

ruamel.yaml's round-trip mode keeps comments and formatting; the indentation of the
file is detected so that an appended item looks like the items already there.
Only commands that change a file import this module.
"""

from __future__ import annotations

import io
import re
from itertools import pairwise
from typing import Any

from .bounds import check_records, check_size
from .yamlerrors import yaml_error
from .yamlio import parse_yaml, split_front_matter

_KEY_ONLY = re.compile(r"^( *)[^\s#-][^#]*:\s*(#.*)?$")


def guess_indent(text: str) -> tuple[int, int, int]:
    """(mapping indent, sequence indent, dash offset) as the user wrote them; regie's style (2, 4, 2) otherwise."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    mapping = sequence = offset = None
    for here, nxt in pairwise(lines):
        m = _KEY_ONLY.match(here)
        if not m:
            continue
        base = len(m.group(1))
        depth = len(nxt) - len(nxt.lstrip(" "))
        dash = re.match(r"^( *)-( +)\S", nxt)
        if dash:
            if offset is None and depth >= base:
                offset = depth - base
                sequence = offset + 1 + len(dash.group(2))
        elif mapping is None and depth > base:
            mapping = depth - base
        if mapping is not None and offset is not None:
            break
    if offset is None:
        return mapping or 2, 4, 2
    return mapping or 2, sequence or offset + 2, offset


class RoundTrip:
    """One YAML document, loaded for editing and dumped back as text.

    The text is first read as every read does (:func:`parse_yaml`: within regie's bounds, errors in
    Dutch at the line of the fault), so a file that is refused there is never handed to ruamel, and
    a list of records already at its maximum is refused before the slow round trip when the command
    ``adds`` a record of that kind.
    """

    def __init__(self, text: str, rel: str, *, adds: str | None = None, line_offset: int = 0) -> None:
        from ruamel.yaml import YAML
        from ruamel.yaml.error import YAMLError

        check_records(parse_yaml(text, rel, line_offset=line_offset), rel, adds=adds)
        self._yaml = YAML(typ="rt")
        self._yaml.preserve_quotes = True
        self._yaml.width = 4096  # never re-fold long lines the user wrote
        self._yaml.representer.ignore_aliases = lambda *_: True  # no &id001 for a value used twice
        mapping, sequence, offset = guess_indent(text)
        self._yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        try:
            self.data: Any = self._yaml.load(text)
        except (YAMLError, RecursionError) as exc:
            raise yaml_error(exc, text, rel, line_offset) from None
        self.rel = rel

    def dump(self) -> str:
        out = io.StringIO()
        self._yaml.dump(self.data, out)
        return out.getvalue()

    def block_list(self, key: str) -> Any:
        """The list at ``key`` in block style (``[]`` written by a template becomes a block list)."""
        return list_in(self.data, key, block=True)


def dump_as(data: Any, indent: tuple[int, int, int]) -> str:
    """Round-trip data as YAML text with the given indentation (mapping, sequence, dash offset)."""
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    y.indent(*indent)
    out = io.StringIO()
    y.dump(data, out)
    return out.getvalue()


def put(mapping: Any, key: str, value: Any, *, after: str | None = None) -> None:
    """Set ``key``; a new key goes right after ``after`` (default: at the end).

    A comment or blank lines that followed the last key stay below the new key, where
    the user put them, instead of ending up above it.
    """
    if key in mapping:
        mapping[key] = value
        return
    keys = list(mapping)
    anchor = after if after in mapping else (keys[-1] if keys else None)
    position = keys.index(anchor) + 1 if anchor is not None else 0
    mapping.insert(position, key, value)
    if anchor is not None and anchor == keys[-1]:
        holder, last_key = _deepest_last(mapping, key)
        _move_trailing_comment(mapping, anchor, holder, last_key)


def append_item(seq: Any, item: Any) -> None:
    """Append a mapping to a list, keeping a comment that ended the list at the end."""
    last = seq[-1] if len(seq) else None
    seq.append(item)
    if last is not None and hasattr(last, "ca") and len(last) and len(item):
        holder, last_key = _deepest_last(last, list(last)[-1])
        new_holder, new_key = _deepest_last(item, list(item)[-1])
        _move_trailing_comment(holder, last_key, new_holder, new_key)


def _deepest_last(mapping: Any, key: str) -> tuple[Any, str]:
    """The mapping and key where YAML text under ``mapping[key]`` really ends (a comment after it belongs there)."""
    value = mapping[key]
    while True:
        if hasattr(value, "items") and len(value):
            mapping, key = value, list(value)[-1]
            value = mapping[key]
        elif isinstance(value, list) and len(value) and hasattr(value[-1], "items") and len(value[-1]):
            mapping = value[-1]
            key = list(mapping)[-1]
            value = mapping[key]
        else:
            return mapping, key


def _move_trailing_comment(src: Any, src_key: str, dst: Any, dst_key: str) -> None:
    entry = src.ca.items.get(src_key)
    if entry and len(entry) > 2 and entry[2] is not None:
        token = entry[2]
        value = token.value
        line_end = value.find("\n")
        # the part on the same line as the value stays; what follows moves down
        if line_end != -1 and line_end + 1 < len(value):
            keep, move = value[: line_end + 1], value[line_end + 1 :]
            token.value = keep
            from ruamel.yaml.tokens import CommentToken

            new = CommentToken("\n" + move, token.start_mark, None)
            if dst.ca.items.get(dst_key) is None:
                dst.ca.items[dst_key] = [None, None, None, None]
            dst.ca.items[dst_key][2] = new


def new_map(values: dict[str, Any]) -> Any:
    """A mapping that dumps in the order given, leaving out None values."""
    from ruamel.yaml.comments import CommentedMap

    m = CommentedMap()
    for k, v in values.items():
        if v is not None and v != [] and v is not False:
            m[k] = v
    return m


def new_list(items: list[Any] | None = None) -> Any:
    """A list (in block style) for a round-trip document."""
    from ruamel.yaml.comments import CommentedSeq

    return CommentedSeq(items or [])


def mapping(values: dict[str, Any]) -> Any:
    """A mapping for a round-trip document with every value as given (``new_map`` leaves out empty ones)."""
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap(values)


def list_in(parent: Any, key: str, *, block: bool = False) -> Any:
    """The list at ``key`` of ``parent``, made (after the last key) when it is missing or not a list.

    With ``block`` an empty list (``[]`` written by a template) becomes a block list, so that
    items appended to it are written one per line.
    """
    seq = parent.get(key)
    if seq is None or not isinstance(seq, list):
        seq = new_list()
        put(parent, key, seq)
    if block and not seq:
        seq.fa.set_block_style()
    return seq


def map_in(parent: Any, key: str) -> Any:
    """The mapping at ``key`` of ``parent``, made (after the last key) when it is missing."""
    block = parent.get(key)
    if block is None:
        block = mapping({})
        put(parent, key, block)
    return block


def flow_list(items: list[Any]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def edit_front_matter(text: str, rel: str, change, *, adds: str | None = None) -> str:
    """Apply ``change(data)`` to the front matter of a Markdown file; the body stays byte for byte.

    ``adds``: the kind of record ``change`` adds (see :class:`RoundTrip`).
    """
    check_size(text, rel)
    fm, _body, offset = split_front_matter(text, rel)
    start = text.index(fm, 3)
    end = start + len(fm)
    lead = fm[: len(fm) - len(fm.lstrip("\n"))]
    doc = RoundTrip(fm.lstrip("\n"), rel, adds=adds, line_offset=offset + len(lead))
    change(doc.data)
    new_fm = doc.dump()
    if not new_fm.endswith("\n"):
        new_fm += "\n"
    return text[:start] + lead + new_fm + text[end:]
