"""Jinja's syntax errors in Dutch: what the template's author did wrong, and where the fault is.

Jinja names an open block at the template's last line; :func:`open_block` finds the line where it begins.
A message Jinja has that regie does not know keeps Jinja's words, quoted.
"""

from __future__ import annotations

import re
from typing import Any


def open_block(env: Any, source: str | None, message: str) -> int | None:
    """Where the block that the end of the template leaves open begins (Jinja names only the last line)."""
    m = re.search(r"The innermost block that needs to be closed is '(\w+)'", message)
    if source is None or m is None or not message.lower().startswith("unexpected end of template"):
        return None
    opened: list[tuple[str, int]] = []
    expect_tag = False
    try:
        for lineno, kind, value in env.lex(source):
            if kind == "block_begin":
                expect_tag = True
            elif expect_tag and kind == "name":
                expect_tag = False
                if value.startswith("end") and opened and opened[-1][0] == value[3:]:
                    opened.pop()
                elif value in ("for", "if", "macro", "block", "call", "filter", "with", "raw", "autoescape", "trans"):
                    opened.append((value, lineno))
    except Exception:  # noqa: BLE001 - the source does not even lex: Jinja's own line stands
        return None
    return opened[-1][1] if opened and opened[-1][0] == m[1] else None


_JINJA_MESSAGES = [
    (r"[Uu]nexpected end of template.*looking for the following tags: (.*?)\. The innermost block that needs to be closed "
     r"is '(\w+)'", lambda m: f"het sjabloon houdt op terwijl blok '{m[2]}' nog open is (verwacht: {_of(m[1])})"),
    (r"[Uu]nexpected end of template.*", lambda m: "het sjabloon houdt midden in een opdracht op"),
    (r"Encountered unknown tag '(\w+)'\. .*looking for the following tags: (.*?)\. The innermost block that needs to be "
     r"closed is '(\w+)'", lambda m: f"onverwachte opdracht '{m[1]}' (blok '{m[3]}' is nog open; verwacht: {_of(m[2])})"),
    (r"Encountered unknown tag '(\w+)'.*", lambda m: f"onbekende opdracht '{m[1]}'"),
    (r"expected token '(.+?)', got '(.+?)'", lambda m: f"'{m[2]}' staat waar '{_token(m[1])}' hoort"),
    (r"unexpected char '(.+?)' at \d+", lambda m: f"onverwacht teken '{m[1]}'"),
    (r"unexpected '(.+?)'", lambda m: f"onverwacht '{_token(m[1])}'"),
    (r"[Nn]o filter named '(.+?)'.*", lambda m: f"onbekend filter '{m[1]}'"),
    (r"[Nn]o test named '(.+?)'.*", lambda m: f"onbekende test '{m[1]}'"),
    (r"[Bb]lock '(.+?)' defined twice", lambda m: f"blok '{m[1]}' staat er twee keer"),
    (r"tag name expected", lambda m: "na '{%' hoort een opdracht"),
]


def _token(text: str) -> str:
    return {"end of print statement": "}}", "end of statement block": "%}", "end of template": "einde van het sjabloon",
            "name": "naam"}.get(text, text)


def _of(tags: str) -> str:
    return tags.replace("' or '", "' of '")


def jinja_message(message: str) -> str:
    """Jinja's English syntax error, in Dutch (a message Jinja has that regie does not know keeps its words, quoted)."""
    for pattern, dutch in _JINJA_MESSAGES:
        m = re.match(pattern, message.strip(), re.DOTALL)
        if m:
            return dutch(m)
    return f"de opbouw klopt niet (Jinja: \"{message.strip()}\")"
