"""Partner documents on a need-to-know basis (issue 23, items 3-6): `plan --voor ORG` and `agenda --voor ORG` hold only
what that organisation may see, writing one with -o records the verstrekking in the same commit, and their Dutch names
things by their names."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import EXAMPLES, TODAY, edit, git

from regie.dossier.loader import load_case, load_dossier
from regie.dossier.network import LEEFGEBIED_NAMEN
from regie.dossier.scan import collect
from regie.dossier.scope import involved, partner_scope
from regie.views.agenda import agenda_job
from regie.work.partners import partner_agenda, partner_plan, partner_plan_view

C = "casussen/2026-004"
MELDCODE = """meldcode:
  stappen:
    - stap: 1
      datum: 2026-11-05
      wie: j-devries
    - stap: 2
      datum: 2026-11-10
      wie: j-devries
      toelichting: besproken met de aandachtsfunctionaris
toestemming:
"""
NARROW = ["consent", "2026-004", "--status", "gegeven", "--datum", "2026-11-20", "--partner", "opvang", "--partner", "woonstad",
          "--partner", "ggz-delta", "--gegevens", "huisvesting", "--formulier", "TF-2026-004-3"]
AGENDA_DAY = "2026-12-01"


def narrow_case(cli, repo):
    """2026-004 with meldcode steps and the client's consent narrowed to huisvesting."""
    edit(repo / C / "casus.yaml", "toestemming:\n", MELDCODE)
    git(repo, "commit", "-qam", "meldcode")
    assert cli("-C", str(repo), *NARROW).code == 0


def assert_woonstad_sees_only_huisvesting(text: str) -> None:
    """Woonstad's version of 2026-004 under consent for huisvesting: D1 and its own A1, nothing else."""
    flat = " ".join(text.split())
    assert "D1" in flat and "Huisvesting" in flat and "Huurcontract en inschrijving regelen" in flat
    others = [name for lg, name in LEEFGEBIED_NAMEN.items() if lg != "huisvesting"]
    assert [name for name in others if name in flat] == []
    for gone in ("A2", "A3", "A4", "D2", "D3", "netwerkbijeenkomst", "boodschappen", "verslavingsarts", "GGZ Delta", "dochter",
                 "vriendin", "acht maanden", "Situatie", "Verwijsindex", "aandachtsfunctionaris"):
        assert gone not in flat, gone
    assert "meldcode" not in flat.lower() and "veilig thuis" not in flat.lower()


@pytest.mark.slow  # budget: about 6 s, three renderings, one of them a PDF through WeasyPrint, and two commits
def test_a_partner_with_narrow_consent_sees_only_its_leefgebied(cli, examples_repo, tmp_path):
    pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 reads the PDF back")
    root = ("-C", str(examples_repo))
    narrow_case(cli, examples_repo)
    full = cli(*root, "plan", "2026-004").out
    assert "## Veiligheid: de meldcode" in full and "Middelengebruik" in full  # the network's own plan holds them

    r = cli(*root, "plan", "2026-004", "--voor", "woonstad")
    assert (r.code, r.err) == (0, ""), r
    assert r.out.startswith("# Plan van Aanpak — casus 2026-004 — voor Woonstad Zuid\n")
    assert_woonstad_sees_only_huisvesting(r.out)
    html = cli(*root, "plan", "2026-004", "--voor", "woonstad", "--html").out
    assert "<h1>Plan van Aanpak — casus 2026-004 — voor Woonstad Zuid</h1>" in html
    assert_woonstad_sees_only_huisvesting(re.sub(r"<style>.*?</style>|<[^>]+>", " ", html, flags=re.S))
    before = git(examples_repo, "rev-parse", "HEAD").strip()
    assert git(examples_repo, "status", "--porcelain") == ""  # stdout is no verstrekking: nothing written

    out = tmp_path / "plan-woonstad.pdf"
    r = cli(*root, "plan", "2026-004", "--voor", "woonstad", "--format", "pdf", "-o", str(out))
    assert r.code == 0, r
    assert r.err.endswith("verstrekking vastgelegd: V1 in casus 2026-004\n")
    pdf = pdfium.PdfDocument(str(out))
    assert_woonstad_sees_only_huisvesting("".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))))
    # the verstrekking, in one commit of its own on top of the one before
    assert git(examples_repo, "rev-parse", "HEAD~1").strip() == before
    assert git(examples_repo, "show", "--stat", "--format=%s", "HEAD").splitlines()[:3] == [
        "regie plan: partnerversie voor woonstad, verstrekking vastgelegd in casus 2026-004", "",
        f" {C}/verstrekkingen.yaml | 8 ++++++++"]
    assert (examples_repo / C / "verstrekkingen.yaml").read_text().endswith(
        "verstrekkingen:\n  - id: V1\n    datum: 2026-11-26\n    aan: woonstad\n"
        "    wat: Plan van Aanpak (versie 1), de delen over Huisvesting\n    grondslag: toestemming\n")
    assert git(examples_repo, "status", "--porcelain") == ""


