"""Where things stand in YAML text: the scalars at given paths (to rename them in place) and the lines of a
list's items (to mark a record in a merge conflict).

PyYAML's composer gives every node its marks; nothing here builds Python values.
"""

from __future__ import annotations

from typing import Any

import yaml


def scalars_at(text: str, paths: set[tuple[str, ...]]) -> list[tuple[tuple[str, ...], str, int, int]]:
    """Every scalar of ``text`` that stands at one of ``paths`` (keys, with ``"[]"`` for any item of a list):
    its path, its value and where it stands (start and end offset). Text that is not YAML has none."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    found: list[tuple[tuple[str, ...], str, int, int]] = []

    def walk(node: Any, path: tuple[str, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, (*path, str(key.value)))
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item, (*path, "[]"))
        elif isinstance(node, yaml.ScalarNode) and path in paths:
            found.append((path, node.value, node.start_mark.index, node.end_mark.index))

    walk(root, ())
    return found


def item_lines(text: str, path: tuple[str, ...], fields: list[str]) -> dict[str, tuple[int, int]]:
    """For each mapping in the list at ``path``: the range of lines (0-based, end exclusive) it takes in ``text``,
    keyed by the values of ``fields`` joined with '/'."""
    node: Any = yaml.compose(text, Loader=yaml.SafeLoader)  # a mapping (None for an empty text: the caller has items)
    for key in path:
        node = next(v for k, v in node.value if k.value == key)
    found = {}
    items = node.value
    for n, item in enumerate(items):
        values = {k.value: v for k, v in item.value}
        rid = "/".join(str(values[f].value) for f in fields)
        if n + 1 < len(items):
            end = items[n + 1].start_mark.line
        else:  # the last item ends where its mapping ends
            end = item.end_mark.line + (1 if item.end_mark.column > 0 else 0)
        found[rid] = (item.start_mark.line, end)
    return found

