"""Generated documents: agenda, Plan van Aanpak, escalation memo — golden files, writing, templates."""

from __future__ import annotations

import json

import pytest
from conftest import CONSENT_GAP, CTI_LONG, EXAMPLES, MEMO, assert_golden, edit, git, write_tree

EX = ("-C", str(EXAMPLES))


def test_agenda_markdown_golden(cli):
    r = cli(*EX, "agenda", "--datum", "2026-12-01")
    assert r.code == 0, r
    assert_golden("agenda-2026-12-01.md", r.out)


def test_agenda_html_golden(cli):
    r = cli(*EX, "agenda", "--datum", "2026-12-01", "--html")
    assert r.code == 0, r
    assert r.out.startswith("<!DOCTYPE html>")
    assert_golden("agenda-2026-12-01.html", r.out)
    assert cli(*EX, "agenda", "--datum", "2026-12-01", "--format", "html").out == r.out


def test_agenda_lists_cases_by_id_only(cli):
    out = cli(*EX, "agenda", "--datum", "2026-12-01").out
    for pseudonym in ("Meneer H.", "Gezin K.", "Mevrouw T.", "Mevrouw R.", "Gezin M.", "Meneer D.", "Mevrouw S."):
        assert pseudonym not in out


def test_agenda_write_stores_and_commits(cli, examples_repo):
    r = cli("-C", str(examples_repo), "agenda", "--datum", "2026-12-01", "--write")
    assert (r.code, r.out, r.err) == (0, "overleggen/2026-12-01.md\n", "agenda bewaard en gecommit\n")
    text = (examples_repo / "overleggen/2026-12-01.md").read_text()
    assert text.startswith("---\ndatum: 2026-12-01\nsoort: netwerkoverleg\n---\n# Agenda netwerkoverleg 1 december 2026\n")
    assert "\n# Verslag\n" in text and "\n## Casus 2026-006\n" in text
    assert git(examples_repo, "log", "-1", "--format=%s") == "regie agenda: netwerkoverleg 2026-12-01\n"
    assert git(examples_repo, "show", "--name-only", "--format=", "HEAD").split() == ["overleggen/2026-12-01.md"]
    again = cli("-C", str(examples_repo), "agenda", "--datum", "2026-12-01", "--write")
    assert (again.code, again.err) == (1, "fout: overleggen/2026-12-01.md bestaat al; het verslag daarin wordt niet overschreven\n")
    assert (examples_repo / "overleggen/2026-12-01.md").read_text() == text


def test_agenda_write_with_html_is_wrong_usage(cli, examples_repo):
    r = cli("-C", str(examples_repo), "agenda", "--write", "--html")
    assert r.code == 2 and not (examples_repo / "overleggen/2026-11-26.md").exists()


@pytest.mark.parametrize("case", ["2026-001", "2026-007"])
def test_plan_markdown_golden(cli, case):
    r = cli(*EX, "plan", case)
    assert r.code == 0, r
    assert_golden(f"plan-{case}.md", r.out)


def test_plan_html_golden(cli):
    r = cli(*EX, "plan", "2026-001", "--html")
    assert r.code == 0, r
    assert_golden("plan-2026-001.html", r.out)


def test_plan_html_escapes_dossier_text(cli, dossier):
    edit(dossier / "casussen/2026-001/plan.md", "# Plan", "# Plan\n\nTekst <script>alert(1)</script>")
    edit(dossier / "casussen/2026-001/plan.md", "doel: Woning behouden", "doel: Woning <b>behouden</b>")
    out = cli("-C", str(dossier), "plan", "2026-001", "--html").out
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "Woning &lt;b&gt;behouden&lt;/b&gt;" in out


