"""Issue 4: evaluate, handover, close/retention, log, export (inzage), signals, journal notes."""

from __future__ import annotations

import io
import json
import sys

import pytest
from conftest import CONSENT_GAP, EXAMPLES, assert_golden, edit, git, write_tree

C = "casussen/2026-001"


# ---------------------------------------------------------------- evaluate

def test_evaluate_prefills_from_the_case_and_commits(cli, examples_repo):
    r = cli("-C", str(examples_repo), "evaluate", "2026-001", "--no-edit")
    assert r.code == 0, r
    assert r.out == "casussen/2026-001/evaluaties/2026-11-26.md\n"
    text = (examples_repo / C / "evaluaties/2026-11-26.md").read_text()
    assert_golden("evaluatie-2026-001.md", text)
    assert git(examples_repo, "log", "-1", "--format=%s") == "regie evaluate: tussentijds-evaluatie van casus 2026-001 (2026-11-26)\n"
    assert sorted(git(examples_repo, "show", "--name-only", "--format=", "HEAD").split()) == [
        f"{C}/evaluaties/2026-11-26.md", f"{C}/plan.md"]
    # next evaluation set per the network's term (90 days)
    assert "volgende_evaluatie: 2027-02-24\n" in (examples_repo / C / "plan.md").read_text()
    # the empty scores are a warning, not an error, until filled in
    v = cli("-C", str(examples_repo), "validate", "2026-001")
    assert v.code == 0 and "[evaluatie-onvolledig]" in v.out


def test_evaluate_eind_clears_next_evaluation_and_second_file_same_day(cli, examples_repo):
    assert cli("-C", str(examples_repo), "evaluate", "2026-001", "--no-edit").code == 0
    r = cli("-C", str(examples_repo), "evaluate", "2026-001", "--soort", "eind", "--no-edit")
    assert r.out == "casussen/2026-001/evaluaties/2026-11-26-2.md\n"
    assert "volgende_evaluatie: null\n" in (examples_repo / C / "plan.md").read_text()
    assert "soort: eind\n" in (examples_repo / C / "evaluaties/2026-11-26-2.md").read_text()


def test_evaluate_without_vastgesteld_plan_warns(cli, examples_repo):
    r = cli("-C", str(examples_repo), "evaluate", "2026-007", "--no-edit")
    assert r.code == 0
    assert r.err.startswith("waarschuwing: het plan van aanpak van casus 2026-007 is nog niet vastgesteld\n")


def test_evaluate_opens_the_editor_and_commits_what_was_typed(cli, examples_repo, monkeypatch, tmp_path):
    from regie.cli import console

    script = tmp_path / "fill.py"
    script.write_text(
        "import sys, re\np = sys.argv[1]\nt = open(p).read()\n"
        "t = re.sub(r'(\\w[\\w-]*): null(   # vorige score: \\d)?', lambda m: m.group(1) + (': doorgaan' if m.group(1) == 'besluit' else ': 3'), t)\n"
        "open(p, 'w').write(t + 'Goed overleg.\\n')\n"
    )
    monkeypatch.setattr(console, "interactive", lambda: True)
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n" * 20))  # every ZRM domain asked: left open
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    r = cli("-C", str(examples_repo), "evaluate", "2026-001")
    assert r.code == 0, r
    text = git(examples_repo, "show", f"HEAD:{C}/evaluaties/2026-11-26.md")
    assert "  huisvesting: 3\n" in text and "besluit: doorgaan\n" in text and text.endswith("Goed overleg.\n")
    assert cli("-C", str(examples_repo), "validate", "2026-001").out == ""


def test_failing_editor_leaves_nothing(cli, examples_repo, monkeypatch):
    from regie.cli import console

    monkeypatch.setattr(console, "interactive", lambda: True)
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n" * 20))  # every ZRM domain asked: left open
    monkeypatch.setenv("EDITOR", "false")
    head = git(examples_repo, "rev-parse", "HEAD")
    r = cli("-C", str(examples_repo), "evaluate", "2026-001")
    assert r.code == 1 and r.err.endswith(": fout: editor 'false' stopte met code 1; niets opgeslagen\n"), r  # after the ZRM questions
    assert not (examples_repo / C / "evaluaties/2026-11-26.md").exists()
    assert git(examples_repo, "rev-parse", "HEAD") == head and git(examples_repo, "status", "--porcelain") == ""


