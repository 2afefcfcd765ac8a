"""The round through Excel: the sheet as written, filled by openpyxl or re-saved by LibreOffice, and applied."""
from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from db.models import Disbursement, Expenditure, ProgressReport
from desktop.core.errors import UserError
from desktop.round.sheet import HEADERS, HEADER_ROW, apply_sheet, write_sheet
from tests.round.conftest import WHEN


def _fill(path, out, values: dict):
    """Fill the input cells of the rows named by project code, as a clerk would in Excel."""
    wb = load_workbook(path)
    ws = wb["半月填报"]
    cols = {ws.cell(HEADER_ROW, c).value: c for c in range(1, ws.max_column + 1)}
    for r in range(HEADER_ROW + 1, ws.max_row + 1):
        code = ws.cell(r, 1).value
        for header, value in values.get(code, {}).items():
            ws.cell(r, cols[header]).value = value
    wb.save(out)
    return out


def _money(app):
    with app.read() as s:
        paid = s.scalars(select(Disbursement.amount_fen).where(Disbursement.paid_on == WHEN,
                                                               Disbursement.deleted.is_(False))).all()
        spent = s.scalars(select(Expenditure.amount_fen).where(Expenditure.spent_on == WHEN,
                                                               Expenditure.deleted.is_(False))).all()
        reports = s.scalars(select(ProgressReport.works_pct).where(ProgressReport.report_date == WHEN)).all()
    return sorted(paid), sorted(spent), sorted(reports)


def test_sheet_has_exact_headers_unlocked_inputs_and_validation(round_app, tmp_path):
    """Header cells are exactly as agreed, only input cells are unlocked, and the sheet knows its township and date."""
    app, codes = round_app
    info = write_sheet(app, WHEN, tmp_path / "r.xlsx")
    assert info["projects"] == 2
    wb = load_workbook(tmp_path / "r.xlsx")
    ws = wb["半月填报"]
    assert [ws.cell(HEADER_ROW, c).value for c in range(1, 13)] == HEADERS
    assert HEADERS[:2] == ["项目编号", "项目名称"] and HEADERS[-4:] == ["本期工程进度(%)", "本期拨付(元)",
                                                                    "本期支出(元)", "备注"]
    assert ws.protection.sheet
    row = HEADER_ROW + 1
    assert all(ws.cell(row, c).protection.locked for c in range(1, 9))
    assert not any(ws.cell(row, c).protection.locked for c in range(9, 13))
    kinds = sorted(dv.type for dv in ws.data_validations.dataValidation)
    assert kinds == ["decimal", "whole"]
    assert wb["TownDesk"].sheet_state == "hidden" and wb["TownDesk"]["B4"].value == WHEN.isoformat()
    assert {ws.cell(r, 1).value for r in range(row, row + 2)} == {codes["yak"], codes["road"]}
    assert ws.cell(row + 2, 1).value == "合计" and str(ws.cell(row + 2, 4).value).startswith("=SUM(")


def test_filled_sheet_applies_once_and_twice_pays_nothing_twice(round_app, tmp_path):
    """Amounts with separators and 万元 suffixes are read right; a second apply reports every row unchanged."""
    app, codes = round_app
    blank = write_sheet(app, WHEN, tmp_path / "r.xlsx")["file"]
    filled = _fill(blank, tmp_path / "filled.xlsx", {
        codes["yak"]: {"本期工程进度(%)": 45, "本期拨付(元)": "200,000.00", "本期支出(元)": "5万元", "备注": "圈舍封顶"},
        codes["road"]: {"本期工程进度(%)": "70%", "本期拨付(元)": 12345.67}})
    preview = apply_sheet(app, filled, dry_run=True)
    assert preview["applied"] == 2 and _money(app) == ([], [], [])
    res = apply_sheet(app, filled)
    assert (res["applied"], res["refused"]) == (2, 0)
    assert _money(app) == ([1_234_567, 20_000_000], [5_000_000], [45, 70])
    again = apply_sheet(app, filled)
    assert (again["applied"], again["unchanged"]) == (0, 2) and _money(app)[0] == [1_234_567, 20_000_000]
    fresh = load_workbook(write_sheet(app, WHEN, tmp_path / "again.xlsx")["file"])["半月填报"]
    by_code = {fresh.cell(r, 1).value: r for r in range(HEADER_ROW + 1, HEADER_ROW + 3)}
    assert fresh.cell(by_code[codes["yak"]], 10).value == 200000 and fresh.cell(by_code[codes["yak"]], 12).value == "圈舍封顶"


