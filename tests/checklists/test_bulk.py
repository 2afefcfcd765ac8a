"""The bulk checklist figures equal the per-project evaluation the 资料 tab shows, for any projects and states."""
from __future__ import annotations

import uuid
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select

from db.models import ChecklistItem, ChecklistStandard, Project, ProjectDocument
from desktop.checklists.bulk import BulkChecklists, due_by_township, due_completeness
from desktop.checklists.evaluate import completeness
from desktop.checklists.missing import iter_project_checklists
from desktop.checklists.states import AUTO_NA_REASON, STATE_LABELS
from desktop.checklists import standards_service as core
from desktop.core.errors import UserError
from tests.sizes import size

TODAY = date(2023, 9, 15)
# A standard with the conditions the shipped ones do not use (level, level_not, max_amount_wan, several keys),
# an optional item, a 结算 item, and an item of a stage no project reaches before it is accepted.
EXTRA_ITEMS = [
    ("a1", "申请书", "申报立项", True, None),
    ("a2", "市级批复", "申报立项", True, {"level": ["市级"]}),
    ("b1", "环评", "前期审批", True, {"level_not": ["村企结对"], "max_amount_wan": 500}),
    ("b2", "可选图纸", "前期审批", False, None),
    ("c1", "合同", "招投标与合同", True, {"category": ["产业"], "min_amount_wan": 100}),
    ("d1", "施工日志", "实施", True, {"funding_any": ["沪滇协作资金"]}),
    ("g1", "结算审计报告", "验收与结算", True, None),
    ("h1", "资产移交", "资产", True, {"category_not": ["教育"]}),
]
ITEM_KEYS = sorted({k for k, *_ in EXTRA_ITEMS} | {i["key"] for s in core.builtin_standards() for i in s["items"]}
                   | {"not_in_any_standard"})
STAGES = ["reserve", "preparation", "construction", "completed", "accepted", "operating", "suspended"]

project = st.fixed_dictionaries({
    "stage": st.sampled_from(STAGES),
    "category": st.sampled_from([None, "产业", "基础设施", "教育", "就业", "乡村旅游", "饮水"]),
    "level": st.sampled_from(["市级", "区级", "携手奔小康", "村企结对"]),
    "planned_investment_fen": st.sampled_from([0, 499_999_99, 50_000_000, 100_000_000, 400_000_000, 500_000_000,
                                               1_200_000_000]),
    "funding_sources": st.lists(st.sampled_from(["沪滇协作资金", "衔接推进乡村振兴补助资金", "统筹整合涉农资金",
                                                 "村企结对资金", "自筹"]), max_size=3, unique=True),
    "checklist_standard_key": st.sampled_from([None, None, "hudian", "xianjie", "chanye", "extra", "gone"]),
    "township_code": st.sampled_from(["533401102000", "533401100000"]),
    "docs": st.dictionaries(st.sampled_from(ITEM_KEYS),
                            st.tuples(st.sampled_from(list(STATE_LABELS)),
                                      st.sampled_from([None, AUTO_NA_REASON, "缺签字"])), max_size=30),
})


def _add_extra_standard(app) -> None:
    with app.tx() as s:
        sid = str(uuid.uuid4())
        s.add(ChecklistStandard(id=sid, key="extra", name="测试标准", std_version=1, priority=5))
        s.flush()
        for n, (key, name, stage, required, cond) in enumerate(EXTRA_ITEMS):
            s.add(ChecklistItem(standard_id=sid, key=key, name=name, stage=stage, required=required, condition=cond,
                                sort_order=n))


def _store(app, projects: list[dict]) -> None:
    """Replace every project and document row with these (Core statements: the figures only read rows)."""
    with app.tx() as s:
        s.execute(delete(ProjectDocument))
        s.execute(delete(Project))
        for n, p in enumerate(projects):
            pid = str(uuid.uuid4())
            s.execute(insert(Project).values(
                id=pid, code=f"2023-T-{n:03d}", name=f"项目{n}", year=2023, township_name="乡镇",
                **{k: v for k, v in p.items() if k != "docs"}))
            for key, (state, reason) in p["docs"].items():
                s.execute(insert(ProjectDocument).values(id=str(uuid.uuid4()), project_id=pid, item_key=key,
                                                         state=state, reason=reason))


@pytest.fixture
def app(township_app):
    _add_extra_standard(township_app)
    return township_app


@settings(max_examples=size(15, 60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(project, min_size=1, max_size=8))
def test_bulk_equals_per_project_evaluation(app, projects):
    """For any projects and document states, the bulk figures, pending items and 结算 item equal the item views'."""
    _store(app, projects)
    with app.read() as s:
        ids = select(Project.id)
        bulk = BulkChecklists(s, ids)
        by_id = due_completeness(s)
        expected_towns: dict[str, dict] = {}
        for p, _std, items in iter_project_checklists(s, today=TODAY):
            expected = completeness(items)
            assert bulk.completeness(p) == expected
            assert bulk.due(p) == expected["due"] == by_id[p.id]
            assert bulk.pending_due(p) == [(it["key"], it["name"], it["state"]) for it in items
                                           if it["required"] and it["due"] and it["state"] in ("missing", "needs_fix")]
            assert bulk.settlement(p) == next(((it["name"], it["state"]) for it in items if it["required"] and (
                "settlement" in it["key"] or "结算" in it["name"])), None)
            acc = expected_towns.setdefault(p.township_code, {"counted": 0, "collected": 0, "complete_projects": 0})
            acc["counted"] += expected["due"]["counted"]
            acc["collected"] += expected["due"]["collected"]
            acc["complete_projects"] += expected["due"]["complete"]
        assert len(by_id) == len(projects)
        assert due_by_township(s, year=2023) == expected_towns


def test_deleted_documents_and_projects_are_left_out(app):
    """A tombstoned document counts as never filed, and a tombstoned project is not counted at all."""
    _store(app, [{"stage": "construction", "category": "产业", "level": "市级", "planned_investment_fen": 0,
                  "funding_sources": [], "checklist_standard_key": "extra", "township_code": "533401102000",
                  "docs": {"a1": ("collected", None), "a2": ("collected", None)}}])
    with app.tx() as s:
        s.execute(ProjectDocument.__table__.update().where(ProjectDocument.item_key == "a2").values(deleted=True))
    with app.read() as s:
        (due,) = due_completeness(s).values()
        assert (due["collected"], due["counted"]) == (1, 3)  # a1, a2, b1 (<500万, not 村企结对); c1 needs 100万
    with app.tx() as s:
        s.execute(Project.__table__.update().values(deleted=True))
    with app.read() as s:
        assert due_completeness(s) == {} and due_by_township(s, year=2023) == {}


def test_no_standard_at_all_is_refused_with_a_message(app, monkeypatch):
    """With no standard in the database and none shipped, the figures say what to load instead of failing."""
    _store(app, [{"stage": "construction", "category": "产业", "level": "市级", "planned_investment_fen": 0,
                  "funding_sources": [], "checklist_standard_key": None, "township_code": "533401102000",
                  "docs": {}}])
    with app.tx() as s:
        s.execute(delete(ChecklistItem))
        s.execute(delete(ChecklistStandard))
    monkeypatch.setattr(core, "builtin_standards", lambda: [])
    with app.read() as s, pytest.raises(UserError, match="资料清单标准"):
        due_completeness(s)
