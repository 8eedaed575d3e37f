"""The meldcode huiselijk geweld en kindermishandeling and the verwijsindex (issue 10, items 1 and 2)."""

from __future__ import annotations

import pytest
from conftest import edit, git, write_tree

C = "casussen/2026-001"
RISK = """\
    datum: 2026-02-01
    melder:
      rol: huismeester
      organisatie: woon
    aard: zorgen om geweld thuis
    soort: huiselijk-geweld
    urgentie: hoog
    doelgroep: gezin
    veiligheid:
      risico: true
    """


@pytest.fixture
def repo(git_dossier):
    write_tree(git_dossier, {f"{C}/melding.yaml": RISK})
    git(git_dossier, "commit", "-qam", "melding met veiligheidsrisico")
    return git_dossier


def casus(repo) -> str:
    return (repo / C / "casus.yaml").read_text()


def validate(cli, repo) -> str:
    return cli("-C", str(repo), "validate").out


def first_three_steps(cli, repo) -> None:
    """Steps 1, 2 and 3 of the meldcode on 2 February, each recorded by the command."""
    for stap in ("1", "2", "3"):
        assert cli("-C", str(repo), "meldcode", "2026-001", "--stap", stap, "--datum", "2026-02-02").code == 0


@pytest.mark.parametrize("answers, outcome", [
    ({"vermoeden": False}, "geen-vermoeden"),
    ({"vermoeden": True, "onveilig": True}, "melden"),
    ({"vermoeden": True, "onveilig": False, "zelf_hulp": False}, "melden"),
    ({"vermoeden": True, "onveilig": False, "zelf_hulp": True, "hulp_geaccepteerd": False}, "melden"),
    ({"vermoeden": True, "onveilig": False, "zelf_hulp": True, "hulp_geaccepteerd": True}, "hulp"),
    ({"vermoeden": True, "onveilig": False, "zelf_hulp": True, "hulp_geaccepteerd": True, "duurzaam_veilig": False}, "melden"),
    ({"vermoeden": True, "onveilig": False, "zelf_hulp": True, "hulp_geaccepteerd": True, "duurzaam_veilig": True}, "veilig"),
    ({"vermoeden": True}, None),
    ({"vermoeden": True, "onveilig": False, "hulp_geaccepteerd": True}, None),
    ({}, None),
])
def test_the_afwegingskader_settles_at_the_first_decisive_answer(answers, outcome):
    from regie.dossier.meldcode import conclusie, missing_answer

    assert conclusie(answers) == outcome
    assert (missing_answer(answers) is None) == (outcome is not None)


def test_a_safety_risk_without_meldcode_steps_is_a_warning_until_step_one(cli, repo):
    warning = (f"{C}/melding.yaml:9: [meldcode-ontbreekt] waarschuwing: veiligheidsrisico bij een melding van de soort "
               "'huiselijk-geweld', maar na 298 dagen is nog geen stap van de meldcode vastgelegd (termijn 14 dagen): "
               "'regie meldcode 2026-001 --stap 1'\n")
    assert warning in validate(cli, repo)
    r = cli("-C", str(repo), "meldcode", "2026-001", "--stap", "1", "--datum", "2026-02-02")
    assert r.code == 0, r
    assert r.err.endswith("meldcode stap 1 (signalen in kaart brengen) vastgelegd op 2026-02-02\n")
    assert "meldcode-ontbreekt" not in validate(cli, repo)
    edit(repo / C / "melding.yaml", "soort: huiselijk-geweld", "soort: vervuiling")  # not a meldcode kind
    git(repo, "commit", "-qam", "andere soort")
    assert "meldcode-" not in validate(cli, repo)