def test_invalid_edit_is_kept_uncommitted(cli, examples_repo, monkeypatch, tmp_path):
    from regie.cli import console

    script = tmp_path / "break.py"
    script.write_text("import sys\np = sys.argv[1]\nt = open(p).read()\nopen(p, 'w').write(t.replace('soort: tussentijds', 'soort: halfjaarlijks') + 'Mijn tekst.\\n')\n")
    monkeypatch.setattr(console, "interactive", lambda: True)
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n" * 20))  # every ZRM domain asked: left open
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    r = cli("-C", str(examples_repo), "evaluate", "2026-001")
    assert r.code == 1
    assert "soort: ongeldige waarde 'halfjaarlijks'" in r.err
    assert "je evaluatie staat nog in casussen/2026-001/evaluaties/2026-11-26.md (niet gecommit)" in r.err
    assert (examples_repo / C / "evaluaties/2026-11-26.md").read_text().endswith("Mijn tekst.\n")
    assert git(examples_repo, "log", "-1", "--format=%s") == "voorbeeld\n"


def test_evaluate_closed_case_refused(cli, examples_repo):
    r = cli("-C", str(examples_repo), "evaluate", "2025-014", "--no-edit")
    assert (r.code, r.err) == (1, "fout: casus 2025-014 is gesloten; evalueren kan niet meer\n")


# ---------------------------------------------------------------- handover

def test_handover_between_regisseurs_keeps_history(cli, examples_repo):
    r = cli("-C", str(examples_repo), "handover", "2026-001", "--naar", "m-elhaddad", "--reden", "verlof")
    assert (r.code, r.err) == (0, "regie van casus 2026-001 overgedragen aan Mohamed El Haddad\n")
    text = (examples_repo / C / "casus.yaml").read_text()
    assert "regisseur: m-elhaddad\n" in text
    assert text.endswith(
        "regie_historie:\n"
        "  - datum: 2026-02-04\n    regisseur: a-bakker\n    reden: casus geopend\n"
        "  - datum: 2026-11-26\n    regisseur: m-elhaddad\n    reden: verlof\n"
    )
    assert text.startswith("# yaml-language-server: $schema=../../.regie/schemas/casus.schema.json\n# Vervuiling en overlast, gemeld door de woningcorporatie (OGGZ).\n")
    assert git(examples_repo, "log", "-1", "--format=%s") == "regie handover: casus 2026-001 overgedragen\n"


def test_temporary_transfer_to_veilig_thuis_and_back(cli, examples_repo):
    root = ("-C", str(examples_repo))
    r = cli(*root, "handover", "2026-001", "--naar", "veilig-thuis", "--tijdelijk", "--reden", "zorgen om veiligheid")
    assert r.err == ("casussen/2026-001/casus.yaml:63: [meldcode-overdracht] waarschuwing: de regie is op 2026-11-26 "
                     "overgedragen aan Veilig Thuis (veilig-thuis), maar de meldcode heeft geen melding (stap 5 met besluit "
                     "melden en de datum van de melding): 'regie meldcode 2026-001 --stap 5 --besluit melden --gemeld DATUM'\n"
                     "regie van casus 2026-001 tijdelijk overgedragen aan Veilig Thuis Kustregio\n")
    text = (examples_repo / C / "casus.yaml").read_text()
    assert "status: overgedragen\novergedragen_aan: veilig-thuis\n" in text
    assert "    tijdelijk: true\n    status_voor: uitvoering\n" in text
    r = cli(*root, "handover", "2026-001", "--terug", "--reden", "Veilig Thuis draagt terug")
    assert r.err == "regie van casus 2026-001 terug bij Anouk Bakker (status uitvoering)\n"
    text = (examples_repo / C / "casus.yaml").read_text()
    assert "status: uitvoering\n" in text and "overgedragen_aan" not in text
    assert cli(*root, "validate", "2026-001").code == 0


