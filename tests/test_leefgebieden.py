"""ZRM 2017 for new networks; an existing repository keeps the list it was written with (issue 25, item 8)."""

from __future__ import annotations

import yaml
from conftest import git

ZRM_2017 = ["financien", "werk-opleiding", "tijdsbesteding", "huisvesting", "huiselijke-relaties", "geestelijke-gezondheid",
            "lichamelijke-gezondheid", "middelengebruik", "basale-adl", "instrumentele-adl", "sociaal-netwerk",
            "maatschappelijke-participatie", "justitie"]


def _new_network_with_a_case(cli, tmp_path):
    target = tmp_path / "n"
    assert cli("init", str(target)).code == 0
    r = cli("-C", str(target), "new-case", "--melder-rol", "buurman", "--aard", "overlast", "--urgentie", "laag",
            "--pseudoniem", "X.", "--afweging", "verkenning")
    assert r.code == 0, r
    return target


def test_init_writes_the_thirteen_domains_of_zrm_2017(cli, tmp_path):
    target = _new_network_with_a_case(cli, tmp_path)
    assert yaml.safe_load((target / "regie.yaml").read_text())["leefgebieden"] == ZRM_2017
    root = ("-C", str(target))
    r = cli(*root, "doel", "add", "2026-001", "--leefgebied", "werk-opleiding", "--wat", "Meneer heeft vrijwilligerswerk.",
            "--startscore", "2", "--doelscore", "4")
    assert r.code == 0, r
    r = cli(*root, "doel", "add", "2026-001", "--leefgebied", "dagbesteding", "--wat", "Meneer heeft een dagritme.",
            "--startscore", "2", "--doelscore", "4")
    assert r.code != 0 and "dagbesteding" in r.err and "werk-opleiding" in r.err and "Traceback" not in r.err, r
    # the names the documents use
    assert "Werk en opleiding" in cli(*root, "plan", "2026-001").out


def test_a_repository_without_leefgebieden_keeps_the_older_list(cli, examples_repo):
    """The examples' regie.yaml names no leefgebieden: dagbesteding stays a domain, and nothing warns."""
    assert "leefgebieden:" not in (examples_repo / "regie.yaml").read_text().split("organisaties:")[0]
    root = ("-C", str(examples_repo))
    r = cli(*root, "doel", "add", "2026-001", "--leefgebied", "dagbesteding", "--wat", "Meneer heeft een dagritme.",
            "--startscore", "2", "--doelscore", "4")
    assert r.code == 0, r
    assert "leefgebied" not in cli(*root, "validate", "2026-001").out


def test_moving_to_zrm_2017_shows_every_place_left_to_change(cli, examples_repo):
    """The route of docs/dossier-format.md: add the list without dagbesteding, and validate names what still uses it."""
    cfg = examples_repo / "regie.yaml"
    cfg.write_text(cfg.read_text() + "leefgebieden: [" + ", ".join(ZRM_2017) + "]\n")
    used = git(examples_repo, "grep", "-l", "dagbesteding", "--", "casussen", "sociale-kaart.yaml").split()
    out = cli("-C", str(examples_repo), "validate").out
    flagged = {line.split(":")[0] for line in out.splitlines() if "[leefgebied-onbekend]" in line and "dagbesteding" in line}
    assert flagged and flagged <= set(used)


def test_consent_words_point_to_the_zrm_2017_domain(cli, tmp_path):
    target = _new_network_with_a_case(cli, tmp_path)
    r = cli("-C", str(target), "consent", "2026-001", "--status", "gegeven", "--datum", "2026-11-20", "--gegevens", "werk")
    assert r.code != 0 and "werk-opleiding" in r.err and "dagbesteding" not in r.err, r
