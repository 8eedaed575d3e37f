"""`regie consent`: consent with its scope, its form and its history; verstrekkingen and partners checked against it
(issue 10, item 4)."""

from __future__ import annotations

import pytest
from conftest import edit, git

C = "casussen/2026-001"
WITHDRAW = ["consent", "2026-001", "--status", "ingetrokken", "--datum", "2026-10-01", "--grondslag", "publieke-taak",
            "--afweging", "Meneer trekt toestemming in; de woningcorporatie volgt de woning vanuit haar eigen taak."]
GIVE = ["consent", "2026-001", "--status", "gegeven", "--datum", "2026-11-02", "--partner", "ggz-delta", "--partner", "woonstad",
        "--gegevens", "huisvesting", "--formulier", "TF-2026-001-2"]


def casus(repo) -> str:
    return (repo / C / "casus.yaml").read_text()


def test_withdrawn_then_given_again_every_change_kept(cli, examples_repo):
    root = ("-C", str(examples_repo))
    r = cli(*root, *WITHDRAW)
    assert (r.code, r.err) == (0, "toestemming van casus 2026-001: ingetrokken op 2026-10-01\n"), r
    text = casus(examples_repo)
    assert ("toestemming:\n  status: ingetrokken\n  datum: 2026-10-01\n"
            "  afweging: Meneer trekt toestemming in; de woningcorporatie volgt de woning vanuit haar eigen taak.\n"
            "  grondslag: publieke-taak\n"
            "  historie:\n"
            "    - datum: 2026-02-20\n      status: gegeven\n"
            "    - datum: 2026-10-01\n      status: ingetrokken\n"
            "      afweging: Meneer trekt toestemming in; de woningcorporatie volgt de woning vanuit haar eigen taak.\n"
            "      grondslag: publieke-taak\n") in text
    assert git(examples_repo, "log", "-1", "--format=%s") == "regie consent: toestemming van casus 2026-001 ingetrokken\n"
    assert git(examples_repo, "show", "--name-only", "--format=", "HEAD").split() == [f"{C}/casus.yaml"]
    history_so_far = text[text.index("  historie:\n"):]
    r = cli(*root, *GIVE)
    assert r.code == 0, r
    text = casus(examples_repo)
    assert text.endswith(history_so_far + "    - datum: 2026-11-02\n      status: gegeven\n      partners: [ggz-delta, woonstad]\n"
                         "      gegevens: [huisvesting]\n      formulier: TF-2026-001-2\n")  # the past entries untouched
    assert ("toestemming:\n  status: gegeven\n  datum: 2026-11-02\n  partners: [ggz-delta, woonstad]\n  gegevens: [huisvesting]\n"
            "  formulier: TF-2026-001-2\n  historie:\n") in text
    assert "toestemming: gegeven (voor ggz-delta, woonstad)" in cli(*root, "show", "2026-001").out
    log = [" ".join(line.split()) for line in cli(*root, "log", "2026-001").out.splitlines()]
    assert [line for line in log if "dossier toestemming" in line] == [
        "2026-02-20 dossier toestemming: gegeven",
        "2026-10-01 dossier toestemming: ingetrokken",
        "2026-11-02 dossier toestemming: gegeven (voor GGZ Delta, Woonstad Zuid)",
    ]
    export = cli(*root, "export", "2026-001").out
    assert ("U heeft toestemming gegeven op 2 november 2026 om uw situatie in het netwerk te bespreken, met: GGZ Delta, "
            "Woonstad Zuid. Het gaat om gegevens over huisvesting. U tekende daarvoor formulier TF-2026-001-2.") in export
    assert "- 20 februari 2026: u heeft toestemming gegeven\n- 1 oktober 2026: u heeft uw toestemming ingetrokken\n" in export
    # schuldhulp and the huisarts are in the network but outside the consent, and there is no afweging now;
    # GGZ Delta is covered, but works on geestelijke gezondheid, which the consent (huisvesting) does not name
    warnings = [line for line in cli(*root, "validate", "2026-001").out.splitlines() if "toestemming" in line]
    assert warnings == [
        f"{C}/afspraken.yaml:6: [toestemming-leefgebied] waarschuwing: GGZ Delta werkt aan geestelijke gezondheid "
        "(A1), maar de toestemming geldt alleen voor huisvesting; vraag toestemming voor geestelijke gezondheid en leg die "
        "vast met 'regie consent' (gegevens: geestelijke-gezondheid)"
    ] + [
        f"{C}/netwerk.yaml:{n}: [toestemming-partner] waarschuwing: {pid} ({org}) valt niet onder de toestemming (gegeven voor "
        "ggz-delta, woonstad) en er is geen afweging met een wettelijke grondslag vastgelegd (toestemming.afweging en .grondslag; leg die vast met 'regie consent')"
        for n, pid, org in ((10, "schuldhulp", "schuldhulp"), (13, "huisarts", "huisarts"))
    ]


