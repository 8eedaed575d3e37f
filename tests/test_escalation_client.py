"""The client's impasse on its own ladder, and memos that say what a decider needs (issue 25, item 6)."""

from __future__ import annotations

import pytest
from conftest import MEMO, git

C = "casussen/2026-001"


def _escalate(cli, repo, *extra):
    return cli("-C", str(repo), "escalate", "2026-001", "--over", "client", *MEMO, "--reden",
               "Meneer doet de deur niet meer open. De post stapelt zich op.", *extra)


def test_the_client_ladder_goes_to_bemoeizorg_the_ggd_arts_and_the_wvggz(cli, examples_repo):
    r = _escalate(cli, examples_repo)
    assert (r.code, r.err) == (0, "escalatie E1 vastgelegd: niveau 1 (Regisseur met het netwerk)\n"), r
    assert "| Aan | Regisseur met het netwerk (niveau 1) — de netwerkregisseur, met outreachend contact en een nieuw " \
           "voorstel aan de cliënt |\n" in r.out
    assert ("## Opschalingsladder bij een impasse met de cliënt\n\n"
            "1. Regisseur met het netwerk — de netwerkregisseur, met outreachend contact en een nieuw voorstel aan de cliënt"
            " ← deze stap\n"
            "2. Bemoeizorg (OGGZ-team) — bemoeizorger van het OGGZ-team van de GGD\n"
            "3. GGD-arts — arts openbare geestelijke gezondheidszorg van de GGD\n"
            "4. Melding verkennend onderzoek Wvggz — het college van B&W (meldpunt Wvggz van de gemeente)\n") in r.out
    assert "Leidinggevende" not in r.out
    steps = [_escalate(cli, examples_repo).err.splitlines()[-1] for _ in range(3)]
    assert steps == ["escalatie E2 vastgelegd: niveau 2 (Bemoeizorg (OGGZ-team))",
                     "escalatie E3 vastgelegd: niveau 3 (GGD-arts)",
                     "escalatie E4 vastgelegd: niveau 4 (Melding verkennend onderzoek Wvggz)"]
    r = _escalate(cli, examples_repo)
    assert (r.code, r.err) == (1, "fout: al opgeschaald tot het hoogste niveau van de ladder (4: Melding verkennend onderzoek "
                                  "Wvggz) over de cliënt; hoger kan niet\n")
    # the agenda and the report name the client's levels, not the organisations' ladder
    agenda = cli("-C", str(examples_repo), "agenda").out
    assert "E4 niveau 4 (Melding verkennend onderzoek Wvggz) over de cliënt, 0 dagen open" in agenda
    assert cli("-C", str(examples_repo), "validate", "2026-001").out == ""


def test_every_memo_has_a_subject_a_reply_date_what_was_tried_and_what_it_means(cli, examples_repo):
    r = cli("-C", str(examples_repo), "escalate", "2026-001", "--over", "woonstad", "--reden",
            "Woonstad reageert niet op het verzoek om de ontruiming uit te stellen; de termijn loopt af.",
            "--geprobeerd", "Drie keer gebeld met de woonconsulent, een mail aan de teamleider wonen.",
            "--gevolg", "Meneer staat op 15 december op straat.")
    assert r.code == 0, r
    assert "| Betreft | Woonstad reageert niet op het verzoek om de ontruiming uit te stellen |\n| Over | Woonstad Zuid |\n" in r.out
    assert "| Reactie gevraagd vóór | 6 december 2026 |\n" in r.out  # 2026-11-26 plus termijnen.escalatie_reactie (10)
    assert ("## Wat op uitvoerend niveau al is geprobeerd\n\n"
            "Drie keer gebeld met de woonconsulent, een mail aan de teamleider wonen.\n\n## Wat ik vraag\n\n"
            "Een besluit dat de uitvoering van het plan van aanpak weer mogelijk maakt.\n\nGraag een reactie vóór 6 december 2026.\n\n"
            "## Wat het voor de cliënt betekent als er niets gebeurt\n\nMeneer staat op 15 december op straat.\n") in r.out
    text = (examples_repo / C / "escalaties.yaml").read_text()
    assert ("    betreft: Woonstad reageert niet op het verzoek om de ontruiming uit te stellen\n"
            "    reden: Woonstad reageert niet op het verzoek om de ontruiming uit te stellen; de termijn loopt af.\n"
            "    geprobeerd: Drie keer gebeld met de woonconsulent, een mail aan de teamleider wonen.\n"
            "    gevolg: Meneer staat op 15 december op straat.\n    reactie_voor: 2026-12-06\n") in text
    assert (examples_repo / C / "escalaties/E1.md").read_text() == r.out
    # a subject and a date of one's own
    r = cli("-C", str(examples_repo), "escalate", "2026-001", "--over", "woonstad", *MEMO, "--reden", "nog steeds niets",
            "--betreft", "Uitstel van de ontruiming", "--reactie-voor", "2026-11-30")
    assert "| Betreft | Uitstel van de ontruiming |\n" in r.out and "| Reactie gevraagd vóór | 30 november 2026 |\n" in r.out


