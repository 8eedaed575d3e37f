"""Generated documents: agenda, Plan van Aanpak, escalation memo — golden files, writing, templates."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES, assert_golden, edit, git, write_tree

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
    assert (r.code, r.err) == (0, "plan van aanpak van casus 2026-007 vastgesteld (versie 1)\n"), r
    diff = git(examples_repo, "show", "--format=%s", "--unified=0", "HEAD")
    assert diff.startswith("regie plan: plan van aanpak van casus 2026-007 vastgesteld (versie 1)\n")
    changed = [line for line in diff.splitlines() if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))]
    assert changed == [
        "-status: plan", "+status: uitvoering",
        "-vastgesteld: null", "-volgende_evaluatie: null",
        "+vastgesteld: 2026-11-25", "+volgende_evaluatie: 2027-02-23",
    ]
    again = cli("-C", str(examples_repo), "plan", "2026-007", "--vaststellen")
    assert (again.code, again.err) == (
        1, "fout: versie 1 van het plan is al vastgesteld op 2026-11-25 en is sindsdien niet gewijzigd\n")
    plan = examples_repo / "casussen/2026-007/plan.md"
    plan.write_text(plan.read_text() + "\nNieuwe afspraak met de nicht.\n")
    git(examples_repo, "commit", "-qam", "plan bijgewerkt")
    r = cli("-C", str(examples_repo), "plan", "2026-007", "--vaststellen")
    assert (r.code, r.err) == (0, "plan van aanpak van casus 2026-007 vastgesteld (versie 2)\n")
    assert "versie: 2\nvastgesteld: 2026-11-26\n" in plan.read_text()


def test_plan_of_unknown_case_and_without_plan(cli):
    assert cli(*EX, "plan", "2026-404").err == "fout: onbekende casus '2026-404': geen map casussen/2026-404\n"
    r = cli(*EX, "plan", "2026-003")
    assert (r.code, r.err) == (1, "fout: casus 2026-003 heeft nog geen plan.md\n")


def test_escalate_next_level_memo_and_commit(cli, examples_repo):
    r = cli("-C", str(examples_repo), "escalate", "2026-006", "--over", "ggz-delta",
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
        "  - id: E3\n"
        "    datum: 2026-11-26\n"
        "    niveau: 3\n"
        "    over: ggz-delta\n"
        "    reden: Ook na de brandpuntfunctionaris geen start van de behandeling\n"
        "    verzoek: Besluit van de stuurgroep over capaciteit\n"
        "    afspraken: [A1]\n"
    )
    assert text.startswith("# Getrapte opschaling: eerst de leidinggevende, daarna de brandpuntfunctionaris.\n")


def test_escalate_skipping_needs_spoed_and_top_is_refused(cli, examples_repo):
    root = ("-C", str(examples_repo))
    r = cli(*root, "escalate", "2026-001", "--over", "schuldhulp", "--reden", "geen start", "--niveau", "3")
    assert (r.code, r.err) == (1, "fout: niveau 3 slaat niveau 1 (Leidinggevende van de betrokken organisatie) over; "
                                  "dat kan alleen met --spoed, en wordt dan vastgelegd\n")
    assert not (examples_repo / "casussen/2026-001/escalaties.yaml").exists()
    r = cli(*root, "escalate", "2026-001", "--over", "schuldhulp", "--reden", "geen start", "--niveau", "3", "--spoed",
            "-o", str(examples_repo.parent / "memo.md"))
    assert r.code == 0 and r.out == ""
    assert "spoed: true" in (examples_repo / "casussen/2026-001/escalaties.yaml").read_text()
    assert "met spoed, een niveau overgeslagen" in (examples_repo.parent / "memo.md").read_text()
    assert cli(*root, "escalate", "2026-001", "--over", "schuldhulp", "--reden", "nog steeds niet").code == 0
    r = cli(*root, "escalate", "2026-001", "--over", "schuldhulp", "--reden", "en nu?")
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
    assert cli(*root, "validate").out == ""


@pytest.mark.parametrize("args, code, err", [
    (["2026-006", "--over", "nergens", "--reden", "x"], 1, "fout: onbekende organisatie 'nergens' (bekend in regie.yaml: "
     "ggd, ggz-delta, huisarts, jeugdbescherming, maatschappelijk-werk, opvang, politie, schuldhulp, veilig-thuis, wijkteam, woonstad)\n"),
    (["2026-006", "--over", "ggz-delta"], 2, "fout: ontbrekende waarde(n): --reden\n"),
    (["2026-006", "--over", "ggz-delta", "--reden", "x", "--afspraak", "A9"], 1, "fout: casus 2026-006 heeft geen afspraak 'A9' (wel: A1, A2, A3)\n"),
    (["2026-006", "--over", "ggz-delta", "--reden", "x", "--niveau", "7"], 2,
     "fout: niveau 7 staat niet in de opschalingsladder (1: Leidinggevende van de betrokken organisatie, 2: Brandpuntfunctionaris, "
     "3: Stuurgroep Zorg en Veiligheid, 4: Wethouder Zorg)\n"),
    (["2025-014", "--over", "schuldhulp", "--reden", "x"], 1, "fout: casus 2025-014 is gesloten; opschalen kan niet meer\n"),
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
    assert r.err.startswith(f"fout: {examples_repo}/templates/agenda.md.j2:3: fout in template: ")
    assert "Traceback" not in r.err


@pytest.mark.parametrize("args, written", [
    (["plan", "2026-007", "--vaststellen"], ["casussen/2026-007/casus.yaml", "casussen/2026-007/plan.md"]),
    (["escalate", "2026-001", "--over", "schuldhulp", "--reden", "geen start"],
     ["casussen/2026-001/escalaties.yaml", "casussen/2026-001/verstrekkingen.yaml"]),
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
