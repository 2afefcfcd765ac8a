"""A county data folder with the demo (six townships), made once per session and copied per test."""
from __future__ import annotations

import shutil

import pytest



@pytest.fixture(scope="session")
def county_template(county_demo_template):
    """The county demo folder made once per worker (tests/conftest.py), shared with tests/round and the CLI tests."""
    return county_demo_template


@pytest.fixture
def county_app(tmp_path, county_template):
    """A private copy of the county demo folder."""
    from desktop.core.app import open_app

    dest = tmp_path / "county"
    shutil.copytree(county_template, dest)
    app = open_app(dest)
    app.user_name = "县沪滇办"
    yield app
    app.dispose()


@pytest.fixture
def township_app_with_schedule(township_app):
    """One 2020 project with the seeds' four milestones, money on known dates and two progress reports."""
    from datetime import date

    from db.models import Disbursement, Expenditure, Milestone, ProgressReport
    from desktop.projects.projects import create_in_session, find

    with township_app.tx() as s:
        p = create_in_session(s, township_app, {"name": "安南村牦牛养殖产业项目", "year": 2020, "level": "市级",
                                                "category": "产业", "planned_investment_wan": "100",
                                                "responsible_person": "扎西", "works_progress_pct": 40})
        code = p.code
        for i, (name, when, pct, done) in enumerate([("前期工作全面完成", date(2020, 4, 30), 0, date(2020, 4, 28)),
                                                     ("完成50%建设量和资金拨付", date(2020, 6, 30), 50, None),
                                                     ("完成80%建设任务和资金拨付", date(2020, 8, 30), 80, None),
                                                     ("全面完成年度任务", date(2020, 10, 30), 100, None)]):
            s.add(Milestone(project_id=p.id, name=name, planned_date=when, actual_date=done, planned_works_pct=pct,
                            planned_money_pct=pct, sort_order=i))
        for when, yuan in ((date(2020, 5, 10), 300_000), (date(2020, 6, 20), 200_000), (date(2020, 7, 10), 100_000)):
            s.add(Disbursement(project_id=p.id, paid_on=when, amount_fen=yuan * 100, source="沪滇协作资金"))
        s.add(Expenditure(project_id=p.id, spent_on=date(2020, 6, 1), amount_fen=10_000_000, purpose="工程款"))
        s.add(ProgressReport(project_id=p.id, report_date=date(2020, 6, 14), period="half-monthly", works_pct=20))
        s.add(ProgressReport(project_id=p.id, report_date=date(2020, 6, 29), period="half-monthly", works_pct=40,
                             summary="圈舍主体完工", problems="饲草料基地土地流转未完成"))
        find(s, code)
    return township_app, code
