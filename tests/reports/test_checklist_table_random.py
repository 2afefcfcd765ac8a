"""资料目录对照表 equals the per-project evaluation over generated projects with seeded random stages,
standards and document states (the demo alone does not reach every rule)."""
from __future__ import annotations

import random
import uuid
from datetime import datetime

import pytest
from sqlalchemy import insert, select, update

from bench.generate import bulk_fill
from db.models import Project, ProjectDocument
from desktop.checklists import standards_service as core
from desktop.checklists.evaluate import completeness, evaluate_items
from desktop.checklists.standards import StandardCatalog
from desktop.checklists.states import AUTO_NA_REASON, STATE_LABELS
from desktop.reports import build_table

STAGES = ["reserve", "preparation", "construction", "completed", "accepted", "operating", "suspended"]
CATEGORIES = [None, "产业", "基础设施", "教育", "就业", "乡村旅游", "饮水"]
SOURCES = ["沪滇协作资金", "衔接推进乡村振兴补助资金", "统筹整合涉农资金", "村企结对资金", "自筹"]


def _randomise(app, seed: int) -> None:
    """Give every project a random stage, category, amount, sources and standard, and random stored documents."""
    rng = random.Random(seed)
    keys = sorted({i["key"] for s in core.builtin_standards() for i in s["items"]} | {"not_in_any_standard"})
    base = {"version": 1, "created_at": datetime(2020, 1, 1), "updated_at": datetime(2020, 1, 1),
            "origin_node": app.node.id}
    with app.tx() as s:
        docs = []
        for pid in s.scalars(select(Project.id)).all():
            s.execute(update(Project).where(Project.id == pid).values(
                stage=rng.choice(STAGES), category=rng.choice(CATEGORIES),
                planned_investment_fen=rng.choice([0, 49_999_999, 100_000_000, 500_000_000, 1_200_000_000]),
                funding_sources=rng.sample(SOURCES, rng.randint(0, 3)),
                checklist_standard_key=rng.choice([None, None, "hudian", "xianjie", "chanye", "gone"])))
            s.execute(ProjectDocument.__table__.delete().where(ProjectDocument.project_id == pid))
            for key in rng.sample(keys, rng.randint(0, len(keys))):
                docs.append({**base, "id": str(uuid.uuid4()), "project_id": pid, "item_key": key,
                             "state": rng.choice(list(STATE_LABELS)), "deleted": rng.random() < 0.1,
                             "reason": rng.choice([None, AUTO_NA_REASON, "缺签字"])})
        s.execute(insert(ProjectDocument), docs)


def _assert_lines_equal_evaluation(app) -> int:
    report = build_table(app, "checklist")
    lines = {ln.values["code"]: ln.values for ln in report.lines if ln.kind == "data"}
    with app.read() as s:
        catalog = StandardCatalog(s)
        projects = list(s.scalars(select(Project).where(Project.deleted.is_(False))))
        assert set(lines) == {p.code for p in projects}
        for p in projects:
            std = catalog.for_project(p)
            docs = {d.item_key: d for d in s.scalars(select(ProjectDocument).where(
                ProjectDocument.project_id == p.id, ProjectDocument.deleted.is_(False)))}
            items = evaluate_items(p, std, docs)
            c = completeness(items)["overall"]
            got = lines[p.code]
            assert got["standard"] == std.name, p.code
            assert (got["required"], got["collected"], got["needs_fix"], got["missing"], got["not_applicable"],
                    got["counted"]) == (c["required"], c["collected"], c["needs_fix"], c["missing"],
                                        c["not_applicable"], c["counted"]), p.code
            assert got["complete_rate"] == (c["collected"] / c["counted"] if c["counted"] else None), p.code
            want = "；".join(it["name"] + ("（需补正）" if it["state"] == "needs_fix" else "") for it in items
                             if it["required"] and it["state"] in ("missing", "needs_fix"))
            assert got["missing_names"] == want, p.code
    return len(projects)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_table_equals_per_project_evaluation_on_random_projects(county_app, seed):
    """Demo plus 60 generated projects with seeded random stages, standards and documents: every line of the
    table equals evaluate_items + completeness of that project."""
    bulk_fill(county_app, 60, seed=seed, children=False)
    _randomise(county_app, seed)
    assert _assert_lines_equal_evaluation(county_app) >= 60