def test_plan_vaststellen(cli, examples_repo):
    r = cli("-C", str(examples_repo), "plan", "2026-007", "--vaststellen", "--datum", "2026-11-25")
    assert (r.code, r.err) == (0, "casussen/2026-007/plan.md:2: [akkoord-client] waarschuwing: het plan is in uitvoering, maar "
                                  "het antwoord van de cliënt op versie 1 ontbreekt; leg het vast met 'regie plan 2026-007 "
                                  "--akkoord-client DATUM' of 'regie plan 2026-007 --niet-akkoord-client DATUM --reden ...'\n"
                                  "plan van aanpak van casus 2026-007 vastgesteld (versie 1)\n"), r
    diff = git(examples_repo, "show", "--format=%s", "--unified=0", "HEAD")
    assert diff.startswith("regie plan: plan van aanpak van casus 2026-007 vastgesteld (versie 1)\n")
    changed = [line for line in diff.splitlines() if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))]
    assert changed == [
        "-status: plan", "+status: uitvoering",
        "-vastgesteld: null", "-volgende_evaluatie: null",
        "+vastgesteld: 2026-11-25", "+vastgesteld_doelen: a21d1088d64b", "+volgende_evaluatie: 2027-02-23",
    ]
    again = cli("-C", str(examples_repo), "plan", "2026-007", "--vaststellen")
    assert (again.code, again.err) == (
        1, "fout: versie 1 van het plan is al vastgesteld op 2026-11-25 en is sindsdien niet gewijzigd\n")
    plan = examples_repo / "casussen/2026-007/plan.md"
    plan.write_text(plan.read_text() + "\nNieuwe afspraak met de nicht.\n")
    git(examples_repo, "commit", "-qam", "plan bijgewerkt")
    r = cli("-C", str(examples_repo), "plan", "2026-007", "--vaststellen")
    assert r.code == 0 and r.err.endswith("plan van aanpak van casus 2026-007 vastgesteld (versie 2)\n"), r
    assert "[akkoord-client] waarschuwing: het plan is in uitvoering, maar het antwoord van de cliënt op versie 2 ontbreekt" in r.err
    assert "versie: 2\nvastgesteld: 2026-11-26\nvastgesteld_doelen: a21d1088d64b\n" in plan.read_text()


def test_plan_of_unknown_case_and_without_plan(cli):
    assert cli(*EX, "plan", "2026-404").err == "fout: onbekende casus '2026-404': geen map casussen/2026-404\n"
    r = cli(*EX, "plan", "2026-003")
    assert (r.code, r.err) == (1, "fout: casus 2026-003 heeft nog geen plan.md\n")


def test_escalate_next_level_memo_and_commit(cli, examples_repo):
    r = cli("-C", str(examples_repo), "escalate", "2026-006", "--over", "ggz-delta",
            "--betreft", "Start van de behandeling van de cliënt bij GGZ Delta",
            "--geprobeerd", "Twee keer overleg met de teamleider en een besluit van de brandpuntfunctionaris (E2).",
            "--gevolg", "De cliënt wacht al drie maanden; zonder behandeling dreigt opnieuw huisuitzetting.",
            "--reactie-voor", "2026-12-04",
            "--reden", "Ook na de brandpuntfunctionaris geen start van de behandeling",
            "--verzoek", "Besluit van de stuurgroep over capaciteit", "--afspraak", "A1")
    assert r.code == 0, r
    assert r.err == ("escalatie E2 afgesloten: opgeschaald naar niveau 3\n"
                     "escalatie E3 vastgelegd: niveau 3 (Stuurgroep Zorg en Veiligheid)\n")
    assert_golden("memo-2026-006-E3.md", r.out)
    assert "Meneer D." not in r.out
    assert git(examples_repo, "log", "-1", "--format=%s") == "regie escalate: casus 2026-006 opgeschaald naar niveau 3\n"
    text = (examples_repo / "casussen/2026-006/escalaties.yaml").read_text()
    assert text.endswith(
        "    afspraken: [A1]\n"
        "    uitkomst: opgeschaald naar niveau 3 (E3)\n"
        "    afgesloten: 2026-11-26\n"
        "    opgeschaald_naar: E3\n"
        "  - id: E3\n"
        "    datum: 2026-11-26\n"
        "    niveau: 3\n"
        "    over: ggz-delta\n"
        "    betreft: Start van de behandeling van de cliënt bij GGZ Delta\n"
        "    reden: Ook na de brandpuntfunctionaris geen start van de behandeling\n"
        "    verzoek: Besluit van de stuurgroep over capaciteit\n"
        "    geprobeerd: Twee keer overleg met de teamleider en een besluit van de brandpuntfunctionaris (E2).\n"
        "    gevolg: De cliënt wacht al drie maanden; zonder behandeling dreigt opnieuw huisuitzetting.\n"
        "    reactie_voor: 2026-12-04\n"
        "    afspraken: [A1]\n"
    )
    assert text.startswith("# yaml-language-server: $schema=../../.regie/schemas/escalaties.schema.json\n# Getrapte opschaling: eerst de leidinggevende, daarna de brandpuntfunctionaris.\n")
    # the memo as it was sent stays in the case, in the same commit
    assert (examples_repo / "casussen/2026-006/escalaties/E3.md").read_text() == r.out
    assert sorted(git(examples_repo, "show", "--name-only", "--format=", "HEAD").split()) == [
        "casussen/2026-006/escalaties.yaml", "casussen/2026-006/escalaties/E3.md", "casussen/2026-006/verstrekkingen.yaml"]


