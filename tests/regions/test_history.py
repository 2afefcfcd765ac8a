"""Former names from the change events of nbsetsail/real-china-division and from the 统计用 2023 list (issue 15):
a clerk's old name resolves to today's unit with a note “原名 …（YYYY年更名）”, in lookups, `regions find`, `init`
and ledger imports. Every case is a real entry of the shipped table."""
from __future__ import annotations

import filecmp
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from db.models import Project
from desktop.ledger_import import ImportOptions, run_import
from desktop.regions import lookup
from desktop.regions.history import edition, formers

ROOT = Path(__file__).resolve().parents[2]


def _one(name, county_code=None, levels=None):
    county = lookup.county_by_code(county_code) if county_code else None
    (m,) = lookup.find(name, county=county, levels=levels)
    return m


@pytest.mark.parametrize("old, today, note", [
    ("中甸县", "香格里拉市", "原名 中甸县（2001年更名为香格里拉县，2014年撤县设市）"),
    ("香格里拉县", "香格里拉市", "原名 香格里拉县（2014年撤县设市）"),
    ("苍山县", "兰陵县", "原名 苍山县（2014年更名）"),
    ("郫县", "郫都区", "原名 郫县（2016年撤县设区）"),
    ("昭通地区", "昭通市", "原名 昭通地区（2001年撤地设市）"),
    ("横县", "横州市", "原名 横县（2021年撤县设市）"),
    ("襄樊市", "襄阳市", "原名 襄樊市（2010年更名）"),
    ("南汇县", "浦东新区", "原名 南汇县（2001年撤县设区为南汇区，2009年撤销，并入浦东新区）"),
    ("思茅地区", "普洱市", "原名 思茅地区（2003年撤地设市为思茅市，2007年更名）"),
])
def test_renamed_counties_resolve_to_today_with_the_year(old, today, note):
    """A county or prefecture's old name finds today's unit by the history rule, with the year of the change."""
    m = _one(old)
    assert (m.unit.name, m.rule, m.note) == (today, "history", note)
    assert m.unit.current


def test_a_merged_county_names_the_unit_it_joined():
    """A district abolished into another (江干区 → 上城区, 2021) is found as the one it joined; 渝北区 (2025) too."""
    m = _one("江干区")
    assert (m.unit.name, m.note) == ("上城区", "原名 江干区（2021年撤区设区）")
    assert _one("渝北区").note == "原名 渝北区（2025年撤销，并入两江新区）"


def test_a_township_moved_to_another_county_is_found_from_the_old_county():
    """叶枝镇 (2024 from 维西 to 德钦): searched in 维西 it is today's 叶枝镇 of 德钦县, not the abolished row."""
    m = _one("叶枝镇", "533423", levels=("township",))
    assert (m.unit.name, m.unit.mca_code, m.rule) == ("叶枝镇", "533422102000", "history")
    assert m.note == "原属维西傈僳族自治县（2024年划入德钦县）"
    assert _one("巴迪乡", "533423").unit.mca_code == "533422207000"
    assert _one("叶枝镇", "533422").rule == "official"  # in its county today it is simply its name


def test_a_township_made_a_town_keeps_its_old_name():
    """刘汉乡 of the 统计用 2023 list is today's 刘汉镇 (永年区), noted as renamed after 2023."""
    m = _one("刘汉乡", "130408")
    assert (m.unit.name, m.rule, m.note) == ("刘汉镇", "former", "原名 刘汉乡（2023年后更名）")


def test_generic_old_names_and_unchanged_names_are_not_mapped():
    """Old names every prefecture had (郊区) are never mapped; no entry maps a name to itself."""
    names = {f.name for f in formers()}
    assert not names & {"郊区", "城区", "市中区", "矿区"}
    assert all(f.name != f.unit.name or f.kind == "划转" for f in formers())


