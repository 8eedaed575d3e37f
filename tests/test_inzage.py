"""The inzage per person (issue 23): what the client and each household member may see, what is withheld and what
nothing may hint at, the verstrekkingen it lists, and its Dutch."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import EXAMPLES, git, make_dossier

NETWORK = """\
naam: Testnetwerk
regisseurs:
  - id: reg
    naam: Regisseur Een
    organisatie: gemeente
  - id: reg2
    naam: Regisseur Twee
    organisatie: wijkteam
organisaties:
  - id: gemeente
    naam: Gemeente Testdorp
  - id: wijkteam
    naam: Wijkteam Testdorp
  - id: veilig-thuis
    naam: Veilig Thuis Testregio
    soort: veilig thuis
opschaling:
  - niveau: 1
    naam: Leidinggevende van de betrokken organisatie
contact:
  verzoeken: bij uw regisseur of via www.testdorp.example/privacy
"""
FAMILY = {
    "casus.yaml": """\
        id: "2026-001"
        status: uitvoering
        regisseur: reg
        pseudoniem: Gezin T.
        huishouden:
          id: HH-0001
          leden:
            - id: L1
              rol: ouder
              geboortejaar: 1990
            - id: L2
              rol: kind
              geboortejaar: 2016
        traject: regulier
        geopend: 2026-02-02
        urgentie: hoog
        leefgebieden: [huiselijke-relaties, financien]
        toestemming:
          status: gegeven
          datum: 2026-02-03
        """,
    "melding.yaml": """\
        datum: 2026-02-01
        melder:
          rol: intern begeleider
        aard: zorgen om de thuissituatie
        soort: huiselijk-geweld
        urgentie: hoog
        doelgroep: gezin
        veiligheid:
          risico: true
        """,
    "netwerk.yaml": """\
        naasten:
          - id: tante
            relatie: tante van moeder
            betrokken: true
          - id: vader
            relatie: biologische vader kinderen
        """,
}
REASON = "veiligheid van moeder: partner mag niet weten dat er gemeld is"
# Words that would tell a reader of the inzage that the meldcode was used or that Veilig Thuis was told.
HINTS = ("meldcode", "Meldcode", "Veilig Thuis", "veilig-thuis", "partner mag niet weten", "gemeld", "Stap ", "stap ",
         "afgeschermd", "afscherm", "overgedragen", "overdracht", "V1")
# The sentence every inzage carries, whether or not anything is withheld.
WITHHELD = ("Wij laten u alle gegevens zien die wij over u bewaren, behalve wat de wet ons toestaat of\n"
            "verplicht niet te laten zien, bijvoorbeeld om de veiligheid of de rechten van een ander te\n"
            "beschermen (artikel 15 lid 4 en artikel 23 van de AVG, artikel 41 van de Uitvoeringswet AVG).\n"
            "Bent u het daar niet mee eens, dan kunt u bezwaar maken bij uw regisseur of via www.testdorp.example/privacy.")


@pytest.fixture
def family(tmp_path):
    root = make_dossier(tmp_path / "gezin", {"2026-001": FAMILY}, network=NETWORK)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "start")
    return root


def meldcode_melden(cli, root) -> None:
    """The five steps of the meldcode, ending in a melding at Veilig Thuis on 6 February."""
    for stap in ("1", "2", "3"):
        assert cli("-C", str(root), "meldcode", "2026-001", "--stap", stap, "--datum", "2026-02-05").code == 0
    r = cli("-C", str(root), "meldcode", "2026-001", "--stap", "4", "--datum", "2026-02-06", "--vermoeden", "ja",
            "--onveilig", "ja", "--gemeld", "2026-02-06")
    assert r.code == 0, r


def exports(cli, root) -> dict[str, str]:
    out = {}
    for voor in ("client", "L1", "L2"):
        r = cli("-C", str(root), "export", "2026-001", "--voor", voor)
        assert r.code == 0, r
        out[voor] = r.out
    return out


def test_a_restricted_meldcode_and_the_handover_to_veilig_thuis_leave_no_trace_in_any_export(cli, family):
    root = str(family)
    meldcode_melden(cli, family)
    assert cli("-C", root, "meldcode", "2026-001", "--gezin-niet", REASON).code == 0
    # recorded on another day than its commit's: nothing may depend on the two being the same
    r = cli("-C", root, "--today", "2026-02-07", "handover", "2026-001", "--naar", "veilig-thuis", "--tijdelijk",
            "--reden", "acute onveiligheid")
    assert r.code == 0, r
    # recorded as a verstrekking, in the handover's own commit, derived from the meldcode
    assert git(family, "show", "--name-only", "--format=%s", "HEAD").split() == [
        "regie", "handover:", "casus", "2026-001", "overgedragen",
        "casussen/2026-001/casus.yaml", "casussen/2026-001/verstrekkingen.yaml"]
    given = (family / "casussen/2026-001/verstrekkingen.yaml").read_text()
    assert "aan: veilig-thuis" in given and "bron: meldcode" in given and "grondslag: toestemming" in given
    for voor, text in exports(cli, family).items():
        found = [h for h in HINTS if h in text]
        assert not found, (voor, found)
        assert WITHHELD in text and text.count(WITHHELD) == 1
        assert "| Stand van zaken | Het plan van aanpak wordt uitgevoerd |" in text
        assert "Er zijn geen gegevens uit uw dossier aan anderen verstrekt." in text
    assert cli("-C", root, "validate", "2026-001").code == 0


def test_a_handover_to_veilig_thuis_is_listed_until_the_melding_is_shielded(cli, family):
    root = str(family)
    before = exports(cli, family)["client"]
    meldcode_melden(cli, family)
    assert cli("-C", root, "meldcode", "2026-001", "--gezin-geinformeerd", "2026-02-07").code == 0
    assert cli("-C", root, "handover", "2026-001", "--naar", "veilig-thuis", "--reden", "acute onveiligheid").code == 0
    text = exports(cli, family)["client"]
    assert ("- 26 november 2026: aan Veilig Thuis Testregio: het overdrachtsmemo bij de overdracht van de regie. "
            "Het ging om: de reden van de overdracht, de stappen van de meldcode huiselijk geweld en kindermishandeling "
            "en de afspraken. Dit gebeurde met uw toestemming.") not in text  # no open agreements: not that kind
    assert ("- 26 november 2026: aan Veilig Thuis Testregio: het overdrachtsmemo bij de overdracht van de regie. "
            "Het ging om: de reden van de overdracht en de stappen van de meldcode huiselijk geweld en "
            "kindermishandeling. Dit gebeurde met uw toestemming.") in text
    assert "## Veiligheid: de meldcode" in text
    r = cli("-C", root, "afscherm", "2026-001", "meldcode", "--grond", "avg-23", "--totdat", "de partner is uit huis")
    assert (r.code, r.out) == (0, ""), r
    assert git(family, "log", "-1", "--format=%s") == "regie afscherm: casus 2026-001 bijgewerkt\n"
    for voor, text in exports(cli, family).items():
        found = [h for h in HINTS if h in text]
        assert not found, (voor, found)
    # the sentence about what may be withheld is the same as before anything was
    assert WITHHELD in before and WITHHELD in text
    r = cli("-C", root, "afscherm", "2026-001", "meldcode", "--opheffen")
    assert r.code == 0 and "## Veiligheid: de meldcode" in exports(cli, family)["client"]


def test_afscherm_withholds_a_record_and_what_derives_from_it_and_validate_checks_its_fields(cli, family):
    root = str(family)
    (family / "casussen/2026-001/journaal").mkdir()
    (family / "casussen/2026-001/journaal/2026-02-10-1.md").write_text(
        "---\ndatum: 2026-02-10\nsoort: consultatie\nbron: A1\n---\nOverleg over het gesprek met moeder.\n")
    (family / "casussen/2026-001/afspraken.yaml").write_text(
        "afspraken:\n  - id: A1\n    wat: Gesprek met moeder alleen\n    wie: reg\n    gemaakt: 2026-02-03\n"
        "    deadline: 2026-03-01\n    status: open\n")
    git(family, "add", "-A")
    git(family, "commit", "-qm", "afspraak en aantekening")
    assert "Gesprek met moeder alleen" in exports(cli, family)["client"]
    r = cli("-C", root, "afscherm", "2026-001", "A1", "--grond", "uavg-41", "--tot", "2027-01-01")
    assert r.code == 0, r
    assert "    afgeschermd:\n      grond: uavg-41\n      door: reg\n      tot: 2027-01-01\n" in (
        family / "casussen/2026-001/afspraken.yaml").read_text()
    for text in exports(cli, family).values():
        assert "Gesprek met moeder" not in text and "Overleg over het gesprek" not in text and "A1" not in text
        assert "Er zijn geen afspraken vastgelegd." in text and "Er zijn geen aantekeningen." in text
    r = cli("-C", root, "afscherm", "2026-001", "A1", "--grond", "avg-23")
    assert (r.code, r.err) == (2, "fout: --tot, --totdat: geef tot wanneer (een datum) of totdat (een voorwaarde), één van beide\n")
    r = cli("-C", root, "afscherm", "2026-001", "A9", "--grond", "avg-23", "--tot", "2027-01-01")
    assert r.code == 1 and "heeft geen record 'A9'" in r.err
    path = family / "casussen/2026-001/afspraken.yaml"
    path.write_text(path.read_text().replace("door: reg\n", "door: iemand\n").replace("tot: 2027-01-01", "tot: 2026-01-01"))
    out = cli("-C", root, "validate", "2026-001").out
    assert "[afscherming-door] A1: afgeschermd door 'iemand', geen regisseur in regie.yaml" in out
    assert "[afscherming-verlopen] waarschuwing: A1: afgeschermd tot 2026-01-01" in out
    git(family, "checkout", "-q", ".")
    assert cli("-C", root, "afscherm", "2026-001", "A1", "--opheffen").code == 0
    assert "Gesprek met moeder alleen" in exports(cli, family)["client"]
    assert "afgeschermd" not in path.read_text()


def test_a_member_sees_the_household_goals_and_their_own_never_another_members(cli, family):
    plan = family / "casussen/2026-001/plan.md"
    plan.write_text("---\nversie: 1\nvastgesteld: null\ndoelen:\n"
                    "  - id: D1\n    leefgebied: financien\n    doel: Het gezin heeft een stabiel inkomen.\n"
                    "  - id: D2\n    leefgebied: huiselijke-relaties\n    doel: Moeder krijgt behandeling.\n    lid: L1\n"
                    "  - id: D3\n    leefgebied: huiselijke-relaties\n    doel: Het kind gaat naar school.\n    lid: L2\n"
                    "---\nTekst.\n")
    git(family, "add", "-A")
    git(family, "commit", "-qm", "plan")
    got = exports(cli, family)
    assert all(x in got["client"] for x in ("Doel D1", "Doel D2", "Doel D3"))
    assert "Doel D1" in got["L2"] and "Doel D3" in got["L2"] and "Moeder krijgt behandeling" not in got["L2"]
    assert "Doel D1" in got["L1"] and "Doel D2" in got["L1"] and "Het kind gaat naar school" not in got["L1"]
    assert "Gemaakt op 26 november 2026 voor u als lid van het huishouden (kind, geboren in 2016)." in got["L2"]
    assert "- Ouder" not in got["L2"] and "- Kind, geboren in 2016" in got["L2"]
    r = cli("-C", str(family), "export", "2026-001", "--voor", "L7")
    assert (r.code, r.err) == (2, "fout: --voor: casus 2026-001 heeft geen lid 'L7' in het huishouden; kies 'client' "
                                  "of een lid (wel: L1, L2)\n")


# ------------------------------------------------------------------ identity: only one's own

IDENTITY = """naam: Fatima Testpersoon
bsn: null
geboortedatum: 1991-03-04
adres:
  straat: Nieuwe Havenweg
  huisnummer: 7
  postcode: null
  plaats: Zuiderhaven