def test_the_whole_meldcode_in_casus_yaml_one_commit_per_command_comments_kept(cli, repo):
    run = lambda *args: cli("-C", str(repo), "meldcode", "2026-001", *args)  # noqa: E731
    assert run("--stap", "1", "--datum", "2026-02-02", "--toelichting", "signalen op een rij").code == 0
    assert run("--stap", "2", "--datum", "2026-02-03", "--veilig-thuis", "--wie", "org").code == 0
    assert run("--stap", "3", "--datum", "2026-02-04").code == 0
    r = run("--stap", "4", "--datum", "2026-02-05", "--vermoeden", "ja", "--onveilig", "nee", "--zelf-hulp", "nee",
            "--gemeld", "2026-02-06", "--gezin-geinformeerd", "2026-02-06")
    assert r.code == 0, r
    assert r.err.splitlines()[-4:] == [
        "meldcode stap 4 (wegen aan de hand van het afwegingskader) vastgelegd op 2026-02-05",
        "meldcode stap 5 (beslissen: melden bij Veilig Thuis en/of hulp organiseren) vastgelegd op 2026-02-06",
        "afweging: melden bij Veilig Thuis",
        "gezin geïnformeerd op 2026-02-06",
    ]
    assert casus(repo).startswith("# hand-written comment\n")
    assert casus(repo).endswith(
        "meldcode:\n"
        "  stappen:\n"
        "    - stap: 1\n      datum: 2026-02-02\n      wie: reg\n      toelichting: signalen op een rij\n"
        "    - stap: 2\n      datum: 2026-02-03\n      wie: org\n      veilig_thuis_geraadpleegd: true\n"
        "    - stap: 3\n      datum: 2026-02-04\n      wie: reg\n"
        "    - stap: 4\n      datum: 2026-02-05\n      wie: reg\n      afweging:\n"
        "        vermoeden: true\n        onveilig: false\n        zelf_hulp: false\n"
        "    - stap: 5\n      datum: 2026-02-06\n      wie: reg\n      besluit:\n        - melden\n      gemeld: 2026-02-06\n"
        "  gezin_geinformeerd:\n    datum: 2026-02-06\n"
    )
    assert git(repo, "log", "-4", "--format=%s").splitlines() == [
        "regie meldcode: stap 4, 5 vastgelegd in casus 2026-001",
        "regie meldcode: stap 3 vastgelegd in casus 2026-001",
        "regie meldcode: stap 2 vastgelegd in casus 2026-001",
        "regie meldcode: stap 1 vastgelegd in casus 2026-001",
    ]
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == [f"{C}/casus.yaml"]
    assert "meldcode" not in validate(cli, repo)

    show = cli("-C", str(repo), "show", "2026-001").out
    assert ("meldcode:\n"
            "  stap 1 2026-02-02 (reg): signalen in kaart brengen\n"
            "  stap 2 2026-02-03 (org): collegiale consultatie en zo nodig Veilig Thuis raadplegen; Veilig Thuis geraadpleegd\n"
            "  stap 3 2026-02-04 (reg): gesprek met de cliënt\n"
            "  stap 4 2026-02-05 (reg): wegen aan de hand van het afwegingskader — melden bij Veilig Thuis\n"
            "  stap 5 2026-02-06 (reg): beslissen: melden bij Veilig Thuis en/of hulp organiseren — melden, gemeld 2026-02-06\n"
            "  gezin geïnformeerd: 2026-02-06\n") in show
    plan = cli("-C", str(repo), "plan", "2026-001").out
    assert ("## Veiligheid: de meldcode\n\n"
            "- Stap 1, 2 februari 2026 (Regisseur Een (regisseur)): signalen in kaart brengen.\n"
            "- Stap 2, 3 februari 2026 (Organisatie): collegiale consultatie en zo nodig Veilig Thuis raadplegen; "
            "Veilig Thuis is geraadpleegd.\n"
            "- Stap 3, 4 februari 2026 (Regisseur Een (regisseur)): gesprek met de cliënt.\n"
            "- Stap 4, 5 februari 2026 (Regisseur Een (regisseur)): wegen aan de hand van het afwegingskader. "
            "Uitkomst van de afweging: melden bij Veilig Thuis.\n"
            "- Stap 5, 6 februari 2026 (Regisseur Een (regisseur)): beslissen: melden bij Veilig Thuis en/of hulp "
            "organiseren. Besluit: melden bij Veilig Thuis; gemeld op 6 februari 2026.\n"
            "- Het gezin is geïnformeerd op 6 februari 2026.\n") in plan
    html = cli("-C", str(repo), "plan", "2026-001", "--html").out
    assert "<h2>Veiligheid: de meldcode</h2>" in html and "<li>Het gezin is geïnformeerd op 6 februari 2026.</li>" in html
    export = cli("-C", str(repo), "export", "2026-001").out
    assert "## Veiligheid: de meldcode" in export and "- Stap 5, 6 februari 2026" in export
    log = [" ".join(line.split()) for line in cli("-C", str(repo), "log", "2026-001").out.splitlines()]
    assert "2026-02-05 dossier meldcode stap 4: wegen aan de hand van het afwegingskader (melden bij Veilig Thuis)" in log
    assert "2026-02-06 dossier gemeld bij Veilig Thuis" in log


