"""A YAML syntax error as one Dutch message at the line of the real fault: the one place that does it.

Both YAML libraries regie uses (PyYAML's C loader for reading, ruamel.yaml for editing and merging)
raise errors with the same parts: a ``problem`` and where it was found, and often a ``context`` and
where that began. The problem is where the parser gave up, which is not always where the user went
wrong: a quote that is never closed is found at the end of the file, so the line where the quote
opened is named instead; the same for a bracket (``[``, ``{``) and a key without a ':'. A problem
found after the last text of the file is named at the last line that has text. The parser's own
English never reaches the user.
"""

from __future__ import annotations

from typing import Any

from ..errors import DossierInvalid

_TAB = "tab gevonden; gebruik spaties om in te springen"

# The start of the problem, as libyaml, PyYAML and ruamel word it, and what it means for the user.
_KNOWN = {
    "mapping values are not allowed": "hier mag geen 'sleutel: waarde' staan (inspringing, of een ':' in tekst zonder aanhalingstekens?)",
    "could not find expected ':'": "verwachtte een ':' (sleutel zonder waarde?)",
    "found undefined alias": "onbekende alias",
    "expected <block end>, but found '-'": "lijst-item op de verkeerde inspringing",
    "expected <block end>": "verwachtte een sleutel (inspringing klopt niet?)",
    "did not find expected key": "verwachtte een sleutel (inspringing klopt niet?)",
    "found unexpected end of stream": "bestand houdt onverwacht op (aanhalingsteken niet gesloten?)",
    "did not find expected '-' indicator": "verwachtte een lijst-item ('-')",
    "expected '-' indicator": "verwachtte een lijst-item ('-')",
    "did not find expected ',' or ']'": "lijst tussen [ ] niet goed afgesloten (mist ',' of ']')",
    "expected ',' or ']'": "lijst tussen [ ] niet goed afgesloten (mist ',' of ']')",
    "did not find expected ',' or '}'": "blok tussen { } niet goed afgesloten (mist ',' of '}')",
    "expected ',' or '}'": "blok tussen { } niet goed afgesloten (mist ',' of '}')",
    "found unknown escape character": "onbekend escape-teken (\\) in tekst tussen dubbele aanhalingstekens",
    "did not find expected hexdecimal number": "onvolledige \\x-, \\u- of \\U-code in tekst tussen dubbele aanhalingstekens",
    "expected escape sequence of": "onvolledige \\x-, \\u- of \\U-code in tekst tussen dubbele aanhalingstekens",
    "found invalid Unicode character escape code": "ongeldige \\u-code in tekst tussen dubbele aanhalingstekens",
    "did not find expected node content": "waarde ontbreekt of is onvolledig (lijst of haakje niet afgesloten?)",
    "expected the node content": "waarde ontbreekt of is onvolledig (lijst of haakje niet afgesloten?)",
    "found duplicate anchor": "anker staat er twee keer",
    "expected a comment or a line break": "onverwachte tekst na de waarde (aanhalingstekens?)",
    "did not find expected comment or line break": "onverwachte tekst na de waarde (aanhalingstekens?)",
    "found unhashable key": "een lijst of blok als sleutel wordt niet ondersteund",
    "found a tab character": _TAB,
    "found character '\\t'": _TAB,
    "found character": "teken dat hier niet mag staan (zet de tekst tussen aanhalingstekens)",
    "found unexpected ':'": "teken dat hier niet mag staan (zet de tekst tussen aanhalingstekens)",
    "exceeded maximum nesting depth": "te diep genest (lijsten of blokken in elkaar)",
    "expected a single document in the stream": "meer dan één document in het bestand (een regel '---' of '...' midden in het bestand?)",
    "did not find expected <document start>": "meer dan één document in het bestand (een regel '---' of '...' midden in het bestand?)",
    "expected '<document start>'": "meer dan één document in het bestand (een regel '---' of '...' midden in het bestand?)",
    "but found another document": "meer dan één document in het bestand (een regel '---' of '...' midden in het bestand?)",
    "found unexpected document indicator": "regel '---' of '...' midden in tekst tussen aanhalingstekens (aanhalingsteken niet gesloten?)",
    "did not find expected alphabetic or numeric character": "naam na '&' of '*' ontbreekt of is ongeldig (zet de tekst tussen aanhalingstekens)",
    "expected alphabetic or numeric character": "naam na '&' of '*' ontbreekt of is ongeldig (zet de tekst tussen aanhalingstekens)",
    "found an indentation indicator equal to 0": "inspringing van een tekstblok ('|' of '>') mag niet 0 zijn",
    "could not determine a constructor": "onbekende tag ('!'); zet de tekst tussen aanhalingstekens",
    "found undefined tag handle": "onbekende tag ('!'); zet de tekst tussen aanhalingstekens",
    "block sequence entries are not allowed": "hier mag geen lijst-item ('-') beginnen (inspringing?)",
    "mapping keys are not allowed": "hier mag geen sleutel ('?') beginnen (inspringing?)",
}
_UNKNOWN = "syntaxfout (controleer inspringing, haakjes en aanhalingstekens)"