def test_a_partner_sees_its_own_agreements_outside_its_leefgebieden_but_not_their_goals(cli, examples_repo):
    narrow_case(cli, examples_repo)
    text = cli("-C", str(examples_repo), "plan", "2026-004", "--voor", "ggz-delta").out
    assert "## Andere afspraken van GGZ Delta\n\n- A4 · Controle bij de verslavingsarts — verslavingsarts, GGZ Delta" in text
    assert "D3" not in text and "gebruik onder controle" not in text and "Middelengebruik" not in text


def woonstad_cases(day: dt.date) -> list[str]:
    """The example cases Woonstad takes part in on ``day``, read from netwerk.yaml independently of the agenda."""
    return sorted(c.id for c in load_dossier(EXAMPLES).cases if involved(c, "woonstad", day))


def test_a_partners_agenda_lists_only_its_cases_and_records_them_in_one_commit(cli, examples_repo, tmp_path):
    root = ("-C", str(examples_repo))
    mine = woonstad_cases(dt.date.fromisoformat(AGENDA_DAY))
    assert mine == ["2026-001", "2026-002", "2026-004", "2026-006"]
    network = cli(*root, "agenda", "--datum", AGENDA_DAY).out
    assert set(re.findall(r"\d{4}-\d{3}", network)) - set(mine)  # the network's agenda has other cases
    r = cli(*root, "agenda", "--datum", AGENDA_DAY, "--voor", "woonstad")
    assert r.code == 0, r
    assert r.out.startswith("# Agenda netwerkoverleg 1 december 2026 — voor Woonstad Zuid\n")
    assert f"Casussen: {', '.join(mine)}." in r.out
    assert set(re.findall(r"\d{4}-\d{3}", r.out)) <= set(mine)
    assert "Beleidssignalen" not in r.out and "## 8. Rondvraag" in r.out
    assert "(FACT-behandelaar, GGZ Delta)" in r.out  # who, by name and organisation, not by id
    # escalations only about the partner itself: E2 of 2026-006 is about GGZ Delta
    assert "## 5. Open escalaties\n- Geen open escalaties over Woonstad Zuid.\n" in r.out
    assert "- **2026-006**: E2 niveau 2 (Brandpuntfunctionaris) over GGZ Delta" in cli(
        *root, "agenda", "--datum", AGENDA_DAY, "--voor", "ggz-delta").out

    r = cli(*root, "agenda", "--datum", AGENDA_DAY, "--voor", "woonstad", "--html", "-o", str(tmp_path / "agenda.html"))
    assert r.code == 0, r
    stat = git(examples_repo, "show", "--stat", "--format=%s", "HEAD").splitlines()
    assert stat[0] == "regie agenda: partnerversie voor woonstad, verstrekking vastgelegd in 4 casussen"
    assert [line.split("|")[0].strip() for line in stat[2:-1]] == [f"casussen/{cid}/verstrekkingen.yaml" for cid in mine]
    assert "agenda van het netwerkoverleg van 1 december 2026" in (examples_repo / C / "verstrekkingen.yaml").read_text()