@pytest.mark.parametrize("args, code, err", [
    (["--stap", "3"], 1, "fout: stap 3 (gesprek met de cliënt) kan pas na stap 2 (collegiale consultatie en zo nodig "
                         "Veilig Thuis raadplegen); leg die eerst vast met 'regie meldcode 2026-001 --stap 2'\n"),
    (["--stap", "1", "--datum", "2026-01-20"], 2, "fout: datum 2026-01-20 ligt voor de melding (2026-02-01)\n"),
    (["--stap", "1", "--datum", "2026-11-27"], 2, "fout: datum 2026-11-27 ligt in de toekomst\n"),
    (["--stap", "1", "--datum", "2026-02-30"], 2, "fout: ongeldige --datum '2026-02-30': verwacht"),
    (["--stap", "6"], 2, "fout: --stap: de stap moet 1 tot en met 5 zijn, niet 6\n"),
    (["--stap", "1", "--wie", "nobody"], 2, "fout: --wie: onbekende regisseur of organisatie 'nobody' (bekend in regie.yaml: "),
    (["--stap", "1", "--veilig-thuis"], 2, "fout: --veilig-thuis: Veilig Thuis raadplegen hoort bij stap 2"),
    (["--stap", "1", "--vermoeden", "ja"], 2, "fout: de vragen van het afwegingskader horen bij stap 4\n"),
    (["--stap", "1", "--vermoeden", "wellicht"], 2, "fout: --vermoeden is ja of nee, niet 'wellicht'\n"),
    (["--gezin-geinformeerd", "2026-02-02", "--gezin-niet", "x"], 2, "fout: --gezin-geinformeerd, --gezin-niet: het gezin is geïnformeerd of niet, niet allebei\n"),
    ([], 2, "fout: --stap, --gezin-geinformeerd, --gezin-niet: geef een stap, de datum waarop het gezin is geïnformeerd, of waarom het niet is geïnformeerd\n"),
    (["--stap", "1", "--toelichting", "bel 0612345678"], 2, "fout: --toelichting: de toelichting bevat mogelijk een telefoonnummer"),
])
def test_refused_steps_write_nothing(cli, repo, args, code, err):
    head, before = git(repo, "rev-parse", "HEAD"), casus(repo)
    r = cli("-C", str(repo), "meldcode", "2026-001", *args)
    assert (r.code, r.err[: len(err)]) == (code, err), r
    assert casus(repo) == before and git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "status", "--porcelain") == ""


def test_an_afweging_is_refused_when_incomplete_or_melden_without_a_melding(cli, repo):
    first_three_steps(cli, repo)
    before = casus(repo)
    r = cli("-C", str(repo), "meldcode", "2026-001", "--stap", "4", "--vermoeden", "ja")
    assert (r.code, r.err) == (2, "fout: --onveilig: de afweging is niet af: beantwoord met ja of nee "
                                  "(Is er sprake van acute of structurele onveiligheid?)\n")
    r = cli("-C", str(repo), "meldcode", "2026-001", "--stap", "4", "--vermoeden", "ja", "--onveilig", "ja")
    assert (r.code, r.err) == (1, "fout: --gemeld: de afweging komt uit op melden bij Veilig Thuis; geef de datum van de melding "
                                  "(dan wordt ook stap 5 vastgelegd)\n")
    r = cli("-C", str(repo), "meldcode", "2026-001", "--stap", "4", "--vermoeden", "nee", "--gemeld", "2026-02-03")
    assert (r.code, r.err) == (2, "fout: --gemeld: een datum van melding past niet bij deze afweging (geen vermoeden: de meldcode stopt hier)\n")
    assert casus(repo) == before
    r = cli("-C", str(repo), "meldcode", "2026-001", "--stap", "4", "--vermoeden", "ja", "--onveilig", "nee",
            "--zelf-hulp", "ja", "--hulp-geaccepteerd", "ja")
    assert r.code == 0 and "afweging: hulp bieden of organiseren en de veiligheid volgen" in r.err, r
    r = cli("-C", str(repo), "meldcode", "2026-001", "--stap", "5", "--besluit", "melden")
    assert (r.code, r.err) == (2, "fout: --gemeld: besluit 'melden' heeft de datum van de melding bij Veilig Thuis nodig\n")
    r = cli("-C", str(repo), "meldcode", "2026-001", "--stap", "5", "--besluit", "hulp")
    assert r.code == 0, r


