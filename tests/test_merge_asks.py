"""merge-cases that asks (issue 25, item 5): no merge without a shared household unless a reason is recorded; what
moves and what stays is shown first; a terminal is asked, without one `--ja` is needed; `--dry-run` changes nothing;
the meldcode and withheld records stay with their case unless the user moves them."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys

from conftest import git

NEW = ["new-case", "--melder-rol", "leerkracht", "--aard", "kind verzuimt", "--urgentie", "middel", "--pseudoniem", "Kind K.",
       "--afweging", "eerst verkennen", "--grondslag", "publieke-taak", "--leefgebied", "dagbesteding", "--huishouden", "HH-0002",
       "--regisseur", "m-elhaddad"]


def unchanged(repo, head: str) -> bool:
    return git(repo, "rev-parse", "HEAD") == head and git(repo, "status", "--porcelain") == ""


def like_the_issue(cli, repo) -> None:
    """2026-004 (no household) gets what the issue saw moved: Veilig Thuis and police contacts, an open agreement of the
    police, and meldcode steps."""
    root = ("-C", str(repo))
    netwerk = repo / "casussen/2026-004/netwerk.yaml"
    netwerk.write_text(netwerk.read_text().replace(
        "naasten:\n",
        "  - id: vt-medewerker\n    organisatie: veilig-thuis\n    rol: medewerker Veilig Thuis\n"
        "  - id: wijkagent\n    organisatie: politie\n    rol: wijkagent\n"
        "naasten:\n"))
    git(repo, "commit", "-qam", "Veilig Thuis en politie in 2026-004")
    assert cli(*root, "afspraak", "add", "2026-004", "--wat", "Huisbezoek", "--wie", "wijkagent",
               "--deadline", "2026-12-10").code == 0
    for stap in ("1", "2"):
        assert cli(*root, "meldcode", "2026-004", "--stap", stap, "--datum", "2026-11-20").code == 0


REFUSED = ("fout: casus 2026-002 en casus 2026-004 delen geen huishouden (2026-002: HH-0002, 2026-004: geen); samenvoegen "
           "zou het dossier van de een in dat van de ander zetten. Moeten ze toch samen, geef de reden: 'regie merge-cases "
           "2026-002 2026-004 --zonder-huishouden --reden TEKST'\n")


def test_cases_without_a_shared_household_are_refused(cli, examples_repo):
    like_the_issue(cli, examples_repo)
    head = git(examples_repo, "rev-parse", "HEAD")
    for args in (["--ja"], ["--dry-run"], []):
        r = cli("-C", str(examples_repo), "merge-cases", "2026-002", "2026-004", *args)
        assert (r.code, r.out, r.err) == (1, "", REFUSED), r
    r = cli("-C", str(examples_repo), "merge-cases", "2026-004", "2026-002", "--ja")
    assert (r.code, r.err) == (1, "fout: casus 2026-004 en casus 2026-002 delen geen huishouden (2026-004: geen, 2026-002: "
                                  "HH-0002); samenvoegen zou het dossier van de een in dat van de ander zetten. Moeten ze "
                                  "toch samen, geef de reden: 'regie merge-cases 2026-004 2026-002 --zonder-huishouden "
                                  "--reden TEKST'\n")
    assert unchanged(examples_repo, head)


def test_a_reason_goes_with_zonder_huishouden(cli, examples_repo):
    for args in (["--zonder-huishouden"], ["--reden", "één cliënt"]):
        r = cli("-C", str(examples_repo), "merge-cases", "2026-002", "2026-004", "--ja", *args)
        assert (r.code, r.err) == (2, "fout: --zonder-huishouden en --reden horen bij elkaar: geef ze allebei of geen van "
                                      "beide\n")


PREVIEW = """\
Casus 2026-004 gaat op in casus 2026-002 en wordt gesloten (samengevoegd).
Zonder gedeeld huishouden; reden: {reden}
Gaat mee naar casus 2026-002:
  afspraken: A6 (wordt A7)
  betrokkenen: cti-werker, woonconsulent (al in casus 2026-002), verslavingszorg, wijkagent, dochter, vriendin, ex-partner
  leden van het huishouden: geen
  journaal: 2026-02-24-1.md, 2026-05-19-1.md, 2026-09-01-1.md
Blijft bij casus 2026-004:
  meldcode en afgeschermd: meldcode, vt-medewerker
  plan, evaluaties, escalaties en bijeenkomsten (als geschiedenis)
