"""Finding directly identifying data written where it does not belong.

Plain-text dossier files are pseudonymised: a BSN, an IBAN, a phone number, an e-mail
address, a postcode with a house number or a date of birth in a sentence must not be in
them (they belong in the encrypted identity file). Each detector is precise enough to be
useful: a BSN must pass the 11-proef and an IBAN the mod-97 check, so an ordinary number
is not flagged. A finding names the file, the line and the kind, never the value itself.
A line can be marked as deliberate with ``# privacy: ok`` (YAML) or ``<!-- privacy: ok -->``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ..clock import MONTHS
from ..errors import UsageError

ALLOW_MARK = re.compile(r"#\s*privacy:\s*ok|<!--\s*privacy:\s*ok\s*-->", re.I)

_MONTHS = "|".join(MONTHS)

# Each pattern starts with a plain character or class (the look-behind comes after the
# first character), so the regex engine jumps from candidate to candidate instead of trying
# the look-behind at every position of every file: an IBAN and a phone number pattern that
# start with a look-ahead are tried everywhere and cost 2.5 times as much on a dossier.
_BSN = re.compile(r"(\d(?<![\w.-]\d)(?:\d{8}|\d{3}[. ]\d{2}[. ]\d{3}))(?![\w-]|\.\d)")
_IBAN = re.compile(r"([A-Z](?<![A-Za-z0-9][A-Z])[A-Z]\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)(?![A-Za-z0-9])")
_PHONE = re.compile(r"(?:\+(?<![\w+-]\+)31|0(?<![\w+-]0)(?:031)?)(?:[ -]?\(?0?\)?)?(?:[ -]?\d){9}(?![\w-])")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
_POSTCODE = re.compile(
    r"(?=\d)(?<![\w-])(?:\d{1,5}[a-zA-Z]?\s*,?\s+[1-9]\d{3} ?[A-Z]{2}|[1-9]\d{3} ?[A-Z]{2}\s*,?\s*\d{1,5})(?![\w-])"
)
_BIRTH = re.compile(
    rf"\b(?:geboren|geb\.|geboortedatum)\s*(?:op\s*)?:?\s*(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}|\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})",
    re.I,
)
_MAYBE_POSTCODE = re.compile(r"[1-9]\d{3} ?[A-Z]{2}")  # what every match of _POSTCODE contains

# The shape of an ASCII text: every digit a 0, every capital an A, a dot a space. Four
# byte searches in it tell which detectors can match at all, for a fraction of what even
# one regex costs on a text full of dates: a BSN holds nine digits or 0000 00 000, an IBAN
# AA00, a postcode 0000A or 0000 A, and a phone number ten digits once the spaces, dashes
# and brackets between them are gone.
_SHAPE = bytes.maketrans(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ.", b"0" * 10 + b"A" * 26 + b" ")
_PHONE_SEPARATORS = b" -()"

KINDS = {
    "bsn": "een BSN",
    "iban": "een IBAN (rekeningnummer)",
    "telefoon": "een telefoonnummer",
    "e-mail": "een e-mailadres",
    "adres": "een postcode met huisnummer",
    "geboortedatum": "een geboortedatum",
}


def is_bsn(digits: str) -> bool:
    """The 11-proef of a BSN (9 digits; weights 9..2 and -1 for the last)."""
    digits = re.sub(r"\D", "", digits)
    if len(digits) != 9 or digits == "0" * 9:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def is_iban(text: str) -> bool:
    """The ISO 13616 check: the rearranged IBAN as a number leaves 1 when divided by 97."""
    iban = text.replace(" ", "")
    if not 15 <= len(iban) <= 34:
        return False
    rearranged = iban[4:] + iban[:4]
    digits = "".join(str(int(c, 36)) for c in rearranged)
    return int(digits) % 97 == 1


@dataclass(frozen=True)
class Finding:
    line: int  # 1-based
    kind: str  # a key of KINDS

    def message(self) -> str:
        return (f"mogelijk {KINDS[self.kind]} in de tekst; zet direct identificerende gegevens niet in het dossier "
                "(een bewuste uitzondering markeer je met '# privacy: ok')")


def _candidates(text: str) -> tuple[bool, bool, bool, bool]:
    """Which of the costly detectors (BSN, IBAN, phone, postcode) can match at all, from the text's shape."""
    if not text.isascii():  # other digits than 0-9 count as digits for the detectors
        return True, True, True, True
    shape = text.encode("ascii").translate(_SHAPE)
    return (b"000000000" in shape or b"0000 00 000" in shape, b"AA00" in shape,
            b"0000000000" in shape.translate(None, _PHONE_SEPARATORS), b"0000A" in shape or b"0000 A" in shape)


def _numbers(text: str, bsn: bool, iban: bool, phone: bool) -> Iterator[tuple[int, str]]:
    if bsn:
        for m in _BSN.finditer(text):
            if is_bsn(m.group(1)):
                yield m.start(), "bsn"
    ibans = []
    if iban:
        for m in _IBAN.finditer(text):
            if is_iban(m.group(1)):
                ibans.append(m.span())
                yield m.start(), "iban"
    if phone:
        for m in _PHONE.finditer(text):
            if not any(a <= m.start() < b for a, b in ibans):  # the digits of an account number are no phone number
                yield m.start(), "telefoon"


def _hits(text: str) -> Iterator[tuple[int, str]]:
    bsn, iban, phone, postcode = _candidates(text)
    yield from _numbers(text, bsn, iban, phone)
    if "@" in text:
        for m in _EMAIL.finditer(text):
            yield m.start(), "e-mail"
    if postcode and _MAYBE_POSTCODE.search(text):
        for m in _POSTCODE.finditer(text):
            yield m.start(), "adres"
    if "geb" in text.lower():
        for m in _BIRTH.finditer(text):
            yield m.start(), "geboortedatum"


def scan(text: str, line_offset: int = 0) -> list[Finding]:
    """What ``text`` holds that looks like personal data, one finding per line and kind, in line order."""
    found: set[Finding] = set()
    lines: list[str] | None = None
    for pos, kind in _hits(text):
        line = text.count("\n", 0, pos)
        if lines is None:
            lines = text.split("\n")
        if ALLOW_MARK.search(lines[line]):
            continue
        found.add(Finding(line + 1 + line_offset, kind))
    return sorted(found, key=lambda f: (f.line, f.kind))


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