def test_handover_to_casushouder(cli, examples_repo):
    r = cli("-C", str(examples_repo), "handover", "2026-001", "--casushouder", "woonconsulent", "--reden", "wonen centraal")
    assert r.code == 0
    assert "casemanager: woonconsulent\n" in (examples_repo / C / "casus.yaml").read_text()


@pytest.mark.parametrize("args, code, err", [
    (["--naar", "niemand", "--reden", "x"], 2, "fout: --naar: onbekende regisseur of organisatie 'niemand' (bekend in regie.yaml: "
     "a-bakker, j-devries, m-elhaddad, r-smits, ggd, ggz-delta, huisarts, jeugdbescherming, maatschappelijk-werk, opvang, politie, schuldhulp, "
     "veilig-thuis, wijkteam, woonstad)\n"),
    (["--naar", "a-bakker", "--reden", "x"], 1, "fout: Anouk Bakker voert de regie van casus 2026-001 al\n"),
    (["--terug", "--reden", "x"], 1, "fout: casus 2026-001 is niet overgedragen (status uitvoering); er valt niets terug te nemen\n"),
    (["--casushouder", "broer", "--reden", "x"], 1, "fout: 'broer' is geen professional in netwerk.yaml van casus 2026-001 "
     "(wel: ggz-bemoeizorg, huisarts, schuldhulp, woonconsulent)\n"),
    (["--reden", "x"], 2, "fout: --naar, --casushouder, --terug: geef precies één: naar wie de regie gaat, de casushouder, of terug\n"),
])
def test_handover_refusals(cli, examples_repo, args, code, err):
    r = cli("-C", str(examples_repo), "handover", "2026-001", *args)
    assert (r.code, r.err) == (code, err)
    assert git(examples_repo, "status", "--porcelain") == ""


# ---------------------------------------------------------------- close and retention

def test_close_requires_eind_evaluation_and_refuses_open_agreements(cli, examples_repo):
    root = ("-C", str(examples_repo))
    r = cli(*root, "close", "2026-001", "--reden", "doelen bereikt")
    assert (r.code, r.err) == (2, "fout: --reden: onbekende sluitreden 'doelen bereikt'; kies uit sluitredenen in regie.yaml: "
                                  "doelen-bereikt, stabiel-regulier, overgedragen, verhuisd, geen-medewerking, overleden, niet-geaccepteerd, afgebroken, samengevoegd, anders "
                                  "(een toelichting geef je met 'regie close 2026-001 … --toelichting TEKST')\n")
    r = cli(*root, "close", "2026-001", "--reden", "doelen-bereikt")
    assert (r.code, r.err) == (1, "fout: casus 2026-001 heeft geen eind-evaluatie; maak die met 'regie evaluate 2026-001 --soort eind' "
                                  "of sluit met 'regie close 2026-001 … --zonder-evaluatie' (de reden wordt vastgelegd)\n")
    r = cli(*root, "close", "2026-001", "--reden", "verhuisd", "--toelichting", "cliënt verhuisd", "--zonder-evaluatie")
    assert (r.code, r.err) == (1, "fout: casus 2026-001 heeft nog open afspraken: A3, A4; rond ze af of sluit met 'regie close 2026-001 … --force' "
                                  "(afspraken vervallen dan, escalaties worden afgesloten)\n")
    assert git(examples_repo, "status", "--porcelain") == ""
    r = cli(*root, "close", "2026-001", "--reden", "verhuisd", "--toelichting", "cliënt verhuisd", "--zonder-evaluatie", "--force")
    assert r.code == 0, r
    assert r.err == ("waarschuwing: afspraken vervallen: A3, A4\n"
                     "bewaarcategorie volwassenen (geen minderjarige in de melding of het huishouden): bewaren tot 2041-11-26\n"
                     "casus 2026-001 gesloten\n")
    casus = (examples_repo / C / "casus.yaml").read_text()
    assert ("status: gesloten\n" in casus and "gesloten: 2026-11-26\nsluitreden: verhuisd\nsluittoelichting: cliënt verhuisd\n"
            "bewaren_tot: 2041-11-26\nbewaarcategorie: volwassenen\nzonder_evaluatie: cliënt verhuisd\n" in casus)
    afspraken = (examples_repo / C / "afspraken.yaml").read_text()
    assert afspraken.count("status: vervallen\n    vervallen_op: 2026-11-26\n    reden: 'casus gesloten: verhuisd'\n") == 2
    assert sorted(git(examples_repo, "show", "--name-only", "--format=", "HEAD").split()) == [
        f"{C}/afspraken.yaml", f"{C}/casus.yaml"]
    assert cli(*root, "validate", "2026-001").code == 0


