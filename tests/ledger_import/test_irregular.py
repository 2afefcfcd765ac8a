"""Ledgers as offices really keep them (issue 15): combined 建设地点, year only in the title, a WPS file with a
wrong <dimension>, category groups, amounts in 元, 已拨付 above 计划投资, and the county-side match with synced projects."""
from __future__ import annotations

import re
import shutil
import zipfile

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from db.models import Disbursement, Project
from desktop.ledger_import import ImportOptions, run_import
from desktop.projects.projects import create_project


@pytest.fixture
def xingcheng(tmp_path):
    """A county office far from 香格里拉: 兴城市, whose townships include sixteen 满族乡."""
    from desktop.core.app import init_data_folder

    app = init_data_folder(tmp_path / "xc", role="county", region_code="211481000000", name="兴城市")
    app.user_name = "县乡村振兴局"
    yield app
    app.dispose()


@pytest.fixture
def shangri_la(tmp_path):
    from desktop.core.app import init_data_folder

    app = init_data_folder(tmp_path / "xgll", role="county", region_code="533401000000", name="香格里拉市")
    app.user_name = "县沪滇办"
    yield app
    app.dispose()


# 建设地点 as written, planned 元, disbursed 元 → expected township, village, fen
XC_ROWS = [
    ("一、产业发展类", None, None, None),
    ("王家村食用菌大棚", "白塔乡王家村", "1234567.89", "600000"),
    ("李家村果品冷库", "兴城市白塔乡李家村", "800000", None),
    ("三道沟温室", "兴城三道沟乡东沟村", "500000.5", "500000.5"),
    ("二、基础设施类", None, None, None),
    ("曹庄镇道路硬化", "曹庄镇", "2,000,000", "100"),
    ("超付的桥梁", "羊安乡西村", "100000", "100000.01"),  # 已拨付 above 计划投资: refused
]
XC_EXPECT = {
    "王家村食用菌大棚": ("白塔满族乡", "王家村", 123456789, 60000000, "产业"),
    "李家村果品冷库": ("白塔满族乡", "李家村", 80000000, None, "产业"),
    "三道沟温室": ("三道沟满族乡", "东沟村", 50000050, 50000050, "产业"),
    "曹庄镇道路硬化": ("曹庄镇", None, 200000000, 10000, "基础设施"),
}


def xingcheng_ledger(path, wrong_dimension: bool = False):
    wb = Workbook()
    ws = wb.active
    ws.append(["兴城市2022年东西部协作项目统计表"])
    ws.append(["序号", "项目名称", "建设地点", "计划投资（元）", "已拨付（元）"])
    n = 0
    for name, place, planned, paid in XC_ROWS:
        if place is None:
            ws.append([None, name])
            continue
        n += 1
        ws.append([n, name, place, planned, paid])
    wb.save(path)
    if wrong_dimension:
        _set_dimension(path, "A1")
    return path


def _set_dimension(path, ref):
    """Rewrite the sheet's <dimension> the way some WPS saves do."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, n = re.subn(rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>'.encode(), data)
                assert n == 1
            dst.writestr(item, data)
    shutil.move(tmp, path)


@pytest.mark.parametrize("wrong_dimension", [False, True])
def test_combined_place_title_year_categories_and_yuan(xingcheng, tmp_path, wrong_dimension):
    """Every row of 兴城市's 2022 ledger lands on the right township and village, to the fen, dimension or not."""
    f = xingcheng_ledger(tmp_path / "xc.xlsx", wrong_dimension)
    s = run_import(xingcheng, f, ImportOptions(level="县级"))
    assert (s["imported"], s["refused"]) == (4, 1)
    refused = next(r for r in s["rows"] if r["status"] == "refused")
    assert refused["name"] == "超付的桥梁" and "已拨付" in refused["reason"] and "超过计划投资" in refused["reason"]
    assert refused["cell"] == f"E{refused['row']}"
    with xingcheng.read() as db:
        got = {p.name: p for p in db.scalars(select(Project))}
        paid = dict(db.execute(select(Project.name, func.sum(Disbursement.amount_fen))
                               .join(Disbursement, Disbursement.project_id == Project.id).group_by(Project.name)).all())
    assert set(got) == set(XC_EXPECT)
    for name, (town, village, planned, disbursed, category) in XC_EXPECT.items():
        p = got[name]
        assert (p.township_name, p.village, p.planned_investment_fen, p.year, p.category) == \
            (town, village, planned, 2022, category), name
        assert paid.get(name) == disbursed
    assert got["王家村食用菌大棚"].township_code == "211481204000"
    assert s["imported_planned_investment_fen"] == sum(v[2] for v in XC_EXPECT.values())


