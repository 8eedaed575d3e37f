"""The onderzoekende rol and the client's voice (issue 26, items 2 and 3): `regie hulp`, `regie kracht`, `regie zrm`,
`regie betrokkene kwaliteit`, `regie evaluate --score/--eigen-woorden`, `regie plan --akkoord-client` and what the
Plan van Aanpak, the inzage and the report make of them."""

from __future__ import annotations

import pytest
from conftest import git

CASUS3 = "casussen/2026-003/casus.yaml"
NET1 = "casussen/2026-001/netwerk.yaml"
PLAN7 = "casussen/2026-007/plan.md"
ALL = ("financien", "dagbesteding", "huisvesting", "huiselijke-relaties", "geestelijke-gezondheid", "lichamelijke-gezondheid",
       "middelengebruik", "basale-adl", "instrumentele-adl", "sociaal-netwerk", "maatschappelijke-participatie", "justitie")


def _last_commit(root) -> tuple[str, list[str]]:
    return (git(root, "log", "-1", "--format=%s").strip(), git(root, "show", "--name-only", "--format=", "HEAD").split())


def test_help_is_recorded_ended_and_listed_keeping_the_files_comments(cli, examples_repo):
    root = ("-C", str(examples_repo))
    before = (examples_repo / CASUS3).read_text()
    r = cli(*root, "hulp", "add", "2026-003", "--organisatie", "schuldhulp", "--van", "2025-01-10", "--tot", "2025-09-01",
            "--wat", "budgetbeheer", "--resultaat", "gestopt: geen contact")
    assert (r.code, r.out) == (0, "H1\n"), r
    assert _last_commit(examples_repo) == ("regie hulp: H1 vastgelegd in casus 2026-003", [CASUS3])
    r = cli(*root, "hulp", "add", "2026-003", "--organisatie", "Thuiszorg De Linde", "--van", "2024-05-01")
    assert (r.code, r.out) == (0, "H2\n"), r
    r = cli(*root, "hulp", "end", "2026-003", "H2", "--tot", "2026-11-01", "--resultaat", "verwezen naar de wijkverpleging")
    assert r.code == 0, r
    assert _last_commit(examples_repo) == ("regie hulp: H2 van casus 2026-003 beëindigd", [CASUS3])
    text = (examples_repo / CASUS3).read_text()
    assert text == before + (
        "hulp:\n"
        "  - id: H1\n    organisatie: schuldhulp\n    wat: budgetbeheer\n    van: 2025-01-10\n    tot: 2025-09-01\n"
        "    resultaat: 'gestopt: geen contact'\n"
        "  - id: H2\n    organisatie: Thuiszorg De Linde\n    van: 2024-05-01\n    tot: 2026-11-01\n"
        "    resultaat: verwezen naar de wijkverpleging\n")
    r = cli(*root, "hulp", "list", "2026-003")
    assert r.out == ("H1  Schuldhulpverlening Zuiderhaven (budgetbeheer)  2025-01-10 – 2025-09-01  gestopt: geen contact\n"
                     "H2  Thuiszorg De Linde  2024-05-01 – 2026-11-01  verwezen naar de wijkverpleging\n"), r
    assert cli(*root, "validate", "2026-003").code == 0


