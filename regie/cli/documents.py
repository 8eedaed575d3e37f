"""A command's document or data: to stdout, or atomically to the file of ``-o`` (never an unignored file in the
repository's work tree)."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from ..render.pdf import write_pdf as write
from ..store.files import write_output
from ..work.mutation import Change
from . import console
from .context import work_root


def output(text: str, path: Path | None, *, exact: bool = False) -> None:
    """A document to stdout, or atomically to ``path`` with ``-o``.

    Control characters from dossier values are shown escaped; ``exact`` (JSON, which
    escapes them itself) passes the text unchanged.
    """
    if not exact:
        text = console.printable(text)
    if path is None or str(path) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return

    write_output(path, text, work_root())
    console.info(f"geschreven: {path}")

@contextmanager
def writing(path: Path | None) -> Iterator[None]:
    """What the block prints on stdout goes to ``-o path`` instead, atomically (``-`` or none: stdout)."""
    if path is None or str(path) == "-":
        yield
        return
    import io
    from contextlib import redirect_stdout

    buf = io.StringIO()
    with redirect_stdout(buf):
        yield
    output(buf.getvalue(), path, exact=True)  # echo made it printable already

def write_pdf(html: str, path: Path | None) -> None:
    """A document as PDF to ``-o path`` (WeasyPrint; see ``regie.render.pdf``)."""

    console.info(f"geschreven: {write(html, path, work_root())}")


def output_shared(text: str, path: Path | None, *, pdf: bool, record: Callable[[], Change]) -> None:
    """A partner document: written like any other (``pdf``: ``text`` is the HTML page to print); written to a file,
    it is a verstrekking, recorded by ``record`` (one commit) — and when that fails, the file is removed again, so
    nothing leaves regie that the dossier does not show."""
    if pdf:
        write_pdf(text, path)
    else:
        output(text, path)
    if path is None or str(path) == "-":
        return
    try:
        change = record()
    except BaseException:
        if path.is_file():
            path.unlink()
        raise
    console.report_change(change)
