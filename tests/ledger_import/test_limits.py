"""Files that are not ledgers, or far too big: refused at once, in Chinese, with bounded memory."""
from __future__ import annotations

import zipfile

import pytest

from desktop.core.errors import UserError
from desktop.ledger_import import run_import
from desktop.ledger_import.workbook import MAX_ROWS, MAX_SHARED_STRINGS
from tests.conftest import TOWNSHIP, db_dump


@pytest.fixture
def million(million_row_sheets):
    """Two million-row sheets: one as Excel writes it (with <dimension>), one without (made once: tests/conftest.py)."""
    return million_row_sheets


def test_million_rows_refused_from_dimension_at_once(township_app, million):
    """A sheet whose used range is a million rows is refused before any row is parsed."""
    with pytest.raises(UserError, match=f"使用范围有 1000001 行，超过一次导入的上限 {MAX_ROWS} 行.*未写入任何数据"):
        run_import(township_app, million / "with-dimension.xlsx", dry_run=True)


def test_million_rows_without_dimension_refused_with_bounded_memory(cli, million):
    """Without a <dimension>, streaming stops at the row limit: exit 2, a clear message, modest memory."""
    cli("init", "--role", "township", "--region-code", TOWNSHIP[0], "--name", TOWNSHIP[1], check=True)
    before = db_dump(cli.data / "towndesk.db")
    r = cli("projects", "import-xlsx", million / "no-dimension.xlsx")
    assert r.code == 2 and f"超过 {MAX_ROWS} 行（第 {MAX_ROWS + 1} 行仍有内容）" in r.err and "Traceback" not in r.err
    assert "no-dimension.xlsx" in r.err and "拆分" in r.err
    peak_mb = _own_peak_mb(["--data-dir", str(cli.data), "projects", "import-xlsx", str(million / "no-dimension.xlsx")])
    assert peak_mb < 400, f"peak memory {peak_mb:.0f} MB"
    assert db_dump(cli.data / "towndesk.db") == before


def _own_peak_mb(argv: list[str]) -> float:
    """Run the command in a fresh interpreter and read its own VmHWM (reset by exec, unlike ru_maxrss,
    which would report the large pytest parent's size at fork)."""
    import subprocess
    import sys

    code = ("import sys\nfrom desktop.cli.main import main\nrc = main(sys.argv[1:])\n"
            "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]\n"
            "print('PEAK_KB', hwm, file=sys.__stdout__)\n")
    proc = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=600)
    line = next(l for l in proc.stdout.splitlines() if l.startswith("PEAK_KB"))
    return int(line.split()[1]) / 1024


def test_old_excel_and_encrypted_files_are_refused(township_app, tmp_path):
    """An .xls (or password-protected) file is an OLE container: the clerk is told to save as .xlsx."""
    f = tmp_path / "old.xls"
    f.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    with pytest.raises(UserError, match="old.xls 是旧版 Excel.*另存为” .xlsx"):
        run_import(township_app, f, dry_run=True)


def test_damaged_and_foreign_files_are_refused(township_app, tmp_path):
    """A truncated zip, a CSV, a folder and a missing path each get their own message."""
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"garbage" * 50)
    with pytest.raises(UserError, match="无法读取文件 broken.xlsx：文件已损坏"):
        run_import(township_app, broken, dry_run=True)
    csv = tmp_path / "ledger.xlsx"
    csv.write_text("项目名称,年度\n甲,2020\n", encoding="utf-8")
    with pytest.raises(UserError, match="不是 Excel 表格"):
        run_import(township_app, csv, dry_run=True)
    with pytest.raises(UserError, match="是文件夹"):
        run_import(township_app, tmp_path, dry_run=True)
    with pytest.raises(UserError, match="找不到文件"):
        run_import(township_app, tmp_path / "nope.xlsx", dry_run=True)


def test_oversized_shared_strings_refused_before_loading(township_app, tmp_path):
    """A workbook whose text table would fill memory is refused from its declared size."""
    f = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as out:
            chunk = b" " * (1 << 20)
            for _ in range(MAX_SHARED_STRINGS // len(chunk) + 2):
                out.write(chunk)
    with pytest.raises(UserError, match="文字内容过多"):
        run_import(township_app, f, dry_run=True)
