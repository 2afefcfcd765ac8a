"""Each grading rule, case by case, on plain facts (no database)."""
from datetime import date
from types import SimpleNamespace

import pytest

from desktop.risk.rules import (
    Facts, Rules, acceptance_late, assets_unregistered, documents_missing, milestones_overdue, no_joint_account,
    propose, reason_texts, spending_behind, supervision, target_for, three_failures,
)

TODAY = date(2023, 9, 15)
RULES = Rules()


def project(**kw):
    base = dict(code="2023-102-001", name="安南村牦牛养殖产业项目", year=2023, category="产业", stage="construction",
                planned_investment_fen=6_200_000_00, start_date=date(2023, 5, 1),
                planned_completion_date=date(2023, 10, 30), actual_completion_date=None, acceptance_date=None,
                joint_account=True, assets_registered=False, built_not_finished=False, finished_not_used=False,
                used_not_well=False)
    base.update(kw)
    return SimpleNamespace(**base)


def facts(p=None, **kw):
    kw.setdefault("allocated_fen", 1_000_000)
    kw.setdefault("spent_fen", 800_000)
    return Facts(project=p or project(), **kw)


def codes(findings):
    return [f["code"] for f in findings]


def test_clean_project_is_green_with_a_reason():
    """No finding at all proposes green, and still says why."""
    level, reasons = propose(facts(), TODAY, RULES)
    assert level == "green" and reasons[0]["code"] == "normal" and reasons[0]["text"]


@pytest.mark.parametrize("flag,label", [("built_not_finished", "建而不成"), ("finished_not_used", "成而不用"),
                                        ("used_not_well", "用而不好")])
def test_each_three_failures_flag_makes_red(flag, label):
    """A 三不 flag set by a person proposes red and names the failure."""
    level, reasons = propose(facts(project(**{flag: True})), TODAY, RULES)
    assert level == "red" and reasons[0]["code"] == flag and label in reasons[0]["text"]


def test_long_overdue_unfinished_project_is_suspected_built_not_finished():
    """Still under construction more than 180 days after its planned completion: red, with the days; finished is not."""
    p = project(year=2022, planned_completion_date=date(2022, 10, 30), start_date=date(2022, 5, 1))
    found = three_failures(facts(p), date(2023, 4, 29), RULES)
    assert codes(found) == ["built_not_finished_suspected"]
    assert "疑似建而不成" in found[0]["text"] and "181 天" in found[0]["text"]
    assert three_failures(facts(p), date(2023, 4, 28), RULES) == []  # exactly 180 days: not yet
    finished = project(year=2022, planned_completion_date=date(2022, 10, 30), stage="completed",
                       actual_completion_date=date(2022, 10, 20))
    assert three_failures(facts(finished), date(2023, 4, 29), Rules(industry_categories=())) == []


def test_industry_project_finished_but_not_operating_is_suspected_unused():
    """An industry project completed long ago but never operating is 疑似成而不用; a road is not."""
    p = project(year=2022, stage="completed", actual_completion_date=date(2022, 10, 20))
    assert codes(three_failures(facts(p), TODAY, RULES)) == ["finished_not_used_suspected"]
    road = project(year=2022, category="基础设施", stage="completed", actual_completion_date=date(2022, 10, 20))
    assert three_failures(facts(road), TODAY, RULES) == []
    running = project(year=2022, stage="operating", actual_completion_date=date(2022, 10, 20))
    assert three_failures(facts(running), TODAY, RULES) == []


def test_a_flag_is_not_reported_twice_as_a_suspicion():
    """When 建而不成 is already flagged, the date-based suspicion of it is not added."""
    p = project(year=2022, planned_completion_date=date(2022, 10, 30), built_not_finished=True)
    assert codes(three_failures(facts(p), TODAY, RULES)) == ["built_not_finished"]


def test_overdue_milestone_is_yellow_and_named():
    """A milestone whose date passed without an actual date is yellow, naming it and the days late."""
    f = facts(overdue_milestones=[("完成50%建设量和资金拨付", date(2023, 6, 30))])
    level, reasons = propose(f, TODAY, RULES)
    assert level == "yellow" and codes(reasons) == ["milestone_overdue"]
    assert "完成50%建设量和资金拨付" in reasons[0]["text"] and "77 天" in reasons[0]["text"]


def test_milestones_of_a_finished_project_are_not_chased():
    """Once the project is completed, missing milestone dates are not a risk."""
    f = facts(project(stage="completed", actual_completion_date=date(2023, 9, 1)),
              overdue_milestones=[("x", date(2023, 6, 30))])
    assert milestones_overdue(f, TODAY, RULES) == []


@pytest.mark.parametrize("today,expected", [
    (date(2023, 6, 29), None), (date(2023, 6, 30), (date(2023, 6, 30), 50)), (date(2023, 8, 29), (date(2023, 6, 30), 50)),
    (date(2023, 8, 30), (date(2023, 8, 30), 80)), (date(2023, 12, 31), (date(2023, 10, 30), 100)),
    (date(2024, 1, 5), (date(2023, 10, 30), 100)),
])
def test_target_for_today_follows_the_settings_dates(today, expected):
    """Before 30 June there is no target; then 50%, from 30 August 80%, from 30 October 100%."""
    assert target_for(2023, today, RULES.targets) == expected


def test_spending_behind_target_is_yellow_with_the_figures():
    """79.9% spent on 15 September (target 80%) is yellow; exactly 80% is not."""
    found = spending_behind(facts(spent_fen=799_000, allocated_fen=1_000_000), TODAY, RULES)
    assert codes(found) == ["spending_behind"] and "79.9%" in found[0]["text"] and "8月30日" in found[0]["text"]
    assert spending_behind(facts(spent_fen=800_000, allocated_fen=1_000_000), TODAY, RULES) == []


