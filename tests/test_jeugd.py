"""Youth files as youth files, and the household by command (issue 25, items 2 and 3): the retention category from
new-case --minderjarig and the members' years of birth, gezag and consent per member by sourced age rules, the
verwijsindex per child withdrawn at close or at 23, and `regie huishouden CASE lid add|edit|drop`."""

from __future__ import annotations

from conftest import edit, git

GEZIN = "casussen/2026-003/casus.yaml"
HULP_GRENS = ("regel: 12 of 13 jaar — 12 tot 16 jaar: wie het gezag heeft én de jongere zelf "
              "(WGBO: art. 7:450 lid 1 BW; Jeugdwet art. 7.3.4)")


def _run(cli, root, *args, code=0):
    r = cli("-C", str(root), *args)
    assert r.code == code, r
    return r


def test_a_family_with_children_closes_as_a_youth_file_and_says_why(cli, examples_repo):
    """The case from the issue: children born in 2015 and 2021 closed as volwassenen (15 years instead of 20)."""
    head = git(examples_repo, "rev-parse", "HEAD").strip()
    r = _run(cli, examples_repo, "huishouden", "2026-003", "lid", "add", "--rol", "ouder", "--geboortejaar", "1984",
             "--pseudoniem", "Moeder T.")
    assert (r.out, r.err) == ("L1\n", "huishouden HH-0007 begonnen voor casus 2026-003\n"
                                      "lid L1 toegevoegd aan het huishouden van casus 2026-003\n")
    for year in ("2015", "2021"):
        _run(cli, examples_repo, "huishouden", "2026-003", "lid", "add", "--rol", "kind", "--geboortejaar", year,
             "--gezag", "L1")
    log = git(examples_repo, "log", "--format=%s", f"{head}..HEAD").splitlines()
    assert log == ["regie huishouden: lid L3 toegevoegd aan casus 2026-003",
                   "regie huishouden: lid L2 toegevoegd aan casus 2026-003",
                   "regie huishouden: lid L1 toegevoegd aan casus 2026-003"]
    text = (examples_repo / GEZIN).read_text()
    assert ("pseudoniem: Mevrouw T.\nhuishouden:\n  id: HH-0007\n  leden:\n"
            "    - id: L1\n      rol: ouder\n      geboortejaar: 1984\n      pseudoniem: Moeder T.\n"
            "    - id: L2\n      rol: kind\n      geboortejaar: 2015\n      gezag: [L1]\n"
            "    - id: L3\n      rol: kind\n      geboortejaar: 2021\n      gezag: [L1]\n") in text
    assert text.startswith("# yaml-language-server: $schema=../../.regie/schemas/casus.schema.json\n"
                           "# Oudere vrouw, aangetroffen bij een preventief huisbezoek van het wijkteam.\n")
    r = _run(cli, examples_repo, "close", "2026-003", "--reden", "doelen-bereikt", "--zonder-evaluatie", "--force",
             "--vraag5-open", "hulp loopt nog")
    assert r.err == ("waarschuwing: afspraken vervallen: A2\n"
                     "bewaarcategorie jeugd (lid L2 (geboren 2015), lid L3 (geboren 2021) waren minderjarig tijdens de "
                     "casus): bewaren tot 2046-11-26\ncasus 2026-003 gesloten\n")
    assert "bewaren_tot: 2046-11-26\nbewaarcategorie: jeugd\n" in (examples_repo / GEZIN).read_text()


def test_the_boundary_year_of_a_birth_year_counts_as_a_minor(cli, examples_repo):
    # born 2008: 17 or 18 when the case opened in 2026 — the longer term, since a youth file destroyed early is lost
    _run(cli, examples_repo, "huishouden", "2026-003", "lid", "add", "--rol", "kind", "--geboortejaar", "2008")
    r = _run(cli, examples_repo, "close", "2026-003", "--reden", "verhuisd", "--zonder-evaluatie", "--force",
             "--vraag5-open", "hulp loopt nog")
    assert r.err.splitlines()[1].startswith("bewaarcategorie jeugd (lid L1 (geboren 2008) was minderjarig tijdens de casus)")


