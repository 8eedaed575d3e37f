"""PDF for every document (issue 12, item 4): agenda, plan, export, report (and its comparison) and the escalation
memo through WeasyPrint — checked by rendering a page to an image and by reading the text back."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, MEMO, git, run_regie

pytest.importorskip("weasyprint", reason="WeasyPrint makes the PDF (the extra regie[pdf]; installed by .ci/run)")
pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 reads the PDF back (installed by .ci/run)")

EX = ("-C", str(EXAMPLES))


def read_pdf(path: Path) -> tuple[int, str, object]:
    """(pages, the text of all pages, the first page as an image)."""
    pdf = pdfium.PdfDocument(str(path))
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    return len(pdf), " ".join(text.split()), pdf[0].render(scale=1).to_pil().convert("L")


def assert_not_blank(image) -> None:
    low, high = image.getextrema()
    assert high - low > 100, "the page is blank"
    dark = sum(image.histogram()[:128])
    assert dark > 500, f"only {dark} dark pixels: no text on the page"


@pytest.mark.parametrize("args, title, known", [
    (["report", "--year", "2026"], "Jaarrapportage Integraal Netwerk Zuiderhaven", "casussen meegeteld"),
    (["report", "--quarter", "2026Q4", "--vergelijk", "2026Q2"], "Vergelijking 4e kwartaal 2026 met 2e kwartaal 2026", "Meldcode"),
    (["agenda", "--datum", "2026-12-01"], "Agenda netwerkoverleg 1 december 2026", "Nieuwe meldingen"),
    (["plan", "2026-001"], "Plan van Aanpak", "De woning is schoon en veilig en de huur blijft behouden."),
    (["export", "2026-006"], "Uw dossier", "Joke de Vries"),
])
# Budget: one document rendered with WeasyPrint; under a second here.
@pytest.mark.slow
def test_every_document_as_pdf(cli, tmp_path, args, title, known):
    target = tmp_path / "document.pdf"
    r = cli(*EX, *args, "--format", "pdf", "-o", str(target))
    assert (r.code, r.out) == (0, ""), r
    assert r.err.endswith(f"geschreven: {target}\n")
    assert target.read_bytes().startswith(b"%PDF-")
    pages, text, first = read_pdf(target)
    assert pages >= 1 and title in text and known in text, text[:300]
    assert_not_blank(first)


# Budget: one document rendered with WeasyPrint; under a second here.
@pytest.mark.slow
def test_the_report_pdf_carries_its_figures(cli, tmp_path):
    import json

    data = json.loads(cli(*EX, "report", "--year", "2026", "--format", "json").out)
    target = tmp_path / "rapport.pdf"
    assert cli(*EX, "report", "--year", "2026", "--format", "pdf", "-o", str(target)).code == 0
    _, text, _ = read_pdf(target)
    assert f"{data['casussen']} casussen meegeteld" in text
    assert f"Meldingen ontvangen {data['instroom']['meldingen']}" in text


# Budget: one document rendered with WeasyPrint; under a second here.
@pytest.mark.slow
def test_the_escalation_memo_as_pdf(cli, examples_repo, tmp_path):
    target = tmp_path / "memo.pdf"
    r = cli("-C", str(examples_repo), "escalate", "2026-001", "--over", "woonstad", *MEMO, "--reden", "Geen reactie op het verzoek.",
            "--format", "pdf", "-o", str(target))
    assert r.code == 0, r
    _, text, first = read_pdf(target)
    assert "Memo: opschaling casus 2026-001" in text and "Geen reactie op het verzoek." in text
    assert_not_blank(first)
    # the memo kept in the dossier is the Markdown one
    assert (examples_repo / "casussen/2026-001/escalaties/E1.md").read_text().startswith("# Memo: opschaling casus 2026-001")


@pytest.mark.parametrize("args", [["report", "--year", "2026"], ["agenda"], ["plan", "2026-001"], ["export", "2026-001"]])
def test_a_pdf_needs_a_file(cli, args):
    r = cli(*EX, *args, "--format", "pdf")
    assert (r.code, r.out, r.err) == (2, "", "fout: --output: een pdf schrijft regie naar een bestand: geef de naam (BESTAND.pdf)\n")


def test_escalate_checks_the_file_before_it_records(cli, examples_repo):
    head = git(examples_repo, "rev-parse", "HEAD")
    r = cli("-C", str(examples_repo), "escalate", "2026-001", "--over", "woonstad", *MEMO, "--reden", "x", "--format", "pdf")
    assert r.code == 2 and git(examples_repo, "rev-parse", "HEAD") == head
    assert not (examples_repo / "casussen/2026-001/escalaties.yaml").exists()


def test_without_weasyprint_a_dutch_message_says_how_to_install_it(tmp_path):
    blocker = tmp_path / "blocked"
    (blocker / "weasyprint").mkdir(parents=True)
    (blocker / "weasyprint" / "__init__.py").write_text("raise ImportError('No module named weasyprint')\n")
    env = {"PYTHONPATH": os.pathsep.join([str(blocker), *sys.path])}
    r = run_regie(*EX, "report", "--year", "2026", "--format", "pdf", "-o", str(tmp_path / "r.pdf"), cwd=tmp_path, env=env)
    assert (r.returncode, r.stderr) == (1, "fout: PDF maken vraagt WeasyPrint; installeer het met: pip install 'regie[pdf]' "
                                           "(met pipx: pipx inject regie weasyprint)\n"), r
    assert not (tmp_path / "r.pdf").exists()
