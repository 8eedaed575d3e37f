"""One household, one plan, one regisseur: `huishouden:`, the rule across cases, new-case --huishouden and
merge-cases (issue 10, item 3)."""

from __future__ import annotations

import pytest
from conftest import edit, git, write_tree

NEW = ["new-case", "--melder-rol", "leerkracht", "--aard", "kind verzuimt", "--urgentie", "middel", "--pseudoniem", "Kind K.",
       "--afweging", "eerst verkennen", "--grondslag", "publieke-taak", "--leefgebied", "dagbesteding", "--huishouden", "HH-0002"]
OTHER = ("casussen/2026-010/casus.yaml:13: [huishouden-regisseur] huishouden HH-0002 heeft ook open casus 2026-002 met een "
         "andere regisseur (m-elhaddad, hier j-devries): één gezin, één plan, één regisseur; voeg samen met "
         "'regie merge-cases 2026-002 2026-010'")


def test_a_second_open_case_of_a_household_is_registered_with_a_warning_then_a_finding(cli, examples_repo):
    root = ("-C", str(examples_repo))
    r = cli(*root, *NEW, "--regisseur", "j-devries")
    assert (r.code, r.out) == (0, "2026-010\n"), r
    assert r.err.endswith("waarschuwing: huishouden HH-0002 heeft al open casus 2026-002 (regisseur m-elhaddad): één gezin, "
                          "één plan, één regisseur — voeg samen met 'regie merge-cases 2026-002 2026-010'\n")
    assert "huishouden:\n  id: HH-0002    #" in (examples_repo / "casussen/2026-010/casus.yaml").read_text()
    full = cli(*root, "validate")
    assert full.code == 1 and OTHER in full.out.splitlines()
    named = cli(*root, "validate", "2026-010")  # the other case is found for a check of one case too
    assert named.code == 1 and OTHER in named.out.splitlines()
    assert cli(*root, "--no-cache", "validate").out == full.out


def test_with_the_same_regisseur_it_is_a_warning(cli, examples_repo):
    root = ("-C", str(examples_repo))
    assert cli(*root, *NEW, "--regisseur", "m-elhaddad").code == 0
    out = cli(*root, "validate").out.splitlines()
    assert ("casussen/2026-010/casus.yaml:13: [huishouden-dubbel] waarschuwing: huishouden HH-0002 heeft ook open casus "
            "2026-002: één gezin, één plan; voeg samen met 'regie merge-cases 2026-002 2026-010'") in out


def test_merge_cases_folds_the_second_into_the_first_in_one_commit(cli, examples_repo):
    root = ("-C", str(examples_repo))
    assert cli(*root, *NEW, "--regisseur", "j-devries").code == 0
    # B names a betrokkene with A's id but another organisation, and one who is the same person
    write_tree(examples_repo, {"casussen/2026-010/netwerk.yaml": (
        "professionals:\n  - id: wijkteam-gezin\n    organisatie: maatschappelijk-werk\n    rol: gezinscoach\n"
        "  - id: schuldhulp\n    organisatie: schuldhulp\n    rol: schuldhulpverlener\n")})
    git(examples_repo, "commit", "-qam", "netwerk van de tweede casus")
    assert cli(*root, "afspraak", "add", "2026-010", "--wat", "Gesprek met school", "--wie", "wijkteam-gezin",
               "--deadline", "2026-12-10").code == 0
    assert cli(*root, "afspraak", "add", "2026-010", "--wat", "Budgetplan", "--wie", "schuldhulp",
               "--deadline", "2026-12-20").code == 0
    assert cli(*root, "note", "2026-010", "--soort", "overleg", "--tekst", "Met school gesproken.",
               "--aanwezig", "wijkteam-gezin").code == 0
    head = git(examples_repo, "rev-parse", "HEAD").strip()
    r = cli(*root, "merge-cases", "2026-002", "2026-010", "--ja")
    assert r.code == 0, r
    print(r.out)
    assert r.err.splitlines()[-5:] == [
        "afspraak 2026-010 A1 -> 2026-002 A7",
        "afspraak 2026-010 A2 -> 2026-002 A8",
        "betrokkene wijkteam-gezin heet in casus 2026-002 wijkteam-gezin-2",
        "journaal 2026-11-26-1.md -> 2026-002/journaal/2026-11-26-1.md",
        "casus 2026-010 samengevoegd met casus 2026-002 en gesloten",
    ]
    assert git(examples_repo, "rev-list", "--count", f"{head}..HEAD") == "1\n"
    assert git(examples_repo, "log", "-1", "--format=%s") == "regie merge-cases: casus 2026-010 samengevoegd met casus 2026-002\n"
    assert sorted(git(examples_repo, "show", "--name-status", "--no-renames", "--format=", "HEAD").splitlines()) == [
        "A\tcasussen/2026-002/journaal/2026-11-26-1.md",
        "D\tcasussen/2026-010/journaal/2026-11-26-1.md",
        "M\tcasussen/2026-002/afspraken.yaml",
        "M\tcasussen/2026-002/netwerk.yaml",
        "M\tcasussen/2026-010/afspraken.yaml",
        "M\tcasussen/2026-010/casus.yaml",
    ]
    a = (examples_repo / "casussen/2026-002/afspraken.yaml").read_text()
    assert a.endswith("  - id: A7\n    wat: Gesprek met school\n    wie: wijkteam-gezin-2\n    gemaakt: 2026-11-26\n"
                      "    deadline: 2026-12-10\n    status: open\n    herkomst: 2026-010/A1\n"
                      "  - id: A8\n    wat: Budgetplan\n    wie: schuldhulp\n    gemaakt: 2026-11-26\n"
                      "    deadline: 2026-12-20\n    status: open\n    herkomst: 2026-010/A2\n")
    assert ("  - id: wijkteam-gezin-2\n    organisatie: maatschappelijk-werk\n    rol: gezinscoach\n"
            in (examples_repo / "casussen/2026-002/netwerk.yaml").read_text())
    b = (examples_repo / "casussen/2026-010/afspraken.yaml").read_text()
    assert "    status: vervallen\n    vervallen_op: 2026-11-26\n    reden: overgenomen in casus 2026-002 als A7\n" in b
    note = (examples_repo / "casussen/2026-002/journaal/2026-11-26-1.md").read_text()
    assert "aanwezig: [wijkteam-gezin-2]" in note or "- wijkteam-gezin-2" in note
    casus_b = (examples_repo / "casussen/2026-010/casus.yaml").read_text()
    assert "\nsluitreden: samengevoegd\nsamengevoegd_met: 2026-002\n" in casus_b and "\nstatus: gesloten " in casus_b
    out = cli(*root, "validate").out
    assert "huishouden" not in out and "2026-010" not in out and "2026-002" not in out


