"""Finding directly identifying data written where it does not belong.

Plain-text dossier files are pseudonymised: a BSN, an IBAN, a phone number, an e-mail
address, a postcode or a date of birth must not be in them (they belong in the encrypted
identity file). The detectors know how people write these (``111 222 333``, ``nl91 abna
0417 1643 00``, ``(020) 1234567``, ``06.12.34.56.78``, ``1234ab``, ``geb.datum 13-04-1961``;
the full list is in docs/privacy.md) and are precise enough to be useful: a BSN must pass
the 11-proef and an IBAN the mod-97 check, a date is a birth date only behind a label that
says so, and a postcode in small letters only beside a house number or the word
"postcode", so an ordinary number, an agreement's date, a case id, an amount or a time is
not flagged. A finding names the file, the line and the kind, never the value itself. A
line can be marked as deliberate with ``# privacy: ok`` (YAML) or ``<!-- privacy: ok -->``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ..clock import MONTHS
from ..errors import UsageError

ALLOW_MARK = re.compile(r"#\s*privacy:\s*ok|<!--\s*privacy:\s*ok\s*-->", re.I)

_A = re.ASCII
# Each pattern starts with a plain character or class (a look-behind comes after the first
# character), so the regex engine jumps from candidate to candidate instead of trying the
# look-behind at every position of every file.

# 9 digits, 3-3-3 or 4-2-3 (the notation on a passport: 1234.56.782), separated by a space, dot or dash.
_BSN = re.compile(r"[0-9](?<![\w.,/+-][0-9])(?<!€[0-9])(?<!€ [0-9])"
                  r"(?:[0-9]{8}|[0-9]{2}[ .-][0-9]{3}[ .-][0-9]{3}|[0-9]{3}[ .-][0-9]{2}[ .-][0-9]{3})"
                  r"(?![\w-]|[.,/][0-9])", _A)
# Country code, check digits, then groups of four (with or without spaces or dashes), in any case.
_IBAN = re.compile(r"[A-Za-z](?<![A-Za-z0-9][A-Za-z])[A-Za-z][0-9]{2}(?:[ -]?[A-Za-z0-9]{4}){2,7}"
                   r"(?:[ -]?[A-Za-z0-9]{1,3})?(?![A-Za-z0-9])", _A)
# A Dutch number: 0 and nine digits (area code or 6 first), or +31 / 0031 and those nine digits (the trunk 0
# may stay, as (0)); between the digits a space, dot, dash or slash (also with spaces around), or brackets
# around the area code: (020) 1234567, 06.12.34.56.78, +31 (0)6 1234 5678, 0031-20-1234567.
_SEP = r"(?:[ ]?[.\-/][ ]?|[ ]|\)[ ]?(?:[.\-/][ ]?)?|[ ]?\()?"
_PHONE = re.compile(
    r"(?:(?:\+(?<![\w+]\+)|0(?<![\w+.,/-]0)0)31[ .-]?(?:\(0\)[ .-]?|0[ .-]?)?\(?"
    r"|\((?<![\w(]\()0"
    r"|0(?<![\w+.,/(-]0))"
    rf"[1-9](?:{_SEP}[0-9]){{8}}"
    r"(?![\w:-]|[.,/][0-9])", _A)
_EMAIL = re.compile(r"[\w.+-](?<![\w.+-][\w.+-])[\w.+-]*(?:@|[ ]?[\[(]at[\])][ ]?)[\w-]+(?:\.[\w-]+)*"
                    r"\.[A-Za-z]{2,}(?![\w-])")
# Four digits (not starting with 0) and two letters; which of these is a postcode is decided in _postcodes.
_POSTCODE = re.compile(r"[1-9](?<![\w-][1-9])[0-9]{3}[ ]?([A-Za-z]{2})(?![\w-])", _A)
_HOUSE_BEFORE = re.compile(r"(?:(?<![\w-])[0-9]{1,5}[a-zA-Z]?[ ]*,?[ ]+|postcode[ ]*:?[ ]*)\Z", re.I | _A)
_HOUSE_AFTER = re.compile(r"[ ]*,?[ ]*[0-9]{1,5}(?![\w-])", _A)
# Words and units of two letters that follow a number in ordinary text; postcodes with SA, SD and SS do not exist.
_NOT_POSTCODE = frozenset(
    "sa sd ss en in op of om te is ik je we ze na al nu zo ja er aan at on to or an am pm km cm mm ml mg kg gr "
    "mb gb kb st ct eu nl ha wk jr uu".split())
_MONTH = "|".join((*MONTHS, "jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sept", "sep", "okt", "nov", "dec"))
# A birth date is a date behind a label that says so: geboren, geb., geb.datum, geboortedatum (d.d. and op may
# follow it). A date on its own is an ordinary date in a plan.
_BIRTH = re.compile(
    r"g(?<![\w]g)(?:eboren|eb\.?[ ]?dat(?:um|\.)?|eb\.|eb(?=[ :])|eboorte[ -]?datum|eboortedag)"
    r"[ \t]*:?[ \t]*(?:(?:op|d\.d\.?)[ \t]*:?[ \t]*)?['\"]?"
    rf"(?:[0-9]{{1,2}}[-/.][0-9]{{1,2}}[-/.](?:[0-9]{{4}}|[0-9]{{2}})|[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}"
    rf"|[0-9]{{1,2}}[ ]+(?:{_MONTH})\.?[ ]+[0-9]{{4}})(?![0-9])",
    re.I | _A,
)
# Behind d.d. alone ("de dato": a letter's or an agreement's date) only a date of the last century counts: no
# dossier regie keeps goes back that far, so it is someone's birth date (later ones need one of the labels above).
_DD_BIRTH = re.compile(
    r"d(?<![\w]d)\.[ ]?d\.?[ \t]*:?[ \t]*['\"]?"
    rf"(?:[0-9]{{1,2}}[-/.][0-9]{{1,2}}[-/.]1[89][0-9]{{2}}|1[89][0-9]{{2}}-[0-9]{{2}}-[0-9]{{2}}"
    rf"|[0-9]{{1,2}}[ ]+(?:{_MONTH})\.?[ ]+1[89][0-9]{{2}})(?![0-9])",
    re.I | _A,
)

# Spaces and dashes from word processors, made plain (one character for one, so positions stay the same).
_PLAIN = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u2010": "-", "\u2011": "-",
                        "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-", "\uff20": "@"})
_UNPLAIN = re.compile("[" + "".join(chr(c) for c in _PLAIN) + "]")  # translate() is slow: only when needed
# The shape of a text: every digit a 0, every letter an A, a dot a space. A few byte searches in it tell which
# detectors can match at all, for a fraction of what even one regex costs on a text full of dates: a BSN holds
# nine digits once its separators are gone, a phone number ten, an IBAN AA00, a postcode 0000A or 0000 A.
_SHAPE = bytes.maketrans(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.",
                         b"0" * 10 + b"A" * 52 + b" ")
_SEPARATORS = b" -/()"
_LETTERS = re.compile("[A-Za-z]")
_POSTCODE_QUICK = re.compile("[1-9][0-9]{3}[ _-]?[A-Za-z]{2}", _A)
_PLACEHOLDERS = frozenset({"naam@organisatie.nl"})  # what regie's own advice shows as an example (git config)

KINDS = {
    "bsn": "een BSN",
    "iban": "een IBAN (rekeningnummer)",
    "telefoon": "een telefoonnummer",
    "e-mail": "een e-mailadres",
    "adres": "een postcode",
    "geboortedatum": "een geboortedatum",
}


def is_bsn(digits: str) -> bool:
    """The 11-proef of a BSN (9 digits; weights 9..2 and -1 for the last)."""
    digits = re.sub(r"[^0-9]", "", digits)
    if len(digits) != 9 or digits == "0" * 9:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def is_iban(text: str) -> bool:
    """The ISO 13616 check: two letters, two digits, and the rearranged IBAN as a number leaves 1 when divided by 97."""
    iban = re.sub(r"[ -]", "", text).upper()
    if not 15 <= len(iban) <= 34 or not iban[:2].isalpha() or not iban[2:4].isdigit():
        return False
    rearranged = iban[4:] + iban[:4]
    digits = "".join(str(int(c, 36)) for c in rearranged)
    return int(digits) % 97 == 1


def is_function_address(email: str) -> bool:
    """Whether an e-mail address is an organisation's function address (``aanmelden@wijkteam.nl``, ``info@…``) and not
    a person's: one address, a part before the @ of one word, without the dot, underscore or initial with which
    addresses of people are made (``j.devries@``, ``jan_jansen@``, ``jdevries@`` is not told apart and passes)."""
    found = [m.group(0) for m in _EMAIL.finditer(email)]
    if len(found) != 1 or found[0] != email.strip():
        return False
    local = re.split(r"@|[ ]?[\[(]at[\])][ ]?", found[0], maxsplit=1)[0]
    return re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]", local) is not None and local.count("-") <= 1


def is_mobile(phone: str) -> bool:
    """Whether a phone number is a mobile one (06, +31 6): a person's, as an aanmeldpunt has a fixed number."""
    digits = re.sub(r"[^0-9+]", "", phone.replace("(0)", ""))
    return re.match(r"(?:\+31|0031|0)6", digits) is not None


