"""Excel ledger import in process: every irregularity of real ledgers, counts and totals to the fen."""
from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from db.models import ChangeLog, Disbursement, Expenditure, FundAllocation, Project
from desktop.core.errors import UserError
from desktop.ledger_import import ImportOptions, run_import
from desktop.projects.projects import list_projects
from tests.conftest import db_dump
from tests.ledger_import.ledgers import messy_ledger, township_ledger


@pytest.fixture
def county_app(tmp_path):
    """An initialised, empty county data folder."""
    from desktop.core.app import init_data_folder

    app = init_data_folder(tmp_path / "county", role="county", region_code="533401000000", name="香格里拉市")
    app.user_name = "县沪滇办"
    yield app
    app.dispose()


def _planned_total(app) -> int:
    with app.read() as s:
        return s.scalar(select(func.sum(Project.planned_investment_fen)).where(Project.deleted.is_(False))) or 0


def test_messy_county_ledger_counts_and_totals_to_the_fen(county_app, tmp_path):
    """Title, unit line, merged two-level headers, sections, subtotals, footnotes, blanks, hidden column: all read."""
    f = tmp_path / "ledger.xlsx"
    expected = messy_ledger(f)
    s = run_import(county_app, f)
    assert (s["imported"], s["refused"], s["existing"]) == (expected["imported"], expected["refused"], 0)
    kinds = {r["row"]: (r["kind"], r["status"]) for r in s["rows"]}
    assert kinds[1] == ("title", "skipped") and kinds[2] == ("unit", "skipped")
    assert kinds[3] == kinds[4] == kinds[5] == ("header", "skipped")  # two header rows and the 1 2 3 … row
    assert kinds[6] == ("section", "skipped") and kinds[10] == ("subtotal", "skipped")
    assert kinds[11] == ("blank", "skipped") and kinds[18] == ("subtotal", "skipped")
    assert kinds[19] == kinds[20] == ("footnote", "skipped")
    assert len(s["rows"]) == 20 and s["skipped"] == 13
    assert s["unit"] == "万元" and s["as_of"] == "2020-06-30"
    assert s["imported_planned_investment_fen"] == expected["planned_fen"] == _planned_total(county_app)
    hidden = next(c for c in s["columns"] if c["letter"] == "J")
    assert hidden["hidden"] and hidden["target"] is None and any("隐藏列 J" in n for n in s["notes"])


def test_refusals_name_row_column_cell_and_value(county_app, tmp_path):
    """A refused row says which row, column, cell and value, and what to write instead."""
    f = tmp_path / "ledger.xlsx"
    expected = messy_ledger(f)
    s = run_import(county_app, f, dry_run=True)
    refused = {r["row"]: r for r in s["rows"] if r["status"] == "refused"}
    assert {k: v["cell"] for k, v in refused.items()} == expected["refused_rows"]
    assert "第14行" in refused[14]["reason"] and "计划投资" in refused[14]["reason"]
    assert "'待定' 不是金额" in refused[14]["reason"] and "万元" in refused[14]["reason"]
    assert "计划完工日期" in refused[16]["reason"] and "早于开工日期" in refused[16]["reason"]


