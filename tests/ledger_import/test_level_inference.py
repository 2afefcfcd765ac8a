"""Ledgers grouped by category (产业发展类 / 基础设施类) that do not give a level beside each row (issue 15):
the level is taken from where the ledger states it (a column, the title, a group row), else a default is
used and every such row says so in the dry run — never silently."""
from __future__ import annotations

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from db.models import Disbursement, Project
from desktop.ledger_import import ImportOptions, run_import
from desktop.ledger_import.rows import level_in, preamble_facts


@pytest.fixture
def xingcheng(tmp_path):
    """A county office of 兴城市 (its townships include sixteen 满族乡)."""
    from desktop.core.app import init_data_folder

    app = init_data_folder(tmp_path / "xc", role="county", region_code="211481000000", name="兴城市")
    app.user_name = "县乡村振兴局"
    yield app
    app.dispose()


# (name, 建设地点, 计划投资 万元, 已拨付 万元, level column or None) under category groups
ROWS = [
    ("一、产业发展类", None, None, None, None),
    ("王家村食用菌大棚", "白塔乡王家村", "123.456789", "60", None),
    ("李家村果品冷库", "白塔乡李家村", 80, None, "市级"),  # the row's own level column wins
    ("二、基础设施类", None, None, None, None),
    ("曹庄镇道路硬化", "曹庄镇", "200.0001", "0.01", None),
]
# name → (category, level, planned fen, disbursed fen)
EXPECT_DEFAULT = {
    "王家村食用菌大棚": ("产业", "县级", 123456789, 60000000),
    "李家村果品冷库": ("产业", "市级", 80000000, None),
    "曹庄镇道路硬化": ("基础设施", "县级", 200000100, 10000),
}


def category_ledger(path, title: str):
    """A ledger grouped by category with a 项目层级 column filled in for one row only."""
    wb = Workbook()
    ws = wb.active
    ws.append([title])
    ws.append(["序号", "项目名称", "建设地点", "计划投资（万元）", "已拨付（万元）", "项目层级"])
    n = 0
    for name, place, planned, paid, level in ROWS:
        if place is None:
            ws.append([None, name])
            continue
        n += 1
        ws.append([n, name, place, planned, paid, level])
    wb.save(path)
    return path


def _projects(app) -> dict:
    with app.read() as db:
        got = {p.name: (p.category, p.level, p.planned_investment_fen) for p in db.scalars(select(Project))}
        paid = dict(db.execute(select(Project.name, func.sum(Disbursement.amount_fen))
                               .join(Disbursement, Disbursement.project_id == Project.id).group_by(Project.name)).all())
    return {k: (*v, paid.get(k)) for k, v in got.items()}


def test_no_level_anywhere_defaults_with_a_warning_on_each_such_row(xingcheng, tmp_path):
    """Rows whose level the ledger never states are imported as 县级 and each says so in the dry run."""
    f = category_ledger(tmp_path / "cat.xlsx", "兴城市2022年东西部协作项目统计表")
    dry = run_import(xingcheng, f, dry_run=True)
    assert (dry["imported"], dry["refused"]) == (3, 0)
    data = {r["name"]: r for r in dry["rows"] if r["kind"] == "data"}
    for name in ("王家村食用菌大棚", "曹庄镇道路硬化"):
        warning = " ".join(data[name].get("warnings", []))
        assert "没有写明项目层级" in warning and "“县级”" in warning, name
    assert not any("层级" in w for w in data["李家村果品冷库"].get("warnings", []))
    sections = {s["text"]: s for s in dry["sections"]}
    assert sections["一、产业发展类"]["category"] == "产业" and sections["一、产业发展类"]["level"] is None
    assert sections["二、基础设施类"]["category"] == "基础设施"
    s = run_import(xingcheng, f)
    assert s["imported"] == 3
    assert _projects(xingcheng) == EXPECT_DEFAULT
    assert s["imported_planned_investment_fen"] == 123456789 + 80000000 + 200000100


