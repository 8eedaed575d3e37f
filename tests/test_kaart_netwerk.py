"""A sociale kaart for the whole neighbourhood, the network register and signals that become beleidsadvies
(issue 30, items 3, 4 and 5): aanmeldpunten the privacy check leaves alone (and personal ones it still flags),
gecontroleerd and its term, informal resources and betrokkene add --voorziening, regie organisatie list, signals
that name consultations, and regie signal advies as Markdown, HTML and PDF."""

from __future__ import annotations

import json

import pytest
from conftest import edit, git, write_tree

MAP = "sociale-kaart.yaml"
PRIVACY_PHONE = ("[privacy] waarschuwing: mogelijk een telefoonnummer in de tekst; zet direct identificerende gegevens "
                 "niet in het dossier (een bewuste uitzondering markeer je met '# privacy: ok')")
PRIVACY_EMAIL = PRIVACY_PHONE.replace("een telefoonnummer", "een e-mailadres")


def _map_lines(cli, repo) -> list[str]:
    return [line for line in cli("-C", str(repo), "validate").out.splitlines() if line.startswith(MAP)]


# ------------------------------------------------------------------ item 3: aanmeldpunt and the privacy check


def test_an_organisations_own_number_and_function_address_are_not_flagged(cli, examples_repo):
    # the examples hold a fixed number and a function address in the aanmeldpunt of the wijkteam and of ggz-delta
    assert "telefoon: 010 765 4321" in (examples_repo / MAP).read_text()
    assert _map_lines(cli, examples_repo) == []


def test_a_personal_address_in_the_aanmeldpunt_and_any_number_elsewhere_are_still_flagged(cli, examples_repo):
    write_tree(examples_repo, {MAP: (
        "organisaties:\n"
        "  - organisatie: wijkteam\n"                       # 2
        "    leefgebieden: [financien]\n"                   # 3
        "    aanmeldpunt:\n"                                # 4
        "      telefoon: 06 12 34 56 78\n"                  # 5: a mobile number is a person's
        "      email: j.devries@wijkteam.example\n"         # 6: so is an address with a dot before the @
        "  - organisatie: ggz-delta\n"                      # 7
        "    leefgebieden: [geestelijke-gezondheid]\n"      # 8
        "    contact: bel 010 765 4321 of aanmelden@ggzdelta.example\n"  # 9: outside the aanmeldpunt
        "    aanmeldpunt:\n"                                # 10
        "      telefoon: 010 765 4321\n"                    # 11: allowed
        "      email: aanmelden@ggzdelta.example\n"         # 12: allowed
    )})
    assert _map_lines(cli, examples_repo) == [
        f"{MAP}:5: {PRIVACY_PHONE}",
        f"{MAP}:6: {PRIVACY_EMAIL}",
        f"{MAP}:9: {PRIVACY_EMAIL}",
        f"{MAP}:9: {PRIVACY_PHONE}",
    ]


def test_the_aanmeldpunt_is_allowed_only_in_the_sociale_kaart(cli, examples_repo):
    edit(examples_repo / "regie.yaml", "    soort: ggz\n", "    soort: ggz   # aanmelden@ggzdelta.example\n")
    out = cli("-C", str(examples_repo), "validate").out
    assert f"regie.yaml:28: {PRIVACY_EMAIL}" in out, out