def test_escalate_skipping_needs_spoed_and_top_is_refused(cli, examples_repo):
    root = ("-C", str(examples_repo))
    r = cli(*root, "escalate", "2026-001", "--over", "schuldhulp", *MEMO, "--reden", "geen start", "--niveau", "3")
    assert (r.code, r.err) == (1, "fout: --spoed: niveau 3 slaat niveau 1 (Leidinggevende van de betrokken organisatie) over; "
                                  "dat kan alleen met spoed, en wordt dan vastgelegd\n")
    assert not (examples_repo / "casussen/2026-001/escalaties.yaml").exists()
    r = cli(*root, "escalate", "2026-001", "--over", "schuldhulp", *MEMO, "--reden", "geen start", "--niveau", "3", "--spoed",
            "-o", str(examples_repo.parent / "memo.md"))
    assert r.code == 0 and r.out == ""
    assert "spoed: true" in (examples_repo / "casussen/2026-001/escalaties.yaml").read_text()
    assert "met spoed, een niveau overgeslagen" in (examples_repo.parent / "memo.md").read_text()
    assert cli(*root, "escalate", "2026-001", "--over", "schuldhulp", *MEMO, "--reden", "nog steeds niet").code == 0
    r = cli(*root, "escalate", "2026-001", "--over", "schuldhulp", *MEMO, "--reden", "en nu?")
    assert (r.code, r.err) == (1, "fout: al opgeschaald tot het hoogste niveau van de ladder (4: Wethouder Zorg) over "
                                  "Schuldhulpverlening Zuiderhaven; hoger kan niet\n")


def test_escalate_resolve(cli, examples_repo):
    root = ("-C", str(examples_repo))
    r = cli(*root, "escalate", "2026-006", "--resolve", "--uitkomst", "FACT start op 1 december")
    assert (r.code, r.err) == (0, "escalatie E2 van casus 2026-006 afgesloten\n")
    text = (examples_repo / "casussen/2026-006/escalaties.yaml").read_text()
    assert text.endswith("    afspraken: [A1]\n    uitkomst: FACT start op 1 december\n    afgesloten: 2026-11-26\n")
    r = cli(*root, "escalate", "2026-006", "--resolve", "--uitkomst", "x")
    assert (r.code, r.err) == (1, "fout: casus 2026-006 heeft geen open escalatie\n")
    assert cli(*root, "validate").out == (f"casussen/2026-004/afspraken.yaml:29: [toestemming-leefgebied] waarschuwing: "
                                          f"{CONSENT_GAP}\n{CTI_LONG}\n")