def test_close_with_eind_evaluation_and_retention(cli, examples_repo):
    root = ("-C", str(examples_repo))
    write_tree(examples_repo, {"casussen/2026-004/evaluaties/2026-11-20.md":
                               "---\ndatum: 2026-11-20\nsoort: eind\nbesluit: afsluiten\n---\nKlaar.\n"})
    git(examples_repo, "add", "-A")
    git(examples_repo, "commit", "-qm", "eind")
    r = cli(*root, "close", "2026-004", "--reden", "stabiel-regulier", "--datum", "2026-11-24")
    # the case keeps the example's one deliberate finding (GGZ Delta on middelengebruik, outside the consent)
    assert (r.code, r.err) == (0, f"casussen/2026-004/afspraken.yaml:29: [toestemming-leefgebied] waarschuwing: {CONSENT_GAP}\n"
                                  "bewaarcategorie volwassenen (geen minderjarige in de melding of het huishouden): "
                                  "bewaren tot 2041-11-24\ncasus 2026-004 gesloten\n"), r
    assert "bewaren_tot: 2041-11-24\n" in (examples_repo / "casussen/2026-004/casus.yaml").read_text()
    wmo = ("  [volwassenen, 15 jaar: Selectielijst gemeenten en intergemeentelijke organen 2020: dossiers maatschappelijke "
           "ondersteuning (Wmo), 15 jaar na beëindiging]")
    r = cli(*root, "--today", "2041-12-01", "retention")
    kort = "  [kortdurend, 2 jaar: melding niet in behandeling genomen of afgebroken: termijn vastgesteld door het netwerk]"
    assert r.out == (f"2026-008  bewaren tot 2028-11-12  termijn 4767 dagen voorbij: vernietigen of motiveren{kort}\n"
                     f"2025-014  bewaren tot 2041-05-18  termijn 197 dagen voorbij: vernietigen of motiveren{wmo}\n"
                     f"2026-004  bewaren tot 2041-11-24  termijn 7 dagen voorbij: vernietigen of motiveren{wmo}\n")
    assert cli(*root, "retention").out == ""
    rows = json.loads(cli(*root, "--today", "2041-05-01", "retention", "--within", "30", "--format", "json").out)
    assert rows == [{"casus": "2026-008", "gesloten": "2026-11-12", "bewaren_tot": "2028-11-12", "dagen_over": 4553,
                     "categorie": "kortdurend", "jaren": 2, "bron": kort.split(": ", 1)[1][:-1]},
                    {"casus": "2025-014", "gesloten": "2026-05-18", "bewaren_tot": "2041-05-18", "dagen_over": -17,
                     "categorie": "volwassenen", "jaren": 15, "bron": wmo.split(": ", 1)[1][:-1]}]


@pytest.mark.parametrize("melding_extra, reden, categorie, tot", [
    ("minderjarig: true\n", "doelen-bereikt", "jeugd", "2046-11-26"),
    ("minderjarig: true\n", "niet-geaccepteerd", "kortdurend", "2028-11-26"),
    ("", "afgebroken", "kortdurend", "2028-11-26"),
    ("minderjarig: false\n", "verhuisd", "volwassenen", "2041-11-26"),
])
def test_retention_term_follows_the_category(cli, examples_repo, melding_extra, reden, categorie, tot):
    melding = examples_repo / "casussen/2026-003/melding.yaml"
    melding.write_text(melding.read_text() + melding_extra)
    git(examples_repo, "commit", "-q", "--allow-empty", "-am", "leeftijd")
    r = cli("-C", str(examples_repo), "close", "2026-003", "--reden", reden, "--zonder-evaluatie", "--force",
            "--vraag5-open", "de hulp loopt door bij het wijkteam")
    assert r.code == 0, r
    casus = (examples_repo / "casussen/2026-003/casus.yaml").read_text()
    assert f"bewaren_tot: {tot}\nbewaarcategorie: {categorie}\n" in casus
    row = json.loads(cli("-C", str(examples_repo), "--today", tot, "retention", "--within", "1", "--format", "json").out)
    assert [(x["casus"], x["categorie"]) for x in row if x["casus"] == "2026-003"] == [("2026-003", categorie)]


