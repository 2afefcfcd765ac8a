"""The prescribed tables as Excel: read back with openpyxl, totals checked against the database to the fen."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from db.models import Disbursement, Expenditure, Project
from desktop.core.errors import UserError
from desktop.reports import build_table, write_table
from tests.reports.helpers import fen, read_table, sections


def _db(app, year=None):
    """Projects of the scope and their money sums, straight from the database."""
    with app.read() as s:
        q = select(Project).where(Project.deleted.is_(False))
        if year:
            q = q.where(Project.year == year)
        projects = list(s.scalars(q))
        ids = [p.id for p in projects]
        paid = s.scalar(select(func.sum(Disbursement.amount_fen)).where(Disbursement.project_id.in_(ids))) or 0
        spent = s.scalar(select(func.sum(Expenditure.amount_fen)).where(Expenditure.project_id.in_(ids))) or 0
    return projects, paid, spent


def test_progress_table_totals_to_the_fen(county_app, tmp_path):
    """推进梳理表: one line per project, 合计 and each level's 小计 equal the database to the fen."""
    out = tmp_path / "progress.xlsx"
    write_table(county_app, "progress", out, year=2020)
    report = build_table(county_app, "progress", year=2020)
    ws, lines = read_table(out, report.columns)
    projects, paid, spent = _db(county_app, 2020)
    data = [ln for ln in lines if ln["_kind"] == "data"]
    assert sorted(ln["code"] for ln in data) == sorted(p.code for p in projects)
    total = lines[0]
    assert total["_kind"] == "total" and fen(total["planned"]) == sum(p.planned_investment_fen for p in projects)
    assert fen(total["disbursed"]) == paid and fen(total["spent"]) == spent
    assert total["households"] == sum(p.beneficiary_households for p in projects)
    assert total["spent_rate"] == pytest.approx(spent / sum(p.planned_investment_fen for p in projects))
    for head, rows in sections(lines):
        level = head["name"].split("项目（")[0]
        mine = [p for p in projects if p.level == level]
        assert head["name"] == f"{level}项目（{len(mine)}个）" and len(rows) == len(mine)
        assert fen(head["planned"]) == sum(p.planned_investment_fen for p in mine)
        assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
    lh = next(ln for ln in data if ln["name"] == "小中甸镇联合村乡村旅游建设项目")
    assert lh["planned"] == 1690 and lh["township"] == "小中甸镇" and ws.cell(lh["_row"], 8).number_format == "#,##0.00"


def test_layout_is_the_office_form(county_app, tmp_path):
    """Title and unit line, two-level merged header, frozen header, A4 landscape, header repeated when printed."""
    out = tmp_path / "progress.xlsx"
    write_table(county_app, "progress", out, year=2020)
    from openpyxl import load_workbook

    ws = load_workbook(out).active
    assert ws["A1"].value == "附件1" and ws["A2"].value == "2020年香格里拉市扶贫资金帮扶资金产业项目推进梳理表"
    assert "单位：万元" in [c.value for c in ws[3] if c.value][-1]
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert {"A4:A5", "C4:C5", "I4:J4", "K4:L4"} <= merged  # 序号 and 项目名称 span both rows; groups span columns
    assert (ws["I4"].value, ws["I5"].value, ws["J5"].value) == ("资金拨付", "已拨付", "拨付率")
    assert ws.freeze_panes == "D6" and ws.print_title_rows == "$4:$5"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1


def test_user_text_never_becomes_a_formula(township_app, tmp_path):
    """A name or note typed as =… +… -… @… is written as text with Excel's quote prefix."""
    from desktop.projects.projects import create_project

    for i, text in enumerate(["=HYPERLINK(\"http://x\",\"点\")", "+1+1", "-2+3", "@SUM(A1)"]):
        create_project(township_app, {"name": text, "year": 2021, "level": "县级", "note": text,
                                      "planned_investment_yuan": "1000"})
    out = tmp_path / "p.xlsx"
    write_table(township_app, "progress", out)
    ws, lines = read_table(out, build_table(township_app, "progress").columns)
    names = {ln["name"]: ln for ln in lines if ln["_kind"] == "data"}
    assert set(names) == {"=HYPERLINK(\"http://x\",\"点\")", "+1+1", "-2+3", "@SUM(A1)"}
    for ln in names.values():
        c = ws.cell(ln["_row"], 3)
        assert c.data_type == "s" and c.quotePrefix