HAND_WRITTEN_MELDCODE = """\
meldcode:
  stappen:
    - stap: 1
      datum: 2026-02-02
      wie: reg
    - stap: 3
      datum: 2026-02-03
      wie: reg
    - stap: 4
      datum: 2026-01-05
      wie: onbekend
      afweging:
        vermoeden: true
        onveilig: true
    - stap: 5
      datum: 2026-02-06
      wie: reg
      besluit: [melden]
      afweging:
        vermoeden: true
"""


def test_hand_written_meldcode_mistakes_are_findings_with_their_lines(cli, repo):
    (repo / C / "casus.yaml").write_text(casus(repo) + HAND_WRITTEN_MELDCODE)
    out = validate(cli, repo)
    found = [line for line in out.splitlines() if "meldcode" in line or "datum-volgorde" in line]
    assert found == [
        f"{C}/casus.yaml:19: [meldcode-volgorde] meldcode stap 3 (gesprek met de cliënt) op 2026-02-03 zonder eerdere "
        "stap 2 (collegiale consultatie en zo nodig Veilig Thuis raadplegen)",
        f"{C}/casus.yaml:22: [meldcode-volgorde] meldcode stap 4 (wegen aan de hand van het afwegingskader) op 2026-01-05 "
        "zonder eerdere stap 3 (gesprek met de cliënt)",
        f"{C}/casus.yaml:23: [datum-volgorde] meldcode stap 4 (wegen aan de hand van het afwegingskader): 2026-01-05 ligt "
        "voor de melding (2026-02-01)",
        f"{C}/casus.yaml:24: [meldcode-wie] meldcode stap 4 (wegen aan de hand van het afwegingskader): 'onbekend' is geen "
        "regisseur of organisatie in regie.yaml",
        f"{C}/casus.yaml:25: [meldcode-melden] de afweging van 2026-01-05 komt uit op melden bij Veilig Thuis, maar er is "
        "geen melding vastgelegd (stap 5 met 'gemeld'): 'regie meldcode 2026-001 --stap 5 --besluit melden --gemeld DATUM'",
        f"{C}/casus.yaml:31: [meldcode-melden] meldcode stap 5 (beslissen: melden bij Veilig Thuis en/of hulp organiseren): "
        "besluit 'melden' zonder datum van de melding ('gemeld')",
        f"{C}/casus.yaml:32: [meldcode-stap] meldcode stap 5 (beslissen: melden bij Veilig Thuis en/of hulp organiseren): "
        "'afweging' hoort bij stap 4",
    ]
    assert cli("-C", str(repo), "validate").code == 1


def test_a_melding_to_veilig_thuis_without_telling_the_family_is_a_warning(cli, repo):
    first_three_steps(cli, repo)
    cli("-C", str(repo), "meldcode", "2026-001", "--stap", "4", "--vermoeden", "ja", "--onveilig", "ja", "--gemeld", "2026-11-26")
    assert "[meldcode-gezin] waarschuwing: er is gemeld bij Veilig Thuis, maar niet vastgelegd" in validate(cli, repo)
    r = cli("-C", str(repo), "meldcode", "2026-001", "--gezin-niet", "de veiligheid van de kinderen gaat voor")
    assert r.code == 0, r
    assert "  gezin_geinformeerd:\n    niet: de veiligheid van de kinderen gaat voor\n" in casus(repo)
    assert "meldcode-gezin" not in validate(cli, repo)
    assert git(repo, "log", "-1", "--format=%s") == "regie meldcode: informeren gezin vastgelegd in casus 2026-001\n"


def test_handover_to_veilig_thuis_takes_the_meldcode_record_in_its_memo(cli, repo, tmp_path):
    first_three_steps(cli, repo)
    cli("-C", str(repo), "meldcode", "2026-001", "--stap", "4", "--vermoeden", "ja", "--onveilig", "ja",
        "--gemeld", "2026-11-26", "--gezin-geinformeerd", "2026-11-26")
    edit(repo / "regie.yaml", "opschaling:", "  - id: veilig-thuis\n    naam: Veilig Thuis Regio\nopschaling:")
    git(repo, "commit", "-qam", "Veilig Thuis in het netwerk")
    memo = tmp_path / "memo.md"
    r = cli("-C", str(repo), "handover", "2026-001", "--naar", "veilig-thuis", "--tijdelijk", "--reden", "acute onveiligheid",
            "-o", str(memo))
    assert r.code == 0, r
    text = memo.read_text()
    assert text.startswith("# Memo: overdracht van de regie, casus 2026-001\n")
    assert "| Aan | Veilig Thuis Regio |\n" in text and "| Overdracht | tijdelijk: de regie komt terug bij het netwerk |\n" in text
    assert ("## Meldcode huiselijk geweld en kindermishandeling\n\n"
            "- Stap 1, 2 februari 2026 (Regisseur Een (regisseur)): signalen in kaart brengen.\n") in text
    assert "Uitkomst van de afweging: melden bij Veilig Thuis." in text
    assert "- Het gezin is geïnformeerd op 26 november 2026.\n" in text
    assert "- **A2** Post openen — zus; deadline 1 december 2026\n" in text
    assert "Meneer T." not in text  # the client by case number only
    r = cli("-C", str(repo), "handover", "2026-001", "--terug", "--reden", "terug")
    assert r.code == 0 and r.out == ""  # only a handover to an organisation has a memo


