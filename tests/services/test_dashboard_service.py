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


def test_every_open_notice_is_listed_newest_first_with_its_text(township_app):
    """Open notices show whatever their deadline (3 days or a month away), newest first, with their text;
    a closed notice and another township's notice do not show."""
    from db.models import Notice

    today = date(2020, 9, 1)
    mine = township_app.node.region_code
    with township_app.tx() as s:
        for n, issued, days, status, town in ((7, -10, 3, "open", mine), (8, -1, 30, "open", mine),
                                              (9, -5, 60, "open", mine), (10, 0, 5, "closed", mine),
                                              (11, 0, 5, "open", "533401999000")):
            s.add(Notice(number=n, year=2020, title=f"督办单{n}", township_code=town, content=f"请整改第{n}项问题",
                         issued_on=today + timedelta(days=issued), deadline=today + timedelta(days=days),
                         status=status, project_ids=[]))
    block = dashboard.dashboard(township_app, 2020, today=today)["actions"]["notices"]
    assert [i["project"] for i in block["items"]] == ["督办单第 8 号", "督办单第 9 号", "督办单第 7 号"]
    assert [i["text"] for i in block["items"]] == ["请整改第8项问题", "请整改第9项问题", "请整改第7项问题"]
    assert block["count"] == 3


def test_more_open_notices_than_the_list_limit_are_all_listed(township_app):
    """Notices are not cut at the action lists' length limit: every open one is there."""
    from db.models import Notice

    today = date(2020, 9, 1)
    n_notices = dashboard.LIST_LIMIT + 3
    with township_app.tx() as s:
        for n in range(1, n_notices + 1):
            s.add(Notice(number=n, year=2020, title=f"督办单{n}", township_code=township_app.node.region_code,
                         issued_on=today - timedelta(days=n), deadline=today + timedelta(days=90), project_ids=[]))
    items = dashboard.dashboard(township_app, 2020, today=today)["actions"]["notices"]["items"]
    assert [i["project"] for i in items] == [f"督办单第 {n} 号" for n in range(1, n_notices + 1)]


def test_targets_are_settings_and_validated(township_app):
    """Targets default to the 2020 rhythm, can be changed, and refuse bad dates or falling values."""
    assert dashboard.get_targets(township_app)[1] == ("06-30", 50, 50)
    dashboard.set_targets(township_app, [("06-30", 40, 50), ("9-30", 90, 90)])
    assert dashboard.get_targets(township_app) == [("06-30", 40, 50), ("09-30", 90, 90)]
    with pytest.raises(UserError, match="无效"):
        dashboard.set_targets(township_app, [("02-30", 10, 10)])
    with pytest.raises(UserError, match="低于前一个"):
        dashboard.set_targets(township_app, [("06-30", 50, 50), ("08-30", 40, 80)])
