"""Checklist standards: shipped files load and validate, conditions apply, projects get the right one."""
from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from desktop.checklists.standards import StandardCatalog, describe_condition, validate_standard
from desktop.core.errors import UserError
from desktop.checklists import standards_service as core


def _p(**kw):
    base = {"category": "产业", "level": "市级", "planned_investment_fen": 300 * 1_000_000,
            "funding_sources": ["沪滇协作资金"], "checklist_standard_key": None}
    return SimpleNamespace(**{**base, **kw})


def test_builtin_standards_load_and_cover_every_stage():
    """Each shipped standard validates, and together they use all eight stages of the issue."""
    stds = {s["key"]: s for s in core.builtin_standards()}
    assert {"hudian", "xianjie", "chanye"} <= set(stds)
    for s in stds.values():
        assert {i["stage"] for i in s["items"]} == set(core.STAGE_ORDER)
    names = {i["name"] for i in stds["hudian"]["items"]}
    assert {"实施方案联审联批批复", "环境影响评价批复", "地质勘探报告", "招标文件及中标通知书",
            "资产确权登记表", "利益联结机制协议"} <= names


@pytest.mark.parametrize("cond,project,expected", [
    ({"min_amount_wan": 400}, _p(planned_investment_fen=5 * 1_000_000), False),
    ({"min_amount_wan": 400}, _p(planned_investment_fen=400 * 1_000_000), True),
    ({"max_amount_wan": 50}, _p(planned_investment_fen=49 * 1_000_000), True),
    ({"category": ["产业", "乡村旅游"]}, _p(category="卫生"), False),
    ({"category_not": ["教育", "就业"]}, _p(category="教育"), False),
    ({"level": ["市级"]}, _p(level="村企结对"), False),
    ({"level_not": ["村企结对"]}, _p(level="村企结对"), False),
    ({"funding_any": ["衔接推进乡村振兴补助资金"]}, _p(), False),
    ({"funding_any": ["沪滇协作资金"], "min_amount_wan": 100}, _p(), True),
    (None, _p(), True),
])
def test_conditions_apply(cond, project, expected):
    """Conditions by type, level, amount and funding decide whether an item is required."""
    assert core.applies(cond, project) is expected


def test_small_village_project_needs_no_tender_file():
    """A 5万元 村企结对 project is not asked for a tender file, a 620万元 one is."""
    hudian = next(s for s in core.builtin_standards() if s["key"] == "hudian")
    tender = next(i for i in hudian["items"] if i["key"] == "tender_docs")
    assert not core.applies(tender["condition"], _p(planned_investment_fen=5 * 1_000_000))
    assert core.applies(tender["condition"], _p(planned_investment_fen=620 * 1_000_000))
    assert describe_condition(tender["condition"]) == "计划投资≥400万元"


@pytest.mark.parametrize("mutate,message", [
    (lambda d: d["items"].append(dict(d["items"][0])), "重复"),
    (lambda d: d["items"][1].update(stage="施工"), "阶段 '施工' 无效"),
    (lambda d: d["items"][2].update(condition={"amount_over": 5}), "'amount_over' 无法识别"),
    (lambda d: d["items"][2].update(condition={"min_amount_wan": "400"}), "类型不对"),
    (lambda d: d.pop("version"), "缺少字段 version"),
])
def test_bad_standard_is_refused_naming_file_and_item(mutate, message):
    """A mistyped standard is refused with a message naming the file (and the item)."""
    data = json.loads(json.dumps(core.builtin_standards()[0]))
    mutate(data)
    with pytest.raises(UserError) as e:
        validate_standard(data, "标准文件 x.json")
    assert "标准文件 x.json" in e.value.message and message in e.value.message


def test_projects_get_standard_by_name_then_by_applies_to(township_app):
    """A named standard wins; else funding or category picks one; else the default."""
    with township_app.tx() as s:
        core.ensure_builtin(s)
        cat = StandardCatalog(s)
        assert cat.for_project(_p(checklist_standard_key="chanye", funding_sources=[])).key == "chanye"
        assert cat.for_project(_p(funding_sources=["统筹整合涉农资金"])).key == "xianjie"
        assert cat.for_project(_p(funding_sources=["社会捐赠"], category="产业")).key == "chanye"
        assert cat.for_project(_p(funding_sources=["社会捐赠"], category="卫生")).key == "hudian"
        assert len(cat.by_key["xianjie"].items) == 29


def test_shipped_standards_have_the_same_ids_everywhere(tmp_path):
    """Two installations loading the shipped standards get identical ids (one record for sync, not two)."""
    from sqlalchemy import select

    from db.models import ChecklistItem, ChecklistStandard
    from desktop.core.app import init_data_folder

    ids = []
    for n, (code, name, role) in enumerate([("533401102000", "小中甸镇", "township"), ("533401000000", "香格里拉市", "county")]):
        app = init_data_folder(tmp_path / str(n), role=role, region_code=code, name=name)
        with app.tx() as s:
            core.ensure_builtin(s)
            ids.append((sorted(s.scalars(select(ChecklistStandard.id))), sorted(s.scalars(select(ChecklistItem.id)))))
        app.dispose()
    assert ids[0] == ids[1] and len(ids[0][1]) == 25 + 29 + 29
