"""The 项目资产台账 as xlsx and PDF: totals read back and checked against the database; words from the terms."""
from __future__ import annotations

import subprocess
from collections import defaultdict

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from db.models import Asset
from desktop.core.errors import UserError
from desktop.reports import write_table
from desktop.terms import bundled


def _sheet(path):
    wb = load_workbook(path, read_only=True)
    ws = wb.worksheets[0]
    ws.reset_dimensions()
    return [list(r) for r in ws.iter_rows(values_only=True)]


def _fen(v) -> int:
    return round(v * 100) if v is not None else 0


def _db_sums(app):
    by_class, by_level, total = defaultdict(int), defaultdict(int), 0
    with app.read() as s:
        for cls, level, fen in s.execute(select(Asset.asset_class, Asset.owner_level, Asset.value_fen)
                                         .where(Asset.deleted.is_(False))):
            by_class[cls] += fen
            by_level[level] += fen
            total += fen
    return by_class, by_level, total


def test_asset_ledger_xlsx_totals_match_the_database(demo_app, tmp_path):
    """合计, each class's 小计 and each 确权 level's 小计 equal the sums of the assets in the database."""
    out = tmp_path / "资产台账.xlsx"
    info = write_table(demo_app, "assets", out, unit="元")
    rows = _sheet(out)
    assert rows[1][0] == "小中甸镇扶贫项目资产台账" and info["title"] == rows[1][0]
    head = rows[3]
    name_col, value_col = head.index("资产名称"), 7
    assert rows[4][value_col] == "形成金额"
    body = [r for r in rows[5:] if len(r) > value_col and r[name_col]]
    labels = {r[name_col]: r for r in body}
    by_class, by_level, total = _db_sums(demo_app)
    total_line = next(r for r in body if str(r[name_col]).startswith("合计"))
    assert _fen(total_line[value_col]) == total
    classes = bundled().choices("asset_classes")
    for cls, fen in by_class.items():
        line = next(r for k, r in labels.items() if k.startswith(f"{classes[cls]}资产小计"))
        assert _fen(line[value_col]) == fen
    levels = {**bundled().choices("owner_levels"), None: "未确权"}
    for level, fen in by_level.items():
        line = next(r for k, r in labels.items() if k.startswith(f"{levels[level]}（"))
        assert _fen(line[value_col]) == fen
    data = [r for r in body if isinstance(r[0], int)]
    assert sum(_fen(r[value_col]) for r in data) == total
    assert {"经营性", "公益性", "到户类"} <= {k.split("资产小计")[0] for k in labels if "资产小计" in k}


def test_asset_ledger_pdf_is_written_with_its_title(demo_app, tmp_path):
    """The PDF carries the ledger's title and class subtotals as text a reader can extract."""
    out = tmp_path / "资产台账.pdf"
    write_table(demo_app, "assets", out)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "扶贫项目资产台账" in text and "经营性资产小计" in text and "按确权层级小计" in text


def test_switching_the_terms_file_changes_the_headers(demo_app, tmp_path):
    """With the 2026 terms in force the same ledger reads 帮扶项目资产台账 and 帮扶项目资产 in its header."""
    from desktop.terms.service import _activate, _store

    before = tmp_path / "before.xlsx"
    write_table(demo_app, "assets", before)
    with demo_app.tx() as s:  # a township takes terms from the county's package; here stored directly
        _activate(s, _store(s, bundled("2026")))
    after = tmp_path / "after.xlsx"
    write_table(demo_app, "assets", after)
    old, new = _sheet(before), _sheet(after)
    assert old[1][0].endswith("扶贫项目资产台账") and new[1][0].endswith("帮扶项目资产台账")
    assert "扶贫项目资产" in old[3] and "帮扶项目资产" in new[3]
    assert "2026年起常态化帮扶用语" in new[2][0]


def test_empty_ledger_is_refused_with_a_message(township_app, tmp_path):
    """A township with no assets gets a message telling where to register them, and no file."""
    with pytest.raises(UserError, match="还没有登记资产"):
        write_table(township_app, "assets", tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()
