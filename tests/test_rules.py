"""One test per rule: the default inline case passes; one edit makes the rule fire."""

from __future__ import annotations

import pytest
from conftest import CASE, TODAY, edit, make_dossier, write_tree

from regie.dossier.validate import validate

C = "casussen/2026-001"
OPEN_IN_CLOSED = f"{C}/afspraken.yaml:15: [afspraak-open-gesloten] waarschuwing: A2: open afspraak in een gesloten casus; leg vast dat hij vervallen is met 'regie afspraak drop 2026-001 A2' (met de reden)"


def findings(root) -> list[str]:
    return [p.format() for p in validate(root, TODAY)]


def test_default_case_is_clean(dossier):
    assert findings(dossier) == []


@pytest.mark.parametrize(
    "file, old, new, expected",
    [
        # case id = folder name
        ("casus.yaml", 'id: "2026-001"', 'id: "2026-002"',
         f"{C}/casus.yaml:2: [casus-id] id '2026-002' hoort gelijk te zijn aan de mapnaam '2026-001'"),
        # regisseur known
        ("casus.yaml", "regisseur: reg", "regisseur: onbekend",
         f"{C}/casus.yaml:4: [regisseur-onbekend] regisseur 'onbekend' staat niet in regie.yaml"),
        # organisations known: melder, professional
        ("melding.yaml", "organisatie: woon", "organisatie: nergens",
         f"{C}/melding.yaml:4: [organisatie-onbekend] organisatie 'nergens' staat niet in regie.yaml"),
        ("netwerk.yaml", "organisatie: org", "organisatie: nergens",
         f"{C}/netwerk.yaml:3: [organisatie-onbekend] organisatie 'nergens' staat niet in regie.yaml"),
        ("casus.yaml", "casemanager: pro", "casemanager: zus",
         f"{C}/casus.yaml:5: [casemanager-onbekend] casemanager 'zus' is geen professional in netwerk.yaml"),
        ("netwerk.yaml", "- id: zus", "- id: pro",
         [f"{C}/afspraken.yaml:12: [afspraak-wie] A2: 'zus' is geen betrokkene in netwerk.yaml, geen regisseur en niet 'client'",
          f"{C}/netwerk.yaml:6: [betrokkene-dubbel] betrokkene 'pro' staat twee keer in netwerk.yaml"]),
        # afspraak wie / doel
        ("afspraken.yaml", "wie: zus", "wie: buurman",
         f"{C}/afspraken.yaml:12: [afspraak-wie] A2: 'buurman' is geen betrokkene in netwerk.yaml, geen regisseur en niet 'client'"),
        ("afspraken.yaml", "doel: D1", "doel: D9",
         f"{C}/afspraken.yaml:5: [afspraak-doel] A1: doel 'D9' staat niet in het plan van aanpak"),
        ("afspraken.yaml", "- id: A2", "- id: A1",
         f"{C}/afspraken.yaml:10: [afspraak-dubbel] afspraak-id 'A1' komt twee keer voor"),
        # dates consistent
        ("afspraken.yaml", "gedaan_op: 2026-03-10", "gedaan_op: 2026-02-10",
         f"{C}/afspraken.yaml:9: [datum-volgorde] A1: gedaan op 2026-02-10, voor de datum gemaakt 2026-03-01"),
        ("afspraken.yaml", "deadline: 2026-03-15", "deadline: 2026-02-15",
         f"{C}/afspraken.yaml:7: [datum-volgorde] A1: deadline 2026-02-15 ligt voor de datum gemaakt 2026-03-01"),
        ("afspraken.yaml", "gedaan_op: 2026-03-10", "gedaan_op: 2026-03-10\n    reden: x",
         None),  # reden on a done afspraak is allowed
        ("plan.md", "vastgesteld: 2026-03-01", "vastgesteld: 2026-01-15",
         f"{C}/plan.md:3: [datum-volgorde] plan vastgesteld op 2026-01-15, voor de melding (2026-02-01)"),
        ("casus.yaml", "geopend: 2026-02-02", "geopend: 2026-01-02",
         f"{C}/casus.yaml:8: [datum-volgorde] geopend 2026-01-02 ligt voor de melding (2026-02-01)"),
        ("evaluaties/2026-06-01.md", "datum: 2026-06-01", "datum: 2026-06-02",
         f"{C}/evaluaties/2026-06-01.md:2: [evaluatie-bestandsnaam] bestandsnaam hoort met de datum 2026-06-02 te beginnen"),
        ("melding.yaml", "datum: 2026-02-01", "datum: 2026-12-01",
         [f"{C}/casus.yaml:8: [datum-volgorde] geopend 2026-02-02 ligt voor de melding (2026-12-01)",
          f"{C}/melding.yaml:1: [datum-toekomst] meldingsdatum 2026-12-01 ligt in de toekomst",
          f"{C}/plan.md:3: [datum-volgorde] plan vastgesteld op 2026-03-01, voor de melding (2026-12-01)"]),
        # status and contents agree
        ("plan.md", "vastgesteld: 2026-03-01", "vastgesteld: null",
         [f"{C}/evaluaties/2026-06-01.md:2: [evaluatie-zonder-plan] waarschuwing: evaluatie terwijl het plan van aanpak nog niet is vastgesteld",
          f"{C}/plan.md:3: [status-plan] status uitvoering maar het plan van aanpak is niet vastgesteld"]),
        ("casus.yaml", "status: uitvoering", "status: gesloten\ngesloten: 2026-10-01",
         [OPEN_IN_CLOSED, f"{C}/casus.yaml:3: [status-gesloten] status gesloten zonder eind-evaluatie in evaluaties/"]),
        ("casus.yaml", "status: uitvoering", "status: gesloten",
         [OPEN_IN_CLOSED, f"{C}/casus.yaml:3: [status-gesloten] status gesloten zonder eind-evaluatie in evaluaties/",
          f"{C}/casus.yaml:3: [status-gesloten] status gesloten zonder sluitingsdatum ('gesloten')"]),
        ("casus.yaml", "status: uitvoering", "status: uitvoering\ngesloten: 2026-10-01",
         f"{C}/casus.yaml:4: [status-gesloten] sluitingsdatum ingevuld terwijl de status uitvoering is"),
        ("afspraken.yaml", "gedaan_op: 2026-03-10", "",
         f"{C}/afspraken.yaml:8: [afspraak-status] A1: status gedaan zonder 'gedaan_op'"),
        ("afspraken.yaml", "status: open", "status: vervallen",
         f"{C}/afspraken.yaml:15: [afspraak-status] A2: vervallen zonder 'reden'"),
        # consent
        ("casus.yaml", "status: gegeven", "status: geweigerd",
         [f"{C}/casus.yaml:11: [toestemming-afweging] toestemming geweigerd: leg de afweging vast in toestemming.afweging",
          f"{C}/netwerk.yaml:3: [toestemming-partner] waarschuwing: pro (org) valt niet onder de toestemming (geweigerd) en er "
          "is geen afweging met een wettelijke grondslag vastgelegd (toestemming.afweging en .grondslag; leg die vast met 'regie consent')"]),
        ("casus.yaml", "  datum: 2026-02-03\n", "",
         f"{C}/casus.yaml:11: [toestemming-datum] waarschuwing: toestemming gegeven zonder datum"),
        # escalation levels in the ladder, references, open too long
        ("escalaties.yaml", "niveau: 1", "niveau: 3",
         f"{C}/escalaties.yaml:4: [escalatie-niveau] E1: niveau 3 staat niet in de opschalingsladder van regie.yaml"),
        ("escalaties.yaml", "afspraken: [A1]", "afspraken: [A7]",
         f"{C}/escalaties.yaml:7: [escalatie-afspraak] E1: afspraak 'A7' bestaat niet in afspraken.yaml"),
        ("escalaties.yaml", "over: org", "over: nergens",
         f"{C}/escalaties.yaml:5: [organisatie-onbekend] E1: organisatie 'nergens' staat niet in regie.yaml (of 'client' voor een impasse met de cliënt)"),
        ("escalaties.yaml", "    afgesloten: 2026-10-20\n", "",
         f"{C}/escalaties.yaml:3: [escalatie-open] waarschuwing: E1: escalatie staat 56 dagen open (termijn 30 dagen)"),
        # leefgebieden known
        ("casus.yaml", "[huisvesting, financien]", "[huisvesting, geluk]",
         f"{C}/casus.yaml:10: [leefgebied-onbekend] onbekend leefgebied 'geluk' (zie leefgebieden in regie.yaml)"),
        ("evaluaties/2026-06-01.md", "huisvesting: 3", "woonplezier: 3",
         f"{C}/evaluaties/2026-06-01.md:5: [leefgebied-onbekend] onbekend leefgebied 'woonplezier' (zie leefgebieden in regie.yaml)"),
        # method: informal network involved in the plan
        ("netwerk.yaml", "betrokken: true", "betrokken: false",
         f"{C}/netwerk.yaml:5: [geen-naasten] waarschuwing: geen naasten betrokken bij het plan van aanpak (informeel netwerk; zie netwerk.yaml, 'betrokken: true')"),
    ],
)
def test_rule(dossier, file, old, new, expected):
    edit(dossier / C / file, old, new)
    if expected is None:
        expected = []
    assert findings(dossier) == (expected if isinstance(expected, list) else [expected])


