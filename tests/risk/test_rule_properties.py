"""Risk rules over random project facts (hypothesis): nothing about money or schedule fires on settled or
closed projects, green is proposed exactly when no rule fires, and the supervision level always follows the
risk table's footnote."""
from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.risk.rules import ALL_RULES, SUPERVISION_LABELS, Rules, propose, settled_or_closed, supervision
from tests.risk.test_rules import facts, project
from tests.sizes import size

STAGES = ("reserve", "preparation", "construction", "completed", "accepted", "operating")
CATEGORIES = ("产业", "乡村旅游", "基础设施", "人居环境", "饮水")
DOC_STATES = ("missing", "collected", "not_applicable", "needs_fix")
MONEY_AND_SCHEDULE = {"spending_behind", "milestone_overdue", "built_not_finished_suspected", "not_accepted"}
days = st.integers(min_value=-900, max_value=900)


@st.composite
def project_facts(draw, closed: bool | None = None):
    """(facts, today): a project of 2019–2025 with random stage, dates, money, flags, documents and assets."""
    year = draw(st.integers(2019, 2025))
    today = date(year, 1, 1) + timedelta(days=draw(st.integers(0, 6 * 365)))
    start = date(year, 3, 1)
    planned_done = start + timedelta(days=draw(st.integers(30, 600)))
    stage = draw(st.sampled_from(STAGES))
    done = draw(st.one_of(st.none(), st.builds(lambda d: start + timedelta(days=d), st.integers(10, 900))))
    accepted = draw(st.one_of(st.none(), st.builds(lambda d: start + timedelta(days=d), st.integers(20, 1000))))
    settlement = draw(st.one_of(st.none(), st.tuples(st.just("工程结算审核报告"), st.sampled_from(DOC_STATES))))
    if closed is True:  # one of the ways a project is settled or closed
        way = draw(st.sampled_from(("accepted", "operating", "acceptance_date", "settled")))
        if way in ("accepted", "operating"):
            stage = way
        elif way == "acceptance_date":
            accepted = accepted or start + timedelta(days=200)
        else:
            stage, settlement = "completed", ("工程结算审核报告", draw(st.sampled_from(("collected", "not_applicable"))))
    p = project(year=year, stage=stage, category=draw(st.sampled_from(CATEGORIES)), start_date=start,
                planned_completion_date=planned_done, actual_completion_date=done, acceptance_date=accepted,
                planned_investment_fen=draw(st.integers(0, 50_000_000_00)), joint_account=draw(st.booleans()),
                assets_registered=draw(st.booleans()), built_not_finished=draw(st.booleans()),
                finished_not_used=draw(st.booleans()), used_not_well=draw(st.booleans()))
    allocated = draw(st.integers(0, 50_000_000_00))
    milestones = draw(st.lists(st.tuples(st.sampled_from(("前期完成", "完成50%", "完工")),
                                         st.builds(lambda d: today + timedelta(days=d), days)), max_size=3))
    missing = draw(st.lists(st.tuples(st.just("impl_plan"), st.just("实施方案"), st.sampled_from(("missing", "needs_fix"))),
                            max_size=1))
    assets = draw(st.one_of(st.none(), st.lists(st.fixed_dictionaries({
        "code": st.just("ZC-1"), "name": st.just("圈舍"), "status": st.sampled_from(("normal", "idle", "damaged")),
        "owner_level": st.sampled_from(("village", None)), "manager": st.sampled_from(("合作社", None, ""))}),
        max_size=2)))
    f = facts(p, allocated_fen=allocated, spent_fen=draw(st.integers(0, allocated or 1)),
              overdue_milestones=milestones, missing_documents=missing, settlement_item=settlement, assets=assets)
    return f, today


@settings(max_examples=size(75, 300), deadline=None)
@given(project_facts(closed=True))
def test_no_money_or_schedule_rule_fires_on_settled_or_closed_projects(case):
    """Accepted, operating, or completed and settled: no spending-behind, overdue node, unfinished suspicion or
    not-accepted finding, whatever the figures and dates."""
    f, today = case
    assert settled_or_closed(f)
    fired = {x["code"] for rule in ALL_RULES for x in rule(f, today, Rules())}
    assert not fired & MONEY_AND_SCHEDULE, fired


@settings(max_examples=size(75, 300), deadline=None)
@given(project_facts())
def test_green_exactly_when_nothing_fires(case):
    """The proposal is green with one 'normal' reason iff no rule fires; red iff a red finding; else yellow."""
    f, today = case
    findings = [x for rule in ALL_RULES for x in rule(f, today, Rules())]
    level, reasons = propose(f, today, Rules())
    if not findings:
        assert level == "green" and [r["code"] for r in reasons] == ["normal"]
    elif any(x["level"] == "red" for x in findings):
        assert level == "red" and reasons == findings
    else:
        assert level == "yellow" and reasons == findings


def footnote(amount_fen: int, level: str, province_wan: int, prefecture_wan: int) -> str:
    """The table's footnote in words, written independently: green → 常态化监测; ≥ province and red → 省;
    ≥ province (not red) or ≥ prefecture → 市（州）; below → 县工作专班."""
    wan = amount_fen / 1_000_000
    if level == "green":
        return "routine"
    if wan >= province_wan:
        return "province" if level == "red" else "prefecture"
    return "prefecture" if wan >= prefecture_wan else "county"


@settings(max_examples=size(125, 500), deadline=None)
@given(st.integers(0, 100_000_000_00), st.sampled_from(("red", "yellow", "green")),
       st.integers(1, 10_000), st.integers(1, 10_000))
def test_supervision_level_follows_the_footnote(amount, level, a, b):
    """For any amount, grade and thresholds (province ≥ prefecture), the level is the footnote's, and a larger
    amount never lowers it."""
    province, prefecture = max(a, b), min(a, b)
    got = supervision(amount, level, province, prefecture)
    assert got == footnote(amount, level, province, prefecture) and got in SUPERVISION_LABELS
    order = ["routine", "county", "prefecture", "province"]
    assert order.index(supervision(amount + 1_000_000, level, province, prefecture)) >= order.index(got)


@settings(max_examples=size(75, 300), deadline=None)
@given(st.integers(0, 100_000_000_00), st.sampled_from(("red", "yellow", "green", None)),
       st.sampled_from(("red", "yellow", "green", None)))
def test_risk_table_column_agrees_with_its_footnote(amount, risk, initial):
    """The 风险排查表's 督办层级 column: unrated → —, green → 常态化监测, otherwise the footnote by amount and initial
    grade (the current one when the initial is unknown or green)."""
    from desktop.reports.risk import supervision_label

    got = supervision_label({"risk": risk, "initial_risk": initial, "planned": amount}, (3000, 1000))
    if risk is None:
        assert got == "—"
    else:
        base = initial if initial in ("red", "yellow") and risk != "green" else risk
        assert got == SUPERVISION_LABELS[footnote(amount, base, 3000, 1000)]
