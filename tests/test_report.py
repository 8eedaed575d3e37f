"""`regie report`: every figure computed by hand on a small inline repository, plus formats and bad input."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from conftest import CASE, EXAMPLES, assert_golden, make_dossier, write_tree

Q2 = ("--quarter", "2026Q2", "--format", "json")


def case(cid: str, **changes: str) -> dict[str, str]:
    """The default inline case under another id, with text replacements per file ("file:old" -> new)."""
    files = {name: textwrap.dedent(text) for name, text in CASE.items()}
    files["casus.yaml"] = files["casus.yaml"].replace('"2026-001"', f'"{cid}"')
    for key, new in changes.items():
        name, old = key.split("|", 1)
        assert old in files[name], (name, old)
        files[name] = files[name].replace(old, new)
    return files


@pytest.fixture
def small(tmp_path) -> Path:
    """Four cases, hand-made so that every figure for 2026Q2 can be worked out on paper (see the test)."""
    cases = {
        # A: melding 2026-02-01 (Q1), plan set 2026-03-01 (Q1), evaluation 2026-06-01 (Q2): huisvesting 2 -> 3
        "2026-001": CASE,
        # B: melding in Q2 (2026-04-10, woon, urgentie hoog), plan set 2026-05-20 (40 days: above the 28-day term),
        #    closed 2026-06-20 with reason doelen-bereikt; agreement A1 done late, A2 open and overdue at end
        "2026-002": case(
            "2026-002",
            **{
                "melding.yaml|datum: 2026-02-01": "datum: 2026-04-10",
                "casus.yaml|geopend: 2026-02-02": "geopend: 2026-04-11",
                "casus.yaml|status: uitvoering": "status: gesloten\ngesloten: 2026-06-20\nsluitreden: doelen-bereikt",
                "casus.yaml|  datum: 2026-02-03": "  datum: 2026-04-11",
                "plan.md|vastgesteld: 2026-03-01": "vastgesteld: 2026-05-20",
                "afspraken.yaml|gemaakt: 2026-03-01\n    deadline: 2026-03-15": "gemaakt: 2026-05-20\n    deadline: 2026-05-25",
                "afspraken.yaml|gedaan_op: 2026-03-10": "gedaan_op: 2026-05-30",
                "afspraken.yaml|gemaakt: 2026-03-01\n    deadline: 2026-12-01": "gemaakt: 2026-05-20\n    deadline: 2026-06-10",
                "escalaties.yaml|datum: 2026-10-01": "datum: 2026-05-01",
                "escalaties.yaml|afgesloten: 2026-10-20": "afgesloten: 2026-05-11",
                "evaluaties/2026-06-01.md|soort: tussentijds": "soort: eind",
                "evaluaties/2026-06-01.md|huisvesting: 3": "huisvesting: 1",
                "evaluaties/2026-06-01.md|samenwerking: 4": "samenwerking: 2",
            },
        ),
        # C: melding in Q2 (2026-05-05, no organisation, crisis), still before a plan; transferred to org on 2026-06-01
        "2026-003": case(
            "2026-003",
            **{
                "melding.yaml|datum: 2026-02-01": "datum: 2026-05-05",
                "melding.yaml|  organisatie: woon\n": "",
                "melding.yaml|urgentie: hoog": "urgentie: crisis",
                "casus.yaml|geopend: 2026-02-02": "geopend: 2026-05-06",
                "casus.yaml|status: uitvoering": "status: overgedragen\novergedragen_aan: org",
                "casus.yaml|  datum: 2026-02-03": "  datum: 2026-05-06",
                "casus.yaml|urgentie: hoog": "urgentie: hoog\nregie_historie:\n  - datum: 2026-06-01\n    organisatie: org\n"
                                             "    status_voor: onderzoek\n    reden: veiligheid",
                "plan.md|vastgesteld: 2026-03-01": "vastgesteld: null",
                "afspraken.yaml|gemaakt: 2026-03-01\n    deadline: 2026-03-15": "gemaakt: 2026-05-06\n    deadline: 2026-05-15",
                "afspraken.yaml|gedaan_op: 2026-03-10": "gedaan_op: 2026-05-14",
                "afspraken.yaml|gemaakt: 2026-03-01\n    deadline: 2026-12-01": "gemaakt: 2026-05-06\n    deadline: 2026-12-01",
                "escalaties.yaml|    afgesloten: 2026-10-20\n": "",
                "escalaties.yaml|datum: 2026-10-01": "datum: 2026-06-15",
                "escalaties.yaml|niveau: 1": "niveau: 2\n    spoed: true",
            },
        ),
    }
    from conftest import NETWORK

    # every figure is checked exactly here, so no small count is hidden (see test_small_counts_are_hidden)
    root = make_dossier(tmp_path / "r", cases, NETWORK + "rapport:\n  min_aantal: 1\n")
    # the evaluation of C predates its plan being set: remove it (C has no vastgesteld plan)
    (root / "casussen/2026-003/evaluaties/2026-06-01.md").unlink()
    write_tree(root, {"signalen/S1.yaml": 'id: S1\ndatum: 2026-06-02\nover: wachtlijst\naard: capaciteit\n'
                                          'casussen: ["2026-001", "2026-002"]\nstatus: open\n',
                      "signalen/S2.yaml": 'id: S2\ndatum: 2026-03-02\nover: eerder\naard: toegang\nstatus: open\n'})
    return root


def report(cli, root, *args) -> dict:
    r = cli("-C", str(root), "report", *args)
    assert r.code == 0, r
    return json.loads(r.out)


def test_small_repository_validates(small):
    from conftest import TODAY

    from regie.dossier.validate import validate

    assert [p.format() for p in validate(small, TODAY) if p.severity == "error"] == []


def test_flow_by_hand(cli, small):
    i = report(cli, small, *Q2)["instroom"]
    # meldingen in Q2: B (2026-04-10) and C (2026-05-05); A's is in Q1
    assert i["meldingen"] == 2
    assert i["per_melder_organisatie"] == {"(geen organisatie)": 1, "woon": 1}
    assert i["per_urgentie"] == {"crisis": 1, "hoog": 1}
    assert i["per_soort"] == {"(geen soort)": 2}  # the test case's melding has no soort
    assert i["per_doelgroep"] == {"(onbekend)": 2}
    assert (i["geopend"], i["gesloten"], i["gesloten_per_reden"]) == (2, 1, {"doelen-bereikt": 1})
    assert (i["overgedragen"], i["overgedragen_casussen"]) == (1, ["2026-003"])
    # start (2026-03-31): only A, plan set 2026-03-01; end (2026-06-30): A only (B closed, C transferred)
    assert (i["in_zorg_begin"], i["in_zorg_begin_per_fase"]) == (1, {"plan vastgesteld": 1})
    assert (i["in_zorg_eind"], i["in_zorg_eind_per_fase"]) == (1, {"plan vastgesteld": 1})


def test_lead_times_by_hand(cli, small):
    d = report(cli, small, *Q2)["doorlooptijden"]
    # only B's plan is set in Q2: 2026-05-20 - 2026-04-10 = 40 days > 28
    assert d["melding_tot_plan"] == {"n": 1, "mediaan": 40.0, "p90": 40, "termijn": 28, "boven_termijn": 1,
                                     "boven_termijn_casussen": ["2026-002"], "latere_versie_casussen": []}
    # B closed 2026-06-20: 71 days after its melding
    assert d["melding_tot_sluiting"] == {"n": 1, "mediaan": 71.0, "p90": 71}


def test_agreements_by_hand(cli, small):
    a = report(cli, small, *Q2)["afspraken"]
    # org ('pro' is of org): B A1 deadline 05-25, done 05-30 -> late; C A1 deadline 05-15, done 05-14 -> on time
    # naasten ('zus'): B A2 deadline 06-10, never done; B closed 06-20, after the deadline -> not done ("niet gedaan");
    #                  C A2 deadline 12-01 -> not due in Q2; A's agreements were made in Q1, due 03-15 and 12-01
    assert a["per_partner"] == {
        "naasten": {"gemaakt": 2, "deadline_in_periode": 1, "op_tijd": 0, "te_laat": 0, "open_na_deadline": 1,
                    "vervallen": 0, "verschoven": 0, "percentage_op_tijd": 0},
        "org": {"gemaakt": 2, "deadline_in_periode": 2, "op_tijd": 1, "te_laat": 1, "open_na_deadline": 0,
                "vervallen": 0, "verschoven": 0, "percentage_op_tijd": 50},
    }
    # 1 of the 3 agreements due in Q2 was done on time: 33%, not the 50% of the agreements done
    assert a["totaal"]["gemaakt"] == 4 and a["totaal"]["percentage_op_tijd"] == 33
    assert a["namen"] == {"naasten": "naasten", "org": "Organisatie"}


def test_an_agreement_open_past_its_deadline_counts_against_on_time(cli, small):
    # B's A2 (zus): deadline 2026-06-10, never done. In the period up to 06-19 it is open past its deadline; an
    # agreement whose case closed before its deadline (or that was dropped by then) is not due at all.
    upto = report(cli, small, "--from", "2026-06-01", "--to", "2026-06-19", "--format", "json")["afspraken"]
    assert upto["per_partner"]["naasten"] | {"gemaakt": 0} == {
        "gemaakt": 0, "deadline_in_periode": 1, "op_tijd": 0, "te_laat": 0, "open_na_deadline": 1, "vervallen": 0,
        "verschoven": 0, "percentage_op_tijd": 0}
    before = report(cli, small, "--from", "2026-05-20", "--to", "2026-05-31", "--format", "json")["afspraken"]
    # B's A1 (org): due 05-25, done 05-30 -> late within the period
    assert (before["totaal"]["deadline_in_periode"], before["totaal"]["te_laat"]) == (1, 1)
    early = report(cli, small, "--from", "2026-05-20", "--to", "2026-05-28", "--format", "json")["afspraken"]
    # at the end of 05-28 it was not done yet: not done, whatever happened later
    assert (early["totaal"]["te_laat"], early["totaal"]["open_na_deadline"]) == (0, 1)


def test_escalations_by_hand(cli, small):
    e = report(cli, small, *Q2)["escalaties"]
    # B E1: 2026-05-01 level 1, closed 05-11 (10 days); C E1: 2026-06-15 level 2 with spoed, open at end
    assert e == {"stappen": 2, "per_niveau": {"1 Leidinggevende": 1, "2 Brandpuntfunctionaris": 1},
                 "per_partij": {"org": 2}, "opgelost": 1, "afgeschaald": 0, "open_eind": 1, "open_eind_casussen": ["2026-003 E1"],
                 "dagen_tot_oplossing": {"n": 1, "mediaan": 10.0, "p90": 10}, "met_spoed": 1}


def test_outcomes_by_hand(cli, small):
    u = report(cli, small, *Q2)["uitkomsten"]
    # A: huisvesting start 2 -> 3 (improved); B: start 2 -> 1 (worse); C has no evaluation
    assert u["verschuiving_per_leefgebied"] == {"huisvesting": {"verbeterd": 1, "gelijk": 0, "verslechterd": 1}}
    assert u["totaal"] == {"verbeterd": 1, "gelijk": 0, "verslechterd": 1}
    assert u["samenwerking"] == {"n": 2, "gemiddeld": 3.0, "verdeling": {"1": 0, "2": 1, "3": 0, "4": 1, "5": 0}}


def test_network_work_caseload_and_signals_by_hand(cli, small):
    r = report(cli, small, *Q2)
    n = r["netwerkgericht"]
    # all three active in Q2, all have a plan.md with 'zus' betrokken; nobody on a VIP-kaart; no CTI
    assert n["naasten_in_plan"] == {"aantal": 3, "van": 3, "percentage": 100}
    assert n["vip_kaart"] == {"aantal": 0, "van": 3, "percentage": 0}
    assert n["cti_genoeg_netwerkbijeenkomsten"] == {"aantal": 0, "van": 0, "percentage": None, "norm": 3, "te_weinig_casussen": []}
    assert r["caseload"] == {"open_per_regisseur": {"reg": 1, "reg2": 0}, "regisseur_gewisseld": 0, "regisseur_gewisseld_casussen": []}
    # S1 is dated in Q2 (2 cases behind it); S2 in Q1
    assert r["signalen"] == {"capaciteit": {"signalen": [{"id": "S1", "datum": "2026-06-02", "over": "wachtlijst",
                                                          "status": "open", "organisatie": None, "casussen": 2,
                                                          "antwoord": None}],
                                            "casussen": 2}}


def test_percentile_nearest_rank():
    from regie.views.report.figures import nearest_rank, stats

    assert nearest_rank(list(range(1, 11)), 90) == 9
    assert nearest_rank([5], 90) == 5 and nearest_rank([], 90) is None
    assert stats([1, 2, 3, 10]) == {"n": 4, "mediaan": 2.5, "p90": 10}


def test_default_period_is_last_full_quarter(cli, small):
    r = report(cli, small, "--format", "json")
    assert r["periode"] == {"label": "2026Q3", "titel": "Kwartaalrapportage", "van": "2026-07-01", "tot_en_met": "2026-09-30", "loopt_nog": False,
                            "naam": "3e kwartaal 2026 (1 juli t/m 30 september)", "kort": "3e kwartaal 2026"}
    r = report(cli, small, "--year", "2026", "--format", "json")
    assert r["periode"] == {"label": "2026", "titel": "Jaarrapportage", "van": "2026-01-01", "tot_en_met": "2026-11-26", "loopt_nog": True,
                            "naam": "2026 (1 januari t/m 26 november)", "kort": "2026"}


def test_no_ids_drops_every_case_id(cli, small):
    r = cli("-C", str(small), "report", *Q2, "--no-ids")
    assert not re.search(r"\d{4}-\d{3}", r.out)
    data = json.loads(r.out)
    assert "open_eind_casussen" not in data["escalaties"] and data["weggelaten"] == 0
    md = cli("-C", str(small), "report", "--quarter", "2026Q2", "--format", "md", "--no-ids").out
    assert not re.search(r"\d{4}-\d{3}", md)


def test_report_holds_no_pseudonyms_or_free_text(cli):
    out = "".join(cli("-C", str(EXAMPLES), "report", "--year", "2026", "--format", f).out for f in ("md", "html", "json", "csv"))
    for needle in ("Meneer", "Mevrouw", "Gezin K", "FACT-team start behandeling", "psychotisch", "moeder"):
        assert needle not in out, needle


def test_csv_rows(cli, small):
    lines = cli("-C", str(small), "report", "--quarter", "2026Q2", "--format", "csv", "--csv-dialect", "rfc").out.splitlines()
    assert lines[0] == "onderdeel,cijfer,waarde"
    assert "Instroom en uitstroom,Meldingen ontvangen,2" in lines
    assert "Afspraken,Afspraken per partner — Organisatie — te laat gedaan,1" in lines
    assert "Afspraken,Afspraken per partner — Naasten — % op tijd,0" in lines
    assert "Opschaling,Open aan het eind (casus en stap),2026-003 E1" in lines
    assert "Periode,Periode,2e kwartaal 2026 (1 april t/m 30 juni)" in lines
    assert not any("_" in line.split(",")[1] for line in lines[1:]), "a key instead of a Dutch name"


def test_invalid_case_is_left_out_and_named(cli, small):
    write_tree(small, {"casussen/2026-002/afspraken.yaml": "afspraken: [\n"})
    r = cli("-C", str(small), "report", *Q2)
    assert r.code == 0
    assert r.err == "waarschuwing: 1 casus weggelaten omdat hun bestanden ongeldig zijn (zie het rapport en 'regie validate')\n"
    data = json.loads(r.out)
    assert data["casussen"] == 2
    assert data["weggelaten"] == [{"casus": "2026-002", "reden": "afspraken.yaml:1 [yaml]"}]
    assert data["instroom"]["meldingen"] == 1
    strict = cli("-C", str(small), "report", *Q2, "--strict")
    assert (strict.code, strict.out) == (1, "")
    assert strict.err == ("fout: 1 casus met ongeldige bestanden: 2026-002 (afspraken.yaml:1 [yaml]); "
                          "los dat op (zie 'regie validate') of laat --strict weg\n")


def test_empty_repository_and_quarter_without_cases(cli, tmp_path):
    from conftest import NETWORK

    root = make_dossier(tmp_path / "leeg", {}, NETWORK)
    data = report(cli, root, *Q2)
    assert data["casussen"] == 0 and data["instroom"]["meldingen"] == 0 and data["afspraken"]["totaal"]["gemaakt"] == 0
    md = cli("-C", str(root), "report", "--quarter", "2026Q2", "--format", "md")
    assert md.code == 0 and "0 casussen meegeteld." in md.out
    assert cli("-C", str(root), "report", "--quarter", "2026Q2").code == 0  # terminal summary


@pytest.mark.parametrize("args, err", [
    (["--quarter", "2026Q5"], "fout: ongeldig kwartaal '2026Q5': verwacht bijvoorbeeld 2026Q3 (kwartaal 1 tot en met 4)\n"),
    (["--quarter", "Q3"], "fout: ongeldig kwartaal 'Q3': verwacht bijvoorbeeld 2026Q3 (kwartaal 1 tot en met 4)\n"),
    (["--year", "26"], "fout: ongeldig jaar '26': verwacht bijvoorbeeld 2026\n"),
    (["--quarter", "2026Q1", "--year", "2026"], "fout: kies één periode: --quarter, --year of --from/--to\n"),
    (["--from", "2026-03-01"], "fout: --from en --to horen bij elkaar\n"),
    (["--from", "2026-03-01", "--to", "2026-02-01"], "fout: --from, --to: de einddatum 2026-02-01 ligt voor de begindatum 2026-03-01\n"),
    (["--quarter", "2027Q1"], "fout: de periode 2027Q1 is nog niet begonnen\n"),
])
def test_bad_periods(cli, small, args, err):
    r = cli("-C", str(small), "report", *args)
    assert (r.code, r.out, r.err) == (2, "", err)


def test_examples_markdown_and_html_golden(cli):
    md = cli("-C", str(EXAMPLES), "report", "--year", "2026", "--format", "md")
    assert md.code == 0, md
    assert_golden("report-2026.md", md.out)
    html = cli("-C", str(EXAMPLES), "report", "--year", "2026", "--html")
    assert html.code == 0
    assert_golden("report-2026.html", html.out)
    assert "<script" not in html.out and "http" not in html.out.replace("http://www.w3.org/2000/svg", "")


def test_quarter_report_of_the_examples_golden(cli):
    md = cli("-C", str(EXAMPLES), "report", "--quarter", "2026Q2", "--format", "md")
    assert_golden("report-2026Q2.md", md.out)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


# Budget: two headless chromium runs, each with a 120 s timeout; a few seconds here.
@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_html_report_in_a_real_browser(cli, tmp_path):
    from PIL import Image

    page = tmp_path / "rapport.html"
    r = cli("-C", str(EXAMPLES), "report", "--year", "2026", "--html", "-o", str(page))
    assert r.code == 0
    flags = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profiel'}"]
    dom = subprocess.run([*flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "<h1>Jaarrapportage Integraal Netwerk Zuiderhaven</h1>" in dom.stdout
    # a chart, or for one whose counts are all hidden the sentence that says so (the examples are small)
    assert dom.stdout.count('<svg class="chart"') + dom.stdout.count("geen grafiek, want elk aantal erin is verborgen (x) of 0") >= 4
    shot = tmp_path / "rapport.png"
    run = subprocess.run([*flags, "--window-size=1240,1754", f"--screenshot={shot}", page.as_uri()],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and shot.exists(), run.stderr[-2000:]
    image = Image.open(shot).convert("RGB")
    assert image.size == (1240, 1754)
    colours = image.getcolors(maxcolors=1_000_000)
    inked = sum(n for n, (r_, g, b) in colours if min(r_, g, b) < 200)
    assert inked > 0.01 * image.size[0] * image.size[1], "screenshot is (nearly) blank"
    assert len(colours) > 50


def test_small_counts_are_hidden_and_no_free_text_leaves(cli, tmp_path):
    """Six cases; one is the only huiselijk-geweld melding, with its own free text. Nothing of it can be read."""
    from conftest import NETWORK, make_dossier

    unique_aard, unique_reason, unique_group = "partner sloeg haar op straat", "vertrok naar familie in Gent", "moeder met baby"
    cases = {}
    for n in range(1, 7):
        cid = f"2026-{n:03d}"
        special = n == 6
        cases[cid] = case(cid, **{
            "melding.yaml|aard: vervuiling": (f"aard: {unique_aard}\nsoort: huiselijk-geweld\ndoelgroep: {unique_group}"
                                              if special else "aard: vervuiling\nsoort: vervuiling"),
            "melding.yaml|datum: 2026-02-01": "datum: 2026-04-10",
            "casus.yaml|geopend: 2026-02-02": "geopend: 2026-04-11",
            "casus.yaml|  datum: 2026-02-03": "  datum: 2026-04-11",
            "plan.md|vastgesteld: 2026-03-01": "vastgesteld: 2026-04-20",
            **({"casus.yaml|status: uitvoering": f"status: gesloten\ngesloten: 2026-06-20\nsluitreden: verhuisd\n"
                                                 f"sluittoelichting: {unique_reason}",
                "evaluaties/2026-06-01.md|soort: tussentijds": "soort: eind"} if special else {}),
        })
    root = make_dossier(tmp_path / "r", cases, NETWORK)
    assert cli("-C", str(root), "validate").code == 0
    outputs = {}
    for fmt in ("md", "html", "json", "csv"):
        r = cli("-C", str(root), "report", "--quarter", "2026Q2", "--no-ids", "--format", fmt)
        assert r.code == 0, r
        outputs[fmt] = r.out
    for fmt, text in outputs.items():
        for secret in (unique_aard, unique_reason, unique_group, "Meneer T.", "2026-006", "Regisseur Een"):
            assert secret not in text, (fmt, secret)
    assert "| reg |" not in outputs["md"] and "open_per_regisseur" not in outputs["json"] + outputs["csv"]
    data = json.loads(outputs["json"])
    i = data["instroom"]
    assert i["meldingen"] == 6  # a total of 6 is shown
    # 1 is hidden, and so is the 5 beside it (6 - 5 would give the 1 away): each could be anything from 1 to 5
    assert i["per_soort"] == {"vervuiling": "x", "huiselijk-geweld": "x"}
    assert i["gesloten_per_reden"] == {"verhuisd": "x"} and i["gesloten"] == "x"
    assert "per_doelgroep" not in i
    assert data["caseload"]["open"] == {"regisseurs": 1, "casussen": 5}
    assert "| Huiselijk geweld | x |" in outputs["md"] and "| Vervuiling | x |" in outputs["md"]
    assert "Instroom en uitstroom;Meldingen per soort — Huiselijk geweld;x" in outputs["csv"]
    assert "huiselijk-geweld" not in outputs["md"] + outputs["html"] + outputs["csv"]


def test_signal_lifecycle_ingebracht_beantwoord_gesloten(cli, examples_repo):
    from conftest import git

    root = ("-C", str(examples_repo))
    r = cli(*root, "signal", "status", "S1", "--status", "ingebracht", "--toelichting", "stuurgroep van november",
            "--datum", "2026-11-10")
    assert (r.code, r.err) == (0, "signaal S1: ingebracht op 2026-11-10\n"), r
    r = cli(*root, "signal", "status", "S1", "--status", "beantwoord", "--antwoord", "Extra FACT-capaciteit vanaf januari")
    assert r.code == 0, r
    text = (examples_repo / "signalen/S1.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../.regie/schemas/signaal.schema.json\n# Knelpunt voor de stuurgroep (werkproces 2d).\n")
    assert "\nstatus: beantwoord\nantwoord: Extra FACT-capaciteit vanaf januari\nbeantwoord_op: 2026-11-26\n" in text
    assert text.endswith("historie:\n"
                         "  - datum: 2026-11-10\n    status: ingebracht\n    toelichting: stuurgroep van november\n"
                         "  - datum: 2026-11-26\n    status: beantwoord\n")
    assert git(examples_repo, "log", "-1", "--format=%s") == "regie signal: beleidssignaal S1 beantwoord\n"
    agenda = cli(*root, "agenda", "--datum", "2026-12-01").out
    assert "S1 wachttijd FACT-team bij acute bemoeizorg (capaciteit) — beantwoord: Extra FACT-capaciteit vanaf januari" in agenda
    listed = cli(*root, "signal", "list", "--status", "ingediend").out  # the older name still finds S2
    assert listed.startswith("S2  ") and "ingebracht" in listed
    for args, code, err in (
        (["S1", "--status", "ingebracht"], 1, "fout: signaal S1 is al beantwoord; de status gaat alleen vooruit "
                                             "(open → ingebracht → beantwoord → gesloten)\n"),
        (["S1", "--status", "klaar"], 2, "fout: onbekende status 'klaar'; kies uit: ingebracht, beantwoord, gesloten\n"),
        (["S2", "--status", "beantwoord"], 2, "fout: --antwoord: beantwoord heeft een antwoord nodig: het antwoord van de gemeente of stuurgroep\n"),
        (["S9", "--status", "gesloten"], 1, "fout: signaal S9 bestaat niet (of is onleesbaar; zie 'regie validate')\n"),
        (["../S1", "--status", "gesloten"], 2, "fout: ongeldige signaal-id '../S1': verwacht S gevolgd door een nummer, bijv. S3\n"),
    ):
        head = git(examples_repo, "rev-parse", "HEAD")
        r = cli(*root, "signal", "status", *args)
        assert (r.code, r.err) == (code, err), (args, r)
        assert git(examples_repo, "rev-parse", "HEAD") == head and git(examples_repo, "status", "--porcelain") == ""
    assert cli(*root, "signal", "status", "S1", "--status", "gesloten").code == 0
    assert "S1 wachttijd FACT-team" not in cli(*root, "agenda", "--datum", "2026-12-01").out  # closed: off the agenda
    assert cli(*root, "validate").code == 0
