"""`regie overdue` and `regie list` / `regie show` on the example network with a fixed date."""

from __future__ import annotations

import csv
import io
import json

from conftest import EXAMPLES, edit

EX = ("-C", str(EXAMPLES))

OVERDUE_TEXT = (
    "209 dagen te laat  2026-001  A3         2026-05-01  schuldhulp        Aanmelding schuldhulp en betalingsregeling huurachterstand\n"
    "178 dagen te laat  2026-006  A1         2026-06-01  ggz-fact          FACT-team start behandeling en huisbezoeken\n"
    " 11 dagen te laat  2026-002  A5         2026-11-15  wijkteam-gezin    Opvoedgesprekken met beide ouders\n"
    "  2 dagen te laat  2026-007  plan       2026-11-24  a-bakker          plan van aanpak vaststellen\n"
)


def test_overdue_text_sorted_by_days(cli):
    r = cli(*EX, "overdue")
    assert (r.code, r.out, r.err) == (0, OVERDUE_TEXT, "4 te laat\n")


def test_overdue_within_shows_what_falls_due(cli):
    r = cli(*EX, "overdue", "--within", "7", "--format", "json")
    items = json.loads(r.out)["items"]
    assert [(i["casus"], i["id"], i["dagen"]) for i in items] == [
        ("2026-001", "A3", 209), ("2026-006", "A1", 178), ("2026-002", "A5", 11), ("2026-007", "plan", 2),
        ("2026-007", "A2", -4), ("2026-003", "plan", -5), ("2026-003", "A2", -6),
    ]
    assert r.err == "4 te laat, 3 binnen 7 dagen\n"


def test_overdue_filters(cli):
    assert [json.loads(cli(*EX, "overdue", "--format", "json", *f).out)["items"][0]["casus"] for f in (
        ["--case", "2026-006"], ["--regisseur", "j-devries"], ["--wie", "ggz-delta"], ["--wie", "ggz-fact"],
    )] == ["2026-006"] * 4
    assert json.loads(cli(*EX, "overdue", "--format", "json", "--wie", "politie").out)["items"] == []


def test_overdue_json_item_shape(cli):
    item = json.loads(cli(*EX, "overdue", "--format", "json").out)["items"][0]
    assert item == {
        "soort": "afspraak", "casus": "2026-001", "id": "A3",
        "wat": "Aanmelding schuldhulp en betalingsregeling huurachterstand", "wie": "schuldhulp",
        "organisatie": "schuldhulp", "regisseur": "a-bakker", "deadline": "2026-05-01", "dagen": 209,
    }


def test_overdue_csv(cli):
    rows = list(csv.DictReader(io.StringIO(cli(*EX, "overdue", "--format", "csv", "--csv-dialect", "rfc").out)))
    assert [r["casus"] + r["id"] for r in rows] == ["2026-001A3", "2026-006A1", "2026-002A5", "2026-007plan"]
    assert rows[3]["soort"] == "plan" and rows[3]["dagen"] == "2"


def test_overdue_ics_one_event_per_deadline(cli):
    text = cli(*EX, "overdue", "--format", "ics").out
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 4
    assert "UID:2026-001-A3@integraal-netwerk-zuiderhaven\r\n" in text and "SEQUENCE:1\r\n" in text
    assert "DTSTART;VALUE=DATE:20260501\r\n" in text
    assert "SUMMARY:2026-006 A1: FACT-team start behandeling en huisbezoeken\r\n" in text


def test_fail_on_overdue(cli, tmp_path):
    assert cli(*EX, "overdue", "--fail-on-overdue").code == 1
    assert cli(*EX, "overdue", "--fail-on-overdue", "--case", "2026-004").code == 0
    assert cli(*EX, "--today", "2026-04-01", "overdue", "--fail-on-overdue", "--case", "2026-001").code == 0


def test_overdue_output_file(cli, tmp_path):
    r = cli(*EX, "overdue", "--format", "csv", "-o", str(tmp_path / "x.csv"))
    assert r.out == "" and (tmp_path / "x.csv").read_bytes().startswith(b"\xef\xbb\xbfsoort;casus;id;")


def test_overdue_skips_broken_files_with_a_warning(cli, dossier):
    edit(dossier / "casussen/2026-001/netwerk.yaml", "professionals:", "professionals: [")
    r = cli("-C", str(dossier), "overdue")
    assert r.code == 0
    assert r.err.startswith("waarschuwing: 1 bestand overgeslagen omdat ze ongeldig zijn (zie 'regie validate'): "
                            "casussen/2026-001/netwerk.yaml\n")