def test_evaluation_before_plan_vastgesteld(dossier):
    edit(dossier / C / "plan.md", "vastgesteld: 2026-03-01", "vastgesteld: 2026-07-01")
    assert findings(dossier) == [
        f"{C}/evaluaties/2026-06-01.md:2: [datum-volgorde] evaluatie van 2026-06-01 ligt voor de vaststelling van het plan (2026-07-01)"
    ]


def test_closed_case_with_eind_evaluation_is_clean(dossier):
    edit(dossier / C / "casus.yaml", "status: uitvoering", "status: gesloten\ngesloten: 2026-10-01")
    write_tree(dossier, {f"{C}/evaluaties/2026-10-01.md": "---\ndatum: 2026-10-01\nsoort: eind\nbesluit: afsluiten\n---\n"})
    assert findings(dossier) == [OPEN_IN_CLOSED]  # issue 26: the open A2 is flagged



CTI_NOTE = "---\ndatum: {d}\nsoort: netwerkbijeenkomst\n---\nVerslag.\n"


@pytest.mark.parametrize("meetings, expected", [
    (3, []),
    (2, [f"{C}/casus.yaml:7: [cti-bijeenkomsten] waarschuwing: CTI-traject gesloten met 2 netwerkbijeenkomsten in journaal/ en bijeenkomsten.yaml; de norm is minstens 3"]),
])
def test_cti_needs_three_network_meetings(dossier, meetings, expected):
    edit(dossier / C / "casus.yaml", "status: uitvoering", "status: gesloten\ngesloten: 2026-10-01")
    edit(dossier / C / "casus.yaml", "traject: regulier", "traject: cti")
    files = {f"{C}/evaluaties/2026-10-01.md": "---\ndatum: 2026-10-01\nsoort: eind\n---\n"}
    for i in range(meetings):
        d = f"2026-0{4 + i}-01"
        files[f"{C}/journaal/{d}-1.md"] = CTI_NOTE.format(d=d)
    write_tree(dossier, files)
    assert findings(dossier) == [OPEN_IN_CLOSED] + [e.replace(":7:", ":8:") for e in expected]