def test_sharing_is_checked_against_the_consent_of_that_day_and_its_partners(cli, examples_repo):
    root = ("-C", str(examples_repo))
    assert cli(*root, *WITHDRAW).code == 0
    assert cli(*root, *GIVE).code == 0
    head = git(examples_repo, "rev-parse", "HEAD")
    r = cli(*root, "share", "2026-001", "--aan", "schuldhulp", "--wat", "overzicht schulden", "--grondslag", "toestemming")
    assert (r.code, r.err) == (1, "fout: delen op grond van toestemming kan niet: de toestemming in casus 2026-001 gold niet "
                                  "voor schuldhulp; leg eerst de toestemming vast met 'regie consent', of kies een andere grondslag\n")
    r = cli(*root, "share", "2026-001", "--aan", "woonstad", "--wat", "huurafspraak", "--grondslag", "toestemming",
            "--datum", "2026-10-15")
    assert (r.code, r.err) == (1, "fout: delen op grond van toestemming kan niet: de toestemming in casus 2026-001 gold niet "
                                  "voor woonstad; leg eerst de toestemming vast met 'regie consent', of kies een andere grondslag\n")
    assert git(examples_repo, "rev-parse", "HEAD") == head
    r = cli(*root, "share", "2026-001", "--aan", "woonstad", "--wat", "huurafspraak", "--grondslag", "toestemming")
    assert r.code == 0, r
    # a verstrekking written by hand on consent that was withdrawn that day is an error
    path = examples_repo / C / "verstrekkingen.yaml"
    path.write_text(path.read_text() + "  - id: V9\n    datum: 2026-10-10\n    aan: ggz-delta\n    wat: verslag\n"
                                       "    grondslag: toestemming\n")
    out = cli(*root, "validate", "2026-001").out
    assert (f"{C}/verstrekkingen.yaml:13: [verstrekking-toestemming] V9: gedeeld op grond van toestemming, maar de "
            "toestemming was op 2026-10-10 ingetrokken\n") in out


@pytest.mark.parametrize("args, code, err", [
    (["--status", "misschien"], 2, "fout: onbekende status 'misschien'; kies uit: gegeven, geweigerd, ingetrokken, niet-gevraagd\n"),
    (["--status", "ingetrokken"], 2, "fout: --afweging, --grondslag: toestemming ingetrokken: leg vast waarom er toch wordt "
                                     "samengewerkt (de afweging) en op welke wettelijke grondslag (wettelijke-plicht, vitaal-belang, "
                                     "publieke-taak, gerechtvaardigd-belang)\n"),
    (["--status", "ingetrokken", "--afweging", "x", "--grondslag", "omdat"], 2,
     "fout: onbekende grondslag 'omdat'; kies uit: wettelijke-plicht, vitaal-belang, publieke-taak, gerechtvaardigd-belang\n"),
    (["--status", "gegeven", "--afweging", "x"], 2,
     "fout: --afweging, --grondslag: een afweging en grondslag horen bij werken zonder toestemming (geweigerd, ingetrokken of niet gevraagd)\n"),
    (["--status", "geweigerd", "--afweging", "x", "--grondslag", "vitaal-belang", "--partner", "woonstad"], 2,
     "fout: --partner, --gegevens: partners en gegevens beschrijven waarvoor toestemming is gegeven; bij geweigerd horen ze niet\n"),
    (["--status", "gegeven", "--partner", "nergens"], 2, "fout: --partner: onbekende organisatie 'nergens'"),
    (["--status", "gegeven", "--datum", "2026-02-19"], 2,
     "fout: datum 2026-02-19 ligt voor de laatste wijziging van de toestemming (2026-02-20)\n"),
    (["--status", "gegeven", "--datum", "2026-11-27"], 2, "fout: datum 2026-11-27 ligt in de toekomst\n"),
    (["--status", "gegeven", "--formulier", "BSN 111222333"], 2, "fout: --formulier: het formulier bevat mogelijk een BSN"),
    (["--status", "gegeven", "--gegevens", "wonen"], 2, "fout: --gegevens: 'wonen' is geen leefgebied; schrijf huisvesting "
                                                       "(wonen → huisvesting)\n"),
    (["--status", "gegeven", "--gegevens", "alles"], 2, "fout: --gegevens: onbekende soort gegevens 'alles'; kies een leefgebied "
                                                       "uit regie.yaml (financien, dagbesteding, huisvesting"),
])
def test_refusals_write_nothing(cli, examples_repo, args, code, err):
    head, before = git(examples_repo, "rev-parse", "HEAD"), casus(examples_repo)
    r = cli("-C", str(examples_repo), "consent", "2026-001", *args)
    assert (r.code, r.err[: len(err)]) == (code, err), r
    assert casus(examples_repo) == before and git(examples_repo, "rev-parse", "HEAD") == head
    assert git(examples_repo, "status", "--porcelain") == ""


