"""The privacy lint: directly identifying data where it does not belong, found and named, never shown."""

from __future__ import annotations

import pytest
from conftest import NETWORK, edit, git, write_tree
from hypothesis import given, settings
from hypothesis import strategies as st

from regie.dossier.lint import is_bsn, is_iban, scan

C = "casussen/2026-001"


@pytest.mark.parametrize("number, valid", [
    ("111222333", True), ("123456782", True), ("111222334", False), ("123456789", False), ("000000000", False),
    ("1234.56.782", True),
])
def test_bsn_eleven_test(number, valid):
    assert is_bsn(number) is valid


@pytest.mark.parametrize("iban, valid", [
    ("NL91ABNA0417164300", True), ("NL91 ABNA 0417 1643 00", True), ("NL20INGB0001234567", True),
    ("DE89370400440532013000", True), ("NL91ABNA0417164301", False), ("NL20INGB0001234568", False),
])
def test_iban_mod_97(iban, valid):
    assert is_iban(iban) is valid


def test_ordinary_numbers_dates_and_ids_are_not_personal_data():
    text = ("id: \"2026-001\"\ndatum: 2026-03-01\nnummer: 123456789\nbedrag: 2500\nversie: 3\nscore: 4\n"
            "tekst: afspraak A3 met 3 kinderen in 2026Q3, 20 uur per week, 1234 euro\n")
    assert scan(text) == []


VALUES = {
    "bsn": "BSN 111222333",
    "iban": "rekening NL91 ABNA 0417 1643 00",
    "telefoon": "bel 06-12345678",
    "e-mail": "mail naar j.jansen@voorbeeld.nl",
    "adres": "woont op Dorpsstraat 12, 1234 AB",
    "geboortedatum": "geboren 3-4-1987",
}
KINDS = {"bsn": "een BSN", "iban": "een IBAN (rekeningnummer)", "telefoon": "een telefoonnummer",
         "e-mail": "een e-mailadres", "adres": "een postcode", "geboortedatum": "een geboortedatum"}


@pytest.mark.parametrize("kind", list(VALUES))
def test_validate_names_file_line_and_kind_never_the_value(cli, dossier, kind):
    path = dossier / C / "melding.yaml"
    path.write_text(path.read_text() + f"omschrijving: \"{VALUES[kind]}\"\n")
    r = cli("-C", str(dossier), "validate")
    assert r.code == 0
    assert r.out == (f"{C}/melding.yaml:7: [privacy] waarschuwing: mogelijk {KINDS[kind]} in de tekst; zet direct "
                     "identificerende gegevens niet in het dossier (een bewuste uitzondering markeer je met '# privacy: ok')\n")
    value = VALUES[kind].split(" ", 1)[1]
    assert value not in r.out and value not in r.err


def test_markdown_body_and_the_deliberate_exception(cli, dossier):
    plan = dossier / C / "plan.md"
    plan.write_text(plan.read_text() + "Contact via de zus: 06-98765432.\nHuisarts: 010-1234567 <!-- privacy: ok -->\n")
    melding = dossier / C / "melding.yaml"
    melding.write_text(melding.read_text() + "omschrijving: \"post naar info@gemeente.nl\"  # privacy: ok\n")
    r = cli("-C", str(dossier), "validate")
    assert [line.split(": [")[0] for line in r.out.splitlines()] == [f"{C}/plan.md:16"]


def test_streng_makes_findings_errors(cli, dossier):
    write_tree(dossier, {"regie.yaml": NETWORK + "privacy: streng\n"})
    edit(dossier / C / "afspraken.yaml", "wat: Post openen", "wat: Post openen, bel 06-12345678")
    r = cli("-C", str(dossier), "validate")
    assert r.code == 1
    assert r.out.startswith(f"{C}/afspraken.yaml:11: [privacy] mogelijk een telefoonnummer")


def test_messages_of_regie_commits_are_checked(cli, git_dossier):
    git(git_dossier, "commit", "-q", "--allow-empty", "-m", "regie note: gesprek met mevrouw, 06-11223344")
    sha = git(git_dossier, "rev-parse", "--short", "HEAD").strip()
    r = cli("-C", str(git_dossier), "validate")
    assert r.out == (f"commit {sha}:1: [privacy] waarschuwing: mogelijk een telefoonnummer in de tekst; zet direct "
                     "identificerende gegevens niet in het dossier (een bewuste uitzondering markeer je met '# privacy: ok')\n")