def test_the_map_shows_aanmeldpunten_and_informal_resources(cli, examples_repo):
    root = ("-C", str(examples_repo))
    r = cli(*root, "sociale-kaart", "--leefgebied", "sociaal-netwerk")
    assert r.code == 0 and r.err == "", r
    lines = r.out.splitlines()
    assert "| Sociaal Wijkteam Zuiderhaven | generalistische ondersteuning thuis, Wmo-toegang | teamcoördinator van het " \
           "wijkteam; tel. 010 765 4321; e-mail aanmelden@wijkteam-zuiderhaven.example | aanmelden via het Zorgloket; " \
           "met toestemming van de cliënt | 1 week | teamleider sociaal domein |" in lines
    assert lines[-6:] == [
        "Informele en buurtvoorzieningen:", "",
        "| Voorziening | Soort | Aanbod | Bereikbaar |",
        "|---|---|---|---|",
        "| Maatjesproject Zuiderhaven | maatjesproject | een vrijwilliger als maatje, een jaar lang, wekelijks een uur "
        "samen op pad | via de coördinator vrijwilligerswerk van het wijkteam |",
        "| Buurthuis De Schakel | buurthuis | inloop met koffie, samen eten op donderdag, taalcafé | inloop op werkdagen "
        "van 10 tot 16 uur |",
    ]
    data = json.loads(cli(*root, "sociale-kaart", "--format", "json").out)
    financien = data["leefgebieden"][0]
    assert financien["voorzieningen"] == [{
        "id": "clientenpunt", "naam": "Cliëntenpunt Zuiderhaven", "soort": "clientenpunt",
        "aanbod": "onafhankelijke cliëntondersteuning, hulp bij formulieren en bezwaar",
        "bereikbaar": "spreekuur in de bibliotheek, dinsdag- en vrijdagochtend",
        "aanmeldpunt": {"telefoon": "010 765 4400"}, "gecontroleerd": None}]
    assert financien["organisaties"][0]["aanmeldpunt"] == {
        "telefoon": "010 765 4321", "email": "aanmelden@wijkteam-zuiderhaven.example"}
    assert financien["organisaties"][0]["gecontroleerd"] == "2026-11-16"
    assert data["verouderd"] == []
    html = cli(*root, "sociale-kaart", "--format", "html").out
    assert "<caption>Informele en buurtvoorzieningen</caption>" in html
    assert "<td>Maatjesproject Zuiderhaven</td><td>maatjesproject</td>" in html


# ------------------------------------------------------------------ item 3: gecontroleerd and its term


def test_an_entry_not_checked_within_the_term_is_warned_for(cli, examples_repo):
    root = ("-C", str(examples_repo))
    edit(examples_repo / MAP, "    gecontroleerd: 2026-11-16\n\n  - organisatie: ggz-delta",
         "    gecontroleerd: 2025-06-30\n\n  - organisatie: ggz-delta")
    # the others fall back on bijgewerkt (2026-10-01): within the default 365 days
    assert _map_lines(cli, examples_repo) == [
        f"{MAP}:17: [sociale-kaart-verouderd] waarschuwing: organisatie 'wijkteam' is het laatst gecontroleerd op "
        "2025-06-30, langer dan 365 dagen geleden (termijnen.sociale_kaart); loop haar na en zet de nieuwe datum bij "
        "'gecontroleerd'"]
    r = cli(*root, "sociale-kaart", "--format", "json")
    assert r.err == ("waarschuwing: organisatie 'wijkteam' is het laatst gecontroleerd op 2025-06-30, langer dan 365 "
                     "dagen geleden (termijnen.sociale_kaart); loop haar na en zet de nieuwe datum bij 'gecontroleerd'\n")
    assert json.loads(r.out)["verouderd"] == [
        {"soort": "organisatie", "naam": "Sociaal Wijkteam Zuiderhaven", "gecontroleerd": "2025-06-30"}]
    # a shorter term in regie.yaml: every entry dated by bijgewerkt (2026-10-01) is now too old, the two checked
    # on 2026-11-16 are not
    edit(examples_repo / "regie.yaml", "  escalatie_open: 30\n", "  escalatie_open: 30\n  sociale_kaart: 30\n")
    stale = [line for line in _map_lines(cli, examples_repo) if "sociale-kaart-verouderd" in line]
    assert len(stale) == 8 + 2, stale  # 8 organisations (the wijkteam too) and 2 voorzieningen
    assert not any("Maatjesproject" in line or "maatjes-zuiderhaven" in line for line in stale)
    md = cli(*root, "sociale-kaart").out
    assert md.rstrip().splitlines()[-1].startswith(
        "Niet gecontroleerd binnen de termijn: Sociaal Wijkteam Zuiderhaven (laatst 2025-06-30), GGZ Delta (laatst "
        "2026-10-01)")


def test_a_map_without_any_date_is_not_judged(cli, examples_repo):
    write_tree(examples_repo, {MAP: "organisaties:\n  - organisatie: wijkteam\n    leefgebieden: [financien]\n"})
    assert _map_lines(cli, examples_repo) == []


# ------------------------------------------------------------------ item 3: informal resources