@pytest.mark.parametrize("args, err", [
    (["2026-002", "2026-002"], "fout: een casus samenvoegen met zichzelf kan niet (2026-002)\n"),
    (["2025-014", "2026-002"], "fout: casus 2025-014 is gesloten; samenvoegen kan alleen in een open casus\n"),
    (["2026-002", "2025-014"], "fout: casus 2025-014 is gesloten; alleen een open casus kan worden samengevoegd\n"),
    (["2026-001", "2026-006", "--zonder-huishouden", "--reden", "één cliënt, twee meldingen"], "fout: casus 2026-006 heeft een open escalatie; sluit die af of schaal af voordat je samenvoegt\n"),
])
def test_merge_refusals_write_nothing(cli, examples_repo, args, err):
    head = git(examples_repo, "rev-parse", "HEAD")
    r = cli("-C", str(examples_repo), "merge-cases", *args)
    assert (r.code, r.err) == (1, err), r
    assert git(examples_repo, "rev-parse", "HEAD") == head and git(examples_repo, "status", "--porcelain") == ""


def test_cases_of_two_households_are_not_merged(cli, examples_repo):
    root = ("-C", str(examples_repo))
    assert cli(*root, *NEW[:-1], "HH-0099", "--regisseur", "m-elhaddad").code == 0
    head = git(examples_repo, "rev-parse", "HEAD")
    r = cli(*root, "merge-cases", "2026-002", "2026-010")
    assert (r.code, r.err) == (1, "fout: casus 2026-002 hoort bij huishouden HH-0002 en casus 2026-010 bij HH-0099; alleen "
                                  "casussen van één huishouden worden samengevoegd\n")
    assert git(examples_repo, "rev-parse", "HEAD") == head


def test_merge_of_an_unknown_case_is_refused(cli, examples_repo):
    r = cli("-C", str(examples_repo), "merge-cases", "2026-002", "../2026-001")
    assert r.code != 0 and "Traceback" not in r.err and r.err.startswith("fout: ")


def test_household_mistakes_are_findings_with_their_lines(cli, examples_repo):
    path = examples_repo / "casussen/2026-002/casus.yaml"
    edit(path, "      geboortejaar: 1986\n", "      geboortejaar: 1986-04-12\n")
    out = cli("-C", str(examples_repo), "validate", "2026-002").out.splitlines()
    assert out == ["casussen/2026-002/casus.yaml:14: [schema] huishouden.leden[1].geboortejaar moet een geheel getal zijn, "
                   "niet '1986-04-12'"]
    edit(path, "      geboortejaar: 1986-04-12\n", "      geboortejaar: 1986\n")
    edit(path, "    - id: L2\n", "    - id: L1\n")
    edit(examples_repo / "casussen/2026-002/plan.md", "    lid: L1\n", "    lid: L9\n")
    out = cli("-C", str(examples_repo), "validate", "2026-002").out.splitlines()
    assert out == ["casussen/2026-002/casus.yaml:17: [huishouden-lid] lid 'L1' staat twee keer in het huishouden",
                   "casussen/2026-002/casus.yaml:26: [gezag-lid] lid L3: gezag bij 'L2', maar dat lid staat niet in het huishouden",
                   "casussen/2026-002/plan.md:33: [doel-lid] D5: lid 'L9' staat niet in het huishouden (huishouden.leden in casus.yaml)"]


def test_new_case_refuses_a_household_id_that_is_not_a_pseudonym(cli, examples_repo):
    r = cli("-C", str(examples_repo), *NEW[:-1], "Familie Jansen", "--regisseur", "a-bakker")
    assert (r.code, r.err) == (2, "fout: ongeldig huishouden-id 'Familie Jansen': verwacht HH- gevolgd door letters, cijfers "
                                  "en '-', bijv. HH-0042 (een pseudoniem, nooit een naam of adres)\n")
    assert not (examples_repo / "casussen/2026-010").exists()
