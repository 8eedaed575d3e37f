"""regie consult (kerntaak 3, werkprocessen 3a-3d) and regie voorlichting (6a, 6b): recorded, checked, followed up,
counted in the report (issue 30, items 1 and 2)."""

from __future__ import annotations

import json

import pytest
from conftest import edit, git, write_tree
from test_team import _ok, nc, team  # noqa: F401 - team: the fixture of two clones and a remote

NETWORK_CONSULT = (
    "---\ndatum: 2026-11-26\nregisseur: j-devries\naanleiding: ongevraagd\nconsultvrager:\n  rol: \"wijkagent\"\n"
    "  organisatie: politie\nvraag:\n  soort: regels-en-richtlijnen\n  gesteld: \"Mag ik zorgen over een bewoner delen?\"\n"
    "  verhelderd: \"Wat mag de politie met het netwerk delen zonder toestemming?\"\nvisie:\n"
    "  standpunt: \"Delen mag nooit zonder toestemming.\"\n  gerelativeerd: \"Bij een afweging met grondslag kan het wel.\"\n"
    "lacunes: [kennis, houding]\nconsultvraag: \"Welke grondslag past bij zorgen zonder strafbaar feit?\"\n"
    "advies: \"Bespreken in het netwerkoverleg met het convenant erbij.\"\nkaart: [politie, buurthuis-de-kade]\n"
    "vervolg: 2026-12-03\n---\n# Consultatie, 26 november 2026\n\n")

ARGS = ["--rol", "wijkagent", "--organisatie", "politie", "--vraagsoort", "regels-en-richtlijnen",
        "--vraag", "Mag ik zorgen over een bewoner delen?",
        "--verhelderd", "Wat mag de politie met het netwerk delen zonder toestemming?",
        "--aanleiding", "ongevraagd", "--visie", "Delen mag nooit zonder toestemming.",
        "--gerelativeerd", "Bij een afweging met grondslag kan het wel.", "--lacune", "kennis", "--lacune", "houding",
        "--consultvraag", "Welke grondslag past bij zorgen zonder strafbaar feit?",
        "--advies", "Bespreken in het netwerkoverleg met het convenant erbij.",
        "--kaart", "politie", "--kaart", "buurthuis-de-kade", "--vervolg", "2026-12-03", "--regisseur", "j-devries"]

INFORMAL = ("\ninformeel:\n  - id: buurthuis-de-kade\n    soort: buurthuis\n    leefgebieden: [sociaal-netwerk]\n")


def _with_informal_entry(repo) -> None:
    """A sociale kaart entry that is no organisation of regie.yaml, with an id (as the informal resources have)."""
    (repo / "sociale-kaart.yaml").write_text((repo / "sociale-kaart.yaml").read_text() + INFORMAL)
    git(repo, "commit", "-qam", "kaart")


def test_a_network_consultation_is_written_and_committed_alone(cli, examples_repo):
    _with_informal_entry(examples_repo)
    (examples_repo / "notities.txt").write_text("eigen werk, niet gecommit\n")
    r = cli("-C", str(examples_repo), "consult", "add", *ARGS)
    assert (r.code, r.out) == (0, "2026-11-26-1\n"), r
    assert (examples_repo / "consulten/2026-11-26-1.md").read_text() == NETWORK_CONSULT
    assert git(examples_repo, "log", "-1", "--format=%s") == "regie consult: consultatie voor het netwerk (2026-11-26)\n"
    assert git(examples_repo, "show", "--name-only", "--format=", "HEAD").split() == ["consulten/2026-11-26-1.md"]
    assert git(examples_repo, "status", "--porcelain") == "?? notities.txt\n"
    listed = json.loads(cli("-C", str(examples_repo), "consult", "list", "--format", "json").out)
    assert [c["id"] for c in listed] == ["2026-11-10-1", "2026-11-26-1"]
    assert listed[1] == {"id": "2026-11-26-1", "datum": "2026-11-26", "casus": None, "rol": "wijkagent",
                         "organisatie": "politie", "vraagsoort": "regels-en-richtlijnen", "lacunes": ["kennis", "houding"],
                         "kaart": ["politie", "buurthuis-de-kade"], "vervolg": "2026-12-03", "vervolg_gedaan": None}


