"""Ledger layouts and bad cells: mapping fixes, section levels, units, self-checks, clear refusals."""
from __future__ import annotations

import pytest
from openpyxl import Workbook

from desktop.core.errors import UserError
from desktop.ledger_import import ImportOptions, run_import
from desktop.projects.projects import list_projects


def _sheet(path, rows, merges=(), hidden=()):
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(list(r))
    for m in merges:
        ws.merge_cells(m)
    for col in hidden:
        ws.column_dimensions[col].hidden = True
    wb.save(path)
    return path


HEAD = ["序号", "项目名称", "实施乡镇", "年度", "计划投资（万元）"]


def _rows(s, status):
    return [r for r in s["rows"] if r["status"] == status]


def test_unknown_header_fixed_with_map_and_column_letter(township_app, tmp_path):
    """A column titled in the office's own words is mapped with --map by title or by column letter."""
    f = _sheet(tmp_path / "a.xlsx", [["名目", "钱（万元）", "年", "层次"], ["甲村产业路", 12.5, 2021, "县级"]])
    with pytest.raises(UserError, match="没有找到“项目名称”列.*名目、钱（万元）.*例如 名目=项目名称"):
        run_import(township_app, f, dry_run=True)
    s = run_import(township_app, f, ImportOptions(maps=["名目=项目名称", "B=计划投资", "年=年度", "层次=level"]))
    assert s["imported"] == 1 and list_projects(township_app)[0]["planned_investment_yuan"] == "125000.00"
    with pytest.raises(UserError, match="表头中没有“金额”列"):
        run_import(township_app, f, ImportOptions(maps=["名目=项目名称", "金额=计划投资"]), dry_run=True)
    with pytest.raises(UserError, match="目标字段“金币”无法识别"):
        run_import(township_app, f, ImportOptions(maps=["名目=金币"]), dry_run=True)


def test_level_for_sets_and_skips_sections(township_app, tmp_path):
    """--level-for gives an unrecognised section its level, or skips the section's rows (until then each row warns)."""
    rows = [HEAD, ["一", "计划内项目（2个）"], [1, "甲项目", "小中甸镇", 2020, 10], [2, "乙项目", "小中甸镇", 2020, 20],
            ["二", "计划外项目"], [1, "丙项目", "小中甸镇", 2020, 5]]
    f = _sheet(tmp_path / "b.xlsx", rows)
    s = run_import(township_app, f, dry_run=True)
    assert s["refused"] == 0 and s["imported"] == 3
    assert all("没有写明项目层级" in " ".join(r.get("warnings", [])) for r in _rows(s, "imported"))
    s = run_import(township_app, f, ImportOptions(level_for=["一、计划内项目=镇级", "计划外项目=跳过"]))
    assert (s["imported"], s["refused"]) == (2, 0)
    assert "设为跳过" in next(r for r in s["rows"] if r["row"] == 6)["reason"]
    assert {p["level"] for p in list_projects(township_app)} == {"镇级"}


def test_missing_unit_asks_for_unit_option(township_app, tmp_path):
    """Money columns without any unit are refused as a whole, telling the clerk to add --unit."""
    f = _sheet(tmp_path / "c.xlsx", [["项目名称", "年度", "项目层级", "计划投资"], ["甲", 2020, "县级", 10]])
    with pytest.raises(UserError, match="没有写明金额单位.*请指定金额单位"):
        run_import(township_app, f, dry_run=True)
    s = run_import(township_app, f, ImportOptions(unit="万元"))
    assert list_projects(township_app)[0]["planned_investment_yuan"] == "100000.00" and s["unit_source"] == "导入时指定的单位"


def test_subtotal_and_section_totals_are_checked(township_app, tmp_path):
    """A 小计 or a section amount that disagrees with its rows is reported as a warning."""
    rows = [["单位：万元"], HEAD + ["项目层级"], ["一、镇级项目（3个）", None, None, None, 40],
            [1, "甲项目", "小中甸镇", 2020, 10, "镇级"], [2, "乙项目", "小中甸镇", 2020, 20, "镇级"],
            ["小计", None, None, None, 31]]
    f = _sheet(tmp_path / "d.xlsx", rows)
    s = run_import(township_app, f, dry_run=True)
    sub = next(r for r in s["rows"] if r["kind"] == "subtotal")
    assert "小计 31.0000 万元与上方明细合计 30.0000 万元不符" in sub["warnings"][0]
    assert any("标明 40.0000 万元" in n for n in s["notes"]) and any("标明 3 个项目" in n for n in s["notes"])


