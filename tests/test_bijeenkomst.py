"""regie bijeenkomst (issue 26 item 1; issue 25 item 7): a meeting about one case planned, an invitation per invitee
with only what that invitee may see (read back from the PDF), the minutes whose agreements become afspraken with the
meeting as their source, the CTI norm that counts held meetings, and the network agenda that links to them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import git

C = "casussen/2026-004"
INVITEES = ["client", "dochter", "woonconsulent", "verslavingszorg", "cti-werker"]

# What each invitee of 2026-004 may see. The consent covers huisvesting, financien and sociaal-netwerk for opvang,
# woonstad and ggz-delta: D3 (middelengebruik) and its agreement A4 are for the client and GGZ Delta (its own) only.
D1 = "Mevrouw R. woont zelfstandig met een huurcontract op eigen naam."
D3 = "Mevrouw R. blijft gebruik onder controle houden."
A1 = "Huurcontract en inschrijving regelen"
A3 = "Samen boodschappen doen op zaterdag"
A4 = "Controle bij de verslavingsarts"
SEES = {
    "client": ([D1, D3, A1, A3, A4, "verslavingsarts, GGZ Delta"], []),
    "woonconsulent": ([D1, A1, A3], [D3, A4, "verslavingsarts", "Middelengebruik"]),
    "verslavingszorg": ([D1, A1, A3, A4], [D3]),
    "cti-werker": ([D1, A1, A3], [D3, A4, "verslavingsarts", "Middelengebruik"]),
    "dochter": ([A3], [D1, D3, A1, A4, "verslavingsarts", "woonconsulent", "Huisvesting", "Middelengebruik"]),
}


def _flat(text: str) -> str:
    """Text with hyphenated line breaks joined and all white space as one space (for text read back from a PDF)."""
    text = text.replace("\u00ad", "").replace("\x02", "")
    text = re.sub(r"-\s*\r?\n\s*", "", text)
    return " ".join(text.split())


def _pdf_text(path: Path) -> str:
    pdfium = pytest.importorskip("pypdfium2")
    pdf = pdfium.PdfDocument(str(path))
    return _flat("\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))))


def _plan(cli, root, *extra: str):
    args = ["-C", str(root), "bijeenkomst", "plan", "2026-004", "--datum", "2026-12-03", "--soort", "netwerkbijeenkomst"]
    for who in INVITEES:
        args += ["--genodigde", who]
    return cli(*args, *extra)


def test_plan_writes_the_meeting_with_its_invitees_and_agenda_in_one_commit(cli, examples_repo):
    r = _plan(cli, examples_repo, "--agenda", "Kennismaking", "--agenda", "Wie doet wat?")
    assert (r.code, r.out) == (0, "B2\n"), r
    assert r.err.endswith("bijeenkomst B2 (netwerkbijeenkomst) gepland in casus 2026-004 op 2026-12-03\n")
    assert (examples_repo / C / "bijeenkomsten.yaml").read_text().endswith(
        "    verslag_op: 2026-11-18\n"
        "  - id: B2\n    datum: 2026-12-03\n    soort: netwerkbijeenkomst\n    status: gepland\n"
        "    genodigden: [client, dochter, woonconsulent, verslavingszorg, cti-werker]\n"
        "    agenda:\n      - Kennismaking\n      - Wie doet wat?\n")
    assert git(examples_repo, "log", "-1", "--format=%s") == "regie bijeenkomst: B2 gepland in casus 2026-004\n"
    assert git(examples_repo, "show", "--name-only", "--format=", "HEAD") == f"{C}/bijeenkomsten.yaml\n"
    assert git(examples_repo, "status", "--porcelain") == ""


def test_each_invitation_holds_only_what_its_invitee_may_see_and_records_the_verstrekkingen(cli, examples_repo, tmp_path):
    assert _plan(cli, examples_repo).code == 0
    head = git(examples_repo, "rev-parse", "HEAD")
    for who, (shown, hidden) in SEES.items():  # as Markdown on stdout: nothing written, nothing recorded
        r = cli("-C", str(examples_repo), "bijeenkomst", "uitnodiging", "2026-004", "B2", "--voor", who)
        assert r.code == 0, r
        text = _flat(r.out)
        assert [s for s in shown if s not in text] == [], who
        assert [s for s in hidden if s in text] == [], who
    assert git(examples_repo, "rev-parse", "HEAD") == head

    folder = tmp_path / "uitnodigingen"
    r = cli("-C", str(examples_repo), "bijeenkomst", "uitnodiging", "2026-004", "B2", "--alle", str(folder), "--format", "pdf")
    assert r.code == 0, r
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"B2-{who}.pdf" for who in INVITEES)
    for who, (shown, hidden) in SEES.items():
        text = _pdf_text(folder / f"B2-{who}.pdf")
        assert "Netwerkbijeenkomst 3 december 2026" in text, who
        assert [s for s in shown if s not in text] == [], who
        assert [s for s in hidden if s in text] == [], who
    # one verstrekking per organisation invited through a professional, in one commit; none for the client or a naaste
    assert git(examples_repo, "log", "-1", "--format=%s") == (
        "regie bijeenkomst uitnodiging: partnerversie voor woonstad, ggz-delta, opvang, verstrekking vastgelegd in casus "
        "2026-004\n")
    assert git(examples_repo, "show", "--name-only", "--format=", "HEAD") == f"{C}/verstrekkingen.yaml\n"
    records = (examples_repo / C / "verstrekkingen.yaml").read_text()
    assert re.findall(r"aan: (\S+)", records) == ["woonstad", "ggz-delta", "opvang"]
    assert ("    wat: uitnodiging en agenda van netwerkbijeenkomst B2 op 3 december 2026, met doelen en afspraken over "
            "Huisvesting en Sociaal netwerk\n    grondslag: toestemming\n") in records
    # a naaste's own invitation written to a file is no verstrekking
    head = git(examples_repo, "rev-parse", "HEAD")
    r = cli("-C", str(examples_repo), "bijeenkomst", "uitnodiging", "2026-004", "B2", "--voor", "dochter",
            "--html", "-o", str(tmp_path / "dochter.html"))
    assert r.code == 0, r
    assert A3 in (tmp_path / "dochter.html").read_text()
    assert git(examples_repo, "rev-parse", "HEAD") == head


def test_the_minutes_make_the_agreements_with_the_meeting_as_their_source_in_one_commit(cli, examples_repo):
    assert _plan(cli, examples_repo).code == 0
    root = ("-C", str(examples_repo), "--today", "2026-12-04")
    r = cli(*root, "bijeenkomst", "verslag", "2026-004", "B2", "--aanwezig", "client", "--aanwezig", "dochter",
            "--aanwezig", "cti-werker", "--besluit", "De dochter en de vriendin wisselen de zaterdagen af.",
            "--afspraak", "dochter|2026-12-31|D2|Om de week samen boodschappen doen",
            "--afspraak", "client|2027-01-15|Aanmelden bij de inloop")
    assert r.code == 0, r
    assert r.err.endswith("verslag van bijeenkomst B2 vastgelegd in casus 2026-004, 2 afspraken (A6, A7)\n")
    assert (examples_repo / C / "afspraken.yaml").read_text().endswith(
        "    bijeenkomst: B1\n"
        "  - id: A6\n    wat: Om de week samen boodschappen doen\n    wie: dochter\n    doel: D2\n    gemaakt: 2026-12-03\n"
        "    deadline: 2026-12-31\n    status: open\n    bijeenkomst: B2\n"
        "  - id: A7\n    wat: Aanmelden bij de inloop\n    wie: client\n    gemaakt: 2026-12-03\n"
        "    deadline: 2027-01-15\n    status: open\n    bijeenkomst: B2\n")
    assert (examples_repo / C / "bijeenkomsten.yaml").read_text().endswith(
        "      - Afspraken over de volgende bijeenkomst\n"
        "    aanwezig: [client, dochter, cti-werker]\n"
        "    besluiten:\n      - De dochter en de vriendin wisselen de zaterdagen af.\n"
        "    verslag_op: 2026-12-04\n")
    assert git(examples_repo, "log", "-1", "--format=%s") == "regie bijeenkomst: verslag van B2 in casus 2026-004, 2 afspraken (A6, A7)\n"
    assert git(examples_repo, "show", "--name-only", "--format=", "HEAD") == f"{C}/afspraken.yaml\n{C}/bijeenkomsten.yaml\n"
    r = cli(*root, "bijeenkomst", "agenda", "2026-004", "B2")
    assert "Aanwezig: cliënt, dochter, CTI-werker, Stichting Onderdak." in r.out
    assert "- A6 · Om de week samen boodschappen doen — dochter, uiterlijk 31 december 2026\n" in r.out
    # the minutes once only
    r = cli(*root, "bijeenkomst", "verslag", "2026-004", "B2", "--aanwezig", "client")
    assert (r.code, r.err) == (1, "fout: bijeenkomst B2 van casus 2026-004 heeft al een verslag (vastgelegd op 2026-12-04)\n")


def test_held_meetings_count_for_the_cti_norm(cli, examples_repo):
    root = ("-C", str(examples_repo))
    for note in (examples_repo / C / "journaal").glob("*.md"):
        note.unlink()  # only the example's meeting B1 (held 2026-11-17) is left
    git(examples_repo, "commit", "-qam", "zonder journaal")
    out = cli(*root, "validate", "2026-004").out
    assert (f"{C}/casus.yaml:10: [cti-achter] waarschuwing: CTI-traject loopt achter: 1 netwerkbijeenkomst in journaal/ en "
            "bijeenkomsten.yaml, verwacht minstens 3 (één per fase die langer dan 30 dagen loopt; norm 3)\n") in out
    for day in ("2026-11-19", "2026-11-24"):
        assert cli(*root, "bijeenkomst", "plan", "2026-004", "--datum", day, "--soort", "zorgconferentie",
                   "--genodigde", "client").code == 0
    out = cli(*root, "validate", "2026-004").out
    assert "1 netwerkbijeenkomst in journaal/" in out  # planned meetings do not count
    assert "[bijeenkomst-verslag] waarschuwing: B2: zorgconferentie van 2026-11-19 is voorbij, maar er is nog geen verslag" in out
    for bid in ("B2", "B3"):
        assert cli(*root, "bijeenkomst", "verslag", "2026-004", bid, "--aanwezig", "client").code == 0
    out = cli(*root, "validate", "2026-004").out
    assert "cti-achter" not in out and "bijeenkomst-verslag" not in out


def test_the_network_agenda_links_to_the_meetings(cli, examples_repo):
    assert _plan(cli, examples_repo).code == 0
    root = ("-C", str(examples_repo), "--today", "2026-12-01")
    out = cli(*root, "agenda").out
    assert ("## 7. Bijeenkomsten over één casus\n"
            "- **2026-004**: B1 netwerkbijeenkomst (gehouden), 17 november 2026 — "
            "[casussen/2026-004/bijeenkomsten.yaml](../casussen/2026-004/bijeenkomsten.yaml)\n"
            "- **2026-004**: B2 netwerkbijeenkomst (gepland), 3 december 2026 — "
            "[casussen/2026-004/bijeenkomsten.yaml](../casussen/2026-004/bijeenkomsten.yaml)\n\n") in out
    html = cli(*root, "agenda", "--html").out
    assert '<a href="../casussen/2026-004/bijeenkomsten.yaml">B2 netwerkbijeenkomst (gepland)</a>' in html
    # a partner's agenda: only the meetings its people are invited to, without the path into the dossier
    woonstad = cli(*root, "agenda", "--voor", "woonstad").out
    assert ("## 7. Bijeenkomsten over één casus\n- **2026-004**: B1 netwerkbijeenkomst (gehouden), 17 november 2026\n"
            "- **2026-004**: B2 netwerkbijeenkomst (gepland), 3 december 2026\n\n") in woonstad
    ggz = cli(*root, "agenda", "--voor", "ggz-delta").out
    assert "- **2026-004**: B2 netwerkbijeenkomst (gepland), 3 december 2026\n" in ggz
    assert "B1 netwerkbijeenkomst" not in ggz  # GGZ Delta was not invited to B1


def test_the_client_naasten_and_household_members_attend_a_netwerkbijeenkomst_note(cli, examples_repo):
    root = ("-C", str(examples_repo))
    r = cli(*root, "note", "2026-002", "--soort", "netwerkbijeenkomst", "--datum", "2026-11-20", "--tekst", "Met het gezin.",
            "--aanwezig", "client", "--aanwezig", "L1", "--aanwezig", "L3", "--aanwezig", "oma")
    assert (r.code, r.out) == (0, "casussen/2026-002/journaal/2026-11-20-1.md\n"), r
    assert (examples_repo / "casussen/2026-002/journaal/2026-11-20-1.md").read_text() == (
        "---\ndatum: 2026-11-20\nsoort: netwerkbijeenkomst\naanwezig:\n  - client\n  - L1\n  - L3\n  - oma\n---\n"
        "Met het gezin.\n")
    assert "[schema]" not in cli(*root, "validate", "2026-002").out
    r = cli(*root, "note", "2026-002", "--soort", "overleg", "--tekst", "x", "--aanwezig", "L9")
    assert (r.code, r.err) == (1, "fout: 'L9' is geen betrokkene in netwerk.yaml, lid van het huishouden of 'client' van "
                                  "casus 2026-002 (wel: L1, L2, L3, L4, L5, buurman, client, ggz-volwassenen, oma, "
                                  "schuldhulp, wijkteam-gezin, woonconsulent)\n")
    # and in a meeting of the household
    r = cli(*root, "bijeenkomst", "plan", "2026-002", "--datum", "2026-12-10", "--soort", "familienetwerkberaad",
            "--genodigde", "L1", "--genodigde", "L2", "--genodigde", "oma", "--genodigde", "client")
    assert (r.code, r.out) == (0, "B1\n"), r
    r = cli(*root, "bijeenkomst", "uitnodiging", "2026-002", "B1", "--voor", "L2")
    assert r.code == 0, r
    assert "uitnodiging voor ouder (L2)" in r.out and "Moeder K." not in r.out and "Vader K." not in r.out


@pytest.mark.parametrize("args, code, err", [
    (["plan", "2026-008", "--datum", "2026-12-03", "--soort", "netwerkbijeenkomst", "--genodigde", "client"], 1,
     "fout: casus 2026-008 is gesloten; een bijeenkomst plannen kan niet meer\n"),
    (["plan", "2026-004", "--datum", "2026-12-03", "--soort", "feest", "--genodigde", "client"], 2,
     "fout: --soort: ongeldige soort 'feest'; kies uit: netwerkbijeenkomst, zorgconferentie, familienetwerkberaad\n"),
    (["plan", "2026-004", "--datum", "2026-12-03", "--soort", "zorgconferentie", "--genodigde", "buurvrouw"], 1,
     "fout: 'buurvrouw' is geen betrokkene, lid van het huishouden of 'client' van casus 2026-004 (wel: client, "
     "cti-werker, dochter, ex-partner, verslavingszorg, vriendin, woonconsulent)\n"),
    (["verslag", "2026-004", "B1", "--aanwezig", "client"], 1,
     "fout: bijeenkomst B1 van casus 2026-004 heeft al een verslag (vastgelegd op 2026-11-18)\n"),
    (["verslag", "2026-004", "B7", "--aanwezig", "client"], 1, "fout: casus 2026-004 heeft geen bijeenkomst 'B7' (wel: B1)\n"),
    (["uitnodiging", "2026-004", "B1", "--voor", "client"], 1,
     "fout: bijeenkomst B1 van casus 2026-004 is al gehouden; een uitnodiging is niet meer nodig\n"),
    (["uitnodiging", "2026-004", "B1", "--voor", "verslavingszorg"], 1,
     "fout: 'verslavingszorg' is niet uitgenodigd voor bijeenkomst B1 van casus 2026-004 (genodigden: client, dochter, "
     "vriendin, cti-werker, woonconsulent)\n"),
])
def test_refusals_change_nothing(cli, examples_repo, args, code, err):
    head = git(examples_repo, "rev-parse", "HEAD")
    r = cli("-C", str(examples_repo), "bijeenkomst", *args)
    assert (r.code, r.err) == (code, err), r
    assert git(examples_repo, "rev-parse", "HEAD") == head
    assert git(examples_repo, "status", "--porcelain") == ""


def test_an_agreement_of_the_minutes_is_checked_like_any_other(cli, examples_repo):
    assert _plan(cli, examples_repo).code == 0
    root = ("-C", str(examples_repo), "--today", "2026-12-04")
    head = git(examples_repo, "rev-parse", "HEAD")
    for afspraak, code, err in (
        ("dochter|morgen|Iets", 2, "fout: --afspraak: 'dochter|morgen|Iets': deadline 'morgen' is geen datum (JJJJ-MM-DD)\n"),
        ("dochter|2026-12-31", 2, "fout: --afspraak: 'dochter|2026-12-31': schrijf WIE|DEADLINE|WAT of WIE|DEADLINE|DOEL|WAT "
                                  "(bijv. 'dochter|2026-12-15|D2|Samen boodschappen doen')\n"),
        ("zus|2026-12-31|Iets", 1, "fout: 'zus' is geen betrokkene van casus 2026-004; kies uit: a-bakker, client, cti-werker, "
                                   "dochter, ex-partner, j-devries, m-elhaddad, r-smits, verslavingszorg, vriendin, "
                                   "woonconsulent (of voeg de betrokkene toe aan netwerk.yaml)\n"),
        ("dochter|2026-12-01|Iets", 2, "fout: deadline 2026-12-01 ligt voor de datum gemaakt 2026-12-03\n"),
    ):
        r = cli(*root, "bijeenkomst", "verslag", "2026-004", "B2", "--aanwezig", "client", "--afspraak", afspraak)
        assert (r.code, r.err) == (code, err), r
    assert git(examples_repo, "rev-parse", "HEAD") == head


def test_validate_checks_the_meetings(cli, examples_repo):
    path = examples_repo / C / "bijeenkomsten.yaml"
    path.write_text(path.read_text().replace("aanwezig: [client, dochter, vriendin, cti-werker]",
                                             "aanwezig: [client, dochter, buurman]"))
    afspraken = examples_repo / C / "afspraken.yaml"
    afspraken.write_text(afspraken.read_text().replace("bijeenkomst: B1", "bijeenkomst: B4"))
    out = cli("-C", str(examples_repo), "validate", "2026-004").out
    assert (f"{C}/afspraken.yaml:43: [bijeenkomst-afspraak] A5: bijeenkomst 'B4' bestaat niet in bijeenkomsten.yaml\n"
            in out)
    assert (f"{C}/bijeenkomsten.yaml:15: [bijeenkomst-wie] B1: buurman is geen betrokkene, lid van het huishouden of "
            "'client' van deze casus\n") in out
