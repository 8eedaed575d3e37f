"""Text from the dossier made safe for where it goes: a terminal, a spreadsheet, a JSON reader.

Dossier values are typed by people and may hold anything, including escape sequences that
a terminal would obey (change the title, clear the screen) or a CSV cell a spreadsheet would
run as a formula. Output for people shows such characters escaped; JSON keeps the exact value.
"""

from __future__ import annotations

import json
import re
from typing import Any

# C0 controls except tab and newline, DEL, C1 controls, and the Unicode bidi overrides
# and isolates that reorder what a terminal shows ("Trojan source").
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# In JSON text control characters are already escaped by json.dumps, except these.
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character shown as ``\\x1b``-style escape (tab and newline kept)."""
    return _UNSAFE.sub(_escape, text)


def printable_tree(value: Any) -> Any:
    """:func:`printable` applied to every string in a JSON-like structure."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {k: printable_tree(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [printable_tree(v) for v in value]
    return value


def json_text(data: Any) -> str:
    """Pretty JSON, keeping exact values; characters a terminal could obey are ``\\u`` escapes."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def csv_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a string starting like a formula gets a leading quote."""
    if isinstance(value, str):
        value = printable(value)
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value