def test_shipped_table_names_its_source_and_rebuilds_byte_for_byte(tmp_path):
    """The table's header names the source and licence; the build step reproduces it from the committed extract."""
    head = edition()
    assert "nbsetsail/real-china-division" in head["source"] and "CC BY 4.0" in head["source"]
    assert head["counts"] == {"prefecture": 37, "county": 378, "township": 19}
    sys.path.insert(0, str(ROOT))
    from desktop.regions.data import dataset
    from scripts.region_history import build_history

    out = tmp_path / "china-region-history.tsv"
    build_history(dataset(), ROOT / "scripts" / "region_sources" / "change_events_extract.csv", out, head["coverage"])
    assert filecmp.cmp(out, ROOT / "resources" / "regions" / "china-region-history.tsv", shallow=False)


def test_regions_find_shows_the_note(cli):
    """`regions find` lists the historical match with its note, in the table and in JSON."""
    r = cli("regions", "find", "中甸县", check=True)
    assert "香格里拉市" in r.out and "历史名称" in r.out and "2001年更名为香格里拉县" in r.out
    (m,) = cli("regions", "find", "叶枝镇", "--county", "533423", "--json", check=True).json()["matches"]
    assert (m["name"], m["county"], m["rule"]) == ("叶枝镇", "德钦县", "history")
    assert m["note"] == "原属维西傈僳族自治县（2024年划入德钦县）" and m["mca_code"] == "533422102000"


def test_init_accepts_a_former_county_name_and_suggests_the_current(cli):
    """init with 香格里拉市's code and its old name 香格里拉县 succeeds and suggests 香格里拉市; a current name has no note."""
    r = cli("init", "--role", "county", "--region-code", "533401", "--name", "香格里拉县", check=True)
    assert "原名 香格里拉县（2014年撤县设市）" in r.out and "建议使用现名 香格里拉市" in r.out
    r = cli("init", "--role", "county", "--region-code", "533401", "--name", "香格里拉市",
            data_dir=cli.data.parent / "other", check=True)
    assert "说明" not in r.out
    r = cli("init", "--role", "county", "--region-code", "533401", "--name", "维西县", data_dir=cli.data.parent / "x")
    assert r.code == 2 and "香格里拉市" in r.err


@pytest.fixture
def county_app(tmp_path):
    from desktop.core.app import init_data_folder

    made = []

    def make(code, name):
        app = init_data_folder(tmp_path / code, role="county", region_code=code, name=name)
        made.append(app)
        return app
    yield make
    for app in made:
        app.dispose()


def test_ledger_with_old_county_and_township_names(county_app, tmp_path):
    """建设地点 “中甸县小中甸镇联合村” lands on 小中甸镇/联合村; 实施乡镇 “刘汉乡” in 永年区 lands on 刘汉镇, to the fen."""
    xgll = county_app("533401000000", "香格里拉市")
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "项目名称", "年度", "项目层级", "建设地点", "计划投资（万元）"])
    ws.append([1, "联合村饮水工程", 2012, "县级", "中甸县小中甸镇联合村", "12.3456"])
    ws.append([2, "尼史村道路", 2013, "县级", "香格里拉县建塘镇尼史村", 20])
    wb.save(tmp_path / "old.xlsx")
    s = run_import(xgll, tmp_path / "old.xlsx")
    assert s["imported"] == 2, s["rows"]
    with xgll.read() as db:
        got = {p.name: (p.township_name, p.village, p.planned_investment_fen) for p in db.scalars(select(Project))}
    assert got == {"联合村饮水工程": ("小中甸镇", "联合村", 12345600), "尼史村道路": ("建塘镇", "尼史村", 20000000)}

    yn = county_app("130408000000", "永年区")
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "项目名称", "年度", "项目层级", "实施乡镇", "计划投资（元）"])
    ws.append([1, "刘汉乡节水灌溉", 2022, "县级", "刘汉乡", "88000.08"])
    wb.save(tmp_path / "yn.xlsx")
    s = run_import(yn, tmp_path / "yn.xlsx", ImportOptions())
    assert s["imported"] == 1, s["rows"]
    with yn.read() as db:
        p = db.scalar(select(Project))
    assert (p.township_name, p.planned_investment_fen) == ("刘汉镇", 8800008)
