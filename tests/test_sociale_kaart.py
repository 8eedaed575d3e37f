"""The sociale kaart (issue 11, item 5): sociale-kaart.yaml, `regie sociale-kaart`, and what validate,
betrokkene add and escalate do with it."""

from __future__ import annotations

import json

import pytest
from conftest import MEMO, assert_golden, edit, git, write_tree

MAP = "sociale-kaart.yaml"


def test_the_map_renders_per_leefgebied_in_md_html_and_json(cli, examples_repo):
    root = ("-C", str(examples_repo))
    r = cli(*root, "sociale-kaart")
    assert r.code == 0, r
    assert_golden("sociale-kaart.md", r.out)
    r = cli(*root, "sociale-kaart", "--leefgebied", "justitie")
    assert r.out.splitlines()[4:] == [
        "## Justitie", "",
        "| Organisatie | Aanbod | Contact | Verwijzen | Wachttijd | Escalatie |",
        "|---|---|---|---|---|---|",
        "| Politie basisteam Zuiderhaven | wijkagent, huisverbod, zorgmeldingen | wijkagent van het basisteam | "
        "via de wijkagent; bij acuut gevaar 112 | - | teamchef basisteam |",
    ], r.out
    data = json.loads(cli(*root, "sociale-kaart", "--format", "json").out)
    assert data["bijgewerkt"] == "2026-10-01"
    assert [g["leefgebied"] for g in data["leefgebieden"]][:3] == ["financien", "dagbesteding", "huisvesting"]
    assert [o["organisatie"] for o in data["leefgebieden"][0]["organisaties"]] == ["wijkteam", "schuldhulp", "maatschappelijk-werk"]
    assert data["leefgebieden"][0]["organisaties"][1]["wachttijd_weken"] == 4
    assert data["zonder_organisatie"] == []
    assert data["niet_op_de_kaart"] == ["ggd", "veilig-thuis", "jeugdbescherming"]
    html = cli(*root, "sociale-kaart", "--format", "html").out
    assert html.startswith("<!DOCTYPE html>") and '<th scope="col">Wachttijd</th>' in html and "<td>6 weken</td>" in html
    out = examples_repo.parent / "kaart.html"
    assert cli(*root, "sociale-kaart", "--format", "html", "-o", str(out)).code == 0
    assert out.read_text() == html


def test_a_leefgebied_without_organisation_is_shown_and_warned_for_open_cases_only(cli, examples_repo):
    root = ("-C", str(examples_repo))
    edit(examples_repo / MAP, "    leefgebieden: [justitie, huiselijke-relaties]", "    leefgebieden: [huiselijke-relaties]")
    edit(examples_repo / MAP, "[lichamelijke-gezondheid, geestelijke-gezondheid, basale-adl]", "[geestelijke-gezondheid, basale-adl]")
    r = cli(*root, "sociale-kaart", "--leefgebied", "justitie")
    assert r.out.splitlines()[4:] == ["## Justitie", "", "Geen organisatie op de kaart voor dit leefgebied."]
    assert json.loads(cli(*root, "sociale-kaart", "--format", "json").out)["zonder_organisatie"] == [
        "lichamelijke-gezondheid", "justitie"]
    out = cli(*root, "validate").out.splitlines()
    # 2026-003 and 2026-007 are open; 2026-005 (justitie) was handed over and is not warned for
    assert [line for line in out if "sociale-kaart" in line] == [
        "casussen/2026-003/casus.yaml:12: [sociale-kaart-leefgebied] waarschuwing: geen organisatie op de sociale kaart "
        "werkt op leefgebied 'lichamelijke-gezondheid' (sociale-kaart.yaml)",
        "casussen/2026-007/casus.yaml:14: [sociale-kaart-leefgebied] waarschuwing: geen organisatie op de sociale kaart "
        "werkt op leefgebied 'lichamelijke-gezondheid' (sociale-kaart.yaml)",
    ], out


def test_the_cache_sees_a_change_of_the_map(cli, examples_repo):
    root = ("-C", str(examples_repo))
    assert cli(*root, "validate").out.count("sociale-kaart-leefgebied") == 0
    edit(examples_repo / MAP, "[lichamelijke-gezondheid, geestelijke-gezondheid, basale-adl]", "[geestelijke-gezondheid, basale-adl]")
    assert cli(*root, "validate").out.count("sociale-kaart-leefgebied") == 2
    (examples_repo / MAP).unlink()
    assert cli(*root, "validate").out.count("sociale-kaart-leefgebied") == 0


def test_the_map_is_checked_against_regie_yaml(cli, examples_repo):
    write_tree(examples_repo, {MAP: "organisaties:\n  - organisatie: bakkerij\n    leefgebieden: [financien, geluk]\n"
                                    "  - organisatie: ggz-delta\n    leefgebieden: [geestelijke-gezondheid]\n"
                                    "  - organisatie: ggz-delta\n    leefgebieden: [middelengebruik]\n    contact: Jan Jansen 0612345678\n"})
    out = [line for line in cli("-C", str(examples_repo), "validate").out.splitlines() if line.startswith(MAP)]
    assert out == [
        "sociale-kaart.yaml:2: [organisatie-onbekend] organisatie 'bakkerij' staat niet in regie.yaml",
        "sociale-kaart.yaml:3: [leefgebied-onbekend] onbekend leefgebied 'geluk' (bekend: financien, dagbesteding, huisvesting, "
        "huiselijke-relaties, geestelijke-gezondheid, lichamelijke-gezondheid, middelengebruik, basale-adl, instrumentele-adl, "
        "sociaal-netwerk, maatschappelijke-participatie, justitie)",
        "sociale-kaart.yaml:6: [dubbele-id] organisatie 'ggz-delta' staat er twee keer (ook bij nummer 2)",
        "sociale-kaart.yaml:8: [privacy] waarschuwing: mogelijk een telefoonnummer in de tekst; zet direct identificerende "
        "gegevens niet in het dossier (een bewuste uitzondering markeer je met '# privacy: ok')",
    ], out