def test_a_category_without_a_term_is_refused(cli, examples_repo):
    edit(examples_repo / "regie.yaml", "  kortdurend:\n    jaren: 2\n", "  kortdurend:\n")
    r = cli("-C", str(examples_repo), "validate")
    assert r.code == 1
    assert "regie.yaml:" in r.out and "[schema] bewaartermijnen.kortdurend: verplicht veld 'jaren' ontbreekt" in r.out
    r = cli("-C", str(examples_repo), "close", "2026-003", "--reden", "afgebroken", "--zonder-evaluatie", "--force")
    assert r.code == 1 and "bewaartermijnen.kortdurend: verplicht veld 'jaren' ontbreekt" in r.err


def test_close_into_nazorg(cli, examples_repo):
    r = cli("-C", str(examples_repo), "close", "2026-006", "--reden", "stabiel", "--nazorg", "6")
    assert (r.code, r.err) == (0, "waarschuwing: casus 2026-006 blijft in nazorg tot 2027-01-07; sluit daarna met 'regie close'\n"
                                  "casussen/2026-006/escalaties.yaml:14: [escalatie-open] waarschuwing: E2: escalatie staat 51 dagen open "
                                  "(termijn 30 dagen)\n")
    assert "status: nazorg\nnazorg_tot: 2027-01-07\n" in (examples_repo / "casussen/2026-006/casus.yaml").read_text()


# ---------------------------------------------------------------- log and export

def test_log_merges_dossier_dates_and_git(cli, examples_repo):
    assert cli("-C", str(examples_repo), "afspraak", "done", "2026-006", "A1").code == 0
    r = cli("-C", str(examples_repo), "log", "2026-006")
    lines = r.out.splitlines()
    assert lines[0] == "2026-04-06  dossier  melding ontvangen: verward gedrag en dreigende dakloosheid (urgentie hoog; melder: buurtregisseur, Politie basisteam Zuiderhaven)"
    assert "2026-05-14  dossier  afspraak A1 verschoven van 2026-05-15 naar 2026-06-01: capaciteit FACT-team" in lines
    assert lines[-3:] == [
        "2026-11-26  dossier  afspraak A1 gedaan",
        "2026-11-26  git      voorbeeld (afspraken.yaml, casus.yaml, escalaties.yaml, evaluaties/2026-10-27.md, melding.yaml, netwerk.yaml, plan.md, verstrekkingen.yaml)  [Test]",
        "2026-11-26  git      regie afspraak: A1 van casus 2026-006 gedaan (afspraken.yaml)  [Test]",
    ]
    data = json.loads(cli("-C", str(examples_repo), "log", "2026-006", "--format", "json").out)
    assert data[-1] == {"datum": "2026-11-26", "bron": "git", "soort": "wijziging",
                        "tekst": "regie afspraak: A1 van casus 2026-006 gedaan (afspraken.yaml)", "wie": "Test"}
    md = cli("-C", str(examples_repo), "log", "2026-006", "--format", "md").out
    assert md.startswith("# Logboek casus 2026-006\n\n| Datum | Bron | Wat | Wie |\n|---|---|---|---|\n| 2026-04-06 | dossier |")