def test_case_ids_unique_regardless_of_case(tmp_path):
    other = dict(CASE)
    other["casus.yaml"] = CASE["casus.yaml"].replace('id: "2026-001"', 'id: "A-1"')
    root = make_dossier(tmp_path, {"a-1": {**other, "casus.yaml": other["casus.yaml"].replace('"A-1"', '"a-1"')},
                                   "A-1": other})
    assert "casussen/a-1: [casus-id-dubbel] casus-id 'a-1' bestaat al als 'A-1'" in findings(root)


def test_all_findings_in_one_run(dossier):
    edit(dossier / C / "casus.yaml", "regisseur: reg", "regisseur: x")
    edit(dossier / C / "afspraken.yaml", "wie: zus", "wie: y")
    edit(dossier / C / "escalaties.yaml", "niveau: 1", "niveau: 9")
    codes = [f.split("[")[1].split("]")[0] for f in findings(dossier)]
    assert codes == ["afspraak-wie", "regisseur-onbekend", "escalatie-niveau"]


def test_leefgebieden_overridable_in_regie_yaml(dossier):
    edit(dossier / "regie.yaml", "opschaling:", "leefgebieden: [wonen, geld]\nopschaling:")
    result = findings(dossier)
    assert f"{C}/casus.yaml:10: [leefgebied-onbekend] onbekend leefgebied 'huisvesting' (zie leefgebieden in regie.yaml)" in result
    edit(dossier / C / "casus.yaml", "[huisvesting, financien]", "[wonen, geld]")
    edit(dossier / C / "plan.md", "leefgebied: huisvesting", "leefgebied: wonen")
    edit(dossier / C / "evaluaties/2026-06-01.md", "huisvesting: 3", "wonen: 3")
    assert findings(dossier) == []


