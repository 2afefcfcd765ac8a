"""Issue 14 item 5 (risk): spending-behind skips settled and closed projects; green when nothing fires;
"运营正常" only for a project recorded as operating."""
from datetime import date

import pytest

from desktop.risk.rules import normal_text, propose, spending_behind
from tests.risk.test_rules import RULES, TODAY, codes, facts, project

ASSET = [{"code": "ZC-1", "name": "牦牛圈舍", "status": "normal", "owner_level": "village", "manager": "安南村股份经济合作社"}]
OLD = dict(year=2020, planned_completion_date=date(2020, 10, 30), actual_completion_date=date(2020, 10, 20))


@pytest.mark.parametrize("kw,settlement", [
    (dict(stage="accepted", acceptance_date=date(2020, 12, 1)), None),
    (dict(stage="operating", acceptance_date=date(2020, 12, 1)), None),
    (dict(stage="completed"), ("工程结算审核报告", "collected")),
    (dict(stage="completed", acceptance_date=date(2020, 12, 1)), None),
])
def test_spending_behind_does_not_fire_on_settled_or_closed_projects(kw, settlement):
    """An accepted, operating or settled old project with little recorded spending gets no spending finding."""
    f = facts(project(**OLD, **kw), allocated_fen=1_000_000, spent_fen=100_000, settlement_item=settlement)
    assert spending_behind(f, TODAY, RULES) == []


def test_spending_behind_still_fires_on_a_completed_unsettled_project():
    """Completed but neither accepted nor settled: money still owed, the rule still fires."""
    f = facts(project(**OLD, stage="completed"), allocated_fen=1_000_000, spent_fen=100_000,
              settlement_item=("工程结算审核报告", "missing"))
    assert codes(spending_behind(f, TODAY, RULES)) == ["spending_behind"]


def test_an_old_operating_project_in_order_is_green():
    """Nothing fires on a settled, registered, operating project with a joint account: the proposal is green."""
    p = project(**OLD, stage="operating", acceptance_date=date(2020, 12, 1), assets_registered=True)
    level, reasons = propose(facts(p, allocated_fen=1_000_000, spent_fen=100_000, assets=ASSET), TODAY, RULES)
    assert level == "green" and codes(reasons) == ["normal"] and "运营正常" in reasons[0]["text"]


@pytest.mark.parametrize("stage", ["construction", "completed", "accepted", "preparation"])
def test_operating_well_is_only_said_of_an_operating_project(stage):
    """The green reason claims "运营正常" only when the stage is 运营; otherwise it claims nothing about operation."""
    assert "运营正常" not in normal_text(project(stage=stage))
    assert "运营正常" in normal_text(project(stage="operating"))
