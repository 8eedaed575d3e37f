"""Consistent options (issue 12, item 7): --format with only the values a command supports, -o/--output on every
command that shows data (- is stdout), one format even when given twice, unknown filter values as errors."""

from __future__ import annotations

import json

import pytest
from conftest import CONSENT_GAP, EXAMPLES, edit, git

EX = ("-C", str(EXAMPLES))


@pytest.mark.parametrize("args", [
    ["list"], ["list", "--format", "json"], ["show", "2026-001"], ["show", "2026-001", "--format", "json"], ["retention", "--format", "json"],
    ["signal", "list"], ["log", "2026-001", "--format", "md"], ["validate"], ["validate", "--format", "gitlab"],
    ["overdue"], ["caseload", "--format", "csv"], ["calendar"], ["sociale-kaart"], ["agenda"], ["plan", "2026-001"],
    ["export", "2026-001"], ["report", "--quarter", "2026Q3", "--format", "md"],
])
def test_every_data_command_writes_to_o_file_or_o_dash(cli, tmp_path, args):
    plain = cli(*EX, *args)
    assert plain.out, plain
    target = tmp_path / "uit.txt"
    r = cli(*EX, *args, "-o", str(target))
    assert (r.code, r.out) == (plain.code, ""), r
    assert target.read_bytes().decode("utf-8") == plain.out
    assert cli(*EX, *args, "-o", "-").out == plain.out  # '-' is stdout, not a file named '-'


@pytest.mark.parametrize("args, err", [
    (["list", "--format", "github"], "'github' is geen van 'text', 'json'"),
    (["show", "2026-001", "--format", "csv"], "'csv' is geen van 'text', 'json'"),
    (["retention", "--format", "github"], "'github' is geen van 'text', 'json'"),
    (["signal", "list", "--format", "github"], "'github' is geen van 'text', 'json'"),
    (["export", "2026-001", "--format", "json"], "'json' is geen van 'md', 'html'"),
])
def test_a_format_a_command_cannot_give_is_a_usage_error(cli, args, err):
    r = cli(*EX, *args)
    assert (r.code, r.out) == (2, ""), r
    assert err in r.err


@pytest.mark.parametrize("args, err", [
    (["report", "--format", "md", "--html"], "fout: kies één formaat: --format md en --html spreken elkaar tegen\n"),
    (["export", "2026-001", "--html", "--md"], "fout: kies één formaat: --html en --md spreken elkaar tegen\n"),
    (["export", "2026-001", "--format", "md", "--html"], "fout: kies één formaat: --format md en --html spreken elkaar tegen\n"),
    (["agenda", "--format", "md", "--html"], "fout: kies één formaat: --format md en --html spreken elkaar tegen\n"),
    (["plan", "2026-001", "--format", "md", "--html"], "fout: kies één formaat: --format md en --html spreken elkaar tegen\n"),
])
def test_two_formats_that_disagree_are_refused(cli, args, err):
    r = cli(*EX, *args)
    assert (r.code, r.out, r.err) == (2, "", err)


def test_the_same_format_twice_is_fine(cli):
    assert cli(*EX, "report", "--quarter", "2026Q3", "--format", "html", "--html").out.startswith("<!DOCTYPE html>")
    assert cli(*EX, "export", "2026-001", "--format", "html").out == cli(*EX, "export", "2026-001", "--html").out


KNOWN = "(bekend in regie.yaml: a-bakker, j-devries, m-elhaddad, r-smits)"


@pytest.mark.parametrize("args, err", [
    (["overdue", "--regisseur", "nobody", "--fail-on-overdue"], f"fout: --regisseur: onbekende regisseur 'nobody' {KNOWN}\n"),
    (["list", "--regisseur", "nobody"], f"fout: --regisseur: onbekende regisseur 'nobody' {KNOWN}\n"),
    (["calendar", "--regisseur", "nobody"], f"fout: --regisseur: onbekende regisseur 'nobody' {KNOWN}\n"),
    (["overdue", "--wie", "nobody", "--fail-on-overdue"], "fout: onbekende --wie 'nobody': geen organisatie of regisseur uit "
                                                         "regie.yaml en geen betrokkene met open afspraken\n"),
])
def test_a_filter_typo_fails_instead_of_passing_quietly(cli, args, err):
    r = cli(*EX, *args)
    assert (r.code, r.out, r.err) == (2, "", err)


def test_known_filter_values_still_filter(cli):
    assert cli(*EX, "overdue", "--wie", "ggz-delta").out.count("\n") == 1  # an organisation
    assert cli(*EX, "overdue", "--wie", "ggz-fact").out.count("\n") == 1  # a betrokkene with an open agreement
    assert cli(*EX, "overdue", "--regisseur", "m-elhaddad").code == 0


def test_validate_writes_a_gitlab_code_quality_report(cli, examples_repo):
    r = cli("-C", str(examples_repo), "validate", "--format", "gitlab")
    assert r.code == 0
    gap, long, *report = json.loads(r.out)
    assert long["check_name"] == "regie cti-duur"
    assert (gap["check_name"], gap["description"]) == ("regie toestemming-leefgebied", CONSENT_GAP)
    assert report == [{"description": "E2: escalatie staat 51 dagen open (termijn 30 dagen)",
                       "check_name": "regie escalatie-open", "fingerprint": report[0]["fingerprint"], "severity": "minor",
                       "location": {"path": "casussen/2026-006/escalaties.yaml", "lines": {"begin": 14}}}]
    assert len(report[0]["fingerprint"]) == 64
    # the same finding a day later and two lines lower keeps its fingerprint; an error is 'major'
    edit(examples_repo / "casussen/2026-006/escalaties.yaml", "escalaties:\n", "escalaties:\n# een\n# twee\n")
    edit(examples_repo / "casussen/2026-001/casus.yaml", "urgentie: hoog", "urgentie: heel hoog")
    git(examples_repo, "commit", "-qam", "x")
    later = json.loads(cli("-C", str(examples_repo), "--today", "2026-11-27", "validate", "--format", "gitlab").out)
    moved = next(f for f in later if f["check_name"] == "regie escalatie-open")
    assert moved["location"]["lines"]["begin"] == 16 and moved["fingerprint"] == report[0]["fingerprint"]
    assert {f["severity"] for f in later if f["location"]["path"] == "casussen/2026-001/casus.yaml"} == {"major"}