def test_spending_uses_planned_investment_when_nothing_is_allocated():
    """Without allocations the rate is against the planned investment, and the text says so."""
    p = project(planned_investment_fen=2_000_000)
    found = spending_behind(facts(p, allocated_fen=0, spent_fen=1_000_000), TODAY, RULES)
    assert "50.0%" in found[0]["text"] and "计划投资" in found[0]["text"]


def test_spending_rule_skips_reserve_and_future_projects_and_uses_custom_targets():
    """Reserve projects and next year's projects have no target; a province's own targets apply."""
    assert spending_behind(facts(project(stage="reserve"), spent_fen=0), TODAY, RULES) == []
    assert spending_behind(facts(project(year=2024), spent_fen=0), TODAY, RULES) == []
    strict = Rules(targets=(("05-31", 60),))
    assert "60%" in spending_behind(facts(spent_fen=500_000), date(2023, 6, 1), strict)[0]["text"]


def test_missing_documents_listed_with_needs_fix_marked_and_shortened():
    """Missing required documents are one yellow reason; needs-fix items are marked; long lists end in 等."""
    docs = [(f"k{i}", f"资料{i}", "needs_fix" if i == 0 else "missing") for i in range(8)]
    found = documents_missing(facts(missing_documents=docs), TODAY, RULES)
    assert found[0]["level"] == "yellow" and "8 项" in found[0]["text"]
    assert "资料0（需补正）" in found[0]["text"] and found[0]["text"].endswith("等") and "资料7" not in found[0]["text"]
    assert documents_missing(facts(), TODAY, RULES) == []


def test_no_joint_account_only_for_industry_categories():
    """An industry project without a joint account is yellow; a road or a reserve project is not."""
    assert codes(no_joint_account(facts(project(joint_account=False)), TODAY, RULES)) == ["no_joint_account"]
    assert no_joint_account(facts(project(joint_account=False, category="基础设施")), TODAY, RULES) == []
    assert no_joint_account(facts(project(joint_account=False, stage="reserve")), TODAY, RULES) == []


def test_not_accepted_on_time():
    """Completed 91 days ago without acceptance is yellow; 90 days is still on time; accepted is fine."""
    p = project(stage="completed", actual_completion_date=date(2023, 6, 16))
    assert codes(acceptance_late(facts(p), TODAY, RULES)) == ["not_accepted"]
    p90 = project(stage="completed", actual_completion_date=date(2023, 6, 17))
    assert acceptance_late(facts(p90), TODAY, RULES) == []
    done = project(stage="accepted", actual_completion_date=date(2023, 1, 1), acceptance_date=date(2023, 2, 1))
    assert acceptance_late(facts(done), TODAY, RULES) == []


def test_not_settled_on_time_reads_the_settlement_document():
    """Past the settlement period with the 结算 document not filed is yellow; filed or not applicable is fine."""
    p = project(stage="accepted", actual_completion_date=date(2023, 1, 1), acceptance_date=date(2023, 2, 1))
    found = acceptance_late(facts(p, settlement_item=("结算审计报告", "missing")), TODAY, RULES)
    assert codes(found) == ["not_settled"] and "结算审计报告" in found[0]["text"]
    for state in ("collected", "not_applicable"):
        assert acceptance_late(facts(p, settlement_item=("结算审计报告", state)), TODAY, RULES) == []
    assert acceptance_late(facts(p, settlement_item=None), TODAY, RULES) == []


def test_assets_not_registered_after_acceptance():
    """Accepted or operating without asset registration is yellow; registered or not yet accepted is fine."""
    assert codes(assets_unregistered(facts(project(stage="operating")), TODAY, RULES)) == ["assets_unregistered"]
    assert assets_unregistered(facts(project(stage="operating", assets_registered=True)), TODAY, RULES) == []
    assert assets_unregistered(facts(project(stage="construction")), TODAY, RULES) == []


def test_red_wins_over_yellow_and_all_reasons_are_kept():
    """With a red and several yellow findings the proposal is red and lists every reason."""
    f = facts(project(used_not_well=True, joint_account=False), missing_documents=[("a", "实施方案", "missing")])
    level, reasons = propose(f, TODAY, RULES)
    assert level == "red" and set(codes(reasons)) == {"used_not_well", "no_joint_account", "documents_missing"}


@pytest.mark.parametrize("wan,initial,expected", [
    (3000, "red", "province"), (5000, "red", "province"), (3000, "yellow", "prefecture"),
    (2999.99, "red", "prefecture"), (1000, "red", "prefecture"), (1000, "yellow", "prefecture"),
    (999.99, "red", "county"), (10, "yellow", "county"), (5000, "green", "routine"),
])
def test_supervision_level_from_amount_and_initial_grade(wan, initial, expected):
    """Seed 003 分级负责: ≥3000万 red → province; ≥3000万 yellow or 1000–3000万 → prefecture; <1000万 → county."""
    assert supervision(round(wan * 1_000_000), initial, 3000, 1000) == expected


def test_supervision_thresholds_are_parameters():
    """Another province's thresholds (e.g. 5000万 / 2000万) change the answer."""
    assert supervision(3000 * 1_000_000, "red", 5000, 2000) == "prefecture"
    assert supervision(1500 * 1_000_000, "red", 5000, 2000) == "county"


def test_reason_texts_reads_old_string_reasons_too():
    """Stored reasons may be dicts (rules) or plain strings (older rows): both read as text."""
    assert reason_texts([{"text": "未设立共管账户"}, "建而不成"]) == ["未设立共管账户", "建而不成"]