def test_refusals_write_and_record_nothing(cli, examples_repo, tmp_path):
    root = ("-C", str(examples_repo))
    r = cli(*root, "plan", "2026-004", "--voor", "politie")
    assert (r.code, r.err) == (1, "fout: Politie basisteam Zuiderhaven is niet betrokken bij casus 2026-004 (geen professional "
                                  "van die organisatie in netwerk.yaml); er is geen partnerversie te maken\n")
    r = cli(*root, "plan", "2026-004", "--voor", "nergens")
    assert r.code == 2 and r.err.startswith("fout: --voor: onbekende organisatie 'nergens'")
    r = cli(*root, "agenda", "--voor", "woonstad", "--write")
    assert r.code == 2 and "--voor" in r.err
    # the verstrekking cannot be recorded (own uncommitted work in the file): the document is removed again
    path = examples_repo / "casussen/2026-006/verstrekkingen.yaml"
    path.write_text(path.read_text() + "# eigen aantekening\n")
    out = tmp_path / "plan.md"
    r = cli(*root, "plan", "2026-006", "--voor", "woonstad", "-o", str(out))
    assert r.code == 1 and "eigen wijzigingen" in r.err, r
    assert not out.exists()
    assert git(examples_repo, "status", "--porcelain") == " M casussen/2026-006/verstrekkingen.yaml\n"


def test_shielded_records_stay_out_of_the_partner_plan(examples_repo):
    """Whatever shape a shield takes, a record that carries ``afgeschermd`` is left out, and so is what hangs on it."""
    net, case, _ = load_case(examples_repo, "2026-004")
    d2 = next(g for g in case.plan.doelen if g.id == "D2")
    a1 = next(a for a in case.afspraken if a.id == "A1")
    object.__setattr__(d2, "afgeschermd", {"grond": "AVG art. 23"})
    object.__setattr__(a1, "afgeschermd", {"grond": "AVG art. 23"})
    view, _ = partner_plan_view(net, case, "woonstad")
    assert [g.doel.id for g in view.doelen] == ["D1"] and view.doelen[0].afspraken == []
    assert view.naasten_afspraken == [] and view.overige_afspraken == []
    # a shielded person: left out, with their agreements
    net, case, _ = load_case(examples_repo, "2026-004")
    object.__setattr__(next(n for n in case.netwerk.naasten if n.id == "dochter"), "afgeschermd", {"grond": "AVG art. 23"})
    view, _ = partner_plan_view(net, case, "woonstad")
    assert [a.id for g in view.doelen for a in g.afspraken] == ["A1", "A2", "A5"]  # A5: the vriendin's, made at meeting B1
    assert "dochter" not in [n.id for n in view.naasten]


# ------------------------------------------------------------------ the Dutch of the partner documents (item 5)
BAD_PHRASES = ("uw tante van moeder", "vader kinderen", "gegevens over: financien", "Stand | uitvoering", "vroeg Leidinggevende",
               "regie afspraak", "vastleggen met", "`regie", "None", "{{", "}}")


def slugs() -> set[str]:
    """Internal ids that must not stand where a name belongs: the hyphenated ids of the example network, and financien."""
    d = load_dossier(EXAMPLES)
    net = d.network
    ids = {*net.leefgebieden, *net.organisatie_ids(), *net.meldingsoorten, *net.regisseur_ids()}
    for c in d.cases:
        ids |= c.netwerk.betrokkene_ids() if c.netwerk else set()
    return {i for i in ids if "-" in i} | {"financien"}


def as_text(html: str) -> str:
    """The words of an HTML page, its headings as Markdown headings (so a section printed twice shows)."""
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    html = re.sub(r"<h(\d)[^>]*>", lambda m: "\n" + "#" * int(m.group(1)) + " ", html)
    return re.sub(r"<[^>]+>", "", html)