def test_an_adult_household_stays_volwassenen(cli, examples_repo):
    _run(cli, examples_repo, "huishouden", "2026-003", "lid", "add", "--rol", "partner", "--geboortejaar", "2007")
    r = _run(cli, examples_repo, "close", "2026-003", "--reden", "verhuisd", "--zonder-evaluatie", "--force",
             "--vraag5-open", "hulp loopt nog")
    assert r.err.splitlines()[1] == ("bewaarcategorie volwassenen (geen minderjarige in de melding of het huishouden): "
                                     "bewaren tot 2041-11-26")


def test_new_case_marks_a_minor_and_starts_a_household(cli, examples_repo):
    r = _run(cli, examples_repo, "new-case", "--melder-rol", "leerkracht", "--aard", "verzuim", "--urgentie", "middel",
             "--pseudoniem", "Jongere V.", "--regisseur", "m-elhaddad", "--toestemming", "gegeven", "--toestemming-datum", "2026-11-26", "--minderjarig",
             "--huishouden", "nieuw")
    assert r.out == "2026-010\n"
    assert r.err.endswith("huishouden HH-0007 begonnen; voeg leden toe met 'regie huishouden 2026-010 lid add'\n")
    assert "\nminderjarig: true " in (examples_repo / "casussen/2026-010/melding.yaml").read_text()
    assert "huishouden:\n  id: HH-0007    #" in (examples_repo / "casussen/2026-010/casus.yaml").read_text()
    r = _run(cli, examples_repo, "close", "2026-010", "--reden", "verhuisd", "--zonder-evaluatie")
    assert r.err.startswith("bewaarcategorie jeugd (de cliënt was minderjarig bij de melding): bewaren tot 2046-11-26\n")


def test_validate_flags_a_closed_youth_file_kept_as_adult(cli, examples_repo):
    path = examples_repo / "casussen/2025-014/casus.yaml"
    text = path.read_text()
    assert "bewaarcategorie: volwassenen\n" in text
    path.write_text(text.replace("pseudoniem:", "huishouden:\n  id: HH-0099\n  leden:\n    - id: L1\n      rol: kind\n"
                                 "      geboortejaar: 2012\npseudoniem:", 1))
    r = cli("-C", str(examples_repo), "validate", "2025-014")
    line = next(i for i, t in enumerate(path.read_text().splitlines(), 1) if t.startswith("bewaarcategorie:"))
    assert (f"casussen/2025-014/casus.yaml:{line}: [bewaarcategorie-jeugd] waarschuwing: bewaarcategorie volwassenen, "
            "maar lid L1 (geboren 2012) was minderjarig tijdens de casus: een jeugddossier wordt 20 jaar bewaard "
            "(bewaarcategorie: jeugd, en bewaren_tot 20 jaar na sluiting)") in r.out.splitlines()


def test_household_edit_and_drop_keep_comments_and_commit_one_file(cli, examples_repo):
    path = examples_repo / "casussen/2026-002/casus.yaml"
    edit(path, "    - id: L4\n", "    - id: L4   # de middelste\n")
    git(examples_repo, "commit", "-qam", "opmerking")
    _run(cli, examples_repo, "huishouden", "2026-002", "lid", "edit", "L4", "--pseudoniem", "Kind K.", "--gezag", "L1",
         "--gezag", "L2", "--leefgebied", "dagbesteding")
    assert ("    - id: L4   # de middelste\n      rol: kind\n      geboortejaar: 2016\n      pseudoniem: Kind K.\n"
            "      leefgebieden: [dagbesteding]\n      gezag: [L1, L2]\n") in path.read_text()
    assert git(examples_repo, "show", "--name-only", "--format=%s", "HEAD").splitlines() == [
        "regie huishouden: lid L4 van casus 2026-002 gewijzigd", "", "casussen/2026-002/casus.yaml"]
    r = _run(cli, examples_repo, "huishouden", "2026-002", "lid", "drop", "L1", code=1)
    assert r.err == ("fout: lid L1 komt nog voor in doel D5, het gezag over lid L3, het gezag over lid L4; "
                     "pas dat eerst aan\n")
    r = _run(cli, examples_repo, "huishouden", "2026-002", "lid", "drop", "L5")
    assert "    - id: L5\n" not in path.read_text()
    assert r.err == ("staat dit lid ook in de versleutelde identiteit (huishouden, lid: L5)? Werk die bij met "
                     "'regie identity edit 2026-002'\nlid L5 verwijderd uit het huishouden van casus 2026-002\n")
    assert git(examples_repo, "status", "--porcelain") == ""