def test_evaluation_and_plan_terms(cli, dossier):
    # plan vastgesteld 2026-03-01, last evaluation 2026-06-01, term 90 days -> due 2026-08-30
    r = cli("-C", str(dossier), "overdue", "--format", "json")
    assert [(i["soort"], i["deadline"], i["dagen"]) for i in json.loads(r.out)["items"]] == [("evaluatie", "2026-08-30", 88)]
    edit(dossier / "casussen/2026-001/casus.yaml", "status: uitvoering", "status: plan")
    edit(dossier / "casussen/2026-001/plan.md", "vastgesteld: 2026-03-01", "vastgesteld: null")
    r = cli("-C", str(dossier), "overdue", "--format", "json")
    assert [(i["soort"], i["deadline"]) for i in json.loads(r.out)["items"]] == [("plan", "2026-03-01")]


LIST_TEXT = """\
casus     status        regisseur   urgentie  volgende    te laat  leefgebieden
2025-014  gesloten      m-elhaddad  middel    -           0        financien, dagbesteding
2026-001  uitvoering    a-bakker    hoog      2026-12-08  1        huisvesting, geestelijke-gezondheid, financien, sociaal-netwerk
2026-002  uitvoering    m-elhaddad  middel    2026-12-15  1        financien, huisvesting, huiselijke-relaties, dagbesteding, geestelijke-gezondheid, maatschappelijke-participatie
2026-003  onderzoek     m-elhaddad  hoog      2026-12-01  0        lichamelijke-gezondheid, basale-adl, instrumentele-adl, sociaal-netwerk
2026-004  nazorg        j-devries   middel    2027-01-20  0        huisvesting, sociaal-netwerk, dagbesteding, middelengebruik
2026-005  overgedragen  a-bakker    crisis    -           0        huiselijke-relaties, justitie
2026-006  uitvoering    j-devries   hoog      2026-12-31  1        huisvesting, geestelijke-gezondheid, middelengebruik
2026-007  plan          a-bakker    middel    2026-11-30  1        geestelijke-gezondheid, lichamelijke-gezondheid, financien
2026-008  gesloten      j-devries   laag      -           0        financien
2026-009  melding       m-elhaddad  hoog      2026-12-14  0        huiselijke-relaties, financien
"""


def test_list(cli):
    r = cli(*EX, "list")
    assert (r.code, r.out, r.err) == (0, LIST_TEXT, "10 casussen\n")


def test_list_filters_and_json(cli):
    rows = json.loads(cli(*EX, "list", "--status", "uitvoering", "--regisseur", "j-devries", "--format", "json").out)
    assert rows == [{"id": "2026-006", "status": "uitvoering", "regisseur": "j-devries", "urgentie": "hoog",
                     "leefgebieden": ["huisvesting", "geestelijke-gezondheid", "middelengebruik"],
                     "volgende_deadline": "2026-12-31", "te_laat": 1}]
    r = cli(*EX, "list", "--status", "klaar")
    assert (r.code, r.err) == (2, "fout: onbekende status 'klaar'; kies uit: melding, onderzoek, plan, uitvoering, nazorg, gesloten, overgedragen\n")


SHOW_TEXT = """\
casus 2026-006 (Meneer D.) — uitvoering, urgentie hoog, traject regulier
regisseur j-devries, casemanager mw-kust; geopend 2026-04-07
toestemming: gegeven
leefgebieden: huisvesting, geestelijke-gezondheid, middelengebruik
melding 2026-04-06: verward gedrag en dreigende dakloosheid (door buurtregisseur, politie)
plan versie 1, vastgesteld 2026-04-28
  D1 geestelijke-gezondheid: 1 -> 3
  D2 huisvesting: 2 -> 3
professionals: mw-kust (maatschappelijk-werk), ggz-fact (ggz-delta), woonconsulent (woonstad)
naasten: moeder (moeder, betrokken)
afspraken: 2 open, 1 gedaan, 0 vervallen
  2026-06-01 A1        178 dagen te laat FACT-team start behandeling en huisbezoeken
  2026-12-31 A3        over 35 dagen     Wekelijks bellen met meneer D.
  2027-01-25 evaluatie over 60 dagen     evaluatie van het plan van aanpak
open escalatie E2: niveau 2 over ggz-delta sinds 2026-10-06
evaluatie 2026-10-27 (tussentijds): doorgaan
"""


def test_show(cli):
    r = cli(*EX, "show", "2026-006")
    assert (r.code, r.out) == (0, SHOW_TEXT)
    data = json.loads(cli(*EX, "show", "2026-006", "--format", "json").out)
    assert data["escalaties_open"] == [{"id": "E2", "niveau": 2, "over": "ggz-delta", "datum": "2026-10-06"}]
    assert data["afspraken"] == {"open": 2, "gedaan": 1, "vervallen": 0}


def test_show_unknown_case(cli):
    assert cli(*EX, "show", "2030-001").err == "fout: onbekende casus '2030-001': geen map casussen/2030-001\n"
