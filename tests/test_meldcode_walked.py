"""The meldcode as it is walked (issue 25, item 1): step 3 skipped with a reason, who step 2 consulted by role,
a term for question 5 after a decision for hulp (validate, close), a handover to Veilig Thuis without a melding."""

from __future__ import annotations

import pytest
from conftest import edit, git, write_tree

C = "casussen/2026-001"
RISK = """\
    datum: 2026-02-01
    melder:
      rol: huismeester
      organisatie: woon
    aard: zorgen om geweld thuis
    soort: huiselijk-geweld
    urgentie: hoog
    doelgroep: gezin
    veiligheid:
      risico: true
    """


@pytest.fixture
def repo(git_dossier):
    write_tree(git_dossier, {f"{C}/melding.yaml": RISK})
    edit(git_dossier / "regie.yaml", "opschaling:", "  - id: veilig-thuis\n    naam: Veilig Thuis Regio\nopschaling:")
    git(git_dossier, "commit", "-qam", "melding met veiligheidsrisico, Veilig Thuis in het netwerk")
    return git_dossier


def casus(repo) -> str:
    return (repo / C / "casus.yaml").read_text()


def meldcode(cli, repo, *args):
    return cli("-C", str(repo), "meldcode", "2026-001", *args)


def until_hulp(cli, repo, *step5: str) -> None:
    """Steps 1 to 5 on 2 to 6 February: step 3 skipped for safety, the afweging and the decision: hulp."""
    assert meldcode(cli, repo, "--stap", "1", "--datum", "2026-02-02").code == 0
    assert meldcode(cli, repo, "--stap", "2", "--datum", "2026-02-03", "--geraadpleegd", "aandachtsfunctionaris",
                    "--geraadpleegd", "veilig-thuis").code == 0
    assert meldcode(cli, repo, "--stap", "3", "--datum", "2026-02-04", "--overgeslagen", "veiligheid").code == 0
    assert meldcode(cli, repo, "--stap", "4", "--datum", "2026-02-05", "--vermoeden", "ja", "--onveilig", "nee",
                    "--zelf-hulp", "ja", "--hulp-geaccepteerd", "ja").code == 0
    r = meldcode(cli, repo, "--stap", "5", "--datum", "2026-02-06", "--besluit", "hulp", *step5)
    assert r.code == 0, r


def test_step_3_skipped_for_safety_is_recorded_and_step_4_follows_it(cli, repo):
    assert meldcode(cli, repo, "--stap", "1", "--datum", "2026-02-02").code == 0
    assert meldcode(cli, repo, "--stap", "2", "--datum", "2026-02-03", "--geraadpleegd", "aandachtsfunctionaris").code == 0
    r = meldcode(cli, repo, "--stap", "3", "--datum", "2026-02-04", "--overgeslagen", "veiligheid",
                 "--toelichting", "een gesprek zou de partner alarmeren")
    assert r.code == 0, r
    assert r.err.splitlines()[-2:] == [
        "meldcode stap 3 (gesprek met de cliënt) vastgelegd op 2026-02-04",
        "stap 3 overgeslagen: het gesprek zou de veiligheid van de cliënt, een ander of de professional in gevaar brengen",
    ]
    assert casus(repo).endswith(
        "meldcode:\n"
        "  stappen:\n"
        "    - stap: 1\n      datum: 2026-02-02\n      wie: reg\n"
        "    - stap: 2\n      datum: 2026-02-03\n      wie: reg\n      geraadpleegd: [aandachtsfunctionaris]\n"
        "    - stap: 3\n      datum: 2026-02-04\n      wie: reg\n      toelichting: een gesprek zou de partner alarmeren\n"
        "      overgeslagen: veiligheid\n")
    assert git(repo, "log", "-1", "--format=%s") == "regie meldcode: stap 3 vastgelegd in casus 2026-001\n"
    # the situation of the issue: step 4 was refused without a conversation that never happened
    r = meldcode(cli, repo, "--stap", "4", "--datum", "2026-02-05", "--vermoeden", "ja", "--onveilig", "ja",
                 "--gemeld", "2026-02-05", "--gezin-geinformeerd", "2026-02-06")
    assert r.code == 0, r
    assert "meldcode" not in cli("-C", str(repo), "validate").out
    plan = cli("-C", str(repo), "plan", "2026-001").out
    assert ("- Stap 2, 3 februari 2026 (Regisseur Een (regisseur)): collegiale consultatie en zo nodig Veilig Thuis "
            "raadplegen; geraadpleegd: de aandachtsfunctionaris.\n"
            "- Stap 3, 4 februari 2026 (Regisseur Een (regisseur)): gesprek met de cliënt is niet gevoerd: het gesprek zou "
            "de veiligheid van de cliënt, een ander of de professional in gevaar brengen.\n") in plan
    export = cli("-C", str(repo), "export", "2026-001").out  # the family is informed: the inzage shows it
    assert "gesprek met de cliënt is niet gevoerd: het gesprek zou de veiligheid" in export
    show = cli("-C", str(repo), "show", "2026-001").out
    assert "  stap 3 2026-02-04 (reg): gesprek met de cliënt — overgeslagen (veiligheid)\n" in show
    memo = cli("-C", str(repo), "handover", "2026-001", "--naar", "veilig-thuis", "--reden", "acute onveiligheid")
    assert memo.code == 0, memo
    assert "gesprek met de cliënt is niet gevoerd: het gesprek zou de veiligheid" in memo.out
    assert "meldcode-overdracht" not in memo.err  # the melding is on record