def test_village_named_like_its_township(shangri_la, tmp_path):
    """东旺村 under 东旺乡 stays the village 东旺村 (not village 村); 东旺乡东旺村 splits into both."""
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "项目名称", "年度", "项目层级", "实施乡镇", "建设地点", "计划投资（万元）"])
    ws.append([1, "东旺村饮水工程", 2021, "市级", "东旺乡", "东旺村", 50])
    ws.append([2, "东旺村活动室", 2021, "市级", None, "东旺乡东旺村", 20])
    ws.append([3, "三坝乡哈巴村道路", 2021, "市级", None, "三坝乡哈巴村", 30])
    wb.save(tmp_path / "dw.xlsx")
    s = run_import(shangri_la, tmp_path / "dw.xlsx")
    assert s["imported"] == 3, s["rows"]
    with shangri_la.read() as db:
        got = {p.name: (p.township_name, p.village) for p in db.scalars(select(Project))}
    assert got == {"东旺村饮水工程": ("东旺乡", "东旺村"), "东旺村活动室": ("东旺乡", "东旺村"),
                   "三坝乡哈巴村道路": ("三坝纳西族乡", "哈巴村")}


def _synced(app):
    """The project 小中甸镇 already sent: its name carries the township prefix."""
    return create_project(app, {"name": "小中甸镇安南村牦牛养殖产业项目", "year": 2020, "level": "市级",
                                "township_code": "533401102000", "planned_investment_yuan": "6200000",
                                "funding_sources": ["沪滇协作资金"]})


def _county_ledger(path):
    wb = Workbook()
    ws = wb.active
    ws.append(["2020年香格里拉市沪滇协作项目台账"])
    ws.append(["序号", "项目名称", "项目层级", "实施乡镇", "计划投资（万元）", "已拨付（万元）"])
    ws.append([1, "安南村牦牛养殖产业项目", "市级", "小中甸镇", 620, 310])
    ws.append([2, "安南村牦牛养殖产业二期项目", "市级", "小中甸镇", 620, None])  # another project
    wb.save(path)
    return path


def _totals(app):
    with app.read() as db:
        return db.scalar(select(func.count()).select_from(Project)), \
            db.scalar(select(func.sum(Project.planned_investment_fen)))


def test_county_row_matching_a_synced_project_is_not_a_duplicate(shangri_la, tmp_path):
    """The dry run says the row matches 2020-102-001; without confirmation nothing is duplicated or changed."""
    code = _synced(shangri_la)["code"]
    f = _county_ledger(tmp_path / "county.xlsx")
    before = _totals(shangri_la)
    dry = run_import(shangri_la, f, dry_run=True)
    row = next(r for r in dry["rows"] if r["name"] == "安南村牦牛养殖产业项目")
    assert row["status"] == "existing" and row["code"] == code and code in row["reason"]
    other = next(r for r in dry["rows"] if r["name"] == "安南村牦牛养殖产业二期项目")
    assert other["status"] == "imported"  # 二期 is not 一期 even with the same amount
    s = run_import(shangri_la, f)
    assert s["imported"] == 1 and s["existing"] == 1
    count, total = _totals(shangri_la)
    assert (count, total) == (before[0] + 1, before[1] + 620 * 1_000_000)  # only 二期 added


def test_confirmed_match_links_and_updates(shangri_la, tmp_path):
    """Once the clerk confirms, the row updates the township's project (disbursement added), name kept, totals unchanged."""
    code = _synced(shangri_la)["code"]
    f = _county_ledger(tmp_path / "county.xlsx")
    s = run_import(shangri_la, f, ImportOptions(link_similar=True))
    row = next(r for r in s["rows"] if r["name"] == "安南村牦牛养殖产业项目")
    assert row["link"] == code and row["status"] in ("updated", "existing") and "关联" in row["reason"]
    with shangri_la.read() as db:
        p = db.scalar(select(Project).where(Project.code == code))
        paid = db.scalar(select(func.sum(Disbursement.amount_fen)).where(Disbursement.project_id == p.id))
        names = sorted(db.scalars(select(Project.name)))
    assert p.name == "小中甸镇安南村牦牛养殖产业项目" and paid == 310 * 1_000_000
    assert names == ["安南村牦牛养殖产业二期项目", "小中甸镇安南村牦牛养殖产业项目"]
    assert _totals(shangri_la) == (2, 1240 * 1_000_000)


def test_ambiguous_short_township_is_refused_naming_both(tmp_path):
    """海淀 in 海淀区 could be 海淀街道 or 海淀镇: the row is refused with both names, never guessed."""
    from desktop.core.app import init_data_folder

    app = init_data_folder(tmp_path / "hd", role="county", region_code="110108000000", name="海淀区")
    try:
        wb = Workbook()
        ws = wb.active
        ws.append(["序号", "项目名称", "年度", "项目层级", "实施乡镇", "计划投资（万元）"])
        ws.append([1, "某村道路", 2021, "区级", "海淀", 10])
        ws.append([2, "某村水井", 2021, "区级", "海淀镇", 5])
        wb.save(tmp_path / "hd.xlsx")
        s = run_import(app, tmp_path / "hd.xlsx", dry_run=True)
        first, second = [r for r in s["rows"] if r["kind"] == "data"]
        assert first["status"] == "refused" and "海淀街道" in first["reason"] and "海淀镇" in first["reason"]
        assert second["status"] == "imported"
    finally:
        app.dispose()
