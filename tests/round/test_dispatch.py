"""The 半月调度表 after a round: read back from Excel and PDF, with every project's figures checked."""
from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from db.models import Project
from desktop.reports import build_table, write_table
from desktop.reports.schedule import DISPATCH_COLUMNS
from desktop.round.apply import apply_round
from desktop.round.dates import is_report_date, latest_report_date
from desktop.round.rules import Entry
from tests.reports.helpers import fen, read_table
from tests.round.conftest import WHEN


def _data(path):
    _, lines = read_table(path, DISPATCH_COLUMNS)
    return {ln["name"]: ln for ln in lines if ln["_kind"] == "data"}


def test_dispatch_read_back_shows_the_round_just_entered(round_app, tmp_path):
    """Period and total money, this period's progress and each row's 支出进度 are the figures typed in the round."""
    app, codes = round_app
    apply_round(app, WHEN, [Entry(codes["yak"], works=45, paid=20_000_000, spent=15_000_000, note="圈舍封顶"),
                            Entry(codes["road"], works=70, paid=10_000_000, spent=4_000_000)])
    out = tmp_path / "d.xlsx"
    write_table(app, "dispatch", out, on=WHEN)
    rows = _data(out)
    assert set(rows) == {"安南村牦牛养殖产业项目", "团结村产业路建设项目"}  # the 2019 project too; not the settled one
    yak, road = rows["安南村牦牛养殖产业项目"], rows["团结村产业路建设项目"]
    assert (yak["works_prev"], yak["works_now"]) == (pytest.approx(0.2), pytest.approx(0.45))
    assert (fen(yak["paid_period"]), fen(yak["paid_total"])) == (20_000_000, 70_000_000)
    assert (fen(yak["spent_period"]), fen(yak["spent_total"])) == (15_000_000, 25_000_000)
    assert yak["spent_rate"] == pytest.approx(0.25) and yak["summary"] == "圈舍封顶"
    assert road["spent_rate"] == pytest.approx(0.08) and road["works_now"] == pytest.approx(0.7)
    assert yak["lagging"] == "正常"  # the 50 % node falls on 30 June, after this date: April's 0 % target applies
    pdf = tmp_path / "d.pdf"
    write_table(app, "dispatch", pdf, on=WHEN)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "团结村产业路建设项目" in text and "25.0%" in text and "8.0%" in text


def test_finished_project_shows_its_file_figure_not_an_old_report(round_app):
    """Without a report in the period, 本期 progress is the project file's figure (100 %), not the last report's 20 %."""
    app, codes = round_app
    with app.tx() as s:
        p = s.scalars(select(Project).where(Project.code == codes["yak"])).one()
        p.works_progress_pct, p.stage = 100, "completed"
    line = next(ln for ln in build_table(app, "dispatch", on=WHEN).lines if ln.values.get("code") == codes["yak"])
    assert line.values["works_now"] == pytest.approx(1.0) and line.values["works_prev"] == pytest.approx(0.2)


def test_county_dispatch_spans_townships(county_app):
    """At the county the table has one section per township, each row with its spending rate."""
    report = build_table(county_app, "dispatch", on=WHEN)
    sections = [ln for ln in report.lines if ln.kind == "section"]
    data = [ln for ln in report.lines if ln.kind == "data"]
    assert len(sections) > 1 and len({ln.values["township"] for ln in data}) == len(sections)
    assert all(ln.values["spent_rate"] is not None for ln in data if ln.values["planned"])


def test_county_sees_which_townships_have_reported(county_app):
    """Per township: active projects, how many reported for the date, and whether the round has arrived."""
    from desktop.round.county import round_arrivals

    info = round_arrivals(county_app, WHEN)
    assert info["arrived"] >= 1 and info["expected"] >= info["arrived"]
    late = round_arrivals(county_app, date(2020, 7, 14))  # the demo has no round for 14 July
    assert late["arrived"] == 0 and {t["state"] for t in late["townships"] if t["active"]} == {"未报送"}


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_default_date_is_the_latest_report_date_on_or_before_today(today):
    """For any day, the default is a 14th/29th (February: its end), not after it, with none in between."""
    d = latest_report_date(today)
    assert is_report_date(d) and d <= today and (today - d).days < 17
    assert not any(is_report_date(d + timedelta(days=k)) for k in range(1, (today - d).days + 1))
