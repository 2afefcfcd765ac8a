"""Project services: one transaction per call, field-level change log, Chinese validation."""
import pytest
from sqlalchemy import func, select

from db.models import ChangeLog, Project
from desktop.core.errors import StaleRecord, UserError
from desktop.projects import projects

BASE = {"name": "联合村乡村旅游建设项目", "year": 2020, "level": "市级", "planned_investment_wan": "1690",
        "funding_sources": "沪滇协作资金、地方配套", "village": "联合村", "stage": "前期"}


def _count(app, model):
    with app.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_create_proposes_code_and_stores_fen(township_app):
    """A new project gets a code from year and township, and money is exact integer fen."""
    p = projects.create_project(township_app, BASE)
    assert p["code"] == "2020-102-001"
    assert p["planned_investment_fen"] == 1_690_000_000
    assert p["planned_investment_yuan"] == "16900000.00"
    assert p["funding_sources"] == ["沪滇协作资金", "地方配套"]
    assert p["township"] == "小中甸镇" and p["stage"] == "preparation"


def test_every_field_change_is_logged_with_user_old_and_new(township_app):
    """Editing two fields writes two change-log rows naming the user and both values."""
    code = projects.create_project(township_app, BASE)["code"]
    projects.update_project(township_app, code, {"planned_investment_yuan": "17000000", "stage": "在建"})
    hist = projects.project_history(township_app, code)
    changed = {h["field"]: h for h in hist if h["op"] == "update"}
    assert changed["planned_investment_fen"]["old"] == "1690000000"
    assert changed["planned_investment_fen"]["new"] == "1700000000"
    assert changed["stage"]["new"] == '"construction"'
    assert all(h["user"] == "测试员" for h in hist)


@pytest.mark.parametrize("data,field", [
    ({**BASE, "planned_investment_yuan": "-100"}, "计划投资"),
    ({**BASE, "start_date": "2020-13-45"}, "开工日期"),
    ({**BASE, "start_date": "2020-06-01", "planned_completion_date": "2020-01-01"}, "计划完工日期"),
    ({**BASE, "start_date": "2031-06-01"}, "开工日期"),
    ({k: v for k, v in BASE.items() if k != "name"}, "项目名称"),
    ({**BASE, "stage": "半完工"}, "项目阶段"),
    ({**BASE, "colour": "red"}, "colour"),
    ({**BASE, "poor_households": 30, "beneficiary_households": 10}, "带动建档立卡户数"),
])
def test_bad_input_refused_naming_the_field_and_nothing_written(township_app, data, field):
    """Each bad value gives a Chinese message naming the field, and no row is written."""
    before = _count(township_app, ChangeLog)
    with pytest.raises(UserError) as e:
        projects.create_project(township_app, data)
    assert field in e.value.message
    assert _count(township_app, Project) == 0
    assert _count(township_app, ChangeLog) == before


def test_batch_is_all_or_nothing(township_app):
    """One bad item in a batch refuses the whole batch and names the item."""
    with pytest.raises(UserError) as e:
        projects.create_many(township_app, [BASE, {**BASE, "name": "第二个", "year": "二〇二〇"}], "文件 x.json")
    assert "第 2 项" in e.value.message and "年度" in e.value.message
    assert _count(township_app, Project) == 0


def test_stale_save_is_refused(township_app):
    """A save based on an old version is refused instead of overwriting the newer one."""
    p = projects.create_project(township_app, BASE)
    projects.update_project(township_app, p["code"], {"village": "安南村"})
    with pytest.raises(StaleRecord) as e:
        projects.update_project(township_app, p["code"], {"village": "团结村"}, expected_version=p["version"])
    assert "已被他人修改" in e.value.message
    assert projects.get_project(township_app, p["code"])["village"] == "安南村"


def test_delete_is_a_tombstone(township_app):
    """Deleting keeps the row with a tombstone so the deletion can sync."""
    code = projects.create_project(township_app, BASE)["code"]
    projects.delete_project(township_app, code)
    assert projects.list_projects(township_app) == []
    with township_app.read() as s:
        assert s.scalar(select(Project.deleted).where(Project.code == code)) is True
