"""A closed case takes no more casework; privacy and record-keeping go on (issue 26, item 6).

Every command has one mark in regie/cli/menu.py (CLOSED_CASE); every command marked as changing a case is run
here against a closed case: casework is refused with nothing changed, the rest is not refused for being closed.
A new command fails ``test_every_command_has_a_mark`` until it has its line, and a new mutating one fails
``test_every_mutating_command_is_tried_on_a_closed_case`` until it is tried below.
"""

from __future__ import annotations

import pytest
from conftest import CASE, MEMO, git, make_dossier

from regie.cli.menu import CLOSED_CASE
from regie.work.gesloten import BEHEER, CASUSWERK, MARKS

CID = "2026-001"
CLOSED = {**CASE, "casus.yaml": CASE["casus.yaml"].replace(
    "status: uitvoering", "status: gesloten\n        gesloten: 2026-11-01\n        sluitreden: doelen-bereikt\n"
    "        bewaren_tot: 2041-11-01")}
OTHER = {**CASE, "casus.yaml": CASE["casus.yaml"].replace('id: "2026-001"', 'id: "2026-002"')}

# How each command that changes a case is tried on the closed case 2026-001.
ZRM_2013 = ("financien", "dagbesteding", "huisvesting", "huiselijke-relaties", "geestelijke-gezondheid",
            "lichamelijke-gezondheid", "middelengebruik", "basale-adl", "instrumentele-adl", "sociaal-netwerk",
            "maatschappelijke-participatie", "justitie")
TRIES = {
    "new-case": None,  # makes a new case, never a closed one: tried in tests/test_new_case.py
    "intake": ["intake", CID, "--besluit", "aangenomen", "--reden", "past bij het netwerk"],
    "plan": ["plan", CID, "--vaststellen"],
    "escalate": ["escalate", CID, "--over", "org", *MEMO, "--reden", "afspraak niet nagekomen", "--verzoek", "spreek aan",
                 "--afspraak", "A2"],
    "evaluate": ["evaluate", CID, "--no-edit"],
    "handover": ["handover", CID, "--naar", "reg2", "--reden", "verhuizing"],
    "meldcode": ["meldcode", CID, "--stap", "1", "--toelichting", "signalen in kaart"],
    "merge-cases": ["merge-cases", "2026-002", CID],
    "cti": ["cti", CID, "--fase", "structurering"],
    "zrm": ["zrm", CID, *(f"{lg}=3" for lg in ZRM_2013)],
    "hulp add": ["hulp", "add", CID, "--organisatie", "org", "--van", "2026-01-01", "--wat", "ambulante hulp"],
    "hulp end": ["hulp", "end", CID, "H1", "--tot", "2026-11-01"],
    "kracht add": ["kracht", "add", CID, "--wat", "houdt van koken"],
    "betrokkene kwaliteit": ["betrokkene", "kwaliteit", CID, "zus", "steunend"],
    "bijeenkomst plan": ["bijeenkomst", "plan", CID, "--datum", "2026-12-10", "--soort", "netwerkbijeenkomst",
                         "--genodigde", "client"],
    "bijeenkomst verslag": None,  # needs a planned meeting, which a closed case refuses: tried in tests/test_bijeenkomst.py
    "bijeenkomst uitnodiging": None,  # idem
    "consult add": ["consult", "add", CID, "--rol", "wijkverpleegkundige", "--organisatie", "org", "--vraagsoort",
                    "werkprobleem", "--vraag", "Hoe verder?"],
    "consult vervolg": None,  # needs a consultation in the case, which a closed case refuses: tried in tests/test_consult.py
    "huishouden lid": ["huishouden", CID, "lid", "add", "--rol", "kind", "--geboortejaar", "2015", "--pseudoniem", "K."],
    "note": ["note", CID, "--soort", "huisbezoek", "--tekst", "Bezoek."],
    "afspraak add": ["afspraak", "add", CID, "--wat", "Bellen", "--wie", "pro", "--deadline", "2026-12-20"],
    "afspraak done": ["afspraak", "done", CID, "A2"],
    "afspraak drop": ["afspraak", "drop", CID, "A2", "--reden", "vervallen met de casus"],  # beheer: see validate
    "afspraak move": ["afspraak", "move", CID, "A2", "--deadline", "2026-12-20", "--reden", "later"],
    "betrokkene add": ["betrokkene", "add", CID, "--naaste", "--relatie", "buurman"],
    "betrokkene drop": ["betrokkene", "drop", CID, "zus", "--reden", "verhuisd"],
    "doel add": ["doel", "add", CID, "--leefgebied", "financien", "--wat", "Schulden in beeld", "--startscore", "2",
                 "--doelscore", "4"],
    "doel done": ["doel", "done", CID, "D1"],
    "doel drop": ["doel", "drop", CID, "D1", "--reden", "niet meer nodig"],
    # privacy and record-keeping: not refused for being closed
    "verwijsindex": ["verwijsindex", CID, "--regievoerder", "reg"],
    "consent": ["consent", CID, "--status", "ingetrokken", "--afweging", "cliënt trekt in", "--grondslag",
                "wettelijke-plicht"],
    "close": ["close", CID, "--reden", "doelen-bereikt"],
    "export": ["export", CID],
    "purge": ["purge", CID, "--dry-run"],
    "share": ["share", CID, "--aan", "org", "--wat", "de afspraken", "--grondslag", "wettelijke-plicht"],
    "afscherm": ["afscherm", CID, "A2", "--grond", "avg-23", "--tot", "2027-12-31"],
    "identity edit": None,  # needs age keys: tried in tests/test_closed_case_identity.py
    "identity rekey": None,  # idem
    "zoek": None,  # --sleutel-vernieuwen needs age keys and a network key: tried in tests/test_zoek.py
    "regisseur drop": ["regisseur", "drop", "reg", "--per", "2026-12-01", "--naar", "reg2"],
}
# Record-keeping commands that refuse this particular try for a reason of their own, not for the mark.
OWN_REFUSALS = {
    "close": "al gesloten",
    "purge": "de bewaartermijn van casus 2026-001 loopt nog",
    "verwijsindex": "de verwijsindex bijwerken kan niet meer",  # a new signal, match or regievoerder is casework
}


