"""帮扶提升汇总表 from one GROUP BY gives the figures counted project by project."""
from __future__ import annotations

from collections import Counter

import pytest

from desktop.reports import build_table
from desktop.reports.data import Scope, gather


def _per_project(app, by: str) -> dict:
    """(level, who) → counts and sums worked out from one row per project, as the table was built before."""
    with app.read() as s:
        rows = gather(s, Scope(), industry_only=True)
    field = "township" if by == "township" else "unit"
    out: dict = {}
    for r in rows:
        key = (r["level"], r[field] or "（未填）")
        c = out.setdefault(key, Counter())
        c["n_all"] += 1
        c["fen_all"] += r["planned"]
        c[f"n_{r['risk'] or 'none'}"] += 1
        c[f"fen_{r['risk'] or 'none'}"] += r["planned"]
        c["signed"] += bool(r["signed_off"])
        if r["disposition"] in ("巩固", "提升", "盘活", "另起炉灶"):
            c[f"d_{r['disposition']}"] += 1
    return out


@pytest.mark.parametrize("by", ["township", "department"])
def test_summary_lines_equal_the_per_project_count(county_app, by):
    """Every line of the summary (by township and by department) equals the count over one row per project."""
    report = build_table(county_app, "summary", by=by)
    want = _per_project(county_app, by)
    level = None
    got: dict = {}
    for ln in report.lines:
        if ln.kind == "section":
            level = ln.values["name"].split("（")[0].removesuffix("项目")
        elif ln.kind == "data":
            got[(level, ln.values["name"])] = {k: v for k, v in ln.values.items()
                                               if k not in ("name", "seq", "remark") and v}
    want = {(lvl.removesuffix("项目"), who): {k: v for k, v in c.items() if v} for (lvl, who), c in want.items()}
    assert got == want
    total = report.lines[0].values
    assert total["n_all"] == sum(c["n_all"] for c in want.values())
    assert total["fen_all"] == sum(c["fen_all"] for c in want.values())


def test_text_group_by_equals_the_expression_for_every_scope_shape(county_app):
    """summary_sql's plain-text GROUP BY returns the same groups as summary_query for every scope shape and both groupings:
    all, a year, a township, projects left out (项目库), industry projects only or all, and their mixes,
    with projects graded more than once (the latest grade's disposition and sign-off count)."""
    import random

    from sqlalchemy import select

    from db.models import Project
    from db.reads import core_rows
    from desktop.reports.data import summary_groups, summary_query

    def norm(rows):
        return sorted(repr(tuple(int(v) if isinstance(v, (bool, int)) or hasattr(v, "as_integer_ratio") else v
                                 for v in r)) for r in rows)

    from datetime import datetime

    from db.models import RiskAssessment

    rng = random.Random(3)
    with county_app.tx() as s:  # later and earlier grades with other dispositions: the latest one must count
        for pid in rng.sample(list(s.scalars(select(Project.id).where(Project.risk_level.is_not(None)))), 10):
            for day, disposition, signed in ((datetime(2031, 1, 1), "restart", True), (datetime(2001, 1, 1), "", False)):
                s.add(RiskAssessment(project_id=pid, level="yellow", proposed_level="yellow", reasons=[], plan=[],
                                     disposition=disposition, assessed_by="县工作专班", assessed_at=day,
                                     signed_off=signed))
    with county_app.read() as s:
        projects = s.execute(select(Project.id, Project.township_name)).all()
        leave_out = frozenset(rng.sample([p.id for p in projects], len(projects) // 4))
        town = projects[0].township_name
        shapes = [Scope(), Scope(year=2020), Scope(township=town), Scope(exclude_ids=leave_out),
                  Scope(year=2021, township=town, exclude_ids=leave_out)]
        for scope in shapes:
            for industry in (True, False):
                for by in ("township", "department"):
                    want = norm(core_rows(s, summary_query(scope, industry, by)).all())
                    assert norm(summary_groups(s, scope, industry, by)) == want, (scope, industry, by)
                    assert want or scope.year == 2021, scope
