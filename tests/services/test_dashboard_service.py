"""Dashboard figures, milestone targets and the action lists, on a small hand-made township."""
from datetime import date, timedelta

import pytest

from desktop.core.errors import UserError
from desktop.projects import dashboard, project_records, projects


@pytest.fixture
def two_projects(township_app):
    app = township_app
    a = projects.create_project(app, {"name": "联合村旅游", "year": 2020, "level": "市级", "planned_investment_wan": "100",
                                      "stage": "在建", "risk_level": "红", "works_progress_pct": 50})
    b = projects.create_project(app, {"name": "安南村牦牛", "year": 2020, "level": "区级", "planned_investment_wan": "100",
                                      "stage": "完工", "risk_level": "绿", "works_progress_pct": 100})
    project_records.add_record(app, a["code"], "allocation", {"source": "沪滇协作资金", "amount_fen": "1000000"})
    project_records.add_record(app, b["code"], "allocation", {"source": "沪滇协作资金", "amount_fen": "1000000"})
    project_records.add_record(app, a["code"], "disbursement", {"paid_on": "2020-06-15", "amount_fen": "500000"})
    project_records.add_record(app, b["code"], "disbursement", {"paid_on": "2020-08-15", "amount_fen": "1000000"})
    project_records.add_record(app, b["code"], "expenditure", {"spent_on": "2020-09-01", "amount_fen": "600000"})
    project_records.add_record(app, a["code"], "milestone", {"name": "完成50%", "planned_date": "2020-06-30",
                                                            "planned_works_pct": "50", "planned_money_pct": "50"})
    project_records.add_record(app, a["code"], "rectification", {"issue": "资料缺失", "deadline": "2020-08-01",
                                                                "status": "未整改"})
    return app, a["code"], b["code"]


def test_cards_and_chart(two_projects):
    """Rates are computed from the records; the chart is cumulative and ends at the year's totals."""
    app, a, b = two_projects
    d = dashboard.dashboard(app, 2020, today=date(2021, 3, 1))
    c = d["cards"]
    assert c["projects"] == 2 and c["started"] == 2 and c["finished"] == 1
    assert c["disbursement_rate"] == 75.0 and c["spending_rate"] == 30.0
    assert c["risk"] == {"red": 1, "yellow": 0, "green": 1}
    chart = d["chart"]
    assert chart["dates"][5] == "2020-06-30" and chart["disbursed_pct"][5] == 25.0
    assert chart["disbursed_pct"][-1] == 75.0 and chart["spent_pct"][-1] == 30.0
    assert chart["works_pct"][-1] == 75.0  # (50 % + 100 %) / 2, weighted by equal plans


def test_action_lists(two_projects):
    """Overdue milestones, open rectifications and red projects appear with days overdue."""
    app, a, _b = two_projects
    acts = dashboard.dashboard(app, 2020, today=date(2020, 9, 1))["actions"]
    assert acts["overdue_milestones"]["items"][0]["code"] == a and acts["overdue_milestones"]["items"][0]["days"] == 63
    assert acts["open_rectifications"]["items"][0]["days"] == 31
    assert [i["code"] for i in acts["risky_projects"]["items"]] == [a]


def test_notice_near_deadline(township_app):
    """A notice due within a week shows; one due in a month does not yet."""
    from db.models import Notice

    today = date(2020, 9, 1)
    with township_app.tx() as s:
        for n, days in ((7, 3), (8, 30)):
            s.add(Notice(number=n, year=2020, title=f"督办单{n}", township_code=township_app.node.region_code,
                         issued_on=today, deadline=today + timedelta(days=days), project_ids=[]))
    items = dashboard.dashboard(township_app, 2020, today=today)["actions"]["notices"]["items"]
    assert [i["project"] for i in items] == ["督办单第 7 号"]


def test_targets_are_settings_and_validated(township_app):
    """Targets default to the 2020 rhythm, can be changed, and refuse bad dates or falling values."""
    assert dashboard.get_targets(township_app)[1] == ("06-30", 50, 50)
    dashboard.set_targets(township_app, [("06-30", 40, 50), ("9-30", 90, 90)])
    assert dashboard.get_targets(township_app) == [("06-30", 40, 50), ("09-30", 90, 90)]
    with pytest.raises(UserError, match="无效"):
        dashboard.set_targets(township_app, [("02-30", 10, 10)])
    with pytest.raises(UserError, match="低于前一个"):
        dashboard.set_targets(township_app, [("06-30", 50, 50), ("08-30", 40, 80)])