def test_a_skipped_step_3_is_withheld_from_the_inzage_while_the_family_is_not_informed(cli, repo):
    assert meldcode(cli, repo, "--stap", "1", "--datum", "2026-02-02").code == 0
    assert meldcode(cli, repo, "--stap", "2", "--datum", "2026-02-03").code == 0
    assert meldcode(cli, repo, "--stap", "3", "--datum", "2026-02-04", "--overgeslagen", "geen-contact",
                    "--gezin-niet", "de partner mag niet weten dat er zorgen zijn").code == 0
    export = cli("-C", str(repo), "export", "2026-001").out
    assert "niet gevoerd" not in export and "Stap 3" not in export
    plan = cli("-C", str(repo), "plan", "2026-001").out
    assert ("- Stap 3, 4 februari 2026 (Regisseur Een (regisseur)): gesprek met de cliënt is niet gevoerd: er is geen "
            "contact met de cliënt mogelijk.\n") in plan


@pytest.mark.parametrize("args, err", [
    (["--stap", "2", "--overgeslagen", "veiligheid"],
     "fout: --overgeslagen: alleen stap 3 (gesprek met de cliënt) kan worden overgeslagen\n"),
    (["--stap", "3", "--overgeslagen", "tijd"],
     "fout: --overgeslagen: onbekende reden om stap 3 over te slaan 'tijd'; kies uit: veiligheid (het gesprek zou de "
     "veiligheid van de cliënt, een ander of de professional in gevaar brengen); geen-contact (er is geen contact met de "
     "cliënt mogelijk)\n"),
    (["--stap", "2", "--geraadpleegd", "Jan Jansen"],
     "fout: --geraadpleegd: onbekende rol 'Jan Jansen' (een rol, nooit een naam); kies uit: aandachtsfunctionaris, "
     "veilig-thuis, collega, leidinggevende, jeugdarts, huisarts\n"),
    (["--stap", "1", "--geraadpleegd", "collega"],
     "fout: --geraadpleegd: wie is geraadpleegd hoort bij stap 2 (collegiale consultatie)\n"),
    (["--overgeslagen", "veiligheid", "--gezin-niet", "de veiligheid"],
     "fout: --stap: de datum, wie, de toelichting en de antwoorden horen bij een stap: geef de stap\n"),
])
def test_skips_and_roles_that_do_not_fit_are_refused_and_write_nothing(cli, repo, args, err):
    assert meldcode(cli, repo, "--stap", "1", "--datum", "2026-02-02").code == 0
    assert meldcode(cli, repo, "--stap", "2", "--datum", "2026-02-03").code == 0
    head, before = git(repo, "rev-parse", "HEAD"), casus(repo)
    r = meldcode(cli, repo, *args)
    assert (r.code, r.err) == (2, err), r
    assert casus(repo) == before and git(repo, "rev-parse", "HEAD") == head and git(repo, "status", "--porcelain") == ""


def test_a_decision_for_hulp_sets_the_day_question_5_is_due(cli, repo):
    until_hulp(cli, repo)
    assert casus(repo).endswith(
        "    - stap: 2\n      datum: 2026-02-03\n      wie: reg\n      veilig_thuis_geraadpleegd: true\n"
        "      geraadpleegd: [aandachtsfunctionaris]\n"
        "    - stap: 3\n      datum: 2026-02-04\n      wie: reg\n      overgeslagen: veiligheid\n"
        "    - stap: 4\n      datum: 2026-02-05\n      wie: reg\n      afweging:\n        vermoeden: true\n"
        "        onveilig: false\n        zelf_hulp: true\n        hulp_geaccepteerd: true\n"
        "    - stap: 5\n      datum: 2026-02-06\n      wie: reg\n      besluit:\n        - hulp\n"
        "      vraag5_voor: 2026-05-08\n")  # 91 days: termijnen.meldcode_vraag5 by default
    show = cli("-C", str(repo), "show", "2026-001", "--format", "json")
    assert '"vraag5_voor": "2026-05-08"' in show.out and '"geraadpleegd": [\n' in show.out


