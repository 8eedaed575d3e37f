"""Bad input: a clear Dutch message naming file and line, a non-zero exit, no traceback, nothing written."""

from __future__ import annotations

import pytest
from conftest import edit, make_dossier, write_tree

C = "casussen/2026-001"


def _no_traceback(result) -> None:
    assert "Traceback" not in result.err and "Traceback" not in result.out


@pytest.mark.parametrize(
    "rel, content, expected",
    [
        ("casus.yaml", 'id: "2026-001"\nstatus: [uitvoering\n',
         f"{C}/casus.yaml:2: [yaml] ongeldige YAML: lijst tussen [ ] niet goed afgesloten (mist ',' of ']')"),
        ("casus.yaml", "id: x\n  status: open\n",
         f"{C}/casus.yaml:2: [yaml] ongeldige YAML: hier mag geen 'sleutel: waarde' staan (inspringing, of een ':' in tekst zonder aanhalingstekens?)"),
        ("melding.yaml", "datum: 2026-02-01\nmelder:\n\trol: x\n",
         f"{C}/melding.yaml:3: [yaml] ongeldige YAML: tab gevonden; gebruik spaties om in te springen"),
        ("plan.md", "---\nversie: 1\n# no closing line\n",
         f"{C}/plan.md:1: [front-matter] front matter is niet afgesloten met een regel '---'"),
        ("plan.md", "# Plan zonder front matter\n",
         f"{C}/plan.md:1: [front-matter] front matter ontbreekt: het bestand moet beginnen met een regel '---'"),
        ("melding.yaml", "datum: 2026-02-30\nmelder:\n  rol: x\naard: y\nurgentie: hoog\n",
         f"{C}/melding.yaml:1: [schema] datum: ongeldige datum '2026-02-30'; verwacht een bestaande datum als JJJJ-MM-DD, van 1900-01-01 tot en met 2199-12-31"),
        ("melding.yaml", "datum: 2026-02-01\nmelder:\n  rol: x\naard: 12\nurgentie: hoog\n",
         f"{C}/melding.yaml:4: [schema] aard moet een tekst zijn, niet 12"),
        ("melding.yaml", "datum: 2026-02-01\nmelder:\n  rol: x\naard: y\nurgentie: hoog\nkleur: rood\n",
         f"{C}/melding.yaml:6: [schema] onbekend veld 'kleur' (bekende velden: aard, afgeschermd, datum, doelgroep, melder, minderjarig, omschrijving, omvang, soort, urgentie, veiligheid)"),
        ("melding.yaml", "datum: 2026-02-01\nmelder:\n  rol: x\nurgentie: hoog\n",
         f"{C}/melding.yaml:1: [schema] verplicht veld 'aard' ontbreekt"),
        ("afspraken.yaml", "afspraken:\n  - id: A1\n    wat: Huisbezoek\n    wie: pro\n    gemaakt: 2026-03-01\n    deadline: morgen\n    status: open\n",
         f"{C}/afspraken.yaml:6: [schema] afspraken[1].deadline: ongeldige datum 'morgen'; verwacht een bestaande datum als JJJJ-MM-DD, van 1900-01-01 tot en met 2199-12-31"),
        ("netwerk.yaml", "", f"{C}/netwerk.yaml: [leeg] bestand is leeg"),
        ("netwerk.yaml", b"professionals:\n  - id: pro\n    rol: caf\xe9\n",
         f"{C}/netwerk.yaml:3: [codering] bestand is geen geldige UTF-8-tekst; sla het op als UTF-8"),
        ("evaluaties/2026-06-01.md", "---\ndatum: 2026-06-01\nsoort: tussentijds\nscores:\n  huisvesting: 7\n---\n",
         f"{C}/evaluaties/2026-06-01.md:5: [schema] scores.huisvesting moet tussen 1 en 5 liggen, niet 7"),
    ],
)
def test_bad_file_is_one_clear_message(cli, dossier, rel, content, expected):
    write_tree(dossier, {f"{C}/{rel}": content})
    before = {p: p.read_bytes() for p in dossier.rglob("*") if p.is_file()}
    result = cli("-C", str(dossier), "validate")
    assert result.code == 1
    assert result.out.splitlines() == [expected]
    assert result.err == "1 casus gecontroleerd: 1 fout, 0 waarschuwingen\n"
    _no_traceback(result)
    assert {p: p.read_bytes() for p in dossier.rglob("*") if p.is_file()} == before


