"""A county data folder and helpers to give projects money, milestones and documents."""
from datetime import date

import pytest

from tests.conftest import COUNTY

TODAY = date(2023, 9, 15)
XZD = "533401102000"   # 小中甸镇
JT = "533401101000"    # 建塘镇


@pytest.fixture
def county_app(tmp_path, request):
    """An initialised, empty county data folder opened in-process (a copy of one made once per worker)."""
    from tests.conftest import copied_app

    app = copied_app(request, "county_empty_template", tmp_path / "county", "county", COUNTY)
    app.user_name = "县工作专班"
    yield app
    app.dispose()


def add_project(app, *, township=XZD, allocated_fen=None, spent_fen=None, milestones=(), **fields) -> str:
    """Create a project (county side) with an allocation, spending and milestones; returns its code."""
    from db.models import Expenditure, FundAllocation, Milestone
    from desktop.projects import projects

    data = {"name": "安南村牦牛养殖产业项目", "year": 2023, "level": "市级", "category": "产业",
            "planned_investment_wan": "620", "township_code": township, "stage": "在建",
            "start_date": "2023-05-01", "planned_completion_date": "2023-10-30", "joint_account": "是"}
    data.update(fields)
    p = projects.create_project(app, data)
    with app.tx() as s:
        amount = p["planned_investment_fen"] if allocated_fen is None else allocated_fen
        if amount:
            s.add(FundAllocation(project_id=p["id"], source="沪滇协作资金", amount_fen=amount))
        spent = amount * 8 // 10 if spent_fen is None else spent_fen
        if spent:
            s.add(Expenditure(project_id=p["id"], spent_on=date(2023, 7, 1), amount_fen=spent))
        for i, (name, planned, actual) in enumerate(milestones):
            s.add(Milestone(project_id=p["id"], name=name, planned_date=planned, actual_date=actual, sort_order=i))
    return p["code"]


def file_documents(app, code: str, state: str = "collected", only=None) -> None:
    """Put every applicable item of the project's checklist (or just `only`) in `state`."""
    from desktop.checklists.service import ensure_documents
    from desktop.checklists.standards import load_in
    from desktop.checklists.standards_service import applies
    from desktop.projects.projects import find

    with app.tx() as s:
        p = find(s, code)
        std = load_in(s).for_project(p)
        docs = ensure_documents(s, p, std)
        for it in std.items:
            if (only is None or it.key in only) and applies(it.condition, p):
                docs[it.key].state = state
                docs[it.key].reason = "缺少签字盖章" if state == "needs_fix" else None