def test_level_in_the_title_is_used_without_warning(xingcheng, tmp_path):
    """A title that names the level (…乡级项目…) sets it for every row without one; no warning."""
    f = category_ledger(tmp_path / "t.xlsx", "兴城市2022年乡级衔接资金项目统计表")
    s = run_import(xingcheng, f)
    assert s["imported"] == 3
    assert not any("层级" in w for r in s["rows"] for w in r.get("warnings", []))
    got = _projects(xingcheng)
    assert {k: v[1] for k, v in got.items()} == {"王家村食用菌大棚": "镇级", "李家村果品冷库": "市级", "曹庄镇道路硬化": "镇级"}
    assert {k: (v[2], v[3]) for k, v in got.items()} == {k: (v[2], v[3]) for k, v in EXPECT_DEFAULT.items()}


def test_level_in_the_sheet_name_is_used(xingcheng, tmp_path):
    """A workbook with one sheet per level (“县级项目”, “市级项目”): the chosen sheet's name gives the level."""
    from openpyxl import load_workbook

    f = category_ledger(tmp_path / "s.xlsx", "兴城市2022年项目统计表")
    wb = load_workbook(f)
    wb.active.title = "市级项目"
    wb.save(f)
    s = run_import(xingcheng, f)
    assert s["imported"] == 3 and not any("层级" in w for r in s["rows"] for w in r.get("warnings", []))
    assert {v[1] for v in _projects(xingcheng).values()} == {"市级"}


def test_clerk_sets_a_group_level_or_the_default(xingcheng, tmp_path):
    """The level chosen for a group (as the wizard passes it) replaces the default for that group's rows only."""
    f = category_ledger(tmp_path / "g.xlsx", "兴城市2022年项目统计表")
    dry = run_import(xingcheng, f, ImportOptions(level_for=["二、基础设施类=州级"]), dry_run=True)
    rows = {r["name"]: r for r in dry["rows"] if r["kind"] == "data"}
    assert not rows["曹庄镇道路硬化"].get("warnings")
    assert any("层级" in w for w in rows["王家村食用菌大棚"]["warnings"])
    s = run_import(xingcheng, f, ImportOptions(level_for=["二、基础设施类=州级"], level="省级"))
    assert not any("层级" in w for r in s["rows"] for w in r.get("warnings", []))
    assert {k: v[1] for k, v in _projects(xingcheng).items()} == \
        {"王家村食用菌大棚": "省级", "李家村果品冷库": "市级", "曹庄镇道路硬化": "州级"}


def test_without_a_default_a_row_without_level_is_refused(xingcheng, tmp_path):
    """With the default switched off, a row without any level is refused by name, never imported silently."""
    f = category_ledger(tmp_path / "r.xlsx", "兴城市2022年项目统计表")
    s = run_import(xingcheng, f, ImportOptions(default_level=None), dry_run=True)
    refused = [r["name"] for r in s["rows"] if r["status"] == "refused"]
    assert refused == ["王家村食用菌大棚", "曹庄镇道路硬化"]


@pytest.mark.parametrize("title, level", [
    ("2022年县级衔接资金项目库", "县级"), ("迪庆州州级项目汇总表", "州级"), ("2021年乡级项目", "镇级"),
    ("兴城市2022年东西部协作项目统计表", None), ("携手奔小康项目台账", "携手奔小康"),
])
def test_level_words_in_titles(title, level):
    """Which titles state a level (a county name ending in 市 is not 市级)."""
    assert level_in(title) == level
    assert preamble_facts(title).get("level") == level


def test_cli_dry_run_names_the_default_and_how_to_change_it(cli, tmp_path):
    """The command-line dry run shows the assumed level on each row and says which options change it."""
    cli("init", "--role", "county", "--region-code", "211481", "--name", "兴城市", check=True)
    f = category_ledger(tmp_path / "c.xlsx", "兴城市2022年东西部协作项目统计表")
    r = cli("projects", "import-xlsx", str(f), "--dry-run", check=True)
    assert r.out.count("暂按“县级”导入") == 2 and "--level-for" in r.out
    r = cli("projects", "import-xlsx", str(f), "--dry-run", "--level", "市级", check=True)
    assert "暂按" not in r.out and "--level-for" not in r.out