@dataclass(frozen=True)
class Finding:
    line: int  # 1-based
    kind: str  # a key of KINDS

    def message(self) -> str:
        return (f"mogelijk {KINDS[self.kind]} in de tekst; zet direct identificerende gegevens niet in het dossier "
                "(een bewuste uitzondering markeer je met '# privacy: ok')")


def _candidates(text: str) -> tuple[bool, bool, bool, bool]:
    """Which of the costly detectors (BSN, IBAN, phone, postcode) can match at all, from the text's shape."""
    shape = text.encode("ascii", "replace").translate(_SHAPE)  # the detectors match ASCII only
    digits = shape.translate(None, _SEPARATORS)
    return b"000000000" in digits, b"AA00" in shape, b"0000000000" in digits, b"0000A" in shape or b"0000 A" in shape


def _postcodes(text: str) -> Iterator[tuple[int, int]]:
    """Four digits and two letters: in capitals a postcode, in small letters only beside a house number or the
    word postcode (1500 km, 2026 en 2027 are no postcodes)."""
    for m in _POSTCODE.finditer(text):
        letters = m.group(1)
        if letters.lower() in _NOT_POSTCODE:
            continue
        if letters.isupper() or _HOUSE_BEFORE.search(text, max(0, m.start() - 16), m.start()) \
                or _HOUSE_AFTER.match(text, m.end()):
            yield m.span()