def test_informal_resources_are_checked(cli, examples_repo):
    write_tree(examples_repo, {MAP: (
        "organisaties: []\n"
        "voorzieningen:\n"
        "  - id: buurthuis\n"
        "    naam: Buurthuis De Schakel\n"
        "    soort: buurthuis\n"
        "    leefgebieden: [sociaal-netwerk, gezelligheid]\n"
        "  - id: buurthuis\n"
        "    naam: Buurthuis Noord\n"
        "    soort: anders\n"
        "    leefgebieden: [dagbesteding]\n"
    )})
    lines = _map_lines(cli, examples_repo)
    assert lines[0].startswith(f"{MAP}:6: [leefgebied-onbekend] onbekend leefgebied 'gezelligheid'"), lines
    assert lines[1] == f"{MAP}:7: [dubbele-id] voorziening 'buurthuis' staat er twee keer (ook bij nummer 1)"
    assert len(lines) == 2, lines
    edit(examples_repo / MAP, "soort: anders", "soort: speeltuin")
    assert _map_lines(cli, examples_repo) == [
        f"{MAP}:9: [schema] voorzieningen[2].soort: ongeldige waarde 'speeltuin'; kies uit: maatjesproject, buurthuis, "
        "clientenpunt, vrijwilligers, zelfhulpgroep, voedselbank, inloop, anders"]


def test_a_naaste_can_come_through_an_informal_resource(cli, examples_repo):
    root = ("-C", str(examples_repo))
    head = git(examples_repo, "rev-parse", "HEAD").strip()
    r = cli(*root, "betrokkene", "add", "2026-007", "--naaste", "--relatie", "maatje", "--voorziening", "maatjes-zuiderhaven")
    assert (r.code, r.out) == (0, "maatje\n"), r
    assert "sociale kaart, maatjes-zuiderhaven: bereikbaar: via de coördinator vrijwilligerswerk van het wijkteam" in r.err
    text = (examples_repo / "casussen/2026-007/netwerk.yaml").read_text()
    assert "  - id: maatje\n    relatie: maatje\n    voorziening: maatjes-zuiderhaven\n" in text, text
    assert git(examples_repo, "diff", "--name-only", head, "HEAD").split() == ["casussen/2026-007/netwerk.yaml"]
    assert "naam" not in git(examples_repo, "log", "-1", "--format=%s")

    r = cli(*root, "betrokkene", "add", "2026-007", "--naaste", "--relatie", "buurvrouw", "--voorziening", "kaartclub")
    assert r.code == 1 and "voorziening 'kaartclub' staat niet op de sociale kaart (bekend: maatjes-zuiderhaven, " \
                           "buurthuis-de-schakel, clientenpunt)" in r.err, r
    r = cli(*root, "betrokkene", "add", "2026-007", "--organisatie", "wijkteam", "--rol", "coach",
            "--voorziening", "maatjes-zuiderhaven")
    assert r.code == 2 and "--voorziening, --naaste: een voorziening van de sociale kaart hoort bij een naaste" in r.err, r
    assert git(examples_repo, "status", "--porcelain") == ""

    # a hand-edited voorziening that is not on the map
    edit(examples_repo / "casussen/2026-007/netwerk.yaml", "voorziening: maatjes-zuiderhaven", "voorziening: kaartclub")
    out = cli(*root, "validate", "2026-007").out
    assert "[voorziening-onbekend] voorziening 'kaartclub' staat niet op de sociale kaart" in out, out


# ------------------------------------------------------------------ item 4: the network register


def test_organisatie_list_shows_the_register_and_warns_about_partners_not_met(cli, examples_repo):
    root = ("-C", str(examples_repo))
    r = cli(*root, "organisatie", "list")
    assert r.code == 0, r
    lines = r.out.splitlines()
    assert lines[:4] == [
        "ggd                    GGD Zuiderhaven  !",
        "                       netwerkcontact: -; escalatie: -; laatste overleg: nooit",
        "ggz-delta              GGZ Delta",
        "                       netwerkcontact: zorgcoördinator FACT-team; escalatie: manager behandelzaken; "
        "laatste overleg: 2026-10-20 (overleggen/2026-10-20.md)",
    ]
    assert ("                       netwerkcontact: wijkagent; escalatie: teamchef basisteam; laatste overleg: 2026-09-08 "
            "(regie.yaml)") in lines  # 'Afwezig: Politie' in the minutes does not count
    warned = [w.split("'")[1] for w in r.err.splitlines()]
    assert warned == ["ggd", "schuldhulp", "maatschappelijk-werk", "veilig-thuis", "opvang", "jeugdbescherming", "huisarts"]
    data = json.loads(cli(*root, "organisatie", "list", "--format", "json").out)
    assert data["termijn_dagen"] == 180
    rows = {row["id"]: row for row in data["organisaties"]}
    assert rows["woonstad"] == {"id": "woonstad", "naam": "Woonstad Zuid", "soort": "woningcorporatie",
                                "netwerkcontact": "woonconsulent bijzondere doelgroepen", "escalatie": "manager wonen",
                                "laatste_overleg": "2026-10-20", "bron": "overleggen/2026-10-20.md", "dagen": 37,
                                "binnen_termijn": True}