def test_bad_cells_are_refused_with_the_cell(township_app, tmp_path):
    """Bad dates, counts, years, percentages and a name-less row each get a reason with the cell."""
    head = ["项目名称", "年度", "项目层级", "计划投资（元）", "开工时间", "受益户数", "工程进度"]
    rows = [head, ["甲", 2020, "县级", 1, "明年春天", 3, 10], ["乙", 2020, "县级", 1, None, "三户", 10],
            ["丙", "二〇二〇", "县级", 1, None, 1, 10], ["丁", 2020, "县级", 1, None, 1, 150],
            [None, 2020, "县级", 5, None, 1, 10], ["戊", 2020, "县级", "12.345", None, 1, 10]]
    f = _sheet(tmp_path / "e.xlsx", rows)
    s = run_import(township_app, f, dry_run=True)
    refused = {r["row"]: r for r in _rows(s, "refused")}
    assert set(refused) == {2, 3, 4, 5, 6, 7}
    assert refused[2]["cell"] == "E2" and "不是有效日期" in refused[2]["reason"]
    assert refused[3]["cell"] == "F3" and "不是整数" in refused[3]["reason"]
    assert refused[4]["cell"] == "B4" and "不是年度" in refused[4]["reason"]
    assert refused[5]["cell"] == "G5" and "超过 100%" in refused[5]["reason"]
    assert "缺少项目名称" in refused[6]["reason"]
    assert refused[7]["cell"] == "D7" and "两位小数" in refused[7]["reason"]


def test_duplicate_rows_and_code_conflicts(township_app, tmp_path):
    """The same project twice in a file, or a code already used by another project, is refused."""
    rows = [["项目编号", "项目名称", "年度", "项目层级", "计划投资（万元）"], ["X-1", "甲", 2020, "县级", 1],
            [None, "甲", 2020, "县级", 1], ["X-2", "乙", 2020, "县级", 1]]
    f = _sheet(tmp_path / "f.xlsx", rows)
    s = run_import(township_app, f)
    assert s["imported"] == 2 and "与第2行是同一项目" in _rows(s, "refused")[0]["reason"]
    f2 = _sheet(tmp_path / "g.xlsx", [rows[0], ["X-2", "丙", 2020, "县级", 1]])
    s = run_import(township_app, f2, dry_run=True)
    assert "已被项目“乙”使用" in _rows(s, "refused")[0]["reason"]


def test_vertical_merges_fill_down_but_money_is_not_repeated(township_app, tmp_path):
    """A township or level merged down over rows applies to each; a merged amount counts once."""
    rows = [["项目层级", "项目名称", "年度", "计划投资（万元）"], ["镇级", "甲", 2020, 30], [None, "乙", 2020, None],
            [None, "丙", 2020, 5]]
    f = _sheet(tmp_path / "h.xlsx", rows, merges=["A2:A4", "D2:D3"])
    s = run_import(township_app, f)
    assert s["imported"] == 3 and {p["level"] for p in list_projects(township_app)} == {"镇级"}
    assert sum(int(p["planned_investment_yuan"][:-3]) for p in list_projects(township_app)) == 350000
    assert "只计入合并区域的第一行" in next(r for r in s["rows"] if r["row"] == 3)["warnings"][0]


def test_header_synonyms_across_offices(township_app, tmp_path):
    """名称 / 总投资 / 乡（镇） / 形象进度 and friends are recognised without --map."""
    head = ["编号", "名称", "乡（镇）", "年份", "级别", "总投资(元)", "资金来源", "形象进度", "项目状态", "支出进度",
            "建设内容", "存在问题"]
    f = _sheet(tmp_path / "i.xlsx", [head, [None, "甲村饮水", "小中甸", "2020年", "县级项目", "1,000.00",
                                            "衔接资金、地方配套", "60%", "在建", "50%", "管网 3 公里", "缺资金"]])
    s = run_import(township_app, f)
    p = list_projects(township_app)[0]
    assert s["imported"] == 1 and p["level"] == "县级" and p["planned_investment_yuan"] == "1000.00"
    assert p["funding_sources"] == ["衔接推进乡村振兴补助资金", "地方配套"] and p["stage"] == "construction"
    assert p["works_progress_pct"] == 60 and p["note"] == "建设内容：管网 3 公里；存在问题：缺资金"
    assert next(c for c in s["columns"] if c["title"] == "支出进度")["target"] == "ignore"


def test_sheet_choice(township_app, tmp_path):
    """--sheet picks a sheet by name; a wrong name lists the sheets; without it the ledger sheet is found."""
    wb = Workbook()
    wb.active.title = "说明"
    wb.active.append(["本文件为台账"])
    ws = wb.create_sheet("2020")
    ws.append(["项目名称", "年度", "项目层级", "计划投资（万元）"])
    ws.append(["甲", 2020, "县级", 1])
    f = tmp_path / "j.xlsx"
    wb.save(f)
    assert run_import(township_app, f, dry_run=True)["sheet"] == "2020"
    with pytest.raises(UserError, match="没有名为“2019”的工作表.*说明、2020"):
        run_import(township_app, f, ImportOptions(sheet="2019"), dry_run=True)
    with pytest.raises(UserError, match="工作表“说明”前 40 行中没有找到表头：没有找到“项目名称”列"):
        run_import(township_app, f, ImportOptions(sheet="说明"), dry_run=True)
