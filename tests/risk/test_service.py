"""Risk grading through the services on a real county database: propose, confirm, override, history."""
from datetime import date

import pytest
from sqlalchemy import func, select

from db.models import Project, RiskAssessment
from desktop.core import settings
from desktop.core.errors import UserError
from desktop.risk import service
from tests.risk.conftest import JT, TODAY, add_project, file_documents

MILESTONES_OK = [("完成50%建设量和资金拨付", date(2023, 6, 30), date(2023, 6, 28)),
                 ("完成80%建设任务和资金拨付", date(2023, 8, 30), date(2023, 8, 30)),
                 ("全面完成年度任务", date(2023, 10, 30), None)]


def _clean(app, **kw) -> str:
    code = add_project(app, milestones=MILESTONES_OK, **kw)
    file_documents(app, code)
    return code


def _count(app):
    with app.read() as s:
        return s.scalar(select(func.count()).select_from(RiskAssessment))


def _level(app, code):
    with app.read() as s:
        return s.scalar(select(Project.risk_level).where(Project.code == code))


def test_project_on_track_with_a_complete_file_is_proposed_green(county_app):
    """Milestones reached, 80% spent by 15 September, every document filed: green, nothing written."""
    code = _clean(county_app)
    r = service.assess(county_app, code, today=TODAY)
    assert r["proposed_level"] == "green" and r["reasons"][0]["code"] == "normal"
    assert r["supervision_level"] == "routine" and r["current_level"] is None
    assert _count(county_app) == 0


def test_missing_documents_are_named_from_the_projects_checklist(county_app):
    """An industry project lacking its implementation plan is yellow, naming the item as the checklist does."""
    code = _clean(county_app)
    file_documents(county_app, code, state="missing", only={"impl_plan"})
    file_documents(county_app, code, state="needs_fix", only={"joint_approval"})
    r = service.assess(county_app, code, today=TODAY)
    assert r["proposed_level"] == "yellow"
    [doc] = [x for x in r["reasons"] if x["code"] == "documents_missing"]
    assert "项目实施方案" in doc["text"] and "实施方案联审联批批复（需补正）" in doc["text"]


def test_overdue_milestone_and_slow_spending_from_the_database(county_app):
    """A missed 30 June node and 30% spending are both reasons, with the figures from the records."""
    code = add_project(county_app, spent_fen=186_000_000,
                       milestones=[("完成50%建设量和资金拨付", date(2023, 6, 30), None)])
    file_documents(county_app, code)
    r = service.assess(county_app, code, today=TODAY)
    texts = " ".join(x["text"] for x in r["reasons"])
    assert r["proposed_level"] == "yellow" and "逾期 77 天" in texts and "支出进度 30.0%" in texts


def test_confirm_records_the_grade_and_mirrors_it_on_the_project(county_app):
    """Confirming the proposal writes one RiskAssessment with reasons, user and supervision; the project shows it."""
    code = add_project(county_app, built_not_finished="是")
    a = service.confirm(county_app, code, "红", today=TODAY)
    assert a["level"] == "red" and a["proposed_level"] == "red" and a["override_reason"] is None
    assert a["assessed_by"] == "县工作专班" and a["supervision_level"] == "county"
    assert any(x["code"] == "built_not_finished" for x in a["reasons"])
    assert _level(county_app, code) == "red"


def test_overriding_the_proposal_needs_a_reason_and_nothing_is_written_without_one(county_app):
    """Green against a red proposal is refused without --reason; with one it is kept beside the proposal."""
    code = add_project(county_app, built_not_finished="是")
    with pytest.raises(UserError) as e:
        service.confirm(county_app, code, "green", today=TODAY)
    assert "须写明理由" in e.value.message and "建而不成" in e.value.message and code in e.value.message
    assert _count(county_app) == 0 and _level(county_app, code) is None
    a = service.confirm(county_app, code, "green", reason="现场核查：已复工，标记有误", today=TODAY)
    assert a["level"] == "green" and a["proposed_level"] == "red" and "复工" in a["override_reason"]


def test_every_grade_is_kept_and_the_project_mirrors_the_newest(county_app):
    """Three confirmations leave three rows, oldest first; risk_level is the last one."""
    code = add_project(county_app, joint_account="否")
    service.confirm(county_app, code, "yellow", today=TODAY)
    service.confirm(county_app, code, "red", reason="群众反映已停工", today=TODAY)
    service.confirm(county_app, code, "yellow", today=TODAY)
    hist = service.history(county_app, code)
    assert [h["level"] for h in hist] == ["yellow", "red", "yellow"]
    assert hist[1]["override_reason"] == "群众反映已停工"
    assert _level(county_app, code) == "yellow"