def dutch_problem(problem: str) -> str:
    """The Dutch for a YAML library's problem text (its start); a general hint when it is not known."""
    for english, dutch in _KNOWN.items():
        if problem.startswith(english):
            return dutch
    return _TAB if "\t" in problem else _UNKNOWN


def yaml_error(exc: Exception, text: str, rel: str, line_offset: int = 0) -> DossierInvalid:
    """The DossierInvalid for a YAML library's error ``exc`` while reading ``text`` (the file ``rel``).

    ``line_offset``: lines of the file before ``text`` (front matter starts after its ``---``).
    """
    if isinstance(exc, RecursionError):
        return DossierInvalid("ongeldige YAML: te diep genest (lijsten of blokken in elkaar)", path=rel, code="yaml")
    character, position = getattr(exc, "character", None), getattr(exc, "position", None)
    if character is not None and isinstance(position, int):  # the reader: a character that is not allowed
        at = text.count("\n", 0, max(position, 0)) + 1 + line_offset
        char = character if isinstance(character, int) else ord(character)
        return DossierInvalid(
            f"ongeldige YAML: teken dat niet in een tekstbestand hoort (stuurteken #x{char:02x}); verwijder het",
            path=rel, line=at, code="yaml",
        )
    line, reason = _fault(exc, text, line_offset + 1)
    return DossierInvalid(f"ongeldige YAML: {reason}", path=rel, line=line + line_offset + 1 if line is not None else None,
                          code="yaml")


def _fault(exc: Any, text: str, first: int) -> tuple[int | None, str]:
    """The line of the real fault (0-based in ``text``, whose first line is line ``first`` of the file) and the Dutch reason."""
    problem, context = str(getattr(exc, "problem", None) or ""), str(getattr(exc, "context", None) or "")
    problem_mark, context_mark = getattr(exc, "problem_mark", None), getattr(exc, "context_mark", None)
    if not problem and not context:
        return None, dutch_problem(str(exc))
    mark = problem_mark or context_mark
    reason = dutch_problem(problem or context)
    if reason == _UNKNOWN and context:  # "found duplicate anchor 'x'; first occurrence" ... "second occurrence"
        reason = dutch_problem(context)
    if context_mark is not None:
        opened = context_mark.line
        if context.startswith("while scanning a quoted scalar") and problem.startswith(
                ("found unexpected end of stream", "found unexpected document indicator")):
            return opened, "aanhalingsteken wordt niet gesloten (de tekst tussen aanhalingstekens begint op deze regel)"
        if context.startswith("while scanning a simple key"):
            return opened, reason
        if context.startswith(("while parsing a flow sequence", "while parsing a flow mapping")) and problem_mark:
            found = _content_line(text, problem_mark)  # the bracket opened on this line is not closed
            return opened, reason + ("" if found == opened else f"; gevonden op regel {found + first}")
    if mark is None:
        return None, reason
    if _char_at(text, mark.line, mark.column) == "\t":
        return mark.line, _TAB
    return _content_line(text, mark), reason


def _content_line(text: str, mark: Any) -> int:
    """The mark's line; for a mark after the last text of the file, the last line that has text."""
    last = text.count("\n", 0, len(text.rstrip()))
    return min(int(mark.line), last)


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    return lines[line][column : column + 1] if line < len(lines) else ""
