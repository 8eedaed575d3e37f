"""'Bekend?' without plaintext (issue 25, item 4): the blind index, with real age keys (pyrage).

The numbers stated in docs/privacy.md are checked here: a key holder hashing every valid BSN of a
range finds many BSNs behind each case's token, and a lookup among 20,000 cases finds the right case
with few false candidates.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest
from conftest import git, make_keys
from test_identity import IDENTITY

from regie.errors import UsageError
from regie.privacy import zoekindex as zi

pyrage = pytest.importorskip("pyrage", reason="pyrage is a dependency of regie (pip install .)")

C = "casussen/2026-001"
FIXED = zi.NetworkKey(1, bytes(range(32)))  # a fixed key: the counts below are the same on every run


# ------------------------------------------------------------------ normalising


@pytest.mark.parametrize("raw", ["111222333", "111.222.333", " 111 222 333 ", "111-222-333"])
def test_a_bsn_is_normalised_to_nine_digits(raw):
    assert zi.norm_bsn(raw) == "111222333"


def test_an_eight_digit_bsn_gets_its_leading_zero():
    assert zi.norm_bsn("11222335") == "011222335"  # 0*9+1*8+1*7+2*6+2*5+2*4+3*3+3*2-5 = 55


@pytest.mark.parametrize(("raw", "message"), [
    ("111222334", "ongeldig BSN: het voldoet niet aan de elfproef (een tikfout?)"),
    ("000000000", "ongeldig BSN: het voldoet niet aan de elfproef (een tikfout?)"),
    ("11122233a", "ongeldig BSN: verwacht negen cijfers"),
    ("1112223334", "ongeldig BSN: verwacht negen cijfers"),
])
def test_a_bad_bsn_is_refused_without_quoting_it(raw, message):
    with pytest.raises(UsageError) as exc:
        zi.norm_bsn(raw)
    assert exc.value.message == message and raw not in exc.value.message


@pytest.mark.parametrize(("raw", "want"), [("1234 ab", "1234AB"), ("1234AB", "1234AB"), (" 1234  aB ", "1234AB")])
def test_a_postcode_is_normalised(raw, want):
    assert zi.norm_postcode(raw) == want


@pytest.mark.parametrize("raw", ["0123 AB", "123 AB", "1234 A", "1234 ABC", "AB 1234"])
def test_a_bad_postcode_is_refused(raw):
    with pytest.raises(UsageError) as exc:
        zi.norm_postcode(raw)
    assert exc.value.message == "ongeldige postcode: verwacht vier cijfers en twee letters, met of zonder spatie"


@pytest.mark.parametrize(("raw", "want"), [
    ("12", "12"), (12, "12"), ("012", "12"), ("12a", "12-A"), ("12 A", "12-A"), ("12-a", "12-A"), ("12-2", "12-2"),
    ("12 hs", "12-HS"), ("12 bis", "12-BIS"), ("12-I", "12-I"), ("12 a 2", "12-A2"),
])
def test_a_house_number_keeps_its_toevoeging(raw, want):
    assert zi.norm_huisnummer(raw) == want


def test_a_toevoeging_does_not_run_into_the_number():
    assert zi.norm_huisnummer("12-2") != zi.norm_huisnummer("122")


@pytest.mark.parametrize("raw", ["", "a12", "12 abcdefgh", "0"])
def test_a_bad_house_number_is_refused(raw):
    with pytest.raises(UsageError) as exc:
        zi.norm_huisnummer(raw)
    assert exc.value.message.startswith("ongeldig huisnummer: verwacht een nummer")


@pytest.mark.parametrize(("raw", "want"), [("1961-07-14", "1961-07-14"), ("14-7-1961", "1961-07-14")])
def test_a_birth_date_is_iso(raw, want):
    assert zi.norm_datum(raw) == want


@pytest.mark.parametrize("raw", ["1961-02-30", "14 juli 1961", "61-07-14"])
def test_a_bad_birth_date_is_refused_without_quoting_it(raw):
    with pytest.raises(UsageError) as exc:
        zi.norm_datum(raw)
    assert exc.value.message == "ongeldige geboortedatum: verwacht JJJJ-MM-DD, een bestaande datum"


def test_an_identity_gives_bsn_birth_and_address_identifiers_for_client_and_household():
    import yaml

    data = yaml.safe_load(IDENTITY.replace("huishouden: []", "huishouden:\n  - naam: Kind\n    geboortedatum: 2015-03-01"))
    found, warnings = zi.of_identity(data)
    assert found == {"bsn": ["111222333"], "adres": ["3011AB 12"],
                     "geboorte": ["1961-07-14 3011AB 12", "2015-03-01 3011AB 12"]}
    assert warnings == []
    found, warnings = zi.of_identity({**data, "bsn": "111222334"})
    assert found["bsn"] == [] and warnings == ["bsn: ongeldig BSN: het voldoet niet aan de elfproef (een tikfout?); "
                                               "daarvoor is geen zoektoken gemaakt"]


# ------------------------------------------------------------------ the numbers


def _valid_bsns(first_prefix: int, count: int):
    """Every valid BSN whose first eight digits are in [first_prefix, first_prefix + count): the ninth is fixed."""
    weights = range(9, 1, -1)
    for prefix in range(first_prefix, first_prefix + count):
        digits = f"{prefix:08d}"
        check = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
        if check < 10:
            yield digits + str(check)


def test_a_key_holder_hashing_every_bsn_of_a_range_cannot_single_out_a_cases_bsn():
    """10 million numbers (100000000-109999999), 909,091 valid BSNs: every token is shared by about 13.9 of them."""
    rng = random.Random(25)
    bsns = list(_valid_bsns(10_000_000, 1_000_000))
    assert len(bsns) == 909_091
    behind = Counter(FIXED.token("bsn", b) for b in bsns)
    assert len(behind) == 2 ** 16  # every token value is used
    cases = rng.sample(bsns, 50)
    sizes = sorted(behind[FIXED.token("bsn", b)] for b in cases)
    assert sizes[0] >= 5, sizes  # the BSN behind a case's token is one of at least 5 (here) and about 14 (on average)
    assert 13 < len(bsns) / len(behind) < 14
    assert sum(1 for n in behind.values() if n == 1) / len(behind) < 0.001  # hardly a token with one BSN behind it


def test_a_lookup_among_20000_cases_finds_the_case_with_few_false_candidates():
    """20,000 cases, 150 lookups by BSN and by address: the case is always found; about 0.31 false candidates a lookup (20,000/2^16);
    by address about 4.9 (20,000/2^12)."""
    rng = random.Random(2026)
    bsns = rng.sample(range(1_000_000, 100_000_000), 20_000)
    people = []
    for i, prefix in enumerate(bsns):
        digits = f"{prefix:08d}"
        check = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        bsn = digits + str(check if check < 10 else 0)
        address = f"{rng.randint(1000, 9999)}{rng.choice('ABCDEFGH')}{rng.choice('ABCDEFGH')} {rng.randint(1, 300)}"
        people.append((f"2026-{i:05d}", bsn, address))
    index = [zi.CaseTokens(cid, 1, FIXED.tokens({"bsn": [bsn], "adres": [address]})) for cid, bsn, address in people]
    false_bsn = false_address = 0
    for cid, bsn, address in rng.sample(people, 150):  # both kinds in one pass: each match says which kind matched
        found = zi.candidates(index, FIXED.tokens({"bsn": [bsn], "adres": [address]}))
        assert found[cid] == ["bsn", "adres"]
        false_bsn += sum(1 for other, kinds in found.items() if other != cid and "bsn" in kinds)
        false_address += sum(1 for other, kinds in found.items() if other != cid and "adres" in kinds)
    assert 0.2 < false_bsn / 150 < 0.45, false_bsn  # expected 0.31
    assert 4.0 < false_address / 150 < 6.0, false_address  # expected 4.9


def test_tokens_are_truncated_and_keyed():
    assert FIXED.tokens({"bsn": ["111222333"], "adres": ["3011AB 12"]}) == {
        "bsn": [FIXED.token("bsn", "111222333")], "adres": [FIXED.token("adres", "3011AB 12")]}
    assert len(FIXED.token("bsn", "111222333")) == 4 and len(FIXED.token("adres", "3011AB 12")) == 3
    other = zi.NetworkKey(1, bytes(32))
    assert [other.token("bsn", b) for b in ("111222333", "123456782")] != [FIXED.token("bsn", b) for b in ("111222333", "123456782")]


# ------------------------------------------------------------------ with real keys, through the command line


@pytest.fixture
def keys(cli, tmp_path):
    """Real age keys: bakker (regisseur of 2026-001), devries (beheerder), elhaddad (another regisseur), buiten (nobody)."""
    return make_keys(cli, tmp_path / "keys", ("bakker", "devries", "elhaddad", "buiten"))


@pytest.fixture
def repo(examples_repo, keys):
    text = (examples_repo / "regie.yaml").read_text()
    for who, rid in (("bakker", "a-bakker"), ("devries", "j-devries"), ("elhaddad", "m-elhaddad")):
        text = text.replace(f"  - id: {rid}\n", f"  - id: {rid}\n    age: {keys[who][1]}\n", 1)
    (examples_repo / "regie.yaml").write_text(text + "\nbeheerders: [j-devries]\n")
    git(examples_repo, "commit", "-qam", "sleutels")
    return examples_repo


@pytest.fixture
def editor(tmp_path, monkeypatch):
    """$EDITOR: a small program that copies tmp_path/next.yaml over the file it is given (as a person would type it)."""
    import sys
    import tempfile

    folder = tmp_path / "tmp"  # where the private edit folders are made, of this test only
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    source = tmp_path / "next.yaml"
    script = tmp_path / "editor.py"
    script.write_text(f"import shutil, sys\nshutil.copyfile({str(source)!r}, sys.argv[-1])\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    return source



def as_user(monkeypatch, keys, who):
    monkeypatch.setenv("REGIE_AGE_KEY_FILE", str(keys[who][0]))


def zoek(cli, repo, *args):
    return cli("-C", str(repo), "zoek", *args)


@pytest.fixture
def indexed(cli, repo, keys, editor, monkeypatch):
    """2026-001 (a-bakker) has an identity: the first one of the network, so its key is made with it."""
    as_user(monkeypatch, keys, "bakker")
    editor.write_text(IDENTITY)
    r = cli("-C", str(repo), "identity", "edit", "2026-001")
    assert (r.code, r.err) == (0, "identiteit van casus 2026-001 versleuteld opgeslagen en gecommit\n")
    return repo


def test_identity_edit_writes_tokens_and_the_network_key_in_its_one_commit(indexed):
    repo = indexed
    assert git(repo, "show", "--name-only", "--format=%s", "HEAD").split("\n") == [
        "regie identity: identiteit van casus 2026-001 bijgewerkt", "",
        f"{C}/identiteit.yaml.age", f"{C}/sleutels.yaml", f"{C}/zoektokens.yaml", "zoeksleutel.yaml.age", ""]
    assert (repo / "zoeksleutel.yaml.age").read_bytes().startswith(b"age-encryption.org/v1\n")
    text = (repo / C / "zoektokens.yaml").read_text()
    lines = text.splitlines()
    assert lines[2:4] == ["sleutelversie: 1", "tokens:"]
    assert [line.split(":")[0] for line in lines[4:]] == ["  bsn", "  geboorte", "  adres"]
    import re

    assert re.fullmatch(r'  bsn: \["[0-9a-f]{4}"\]\n  geboorte: \["[0-9a-f]{4}"\]\n  adres: \["[0-9a-f]{3}"\]\n',
                        "\n".join(lines[4:]) + "\n")
    for secret in ("111222333", "3011", "1961"):
        assert secret not in text


def test_zoek_confirms_what_you_can_decrypt(cli, indexed, keys, monkeypatch):
    for asked in (["--bsn", "111.222.333"], ["--postcode", "3011ab", "--huisnummer", "12"],
                  ["--geboortedatum", "1961-07-14", "--postcode", "3011 AB", "--huisnummer", "12"]):
        r = zoek(cli, indexed, *asked)
        kind = "bsn" if "--bsn" in asked else "geboorte" if "--geboortedatum" in asked else "adres"
        assert (r.code, r.out) == (0, f"2026-001  uitvoering regisseur a-bakker  huishouden -  op {kind}  bevestigd\n"), r
        assert r.err.startswith("1 kandidaat in 1 casus")
    r = zoek(cli, indexed, "--bsn", "111222333", "--format", "json")
    import json

    assert json.loads(r.out) == {"kandidaten": [{"casus": "2026-001", "status": "uitvoering", "open": True,
                                                 "regisseur": "a-bakker", "huishouden": None, "op": ["bsn"],
                                                 "bevestigd": True}],
                                 "verworpen": 0, "oude_sleutel": [], "doorzocht": 1}
    r = zoek(cli, indexed, "--bsn", "123456782")  # a valid BSN that is not there
    assert (r.code, r.out, r.err) == (0, "", "0 kandidaten in 1 casus\n")


def test_another_regisseur_gets_a_candidate_to_ask_about(cli, indexed, keys, monkeypatch):
    as_user(monkeypatch, keys, "elhaddad")  # holds the network key, cannot read 2026-001's identity
    r = zoek(cli, indexed, "--bsn", "111222333")
    assert (r.code, r.out) == (0, "2026-001  uitvoering regisseur a-bakker  huishouden -  op bsn  "
                                  "kandidaat: niet te ontsleutelen, vraag a-bakker\n")


def test_someone_without_the_network_key_cannot_search(cli, indexed, keys, monkeypatch):
    as_user(monkeypatch, keys, "buiten")
    r = zoek(cli, indexed, "--bsn", "111222333")
    assert (r.code, r.out) == (1, "")
    assert r.err == ("fout: zoeksleutel.yaml.age: de zoeksleutel is niet voor jouw sleutel versleuteld; vraag een beheerder "
                     "om 'regie zoek --sleutel-vernieuwen' nu je publieke sleutel in regie.yaml staat\n")


def test_zoek_without_a_network_key_says_how_it_comes(cli, repo, keys, monkeypatch):
    as_user(monkeypatch, keys, "bakker")
    r = zoek(cli, repo, "--bsn", "111222333")
    assert (r.code, r.err) == (1, "fout: het netwerk heeft nog geen zoeksleutel: die ontstaat bij de eerste 'regie identity "
                                  "edit', of een beheerder maakt hem met 'regie zoek --sleutel-vernieuwen'\n")


@pytest.mark.parametrize(("args", "message"), [
    (["--bsn", "111222334"], "fout: --bsn: ongeldig BSN: het voldoet niet aan de elfproef (een tikfout?)\n"),
    (["--postcode", "3011 A", "--huisnummer", "12"],
     "fout: --postcode: ongeldige postcode: verwacht vier cijfers en twee letters, met of zonder spatie\n"),
    (["--geboortedatum", "1961-02-30", "--postcode", "3011 AB", "--huisnummer", "12"],
     "fout: --geboortedatum: ongeldige geboortedatum: verwacht JJJJ-MM-DD, een bestaande datum\n"),
    (["--geboortedatum", "1961-07-14"], "fout: --geboortedatum: een geboortedatum zoek je samen met postcode en huisnummer\n"),
    (["--bsn", "111222333", "--postcode", "3011 AB"],
     "fout: zoek op één ding tegelijk: een BSN, of een geboortedatum met postcode en huisnummer, of een adres\n"),
])
def test_bad_input_is_one_dutch_message_that_quotes_nothing(cli, indexed, args, message):
    r = zoek(cli, indexed, *args)
    assert (r.code, r.out, r.err) == (2, "", message)
    for value in args[1::2]:
        assert value not in r.err.replace("--", "")


def test_identity_edit_warns_when_the_person_has_another_open_case(cli, indexed, editor, keys, monkeypatch):
    editor.write_text(IDENTITY.replace("Henk Visser", "H. Visser"))  # the same BSN and address, in 2026-007 (a-bakker)
    r = cli("-C", str(indexed), "identity", "edit", "2026-007")
    assert r.code == 0
    assert r.err == ("waarschuwing: de identiteit van casus 2026-007 komt overeen met open casus 2026-001 (bsn, geboorte, adres; "
                     "bevestigd; regisseur a-bakker). Eén gezin, één plan, één regisseur: hoort het bij hetzelfde gezin, leg "
                     "dat vast met --huishouden (bij 'regie new-case') of voeg samen met 'regie merge-cases 2026-001 2026-007'\n"
                     "identiteit van casus 2026-007 versleuteld opgeslagen en gecommit\n")
    assert "111222333" not in r.err and "3011" not in r.err


def test_rotation_by_a_beheerder_leaves_out_who_left_and_names_what_it_could_not_do(cli, indexed, keys, monkeypatch):
    repo = indexed
    # 2026-003 (m-elhaddad) has an identity only its regisseur can read (encrypted before the beheerder was added)
    from pyrage import x25519

    data = pyrage.encrypt(IDENTITY.encode(), [x25519.Recipient.from_str(keys["elhaddad"][1])])
    (repo / "casussen/2026-003/identiteit.yaml.age").write_bytes(data)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "identiteit")
    # elhaddad leaves: only bakker and devries keep the network key
    text = (repo / "regie.yaml").read_text().replace("  - id: m-elhaddad\n", "  - id: m-elhaddad\n    actief_tot: 2026-11-01\n", 1)
    (repo / "regie.yaml").write_text(text)
    git(repo, "commit", "-qam", "vertrek")
    before = (repo / C / "zoektokens.yaml").read_text()
    r = zoek(cli, repo, "--sleutel-vernieuwen")  # bakker is no beheerder
    assert (r.code, r.err) == (1, "fout: alleen een beheerder (beheerders in regie.yaml) vernieuwt de zoeksleutel: die moet "
                                  "de identiteiten kunnen lezen\n")
    as_user(monkeypatch, keys, "devries")
    r = zoek(cli, repo, "--sleutel-vernieuwen")
    assert r.code == 0, r
    assert r.err == ("zoeksleutel vernieuwd (versie 2), versleuteld voor a-bakker, j-devries; zoektokens van 1 casus bijgewerkt\n"
                     "waarschuwing: 1 casus kon je niet opnieuw van zoektokens voorzien (die worden niet gevonden tot wie de "
                     "identiteit kan lezen haar opslaat met 'regie identity edit'):\n"
                     "  casus 2026-003: is niet versleuteld voor jouw sleutel; vraag de regisseur of een beheerder om 'regie "
                     "identity rekey' nadat je publieke sleutel in regie.yaml staat\n")
    assert git(repo, "show", "--name-only", "--format=%s", "HEAD").split("\n") == [
        "regie zoek: zoeksleutel vernieuwd (versie 2), zoektokens van 1 casus bijgewerkt", "",
        f"{C}/zoektokens.yaml", "zoeksleutel.yaml.age", ""]
    after = (repo / C / "zoektokens.yaml").read_text()
    assert "sleutelversie: 2" in after and after != before
    # the new key is found by those who hold it, not by who left
    assert zoek(cli, repo, "--bsn", "111222333").out.startswith("2026-001 ")
    as_user(monkeypatch, keys, "elhaddad")
    r = zoek(cli, repo, "--bsn", "111222333")
    assert r.code == 1 and "de zoeksleutel is niet voor jouw sleutel versleuteld" in r.err


def test_new_case_with_its_identity_warns_about_the_open_case_of_the_same_family(cli, indexed, editor):
    child = IDENTITY.replace('bsn: "111222333"', "bsn: null").replace("Henk Visser", "Kind Visser")
    editor.write_text(child.replace("geboortedatum: 1961-07-14", "geboortedatum: 2015-03-01"))
    r = cli("-C", str(indexed), "new-case", "--melder-rol", "leerkracht", "--aard", "verwaarlozing", "--urgentie", "hoog",
            "--regisseur", "a-bakker", "--pseudoniem", "Kind V.", "--toestemming", "gegeven", "--identiteit")
    assert (r.code, r.out) == (0, "2026-010\n"), r
    assert r.err == ("casus 2026-010 aangemaakt en gecommit\n"
                     "waarschuwing: de identiteit van casus 2026-010 komt overeen met open casus 2026-001 (adres; bevestigd; "
                     "regisseur a-bakker). Eén gezin, één plan, één regisseur: hoort het bij hetzelfde gezin, leg dat vast met "
                     "--huishouden (bij 'regie new-case') of voeg samen met 'regie merge-cases 2026-001 2026-010'\n"
                     "identiteit van casus 2026-010 versleuteld opgeslagen en gecommit\n")
    assert git(indexed, "log", "-2", "--format=%s").split("\n")[:2] == [
        "regie identity: identiteit van casus 2026-010 bijgewerkt", "regie new-case: casus 2026-010 aangemaakt"]


def test_new_case_with_identity_needs_an_editor_before_anything_is_made(cli, indexed, monkeypatch):
    monkeypatch.delenv("EDITOR", raising=False)
    head = git(indexed, "rev-parse", "HEAD")
    r = cli("-C", str(indexed), "new-case", "--melder-rol", "leerkracht", "--aard", "zorg", "--urgentie", "hoog",
            "--regisseur", "a-bakker", "--pseudoniem", "Kind V.", "--toestemming", "gegeven", "--identiteit")
    assert (r.code, r.err) == (2, "fout: --identiteit opent een editor; stel EDITOR in of gebruik een terminal\n")
    assert git(indexed, "rev-parse", "HEAD") == head and not (indexed / "casussen/2026-010").exists()


def test_a_regisseur_leaving_is_reminded_of_the_network_key(cli, indexed, keys, monkeypatch):
    as_user(monkeypatch, keys, "devries")
    r = cli("-C", str(indexed), "regisseur", "drop", "m-elhaddad", "--per", "2026-11-26", "--naar", "a-bakker")
    assert r.code == 0, r
    assert r.err.endswith("m-elhaddad heeft de zoeksleutel nog: laat een beheerder op of na 2026-11-26 "
                          "'regie zoek --sleutel-vernieuwen' draaien\n")


def test_a_child_of_the_household_is_found_by_its_own_birth_date(cli, repo, keys, editor, monkeypatch):
    as_user(monkeypatch, keys, "bakker")
    editor.write_text(IDENTITY.replace("huishouden: []", "huishouden:\n  - naam: Kind Visser\n    relatie: zoon\n"
                                                         "    geboortedatum: 2015-03-01"))
    assert cli("-C", str(repo), "identity", "edit", "2026-001").code == 0
    r = zoek(cli, repo, "--geboortedatum", "1-3-2015", "--postcode", "3011AB", "--huisnummer", "12")
    assert (r.code, r.out) == (0, "2026-001  uitvoering regisseur a-bakker  huishouden -  op geboorte  bevestigd\n")
    r = zoek(cli, repo, "--geboortedatum", "2015-03-02", "--postcode", "3011AB", "--huisnummer", "12")
    assert (r.code, r.out) == (0, "")  # another day: no match (a token shared by chance is decrypted and dropped)


def test_an_identity_saved_by_someone_without_the_network_key_is_saved_without_tokens(cli, indexed, keys, editor,
                                                                                      monkeypatch):
    as_user(monkeypatch, keys, "buiten")  # may write a new identity (encrypting needs no key of one's own)
    editor.write_text(IDENTITY)
    r = cli("-C", str(indexed), "identity", "edit", "2026-007")
    assert (r.code, r.err) == (0, "waarschuwing: geen zoektokens bijgewerkt: de zoeksleutel is niet voor jouw sleutel "
                                  "versleuteld; vraag een beheerder om 'regie zoek --sleutel-vernieuwen' nu je publieke "
                                  "sleutel in regie.yaml staat\n"
                                  "identiteit van casus 2026-007 versleuteld opgeslagen en gecommit\n")
    assert git(indexed, "show", "--name-only", "--format=", "HEAD").split() == [
        "casussen/2026-007/identiteit.yaml.age", "casussen/2026-007/sleutels.yaml"]
