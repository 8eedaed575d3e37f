"""Bounds on what regie reads: a file's size and the number of records in one list.

The limits themselves are in :mod:`regie.limits` (documented in docs/robustness.md). A file beyond
them is refused with a Dutch message before it is parsed (size) or used (records), by every read
(``validate``, the read commands), every edit and the merge driver alike.
"""

from __future__ import annotations

from typing import Any

from ..errors import DossierInvalid
from ..layout import RECORDS, file_kind_of
from ..limits import MAX_FILE_BYTES, MAX_RECORDS, size_text

_LISTS = tuple(r for r in RECORDS if r.items)  # the kinds of record kept in a list inside a file


class BoundExceeded(DossierInvalid):
    """A file beyond regie's bounds (too large, too deep, aliases, too many records): refused before it is used."""


def check_size(text: str, rel: str) -> None:
    """A BoundExceeded when ``text`` is over MAX_FILE_BYTES in UTF-8."""
    if len(text) * 4 > MAX_FILE_BYTES and len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise too_large(rel, len(text.encode("utf-8", "surrogatepass")))


def too_large(rel: str, size: int) -> BoundExceeded:
    return BoundExceeded(
        f"bestand is te groot ({size_text(size)}; regie leest dossierbestanden tot {size_text(MAX_FILE_BYTES)}) "
        "en heeft het niet gelezen", path=rel, code="te-groot",
    )


def check_records(data: Any, rel: str, *, adds: str | None = None) -> None:
    """A BoundExceeded when a list of records in the file ``rel`` holds more than MAX_RECORDS.

    ``adds``: the kind of record (its Dutch word, ``afspraak``) a command is about to add; then a
    list that already holds MAX_RECORDS is refused too, before anything is changed. The finding
    names the file, not a line: finding the line would mean parsing the large file a second time.
    """
    if not isinstance(data, dict):
        return
    for record in _LISTS:  # a few lookups per file: the kind of the file is looked up only for a long list
        items: Any = data
        for key in record.list_path:
            items = items.get(key) if isinstance(items, dict) else None
        if not isinstance(items, list) or len(items) < MAX_RECORDS:
            continue
        full = record.soort == adds
        kind = file_kind_of(rel)
        if (len(items) > MAX_RECORDS or full) and kind is not None and kind.name == record.file:
            raise BoundExceeded(
                f"'{record.items}' heeft al {len(items)} records, het maximum per bestand; er kan geen {record.soort} "
                "meer bij" if full else
                f"te veel records in '{record.items}': {len(items)}, het maximum is {MAX_RECORDS} per bestand",
                path=rel, code="te-veel",
            )