def test_the_last_meeting_comes_from_the_front_matter_not_from_a_future_meeting(cli, examples_repo):
    root = ("-C", str(examples_repo))
    write_tree(examples_repo, {
        "overleggen/2026-11-10.md": "---\ndatum: 2026-11-10\nsoort: netwerkoverleg\norganisaties: [huisarts, politie]\n---\n# x\n",
        "overleggen/2026-12-08.md": "---\ndatum: 2026-12-08\nsoort: netwerkoverleg\norganisaties: [ggd]\n---\n# x\n",
    })
    edit(examples_repo / "regie.yaml", "  escalatie_open: 30\n", "  escalatie_open: 30\n  netwerkcontact: 40\n")
    r = cli(*root, "organisatie", "list", "--format", "json")
    rows = {row["id"]: row for row in json.loads(r.out)["organisaties"]}
    assert (rows["huisarts"]["laatste_overleg"], rows["huisarts"]["bron"]) == ("2026-11-10", "overleggen/2026-11-10.md")
    assert (rows["politie"]["laatste_overleg"], rows["politie"]["bron"]) == ("2026-11-10", "overleggen/2026-11-10.md")
    assert rows["ggd"]["laatste_overleg"] is None  # the meeting of 8 December has not been held on 26 November
    assert "waarschuwing: organisatie 'ggz-delta': laatste netwerkoverleg 2026-10-20, 37 dagen geleden " \
           "(termijnen.netwerkcontact: 40 dagen)" not in r.err
    edit(examples_repo / "regie.yaml", "  netwerkcontact: 40\n", "  netwerkcontact: 30\n")
    r = cli(*root, "organisatie", "list")
    assert "waarschuwing: organisatie 'ggz-delta': laatste netwerkoverleg 2026-10-20, 37 dagen geleden " \
           "(termijnen.netwerkcontact: 30 dagen)\n" in r.err, r.err
    assert "organisatie 'huisarts'" not in r.err


# ------------------------------------------------------------------ item 5: consultations and the advice


def test_a_signal_names_consultations_that_exist(cli, examples_repo):
    root = ("-C", str(examples_repo))
    r = cli(*root, "signal", "add", "--over", "geen maatje beschikbaar", "--aard", "capaciteit",
            "--consultatie", "2026-06-20-1", "--consultatie", "C4")
    assert (r.code, r.out) == (0, "S3\n"), r
    assert 'consultaties: ["2026-06-20-1", "C4"]\n' in (examples_repo / "signalen/S3.yaml").read_text()
    r = cli(*root, "signal", "add", "--over", "x", "--aard", "toegang", "--consultatie", "2026-06-21-1")
    assert r.code == 2 and "--consultatie: consultatie '2026-06-21-1' bestaat niet" in r.err, r
    edit(examples_repo / "signalen/S3.yaml", '"2026-06-20-1"', '"2026-06-20-2"')
    out = cli(*root, "validate").out
    assert "signalen/S3.yaml:8: [signaal-consultatie] consultatie '2026-06-20-2' bestaat niet" in out, out
    assert "C4" not in out  # a kind of record this regie does not know yet: accepted