def test_editing_the_current_consent_by_hand_past_its_history_is_an_error(cli, examples_repo):
    assert cli("-C", str(examples_repo), *WITHDRAW).code == 0
    edit(examples_repo / C / "casus.yaml", "  status: ingetrokken\n  datum: 2026-10-01\n", "  status: gegeven\n  datum: 2026-10-01\n")
    out = cli("-C", str(examples_repo), "validate", "2026-001").out
    assert (f"{C}/casus.yaml:55: [toestemming-historie] de toestemming wijkt af van de laatste wijziging in "
            "toestemming.historie; leg een wijziging vast met 'regie consent' in plaats van de stand met de hand aan te passen\n") in out


def test_a_new_case_can_record_the_legal_basis_of_its_afweging(cli, examples_repo):
    r = cli("-C", str(examples_repo), "new-case", "--melder-rol", "buurman", "--aard", "zorgen", "--urgentie", "laag",
            "--regisseur", "a-bakker", "--pseudoniem", "Mevrouw Z.", "--afweging", "zorg om veiligheid", "--grondslag", "vitaal-belang")
    assert r.code == 0, r
    text = (examples_repo / "casussen" / r.out.strip() / "casus.yaml").read_text()
    assert "  afweging: \"zorg om veiligheid\"\n  grondslag: vitaal-belang    #" in text


def test_partners_may_be_given_as_in_the_issue_text(cli, examples_repo):
    r = cli("-C", str(examples_repo), "consent", "2026-001", "--status", "gegeven", "--partners", "ggz-delta",
            "--partners", "woonstad")
    assert r.code == 0, r
    assert "  partners: [ggz-delta, woonstad]\n" in casus(examples_repo)


def test_consent_records_the_grondslag_when_consent_was_not_asked(cli, git_dossier):
    """Issue 26, item 4: 'niet-gevraagd' with its afweging and grondslag, by command; the partner warning goes."""
    from conftest import edit

    edit(git_dossier / "casussen/2026-001/casus.yaml", "  status: gegeven\n  datum: 2026-02-03\n",
         "  status: niet-gevraagd\n")
    git(git_dossier, "commit", "-qam", "niet gevraagd")
    assert "[toestemming-partner]" in cli("-C", str(git_dossier), "validate").out
    r = cli("-C", str(git_dossier), "consent", "2026-001", "--status", "niet-gevraagd", "--afweging",
            "acute zorg om de woning; cliënt nog niet bereikbaar", "--grondslag", "vitaal-belang", "--datum", "2026-02-03")
    assert r.code == 0, r
    out = cli("-C", str(git_dossier), "validate").out
    assert "toestemming-" not in out, out
    text = (git_dossier / "casussen/2026-001/casus.yaml").read_text("utf-8")
    assert "  status: niet-gevraagd\n" in text and "  grondslag: vitaal-belang\n" in text
    assert git(git_dossier, "log", "-1", "--format=%s") == "regie consent: toestemming van casus 2026-001 niet-gevraagd\n"
    r = cli("-C", str(git_dossier), "consent", "2026-001", "--status", "niet-gevraagd")
    assert r.code == 2 and "leg vast waarom er toch wordt samengewerkt" in r.err
