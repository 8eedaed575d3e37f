"""The privacy lint over everything in a dossier: every file of a case folder (known or not), the minutes in
overleggen/, every name, and every free-text value a command writes; a finding names file and line, never the value."""

from __future__ import annotations

import pytest
from conftest import MEMO, git

C = "casussen/2026-001"
WARN = "zet direct identificerende gegevens niet in het dossier (een bewuste uitzondering markeer je met '# privacy: ok')"


def lines_about(out: str, path: str) -> list[str]:
    """The lines of ``out`` about the file ``path`` (with or without a line number)."""
    return [x for x in out.splitlines() if x.startswith((path + ": ", path + ":"))]


def test_a_file_regie_does_not_know_is_linted_with_file_and_line(cli, dossier):
    (dossier / C / "notities.txt").write_text("gesprek met de zus\nbsn 111 222 333, bel (020) 1234567\n")
    r = cli("-C", str(dossier), "validate")
    assert r.code == 0
    assert lines_about(r.out, f"{C}/notities.txt") == [
        f"{C}/notities.txt: [onbekend-bestand] waarschuwing: regie kent dit bestand niet en leest het niet als "
        "dossierbestand (een tikfout in de naam, een reservekopie?) Alleen persoonsgegevens worden erin gezocht; "
        "die horen versleuteld in identiteit.yaml.age",
        f"{C}/notities.txt:2: [privacy] waarschuwing: mogelijk een BSN in de tekst; {WARN}",
        f"{C}/notities.txt:2: [privacy] waarschuwing: mogelijk een telefoonnummer in de tekst; {WARN}",
    ]
    assert "111 222 333" not in r.out + r.err and "1234567" not in r.out + r.err


def test_the_lint_sees_a_changed_unknown_file_through_the_cache(cli, dossier):
    (dossier / C / "notities.txt").write_text("niets bijzonders\n")
    assert "[privacy]" not in cli("-C", str(dossier), "validate").out
    (dossier / C / "notities.txt").write_text("niets bijzonders\nmail j.jansen@voorbeeld.nl\n")
    assert f"{C}/notities.txt:2: [privacy] waarschuwing: mogelijk een e-mailadres" in cli("-C", str(dossier), "validate").out


def test_the_minutes_of_a_meeting_are_linted(cli, dossier):
    (dossier / "overleggen").mkdir()
    (dossier / "overleggen/2026-03-05.md").write_text(
        "# Netwerkoverleg 5 maart 2026\n\n## Verslag\nMevrouw is bereikbaar op 06.12.34.56.78.\n"
        "Afgesproken op 13-04-2026 om 09.30 uur: casus 2026-001.\n")
    r = cli("-C", str(dossier), "validate")
    assert r.out == f"overleggen/2026-03-05.md:4: [privacy] waarschuwing: mogelijk een telefoonnummer in de tekst; {WARN}\n"


def test_a_memo_of_an_escalation_is_linted(cli, dossier):
    (dossier / C / "escalaties").mkdir()
    (dossier / C / "escalaties/E1.md").write_text("# Memo E1\n\nRekening van meneer: nl91 abna 0417 1643 00.\n")
    r = cli("-C", str(dossier), "validate")
    assert r.out == f"{C}/escalaties/E1.md:3: [privacy] waarschuwing: mogelijk een IBAN (rekeningnummer) in de tekst; {WARN}\n"


def test_names_elsewhere_in_the_dossier_are_checked(cli, dossier):
    (dossier / "signalen").mkdir()
    (dossier / "signalen/notitie-0612345678.md").write_text("niets\n")
    (dossier / "casussen/123456782").mkdir()
    r = cli("-C", str(dossier), "validate")
    assert "signalen/notitie-***.md: [privacy] waarschuwing: de naam van dit bestand bevat mogelijk een telefoonnummer" in r.out
    assert "casussen/***: [privacy] waarschuwing: de naam van dit bestand bevat mogelijk een BSN" in r.out
    assert "0612345678" not in r.out + r.err and "123456782" not in r.out + r.err


def test_a_file_named_after_a_bsn_is_flagged_and_never_shown(cli, dossier):
    (dossier / C / "111-222-333.pdf").write_bytes(b"%PDF-1.7\n\0\0binary")
    (dossier / C / "journaal").mkdir()
    (dossier / C / "journaal/gesprek-0612345678.txt").write_text("niets\n")
    r = cli("-C", str(dossier), "validate", "--format", "json")
    assert "111" not in r.out and "0612345678" not in r.out
    r = cli("-C", str(dossier), "validate")
    assert r.code == 0
    assert lines_about(r.out, f"{C}/***.pdf") == [
        f"{C}/***.pdf: [onbekend-bestand] waarschuwing: regie kent dit bestand niet en leest het niet als "
        "dossierbestand (een tikfout in de naam, een reservekopie?) Alleen persoonsgegevens worden erin gezocht; "
        "die horen versleuteld in identiteit.yaml.age",
        f"{C}/***.pdf: [privacy] waarschuwing: de naam van dit bestand bevat mogelijk een BSN; geef het een naam "
        "zonder persoonsgegevens (en haal de oude naam ook uit de geschiedenis)",
    ]
    assert [x.split(" waarschuwing")[0] for x in lines_about(r.out, f"{C}/journaal/gesprek-***.txt")] == [
        f"{C}/journaal/gesprek-***.txt: [onbekend-bestand]", f"{C}/journaal/gesprek-***.txt: [privacy]"]
    assert "111" not in r.out + r.err and "0612345678" not in r.out + r.err