def _numbers(text: str, iban: bool, phone: bool, bsn: bool) -> Iterator[tuple[int, int, str]]:
    taken: list[tuple[int, int]] = []  # the digits of an account or phone number are no BSN or phone number
    if iban:
        for m in _IBAN.finditer(text):
            if is_iban(m.group(0)):
                taken.append(m.span())
                yield m.start(), m.end(), "iban"
    if phone:
        for m in _PHONE.finditer(text):
            if not any(a <= m.start() < b for a, b in taken):
                taken.append(m.span())
                yield m.start(), m.end(), "telefoon"
    if bsn:
        for m in _BSN.finditer(text):
            if is_bsn(m.group(0)) and not any(a <= m.start() < b for a, b in taken):
                yield m.start(), m.end(), "bsn"


def _spans(text: str, *, quick: bool = True) -> Iterator[tuple[int, int, str]]:
    """(start, end, kind) of everything in ``text`` that looks like personal data (``quick``: skip the detectors
    that the text's shape says cannot match)."""
    if not text.isascii() and _UNPLAIN.search(text):
        text = text.translate(_PLAIN)
    bsn, iban, phone, postcode = _candidates(text) if quick else (True, True, True, True)
    yield from _numbers(text, iban, phone, bsn)
    if not quick or "@" in text or "(at)" in text or "[at]" in text:
        for m in _EMAIL.finditer(text):
            yield m.start(), m.end(), "e-mail"
    if postcode:
        for a, b in _postcodes(text):
            yield a, b, "adres"
    if not quick or "geb" in text.lower():
        for m in _BIRTH.finditer(text):
            yield m.start(), m.end(), "geboortedatum"
    if not quick or "d.d" in text.lower() or "d. d" in text.lower():
        for m in _DD_BIRTH.finditer(text):
            yield m.start(), m.end(), "geboortedatum"