def test_household_refuses_bad_values_and_a_closed_case(cli, examples_repo):
    head = git(examples_repo, "rev-parse", "HEAD").strip()
    r = _run(cli, examples_repo, "huishouden", "2025-014", "lid", "add", "--rol", "kind", code=1)
    assert r.err == "fout: casus 2025-014 is gesloten; het huishouden wijzigen kan niet meer\n"
    r = _run(cli, examples_repo, "huishouden", "2026-002", "lid", "add", "--rol", "buurman", code=2)
    assert r.err.startswith("fout: --rol: onbekende rol 'buurman'; kies uit: ouder, kind, partner,")
    r = _run(cli, examples_repo, "huishouden", "2026-002", "lid", "add", "--rol", "kind", "--geboortejaar", "2040", code=2)
    assert r.err == "fout: --geboortejaar: geboortejaar 2040 kan niet (alleen het jaar, tussen 1906 en 2026)\n"
    r = _run(cli, examples_repo, "huishouden", "2026-002", "lid", "edit", "L3", "--gezag", "L9", code=2)
    assert r.err == "fout: --gezag: lid 'L9' staat niet in het huishouden (wel: L1, L2, L3, L4, L5)\n"
    r = _run(cli, examples_repo, "huishouden", "2026-002", "lid", "edit", "L3", "--gezag", "L3", code=2)
    assert r.err == "fout: --gezag: lid L3 kan niet zelf het gezag over zichzelf hebben; noem de ouders of de voogd\n"
    assert git(examples_repo, "rev-parse", "HEAD").strip() == head


def test_gezag_naming_someone_outside_the_household_is_an_error(cli, examples_repo):
    edit(examples_repo / "casussen/2026-002/casus.yaml", "      gezag: [L1, L2]\n", "      gezag: [L1, L7]\n")
    r = cli("-C", str(examples_repo), "validate", "2026-002")
    assert r.code == 1
    assert ("casussen/2026-002/casus.yaml:26: [gezag-lid] lid L3: gezag bij 'L7', maar dat lid staat niet in het "
            "huishouden") in r.out.splitlines()


def test_consent_per_member_names_the_age_rule_and_takes_the_boundary_year_strictly(cli, examples_repo):
    # L3 is born in 2013: 12 or 13 in 2026 — consent to help needs the parents with gezag and the child
    r = _run(cli, examples_repo, "consent", "2026-002", "--lid", "L3", "--status", "gegeven", "--door", "L1", "--door", "L2",
             "--datum", "2026-03-10")
    assert r.err.splitlines() == [
        f"casussen/2026-002/casus.yaml:27: [toestemming-lid] waarschuwing: lid L3: toestemming voor hulp ontbreekt van "
        f"L3 ({HULP_GRENS})",
        f"lid L3, toestemming voor hulp: nodig van L1, L2, L3 ({HULP_GRENS})",
        "lid L3, toestemming voor het delen van gegevens: nodig van L1, L2 (regel: 12 of 13 jaar — onder 16 jaar: "
        "wie het gezag heeft (UAVG art. 5 lid 1: de wettelijk vertegenwoordiger))",
        "toestemming voor lid L3 van casus 2026-002: gegeven op 2026-03-10"]
    assert ("      gezag: [L1, L2]\n      toestemming:\n        status: gegeven\n        datum: 2026-03-10\n"
            "        door: [L1, L2]\n    - id: L4\n") in (examples_repo / "casussen/2026-002/casus.yaml").read_text()
    assert git(examples_repo, "log", "-1", "--format=%s") == "regie consent: toestemming voor lid L3 van casus 2026-002 gegeven\n"
    r = _run(cli, examples_repo, "consent", "2026-002", "--lid", "L3", "--status", "gegeven", "--door", "L1", "--door", "L2",
             "--door", "L3", "--datum", "2026-03-10")
    assert "[toestemming-lid]" not in r.err