def test_values_are_cleaned_converted_and_levels_come_from_sections(county_app, tmp_path):
    """Names lose stray spaces/line breaks, 万元 and text amounts become fen, dates in every form are read."""
    f = tmp_path / "ledger.xlsx"
    messy_ledger(f)
    run_import(county_app, f)
    by_name = {p["name"]: p for p in list_projects(county_app)}
    lh = by_name["小中甸镇联合村乡村旅游建设项目"]  # typed " 小中甸镇联合村\n乡村旅游建设项目"
    assert lh["level"] == "市级" and lh["township"] == "小中甸镇" and lh["village"] == "联合村"
    assert lh["planned_investment_yuan"] == "16900000.00" and lh["disbursed_yuan"] == "8455000.00"
    assert lh["start_date"] == "2020-05-06" and lh["planned_completion_date"] == "2020-10-30"
    assert lh["works_progress_pct"] == 50 and (lh["beneficiary_households"], lh["poor_people"]) == (57, 107)
    assert lh["note"] == '=HYPERLINK("x")'  # kept as text; exports protect it
    an = by_name["安南村牦牛养殖产业项目"]
    assert an["code"] == "2020-102-900" and an["township"] == "小中甸镇"  # typed "小中甸"
    assert an["funding_sources"] == ["沪滇协作资金", "地方配套"] and an["beneficiary_households"] == 48
    assert an["start_date"] == "2020-05-10"
    tang = by_name["尼西乡汤堆村乡村旅游基础设施建设项目"]
    assert tang["planned_investment_yuan"] == "4801234.56" and tang["planned_completion_date"] == "2020-10-31"
    assert tang["works_progress_pct"] == 100 and tang["stage"] == "completed"
    assert by_name["建塘镇尼史村人居环境提升项目"]["level"] == "区级"
    qk = by_name["五境乡霞珠村青稞加工厂建设项目"]
    assert qk["level"] == "携手奔小康" and "主体完工，正在安装设备" in qk["note"]
    with county_app.read() as s:
        allocations = dict(s.execute(select(FundAllocation.source, func.sum(FundAllocation.amount_fen))
                                     .group_by(FundAllocation.source)).all())
        paid_on = set(s.scalars(select(Disbursement.paid_on)))
    assert allocations == {"沪滇协作资金": 1_690_000_000 + 600_000_000 + 480_123_456, "地方配套": 20_000_000}
    assert paid_on == {date(2020, 6, 30)}  # the ledger's 截至 date


def test_dry_run_writes_nothing(county_app, tmp_path):
    """A dry run reports what would happen and leaves the database byte-for-byte as it was."""
    f = tmp_path / "ledger.xlsx"
    messy_ledger(f)
    before = db_dump(county_app.layout.database)
    s = run_import(county_app, f, dry_run=True)
    assert s["dry_run"] and s["imported"] == 5 and s["backup"] is None
    assert db_dump(county_app.layout.database) == before
    assert not list(county_app.layout.backups.rglob("*import*"))


def test_importing_twice_does_not_duplicate(county_app, tmp_path):
    """The same file imported again finds every project by code or by name + year + township."""
    f = tmp_path / "ledger.xlsx"
    messy_ledger(f)
    run_import(county_app, f)
    before = db_dump(county_app.layout.database)
    again = run_import(county_app, f)
    assert (again["imported"], again["existing"], again["refused"]) == (0, 5, 2)
    assert db_dump(county_app.layout.database) == before
    assert len(list_projects(county_app)) == 5


def test_update_applies_changed_cells_and_logs_them(county_app, tmp_path):
    """With --update a changed cell updates the project, and the change log records old and new values."""
    f = tmp_path / "ledger.xlsx"
    messy_ledger(f)
    run_import(county_app, f)
    from openpyxl import load_workbook

    wb = load_workbook(f)
    wb.active["M8"] = 0.6  # 安南村 progress 35 % → 60 %
    wb.save(f)
    plain = run_import(county_app, f)
    row8 = next(r for r in plain["rows"] if r["row"] == 8)
    assert row8["status"] == "existing" and "工程进度" in row8["reason"] and "以表格为准更新" in row8["reason"]
    s = run_import(county_app, f, ImportOptions(update=True))
    assert s["updated"] == 1 and s["imported"] == 0
    with county_app.read() as ss:
        p = ss.scalar(select(Project).where(Project.code == "2020-102-900"))
        log = ss.execute(select(ChangeLog.old_value, ChangeLog.new_value, ChangeLog.user_name)
                         .where(ChangeLog.record_id == p.id, ChangeLog.field == "works_progress_pct",
                                ChangeLog.op == "update")).one()
    assert p.works_progress_pct == 60 and log == ("35", "60", "县沪滇办")