def test_log_without_git_warns(cli, tmp_path):
    import shutil

    shutil.copytree(EXAMPLES, tmp_path / "los")
    r = cli("-C", str(tmp_path / "los"), "log", "2026-004")
    assert r.code == 0
    assert r.err == "waarschuwing: geen git-repository: alleen de data uit het dossier zelf\n"
    assert r.out.splitlines()[-4:] == [
        "2026-10-20  dossier  tussentijdse evaluatie, besluit: doorgaan",
        "2026-11-17  dossier  afspraak A5 gemaakt: Samen de inloop van het buurthuis bezoeken (vriendin van vroeger), "
        "deadline 2026-11-30",
        "2026-11-17  dossier  netwerkbijeenkomst B1 gehouden, 4 aanwezigen",
        "2026-11-24  dossier  afspraak A5 gedaan"]


def test_export_markdown_golden_and_html(cli, examples_repo):
    r = cli("-C", str(examples_repo), "export", "2026-006")
    assert r.code == 0, r
    assert_golden("inzage-2026-006.md", r.out)
    h = cli("-C", str(examples_repo), "export", "2026-006", "--html")
    assert h.out.startswith("<!DOCTYPE html>") and "<h1>Uw dossier bij Integraal Netwerk Zuiderhaven — casus 2026-006</h1>" in h.out
    assert "<table>" in h.out


def test_export_leaks_nothing_from_other_cases(cli, examples_repo):
    git(examples_repo, "commit", "-q", "--allow-empty", "-m", "placeholder")
    edit(examples_repo / "casussen/2026-006/casus.yaml", "urgentie: hoog", "urgentie: middel")
    edit(examples_repo / "casussen/2026-001/casus.yaml", "urgentie: hoog", "urgentie: middel")
    git(examples_repo, "commit", "-qam", "urgentie 2026-001 en 2026-006 bijgesteld")
    out = cli("-C", str(examples_repo), "export", "2026-006").out + cli("-C", str(examples_repo), "export", "2026-006", "--html").out
    others = ["2025-014", "2026-001", "2026-002", "2026-003", "2026-004", "2026-005", "2026-007"]
    pseudonyms = ["Meneer H.", "Gezin K.", "Mevrouw T.", "Mevrouw R.", "Gezin M.", "Mevrouw S.", "Meneer A."]
    for needle in others + pseudonyms + ["S1", "wachttijd FACT-team"]:
        assert needle not in out, needle
    assert "urgentie [andere casus] en 2026-006 bijgesteld" in out


def test_export_unknown_case(cli):
    r = cli("-C", str(EXAMPLES), "export", "2026-404")
    assert (r.code, r.err) == (1, "fout: onbekende casus '2026-404': geen map casussen/2026-404\n")


# ---------------------------------------------------------------- signals and notes

def test_signal_add_and_list(cli, examples_repo):
    root = ("-C", str(examples_repo))
    r = cli(*root, "signal", "add", "--over", "geen crisisbed voor ouderen", "--aard", "capaciteit", "--case", "2026-003",
            "--organisatie", "wijkteam")
    assert (r.code, r.out) == (0, "S3\n"), r
    assert (examples_repo / "signalen/S3.yaml").read_text().endswith(
        'id: S3\ndatum: 2026-11-26\nover: "geen crisisbed voor ouderen"\naard: "capaciteit"\norganisatie: wijkteam\n'
        'casussen: ["2026-003"]\nstatus: open\n')
    assert git(examples_repo, "log", "-1", "--format=%s") == "regie signal: beleidssignaal S3 vastgelegd\n"
    assert cli(*root, "signal", "list", "--status", "open").out == (
        "S1  2026-10-06  open        capaciteit: wachttijd FACT-team bij acute bemoeizorg (2 casussen)\n"
        "S3  2026-11-26  open        capaciteit: geen crisisbed voor ouderen (1 casus)\n")
    r = cli(*root, "signal", "add", "--over", "x", "--aard", "y", "--case", "2030-001")
    assert (r.code, r.err) == (1, "fout: onbekende casus '2030-001': geen map casussen/2030-001\n")