def test_note_that_looks_like_a_formula_is_written_as_text(round_app, tmp_path):
    """A note typed as '=HYPERLINK(…)' in the grid comes back out of the sheet as text, never a formula."""
    from desktop.round.apply import apply_round
    from desktop.round.rules import Entry

    app, codes = round_app
    apply_round(app, WHEN, [Entry(codes["road"], works=61, note='=HYPERLINK("http://x")')])
    ws = load_workbook(write_sheet(app, WHEN, tmp_path / "r.xlsx")["file"])["半月填报"]
    cell = next(ws.cell(r, 12) for r in range(HEADER_ROW + 1, HEADER_ROW + 3) if ws.cell(r, 1).value == codes["road"])
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x")'


def test_bad_cells_are_refused_per_row_with_the_reason(round_app, tmp_path):
    """A word in an amount, a fractional percentage, an uncalculated formula or spending above payments refuses that row only."""
    app, codes = round_app
    blank = write_sheet(app, WHEN, tmp_path / "r.xlsx")["file"]
    filled = _fill(blank, tmp_path / "bad.xlsx", {codes["yak"]: {"本期拨付(元)": "两万", "本期工程进度(%)": 30},
                                                 codes["road"]: {"本期工程进度(%)": 62.5}})
    res = apply_sheet(app, filled)
    assert res["refused"] == 2 and res["applied"] == 0
    reasons = " ".join(r["reason"] for r in res["rows"])
    assert "本期拨付 '两万' 不是金额" in reasons and "请填整数百分比" in reasons and "第4行" in reasons
    filled = _fill(blank, tmp_path / "formula.xlsx", {codes["road"]: {"本期拨付(元)": "=1000*2"}})
    res = apply_sheet(app, filled)
    assert res["refused"] == 1 and "是公式，但表格保存时没有算出结果" in res["rows"][0]["reason"]
    filled = _fill(blank, tmp_path / "over.xlsx", {codes["yak"]: {"本期支出(元)": 450000}})
    rows = {r["code"]: r for r in apply_sheet(app, filled)["rows"]}
    assert rows[codes["yak"]]["status"] == "refused" and "将超过累计拨付" in rows[codes["yak"]]["reason"]


def test_sheet_of_another_township_or_date_is_refused(round_app, tmp_path):
    """A sheet made for another township, another report date, or not by TownDesk writes nothing."""
    app, _ = round_app
    path = write_sheet(app, WHEN, tmp_path / "r.xlsx")["file"]
    with pytest.raises(UserError, match="不是 2020年6月14日 的"):
        apply_sheet(app, path, expect_date=date(2020, 6, 14))
    wb = load_workbook(path)
    wb["TownDesk"]["B2"] = "533401103000"
    wb.save(tmp_path / "other.xlsx")
    with pytest.raises(UserError, match="不是本乡镇"):
        apply_sheet(app, tmp_path / "other.xlsx")
    del wb["TownDesk"]
    wb["半月填报"]["A2"] = "随便一张表"
    wb.save(tmp_path / "plain.xlsx")
    with pytest.raises(UserError, match="不是 TownDesk 生成的半月填报表"):
        apply_sheet(app, tmp_path / "plain.xlsx")
    (tmp_path / "junk.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(UserError, match="不是有效的 .xlsx"):
        apply_sheet(app, tmp_path / "junk.xlsx")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_sheet_resaved_by_libreoffice_applies(round_app, tmp_path):
    """A sheet filled by openpyxl, then opened and saved again by LibreOffice Calc, still applies right."""
    app, codes = round_app
    blank = write_sheet(app, WHEN, tmp_path / "r.xlsx")["file"]
    filled = _fill(blank, tmp_path / "filled.xlsx", {codes["yak"]: {"本期工程进度(%)": 40, "本期拨付(元)": 150000,
                                                                    "本期支出(元)": "1,000.5"}})
    outdir = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(outdir), str(filled)],
                   check=True, capture_output=True, timeout=180)
    resaved = outdir / "filled.xlsx"
    assert load_workbook(resaved)["TownDesk"].sheet_state == "hidden"
    res = apply_sheet(app, resaved)
    assert (res["applied"], res["refused"]) == (1, 0)
    assert _money(app) == ([15_000_000], [100_050], [40])