@pytest.mark.parametrize("args, code, err", [
    (["hulp", "add", "2026-003", "--organisatie", "x", "--van", "2025-02-01", "--tot", "2025-01-01"], 2,
     "fout: --tot: de einddatum 2025-01-01 ligt voor de begindatum 2025-02-01\n"),
    (["hulp", "add", "2026-003", "--organisatie", "x", "--van", "2026-12-01"], 2,
     "fout: --van: de begindatum 2026-12-01 ligt in de toekomst\n"),
    (["hulp", "end", "2026-003", "H9"], 1, "fout: casus 2026-003 heeft geen hulp 'H9' (wel: geen)\n"),
    (["hulp", "add", "2025-014", "--organisatie", "x", "--van", "2025-01-01"], 1,
     "fout: casus 2025-014 is gesloten; hulp vastleggen kan niet meer\n"),
    (["kracht", "add", "2025-014", "--wat", "x"], 1, "fout: casus 2025-014 is gesloten; krachten vastleggen kan niet meer\n"),
    (["kracht", "add", "2026-003", "--wat", "x", "--leefgebied", "nergens"], 2, "fout: --leefgebied: onbekend leefgebied 'nergens'"),
    (["kracht", "add", "2026-003", "--wat", "belt 0612345678"], 2, "fout: --wat: de kracht bevat mogelijk een telefoonnummer"),
    (["zrm", "2025-014", "financien=2"], 1, "fout: casus 2025-014 is gesloten; een meting vastleggen kan niet meer\n"),
    (["zrm", "2026-003", "financien=6"], 2, "fout: ongeldige score '6' voor financien: geef 1 tot en met 5, of nvt\n"),
    (["zrm", "2026-003", "wonen=2"], 2, "fout: onbekend leefgebied 'wonen'; kies uit: financien, dagbesteding,"),
    (["zrm", "2026-003", "financien"], 2, "fout: 'financien' is geen score; schrijf leefgebied=score, bijv. financien=2\n"),
    (["zrm", "2026-003", "financien=2"], 2, "fout: de Zelfredzaamheid-Matrix vraagt een score op elk leefgebied; ontbreekt: "
                                         "dagbesteding, huisvesting,"),
    (["betrokkene", "kwaliteit", "2026-001", "broer", "lief"], 2,
     "fout: ongeldig oordeel 'lief'; kies uit: steunend, belastend, onveilig\n"),
    (["betrokkene", "kwaliteit", "2026-001", "ggz-bemoeizorg", "steunend"], 1,
     "fout: casus 2026-001 heeft geen naaste 'ggz-bemoeizorg' (wel: broer)\n"),
    (["betrokkene", "kwaliteit", "2025-014", "x", "steunend"], 1, "fout: casus 2025-014 is gesloten; het netwerk wijzigen kan niet meer\n"),
    (["plan", "2026-002", "--niet-akkoord-client", "2026-11-20"], 2, "fout: --reden: de cliënt is niet akkoord: geef de reden\n"),
    (["plan", "2026-002", "--akkoord-client", "2026-11-20", "--niet-akkoord-client", "2026-11-20"], 2,
     "fout: --akkoord-client en --niet-akkoord-client gaan niet samen\n"),
    (["plan", "2026-002", "--akkoord-client", "2026-11-20", "--reden", "x"], 2, "fout: --reden hoort bij --niet-akkoord-client\n"),
    (["plan", "2026-002", "--akkoord-client", "2026-12-20"], 2, "fout: datum 2026-12-20 ligt in de toekomst\n"),
    (["plan", "2025-014", "--akkoord-client", "2026-11-20"], 1, "fout: casus 2025-014 is gesloten; het plan wijzigen kan niet meer\n"),
    (["evaluate", "2026-004", "--score", "financien=0", "--no-edit"], 2, "fout: ongeldige score '0' voor financien"),
    (["evaluate", "2026-004", "--score", "wonen=3", "--no-edit"], 2, "fout: onbekend leefgebied 'wonen'"),
])
def test_wrong_input_and_a_closed_case_are_refused_and_nothing_is_written(cli, examples_repo, args, code, err):
    head = git(examples_repo, "rev-parse", "HEAD")
    r = cli("-C", str(examples_repo), *args)
    assert r.code == code and r.err.startswith(err), r
    assert git(examples_repo, "rev-parse", "HEAD") == head
    assert git(examples_repo, "status", "--porcelain") == ""


def test_strengths_are_recorded_with_source_and_leefgebied(cli, examples_repo):
    root = ("-C", str(examples_repo))
    before = (examples_repo / CASUS3).read_text()
    r = cli(*root, "kracht", "add", "2026-003", "--wat", "Houdt contact met haar dochter", "--bron", "cliënt",
            "--leefgebied", "sociaal-netwerk", "--datum", "2026-11-20")
    assert (r.code, r.out) == (0, "K1\n"), r
    assert _last_commit(examples_repo) == ("regie kracht: K1 vastgelegd in casus 2026-003", [CASUS3])
    assert (examples_repo / CASUS3).read_text() == before + (
        "krachten:\n  - id: K1\n    wat: Houdt contact met haar dochter\n    datum: 2026-11-20\n    leefgebied: sociaal-netwerk\n"
        "    bron: cliënt\n")
    assert cli(*root, "kracht", "list", "2026-003").out == "K1  Houdt contact met haar dochter (sociaal-netwerk) — cliënt, 2026-11-20\n"