Wat blijft, gaat mee met --meldcode-mee (de meldcode en wat eruit volgt) of --afgeschermd-mee (wat is afgeschermd voor de inzage).
"""


def test_dry_run_shows_what_moves_and_what_stays_and_changes_nothing(cli, examples_repo):
    like_the_issue(cli, examples_repo)
    head = git(examples_repo, "rev-parse", "HEAD")
    reden = "dezelfde cliënt, twee keer gemeld"
    r = cli("-C", str(examples_repo), "merge-cases", "2026-002", "2026-004", "--zonder-huishouden", "--reden", reden,
            "--dry-run")
    assert (r.code, r.out, r.err) == (0, PREVIEW.format(reden=reden), "--dry-run: niets veranderd\n"), r
    assert unchanged(examples_repo, head)
    # without a terminal, and without --ja: the same preview, and nothing happens
    r = cli("-C", str(examples_repo), "merge-cases", "2026-002", "2026-004", "--zonder-huishouden", "--reden", reden)
    assert (r.code, r.out, r.err) == (2, PREVIEW.format(reden=reden), "fout: niets samengevoegd: zonder terminal is --ja "
                                                                      "nodig (of --dry-run om alleen te kijken)\n"), r
    assert unchanged(examples_repo, head)


def test_with_a_reason_and_ja_the_meldcode_and_veilig_thuis_stay_with_their_case(cli, examples_repo):
    like_the_issue(cli, examples_repo)
    head = git(examples_repo, "rev-parse", "HEAD").strip()
    reden = "dezelfde cliënt, twee keer gemeld"
    r = cli("-C", str(examples_repo), "merge-cases", "2026-002", "2026-004", "--zonder-huishouden", "--reden", reden, "--ja")
    assert r.code == 0, r
    assert r.out == PREVIEW.format(reden=reden)
    assert git(examples_repo, "rev-list", "--count", f"{head}..HEAD") == "1\n"
    a_net = (examples_repo / "casussen/2026-002/netwerk.yaml").read_text()
    assert "  - id: wijkagent\n    organisatie: politie\n" in a_net and "veilig-thuis" not in a_net
    a_casus = (examples_repo / "casussen/2026-002/casus.yaml").read_text()
    b_casus = (examples_repo / "casussen/2026-004/casus.yaml").read_text()
    assert "meldcode" not in a_casus
    assert "meldcode:\n  stappen:\n    - stap: 1\n" in b_casus
    assert ("\nsluitreden: samengevoegd\nsamengevoegd_met: 2026-002\nsamengevoegd_zonder_huishouden: dezelfde cliënt, "
            "twee keer gemeld\n") in b_casus
    assert "    herkomst: 2026-004/A6\n" in (examples_repo / "casussen/2026-002/afspraken.yaml").read_text()
    assert git(examples_repo, "log", "-1", "--format=%s") == "regie merge-cases: casus 2026-004 samengevoegd met casus 2026-002\n"
    assert "dezelfde" not in git(examples_repo, "log", "-1", "--format=%B")


def test_meldcode_mee_moves_the_meldcode_and_veilig_thuis_along(cli, examples_repo):
    like_the_issue(cli, examples_repo)
    r = cli("-C", str(examples_repo), "merge-cases", "2026-002", "2026-004", "--zonder-huishouden", "--reden", "één cliënt",
            "--meldcode-mee", "--ja")
    assert r.code == 0, r
    assert ("  betrokkenen: cti-werker, woonconsulent (al in casus 2026-002), verslavingszorg, vt-medewerker, wijkagent, "
            "dochter, vriendin, ex-partner\n") in r.out
    assert "  meldcode\nBlijft bij casus 2026-004:\n  meldcode en afgeschermd: geen\n" in r.out
    a_casus = (examples_repo / "casussen/2026-002/casus.yaml").read_text()
    assert "\nmeldcode:\n  stappen:\n    - stap: 1\n      datum: 2026-11-20\n      wie: j-devries\n" in a_casus
    assert "meldcode" not in (examples_repo / "casussen/2026-004/casus.yaml").read_text()
    assert "  - id: vt-medewerker\n    organisatie: veilig-thuis\n" in (examples_repo / "casussen/2026-002/netwerk.yaml").read_text()
    assert "[meldcode" not in cli("-C", str(examples_repo), "validate").out


def test_meldcode_mee_is_refused_when_both_cases_have_one(cli, examples_repo):
    like_the_issue(cli, examples_repo)
    assert cli("-C", str(examples_repo), "meldcode", "2026-002", "--stap", "1").code == 0
    head = git(examples_repo, "rev-parse", "HEAD")
    r = cli("-C", str(examples_repo), "merge-cases", "2026-002", "2026-004", "--zonder-huishouden", "--reden", "x",
            "--meldcode-mee", "--ja")
    assert (r.code, r.err) == (1, "fout: casus 2026-002 en casus 2026-004 hebben allebei een meldcode; die voegt regie niet "
                                  "samen: laat de meldcode bij casus 2026-004 of voeg de stappen met de hand samen\n")
    assert unchanged(examples_repo, head)


def household_case_with_a_withheld_note(cli, repo) -> None:
    root = ("-C", str(repo))
    assert cli(*root, *NEW).code == 0  # 2026-010, household HH-0002 like 2026-002
    assert cli(*root, "note", "2026-010", "--soort", "overleg", "--tekst", "Met school gesproken.").code == 0
    assert cli(*root, "note", "2026-010", "--soort", "overleg", "--tekst", "Zorgen van de school over thuis.").code == 0
    r = cli(*root, "afscherm", "2026-010", "journaal/2026-11-26-2", "--grond", "avg-23", "--totdat",
            "het onderzoek is afgerond")
    assert r.code == 0, r


def test_a_withheld_journal_note_stays_unless_afgeschermd_mee(cli, examples_repo):
    household_case_with_a_withheld_note(cli, examples_repo)
    r = cli("-C", str(examples_repo), "merge-cases", "2026-002", "2026-010", "--dry-run")
    assert r.code == 0, r
    assert r.out == (
        "Casus 2026-010 gaat op in casus 2026-002 en wordt gesloten (samengevoegd).\n"
        "Gaat mee naar casus 2026-002:\n"
        "  afspraken: geen\n  betrokkenen: geen\n  leden van het huishouden: geen\n"
        "  journaal: 2026-11-26-1.md\n"
        "Blijft bij casus 2026-010:\n"
        "  meldcode en afgeschermd: journaal/2026-11-26-2\n"
        "  plan, evaluaties, escalaties en bijeenkomsten (als geschiedenis)\n"
        "Wat blijft, gaat mee met --meldcode-mee (de meldcode en wat eruit volgt) of --afgeschermd-mee (wat is afgeschermd "
        "voor de inzage).\n")
    r = cli("-C", str(examples_repo), "merge-cases", "2026-002", "2026-010", "--ja")
    assert r.code == 0, r
    assert sorted(p.name for p in (examples_repo / "casussen/2026-010/journaal").iterdir()) == ["2026-11-26-2.md"]
    assert (examples_repo / "casussen/2026-002/journaal/2026-11-26-1.md").is_file()


def test_afgeschermd_mee_moves_the_withheld_note_too(cli, examples_repo):
    household_case_with_a_withheld_note(cli, examples_repo)
    r = cli("-C", str(examples_repo), "merge-cases", "2026-002", "2026-010", "--afgeschermd-mee", "--ja")
    assert r.code == 0, r
    assert "  journaal: 2026-11-26-1.md, 2026-11-26-2.md\n" in r.out and "  meldcode en afgeschermd: geen\n" in r.out
    assert not (examples_repo / "casussen/2026-010/journaal").exists() or \
        not list((examples_repo / "casussen/2026-010/journaal").iterdir())
    moved = (examples_repo / "casussen/2026-002/journaal/2026-11-26-2.md").read_text()
    assert "afgeschermd:" in moved and "het onderzoek is afgerond" in moved


def in_a_terminal(repo, answer: str, *args: str) -> tuple[int, str]:
    """Run regie in a real pseudo-terminal, answer its question, and return its exit code and what the terminal showed."""
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200"}
    main, side = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "regie", "-C", str(repo), *args], stdin=side, stdout=side, stderr=side,
                            env=env, close_fds=True)
    os.close(side)
    shown, answered = b"", False
    while True:
        ready, _, _ = select.select([main], [], [], 120)
        if not ready:
            proc.kill()
            break
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the terminal closed: regie is done
            break
        if not chunk:
            break
        shown += chunk
        if not answered and b"samenvoegen met casus" in shown and b"(n): " in shown.split(b"samenvoegen met casus")[-1]:
            os.write(main, answer.encode() + b"\n")
            answered = True
    os.close(main)
    return proc.wait(), shown.decode().replace("\r\n", "\n")


def test_in_a_terminal_it_asks_and_no_changes_nothing(cli, examples_repo):
    assert cli("-C", str(examples_repo), *NEW).code == 0
    head = git(examples_repo, "rev-parse", "HEAD")
    code, shown = in_a_terminal(examples_repo, "n", "merge-cases", "2026-002", "2026-010")
    assert code == 1, shown
    assert "Casus 2026-010 gaat op in casus 2026-002 en wordt gesloten (samengevoegd).\n" in shown
    assert "Casus 2026-010 samenvoegen met casus 2026-002? [j/n] (n):" in shown
    assert shown.endswith("fout: niets samengevoegd\n"), shown
    assert unchanged(examples_repo, head)
    code, shown = in_a_terminal(examples_repo, "j", "merge-cases", "2026-002", "2026-010")
    assert code == 0, shown
    assert shown.endswith("casus 2026-010 samengevoegd met casus 2026-002 en gesloten\n"), shown
    assert git(examples_repo, "log", "-1", "--format=%s") == "regie merge-cases: casus 2026-010 samengevoegd met casus 2026-002\n"



def test_a_meldcode_waiting_for_question_5_does_not_stay_behind_in_a_closed_case(cli, examples_repo):
    root = ("-C", str(examples_repo))
    assert cli(*root, *NEW).code == 0  # 2026-010
    for stap in ("1", "2", "3"):
        assert cli(*root, "meldcode", "2026-010", "--stap", stap).code == 0
    assert cli(*root, "meldcode", "2026-010", "--stap", "4", "--vermoeden", "ja", "--onveilig", "nee", "--zelf-hulp", "ja",
               "--hulp-geaccepteerd", "ja").code == 0
    assert cli(*root, "meldcode", "2026-010", "--stap", "5", "--besluit", "hulp").code == 0
    head = git(examples_repo, "rev-parse", "HEAD")
    r = cli(*root, "merge-cases", "2026-002", "2026-010", "--ja")
    assert (r.code, r.out, r.err) == (1, "", (
        "fout: casus 2026-010: vraag 5 van de meldcode (leidt de hulp tot duurzame veiligheid?) staat open (uiterlijk "
        "2027-02-25); in een gesloten casus wordt die niet meer beantwoord. Beantwoord hem eerst, of neem de meldcode mee: "
        "'regie merge-cases 2026-002 2026-010 … --meldcode-mee'\n")), r
    assert unchanged(examples_repo, head)
    r = cli(*root, "merge-cases", "2026-002", "2026-010", "--meldcode-mee", "--ja")
    assert r.code == 0, r
    assert "      vraag5_voor: 2027-02-25\n" in (examples_repo / "casussen/2026-002/casus.yaml").read_text()


def test_an_open_agreement_made_at_a_meeting_moves_without_the_meeting(cli, examples_repo):
    """The meeting stays in the folded case; the moved agreement keeps its trail in herkomst, not a dangling B1."""
    like_the_issue(cli, examples_repo)
    path = examples_repo / "casussen/2026-004/afspraken.yaml"
    text = path.read_text()
    assert "    bijeenkomst: B1\n" in text
    path.write_text(text.replace("    wat: Huisbezoek\n", "    wat: Huisbezoek\n    bijeenkomst: B1\n"))
    git(examples_repo, "commit", "-qam", "het huisbezoek werd afgesproken in B1")
    r = cli("-C", str(examples_repo), "merge-cases", "2026-002", "2026-004", "--zonder-huishouden", "--reden", "één cliënt",
            "--ja")
    assert r.code == 0, r
    moved = (examples_repo / "casussen/2026-002/afspraken.yaml").read_text()
    assert moved.endswith("    wat: Huisbezoek\n    wie: wijkagent\n    gemaakt: 2026-11-26\n    deadline: 2026-12-10\n"
                          "    status: open\n    herkomst: 2026-004/A6\n"), moved
    assert "bijeenkomst" not in cli("-C", str(examples_repo), "validate", "2026-002").out
    assert (examples_repo / "casussen/2026-004/bijeenkomsten.yaml").exists()