def test_case_folder_without_casus_yaml(cli, dossier):
    (dossier / C / "casus.yaml").unlink()
    result = cli("-C", str(dossier), "validate")
    assert result.code == 1
    assert result.out == f"{C}/casus.yaml: [ontbreekt] casusmap zonder casus.yaml\n"


def test_missing_regie_yaml(cli, dossier):
    (dossier / "regie.yaml").unlink()
    result = cli("-C", str(dossier), "validate")
    assert result.code == 1
    assert result.err == f"fout: geen dossierrepository: {dossier} bevat geen regie.yaml (maak er een met 'regie init')\n"
    _no_traceback(result)


def test_broken_regie_yaml_reported_with_line(cli, dossier):
    edit(dossier / "regie.yaml", "  - niveau: 2\n", "  - niveau: twee\n")
    result = cli("-C", str(dossier), "validate")
    assert result.code == 1
    assert result.out == "regie.yaml:15: [schema] opschaling[2].niveau moet een geheel getal zijn, niet 'twee'\n"


def test_repo_option_pointing_at_non_repo(cli, tmp_path):
    result = cli("-C", str(tmp_path), "validate")
    assert (result.code, result.out) == (1, "")
    assert result.err == f"fout: geen dossierrepository: {tmp_path} bevat geen regie.yaml (maak er een met 'regie init')\n"
    missing = cli("-C", str(tmp_path / "nope"), "validate")
    assert missing.err == f"fout: map bestaat niet: {tmp_path / 'nope'}\n" and missing.code == 1


def test_no_repo_above_cwd(cli, tmp_path):
    result = cli("validate", cwd=tmp_path)
    assert result.code == 1
    assert result.err.startswith("fout: geen dossierrepository gevonden: geen regie.yaml in ")


@pytest.mark.parametrize("case_id", ["../x", "2026/001", "..", "a b", "x/../../etc"])
def test_hostile_case_ids_refused(cli, dossier, case_id):
    result = cli("-C", str(dossier), "validate", case_id)
    assert result.code == 2
    assert result.err == f"fout: ongeldige casus-id '{case_id}': alleen letters, cijfers, '-' en '_', hoogstens 32 tekens (bijvoorbeeld 2026-014)\n"
    _no_traceback(result)


def test_unknown_case(cli, dossier):
    result = cli("-C", str(dossier), "validate", "2026-404")
    assert (result.code, result.err) == (1, "fout: onbekende casus '2026-404': geen map casussen/2026-404\n")


def test_impossible_today(cli, dossier):
    result = cli("-C", str(dossier), "--today", "2026-02-30", "validate")
    assert (result.code, result.err) == (2, "fout: ongeldige --today '2026-02-30': verwacht een bestaande datum als JJJJ-MM-DD, van 1900-01-01 tot en met 2199-12-31\n")


def test_other_cases_still_checked_when_one_is_broken(cli, tmp_path):
    from conftest import CASE

    other = {**CASE, "casus.yaml": CASE["casus.yaml"].replace('"2026-001"', '"2026-002"')}
    root = make_dossier(tmp_path, {"2026-001": CASE, "2026-002": other})
    write_tree(root, {"casussen/2026-001/casus.yaml": "id: [\n"})
    edit(root / "casussen/2026-002/casus.yaml", "regisseur: reg", "regisseur: niemand")
    result = cli("-C", str(root), "validate")
    assert result.out.splitlines() == [
        "casussen/2026-001/casus.yaml:1: [yaml] ongeldige YAML: waarde ontbreekt of is onvolledig (lijst of haakje niet afgesloten?)",
        "casussen/2026-002/casus.yaml:4: [regisseur-onbekend] regisseur 'niemand' staat niet in regie.yaml",
    ]