def test_a_zrm_measurement_scores_every_domain_of_the_network(cli, examples_repo):
    root = ("-C", str(examples_repo))
    before = (examples_repo / CASUS3).read_text()
    scores = [f"{lg}={n}" for lg, n in zip(ALL[:-1], (2, 3, 3, 3, 3, 2, 4, 2, 2, 2, 2), strict=True)] + ["justitie=nvt"]
    r = cli(*root, "zrm", "2026-003", "--datum", "2026-11-20", *scores)
    assert r.code == 0, r
    assert r.err == "nulmeting op de Zelfredzaamheid-Matrix vastgelegd in casus 2026-003 (2026-11-20)\n"
    assert _last_commit(examples_repo) == ("regie zrm: meting van 2026-11-20 in casus 2026-003", [CASUS3])
    assert (examples_repo / CASUS3).read_text() == before + (
        "zrm:\n  - datum: 2026-11-20\n    scores:\n      financien: 2\n      dagbesteding: 3\n      huisvesting: 3\n"
        "      huiselijke-relaties: 3\n      geestelijke-gezondheid: 3\n      lichamelijke-gezondheid: 2\n      middelengebruik: 4\n"
        "      basale-adl: 2\n      instrumentele-adl: 2\n      sociaal-netwerk: 2\n      maatschappelijke-participatie: 2\n"
        "      justitie: null\n")
    r = cli(*root, "zrm", "2026-003", "--datum", "2026-11-20", *scores)
    assert (r.code, r.err) == (1, "fout: casus 2026-003 heeft al een meting op 2026-11-20\n")
    r = cli(*root, "zrm", "2026-003", *scores)
    assert r.err == "meting op de Zelfredzaamheid-Matrix vastgelegd in casus 2026-003 (2026-11-26)\n", r


def test_the_domains_come_from_the_network_config(cli, examples_repo):
    config = examples_repo / "regie.yaml"
    text = config.read_text()
    assert "\nleefgebieden:" not in text
    config.write_text(text + "leefgebieden:\n  - lichamelijke-gezondheid\n  - basale-adl\n  - instrumentele-adl\n"
                             "  - sociaal-netwerk\n  - zingeving\n")
    git(examples_repo, "commit", "-qam", "eigen leefgebieden")
    root = ("-C", str(examples_repo))
    r = cli(*root, "zrm", "2026-003", "lichamelijke-gezondheid=2", "basale-adl=3", "instrumentele-adl=2", "sociaal-netwerk=1")
    assert (r.code, r.err) == (2, "fout: de Zelfredzaamheid-Matrix vraagt een score op elk leefgebied; ontbreekt: zingeving "
                                  "(geef nvt waar een leefgebied niet van toepassing is)\n")
    r = cli(*root, "zrm", "2026-003", "lichamelijke-gezondheid=2", "basale-adl=3", "instrumentele-adl=2", "sociaal-netwerk=1",
            "zingeving=4")
    assert r.code == 0, r
    assert (examples_repo / CASUS3).read_text().endswith("    scores:\n      lichamelijke-gezondheid: 2\n      basale-adl: 3\n"
                                                         "      instrumentele-adl: 2\n      sociaal-netwerk: 1\n      zingeving: 4\n")


def test_a_naastes_quality_changes_over_time_and_the_history_stays(cli, examples_repo):
    root = ("-C", str(examples_repo))
    before = (examples_repo / NET1).read_text()
    r = cli(*root, "betrokkene", "kwaliteit", "2026-001", "broer", "belastend", "--datum", "2026-11-20",
            "--toelichting", "neemt geld mee")
    assert (r.code, r.err) == (0, "broer in casus 2026-001: belastend\n"), r
    assert _last_commit(examples_repo) == ("regie betrokkene: oordeel over een naaste in casus 2026-001", [NET1])
    r = cli(*root, "betrokkene", "kwaliteit", "2026-001", "broer", "onveilig", "--datum", "2026-11-25")
    assert r.code == 0 and r.err.startswith("waarschuwing: een onveilige naaste: denk aan de meldcode"), r
    text = (examples_repo / NET1).read_text()
    assert text == before.replace("    steunend: true\n", "    steunend: false\n") + (
        "      - datum: 2026-11-20\n        oordeel: belastend\n        toelichting: neemt geld mee\n"
        "      - datum: 2026-11-25\n        oordeel: onveilig\n")
    r = cli(*root, "betrokkene", "kwaliteit", "2026-001", "broer", "steunend", "--datum", "2026-11-21")
    assert (r.code, r.err) == (2, "fout: --datum: datum 2026-11-21 ligt voor het vorige oordeel over broer (2026-11-25)\n")
    plan = cli(*root, "plan", "2026-001").out
    assert "## Kwaliteit van het netwerk\n\n- broer: onveilig (sinds 25 november 2026)\n" in plan


