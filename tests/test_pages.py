"""Documents as a municipality files them (issue 24, items 5 and 6): every PDF of the examples read back.

Each PDF is tagged (PDF/UA-1), carries its title and author, numbers its pages ("pagina 3 van 8"), has no
nearly empty page, and holds every column header and every cell of every table of its HTML page, inside the
page (no column cut off at the edge). The HTML pages, in a real browser at 1,200 px, overflow nowhere.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES, MEMO

pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 is a test dependency (pip install '.[test]')")
pytest.importorskip("weasyprint", reason="WeasyPrint is a test dependency (pip install '.[test]')")

DOCUMENTS = {
    "jaar": ["report", "--year", "2026"],
    "kwartaal": ["report", "--quarter", "2026Q3"],
    "vergelijk": ["report", "--quarter", "2026Q3", "--vergelijk", "2026Q2"],
    "plan": ["plan", "2026-001"],
    "agenda": ["agenda", "--datum", "2026-12-07"],
    "inzage": ["export", "2026-001"],
    "sociale-kaart": ["sociale-kaart"],
}
NEARLY_EMPTY = 120  # characters on a page besides its running header and page number


def _squash(text: str) -> str:
    """Text without white space (a cell wraps where the page is narrow). A word hyphenated at a line end (U+2010,
    which WeasyPrint puts there) is joined again; pdfium marks a hyphen of the text itself at a line end as U+FFFE."""
    return re.sub(r"\s+", "", re.sub(r"[\u2010\u00ad]\s+", "", text).replace("\ufffe", "-"))


def _tables(html: str) -> list[tuple[list[str], list[str]]]:
    """Each table of the page: its column headers and its cells, as text."""
    import html5lib

    doc = html5lib.parse(html, namespaceHTMLElements=False)
    found = []
    for table in doc.iter("table"):
        heads = ["".join(th.itertext()).strip() for th in table.iter("th")]
        cells = ["".join(td.itertext()).strip() for td in table.iter("td")]
        found.append(([h for h in heads if h], [c for c in cells if c]))
    return found


def _pages(pdf_path: Path) -> tuple[list[str], bool, dict, list[tuple[int, float, float]]]:
    """The text of each page, whether the PDF is tagged, its metadata, and per page the right-most character edge
    against the page width."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    texts, edges = [], []
    for i in range(len(pdf)):
        page = pdf[i]
        tp = page.get_textpage()
        texts.append(tp.get_text_range())
        width = page.get_width()
        right = max((tp.get_charbox(k)[2] for k in range(tp.count_chars())), default=0.0)
        edges.append((i + 1, right, width))
    tagged = bool(pdfium.raw.FPDFCatalog_IsTagged(pdf.raw))
    meta = pdf.get_metadata_dict()
    return texts, tagged, meta, edges


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Every document of the examples as HTML and as PDF (rendered once for all the tests here)."""
    from conftest import run_regie

    folder = tmp_path_factory.mktemp("pages")
    out = {}
    for name, args in DOCUMENTS.items():
        html, pdf = folder / f"{name}.html", folder / f"{name}.pdf"
        for fmt, target in (("html", html), ("pdf", pdf)):
            done = run_regie("-C", str(EXAMPLES), "--today", "2026-12-02", *args, "--format", fmt, "-o", str(target),
                             cwd=folder)
            assert done.returncode == 0, (name, fmt, done.stderr)
        out[name] = (html, pdf)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_every_pdf_is_tagged_numbered_and_holds_every_table_inside_the_page(rendered, name):
    # Budget: fourteen documents rendered once per module (about 20 s with WeasyPrint), then read back; < 1 s each.
    html, pdf = rendered[name]
    texts, tagged, meta, edges = _pages(pdf)
    assert tagged, "the PDF is not tagged"
    title = re.search(r"<title>(.*?)</title>", html.read_text(), re.S)[1].strip()
    assert meta.get("Title") == title and meta.get("Author") == "Integraal Netwerk Zuiderhaven", meta
    pages = len(texts)
    for number, text in enumerate(texts, 1):
        assert f"pagina {number} van {pages}" in text, (number, text[-200:])
        body = text.replace(f"pagina {number} van {pages}", "")
        assert len(_squash(body)) - len(_squash(texts[0].splitlines()[0] if number > 1 else "")) >= NEARLY_EMPTY, (
            f"page {number} of {pages} is nearly empty: {body!r}")
    for number, right, width in edges:
        assert right <= width - 20, f"text runs off page {number}: right edge {right:.0f} of {width:.0f} pt"
    whole = _squash("".join(texts))
    for heads, cells in _tables(html.read_text()):
        for text in heads + cells:
            assert _squash(text) in whole, f"{text!r} is not on the page"


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
MEASURE = """<script>
window.addEventListener('load', () => {
  const wide = [...document.querySelectorAll('table, main, section, svg, .kpis')]
    .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .map(e => e.tagName + ' ' + (e.querySelector('caption, th') || e).textContent.trim().slice(0, 40) + ' ' + e.scrollWidth + '>' + e.clientWidth);
  const page = document.documentElement;
  const result = {page: [page.scrollWidth, page.clientWidth], wide};
  const pre = document.createElement('pre'); pre.id = 'meting'; pre.textContent = JSON.stringify(result);
  document.body.appendChild(pre);
});
</script>"""


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_no_html_page_overflows_at_1200_px_in_a_real_browser(rendered, name, tmp_path):
    # Budget: one headless chromium run per document with a 120 s timeout; about 2 s each here.
    html, _ = rendered[name]
    page = tmp_path / f"{name}.html"
    page.write_text(html.read_text().replace("</body>", MEASURE + "</body>"))
    flags = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profiel'}",
             "--window-size=1200,900", "--virtual-time-budget=5000"]
    dom = subprocess.run([*flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    found = re.search(r'<pre id="meting">(.*?)</pre>', dom.stdout, re.S)
    assert found, "the measuring script did not run"
    result = json.loads(found[1].replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&").replace("&quot;", '"'))
    scroll, client = result["page"]
    assert scroll <= client, f"the page scrolls sideways: {scroll} > {client}"
    assert result["wide"] == [], result["wide"]


def test_a_chart_whose_counts_are_all_hidden_is_one_sentence(cli):
    """A chart of only hidden counts draws labels and a legend without a bar; it is replaced by one sentence."""
    html = cli("-C", str(EXAMPLES), "--today", "2026-12-02", "report", "--quarter", "2026Q3", "--html").out
    sentences = re.findall(r'<p class="none">([^<]*): geen grafiek, want elk aantal erin is verborgen \(x\) of 0; de aantallen '
                           r'staan hieronder\.</p>', html)
    assert sentences == ["Afspraken met deadline in de periode, per partner",
                         "Verschuiving op de Zelfredzaamheid-Matrix per leefgebied", "Open casussen per regisseur"]
    assert html.count('<svg class="chart"') == 1
    assert "<td>Ruud Smits</td><td class=\"n\">0</td>" in html  # the counts are still there, as a table


@pytest.mark.slow
def test_the_escalation_memo_pdf_is_tagged_and_numbered(cli, examples_repo, tmp_path):
    # Budget: one escalation and one WeasyPrint run; about 3 s here.
    memo = tmp_path / "memo.pdf"
    r = cli("-C", str(examples_repo), "escalate", "2026-001", "--over", "ggz-delta", *MEMO, "--reden", "geen start",
            "--format", "pdf", "-o", str(memo))
    assert r.code == 0, r
    texts, tagged, meta, edges = _pages(memo)
    assert tagged and meta.get("Title") and all(f"pagina {i} van {len(texts)}" in t for i, t in enumerate(texts, 1))
    assert all(right <= width - 20 for _, right, width in edges)