def dutch_problems(name: str, text: str, bad_slugs: set[str]) -> list[str]:
    found = [f"{name}: '{p}'" for p in BAD_PHRASES if p in text]
    found += [f"{name}: id '{s}'" for s in sorted(bad_slugs) if re.search(rf"(?<![\w-]){re.escape(s)}(?![\w-])", text)]
    headings = [line for line in text.splitlines() if line.startswith("#")]
    found += [f"{name}: '{h}' twice" for h in sorted({h for h in headings if headings.count(h) > 1})]
    return found


def test_partner_documents_of_the_examples_name_things_by_their_names():
    d = load_dossier(EXAMPLES)
    net, bad = d.network, slugs()
    problems, rendered = [], 0
    for case in d.cases:
        if case.plan is None:
            continue
        for org in net.organisatie_ids():
            if involved(case, org) and partner_scope(net, case, org).grond:
                problems += dutch_problems(f"plan {case.id} voor {org}", partner_plan(EXAMPLES, case.id, org).text, bad)
                html = partner_plan(EXAMPLES, case.id, org, html=True).text
                problems += dutch_problems(f"plan {case.id} voor {org} (html)", as_text(html), bad)
                rendered += 1
    day = dt.date.fromisoformat(AGENDA_DAY)
    for org in net.organisatie_ids():
        got = collect(EXAMPLES, TODAY, agenda_job(EXAMPLES, day, org), use_cache=False)
        problems += dutch_problems(f"agenda voor {org}", partner_agenda(got, EXAMPLES, day, org).text, bad)
        problems += dutch_problems(f"agenda voor {org} (html)", as_text(partner_agenda(got, EXAMPLES, day, org, html=True).text),
                                   bad)
    assert rendered >= 10
    assert problems == []


# ------------------------------------------------------------------ consent in the network's words (item 3)
def test_old_words_for_kinds_of_data_get_what_to_write_instead(cli, examples_repo):
    """A dossier from before consent named leefgebieden: each old word is a finding that says what to write, and until
    then it covers nothing, so the work on huisvesting and sociaal netwerk is outside the consent."""
    path = examples_repo / C / "casus.yaml"
    path.write_text(path.read_text().replace("gegevens: [huisvesting, financien, sociaal-netwerk]", "gegevens: [wonen, financien, geld]"))
    lines = [line for line in cli("-C", str(examples_repo), "validate", "2026-004").out.splitlines() if "toestemming-" in line]
    old = [(n, word, new) for n in (32, 44) for word, new in (("geld", "financien"), ("wonen", "huisvesting"))]
    assert lines == [
        f"{C}/afspraken.yaml:{n}: [toestemming-leefgebied] waarschuwing: {org} werkt aan {name} ({ids}), maar de "
        f"toestemming geldt alleen voor wonen, financiën, geld; vraag toestemming voor {name} en leg die vast met 'regie "
        f"consent' (gegevens: {lg})"
        for n, org, lg, name, ids in ((5, "Woonstad Zuid", "huisvesting", "huisvesting", "A1"),
                                      (13, "Stichting Onderdak", "sociaal-netwerk", "sociaal netwerk", "A2"),
                                      (29, "GGZ Delta", "middelengebruik", "middelengebruik", "A4"))
    ] + [
        f"{C}/casus.yaml:{n}: [toestemming-gegevens] waarschuwing: toestemming.gegevens: '{word}' is geen leefgebied; "
        f"schrijf {new} ({word} → {new})" for n, word, new in old
    ]
    # until the words are changed, Woonstad's version holds no goal: the consent names no leefgebied it knows
    text = cli("-C", str(examples_repo), "plan", "2026-004", "--voor", "woonstad").out
    assert "Geen doelen in de leefgebieden van deze versie." in text and "## Andere afspraken van Woonstad Zuid\n\n- A1 ·" in text