def test_the_clients_answer_belongs_to_a_plan_version(cli, examples_repo):
    root = ("-C", str(examples_repo))
    assert "[akkoord-client]" not in cli(*root, "validate", "2026-002").out  # the example has its answer
    assert "[akkoord-client]" not in cli(*root, "validate", "2026-007").out  # a plan not yet carried out needs none
    r = cli(*root, "plan", "2026-007", "--vaststellen", "--datum", "2026-11-20")
    assert r.code == 0, r
    assert ("casussen/2026-007/plan.md:2: [akkoord-client] waarschuwing: het plan is in uitvoering, maar het antwoord van de "
            "cliënt op versie 1 ontbreekt; leg het vast met 'regie plan 2026-007 --akkoord-client DATUM' of "
            "'regie plan 2026-007 --niet-akkoord-client DATUM --reden ...'\n") in r.err
    r = cli(*root, "plan", "2026-007", "--niet-akkoord-client", "2026-11-21", "--reden", "Wil eerst met haar zus overleggen",
            "--eigen-woorden", "Ik wil mijn eigen huis houden.")
    assert (r.code, r.err) == (0, "niet akkoord van de cliënt met versie 1 vastgelegd (casus 2026-007)\n"), r
    assert _last_commit(examples_repo) == ("regie plan: antwoord van de cliënt op versie 1 in casus 2026-007", [PLAN7])
    text = (examples_repo / PLAN7).read_text()
    assert text.split("---\n")[1].endswith(
        "akkoord_client:\n  - versie: 1\n    datum: 2026-11-21\n    akkoord: false\n    reden: Wil eerst met haar zus overleggen\n"
        "eigen_woorden: Ik wil mijn eigen huis houden.\n")
    assert "[akkoord-client]" not in cli(*root, "validate", "2026-007").out
    # recording the answer is no change of the plan: it is not a new version
    r = cli(*root, "plan", "2026-007", "--vaststellen")
    assert (r.code, r.err) == (1, "fout: versie 1 van het plan is al vastgesteld op 2026-11-20 en is sindsdien niet gewijzigd\n")
    doc = cli(*root, "plan", "2026-007").out
    assert ("## De cliënt over dit plan\n\nDe cliënt is niet akkoord met versie 1 (21 november 2026): Wil eerst met haar zus "
            "overleggen\n\nIn de eigen woorden van de cliënt:\n\n> Ik wil mijn eigen huis houden.\n") in doc
    # a new version needs a new answer; given with --vaststellen it is for the new version, in the same commit
    assert cli(*root, "doel", "add", "2026-007", "--leefgebied", "huisvesting", "--wat", "Huur op tijd").code == 0
    r = cli(*root, "plan", "2026-007", "--vaststellen", "--datum", "2026-11-25", "--akkoord-client", "2026-11-25")
    assert r.code == 0 and "[akkoord-client]" not in r.err, r
    assert _last_commit(examples_repo) == ("regie plan: plan van aanpak van casus 2026-007 vastgesteld (versie 2)", [PLAN7])
    assert "  - versie: 2\n    datum: 2026-11-25\n    akkoord: true\n" in (examples_repo / PLAN7).read_text()
    assert "[akkoord-client]" not in cli(*root, "validate", "2026-007").out


def test_evaluate_takes_scores_for_every_domain_and_the_clients_words(cli, examples_repo):
    root = ("-C", str(examples_repo))
    r = cli(*root, "evaluate", "2026-004", "--datum", "2026-11-25", "--no-edit", "--score", "financien=3",
            "--score", "justitie=nvt", "--eigen-woorden", "Het gaat beter met de huur.")
    assert r.code == 0, r
    text = (examples_repo / "casussen/2026-004/evaluaties/2026-11-25.md").read_text()
    front = text.split("\n---\n")[0]
    scores = front.split("scores:\n")[1].split("# Samenwerking")[0]
    assert sorted(line.split(":")[0].strip() for line in scores.splitlines()) == sorted(ALL)
    assert "  financien: 3" in scores and "  justitie: null" in scores and "  dagbesteding: null\n" in scores
    assert front.endswith("# De evaluatie in de woorden van de cliënt.\neigen_woorden: \"Het gaat beter met de huur.\"")
    inzage = cli(*root, "export", "2026-004").out
    assert 'In uw eigen woorden: "Het gaat beter met de huur."' in inzage