def test_overgedragen_needs_the_organisation(dossier):
    edit(dossier / C / "casus.yaml", "status: uitvoering", "status: overgedragen")
    assert findings(dossier) == [
        f"{C}/casus.yaml:3: [status-overgedragen] status overgedragen zonder 'overgedragen_aan' (de organisatie die de regie heeft)"]
    edit(dossier / C / "casus.yaml", "status: overgedragen", "status: overgedragen\novergedragen_aan: nergens")
    assert findings(dossier) == [f"{C}/casus.yaml:4: [organisatie-onbekend] organisatie 'nergens' staat niet in regie.yaml"]
    edit(dossier / C / "casus.yaml", "overgedragen_aan: nergens", "overgedragen_aan: org")
    assert findings(dossier) == []


def test_regie_history_names_known_people(dossier):
    edit(dossier / C / "casus.yaml", "urgentie: hoog", "urgentie: hoog\nregie_historie:\n  - datum: 2026-03-01\n"
         "    regisseur: onbekend\n    reden: x\n  - datum: 2026-01-01\n    casushouder: zus\n    reden: y")
    assert findings(dossier) == [
        f"{C}/casus.yaml:12: [regisseur-onbekend] regisseur 'onbekend' staat niet in regie.yaml",
        f"{C}/casus.yaml:14: [datum-volgorde] overdracht op 2026-01-01 ligt voor geopend (2026-02-02)",
        f"{C}/casus.yaml:15: [casemanager-onbekend] casushouder 'zus' is geen professional in netwerk.yaml",
    ]


def test_unfinished_evaluation_is_a_warning(dossier):
    edit(dossier / C / "evaluaties/2026-06-01.md", "huisvesting: 3", "huisvesting: null")
    edit(dossier / C / "evaluaties/2026-06-01.md", "besluit: doorgaan", "besluit: null")
    assert findings(dossier) == [
        f"{C}/evaluaties/2026-06-01.md:2: [evaluatie-onvolledig] waarschuwing: evaluatie nog niet ingevuld: huisvesting, besluit"]


def test_closed_without_evaluation_when_the_reason_is_recorded(dossier):
    edit(dossier / C / "casus.yaml", "status: uitvoering", "status: gesloten\ngesloten: 2026-10-01\nzonder_evaluatie: cliënt overleden")
    assert findings(dossier) == [OPEN_IN_CLOSED]
