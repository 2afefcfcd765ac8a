"""Per-project checklist: lazy rows, states and their rules, completeness figures, change log."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from db.models import ChangeLog, ProjectDocument
from desktop.checklists import service
from desktop.core.errors import UserError
from desktop.projects import projects
from tests.conftest import db_dump


def test_project_without_rows_shows_its_standard_and_gets_rows_on_first_change(small_app):
    """A new project lists its standard's items without writing; the first change makes one row per item."""
    view = service.project_checklist(small_app, "2020-102-001")
    assert view["standard"]["key"] == "hudian" and len(view["items"]) == 25
    with small_app.read() as s:
        assert s.scalar(select(func.count()).select_from(ProjectDocument)) == 0
    service.set_item(small_app, "2020-102-001", "impl_plan", "已收集", location="2020-档案盒03", pages=12,
                     today=date(2020, 6, 1))
    with small_app.read() as s:
        rows = s.scalars(select(ProjectDocument)).all()
        assert len(rows) == 25
        plan = next(r for r in rows if r.item_key == "impl_plan")
        assert (plan.state, plan.location, plan.pages, plan.received_on) == ("collected", "2020-档案盒03", 12,
                                                                             date(2020, 6, 1))
        logged = s.scalars(select(ChangeLog.field).where(ChangeLog.record_id == plan.id)).all()
        assert {"state", "location", "pages", "received_on"} <= set(logged)


def test_completeness_per_stage_and_overall(small_app):
    """Collected over required; 不适用 leaves the denominator; conditional items count only when they apply."""
    code = "2020-102-001"  # 产业, 620万: every hudian item applies except the 400万 tender? no: 620 ≥ 400 → all apply
    view = service.project_checklist(small_app, code)
    assert view["completeness"]["overall"]["required"] == 25
    for key in ("apply_form", "library_entry", "apply_notice", "impl_plan", "joint_approval"):
        service.set_item(small_app, code, key, "collected")
    service.set_item(small_app, code, "eco_redline", "不适用", reason="项目用地不在生态红线范围内（已核实）")
    service.set_item(small_app, code, "land_planning", "需补正", reason="缺少自然资源所盖章")
    c = service.project_checklist(small_app, code)["completeness"]
    assert c["overall"] == {"required": 25, "not_applicable": 1, "collected": 5, "needs_fix": 1, "missing": 18,
                            "counted": 24, "pct": 20.8, "complete": False}
    stages = {s["stage"]: s for s in c["stages"]}
    assert stages["申报立项"]["pct"] == 100.0 and stages["申报立项"]["complete"]
    assert (stages["前期审批"]["collected"], stages["前期审批"]["counted"]) == (2, 6)
    small = service.project_checklist(small_app, "2020-102-002")  # 5万元 人居环境 村企结对
    assert small["completeness"]["overall"]["required"] == 18
    na = {i["key"] for i in small["items"] if i["state"] == "not_applicable"}
    assert {"tender_docs", "geo_survey", "feasibility", "supervision_log", "env_assessment"} <= na


def test_stage_due_follows_project_stage(small_app):
    """A project in preparation owes only 申报立项 and 前期审批; a completed one also owes 验收与结算."""
    prep = service.project_checklist(small_app, "2020-102-002")
    assert {s["stage"] for s in prep["completeness"]["stages"] if s["due"]} == {"申报立项", "前期审批"}
    done = service.project_checklist(small_app, "2021-102-001")
    assert done["standard"]["key"] == "xianjie"
    assert "验收与结算" in {s["stage"] for s in done["completeness"]["stages"] if s["due"]}
    assert "资产" not in {s["stage"] for s in done["completeness"]["stages"] if s["due"]}


def test_requiredness_follows_project_changes(small_app):
    """Rows made 不适用 by a condition become 未收集 again when the project grows past the threshold."""
    code = "2020-102-002"
    service.set_item(small_app, code, "apply_form", "collected")
    assert next(i for i in service.project_checklist(small_app, code)["items"]
                if i["key"] == "tender_docs")["state"] == "not_applicable"
    projects.update_project(small_app, code, {"planned_investment_yuan": "5000000"})
    item = next(i for i in service.project_checklist(small_app, code)["items"] if i["key"] == "tender_docs")
    assert (item["required"], item["state"]) == (True, "missing")


@pytest.mark.parametrize("args,kwargs,message", [
    (("2020-102-001", "no_such_item", "已收集"), {}, "没有资料项 'no_such_item'"),
    (("2020-102-001", "impl_plan", "差不多"), {}, "状态 '差不多' 不存在"),
    (("2020-102-001", "impl_plan", "不适用"), {}, "须写明理由"),
    (("2020-102-001", "impl_plan", "需补正"), {"reason": "  "}, "须写明需要补正的内容"),
    (("2020-102-001", "impl_plan", "已收集"), {"pages": "十二"}, "页数 '十二' 无效"),
    (("2020-102-001", "impl_plan", "已收集"), {"received_on": "2020-13-01"}, "收到日期 '2020-13-01' 没有 13 月"),
    (("2099-999-999", "impl_plan", "已收集"), {}, "找不到项目编号 '2099-999-999'"),
])
def test_bad_input_is_refused_and_nothing_is_written(small_app, args, kwargs, message):
    """Unknown item, unknown state, missing reason, bad pages/date, unknown project: message, no change."""
    before = db_dump(small_app.layout.database)
    with pytest.raises(UserError) as e:
        service.set_item(small_app, *args, **kwargs)
    assert message in e.value.message
    assert db_dump(small_app.layout.database) == before


def test_use_standard_switches_items(small_app):
    """A project can be moved to another standard; unknown standards are refused."""
    service.use_standard(small_app, "2020-102-001", "chanye")
    view = service.project_checklist(small_app, "2020-102-001")
    assert view["standard"]["key"] == "chanye" and any(i["key"] == "joint_account" for i in view["items"])
    with pytest.raises(UserError, match="标准 'nope' 不存在"):
        service.use_standard(small_app, "2020-102-001", "nope")