def test_a_boundary_year_asks_for_both_rules(cli, examples_repo):
    # L4 is born in 2016: 9 or 10 in 2026 — under 12 only; in 2028 (11 or 12) both rows of the table count
    _run(cli, examples_repo, "huishouden", "2026-002", "lid", "edit", "L5", "--geboortejaar", "2014", "--gezag", "L1")
    r = _run(cli, examples_repo, "consent", "2026-002", "--lid", "L5", "--status", "gegeven", "--door", "L1", "--voor", "hulp")
    assert ("lid L5, toestemming voor hulp: nodig van L1, L5 (regel: 11 of 12 jaar (grensjaar: allebei, de strengste) — "
            "onder 12 jaar: wie het gezag heeft (WGBO: art. 7:465 lid 1 BW; Jeugdwet art. 7.3.4); 12 tot 16 jaar: wie het "
            "gezag heeft én de jongere zelf (WGBO: art. 7:450 lid 1 BW; Jeugdwet art. 7.3.4))") in r.err.splitlines()


def test_the_networks_own_age_table_is_used_and_named(cli, examples_repo):
    regie = examples_repo / "regie.yaml"
    regie.write_text(regie.read_text() + "toestemmingsregels:\n  delen:\n"
                     "    - {tot: 12, door: gezag, bron: \"eigen afspraak van het netwerk\"}\n"
                     "    - {door: jongere, bron: \"eigen afspraak van het netwerk\"}\n")
    git(examples_repo, "commit", "-qam", "eigen tabel")
    r = _run(cli, examples_repo, "consent", "2026-002", "--lid", "L3", "--status", "gegeven", "--door", "L3",
             "--voor", "delen")
    assert r.err.splitlines()[-2] == ("lid L3, toestemming voor het delen van gegevens: nodig van L3 (regel: 12 of 13 jaar — "
                                      "vanaf 12 jaar: de jongere zelf (eigen afspraak van het netwerk))")


def test_a_partner_on_a_childs_goal_without_its_consent_is_named_with_the_rule(cli, examples_repo):
    edit(examples_repo / "casussen/2026-002/plan.md",
         "    doel: De ouders maken samen afspraken over de opvoeding.\n",
         "    doel: De ouders maken samen afspraken over de opvoeding.\n    lid: L3\n")
    r = cli("-C", str(examples_repo), "validate", "2026-002")
    assert ("casussen/2026-002/afspraken.yaml:38: [toestemming-lid] waarschuwing: Sociaal Wijkteam Zuiderhaven werkt aan doel D3 van lid L3 (A5), "
            "maar er is geen toestemming voor dit lid vastgelegd; nodig van L1, L2 (regel: 12 of 13 jaar — onder 16 jaar: "
            "wie het gezag heeft (UAVG art. 5 lid 1: de wettelijk vertegenwoordiger)); leg die vast met "
            "'regie consent 2026-002 --lid L3'") in r.out.splitlines()


def test_verwijsindex_per_child_is_withdrawn_when_the_case_closes(cli, examples_repo):
    r = _run(cli, examples_repo, "verwijsindex", "2026-002", "--lid", "L3", "--signaal", "2026-03-04", "--organisatie", "wijkteam")
    assert r.err == "verwijsindex: signaal voor lid L3 van wijkteam op 2026-03-04\n"
    path = examples_repo / "casussen/2026-002/casus.yaml"
    assert "      verwijsindex:\n        datum: 2026-03-04\n        organisatie: wijkteam\n    - id: L4\n" in path.read_text()
    r = _run(cli, examples_repo, "close", "2026-002", "--reden", "doelen-bereikt", "--zonder-evaluatie", "--force",
             "--datum", "2026-11-20")
    assert ("verwijsindex: signaal afgemeld op 2026-11-20 (de cliënt, lid L3); meld het ook af in de verwijsindex zelf"
            in r.err.splitlines())
    text = path.read_text()
    assert "        organisatie: wijkteam\n        afgemeld: 2026-11-20\n" in text
    assert "  signaal:\n    datum: 2026-03-04\n    organisatie: wijkteam\n    afgemeld: 2026-11-20\n" in text
    assert "[verwijsindex-afmelden]" not in cli("-C", str(examples_repo), "validate", "2026-002").out