@pytest.mark.parametrize("name, code, hint", [
    ("casus.yml", "onbekend-bestand", "; bedoel je casus.yaml?"),
    ("Plan.MD", "onbekend-bestand", "; bedoel je plan.md?"),
    ("afspraak.yaml", "onbekend-bestand", "; bedoel je afspraken.yaml?"),
    ("melding.yaml~", "onbekend-bestand", "; bedoel je melding.yaml?"),
    ("netwerk.json", "onbekend-bestand", "; bedoel je netwerk.yaml?"),
    ("evaluatie/", "onbekend-bestand", "; bedoel je evaluaties?"),
    ("evaluaties/2026-07-01.txt", "onbekend-bestand", " (de bestanden in evaluaties/ eindigen op .md)"),
    ("identiteit.yml", "identiteit-onversleuteld", "; versleuteld heet het identiteit.yaml.age"),
    ("Identiteit.yaml", "identiteit-onversleuteld", "; versleuteld heet het identiteit.yaml.age"),
])
def test_an_unknown_file_gets_a_near_miss_hint(cli, dossier, name, code, hint):
    path = dossier / C / name
    if name.endswith("/"):
        path.mkdir()
        (path / "2026-07-01.md").write_text("tekst\n")
    else:
        path.write_text("tekst\n")
    r = cli("-C", str(dossier), "validate")
    shown = name.rstrip("/")
    line = next(x for x in r.out.splitlines() if x.startswith(f"{C}/{shown}: "))
    assert line.startswith(f"{C}/{shown}: [{code}] ") and hint in line, line


V = "bsn 111 222 333"
REFUSED = [
    (["afspraak", "drop", "2026-001", "A2", "--reden", V], "--reden: de reden bevat mogelijk een BSN"),
    (["afspraak", "move", "2026-001", "A2", "--deadline", "2026-12-20", "--reden", "bel 06.12.34.56.78"],
     "--reden: de reden bevat mogelijk een telefoonnummer"),
    (["afspraak", "add", "2026-001", "--wat", "post naar Dorpsstraat 12, 1234ab", "--wie", "pro", "--deadline", "2026-12-30"],
     "--wat: de omschrijving van de afspraak bevat mogelijk een postcode"),
    (["note", "2026-001", "--soort", "overleg", "--tekst", "geb.datum 13-04-1961 bevestigd"],
     "--tekst: de tekst bevat mogelijk een geboortedatum"),
    (["share", "2026-001", "--aan", "org", "--wat", "de huurachterstand", "--ontvanger", "j.jansen (at) woon.nl",
      "--grondslag", "publieke-taak"], "--ontvanger: de ontvanger bevat mogelijk een e-mailadres"),
    (["betrokkene", "add", "2026-001", "--rol", "buur", "--organisatie", "org", "--id", "buur-111222333"],
     "--id: de id bevat mogelijk een BSN"),
    (["new-case", "--melder-rol", "buur", "--aard", "overlast", "--urgentie", "hoog", "--regisseur", "reg",
      "--pseudoniem", "X", "--huishouden", "HH-0612345678"], "--huishouden: het huishouden-id bevat mogelijk een telefoonnummer"),
    (["regisseur", "add", "r-111222333", "--naam", "Regisseur Drie"], "de regisseur-id bevat mogelijk een BSN"),
    (["escalate", "2026-001", "--over", "org", *MEMO, "--reden", "rekening NL91ABNA0417164300 geblokkeerd", "--verzoek", "x"],
     "--reden: de reden bevat mogelijk een IBAN (rekeningnummer)"),
]


@pytest.mark.parametrize("args, message", REFUSED)
def test_a_value_holding_personal_data_is_refused_and_nothing_is_committed(cli, git_dossier, args, message):
    head = git(git_dossier, "rev-parse", "HEAD")
    r = cli("-C", str(git_dossier), *args)
    assert r.code == 2 and r.err.startswith(f"fout: {message}; "), r.err
    assert git(git_dossier, "rev-parse", "HEAD") == head
    assert git(git_dossier, "status", "--porcelain", "--untracked-files=all") == ""
    for value in ("111 222 333", "111222333", "06.12.34.56.78", "0612345678", "1234ab", "13-04-1961", "j.jansen",
                  "NL91ABNA0417164300"):
        assert value not in r.err


def test_an_error_that_names_a_typed_value_masks_what_it_holds(cli, git_dossier):
    r = cli("-C", str(git_dossier), "evaluate", "2026-001", "--soort", "bsn 111222333", "--no-edit")
    assert r.code == 2 and r.err == "fout: ongeldige soort 'bsn ***'; kies uit: tussentijds, eind, nazorg\n"
