"""CSV for Dutch Excel (issue 12, item 3): ';', UTF-8 with BOM, CRLF, ja/nee, decimal comma, no formulas — read
back as Excel would and with pandas; --csv-dialect rfc for programs."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import EXAMPLES, edit, git

EX = ("-C", str(EXAMPLES))


def excel_rows(data: bytes) -> list[list[str]]:
    """Read CSV bytes the way Excel opens a double-clicked file: a UTF-8 byte order mark means UTF-8, else the
    Windows code page (cp1252); a Dutch locale splits on ';'."""
    text = data[3:].decode("utf-8") if data.startswith(b"\xef\xbb\xbf") else data.decode("cp1252")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


@pytest.mark.parametrize("args", [
    ["overdue", "--format", "csv"],
    ["caseload", "--format", "csv"],
    ["report", "--quarter", "2026Q4", "--format", "csv"],
    ["report", "--quarter", "2026Q4", "--vergelijk", "2026Q2", "--format", "csv"],
])
def test_every_csv_opens_in_dutch_excel(cli, tmp_path, args):
    target = tmp_path / "uit.csv"
    assert cli(*EX, *args, "-o", str(target)).code == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    rows = excel_rows(data)
    assert len({len(r) for r in rows}) == 1 and len(rows[0]) >= 3  # columns, not one long column
    cells = [c for r in rows for c in r]
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    assert "True" not in cells and "False" not in cells
    # the same bytes read as cp1252 (no BOM) would garble the ë of cliënt: the BOM is what keeps it right
    if "cliënt" in data.decode("utf-8-sig"):
        assert "cliÃ«nt" in data.decode("cp1252", errors="replace") and any("cliënt" in c for c in cells)


def test_excel_sees_text_not_formulas_and_dutch_numbers(cli, examples_repo):
    edit(examples_repo / "casussen/2026-001/afspraken.yaml", "Aanmelding schuldhulp", "=HYPERLINK(\"http://x\") cliënt")
    git(examples_repo, "commit", "-qam", "vijandig")
    data = cli("-C", str(examples_repo), "overdue", "--format", "csv").out.encode("utf-8")
    row = next(r for r in excel_rows(data) if r[1:3] == ["2026-001", "A3"])
    assert row[3] == "'=HYPERLINK(\"http://x\") cliënt en betalingsregeling huurachterstand"
    rows = excel_rows(cli(*EX, "caseload", "--format", "csv").out.encode("utf-8"))
    assert rows[0] == ["regisseur", "naam", "open", "gewogen", "norm", "boven_norm"]
    assert rows[1] == ["a-bakker", "Anouk Bakker", "2", "2,7", "12", "nee"]


def test_pandas_reads_both_dialects(cli):
    pd = pytest.importorskip("pandas", reason="pandas reads the CSV back (installed by .ci/run)")
    excel = cli(*EX, "caseload", "--format", "csv").out
    frame = pd.read_csv(io.StringIO(excel.lstrip("\ufeff")), sep=";", decimal=",")
    assert list(frame["regisseur"]) == ["a-bakker", "j-devries", "m-elhaddad"]
    assert list(frame["gewogen"]) == [2.7, 2.5, 4.6] and list(frame["boven_norm"]) == ["nee"] * 3
    rfc = cli(*EX, "caseload", "--format", "csv", "--csv-dialect", "rfc").out
    assert not rfc.startswith("\ufeff") and rfc.split("\r\n")[0] == "regisseur,naam,open,gewogen,norm,boven_norm"
    frame = pd.read_csv(io.StringIO(rfc))
    assert list(frame["gewogen"]) == [2.7, 2.5, 4.6]
    report = pd.read_csv(io.StringIO(cli(*EX, "report", "--quarter", "2026Q4", "--format", "csv").out.lstrip("\ufeff")),
                         sep=";", dtype=str)
    assert list(report.columns) == ["onderdeel", "cijfer", "waarde"]
    # rows named in Dutch; 5 cases opened reach the threshold of 5; the meldingen row is hidden with what gives it away
    assert report[(report.onderdeel == "Instroom en uitstroom") & (report.cijfer == "Meldingen ontvangen")]["waarde"].tolist() == ["x"]
    assert report[(report.onderdeel == "Instroom en uitstroom") & (report.cijfer == "Casussen geopend")]["waarde"].tolist() == ["5"]


def test_an_unknown_dialect_is_a_usage_error(cli):
    r = cli(*EX, "overdue", "--format", "csv", "--csv-dialect", "libreoffice")
    assert r.code == 2