@pytest.mark.parametrize("args, code, err", [
    (["2026-006", "--over", "nergens", *MEMO, "--reden", "x"], 2, "fout: --over: onbekende organisatie 'nergens' (bekend in regie.yaml: "
     "ggd, ggz-delta, huisarts, jeugdbescherming, maatschappelijk-werk, opvang, politie, schuldhulp, veilig-thuis, wijkteam, woonstad; "
     "of 'client' voor een impasse met de cliënt)\n"),
    (["2026-006", "--over", "ggz-delta"], 2, "fout: ontbrekende waarde(n): --reden, --geprobeerd, --gevolg\n"),
    (["2026-006", "--over", "ggz-delta", *MEMO, "--reden", "x", "--afspraak", "A9"], 1, "fout: casus 2026-006 heeft geen afspraak 'A9' (wel: A1, A2, A3)\n"),
    (["2026-006", "--over", "ggz-delta", *MEMO, "--reden", "x", "--niveau", "7"], 2,
     "fout: niveau 7 staat niet in de opschalingsladder (1: Leidinggevende van de betrokken organisatie, 2: Brandpuntfunctionaris, "
     "3: Stuurgroep Zorg en Veiligheid, 4: Wethouder Zorg)\n"),
    (["2025-014", "--over", "schuldhulp", *MEMO, "--reden", "x"], 1, "fout: casus 2025-014 is gesloten; opschalen kan niet meer\n"),
])
def test_escalate_refusals(cli, examples_repo, args, code, err):
    head = git(examples_repo, "rev-parse", "HEAD")
    r = cli("-C", str(examples_repo), "escalate", *args)
    assert (r.code, r.err) == (code, err)
    assert git(examples_repo, "rev-parse", "HEAD") == head and git(examples_repo, "status", "--porcelain") == ""


def test_dossier_template_overrides_builtin(cli, examples_repo):
    write_tree(examples_repo, {"templates/plan-van-aanpak.md.j2": "Eigen plan voor {{ plan.casus }}, versie {{ plan.versie }}\n"})
    assert cli("-C", str(examples_repo), "plan", "2026-001").out == "Eigen plan voor 2026-001, versie 2\n"


def test_template_naming_a_missing_field(cli, examples_repo):
    write_tree(examples_repo, {"templates/plan-van-aanpak.md.j2": "regel 1\n{{ plan.bestaat_niet }}\n"})
    r = cli("-C", str(examples_repo), "plan", "2026-001")
    assert r.code == 1 and r.out == ""
    assert r.err == ("fout: templates/plan-van-aanpak.md.j2:2: template gebruikt een veld dat er niet is: "
                     "'regie.work.planning.PlanView object' has no attribute 'bestaat_niet'\n")


def test_user_template_with_syntax_error(cli, examples_repo):
    write_tree(examples_repo, {"templates/agenda.md.j2": "# Agenda\n{% for x in agenda.escalaties %}\n{{ x.casus }\n"})
    r = cli("-C", str(examples_repo), "agenda")
    assert r.code == 1 and r.out == ""
    assert r.err == "fout: templates/agenda.md.j2:3: fout in sjabloon: onverwacht '}'\n"
    assert "Traceback" not in r.err


@pytest.mark.parametrize("args, written", [
    (["plan", "2026-007", "--vaststellen"], ["casussen/2026-007/casus.yaml", "casussen/2026-007/plan.md"]),
    (["escalate", "2026-001", "--over", "schuldhulp", *MEMO, "--reden", "geen start"],
     ["casussen/2026-001/escalaties.yaml", "casussen/2026-001/escalaties/E1.md", "casussen/2026-001/verstrekkingen.yaml"]),
    (["agenda", "--write"], ["overleggen/2026-11-26.md"]),
])
def test_mutations_commit_only_what_they_wrote(cli, examples_repo, args, written):
    edit(examples_repo / "regie.yaml", "    jaren: 20\n", "    jaren: 21\n")
    git(examples_repo, "add", "regie.yaml")
    edit(examples_repo / "casussen/2026-002/melding.yaml", "urgentie: middel", "urgentie: hoog")
    r = cli("-C", str(examples_repo), *args)
    assert r.code == 0, r
    assert sorted(git(examples_repo, "show", "--name-only", "--format=", "HEAD").split()) == written
    assert git(examples_repo, "status", "--porcelain").splitlines() == [" M casussen/2026-002/melding.yaml", "M  regie.yaml"]