@pytest.mark.parametrize("text, code, err", [
    ("organisaties:\n  - organisatie: ggd\n    wachttijd_weken: -1\n", 1, "fout: sociale-kaart.yaml:2: "),
    ("organisaties: [\n", 1, "fout: sociale-kaart.yaml:"),
    (b"organisaties:\n  - organisatie: ggd\n    contact: caf\xe9\n", 1, "fout: sociale-kaart.yaml"),
])
def test_a_broken_map_is_named_with_file_and_line(cli, examples_repo, text, code, err):
    write_tree(examples_repo, {MAP: text})
    r = cli("-C", str(examples_repo), "sociale-kaart")
    assert (r.code, r.out, r.err[: len(err)]) == (code, "", err), r
    assert "Traceback" not in r.err
    v = cli("-C", str(examples_repo), "validate")
    assert v.code == 1 and any(line.startswith(MAP) for line in v.out.splitlines()), v
    # the rest of the network still works: a broken map is not a broken regie.yaml
    assert cli("-C", str(examples_repo), "list").code == 0


def test_without_a_map(cli, examples_repo):
    (examples_repo / MAP).unlink()
    r = cli("-C", str(examples_repo), "sociale-kaart")
    assert (r.code, r.err) == (1, "fout: dit netwerk heeft nog geen sociale kaart: maak sociale-kaart.yaml in de hoofdmap "
                                   "(zie de README)\n")
    r = cli("-C", str(examples_repo), "sociale-kaart", "--leefgebied", "geluk")
    assert r.code == 1
    write_tree(examples_repo, {MAP: "organisaties: []\n"})
    r = cli("-C", str(examples_repo), "sociale-kaart", "--leefgebied", "geluk")
    assert (r.code, r.err[:38]) == (2, "fout: onbekend leefgebied 'geluk' (bek")


def test_betrokkene_add_tells_what_the_map_says(cli, examples_repo):
    root = ("-C", str(examples_repo))
    r = cli(*root, "betrokkene", "add", "2026-001", "--organisatie", "woonstad", "--rol", "woonconsulent")
    assert r.code == 0, r
    assert r.err.splitlines()[-4:] == [
        "sociale kaart, woonstad: contact: woonconsulent van de wijk",
        "sociale kaart, woonstad: verwijzen: rechtstreeks via de wijkbeheerder",
        "sociale kaart, woonstad: wachttijd: 0 weken",
        "betrokkene woonconsulent-2 toegevoegd aan casus 2026-001",
    ], r.err
    r = cli(*root, "betrokkene", "add", "2026-001", "--organisatie", "ggd", "--rol", "jeugdarts")
    assert r.code == 0 and "waarschuwing: organisatie 'ggd' staat niet op de sociale kaart (sociale-kaart.yaml)\n" in r.err, r
    r = cli(*root, "betrokkene", "add", "2026-001", "--organisatie", "politie", "--rol", "wijkagent")
    assert ("waarschuwing: organisatie 'politie' werkt volgens de sociale kaart niet op de leefgebieden van deze casus "
            "(huisvesting, geestelijke-gezondheid, financien, sociaal-netwerk), maar op justitie, huiselijke-relaties\n") in r.err, r
    # the network file is written all the same: the map advises, regie.yaml decides who may take part
    assert git(examples_repo, "status", "--porcelain") == ""
    assert "organisatie: politie" in (examples_repo / "casussen/2026-001/netwerk.yaml").read_text()


def test_escalate_names_the_escalation_contact_from_the_map(cli, examples_repo):
    root = ("-C", str(examples_repo))
    r = cli(*root, "escalate", "2026-001", "--over", "woonstad", *MEMO, "--reden", "Geen reactie op het verzoek.")
    assert r.code == 0, r
    assert "| Escalatiecontact | manager wonen (volgens de sociale kaart) |\n" in r.out
    memo = (examples_repo / "casussen/2026-001/escalaties/E1.md").read_text()
    assert "| Escalatiecontact | manager wonen (volgens de sociale kaart) |\n" in memo
    r = cli(*root, "escalate", "2026-001", "--over", "maatschappelijk-werk", *MEMO, "--reden", "Geen reactie.")
    assert r.code == 0 and "Escalatiecontact" not in r.out
    assert ("sociale-kaart.yaml: [sociale-kaart-escalatie] waarschuwing: organisatie 'maatschappelijk-werk' heeft op de "
            "sociale kaart geen escalatiecontact; vul 'escalatie' aan zodat het memo weet bij wie\n") in r.err, r
    r = cli(*root, "escalate", "2026-001", "--over", "ggd", *MEMO, "--reden", "Geen reactie.")
    assert "organisatie 'ggd' staat niet op de sociale kaart" in r.err
    r = cli(*root, "escalate", "2026-001", "--over", "client", *MEMO, "--reden", "Impasse.")
    assert r.code == 0 and "sociale-kaart" not in r.err and "Escalatiecontact" not in r.out
