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
