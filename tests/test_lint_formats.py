"""The privacy lint knows how people write: each format of each kind is caught, and ordinary text is not.

One table: the text, and the kind of finding it must give (None: no finding at all). A finding never
holds the value it found.
"""

from __future__ import annotations

import pytest

from regie.dossier.lint import KINDS, check_value, mask_path, name_kinds, scan
from regie.errors import UsageError

# (text, kind); the value in each text is what must be caught, and never shown.
POSITIVES = [
    # BSN (111222333 and 123456782 pass the 11-proef)
    ("bsn 111222333", "bsn"),
    ("BSN: 111 222 333", "bsn"),
    ("bsn 111.222.333", "bsn"),
    ("bsn 111-222-333", "bsn"),
    ("burgerservicenummer 1234.56.782", "bsn"),
    ("sofinummer 1234 56 782 bekend", "bsn"),
    ("(123456782)", "bsn"),
    # IBAN (mod-97)
    ("rekening NL91ABNA0417164300", "iban"),
    ("rekening NL91 ABNA 0417 1643 00", "iban"),
    ("rekening nl91abna0417164300", "iban"),
    ("rekening nl91 abna 0417 1643 00", "iban"),
    ("iban Nl20 Ingb 0001 2345 67.", "iban"),
    ("rekening NL91-ABNA-0417-1643-00", "iban"),
    ("rekening DE89 3704 0044 0532 0130 00", "iban"),
    # phone numbers
    ("bel 0612345678", "telefoon"),
    ("bel 06-12345678", "telefoon"),
    ("bel 06 12345678", "telefoon"),
    ("bel 06 12 34 56 78", "telefoon"),
    ("bel 06.12.34.56.78", "telefoon"),
    ("bel 06-12 34 56 78", "telefoon"),
    ("bel 06 - 12345678", "telefoon"),
    ("bel 020-1234567", "telefoon"),
    ("bel 020 123 4567", "telefoon"),
    ("bel (020) 1234567", "telefoon"),
    ("bel (020)-1234567", "telefoon"),
    ("bel (0575) 123456", "telefoon"),
    ("bel 0575-123456", "telefoon"),
    ("bel +31612345678", "telefoon"),
    ("bel +31 6 12345678", "telefoon"),
    ("bel +31 6 1234 5678", "telefoon"),
    ("bel +31 (0)6 1234 5678", "telefoon"),
    ("bel +31 (0)20 123 4567", "telefoon"),
    ("bel +31-20-1234567", "telefoon"),
    ("bel 0031 6 12345678", "telefoon"),
    ("bel 0031201234567", "telefoon"),
    ("tel.: 020/1234567", "telefoon"),
    ("bel 06\u00a012345678", "telefoon"),
    ("bel 06\u201312345678", "telefoon"),
    # e-mail
    ("mail j.jansen@voorbeeld.nl", "e-mail"),
    ("mail J.Jansen+zorg@Voorbeeld.NL", "e-mail"),
    ("mail jan_de-vries@mail.example.com", "e-mail"),
    ("mail j.jansen (at) voorbeeld.nl", "e-mail"),
    ("mail j.jansen[at]voorbeeld.nl", "e-mail"),
    # postcode
    ("woont op Dorpsstraat 12, 1234 AB", "adres"),
    ("woont op Dorpsstraat 12, 1234 ab", "adres"),
    ("woont op Dorpsstraat 12 1234ab Ergens", "adres"),
    ("postcode 1234ab", "adres"),
    ("Postcode: 1234 ab", "adres"),
    ("1234AB", "adres"),
    ("1234 AB Amsterdam", "adres"),
    ("1234 ab, 12", "adres"),
    ("Dorpsstraat 12a 1234 Ab", "adres"),
    # birth dates behind a label
    ("geboren 13-04-1961", "geboortedatum"),
    ("geboren op 13 april 1961", "geboortedatum"),
    ("geb. 13/04/1961", "geboortedatum"),
    ("geb. 13.04.1961", "geboortedatum"),
    ("geb 13-4-61", "geboortedatum"),
    ("geb.datum 13-04-1961", "geboortedatum"),
    ("geb. datum: 13-04-1961", "geboortedatum"),
    ("gebdat. 13-04-1961", "geboortedatum"),
    ("geboortedatum: 1961-04-13", "geboortedatum"),
    ("geboortedatum: '1961-04-13'", "geboortedatum"),
    ("Geboortedatum 13 apr. 1961", "geboortedatum"),
    ("geboren d.d. 13-04-1961", "geboortedatum"),
    ("geb. d.d. 13 april 1961", "geboortedatum"),
    ("mevrouw X, d.d. 13-04-1961", "geboortedatum"),
    ("zoon d.d. 1998-11-02", "geboortedatum"),
    ("GEBOREN OP 3 MAART 1990", "geboortedatum"),
    ("geboorte-datum 13-04-1961", "geboortedatum"),
]