def test_risk_table_groups_by_colour_with_flags(county_app, tmp_path):
    """风险排查表: red, yellow, green sections with counts and amounts; 三不 flags and supervision level shown."""
    out = tmp_path / "risk.xlsx"
    write_table(county_app, "risk", out)
    report = build_table(county_app, "risk")
    _, lines = read_table(out, report.columns)
    with county_app.read() as s:
        graded = {lvl: list(s.scalars(select(Project).where(Project.risk_level == lvl))) for lvl in ("red", "yellow", "green")}
    heads = [h for h, _ in sections(lines)]
    assert [h["name"] for h in heads[:3]] == [f"红色风险项目（{len(graded['red'])}个）",
                                               f"黄色风险项目（{len(graded['yellow'])}个）",
                                               f"绿色风险项目（{len(graded['green'])}个）"]
    for head, lvl in zip(heads, ("red", "yellow", "green")):
        assert fen(head["planned"]) == sum(p.planned_investment_fen for p in graded[lvl])
    red_rows = sections(lines)[0][1]
    assert all(r["risk_label"] == "红" and r["f_built"] == "√" for r in red_rows)
    assert all(r["supervision"] for r in red_rows)


def test_summary_counts_by_township_colour_and_level(county_app, tmp_path):
    """帮扶提升汇总表: per level and township, counts and amounts by colour; 合计 equals the database."""
    out = tmp_path / "summary.xlsx"
    write_table(county_app, "summary", out)
    report = build_table(county_app, "summary")
    _, lines = read_table(out, report.columns)
    with county_app.read() as s:
        rows = s.execute(select(Project.level, Project.township_name, Project.risk_level, Project.planned_investment_fen)
                         .where(Project.deleted.is_(False), (Project.category.in_(("产业", "乡村旅游")))
                                | Project.risk_level.is_not(None))).all()
    total = lines[0]
    assert total["n_all"] == len(rows) and fen(total["fen_all"]) == sum(r[3] for r in rows)
    for code in ("red", "yellow", "green"):
        assert total[f"n_{code}"] == sum(1 for r in rows if r[2] == code)
        assert fen(total[f"fen_{code}"]) == sum(r[3] for r in rows if r[2] == code)
    for head, towns in sections(lines):
        level = head["name"].split("项目（")[0]
        assert head["n_all"] == sum(1 for r in rows if r[0] == level) == sum(t["n_all"] for t in towns)
        for t in towns:
            assert t["n_all"] == sum(1 for r in rows if r[0] == level and r[1] == t["name"])
    by_dept = build_table(county_app, "summary", by="department")
    assert by_dept.columns[1].title.startswith("行业主管部门") and by_dept.lines[0].values["n_all"] == len(rows)


def test_schedule_lists_milestones_with_their_state(township_app_with_schedule, tmp_path):
    """倒排工期表: each milestone's planned date, target, actual date and whether it was met or is overdue."""
    app, code = township_app_with_schedule
    out = tmp_path / "schedule.xlsx"
    write_table(app, "schedule", out, on=date(2020, 7, 15))
    report = build_table(app, "schedule", on=date(2020, 7, 15))
    ws, lines = read_table(out, report.columns)
    assert ws["A5"].value is None and ws.cell(4, 9).value.startswith("节点一：前期工作全面完成")
    row = next(ln for ln in lines if ln["_kind"] == "data")
    assert row["m0_plan"].date() == date(2020, 4, 30) and row["m0_state"] == "按期完成"
    assert row["m1_target"] == "工程50%／资金50%" and row["m1_state"] == "逾期未完成"
    assert row["m2_state"] == "未到期"


def test_dispatch_period_and_totals(township_app_with_schedule, tmp_path):
    """半月调度表 for the 29th: money in the period and in total as of that date, lag against the milestone."""
    app, code = township_app_with_schedule
    out = tmp_path / "dispatch.xlsx"
    write_table(app, "dispatch", out, on=date(2020, 6, 29))
    _, lines = read_table(out, build_table(app, "dispatch", on=date(2020, 6, 29)).columns)
    row = next(ln for ln in lines if ln["_kind"] == "data")
    assert fen(row["paid_total"]) == 30_000_000 + 20_000_000 and fen(row["paid_period"]) == 20_000_000
    assert fen(row["spent_total"]) == 10_000_000 and row["works_now"] == pytest.approx(0.4)
    assert row["works_prev"] == pytest.approx(0.2) and row["lagging"] == "正常"
    assert row["due_name"] == "前期工作全面完成（4月30日）"
    with pytest.raises(UserError, match="2020-06-20 不是报送日.*最近的报送日是 2020-06-14"):
        build_table(app, "dispatch", on=date(2020, 6, 20))
    build_table(app, "dispatch", year=2020, on=date(2021, 2, 28))  # no 29 February in 2021: the 28th counts


