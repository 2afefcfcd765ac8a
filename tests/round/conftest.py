"""A township with projects in every state a round must tell apart, and a county demo folder."""
from __future__ import annotations

import shutil
from datetime import date

import pytest


WHEN = date(2020, 6, 29)  # the report date most tests use; the period is 15–29 June 2020


def _project(s, app, **extra):
    from desktop.projects.projects import create_in_session

    data = {"level": "市级", "category": "产业", "planned_investment_wan": "100", "year": 2020, **extra}
    return create_in_session(s, app, data)


@pytest.fixture
def round_app(township_app):
    """Active: 牦牛 (2020, 20 % on 14 June, 50万 paid, 10万 spent), 道路 (a delayed 2019 project).
    Not active: 验收 (accepted in May), 储备 (reserve), 明年 (a 2021 project)."""
    from db.models import Disbursement, Expenditure, Milestone, ProgressReport

    with township_app.tx() as s:
        yak = _project(s, township_app, name="安南村牦牛养殖产业项目", stage="construction", works_progress_pct=20)
        road = _project(s, township_app, name="团结村产业路建设项目", year=2019, stage="construction",
                        works_progress_pct=60, planned_investment_wan="50", category="基础设施")
        _project(s, township_app, name="和平村已验收项目", stage="accepted", acceptance_date=date(2020, 5, 1),
                 works_progress_pct=100)
        _project(s, township_app, name="迪吉村储备项目", stage="reserve")
        _project(s, township_app, name="联合村明年项目", year=2021, stage="preparation")
        for i, (name, when, pct) in enumerate([("前期工作全面完成", date(2020, 4, 30), 0),
                                               ("完成50%建设量和资金拨付", date(2020, 6, 30), 50)]):
            s.add(Milestone(project_id=yak.id, name=name, planned_date=when, planned_works_pct=pct,
                            planned_money_pct=pct, sort_order=i, actual_date=date(2020, 4, 28) if i == 0 else None))
        s.add(Disbursement(project_id=yak.id, paid_on=date(2020, 5, 10), amount_fen=50_000_000))
        s.add(Expenditure(project_id=yak.id, spent_on=date(2020, 6, 1), amount_fen=10_000_000))
        s.add(ProgressReport(project_id=yak.id, report_date=date(2020, 6, 14), period="half-monthly", works_pct=20))
        codes = {"yak": yak.code, "road": road.code}
    return township_app, codes


@pytest.fixture(scope="session")
def county_round_template(county_demo_template):
    """The county demo folder (tests/conftest.py), shared with the CLI tests that need it."""
    return county_demo_template


@pytest.fixture
def county_app(tmp_path, county_round_template):
    from desktop.core.app import open_app

    dest = tmp_path / "county"
    shutil.copytree(county_round_template, dest)
    app = open_app(dest)
    app.user_name = "县沪滇办"
    yield app
    app.dispose()