def test_supervision_follows_the_initial_grade_and_the_threshold_settings(county_app):
    """3500万 first graded red stays with the province after a later yellow; a first-yellow one goes to the prefecture."""
    big_red = add_project(county_app, planned_investment_wan="3500", built_not_finished="是")
    assert service.confirm(county_app, big_red, "red", today=TODAY)["supervision_level"] == "province"
    again = service.confirm(county_app, big_red, "yellow", reason="已复工，仍有问题", today=TODAY)
    assert again["supervision_level"] == "province"
    big_yellow = add_project(county_app, name="另一个", planned_investment_wan="3500", joint_account="否")
    assert service.confirm(county_app, big_yellow, "yellow", today=TODAY)["supervision_level"] == "prefecture"
    settings.set_value(county_app, "risk.province_threshold_wan", "5000")
    other = add_project(county_app, name="第三个", planned_investment_wan="3500", built_not_finished="是")
    assert service.confirm(county_app, other, "red", today=TODAY)["supervision_level"] == "prefecture"
    assert service.assess(county_app, other, today=TODAY)["supervision_label"] == "市（州）级督办"


def test_a_township_may_look_but_not_grade(township_app):
    """On a township installation assess works; confirm, plan and sign-off are refused in Chinese."""
    from desktop.risk import signoff
    from desktop.projects import projects

    code = projects.create_project(township_app, {"name": "团结村产业路", "year": 2023, "level": "区级"})["code"]
    assert service.assess(township_app, code, today=TODAY)["code"] == code
    for call in (lambda: service.confirm(township_app, code, "green"),
                 lambda: service.set_plan(township_app, code, disposition="提升"),
                 lambda: signoff.signoff(township_app, code, "已整改")):
        with pytest.raises(UserError) as e:
            call()
        assert "县级办公室" in e.value.message


@pytest.mark.parametrize("kwargs,words", [
    ({"level": "紫"}, "风险等级 '紫' 无效"),
    ({"level": "red", "disposition": "拆除"}, "处置方式 '拆除' 无效"),
    ({"level": "red", "tasks": ["复工|2023-10-31"]}, "第 1 项任务"),
    ({"level": "red", "tasks": ["复工|2023-13-31|镇政府"]}, "完成时限"),
    ({"level": "red", "tasks": ["|2023-10-31|镇政府"]}, "没有写任务内容"),
    ({"level": "red", "tasks": ["复工|2023-10-31| "]}, "没有写责任单位"),
    ({"level": "red", "reason": "理" * 1001}, "理由太长"),
])
def test_bad_confirm_input_is_refused_naming_the_field(county_app, kwargs, words):
    """Each bad value gives one Chinese message naming project and field; no grade is written."""
    code = add_project(county_app, built_not_finished="是")
    level = kwargs.pop("level")
    with pytest.raises(UserError) as e:
        service.confirm(county_app, code, level, today=TODAY, **kwargs)
    assert words in e.value.message and code in e.value.message
    assert _count(county_app) == 0


def test_unknown_project_is_named(county_app):
    """A code that does not exist is refused naming it."""
    with pytest.raises(UserError) as e:
        service.assess(county_app, "2023-999-001")
    assert "2023-999-001" in e.value.message


def test_plan_records_disposition_and_tasks_on_the_current_grade(county_app):
    """四个一批 and the task list are stored on the latest grade and the project's disposition."""
    code = add_project(county_app, built_not_finished="是")
    with pytest.raises(UserError) as e:
        service.set_plan(county_app, code, disposition="盘活")
    assert "risk confirm" in e.value.message
    service.confirm(county_app, code, "red", today=TODAY)
    a = service.set_plan(county_app, code, disposition="盘活一批",
                         tasks=["引入运营主体恢复生产|2023-11-30|小中甸镇人民政府", "完成验收|2023年12月31日|县农业农村局"],
                         today=TODAY)
    assert a["disposition"] == "revitalize" and a["disposition_label"] == "盘活"
    assert a["plan"][1] == {"task": "完成验收", "deadline": "2023-12-31", "unit": "县农业农村局", "done_on": None}
    with county_app.read() as s:
        assert s.scalar(select(Project.disposition).where(Project.code == code)) == "revitalize"
    again = service.confirm(county_app, code, "red", today=TODAY)
    assert again["plan"] == a["plan"] and again["disposition"] == "revitalize"  # a re-grade keeps the plan
    with pytest.raises(UserError):
        service.set_plan(county_app, code)


def test_assess_all_lists_red_first_and_filters_by_township(county_app):
    """The batch 风险排查 puts red before yellow before green and honours the township filter."""
    red = add_project(county_app, used_not_well="是")
    green = _clean(county_app, name="干净的项目")
    yellow = add_project(county_app, name="建塘镇项目", township=JT, joint_account="否")
    rows = service.assess_all(county_app, today=TODAY)
    assert [r["code"] for r in rows][:1] == [red] and rows[-1]["code"] == green
    only = service.assess_all(county_app, township="建塘镇", today=TODAY)
    assert [r["code"] for r in only] == [yellow]


@pytest.mark.parametrize("key,value,words", [
    ("risk.province_threshold_wan", "三千", "不是整数"),
    ("risk.province_threshold_wan", "0", "超出范围"),
    ("risk.prefecture_threshold_wan", "3000", "必须小于"),
    ("risk.colour", "1", "没有设置项"),
    ("risk.industry_categories", "", "不能为空"),
])
def test_bad_settings_are_refused(county_app, key, value, words):
    """Thresholds must be whole 万元 in range and the prefecture one below the province one."""
    with pytest.raises(UserError) as e:
        settings.set_value(county_app, key, value)
    assert words in e.value.message
    with county_app.read() as s:
        assert settings.get(s, "risk.province_threshold_wan") == 3000
