"""The county's view of a round: for one report date, which townships' figures have arrived.

A township's round has arrived when the county holds (from its packages) the half-monthly progress
reports dated that day; 'complete' when every project active on that date has one.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from db.models import ProgressReport, Project, Region
from desktop.core.errors import UserError
from desktop.round.active import active_filter
from desktop.round.dates import period_of


def round_arrivals(app, when: date) -> dict:
    """One row per township of this county: active projects, how many reported for `when`, arrived or not."""
    if app.node is None or not app.node.is_county:
        raise UserError("各乡镇半月调度的到达情况只在县级办公室查看。")
    prev, when = period_of(when)
    with app.read() as s:
        regions = dict(s.execute(select(Region.code, Region.name).where(
            Region.level == "township", Region.parent_code == app.node.region_code)).all())
        active = {code: (name, n) for code, name, n in s.execute(
            select(Project.township_code, func.min(Project.township_name), func.count(Project.id))
            .where(active_filter(prev, when)).group_by(Project.township_code)).all()}
        reported = dict(s.execute(
            select(Project.township_code, func.count(func.distinct(ProgressReport.project_id)))
            .join(Project, Project.id == ProgressReport.project_id)
            .where(ProgressReport.deleted.is_(False), ProgressReport.report_date == when,
                   ProgressReport.period == "half-monthly", active_filter(prev, when))
            .group_by(Project.township_code)).all())
    rows = []
    for code in sorted(set(regions) | set(active)):
        name, n = active.get(code, (regions.get(code, code), 0))
        got = int(reported.get(code, 0))
        rows.append({"township_code": code, "township": regions.get(code) or name, "active": n, "reported": got,
                     "arrived": got > 0, "complete": n > 0 and got >= n,
                     "state": "无在办项目" if n == 0 else ("已报齐" if got >= n else (f"已报 {got}/{n}" if got else "未报送"))})
    return {"date": when.isoformat(), "townships": rows,
            "arrived": sum(r["arrived"] for r in rows), "expected": sum(r["active"] > 0 for r in rows)}