def test_every_imported_field_is_in_the_change_log(county_app, tmp_path):
    """Projects arrive through the services, so each field of each new project has a change-log row."""
    f = tmp_path / "ledger.xlsx"
    messy_ledger(f)
    run_import(county_app, f)
    with county_app.read() as s:
        ids = s.scalars(select(Project.id)).all()
        fields = set(s.scalars(select(ChangeLog.field).where(ChangeLog.record_id == ids[0], ChangeLog.op == "insert")))
        users = set(s.scalars(select(ChangeLog.user_name)))
    assert {"name", "planned_investment_fen", "level", "township_code"} <= fields and users == {"县沪滇办"}


def test_backup_is_taken_before_writing(county_app, tmp_path):
    """A consistent copy of the database is made before the first write of an import."""
    f = tmp_path / "ledger.xlsx"
    messy_ledger(f)
    s = run_import(county_app, f)
    import sqlite3

    con = sqlite3.connect(s["backup"])
    assert con.execute("select count(*) from project").fetchone() == (0,)
    con.close()


def test_failure_mid_import_leaves_nothing_half_written(county_app, tmp_path, monkeypatch):
    """If writing fails on the third project, the first two are rolled back too."""
    from desktop.ledger_import import apply

    f = tmp_path / "ledger.xlsx"
    messy_ledger(f)
    before = db_dump(county_app.layout.database)
    real, calls = apply.P.create_in_session, []

    def flaky(*a, **kw):
        calls.append(1)
        if len(calls) == 3:
            raise OSError("power cut")
        return real(*a, **kw)

    monkeypatch.setattr(apply.P, "create_in_session", flaky)
    with pytest.raises(OSError):
        run_import(county_app, f)
    assert db_dump(county_app.layout.database) == before


def test_township_imports_its_own_ledger_in_yuan(township_app, tmp_path):
    """A township's sheet without a township column, amounts in 元 as text with separators, dates typed."""
    f = tmp_path / "t.xlsx"
    expected = township_ledger(f)
    s = run_import(township_app, f)
    assert s["imported"] == expected["imported"] and s["refused"] == 0
    rows = {p["name"]: p for p in list_projects(township_app)}
    assert sum(int(p["planned_investment_yuan"].replace(".", "")) for p in rows.values()) == expected["planned_fen"]
    assert sum(int(p["spent_yuan"].replace(".", "")) for p in rows.values()) == expected["spent_fen"]
    road = rows["迪吉村产业路硬化项目"]
    assert road["township"] == "小中甸镇" and road["year"] == 2021 and road["works_progress_pct"] == 100
    assert road["responsible_phone"] == "13912345678" and road["stage"] == "completed"
    mush = rows["团结村食用菌种植大棚项目"]
    assert mush["works_progress_pct"] == 40 and mush["start_date"] == "2021-05-03"
    assert mush["responsible_person"] == "=SUM(A1)" and mush["benefit_mechanism"] == "-入股分红"
    assert rows["和平村垃圾收集点建设项目"]["start_date"] == "2021-05-01"  # Excel serial 44317 in a plain cell
    with township_app.read() as ss:
        assert ss.scalar(select(func.sum(Expenditure.amount_fen))) == expected["spent_fen"]


def test_township_refuses_other_townships_rows(township_app, tmp_path):
    """A township may only import its own projects; another township's row is refused with the reason."""
    f = tmp_path / "t.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["项目名称", "实施乡镇", "年度", "项目层级", "计划投资（万元）"])
    ws.append(["安南村项目", "小中甸镇", 2020, "市级", 10])
    ws.append(["汤堆村项目", "尼西乡", 2020, "市级", 20])
    wb.save(f)
    s = run_import(township_app, f)
    assert (s["imported"], s["refused"]) == (1, 1)
    assert "不是本乡镇" in next(r["reason"] for r in s["rows"] if r["status"] == "refused")


def test_strict_refuses_the_whole_file(county_app, tmp_path):
    """With strict, one refused row means nothing is written and the message lists the refusals."""
    f = tmp_path / "ledger.xlsx"
    messy_ledger(f)
    before = db_dump(county_app.layout.database)
    with pytest.raises(UserError, match="有 2 行不能导入.*第14行"):
        run_import(county_app, f, ImportOptions(strict=True))
    assert db_dump(county_app.layout.database) == before