def test_plan_and_inzage_show_the_baseline_strengths_and_the_clients_voice_a_partner_does_not(cli, examples_repo):
    root = ("-C", str(examples_repo))
    plan = cli(*root, "plan", "2026-001").out
    assert ("## De cliënt over dit plan\n\nDe cliënt is akkoord met versie 2 (12 maart 2026).\n\n"
            "In de eigen woorden van de cliënt:\n\n> Ik wil in mijn huis blijven wonen.") in plan
    assert "## Nulmeting Zelfredzaamheid-Matrix (20 februari 2026)\n\n| Leefgebied | Score | Betekenis |\n" in plan
    assert "| Financiën | 1 | acute problematiek |\n" in plan and "| Justitie | - | niet van toepassing |\n" in plan
    assert "## Krachten\n\n- Vertrouwt zijn broer en laat hem de post openen (genoemd door cliënt).\n" in plan
    assert "## Kwaliteit van het netwerk\n\n- broer: steunend (sinds 20 februari 2026) — komt wekelijks langs" in plan
    partner = cli(*root, "plan", "2026-001", "--voor", "woonstad").out
    assert partner and not any(w in partner for w in ("Nulmeting", "Krachten", "eigen woorden", "Kwaliteit van het netwerk"))
    inzage = cli(*root, "export", "2026-001").out
    assert "U bent akkoord met versie 2 (12 maart 2026).\n\nIn uw eigen woorden:\n\n> Ik wil in mijn huis blijven wonen." in inzage
    assert "Uw krachten en die van uw omgeving:\n\n- Vertrouwt zijn broer" in inzage


def test_the_reports_zrm_shift_starts_from_the_baseline(examples_repo):
    import datetime as dt

    from regie.dossier.loader import load_case
    from regie.views.period import between
    from regie.views.report.outcomes import case_outcome

    _, case, _ = load_case(examples_repo, "2026-001")
    p = between(dt.date(2026, 1, 1), dt.date(2026, 11, 26))
    # evaluation of 2026-09-08: huisvesting 2, geestelijke-gezondheid 2, financien 1; baseline 1, 2, 1 (goals: 1, 2, 1)
    assert sorted(case_outcome(case.checked(), p, set()).zrm) == [
        ("financien", "gelijk"), ("geestelijke-gezondheid", "gelijk"), ("huisvesting", "verbeterd")]
    casus = examples_repo / "casussen/2026-001/casus.yaml"
    casus.write_text(casus.read_text().replace("      huisvesting: 1\n", "      huisvesting: 3\n"))
    _, case, _ = load_case(examples_repo, "2026-001")
    assert dict(case_outcome(case.checked(), p, set()).zrm)["huisvesting"] == "verslechterd"  # the baseline, not the goal's 1


def test_in_a_terminal_zrm_asks_every_domain_not_given_and_again_after_a_wrong_answer(cli, examples_repo, monkeypatch):
    import io
    import sys

    from regie.cli import console

    monkeypatch.setattr(console, "interactive", lambda: True)
    monkeypatch.setattr(sys, "stdin", io.StringIO("2\n3\n9\n3\nnvt\n1\n1\n1\n1\n1\n1\n1\n"))
    r = cli("-C", str(examples_repo), "zrm", "2026-003", "financien=4")
    assert r.code == 0, r
    assert "waarschuwing: ongeldige score '9' voor huiselijke-relaties: geef 1 tot en met 5, of nvt" in r.err
    assert r.err.startswith("Zelfredzaamheid-Matrix: 1 acute problematiek, 2 niet zelfredzaam, 3 beperkt zelfredzaam, "
                            "4 voldoende zelfredzaam, 5 volledig zelfredzaam\nDagbesteding (dagbesteding) — 1-5 of nvt")
    assert (examples_repo / CASUS3).read_text().endswith(
        "      financien: 4\n      dagbesteding: 2\n      huisvesting: 3\n      huiselijke-relaties: 3\n"
        "      geestelijke-gezondheid: null\n      lichamelijke-gezondheid: 1\n      middelengebruik: 1\n      basale-adl: 1\n"
        "      instrumentele-adl: 1\n      sociaal-netwerk: 1\n      maatschappelijke-participatie: 1\n      justitie: 1\n")


def test_in_a_terminal_evaluate_asks_every_domain_and_an_empty_answer_leaves_it_open(cli, examples_repo, monkeypatch):
    import io
    import sys

    from regie.cli import console

    monkeypatch.setattr(console, "interactive", lambda: True)
    monkeypatch.setattr(sys, "stdin", io.StringIO("4\n\n" + "\n" * 10))
    r = cli("-C", str(examples_repo), "evaluate", "2026-004", "--datum", "2026-11-25", "--no-edit", "--score", "financien=2")
    assert r.code == 0, r
    front = (examples_repo / "casussen/2026-004/evaluaties/2026-11-25.md").read_text().split("\n---\n")[0]
    assert "  financien: 2\n" in front and "  dagbesteding: 4\n" in front and "  huisvesting: null" in front
    assert front.count(": null") == 10 + 2  # ten domains left open, samenwerking and besluit