NEGATIVES = [
    "id: \"2026-001\"",
    "casussen 2026-001, 2026-014 en 2025-114",
    "datum: 2026-03-01",
    "afgesproken op 13-04-2026",
    "afspraak d.d. 13-04-2026 over de huur",
    "brief d.d. 13 april 2026",
    "beschikking d.d. 02-11-2025 en d.d. 2024-01-15",
    "evaluatie 13/04/2026, volgende 13.07.2026",
    "deadline 2026-04-13, gemaakt 2026-03-01",
    "nummer: 123456789",
    "kenmerk 111222334",
    "dossiernummer 123 456 789",
    "bedrag: 2500",
    "schuld van € 1.234,56",
    "schuld van € 111.222.333",
    "huurachterstand EUR 12.500,00",
    "om 09.30 uur, tot 10.30-12.00",
    "van 09:00 tot 17:00",
    "op 01-02-2026 09:30 bij de woonstad",
    "afspraak A3 met 3 kinderen in 2026Q3, 20 uur per week, 1234 euro",
    "in 2026 en 2027 elke week",
    "1500 km verder, 1000 ml",
    "op 13-04-2026 om 0930",
    "versie 3, score 4 van 5",
    "kwartaal 2026Q3 en 2026Q4",
    "S12, A7, E2, V3, D1, L2",
    "bel de wijkagent via het algemene nummer",
    "de geboorte van het kind wordt in mei verwacht",
    "geboren in 1961",
    "geen mail sturen @ het team",
    "agenda 2026-03-01 2026-04-01 2026-05-01",
    "0800-1234",
    "12 van de 14 afspraken, 2 open",
    "telefonisch contact op 06-04-2026",
]


@pytest.mark.parametrize("text, kind", POSITIVES)
def test_each_written_format_is_caught(text, kind):
    found = scan(f"tekst: |\n  iets\n  {text}\n")
    assert [(f.line, f.kind) for f in found] == [(3, kind)], text
    message = found[0].message()
    assert KINDS[kind] in message
    for word in text.split():
        if any(c.isdigit() for c in word) or "@" in word:
            assert word not in message


@pytest.mark.parametrize("text", NEGATIVES)
def test_ordinary_text_is_not_flagged(text):
    assert scan(f"tekst: {text}\n") == [], text


def test_the_table_is_big_enough():
    assert len(POSITIVES) >= 56 and len(NEGATIVES) >= 30
    assert {k for _, k in POSITIVES} == set(KINDS)


@pytest.mark.parametrize("text, kind", POSITIVES)
def test_an_option_value_is_refused_for_each_format(text, kind):
    with pytest.raises(UsageError) as exc:
        check_value("de reden", text, field="reden")
    assert KINDS[kind] in str(exc.value)
    assert text not in str(exc.value)


@pytest.mark.parametrize("name, kinds, shown", [
    ("111222333.txt", ["bsn"], "***.txt"),
    ("jan_111-222-333.md", ["bsn"], "jan_***.md"),
    ("scan-bsn-123456782.pdf", ["bsn"], "scan-bsn-***.pdf"),
    ("0612345678.txt", ["telefoon"], "***.txt"),
    ("j.jansen@voorbeeld.nl.txt", ["e-mail"], "***"),
    ("casus.yml", [], "casus.yml"),
    ("2026-03-01-2.md", [], "2026-03-01-2.md"),
    ("E3.md", [], "E3.md"),
])
def test_file_names_are_checked_and_masked(name, kinds, shown):
    assert name_kinds(name) == kinds
    assert mask_path(f"casussen/2026-001/{name}") == f"casussen/2026-001/{shown}"