def test_verwijsindex_references_only(cli, repo):
    warning = (f"{C}/casus.yaml:2: [verwijsindex-ontbreekt] waarschuwing: jeugdcasus zonder signaal in de verwijsindex na "
               "298 dagen (termijn 28 dagen): 'regie verwijsindex 2026-001 --signaal DATUM --organisatie ORG'")
    assert warning in validate(cli, repo)
    r = cli("-C", str(repo), "verwijsindex", "2026-001", "--match", "2026-02-10", "--met", "org")
    assert (r.code, r.err) == (1, "fout: casus 2026-001 heeft nog geen signaal in de verwijsindex; een match komt na het "
                                  "signaal (leg het signaal vast met 'regie verwijsindex 2026-001 --signaal DATUM --organisatie ORG')\n")
    r = cli("-C", str(repo), "verwijsindex", "2026-001", "--signaal", "2026-02-05")
    assert (r.code, r.err) == (2, "fout: --signaal, --organisatie: de datum van het signaal en de organisatie die het afgaf horen bij elkaar\n")
    r = cli("-C", str(repo), "verwijsindex", "2026-001", "--signaal", "2026-02-05", "--organisatie", "nergens")
    assert r.code == 2 and r.err.startswith("fout: --organisatie: onbekende organisatie 'nergens'")
    assert "verwijsindex" not in casus(repo)
    r = cli("-C", str(repo), "verwijsindex", "2026-001", "--signaal", "2026-02-05", "--organisatie", "org")
    assert r.code == 0, r
    r = cli("-C", str(repo), "verwijsindex", "2026-001", "--match", "2026-02-04", "--met", "woon")
    assert (r.code, r.err) == (2, "fout: datum 2026-02-04 ligt voor het signaal (2026-02-05)\n")
    r = cli("-C", str(repo), "verwijsindex", "2026-001", "--match", "2026-02-10", "--met", "woon", "--met", "org",
            "--regievoerder", "reg")
    assert r.code == 0, r
    assert casus(repo).endswith("verwijsindex:\n  signaal:\n    datum: 2026-02-05\n    organisatie: org\n"
                                "  match:\n    datum: 2026-02-10\n    organisaties: [woon, org]\n  regievoerder: reg\n")
    assert "verwijsindex" not in validate(cli, repo)
    assert git(repo, "log", "-1", "--format=%s") == "regie verwijsindex: casus 2026-001 bijgewerkt\n"
    assert ("verwijsindex: signaal 2026-02-05 (org), match 2026-02-10 (woon, org), regievoerder reg"
            in cli("-C", str(repo), "show", "2026-001").out)


def test_a_hand_written_match_without_signal_is_an_error(cli, repo):
    (repo / C / "casus.yaml").write_text(casus(repo) + "verwijsindex:\n  match:\n    datum: 2026-02-10\n    organisaties: [org, x]\n")
    found = [line for line in validate(cli, repo).splitlines() if "verwijsindex" in line]
    assert found == [
        f"{C}/casus.yaml:14: [verwijsindex-ontbreekt] waarschuwing: jeugdcasus zonder signaal in de verwijsindex na 298 dagen "
        "(termijn 28 dagen): 'regie verwijsindex 2026-001 --signaal DATUM --organisatie ORG'",
        f"{C}/casus.yaml:15: [verwijsindex-match] verwijsindex: een match zonder signaal; leg eerst het signaal vast",
        f"{C}/casus.yaml:17: [organisatie-onbekend] verwijsindex: organisatie 'x' staat niet in regie.yaml",
    ]
