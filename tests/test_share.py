"""Verstrekkingen: what was shared with whom, checked against consent, listed in the client's inzage."""

from __future__ import annotations

import pytest
from conftest import MEMO, edit, git

C = "casussen/2026-001"


def test_share_records_commits_and_appears_in_the_inzage(cli, examples_repo):
    r = cli("-C", str(examples_repo), "share", "2026-001", "--aan", "woonstad", "--ontvanger", "woonconsulent",
            "--wat", "afspraken over de schoonmaak", "--grondslag", "toestemming", "--datum", "2026-11-20")
    assert (r.code, r.out) == (0, "V1\n"), r
    assert (examples_repo / C / "verstrekkingen.yaml").read_text().endswith(
        "verstrekkingen:\n  - id: V1\n    datum: 2026-11-20\n    aan: woonstad\n    ontvanger: woonconsulent\n"
        "    wat: afspraken over de schoonmaak\n    grondslag: toestemming\n")
    assert git(examples_repo, "log", "-1", "--format=%s") == "regie share: verstrekking V1 in casus 2026-001 vastgelegd\n"
    inzage = cli("-C", str(examples_repo), "export", "2026-001").out
    assert ("- 20 november 2026: aan Woonstad Zuid (woonconsulent): afspraken over de schoonmaak. "
            "Dit gebeurde met uw toestemming.\n") in inzage
    r = cli("-C", str(examples_repo), "share", "2026-001", "--aan", "politie", "--wat", "zorgen over brandgevaar",
            "--grondslag", "vitaal-belang")
    assert r.out == "V2\n"
    assert "Dit gebeurde om uw leven of gezondheid (of die van een ander) te beschermen." in cli(
        "-C", str(examples_repo), "export", "2026-001").out


def test_an_escalation_memo_is_recorded_as_a_verstrekking(cli, examples_repo):
    r = cli("-C", str(examples_repo), "escalate", "2026-007", "--over", "wijkteam", *MEMO, "--reden", "geen huisbezoek")
    assert r.code == 0, r
    text = (examples_repo / "casussen/2026-007/verstrekkingen.yaml").read_text()
    # 2026-007 has consent refused: the memo goes out on the recorded weighing, not on consent
    assert "aan: wijkteam\n" in text and "escalatie: E1\n" in text and "grondslag: afweging\n" in text
    assert "zonder uw toestemming, op grond van de afweging die in uw dossier staat" in cli(
        "-C", str(examples_repo), "export", "2026-007").out


@pytest.mark.parametrize("args, code, message", [
    (["share", "2026-007", "--aan", "ggd", "--wat", "x", "--grondslag", "toestemming"], 1,
     "fout: delen op grond van toestemming kan niet: de toestemming in casus 2026-007 is geweigerd; kies een andere "
     "grondslag (bijv. afweging, vitaal-belang) en leg die afweging vast\n"),
    (["share", "2026-001", "--aan", "buurvrouw", "--wat", "x", "--grondslag", "toestemming"], 2,
     "fout: --aan: onbekende organisatie 'buurvrouw' (bekend in regie.yaml: ggd, ggz-delta, huisarts, jeugdbescherming, "
     "maatschappelijk-werk, opvang, politie, schuldhulp, veilig-thuis, wijkteam, woonstad)\n"),
    (["share", "2026-001", "--aan", "ggd", "--wat", "x", "--grondslag", "nieuwsgierigheid"], 2,
     "fout: onbekende grondslag 'nieuwsgierigheid'; kies uit: toestemming, wettelijke-plicht, vitaal-belang, "
     "publieke-taak, gerechtvaardigd-belang, afweging\n"),
    (["share", "2026-001", "--aan", "ggd", "--wat", "bel 06-12345678", "--grondslag", "toestemming"], 2,
     "fout: --wat: de omschrijving van wat er gedeeld wordt bevat mogelijk een telefoonnummer; zet direct identificerende gegevens niet in het dossier "
     "(gebruik een pseudoniem of omschrijving)\n"),
    (["share", "2026-404", "--aan", "ggd", "--wat", "x", "--grondslag", "toestemming"], 1,
     "fout: onbekende casus '2026-404': geen map casussen/2026-404\n"),
])
def test_share_refusals_write_nothing(cli, examples_repo, args, code, message):
    head = git(examples_repo, "rev-parse", "HEAD")
    r = cli("-C", str(examples_repo), *args)
    assert (r.code, r.err) == (code, message)
    assert git(examples_repo, "rev-parse", "HEAD") == head
    assert git(examples_repo, "status", "--porcelain", "--untracked-files=all") == ""


def test_validate_checks_every_verstrekking(cli, examples_repo):
    path = examples_repo / "casussen/2026-006/verstrekkingen.yaml"
    edit(path, "    aan: ggz-delta\n    ontvanger: Brandpuntfunctionaris", "    aan: onbekend\n    ontvanger: Brandpuntfunctionaris")
    edit(path, "escalatie: E2", "escalatie: E9")
    edit(examples_repo / "casussen/2026-006/casus.yaml", "  status: gegeven", "  status: ingetrokken\n  afweging: acuut gevaar")
    r = cli("-C", str(examples_repo), "validate", "2026-006")
    lines = [line for line in r.out.splitlines() if "verstrekkingen.yaml" in line]
    assert lines == [
        "casussen/2026-006/verstrekkingen.yaml:9: [verstrekking-toestemming] V1: gedeeld op grond van toestemming, maar de toestemming was op 2026-07-01 ingetrokken",
        "casussen/2026-006/verstrekkingen.yaml:13: [organisatie-onbekend] V2: organisatie 'onbekend' staat niet in regie.yaml",
        "casussen/2026-006/verstrekkingen.yaml:16: [verstrekking-toestemming] V2: gedeeld op grond van toestemming, maar de toestemming was op 2026-10-06 ingetrokken",
        "casussen/2026-006/verstrekkingen.yaml:17: [verstrekking-escalatie] V2: escalatie 'E9' bestaat niet",
        "casussen/2026-006/verstrekkingen.yaml:24: [verstrekking-toestemming] V3: gedeeld op grond van toestemming, maar de toestemming was op 2026-09-30 ingetrokken",
    ]