@pytest.fixture
def closed(tmp_path):
    root = make_dossier(tmp_path / "dossier", {CID: CLOSED, "2026-002": OTHER})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "start")
    return root


def _leaves() -> set[str]:
    import typer

    from regie.cli.app import build_app

    top = typer.main.get_command(build_app())
    out = set()
    for name, cmd in top.commands.items():
        subs = getattr(cmd, "commands", None)
        out.update({f"{name} {sub}" for sub in subs} if isinstance(subs, dict) else {name})
    return out


def test_every_command_has_a_mark():
    assert set(CLOSED_CASE) == _leaves()
    assert set(CLOSED_CASE.values()) <= set(MARKS)


def test_every_mutating_command_is_tried_on_a_closed_case():
    assert set(TRIES) == {name for name, mark in CLOSED_CASE.items() if mark in (CASUSWERK, BEHEER)}


def _state(root) -> tuple[str, str]:
    return git(root, "rev-parse", "HEAD"), git(root, "status", "--porcelain", "--untracked-files=all")


@pytest.mark.parametrize("name", sorted(n for n, args in TRIES.items() if args and CLOSED_CASE[n] == CASUSWERK))
def test_casework_on_a_closed_case_is_refused(cli, closed, name):
    before = _state(closed)
    r = cli("-C", str(closed), *TRIES[name])
    assert r.code == 1, r
    assert f"casus {CID} is gesloten" in r.err, r.err
    assert _state(closed) == before


@pytest.mark.parametrize("name", sorted(n for n, args in TRIES.items() if args and CLOSED_CASE[n] == BEHEER))
def test_record_keeping_on_a_closed_case_goes_on(cli, closed, name):
    r = cli("-C", str(closed), *TRIES[name])
    assert "casuswerk" not in r.err, r
    assert r.code == (1 if name in OWN_REFUSALS else 0), r
    assert OWN_REFUSALS.get(name, "") in r.err, r


def test_the_refusal_names_what_is_still_allowed(cli, closed):
    r = cli("-C", str(closed), *TRIES["afspraak add"])
    assert r.err == (f"fout: casus {CID} is gesloten: casuswerk ('regie afspraak add') kan niet meer; wat wel kan: "
                     "identiteit, afscherming, verstrekkingen, toestemming, verwijsindex, bewaartermijn, vernietiging "
                     "en inzage\n")


def test_a_command_without_a_mark_cannot_write_a_case(closed):
    """The check itself: a command that writes a case but has no mark is a programming error, not a silent write."""
    from regie.work import gesloten

    gesloten.declare("nieuw", None)
    try:
        with pytest.raises(AssertionError, match="CLOSED_CASE"):
            gesloten.check(closed, [closed / "casussen" / "2026-002" / "casus.yaml"])
        gesloten.check(closed, [closed / "signalen" / "S1.yaml"])  # outside a case: nothing to say
    finally:
        gesloten.declare(None)


def test_validate_flags_an_open_agreement_in_a_closed_case_and_drop_records_it(cli, closed):
    r = cli("-C", str(closed), "validate", CID)
    assert ("casussen/2026-001/afspraken.yaml:15: [afspraak-open-gesloten] waarschuwing: A2: open afspraak in een gesloten casus; "
            "leg vast dat hij vervallen is met 'regie afspraak drop 2026-001 A2' (met de reden)") in r.out
    r = cli("-C", str(closed), "afspraak", "drop", CID, "A2", "--reden", "vervallen met de casus")
    assert r.code == 0, r
    assert "afspraak-open-gesloten" not in cli("-C", str(closed), "validate", CID).out
    assert git(closed, "log", "-1", "--format=%s") == "regie afspraak: A2 van casus 2026-001 vervallen\n"