def scan(text: str, line_offset: int = 0) -> list[Finding]:
    """What ``text`` holds that looks like personal data, one finding per line and kind, in line order."""
    found: set[Finding] = set()
    lines: list[str] | None = None
    for pos, _, kind in _spans(text):
        line = text.count("\n", 0, pos)
        if lines is None:
            lines = text.split("\n")
        if ALLOW_MARK.search(lines[line]):
            continue
        found.add(Finding(line + 1 + line_offset, kind))
    return sorted(found, key=lambda f: (f.line, f.kind))


def _name_text(name: str) -> str:
    """A file name read as text: underscores and dashes separate words (``jan_111-222-333.txt``)."""
    return name.replace("_", " ").replace("-", " ")


def _name_spans(name: str) -> Iterator[tuple[int, int, str]]:
    """What a file name or id holds, read three ways: as it is, with underscores and dashes as spaces
    (``jan_111-222-333.txt``), and with the letters as spaces too (``jan0612345678.txt``)."""
    words = _name_text(name)
    found = {*_spans(name), *_spans(words)}
    yield from found
    for a, b, kind in _spans(_LETTERS.sub(" ", words)):  # only numbers glued to a word, not the digits of an IBAN
        if kind in ("bsn", "telefoon") and not any(a < y and x < b for x, y, _ in found):
            yield a, b, kind


def name_kinds(name: str) -> list[str]:
    """The kinds of personal data one file or folder name holds (a BSN, a phone number, ...), in KINDS order."""
    if not _maybe_in_name(name):
        return []
    kinds = {kind for _, _, kind in _name_spans(name)}
    return [k for k in KINDS if k in kinds]


def name_message(kinds: list[str]) -> str:
    what = ", ".join(KINDS[k] for k in kinds)
    return (f"de naam van dit bestand bevat mogelijk {what}; geef het een naam zonder persoonsgegevens "
            "(en haal de oude naam ook uit de geschiedenis)")


def _masked(text: str, spans: set[tuple[int, int]]) -> str:
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    for a, b in reversed(merged):
        text = text[:a] + "***" + text[b:]
    return text


def _maybe_in_name(name: str) -> bool:
    """Whether a name can hold anything the detectors find: nine digits (a BSN, a phone number, an IBAN), an @, four
    digits and a letter (a postcode) or a label of a birth date (most names of a dossier hold a date at most)."""
    return (sum(map(name.count, "0123456789")) >= 9 or "@" in name or "(at)" in name or "[at]" in name
            or "geb" in name.lower() or _POSTCODE_QUICK.search(name) is not None)


def mask_path(path: str) -> str:
    """``path`` with what looks like personal data in a file or folder name replaced by ``***`` (for output)."""
    if not _maybe_in_name(path):
        return path
    return "/".join(_masked(part, {(a, b) for a, b, _ in _name_spans(part)}) if _maybe_in_name(part) else part
                    for part in path.split("/"))


def mask_text(text: str) -> str:
    """``text`` with everything that looks like personal data replaced by ``***`` (for a message that names a
    value a user typed)."""
    return _masked(text, {(a, b) for a, b, _ in _spans(text) if text[a:b] not in _PLACEHOLDERS})


def check_id(thing: str, value: str | None, *, field: str | None = None) -> None:
    """Refuse an id a user gave (a betrokkene, a regisseur, a household) that holds personal data: ids end up in
    file contents, file names and commit messages."""
    kinds = name_kinds(value) if value else []
    if kinds:
        raise UsageError(f"{thing} bevat mogelijk {', '.join(KINDS[k] for k in kinds)}; een id is pseudoniem "
                         "(gebruik een rol, relatie of omschrijving)", field=field)


def check_value(thing: str, value: str | None, *, field: str) -> None:
    """Refuse a value a user gave (``thing``: what it is, in Dutch; ``field``: its name) that holds personal data,
    before anything is written."""

    if not value:
        return
    found = scan(value)
    if found:
        kinds = ", ".join(dict.fromkeys(KINDS[f.kind] for f in found))
        raise UsageError(f"{thing} bevat mogelijk {kinds}; zet direct identificerende gegevens niet in het dossier "
                         "(gebruik een pseudoniem of omschrijving)", field=field)