def test_a_consultation_in_a_case_and_its_follow_up(cli, examples_repo):
    root = ("-C", str(examples_repo))
    r = cli(*root, "consult", "add", "2026-001", "--rol", "schuldhulpverlener", "--organisatie", "schuldhulp",
            "--vraagsoort", "materieel", "--vraag", "Kan de huur worden doorbetaald tijdens het traject?",
            "--vervolg", "2026-11-26", "--datum", "2026-11-20")
    assert (r.code, r.out) == (0, "2026-11-20-1\n"), r
    rel = "casussen/2026-001/consulten/2026-11-20-1.md"
    assert (examples_repo / rel).read_text() == (
        "---\ndatum: 2026-11-20\nconsultvrager:\n  rol: \"schuldhulpverlener\"\n  organisatie: schuldhulp\nvraag:\n"
        "  soort: materieel\n  gesteld: \"Kan de huur worden doorbetaald tijdens het traject?\"\nvervolg: 2026-11-26\n---\n"
        "# Consultatie, 20 november 2026\n\n")
    assert git(examples_repo, "log", "-1", "--format=%s") == "regie consult: consultatie in casus 2026-001 (2026-11-20)\n"
    due = json.loads(cli(*root, "overdue", "--within", "14", "--format", "json").out)["items"]
    follow = [d for d in due if d["soort"] == "consult"]
    assert follow == [
        {"soort": "consult", "casus": "2026-001", "id": "2026-11-20-1", "wat": "vervolg consultatie (schuldhulpverlener, schuldhulp)",
         "wie": "a-bakker", "organisatie": "ggd", "regisseur": "a-bakker", "deadline": "2026-11-26", "dagen": 0},
        {"soort": "consult", "casus": "", "id": "2026-11-10-1", "wat": "vervolg consultatie (woonconsulent, woonstad)",
         "wie": "m-elhaddad", "organisatie": "wijkteam", "regisseur": "m-elhaddad", "deadline": "2026-12-08", "dagen": -12},
    ]
    ics = cli(*root, "calendar").out
    assert "UID:2026-001-2026-11-20-1@" in ics and "UID:netwerk-2026-11-10-1@" in ics

    r = cli(*root, "consult", "vervolg", "2026-11-20-1", "--case", "2026-001")
    assert r.code == 0, r
    assert "vervolg_gedaan: 2026-11-26\n" in (examples_repo / rel).read_text()
    assert git(examples_repo, "log", "-1", "--format=%s") == "regie consult: vervolg van consultatie 2026-11-20-1 gedaan\n"
    due = json.loads(cli(*root, "overdue", "--within", "14", "--format", "json").out)["items"]
    assert [d["id"] for d in due if d["soort"] == "consult"] == ["2026-11-10-1"]
    event = cli(*root, "calendar").out.split("UID:2026-001-2026-11-20-1@")[1].split("END:VEVENT")[0]
    assert "STATUS:CANCELLED" in event and "SEQUENCE:1" in event
    r = cli(*root, "consult", "vervolg", "2026-11-20-1", "--case", "2026-001")
    assert (r.code, r.err) == (1, "fout: het vervolg van consultatie 2026-11-20-1 is al gedaan (op 2026-11-26)\n")