def test_note_adds_a_journal_entry_that_counts_for_cti(cli, examples_repo):
    root = ("-C", str(examples_repo))
    r = cli(*root, "note", "2026-004", "--soort", "netwerkbijeenkomst", "--datum", "2026-11-20",
            "--tekst", "Vierde bijeenkomst.", "--aanwezig", "dochter")
    assert (r.code, r.out) == (0, "casussen/2026-004/journaal/2026-11-20-1.md\n"), r
    assert (examples_repo / "casussen/2026-004/journaal/2026-11-20-1.md").read_text() == (
        "---\ndatum: 2026-11-20\nsoort: netwerkbijeenkomst\naanwezig:\n  - dochter\n---\nVierde bijeenkomst.\n")
    assert git(examples_repo, "log", "-1", "--format=%s") == "regie note: netwerkbijeenkomst in casus 2026-004 (2026-11-20)\n"
    r = cli(*root, "note", "2026-004", "--soort", "feest")
    assert (r.code, r.err) == (2, "fout: ongeldige soort 'feest'; kies uit: netwerkbijeenkomst, huisbezoek, overleg\n")


def test_a_regisseur_who_left_hands_over_all_open_cases_in_one_commit(cli, examples_repo):
    root = ("-C", str(examples_repo))
    edit(examples_repo / "regie.yaml", "    naam: Joke de Vries\n", "    naam: Joke de Vries\n    actief_tot: 2026-11-20\n")
    git(examples_repo, "commit", "-qam", "vertrek")
    out = cli(*root, "validate").out.splitlines()
    assert [line for line in out if "vertrokken" in line] == [
        f"casussen/{cid}/casus.yaml:5: [regisseur-vertrokken] regisseur j-devries is niet meer actief (tot 2026-11-20); "
        "draag de casussen over met 'regie handover --van j-devries --naar …'" for cid in ("2026-004", "2026-006")]
    head = git(examples_repo, "rev-parse", "HEAD").strip()
    r = cli(*root, "handover", "--van", "j-devries", "--naar", "a-bakker", "--reden", "vertrokken")
    assert (r.code, r.out) == (0, "2026-004\n2026-006\n"), r
    assert r.err.endswith("2 casussen van j-devries overgedragen aan a-bakker\n")
    assert git(examples_repo, "rev-list", "--count", f"{head}..HEAD") == "1\n"
    assert git(examples_repo, "log", "-1", "--format=%s") == "regie handover: 2 casussen overgedragen aan een andere regisseur\n"
    for cid in ("2026-004", "2026-006"):
        text = (examples_repo / f"casussen/{cid}/casus.yaml").read_text()
        assert "\nregisseur: a-bakker\n" in text
        assert text.endswith("  - datum: 2026-11-26\n    regisseur: a-bakker\n    reden: vertrokken\n")
    assert "regisseur-vertrokken" not in cli(*root, "validate").out
    for args, code, err in (
        (["--van", "j-devries", "--naar", "a-bakker", "--reden", "x"], 1, "fout: regisseur j-devries heeft geen open casussen\n"),
        (["--van", "m-elhaddad", "--naar", "j-devries", "--reden", "x"], 1,
         "fout: j-devries is niet meer actief (tot 2026-11-20); kies een andere regisseur\n"),
        (["--van", "nobody", "--naar", "a-bakker", "--reden", "x"], 2,
         "fout: --van: onbekende regisseur 'nobody' (bekend in regie.yaml: a-bakker, j-devries, m-elhaddad, r-smits)\n"),
        (["--van", "a-bakker", "--naar", "m-elhaddad", "--reden", "x", "--status", "gesloten"], 2,
         "fout: --status: kies een status van open casussen: melding, onderzoek, plan, uitvoering, nazorg\n"),
        (["2026-001", "--van", "a-bakker", "--naar", "m-elhaddad", "--reden", "x"], 2,
         "fout: --van draagt alle open casussen van een regisseur over aan --naar REGISSEUR; geef daarbij geen casus-id, "
         "--casushouder, --terug of --tijdelijk\n"),
    ):
        head = git(examples_repo, "rev-parse", "HEAD")
        r = cli(*root, "handover", *args)
        assert (r.code, r.err) == (code, err), (args, r)
        assert git(examples_repo, "rev-parse", "HEAD") == head and git(examples_repo, "status", "--porcelain") == ""