def test_checklist_summary_counts(demo_app, tmp_path):
    """资料目录对照表 summary: per project counts of required, collected and missing documents add up."""
    out = tmp_path / "checklist.xlsx"
    write_table(demo_app, "checklist", out, year=2020)
    report = build_table(demo_app, "checklist", year=2020)
    _, lines = read_table(out, report.columns)
    data = [ln for ln in lines if ln["_kind"] == "data"]
    for ln in data:
        assert ln["collected"] + ln["needs_fix"] + ln["missing"] + ln["not_applicable"] == ln["required"]
    assert lines[0]["missing"] == sum(ln["missing"] for ln in data)
    lh = next(ln for ln in data if ln["name"] == "小中甸镇联合村乡村旅游建设项目")
    assert "环境影响评价" in (lh["missing_names"] or "") or "环评" in (lh["missing_names"] or "")


def test_yuan_unit_and_empty_selection(county_app, tmp_path):
    """--unit 元 writes 元 amounts; a year without projects is refused and no file appears."""
    out = tmp_path / "p.xlsx"
    write_table(county_app, "progress", out, year=2020, unit="元")
    report = build_table(county_app, "progress", year=2020, unit="元")
    ws, lines = read_table(out, report.columns)
    projects, _, _ = _db(county_app, 2020)
    assert round(lines[0]["planned"] * 100) == sum(p.planned_investment_fen for p in projects)
    assert ws["H4"].value == "计划投资\n（元）"
    missing = tmp_path / "none.xlsx"
    with pytest.raises(UserError, match="年度 1999.*没有可列入推进梳理表的项目，未生成文件"):
        write_table(county_app, "progress", missing, year=1999)
    assert not missing.exists()


def test_failed_write_leaves_the_old_file(county_app, tmp_path, monkeypatch):
    """If saving fails half-way, the file already there is untouched and no partial file remains."""
    out = tmp_path / "p.xlsx"
    out.write_bytes(b"old")
    import openpyxl.workbook.workbook as wbmod

    real = wbmod.Workbook.save

    def boom(self, filename):
        real(self, filename)  # the temporary file is complete, then the rename never happens
        raise OSError("disk full")

    monkeypatch.setattr(wbmod.Workbook, "save", boom)
    with pytest.raises(OSError):
        write_table(county_app, "progress", out, year=2020)
    assert out.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["county", "p.xlsx"]


def test_risk_table_reads_grades_plans_and_threshold_settings(township_app, tmp_path):
    """Reasons stored as dicts, a one-project-one-plan and the supervision thresholds from settings all show."""
    from datetime import datetime

    from db.models import RiskAssessment
    from desktop.projects.projects import create_in_session
    from desktop.core.settings import set_value

    with township_app.tx() as s:
        p = create_in_session(s, township_app, {"name": "安南村牦牛养殖产业项目", "year": 2021, "level": "市级",
                                                "category": "产业", "planned_investment_wan": "2000",
                                                "risk_level": "red", "built_not_finished": True})
        s.add(RiskAssessment(project_id=p.id, level="red", proposed_level="red", assessed_at=datetime(2023, 9, 15),
                             reasons=[{"code": "built_not_finished", "text": "建而不成：圈舍未完工"}],
                             plan=[{"task": "完成圈舍主体", "deadline": "2023-12-31", "unit": "农业农村局"},
                                   {"task": "引入运营主体", "deadline": "2024-03-31", "unit": "小中甸镇",
                                    "done_on": "2024-02-01"}], disposition="upgrade"))
    row = next(ln for ln in build_table(township_app, "risk").lines if ln.kind == "data").values
    assert row["reasons"] == "建而不成：圈舍未完工" and row["disposition"] == "提升"
    assert row["measures"] == "完成圈舍主体（农业农村局）；引入运营主体（小中甸镇）（已完成）"
    assert row["deadline"] == "2024-03-31" and row["supervision"] == "市（州）级督办"
    set_value(township_app, "risk.province_threshold_wan", 6000)
    set_value(township_app, "risk.prefecture_threshold_wan", 3000)
    row = next(ln for ln in build_table(township_app, "risk").lines if ln.kind == "data").values
    assert row["supervision"] == "县（区）工作专班督办"
    out = tmp_path / "risk.pdf"
    write_table(township_app, "risk", out)
    import subprocess

    text = "".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout.split())
    assert "6000万元以上初始红级由省级督办" in text