@pytest.mark.parametrize("args, err", [
    (["2025-014", *ARGS[:8]], "fout: casus 2025-014 is gesloten; een consultatie vastleggen kan niet meer\n"),
    (["--rol", "mentor", "--organisatie", "school", "--vraagsoort", "werkprobleem", "--vraag", "Hoe verder?"],
     "fout: --organisatie: 'school' is geen organisatie uit regie.yaml en geen vermelding op de sociale kaart (wel: "),
    ([*ARGS[:8], "--kaart", "nergens"], "fout: --kaart: 'nergens' is geen organisatie uit regie.yaml"),
    ([*ARGS[:4], "--vraagsoort", "iets", *ARGS[6:8]], "fout: --vraagsoort: ongeldige soort vraag 'iets'; kies uit: werkprobleem, "
                                                       "sociale-kaart, materieel, immaterieel, regels-en-richtlijnen\n"),
    ([*ARGS[:8], "--lacune", "geduld"], "fout: --lacune: ongeldige lacune 'geduld'; kies uit: kennis, vaardigheden, houding\n"),
    ([*ARGS[:6], "--vraag", "Bel haar op 0612345678"], "fout: --vraag: de vraag bevat mogelijk een telefoonnummer"),
    ([*ARGS[:8], "--advies", "BSN 111222333 doorgeven"], "fout: --advies: het advies bevat mogelijk een BSN"),
    ([*ARGS[:8], "--vervolg", "2026-11-01"], "fout: --vervolg: het vervolg (2026-11-01) ligt voor de consultatie (2026-11-26)\n"),
])
def test_consult_refusals_write_nothing(cli, examples_repo, args, err):
    head = git(examples_repo, "rev-parse", "HEAD")
    r = cli("-C", str(examples_repo), "consult", "add", *args)
    assert (r.code, r.err[: len(err)]) == (1 if "gesloten" in err else 2, err), r
    assert "Traceback" not in r.err
    assert git(examples_repo, "rev-parse", "HEAD") == head and git(examples_repo, "status", "--porcelain", "-uall") == ""


def test_a_consultation_needs_its_question(cli, examples_repo):
    r = cli("-C", str(examples_repo), "consult", "add", *ARGS[:4], *ARGS[6:8])
    assert (r.code, r.err.splitlines()[-1]) == (2, "fout: ontbrekende optie '--vraagsoort'"), r


def test_hand_written_consultations_and_voorlichting_are_checked(cli, examples_repo):
    write_tree(examples_repo, {
        "consulten/2026-11-20-1.md": NETWORK_CONSULT.replace("regisseur: j-devries", "regisseur: x-y"),
        "voorlichting/2026-11-21-1.md": "---\ndatum: 2026-11-21\nsoort: voorlichting\nvorm: lezing\ndoelgroep: professionals\n"
                                        "deelnemers: 3\nonderwerp: \"x\"\n---\n",
        "casussen/2026-001/consulten/2026-11-22-1.md": NETWORK_CONSULT.replace("datum: 2026-11-26", "datum: 2026-11-22")
        .replace("vervolg: 2026-12-03", "vervolg: 2026-11-02").replace("Mag ik zorgen", "Mag ik (06-12345678) zorgen"),
    })
    out = cli("-C", str(examples_repo), "validate").out.splitlines()
    assert [line for line in out if "consulten/" in line or "voorlichting/" in line] == [
        "casussen/2026-001/consulten/2026-11-22-1.md:10: [privacy] waarschuwing: mogelijk een telefoonnummer in de tekst; "
        "zet direct identificerende gegevens niet in het dossier (een bewuste uitzondering markeer je met '# privacy: ok')",
        "casussen/2026-001/consulten/2026-11-22-1.md:19: [consult-vervolg] vervolg (2026-11-02) ligt voor de consultatie (2026-11-22)",
        "consulten/2026-11-20-1.md:2: [journaal-bestandsnaam] bestandsnaam hoort met de datum 2026-11-26 te beginnen",
        "consulten/2026-11-20-1.md:3: [regisseur-onbekend] regisseur 'x-y' staat niet in regie.yaml",
        "voorlichting/2026-11-21-1.md:4: [schema] vorm: ongeldige waarde 'lezing'; kies uit: plenaire-bijeenkomst, "
        "workshop, individueel",
    ]


