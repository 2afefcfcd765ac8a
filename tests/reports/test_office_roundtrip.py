"""Files opened by a real office suite (LibreOffice, when installed): what we write opens and prints,
and a ledger re-saved by it imports the same."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from desktop.reports import write_table

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def _convert(src, out_dir, fmt, profile):
    subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
                    "--convert-to", fmt, "--outdir", str(out_dir), str(src)], capture_output=True, timeout=180,
                   check=True)


def test_table_opens_and_prints_landscape_in_libreoffice(county_app, tmp_path):
    """LibreOffice opens the 风险排查表 and prints it on A4 landscape with the title and the 合计 line."""
    out = tmp_path / "risk.xlsx"
    write_table(county_app, "risk", out)
    _convert(out, tmp_path / "pdf", "pdf", tmp_path / "lo")
    pdf = tmp_path / "pdf" / "risk.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "841.89 x 595.3" in info
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    assert "香格里拉市扶贫资金帮扶资金产业项目风险排查表" in text and "合计" in text and "红色风险项目" in text


def test_ledger_resaved_by_libreoffice_imports_the_same(county_app, tmp_path):
    """A ledger saved again by an office suite (shared strings, its own merge and hidden-column markup) reads the same."""
    from desktop.ledger_import import run_import
    from tests.ledger_import.ledgers import messy_ledger

    src = tmp_path / "src" / "ledger.xlsx"
    src.parent.mkdir()
    messy_ledger(src)
    _convert(src, tmp_path / "lo-out", "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    ours = run_import(county_app, src, dry_run=True)
    theirs = run_import(county_app, tmp_path / "lo-out" / "ledger.xlsx", dry_run=True)
    assert [(r["row"], r["status"], r["cell"]) for r in theirs["rows"]] == \
        [(r["row"], r["status"], r["cell"]) for r in ours["rows"]]
    assert theirs["imported_planned_investment_fen"] == ours["imported_planned_investment_fen"]