@pytest.mark.parametrize("args, code, err", [
    (["--over", "client", "--reden", "x"], 2, "fout: ontbrekende waarde(n): --geprobeerd, --gevolg\n"),
    (["--over", "client", "--reden", "x", "--geprobeerd", " ", "--gevolg", "y"], 2,
     "fout: --geprobeerd: wat al is geprobeerd mag niet leeg zijn\n"),
    (["--over", "client", *MEMO, "--reden", "x", "--reactie-voor", "2026-11-26"], 2,
     "fout: --reactie-voor: de datum voor een reactie (2026-11-26) hoort na vandaag te liggen\n"),
    (["--over", "client", *MEMO, "--reden", "x", "--niveau", "5"], 2,
     "fout: niveau 5 staat niet in de ladder bij een impasse met de cliënt (1: Regisseur met het netwerk, 2: Bemoeizorg "
     "(OGGZ-team), 3: GGD-arts, 4: Melding verkennend onderzoek Wvggz)\n"),
])
def test_refusals_write_nothing(cli, examples_repo, args, code, err):
    head = git(examples_repo, "rev-parse", "HEAD")
    r = cli("-C", str(examples_repo), "escalate", "2026-001", *args)
    assert (r.code, r.err) == (code, err), r
    assert git(examples_repo, "rev-parse", "HEAD") == head and git(examples_repo, "status", "--porcelain") == ""


def test_a_network_sets_its_own_client_ladder_with_the_organisation_that_receives_the_memo(cli, examples_repo):
    cfg = examples_repo / "regie.yaml"
    cfg.write_text(cfg.read_text().replace("termijnen:", "opschaling_client:\n"
                                           "  - {niveau: 1, naam: Bemoeizorg, rol: OGGZ-team van de GGD, organisatie: ggd}\n"
                                           "  - {niveau: 2, naam: Crisisdienst, organisatie: ggz-delta}\n\ntermijnen:", 1))
    git(examples_repo, "commit", "-qam", "eigen ladder")
    assert _escalate(cli, examples_repo).code == 0
    r = _escalate(cli, examples_repo)
    assert r.err.splitlines()[-1] == "escalatie E2 vastgelegd: niveau 2 (Crisisdienst)"
    shared = (examples_repo / C / "verstrekkingen.yaml").read_text()
    assert "    aan: ggz-delta\n    ontvanger: Crisisdienst\n" in shared
    # an organisation the ladder names must exist
    cfg.write_text(cfg.read_text().replace("organisatie: ggz-delta}", "organisatie: crisis}"))
    out = cli("-C", str(examples_repo), "validate").out
    line = cfg.read_text().splitlines().index("  - {niveau: 2, naam: Crisisdienst, organisatie: crisis}") + 1
    assert f"regie.yaml:{line}: [organisatie-onbekend] opschaling_client: niveau 2: organisatie 'crisis' staat niet bij de organisaties\n" in out


def test_a_step_on_a_level_the_client_ladder_lacks_is_an_error(cli, examples_repo):
    assert _escalate(cli, examples_repo).code == 0
    path = examples_repo / C / "escalaties.yaml"
    path.write_text(path.read_text().replace("    niveau: 1\n", "    niveau: 6\n"))
    assert cli("-C", str(examples_repo), "validate", "2026-001").out == (
        f"{C}/escalaties.yaml:6: [escalatie-niveau] E1: niveau 6 staat niet in de opschalingsladder bij een impasse met de "
        "cliënt (opschaling_client) van regie.yaml\n")