def test_voorlichting_is_written_and_refused_when_wrong(cli, examples_repo):
    root = ("-C", str(examples_repo))
    r = cli(*root, "voorlichting", "--vorm", "workshop", "--doelgroep", "professionals", "--deelnemers", "14",
            "--onderwerp", "De meldcode voor partners", "--organisatie", "ggd", "--organisatie", "woonstad",
            "--soort", "deskundigheidsbevordering", "--regisseur", "r-smits")
    assert (r.code, r.out) == (0, "voorlichting/2026-11-26-1.md\n"), r
    assert (examples_repo / "voorlichting/2026-11-26-1.md").read_text() == (
        "---\ndatum: 2026-11-26\nsoort: deskundigheidsbevordering\nregisseur: r-smits\nvorm: workshop\n"
        "doelgroep: professionals\norganisaties: [ggd, woonstad]\ndeelnemers: 14\nonderwerp: \"De meldcode voor partners\"\n"
        "---\n# Deskundigheidsbevordering, 26 november 2026\n\n")
    assert git(examples_repo, "log", "-1", "--format=%s") == "regie voorlichting: deskundigheidsbevordering (2026-11-26)\n"
    head = git(examples_repo, "rev-parse", "HEAD")
    for args, err in [
        (["--vorm", "individueel", "--deelnemers", "3"], "fout: --vorm, --deelnemers: individuele voorlichting heeft één deelnemer\n"),
        (["--vorm", "lezing", "--deelnemers", "3"], "fout: --vorm: ongeldige vorm 'lezing'; kies uit: plenaire-bijeenkomst, "
                                                     "workshop, individueel\n"),
        (["--vorm", "workshop", "--deelnemers", "3", "--organisatie", "school"], "fout: --organisatie: 'school' is geen "
                                                                                 "organisatie uit regie.yaml"),
    ]:
        r = cli(*root, "voorlichting", "--doelgroep", "clientnetwerk", "--onderwerp", "Buurtavond", *args)
        assert (r.code, r.err[: len(err)]) == (2, err), r
    assert git(examples_repo, "rev-parse", "HEAD") == head


def test_the_report_counts_consultations_and_voorlichting_with_the_old_notes(cli, examples_repo):
    root = ("-C", str(examples_repo))
    _with_informal_entry(examples_repo)
    assert cli(*root, "consult", "add", *ARGS).code == 0
    assert cli(*root, "voorlichting", "--vorm", "individueel", "--doelgroep", "voorzieningen", "--deelnemers", "1",
               "--onderwerp", "Het netwerk uitgelegd aan een beleidsmedewerker", "--organisatie", "buurthuis-de-kade").code == 0
    edit(examples_repo / "regie.yaml", "  min_aantal: 5", "  min_aantal: 1")  # every figure exact
    data = json.loads(cli(*root, "report", "--year", "2026", "--format", "json").out)["netwerkgericht"]
    assert data["consultaties"] == {
        "totaal": 4,  # the network's two, one in case 2026-002, and an old journal note of soort consultatie there
        "per_vraagsoort": {"werkprobleem": 1, "sociale-kaart": 1, "materieel": 0, "immaterieel": 0,
                           "regels-en-richtlijnen": 1, "niet-vastgelegd": 1},
        "per_organisatie": {"politie": 1, "wijkteam": 1, "woonstad": 1, "niet-vastgelegd": 1},
        "per_lacune": {"kennis": 3, "vaardigheden": 0, "houding": 1},
        "vervolg_open_eind": 2,
    }
    assert data["voorlichting"] == {
        "bijeenkomsten": 3,  # two recorded, and the old journal note of soort voorlichting
        "per_werkproces": {"6a": 1, "6b": 1, "niet-vastgelegd": 1},
        "per_vorm": {"plenaire-bijeenkomst": 1, "workshop": 0, "individueel": 1, "niet-vastgelegd": 1},
        "per_publiek": {"clientnetwerk": 1, "professionals": 0, "voorzieningen": 1, "niet-vastgelegd": 1},
        "deelnemers": {"6a": 1, "6b": 18},
        "organisaties_bereikt": 2,
    }


def test_small_counts_of_consultations_are_hidden_with_their_totals(cli, examples_repo):
    data = json.loads(cli("-C", str(examples_repo), "report", "--year", "2026", "--format", "json").out)["netwerkgericht"]
    assert data["consultaties"]["totaal"] == "x"  # 3 below the threshold of 5
    assert data["consultaties"]["per_organisatie"] == {"wijkteam": "x", "woonstad": "x", "niet-vastgelegd": "x"}
    assert data["voorlichting"]["per_werkproces"] == {"6a": 0, "6b": "x", "niet-vastgelegd": "x"}


