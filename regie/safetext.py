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


CSV_DIALECTS = ("excel", "rfc")


def csv_text(header: list[str] | tuple[str, ...], rows, dialect: str = "excel") -> str:
    """A table as CSV text.

    ``excel`` (the default) is what a Dutch spreadsheet opens with a double click: ``;`` between
    cells, a decimal comma, UTF-8 with a byte order mark (else Excel reads cp1252 and shows
    ``cliÃ«nt``), CRLF line ends, ``ja``/``nee``, and a cell that starts like a formula
    (``= + - @``) gets a leading quote so it stays text. ``rfc`` is plain RFC 4180 for programs:
    ``,``, CRLF, no byte order mark, values as they are (only control characters escaped).
    """
    import csv
    import io

    if dialect not in CSV_DIALECTS:
        raise ValueError(dialect)
    excel = dialect == "excel"
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if excel else ",", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_value(v, excel) for v in row])
    return ("\ufeff" if excel else "") + out.getvalue()


def plain_decimal(value: float) -> str:
    """A float as plain decimal text for programs: no exponent, no binary noise (0.1 + 0.2 gives 0.3, 1e6 gives
    1000000), at most 10 decimals."""
    text = f"{value:.10f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _csv_value(value: Any, excel: bool) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        text = plain_decimal(value)
        return text.replace(".", ",") if excel else text
    if isinstance(value, (list, tuple)):
        value = " ".join(map(str, value))
    if isinstance(value, str):
        value = printable(value)
        if excel and value.startswith(_FORMULA_START):
            return "'" + value
    return value