def test_the_term_for_question_5_comes_from_regie_yaml_or_the_command(cli, repo):
    edit(repo / "regie.yaml", "opschaling:", "termijnen:\n  meldcode_vraag5: 30\nopschaling:")
    git(repo, "commit", "-qam", "termijn")
    until_hulp(cli, repo)
    assert "      vraag5_voor: 2026-03-08\n" in casus(repo)
    r = meldcode(cli, repo, "--stap", "5", "--datum", "2026-02-07", "--besluit", "hulp", "--vraag5-voor", "2026-04-01")
    assert r.code == 0 and "vraag 5 (Leidt de hulp binnen de gestelde termijn tot duurzame veiligheid?) beantwoorden " \
                           "uiterlijk 2026-04-01" in r.err
    assert casus(repo).endswith("      besluit:\n        - hulp\n      vraag5_voor: 2026-04-01\n")
    r = meldcode(cli, repo, "--stap", "5", "--datum", "2026-02-07", "--besluit", "hulp", "--vraag5-voor", "2026-02-01")
    assert (r.code, r.err) == (2, "fout: --vraag5-voor: vraag 5 uiterlijk 2026-02-01 ligt voor het besluit (2026-02-07)\n")
    r = meldcode(cli, repo, "--stap", "4", "--vraag5-voor", "2026-04-01", "--vermoeden", "nee")
    assert (r.code, r.err) == (2, "fout: --vraag5-voor: de datum voor vraag 5 hoort bij stap 5 met besluit hulp\n")


WARNING_Q5 = ("casussen/2026-001/casus.yaml:{line}: [meldcode-vraag5] waarschuwing: meldcode: na het besluit tot hulp van "
              "2026-02-06 is vraag 5 van het afwegingskader (Leidt de hulp binnen de gestelde termijn tot duurzame "
              "veiligheid?) nog niet beantwoord; dat moest uiterlijk 2026-05-08: 'regie meldcode 2026-001 --stap 4 … "
              "--duurzaam-veilig ja|nee'")


def test_validate_warns_once_question_5_is_overdue_and_not_after_it_is_answered(cli, repo):
    until_hulp(cli, repo)
    root = ("-C", str(repo))
    assert "meldcode-vraag5" not in cli(*root, "--today", "2026-05-08", "validate").out  # on the day itself: not yet
    late = cli(*root, "--today", "2026-05-09", "validate")
    line = casus(repo).splitlines().index("    - stap: 5") + 1
    assert WARNING_Q5.format(line=line) in late.out.splitlines(), late.out
    # a decision for hulp written by hand, without the day, is due termijnen.meldcode_vraag5 days after it
    edit(repo / C / "casus.yaml", "      vraag5_voor: 2026-05-08\n", "")
    git(repo, "commit", "-qam", "met de hand")
    assert WARNING_Q5.format(line=line) in cli(*root, "--today", "2026-05-09", "validate").out.splitlines()
    r = cli(*root, "--today", "2026-05-09", "meldcode", "2026-001", "--stap", "4", "--vermoeden", "ja", "--onveilig", "nee",
            "--zelf-hulp", "ja", "--hulp-geaccepteerd", "ja", "--duurzaam-veilig", "ja")
    assert r.code == 0, r
    assert "meldcode" not in cli(*root, "--today", "2026-05-09", "validate").out


def test_close_refuses_while_question_5_is_open_unless_a_reason_is_recorded(cli, repo):
    until_hulp(cli, repo)
    root = ("-C", str(repo))
    head, before = git(repo, "rev-parse", "HEAD"), casus(repo)
    r = cli(*root, "close", "2026-001", "--reden", "doelen-bereikt", "--zonder-evaluatie", "--force")
    assert (r.code, r.err) == (1, (
        "fout: casus 2026-001: na het besluit tot hulp van 2026-02-06 is vraag 5 van de meldcode (leidt de hulp tot "
        "duurzame veiligheid?) nog niet beantwoord (uiterlijk 2026-05-08); beantwoord die met 'regie meldcode 2026-001 "
        "--stap 4 … --duurzaam-veilig ja|nee' of sluit met 'regie close 2026-001 … --vraag5-open REDEN' (de reden wordt "
        "vastgelegd)\n")), r
    assert casus(repo) == before and git(repo, "rev-parse", "HEAD") == head
    r = cli(*root, "close", "2026-001", "--reden", "doelen-bereikt", "--zonder-evaluatie", "--force",
            "--vraag5-open", "het gezin is verhuisd; de hulp loopt door bij het wijkteam daar")
    assert r.code == 0, r
    text = casus(repo)
    assert "      vraag5_voor: 2026-05-08\n  vraag5_open_bij_sluiting: het gezin is verhuisd; de hulp loopt door bij " \
           "het wijkteam daar\n" in text and "\nstatus: gesloten" in text
    assert git(repo, "log", "-1", "--format=%s") == "regie close: casus 2026-001 gesloten\n"
    assert "meldcode" not in cli(*root, "validate").out
    export = cli(*root, "export", "2026-001").out
    assert "Gesloten terwijl vraag 5 (duurzame veiligheid) nog open was: het gezin is verhuisd" in export