def test_a_signal_left_standing_is_a_warning_after_closing_and_at_23(cli, examples_repo):
    path = examples_repo / "casussen/2026-002/casus.yaml"
    edit(path, "      geboortejaar: 2013\n", "      geboortejaar: 2003\n      verwijsindex:\n        datum: 2026-03-04\n"
                                               "        organisatie: wijkteam\n")
    r = cli("-C", str(examples_repo), "validate", "2026-002")
    assert ("casussen/2026-002/casus.yaml:25: [verwijsindex-23] waarschuwing: lid L3 (geboren 2003) wordt dit jaar 23: meld "
            "het signaal in de verwijsindex af (de verwijsindex geldt tot 23 jaar) met 'regie verwijsindex 2026-002 --lid L3 "
            "--afmelden DATUM'") in r.out.splitlines()
    git(examples_repo, "commit", "-qam", "signaal")
    r = _run(cli, examples_repo, "verwijsindex", "2026-002", "--lid", "L3", "--afmelden", "2026-11-01")
    assert r.err == "verwijsindex: signaal voor lid L3 afgemeld op 2026-11-01\n"
    assert "[verwijsindex-23]" not in cli("-C", str(examples_repo), "validate", "2026-002").out
    # a case closed by hand before this feature: its signal still stands
    edit(path, "status: uitvoering\n", "status: gesloten\ngesloten: 2026-11-20\nsluitreden: verhuisd\n"
                                       "bewaren_tot: 2046-11-20\nbewaarcategorie: jeugd\nzonder_evaluatie: verhuisd\n")
    r = cli("-C", str(examples_repo), "validate", "2026-002")
    assert any("[verwijsindex-afmelden] waarschuwing: verwijsindex: de casus is gesloten maar het signaal is niet afgemeld"
               in line for line in r.out.splitlines())
    git(examples_repo, "commit", "-qam", "gesloten")
    r = _run(cli, examples_repo, "verwijsindex", "2026-002", "--afmelden", "2026-11-21")
    # (the case closed by hand keeps its open agreements: validate says so too)
    assert r.err.splitlines()[-1] == "verwijsindex: signaal afgemeld op 2026-11-21"
    assert "[verwijsindex-afmelden]" not in cli("-C", str(examples_repo), "validate", "2026-002").out


def test_merged_members_keep_their_gezag_under_their_new_ids(cli, examples_repo):
    r = _run(cli, examples_repo, "new-case", "--melder-rol", "leerkracht", "--aard", "verzuim", "--urgentie", "middel",
             "--pseudoniem", "Kind K.", "--regisseur", "m-elhaddad", "--toestemming", "gegeven", "--toestemming-datum",
             "2026-11-26", "--huishouden", "HH-0002")
    assert r.out == "2026-010\n"
    _run(cli, examples_repo, "huishouden", "2026-010", "lid", "add", "--rol", "ouder", "--geboortejaar", "1986",
         "--pseudoniem", "Moeder K.")  # the same person as L1 of 2026-002
    _run(cli, examples_repo, "huishouden", "2026-010", "lid", "add", "--rol", "grootouder", "--geboortejaar", "1960")
    _run(cli, examples_repo, "huishouden", "2026-010", "lid", "add", "--rol", "pleegkind", "--geboortejaar", "2018",
         "--gezag", "L1", "--gezag", "L2")
    _run(cli, examples_repo, "verwijsindex", "2026-010", "--lid", "L3", "--signaal", "2026-11-20", "--organisatie", "wijkteam")
    _run(cli, examples_repo, "merge-cases", "2026-002", "2026-010", "--ja")
    text = (examples_repo / "casussen/2026-002/casus.yaml").read_text()
    assert ("    - id: L6\n      rol: grootouder\n      geboortejaar: 1960\n"
            "    - id: L7\n      rol: pleegkind\n      geboortejaar: 2018\n      gezag: [L1, L6]\n"
            "      verwijsindex:\n        datum: 2026-11-20\n        organisatie: wijkteam\n") in text
    # the signal went on with the child: the case folded in does not withdraw it
    assert "afgemeld" not in (examples_repo / "casussen/2026-010/casus.yaml").read_text()
    out = cli("-C", str(examples_repo), "validate", "2026-002", "2026-010").out
    assert "verwijsindex-afmelden" not in out and "gezag-lid" not in out