@pytest.mark.parametrize("args, message", [
    (["new-case", "--melder-rol", "buurman", "--aard", "overlast, bel 06-12345678", "--urgentie", "hoog",
      "--regisseur", "reg", "--pseudoniem", "Meneer X", "--toestemming", "gegeven"],
     "fout: --aard: de aard bevat mogelijk een telefoonnummer; zet direct identificerende gegevens niet in het dossier "
     "(gebruik een pseudoniem of omschrijving)\n"),
    (["afspraak", "add", "2026-001", "--wat", "mail j@voorbeeld.nl", "--wie", "pro", "--deadline", "2026-12-30"],
     "fout: --wat: de omschrijving van de afspraak bevat mogelijk een e-mailadres; zet direct identificerende gegevens niet in het dossier "
     "(gebruik een pseudoniem of omschrijving)\n"),
    (["note", "2026-001", "--soort", "overleg", "--tekst", "BSN 111222333 doorgegeven"],
     "fout: --tekst: de tekst bevat mogelijk een BSN; zet direct identificerende gegevens niet in het dossier "
     "(gebruik een pseudoniem of omschrijving)\n"),
    (["signal", "add", "--over", "wachtlijst voor Dorpsstraat 12, 1234 AB", "--aard", "capaciteit"],
     "fout: --over: waar het signaal over gaat bevat mogelijk een postcode; zet direct identificerende gegevens niet in het dossier "
     "(gebruik een pseudoniem of omschrijving)\n"),
])
def test_commands_refuse_personal_data_in_their_flags(cli, git_dossier, args, message):
    head = git(git_dossier, "rev-parse", "HEAD")
    r = cli("-C", str(git_dossier), *args)
    assert (r.code, r.err) == (2, message)
    assert git(git_dossier, "rev-parse", "HEAD") == head
    assert git(git_dossier, "status", "--porcelain", "--untracked-files=all") == ""


# The detectors start with their first character (for speed); these are the plain forms they must agree with
# on any text.
_PLAIN = {
    "_BSN": r"(?<![\w.,/+-])(?<!€)(?<!€ )(?:[0-9]{9}|[0-9]{3}[ .-][0-9]{3}[ .-][0-9]{3}|[0-9]{4}[ .-][0-9]{2}[ .-][0-9]{3})"
            r"(?![\w-]|[.,/][0-9])",
    "_IBAN": r"(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}(?:[ -]?[A-Za-z0-9]{4}){2,7}(?:[ -]?[A-Za-z0-9]{1,3})?(?![A-Za-z0-9])",
    "_PHONE": r"(?:(?<![\w+])\+31[ .-]?(?:\(0\)[ .-]?|0[ .-]?)?\(?|(?<![\w+.,/-])0031[ .-]?(?:\(0\)[ .-]?|0[ .-]?)?\(?"
              r"|(?<![\w(])\(0|(?<![\w+.,/(-])0)[1-9](?:(?:[ ]?[.\-/][ ]?|[ ]|\)[ ]?(?:[.\-/][ ]?)?|[ ]?\()?[0-9]){8}"
              r"(?![\w:-]|[.,/][0-9])",
    "_POSTCODE": r"(?<![\w-])[1-9][0-9]{3}[ ]?([A-Za-z]{2})(?![\w-])",
}


# Budget: 400 derandomized examples of at most 60 characters; under a second here.
@pytest.mark.slow
@settings(max_examples=400, deadline=None, database=None, derandomize=True)
@given(st.text(alphabet="0123456789 .-+@,()abAB\nNLXgeb€", max_size=60))
def test_fast_detectors_match_the_plain_patterns(text):
    import re

    from regie.dossier import lint

    for name, plain in _PLAIN.items():
        fast = getattr(lint, name)
        assert [m.span(0) for m in fast.finditer(text)] == [m.span(0) for m in re.finditer(plain, text, re.ASCII)], name


# Budget: 1,000 derandomized examples of at most 80 characters; under a second here.
@pytest.mark.slow
@settings(max_examples=1000, deadline=None, database=None, derandomize=True)
@given(st.text(alphabet="0123456789 .-+()@,abAB\nNLXgebGEB:/٣\u00a0\u2013", max_size=80))
def test_the_quick_checks_before_each_detector_skip_nothing(text):
    """scan() runs a detector only when a cheaper check (the text's shape, a literal) says it can match;
    the findings must be those of every detector run on the whole text."""
    from regie.dossier import lint

    plain = sorted({(text.count("\n", 0, a) + 1, kind) for a, _, kind in lint._spans(text, quick=False)})
    found = sorted({(f.line, f.kind) for f in lint.scan(text)})
    assert found == [x for x in plain if not lint.ALLOW_MARK.search(text.split("\n")[x[0] - 1])]


@pytest.mark.parametrize("text, kind", [
    ("bel 06-12 34 56 78 na vijven", "telefoon"),
    ("tel. +31 (0)6 1234 5678", "telefoon"),
    ("+31 6 1234 5678", "telefoon"),
    ("rekening NL91 ABNA 0417 1643 00", "iban"),
    ("bsn 1112.22.333", "bsn"),
    ("woont op 12, 1234 AB", "adres"),
    ("GEBOREN OP 3 maart 1990", "geboortedatum"),
])
def test_each_kind_is_still_found_behind_its_quick_check(text, kind):
    from regie.dossier.lint import scan

    assert [f.kind for f in scan(f"notitie: |\n  iets\n  {text}\n")] == [kind]