def test_a_case_consultation_is_in_the_log_and_in_the_clients_inzage(cli, examples_repo):
    root = ("-C", str(examples_repo))
    log = [line for line in cli(*root, "log", "2026-002").out.splitlines() if "consultatie" in line and "dossier" in line]
    assert log == ["2026-06-20  dossier  consultatie (journaal/2026-06-20-1.md)",
                   "2026-11-12  dossier  consultatie 2026-11-12-1: gezinscoach, Sociaal Wijkteam Zuiderhaven",
                   "2026-11-19  dossier  vervolg van consultatie 2026-11-12-1 gedaan"]
    inzage = cli(*root, "export", "2026-002").out
    section = inzage[inzage.index("## Consultaties"):inzage.index("## Logboek")]
    assert section == (
        "## Consultaties\n\nEen professional kan de regisseur om raad vragen over zijn werk met u (consultatie). Dit is wat "
        "daarover is vastgelegd.\n\n### Consultatie 1, 12 november 2026\n\n"
        "- Gevraagd door: gezinscoach, Sociaal Wijkteam Zuiderhaven\n"
        "- De vraag: Waar kan oma terecht als zij de kinderen vaker opvangt?\n"
        "- De vraag na verheldering: Welke steun is er voor een grootmoeder die mantelzorger wordt?\n"
        "- De consultatievraag: Welke mantelzorgondersteuning in de wijk past bij een grootmoeder met de zorg voor twee "
        "kleinkinderen?\n"
        "- Het advies: Mantelzorgondersteuning via het wijkteam; respijtzorg bespreken in het volgende netwerkoverleg.\n"
        "- Vervolg: 19 november 2026 (gedaan op 19 november 2026)\n\n"
        "De gezinscoach neemt het advies mee naar het gesprek met het gezin.\n\n")
    assert "## Consultaties" not in cli(*root, "export", "2026-006").out  # a case without consultations


# Budget: two clones, three records each, three syncs; about 10 s here.
@pytest.mark.slow
def test_consultations_and_voorlichting_made_on_two_clones_are_renumbered_by_sync(cli, team):  # noqa: F811
    remote, a, clone = team
    _ok(cli("-C", str(a), *nc("a")))
    _ok(cli("-C", str(a), "sync"))
    b = clone("b")
    for root, who in ((a, "a"), (b, "b")):
        assert _ok(cli("-C", str(root), "consult", "add", "--rol", f"rol van {who}", "--organisatie", "ggd",
                       "--vraagsoort", "werkprobleem", "--vraag", "Hoe verder?")).out == "2026-11-26-1\n"
        assert _ok(cli("-C", str(root), "consult", "add", "2026-001", "--rol", f"rol van {who}", "--organisatie", "ggz",
                       "--vraagsoort", "materieel", "--vraag", "Welke regeling?")).out == "2026-11-26-1\n"
        _ok(cli("-C", str(root), "voorlichting", "--vorm", "workshop", "--doelgroep", "professionals", "--deelnemers", "9",
                "--onderwerp", f"workshop van {who}"))
    _ok(cli("-C", str(a), "sync"))
    r = _ok(cli("-C", str(b), "sync"))
    assert r.out == ("netwerkconsult: 2026-11-26-1.md → 2026-11-26-2.md\n"
                     "voorlichting: 2026-11-26-1.md → 2026-11-26-2.md\n"
                     "consult in casus 2026-001: 2026-11-26-1.md → 2026-11-26-2.md\n")
    assert "rol van b" in (b / "consulten/2026-11-26-2.md").read_text()
    assert "rol van b" in (b / "casussen/2026-001/consulten/2026-11-26-2.md").read_text()
    assert "workshop van b" in (b / "voorlichting/2026-11-26-2.md").read_text()
    _ok(cli("-C", str(b), "validate"))
    _ok(cli("-C", str(a), "sync"))
    assert git(a, "rev-parse", "HEAD") == git(b, "rev-parse", "HEAD")