def test_escalate_about_the_client_needs_no_organisation(cli, examples_repo):
    root = ("-C", str(examples_repo))
    r = cli(*root, "escalate", "2026-001", "--over", "client", *MEMO, "--reden", "meneer weigert elke hulp",
            "--verzoek", "advies over drang")
    assert r.code == 0, r
    assert "| Betreft | meneer weigert elke hulp |\n| Over | een impasse in de samenwerking met de cliënt |\n" in r.out
    assert "- Dit is de eerste stap over de cliënt.\n" in r.out
    text = (examples_repo / "casussen/2026-001/escalaties.yaml").read_text()
    assert "    over: client\n" in text
    # the first level of the client's ladder is the regisseur: recorded as a verstrekking to their own organisation
    shared = (examples_repo / "casussen/2026-001/verstrekkingen.yaml").read_text()
    assert "    aan: ggd\n    ontvanger: Regisseur met het netwerk\n" in shared
    assert cli(*root, "validate", "2026-001").out == ""
    assert "open escalatie E1: niveau 1 over de cliënt sinds 2026-11-26" in cli(*root, "show", "2026-001").out
    assert "omdat de samenwerking met u vastliep" in cli(*root, "export", "2026-001").out


def test_afschalen_steps_down_with_the_agreements_that_follow_it(cli, examples_repo):
    root = ("-C", str(examples_repo))
    r = cli(*root, "escalate", "2026-006", "--voorstel", "FACT start met twee huisbezoeken per week")
    assert r.code == 0 and r.err.endswith("\nvoorstel vastgelegd bij escalatie E2 van casus 2026-006\n"), r
    r = cli(*root, "escalate", "2026-006", "--afschalen", "--reden", "FACT is gestart", "--afspraak", "A3")
    assert r.code == 0 and r.err.endswith("escalatie E2 afgeschaald: verder op niveau 1 (E3)\n"), r
    text = (examples_repo / "casussen/2026-006/escalaties.yaml").read_text()
    assert text.endswith(
        "    verzoek: Doorbraak op de start van de behandeling\n"
        "    voorstel: FACT start met twee huisbezoeken per week\n"
        "    afspraken: [A1]\n"
        "    uitkomst: afgeschaald naar niveau 1\n"
        "    afgesloten: 2026-11-26\n"
        "    afschaling:\n      niveau: 1\n      reden: FACT is gestart\n      afspraken: [A3]\n"
        "  - id: E3\n    datum: 2026-11-26\n    niveau: 1\n    over: ggz-delta\n    reden: FACT is gestart\n"
        "    afspraken: [A3]\n    afgeschaald_van: E2\n")
    assert git(examples_repo, "log", "-2", "--format=%s").splitlines() == [
        "regie escalate: casus 2026-006 afgeschaald naar niveau 1",
        "regie escalate: voorstel bij escalatie E2 van casus 2026-006",
    ]
    r = cli(*root, "escalate", "2026-006", "--afschalen", "--reden", "rustig", "--afspraak", "A3")
    assert (r.code, r.err) == (0, "escalatie E3 afgeschaald: terug bij de regisseur en het netwerk\n"), r
    assert cli(*root, "validate", "2026-006").out == ""
    edit(examples_repo / "regie.yaml", "  min_aantal: 5", "  min_aantal: 1")  # every figure exact
    report = json.loads(cli(*root, "report", "--year", "2026", "--format", "json").out)["escalaties"]
    # E1 resolved at its level, E2 and E3 stepped down: all three resolved at their own level
    assert (report["opgelost"], report["afgeschaald"]) == (3, 2)


