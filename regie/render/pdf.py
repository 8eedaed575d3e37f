"""PDF of a document (``--format pdf -o FILE``): the HTML page regie already makes, printed by WeasyPrint.

A municipality files documents as PDF. The HTML templates carry their own print styles (A4,
margins, no page breaks inside a table row), so the PDF is that page on paper. WeasyPrint is an
optional extra (``regie[pdf]``): it brings Pango and its fonts, which a regisseur who only reads
the terminal does not need.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import RegieError, UsageError
from ..store.files import write_output

INSTALL = ("PDF maken vraagt WeasyPrint; installeer het met: pip install 'regie[pdf]' "
           "(met pipx: pipx inject regie weasyprint)")


# Paper only (CSS for paged media, which a browser and the W3C checker do not know): a running header with the
# document's title (its h1) and, where the page names one, its period; "pagina 3 van 8" at the foot of every page.
PAPER = """
@page {
  @top-left { content: string(kop); font-size: 8pt; color: #5b6475; }
  @top-right { content: string(periode); font-size: 8pt; color: #5b6475; }
  @bottom-right { content: "pagina " counter(page) " van " counter(pages); font-size: 8pt; color: #5b6475; }
}
h1 { string-set: kop content(); }
.periode { string-set: periode content(); }
"""


def to_pdf(html: str, base: Path | None = None) -> bytes:
    """The page as PDF bytes; a Dutch message when WeasyPrint or the libraries it needs are missing."""
    try:
        import weasyprint
    except ImportError:
        raise RegieError(INSTALL) from None
    except OSError as exc:  # WeasyPrint is there, but Pango (its text layout library) is not
        raise RegieError(f"WeasyPrint kan zijn bibliotheken niet laden ({exc}); installeer Pango, bijvoorbeeld "
                         "'apt install libpango-1.0-0 libpangoft2-1.0-0'") from None
    # PDF/UA-1: a tagged PDF (headings, tables, reading order) that a screen reader can follow, with the title and
    # language of the page; its author and title come from the page's <meta name="author"> and <title>
    return weasyprint.HTML(string=html, base_url=str(base) if base else None).write_pdf(
        pdf_variant="pdf/ua-1", stylesheets=[weasyprint.CSS(string=PAPER)])


def require_file(out: Path | None) -> Path:
    """A PDF goes to a file: ``-o FILE`` is required (bytes on a terminal help nobody)."""
    if out is None or str(out) == "-":
        raise UsageError("een pdf schrijft regie naar een bestand: geef de naam (BESTAND.pdf)", field="out")
    return out


def write_pdf(html: str, out: Path | None, root: Path | None) -> Path:
    """Print ``html`` to the PDF file ``out`` (atomically, with the same checks as any ``-o``)."""

    target = require_file(out)
    write_output(target, to_pdf(html, root), root)
    return target