def test_the_advice_names_no_case_suppresses_small_counts_and_is_recorded(cli, examples_repo):
    root = ("-C", str(examples_repo))
    head = git(examples_repo, "rev-parse", "HEAD").strip()
    r = cli(*root, "signal", "advies", "S1", "--aan", "stuurgroep", "--vraag", "Zorg voor een spoedplaats.")
    assert r.code == 0, r
    assert "2026-006" not in r.out and "2026-001" not in r.out and "Twee casussen" not in r.out
    lines = r.out.splitlines()
    assert lines[:3] == ["# Beleidsadvies: wachttijd FACT-team bij acute bemoeizorg", "",
                         "Integraal Netwerk Zuiderhaven aan de stuurgroep, 26 november 2026 (signaal S1)."]
    assert "| Casussen waarin het speelt | x |" in lines and "| Verlopen afspraken | x |" in lines
    assert "Gesignaleerd sinds 6 oktober 2026." in lines  # no first melding beside a hidden count of cases
    assert "Een mediaan van de duur sinds de melding staat hier alleen bij ten minste 5 casussen." in lines
    assert lines[-1] == "Aantallen onder de 5 staan er als 'x', zodat niemand herkenbaar is; het advies noemt geen casussen."
    assert r.err == "signaal S1: beleidsadvies aan stuurgroep op 2026-11-26 vastgelegd\n"
    assert git(examples_repo, "diff", "--name-only", head, "HEAD").split() == ["signalen/S1.yaml"]
    assert git(examples_repo, "log", "-1", "--format=%s").strip() == "regie signal: beleidsadvies bij signaal S1"
    assert (examples_repo / "signalen/S1.yaml").read_text().endswith(
        "  - datum: 2026-11-26\n    aan: stuurgroep\n    vraag: Zorg voor een spoedplaats.\n")
    # no ask given: the previous one
    r = cli(*root, "signal", "advies", "S1", "--no-commit")
    assert "## Wat het netwerk vraagt\n\nZorg voor een spoedplaats.\n" in r.out, r.out
    assert git(examples_repo, "diff", "--cached", "--name-only").split() == ["signalen/S1.yaml"]


def test_the_advice_shows_counts_at_or_above_the_threshold(cli, examples_repo):
    root = ("-C", str(examples_repo))
    edit(examples_repo / "regie.yaml", "  min_aantal: 5", "  min_aantal: 2")
    lines = cli(*root, "signal", "advies", "S1", "--no-commit").out.splitlines()
    assert "| Casussen waarin het speelt | 2 |" in lines
    assert "| Consultaties van professionals erover | x |" in lines  # one consultation
    assert "| Casussen met problemen op Huisvesting | 2 |" in lines
    assert "Gesignaleerd sinds 6 oktober 2026; de eerste melding waarin het speelt is van 3 februari 2026." in lines
    assert "Deze cliënten zijn in de mediaan 265 dagen bij het netwerk gemeld." in lines  # 296 and 234 days


def test_an_advice_needs_an_ask(cli, examples_repo):
    r = cli("-C", str(examples_repo), "signal", "advies", "S2")
    assert r.code == 2 and "--vraag: wat vraagt het netwerk?" in r.err, r
    r = cli("-C", str(examples_repo), "signal", "advies", "S9", "--vraag", "x")
    assert r.code == 1 and "signaal S9 bestaat niet" in r.err, r
    assert git(examples_repo, "status", "--porcelain") == ""


# Budget: one page rendered with WeasyPrint; about a second here.
@pytest.mark.slow
def test_the_advice_as_html_and_as_a_pdf_read_back(cli, examples_repo, tmp_path):
    pdfium = pytest.importorskip("pypdfium2")
    pytest.importorskip("weasyprint")
    root = ("-C", str(examples_repo))
    html = tmp_path / "advies.html"
    assert cli(*root, "signal", "advies", "S1", "--format", "html", "-o", str(html)).code == 0
    page = html.read_text()
    assert "<title>Beleidsadvies: wachttijd FACT-team bij acute bemoeizorg</title>" in page
    assert "<tr><td>Casussen waarin het speelt</td><td>x</td></tr>" in page and "2026-006" not in page
    import html5lib

    doc = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)  # raises on any parse error
    assert doc.get("lang") == "nl" and all(th.get("scope") == "col" for th in doc.iter("th"))
    assert [c.text for c in doc.iter("caption")] == ["Hoe vaak het speelt", "Wat het cliënten kost, in aantallen"]
    pdf = tmp_path / "advies.pdf"
    r = cli(*root, "signal", "advies", "S1", "--format", "pdf", "-o", str(pdf))
    assert r.code == 0 and r.out == "", r
    doc = pdfium.PdfDocument(str(pdf))
    text = " ".join("".join(doc[i].get_textpage().get_text_range() for i in range(len(doc))).split())
    assert "Beleidsadvies: wachttijd FACT-team bij acute bemoeizorg" in text
    assert "Wat het netwerk vraagt" in text and "pagina 1 van" in text
    assert "2026-006" not in text and "2026-001" not in text
    assert len(git(examples_repo, "log", "--format=%s").splitlines()) == 3  # each advice recorded once
