"""The county dashboard: townships side by side, ranked by spending, with risk, files, notices and packages."""
from datetime import date, timedelta

import pytest

from db.base import utcnow
from db.models import Node, PackageLog
from desktop.core import settings
from desktop.county.dashboard import county_dashboard
from desktop.core.errors import UserError
from desktop.notices import service as notices
from desktop.risk import service as risk
from tests.risk.conftest import JT, TODAY, XZD, add_project, county_app, file_documents  # noqa: F401

HTX = "533401103000"  # 虎跳峡镇


def _peer(app, code, name, *received_days_ago):
    """Enrol a township peer and log packages received from it so many days ago."""
    with app.tx() as s:
        node = Node(role="township", region_code=code, name=name)
        s.add(node)
        s.flush()
        for i, days in enumerate(received_days_ago, 1):
            s.add(PackageLog(package_id=f"{code}-{i}", direction="in", peer_id=node.id, package_seq=i,
                             status="applied" if i % 2 else "outdated", at=utcnow() - timedelta(days=days, hours=1)))


@pytest.fixture
def county(county_app):  # noqa: F811
    """Two townships with known figures for 2023, one project of 2022, a notice, and package history."""
    a = add_project(county_app, name="甲", allocated_fen=1_000_000_000, spent_fen=500_000_000)
    b = add_project(county_app, name="乙", allocated_fen=200_000_000, spent_fen=200_000_000, stage="完工",
                    actual_completion_date="2023-08-30", used_not_well="是")
    add_project(county_app, name="去年的", year=2022, start_date="2022-05-01", planned_completion_date="2022-10-30",
                allocated_fen=999_000_000, spent_fen=0)
    c = add_project(county_app, name="丙", township=JT, allocated_fen=100_000_000, spent_fen=80_000_000, stage="前期",
                    start_date="")
    file_documents(county_app, a)
    file_documents(county_app, c)
    risk.confirm(county_app, a, "yellow", today=TODAY)
    risk.confirm(county_app, b, "red", today=TODAY)
    notices.issue(county_app, township="小中甸镇", deadline="2023-09-10", title="督办", today=date(2023, 9, 1))
    _peer(county_app, XZD, "小中甸镇", 40, 3)
    _peer(county_app, JT, "建塘镇", 16)
    return county_app


def _row(d, code):
    return next(r for r in d["townships"] if r["township_code"] == code)


def test_rates_money_and_ranking_per_township(county):
    """开工率, 完工率 and 支出进度 per township for the year; ranked by spending; other years left out."""
    d = county_dashboard(county, year=2023, today=TODAY)
    x, j = _row(d, XZD), _row(d, JT)
    assert (x["projects"], x["started"], x["finished"]) == (2, 2, 1)
    assert (x["start_rate"], x["completion_rate"]) == (100.0, 50.0)
    assert (x["allocated_fen"], x["spent_fen"], x["spending_rate"]) == (1_200_000_000, 700_000_000, 58.3)
    assert (j["projects"], j["start_rate"], j["completion_rate"], j["spending_rate"]) == (1, 0.0, 0.0, 80.0)
    assert (j["rank"], x["rank"]) == (1, 2) and d["townships"][0]["township_code"] == JT
    empty = _row(d, HTX)
    assert empty["projects"] == 0 and empty["rank"] is None and empty["spending_rate"] is None
    assert d["totals"]["projects"] == 3 and d["totals"]["spent_fen"] == 780_000_000


def test_risk_checklist_and_notice_counts(county):
    """Risk colours as graded, checklist completeness of the due items, and overdue notices per township."""
    d = county_dashboard(county, year=2023, today=TODAY)
    x, j = _row(d, XZD), _row(d, JT)
    assert x["risk"] == {"red": 1, "yellow": 1, "green": 0, "ungraded": 0}
    assert j["risk"]["ungraded"] == 1 and d["totals"]["risk"]["red"] == 1
    assert j["checklist"]["rate"] == 100.0 and 0 < x["checklist"]["rate"] < 100.0
    assert x["checklist"]["complete_projects"] == 1
    assert x["notices"]["overdue"] == 1 and j["notices"]["overdue"] == 0


def test_last_package_age_and_silent_townships(county):
    """The newest package of any outcome counts; over 15 days, never, or not enrolled is flagged."""
    d = county_dashboard(county, year=2023, today=TODAY)
    x, j, h = _row(d, XZD), _row(d, JT), _row(d, HTX)
    assert (x["package_age_days"], x["silent"], x["enrolled"]) == (3, False, True)
    assert (j["package_age_days"], j["silent"]) == (16, True)
    assert (h["enrolled"], h["package_age_days"], h["silent"]) == (False, None, True)
    assert "建塘镇" in d["totals"]["silent_townships"] and "小中甸镇" not in d["totals"]["silent_townships"]
    settings.set_value(county, "county.silent_days", "20")
    assert _row(county_dashboard(county, year=2023, today=TODAY), JT)["silent"] is False


def test_equal_spending_rates_share_a_rank(county_app):  # noqa: F811
    """Two townships at the same rate share rank 1; the next one is rank 3."""
    for code, spent in ((XZD, 50), (JT, 50), (HTX, 40)):
        add_project(county_app, township=code, allocated_fen=100, spent_fen=spent)
    d = county_dashboard(county_app, year=2023, today=TODAY)
    assert [(r["township_code"], r["rank"]) for r in d["townships"][:3]] == [(JT, 1), (XZD, 1), (HTX, 3)]


def test_year_defaults_to_this_year_else_the_latest(county_app):  # noqa: F811
    """Without --year the dashboard shows this year if it has projects, else the latest year that has."""
    add_project(county_app, year=2022, start_date="2022-05-01", planned_completion_date="2022-10-30")
    assert county_dashboard(county_app, today=TODAY)["year"] == 2022
    add_project(county_app, name="今年")
    assert county_dashboard(county_app, today=TODAY)["year"] == 2023


def test_township_installation_is_refused(township_app):
    """The county dashboard is a county view; a township is pointed to its own 工作台."""
    with pytest.raises(UserError) as e:
        county_dashboard(township_app)
    assert "县级" in e.value.message


def test_dashboard_command_prints_a_ranked_table_and_json(cli, request):
    """`county dashboard` lists every township with its rank; --json has the same figures; a township gets exit 2."""
    from tests.conftest import TOWNSHIP, put_demo

    put_demo(cli, request, "county")
    out = cli("county", "dashboard", check=True).out
    assert "支出进度%" in out and "小中甸镇" in out and "⚠" in out
    d = cli("county", "dashboard", "--json", check=True).json()
    ranked = [r for r in d["townships"] if r["rank"] is not None]
    assert ranked and ranked[0]["rank"] == 1
    assert all(a["spending_rate"] >= b["spending_rate"] for a, b in zip(ranked, ranked[1:]))
    town = cli.data.parent / "town"
    cli("init", "--role", "township", "--region-code", TOWNSHIP[0], "--name", TOWNSHIP[1], data_dir=town, check=True)
    r = cli("county", "dashboard", data_dir=town)
    assert r.code == 2 and "县级" in r.err and len(r.err.strip().splitlines()) == 1