@pytest.mark.parametrize("args, code, err", [
    (["2026-001", "--afschalen", "--reden", "x", "--afspraak", "A3"], 1, "fout: casus 2026-001 heeft geen open escalatie\n"),
    (["2026-006", "--afschalen", "--afspraak", "A3"], 2, "fout: --afschalen heeft --reden nodig\n"),
    (["2026-006", "--afschalen", "--reden", "x"], 2,
     "fout: --afspraak: afschalen heeft de afspraken nodig waarmee het netwerk de situatie volgt (herhaalbaar)\n"),
    (["2026-006", "--afschalen", "--reden", "x", "--afspraak", "A2"], 1,
     "fout: casus 2026-006 heeft geen open afspraak 'A2' (open: A1, A3); maak die eerst met 'regie afspraak add 2026-006 …'\n"),
    (["2026-006", "--afschalen", "--reden", "x", "--afspraak", "A3", "--naar-niveau", "2"], 2,
     "fout: afschalen van niveau 2 kan naar een lager niveau van de ladder (1) of naar 0 (terug bij de regisseur en het "
     "netwerk), niet naar 2\n"),
    (["2026-006", "--afschalen", "--resolve", "--uitkomst", "x"], 2, "fout: kies één van --resolve, --afschalen en --voorstel\n"),
    (["2026-006", "--voorstel", " "], 2, "fout: --voorstel: het voorstel mag niet leeg zijn\n"),
    (["2026-006", "--voorstel", "x", "--escalatie", "E1"], 1, "fout: escalatie E1 is al afgesloten op 2026-08-15\n"),
])
def test_afschalen_and_voorstel_refusals(cli, examples_repo, args, code, err):
    head = git(examples_repo, "rev-parse", "HEAD")
    r = cli("-C", str(examples_repo), "escalate", *args)
    assert (r.code, r.err) == (code, err), r
    assert git(examples_repo, "rev-parse", "HEAD") == head and git(examples_repo, "status", "--porcelain") == ""


def test_opgelost_counts_only_steps_resolved_at_their_own_level(cli, examples_repo):
    root = ("-C", str(examples_repo))
    edit(examples_repo / "regie.yaml", "  min_aantal: 5", "  min_aantal: 1")  # every figure exact
    before = json.loads(cli(*root, "report", "--year", "2026", "--format", "json").out)["escalaties"]
    assert cli(*root, "escalate", "2026-006", "--over", "ggz-delta", *MEMO, "--reden", "nog steeds niet").code == 0  # E2 -> E3
    after = json.loads(cli(*root, "report", "--year", "2026", "--format", "json").out)["escalaties"]
    assert after["stappen"] == before["stappen"] + 1
    assert after["opgelost"] == before["opgelost"]  # E2 was closed because E3 went higher: not resolved
    # an older file that says so only in its uitkomst counts the same
    path = examples_repo / "casussen/2026-006/escalaties.yaml"
    path.write_text(path.read_text().replace("    opgeschaald_naar: E3\n", ""))
    git(examples_repo, "commit", "-qam", "zonder opgeschaald_naar")
    assert json.loads(cli(*root, "report", "--year", "2026", "--format", "json").out)["escalaties"]["opgelost"] == before["opgelost"]


def test_hand_written_afschaling_mistakes_are_findings(cli, examples_repo):
    path = examples_repo / "casussen/2026-006/escalaties.yaml"
    text = path.read_text().replace("    afspraken: [A1]\n", "    afspraken: [A1]\n    afschaling:\n      niveau: 3\n"
                                    "      reden: x\n      afspraken: [A8]\n    afgeschaald_van: E9\n", 1)
    path.write_text(text)
    out = [line for line in cli("-C", str(examples_repo), "validate", "2026-006").out.splitlines() if "afsch" in line or "E9" in line or "A8" in line]
    assert out == [
        "casussen/2026-006/escalaties.yaml:11: [escalatie-afschaling] E1: afgeschaald naar niveau 3; dat hoort 0 of een lager niveau van de ladder te zijn",
        "casussen/2026-006/escalaties.yaml:11: [escalatie-afspraak] E1: afspraak 'A8' bestaat niet in afspraken.yaml",
        "casussen/2026-006/escalaties.yaml:15: [escalatie-verwijzing] E1: escalatie 'E9' bestaat niet",
    ]