def test_a_reason_for_question_5_without_an_open_question_is_refused(cli, repo):
    r = cli("-C", str(repo), "close", "2026-001", "--reden", "doelen-bereikt", "--zonder-evaluatie", "--force",
            "--vraag5-open", "x")
    assert (r.code, r.err) == (2, "fout: --vraag5-open: vraag 5 van de meldcode staat niet open; een reden om zonder "
                                  "antwoord te sluiten hoort er niet bij\n")


def test_the_example_case_with_hulp_does_not_close_without_question_5(cli, examples_repo):
    r = cli("-C", str(examples_repo), "close", "2026-003", "--reden", "doelen-bereikt", "--zonder-evaluatie", "--force")
    assert r.code == 1 and "vraag 5 van de meldcode" in r.err and "(uiterlijk 2027-02-16)" in r.err


HANDOVER_WARNING = ("casussen/2026-001/casus.yaml:{line}: [meldcode-overdracht] waarschuwing: de regie is op 2026-11-26 "
                    "overgedragen aan Veilig Thuis (veilig-thuis), maar de meldcode heeft geen melding (stap 5 met besluit "
                    "melden en de datum van de melding): 'regie meldcode 2026-001 --stap 5 --besluit melden --gemeld DATUM'")


def test_a_handover_to_veilig_thuis_while_step_5_said_hulp_warns(cli, repo):
    until_hulp(cli, repo)
    root = ("-C", str(repo))
    r = cli(*root, "handover", "2026-001", "--naar", "veilig-thuis", "--tijdelijk", "--reden", "zorgen nemen toe")
    assert r.code == 0, r
    line = next(i for i, x in enumerate(casus(repo).splitlines(), 1) if x == "    organisatie: veilig-thuis")
    assert HANDOVER_WARNING.format(line=line) in r.err.splitlines()
    assert HANDOVER_WARNING.format(line=line) in cli(*root, "validate").out.splitlines()
    r = cli(*root, "meldcode", "2026-001", "--stap", "5", "--besluit", "melden", "--gemeld", "2026-11-26")
    assert r.code == 0, r
    assert "meldcode-overdracht" not in cli(*root, "validate").out
    # back with the network, the warning is gone whatever the meldcode says
    edit(repo / C / "casus.yaml", "      gemeld: 2026-11-26\n", "")
    edit(repo / C / "casus.yaml", "besluit:\n        - melden\n", "besluit:\n        - hulp\n")
    git(repo, "commit", "-qam", "met de hand")
    assert "meldcode-overdracht" in cli(*root, "validate").out
    assert cli(*root, "handover", "2026-001", "--terug", "--reden", "terug").code == 0
    assert "meldcode-overdracht" not in cli(*root, "validate").out


def test_hand_written_fields_on_the_wrong_step_are_findings(cli, repo):
    until_hulp(cli, repo)
    edit(repo / C / "casus.yaml", "    - stap: 4\n      datum: 2026-02-05\n      wie: reg\n",
         "    - stap: 4\n      datum: 2026-02-05\n      wie: reg\n      geraadpleegd: [collega]\n      overgeslagen: geen-contact\n")
    out = [x for x in cli("-C", str(repo), "validate", "2026-001").out.splitlines() if "[meldcode-stap]" in x]
    roles4 = casus(repo).splitlines().index("      geraadpleegd: [collega]") + 1
    assert out == [
        f"casussen/2026-001/casus.yaml:{roles4}: [meldcode-stap] meldcode stap 4 (wegen aan de hand van het "
        "afwegingskader): 'geraadpleegd' hoort bij stap 2",
        f"casussen/2026-001/casus.yaml:{roles4 + 1}: [meldcode-stap] meldcode stap 4 (wegen aan de hand van het "
        "afwegingskader): alleen stap 3 (gesprek met de cliënt) kan worden overgeslagen",
    ], out
    edit(repo / C / "casus.yaml", "      overgeslagen: veiligheid\n", "      overgeslagen: misschien\n")
    out = [x for x in cli("-C", str(repo), "validate", "2026-001").out.splitlines() if "[meldcode-stap]" in x or "[schema]" in x]
    skip3 = casus(repo).splitlines().index("      overgeslagen: misschien") + 1
    assert out == [f"casussen/2026-001/casus.yaml:{skip3}: [schema] meldcode.stappen[3].overgeslagen: ongeldige waarde "
                   "'misschien'; kies uit: veiligheid, geen-contact"], out