telefoon: null
email: null
huishouden:
  - naam: Sara Testpersoon
    relatie: dochter
    lid: L2
naasten: []
"""


def test_a_members_export_holds_only_their_own_identity_never_the_clients(cli, examples_repo, tmp_path, monkeypatch):
    from conftest import make_keys

    keys = make_keys(cli, tmp_path / "keys", ("bakker", "buiten"))
    regie = examples_repo / "regie.yaml"
    regie.write_text(regie.read_text().replace("  - id: a-bakker\n", f"  - id: a-bakker\n    age: {keys['bakker'][1]}\n", 1))
    git(examples_repo, "commit", "-qam", "sleutel")
    source = tmp_path / "next.yaml"
    source.write_text(IDENTITY)
    script = tmp_path / "editor.py"
    script.write_text(f"import shutil, sys\nshutil.copyfile({str(source)!r}, sys.argv[-1])\n")
    monkeypatch.setenv("EDITOR", f"{shutil.which('python3') or 'python3'} {script}")
    monkeypatch.setenv("REGIE_AGE_KEY_FILE", str(keys["bakker"][0]))
    root = str(examples_repo)
    assert cli("-C", root, "identity", "edit", "2026-005").code == 0
    client = cli("-C", root, "export", "2026-005").out
    assert "| Naam | Fatima Testpersoon |" in client and "| Adres | Nieuwe Havenweg 7 Zuiderhaven |" in client
    assert "Sara" not in client
    kind = cli("-C", root, "export", "2026-005", "--voor", "L2").out
    assert "| Naam | Sara Testpersoon |" in kind
    assert "Fatima" not in kind and "Havenweg" not in kind and "1991" not in kind
    other = cli("-C", root, "export", "2026-005", "--voor", "L3").out
    assert "Over u staan geen naam, adres of andere identiteitsgegevens in het dossier." in other
    assert "Fatima" not in other and "Sara" not in other and "Havenweg" not in other
    monkeypatch.setenv("REGIE_AGE_KEY_FILE", str(keys["buiten"][0]))
    locked = cli("-C", root, "export", "2026-005").out
    assert ("Uw naam, adres en andere gegevens waaraan iemand u direct kan herkennen, bewaren wij apart en\n"
            "versleuteld. Ze staan niet in dit overzicht. Alleen Anouk Bakker kunnen ze\n") in locked
    assert "Fatima" not in locked


# ------------------------------------------------------------------ verstrekkingen by the commands that give

def test_a_handover_to_a_regisseur_of_another_organisation_is_a_verstrekking_in_the_same_commit(cli, family):
    assert cli("-C", str(family), "handover", "2026-001", "--naar", "reg2", "--reden", "verhuisd naar de wijk").code == 0
    assert "casussen/2026-001/verstrekkingen.yaml" in git(family, "show", "--name-only", "--format=", "HEAD").split()
    text = cli("-C", str(family), "export", "2026-001").out
    assert ("- 26 november 2026: aan Wijkteam Testdorp (Regisseur Twee): overdracht van de regie: het dossier gaat naar "
            "de nieuwe regisseur. Het ging om: het hele dossier. Dit gebeurde met uw toestemming.") in text


def test_handover_van_records_a_verstrekking_for_each_case_that_goes_to_another_organisation(cli, family):
    r = cli("-C", str(family), "handover", "--van", "reg", "--naar", "reg2", "--reden", "met pensioen")
    assert r.code == 0, r
    assert git(family, "show", "--name-only", "--format=%s", "HEAD").split()[-2:] == [
        "casussen/2026-001/casus.yaml", "casussen/2026-001/verstrekkingen.yaml"]
    given = (family / "casussen/2026-001/verstrekkingen.yaml").read_text()
    assert "aan: wijkteam" in given and "ontvanger: Regisseur Twee" in given and "categorieen: [dossier]" in given


# ------------------------------------------------------------------ the Dutch of every inzage of the examples

BAD = ("uw tante van moeder", "uw biologische vader", ", helpt mee in het plan", "(gegevens over:", "| Stand |",
       "| | |", "vroeg Leidinggevende", "vroeg Brandpuntfunctionaris", "U is (nog)", "tussentijds-evaluatie",
       "eind-evaluatie", "None", "[andere casus]")


def slugs() -> set[str]:
    """Ids that must never stand where a name belongs: leefgebieden, kinds of melding, closing reasons, and the ids of
    organisations and regisseurs that are no plain word."""
    import yaml

    net = yaml.safe_load((EXAMPLES / "regie.yaml").read_text())
    from regie.dossier.network import DEFAULT_LEEFGEBIEDEN

    words = {*net.get("leefgebieden", DEFAULT_LEEFGEBIEDEN), *net["meldingsoorten"], *net["sluitredenen"],
             *(o["id"] for o in net["organisaties"]), *(r["id"] for r in net["regisseurs"])}
    return {w for w in words if "-" in w} | {"financien"}


def check_inzage(text: str, where: str) -> None:
    found = [b for b in BAD if b in text]
    assert not found, (where, found)
    prose = "\n".join(line for line in text.splitlines() if not line.startswith("| 20"))  # the log quotes commits
    ids = [s for s in slugs() if re.search(rf"(?<![\w/-]){re.escape(s)}(?![\w-])", prose)]
    assert not ids, (where, ids)
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert len(headings) == len(set(headings)), (where, [h for h in headings if headings.count(h) > 1])
    lines = text.splitlines()
    for i, line in enumerate(lines[1:], 1):
        if re.fullmatch(r"\|(---\|)+", line):
            cells = [c.strip() for c in lines[i - 1].strip("|").split("|")]
            assert all(cells), (where, lines[i - 1])


@pytest.mark.slow  # budget 30 s: every example case, for the client and for each member of a household (about 10 s)
def test_every_inzage_of_the_examples_reads_as_dutch_without_ids_or_a_section_twice(cli, examples_repo, family):
    import yaml

    for case in sorted((examples_repo / "casussen").iterdir()):
        casus = yaml.safe_load((case / "casus.yaml").read_text())
        for voor in ["client", *(m["id"] for m in (casus.get("huishouden") or {}).get("leden", []))]:
            r = cli("-C", str(examples_repo), "export", case.name, "--voor", voor)
            assert r.code == 0, (case.name, voor, r.err)
            check_inzage(r.out, f"{case.name} --voor {voor}")
    text = cli("-C", str(family), "export", "2026-001").out
    check_inzage(text, "gezin")
    assert "- tante (van moeder) — helpt mee in het plan\n- biologische vader (van de kinderen)\n" in text
    assert "| Onderdeel | In uw dossier |" in text and "Leefgebieden | Huiselijke relaties, Financiën |" in text


def test_the_ladder_names_a_level_as_a_person_in_a_sentence():
    from regie.views.inzage_taal import in_zin, relatie

    assert in_zin("Leidinggevende van de betrokken organisatie") == "de leidinggevende van de betrokken organisatie"
    assert in_zin("Brandpuntfunctionaris") == "de brandpuntfunctionaris"
    assert in_zin("GGD-arts") == "GGD-arts" or in_zin("GGD") == "GGD"
    assert relatie("tante van moeder") == "tante (van moeder)"
    assert relatie("biologische vader kinderen") == "biologische vader (van de kinderen)"
    assert relatie("buurman") == "buurman"


def test_record_verstrekking_twice_in_one_commit_keeps_both(family):
    import datetime as dt

    from regie.dossier.loader import load_case
    from regie.work.verstrekkingen import record_verstrekking

    _, case, _ = load_case(family, "2026-001")
    day = dt.date(2026, 11, 26)
    path, first, item = record_verstrekking(family, case, datum=day, aan="wijkteam", wat="het plan", categorieen=["plan"])
    _, both, second = record_verstrekking(family, case, datum=day, aan="gemeente", wat="de afspraken",
                                          categorieen=["afspraken", "financien"], taken={item["id"]}, after=first)
    assert (item["id"], second["id"]) == ("V1", "V2")
    assert both.endswith("verstrekkingen:\n  - id: V1\n    datum: 2026-11-26\n    aan: wijkteam\n    wat: het plan\n"
                         "    categorieen: [plan]\n    grondslag: toestemming\n  - id: V2\n    datum: 2026-11-26\n"
                         "    aan: gemeente\n    wat: de afspraken\n    categorieen: [afspraken, financien]\n"
                         "    grondslag: toestemming\n")
    assert not path.exists()  # nothing written: the caller writes it in its own commit


@pytest.mark.parametrize("voor, sees", [("client", True), ("L1", True), ("L2", False), ("L3", False), ("L5", False)])
def test_who_treats_another_member_and_that_members_leefgebied_stay_with_that_member(cli, voor, sees):
    """2026-002: the mother (L1) is treated by GGZ Delta for her depression (goal D5, leefgebied geestelijke gezondheid,
    her own row). The professional who works only on her goal, the leefgebied and its scores are hers: the other
    members do not see them; the client (who holds the case) and she do."""
    out = cli("-C", str(EXAMPLES), "export", "2026-002", "--voor", voor).out
    assert out, voor
    for text in ("behandelaar moeder", "Geestelijke gezondheid"):
        assert (text in out) is sees, (voor, text)
