"""The 工作台: this year's figures, progress against milestone targets, and what needs action now.

Why one call: the dashboard is the first thing painted at start-up, so everything it shows
comes from one read transaction with a handful of aggregate queries (fast at 5,000 projects).
"""
from __future__ import annotations

import calendar
from datetime import date

from sqlalchemy import func, select

from db.models import (
    Disbursement, Expenditure, FundAllocation, Milestone, Notice, ProgressReport, Project, ProjectDocument,
    Rectification,
)
from desktop.core import settings
from desktop.values.money import fen_to_wan_str
from desktop.projects.fields import RISK_LABELS

TARGETS_KEY = "dashboard.milestone_targets"  # (MM-DD, works %, money %); default: the seeds' 2020 rhythm
STARTED = ("construction", "completed", "accepted", "operating")
FINISHED = ("completed", "accepted", "operating")
LIST_LIMIT = 200


def get_targets(app) -> list[tuple[str, int, int]]:
    """Milestone targets [(MM-DD, works %, money %)]: the setting, else the seeds' 2020 rhythm."""
    return [tuple(t) for t in settings.read(app, TARGETS_KEY)]


def set_targets(app, targets: list) -> list[tuple[str, int, int]]:
    """Save milestone targets [(MM-DD, works %, money %)]; refuses bad dates or falling targets."""
    return settings.set_value(app, TARGETS_KEY, [tuple(t) for t in targets])


def available_years(app) -> list[int]:
    with app.read() as s:
        return list(s.scalars(select(Project.year).where(Project.deleted.is_(False)).distinct()
                              .order_by(Project.year.desc())))


def default_year(app, today: date | None = None) -> int:
    today = today or date.today()
    years = available_years(app)
    return today.year if today.year in years or not years else years[0]


def _pct(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def dashboard(app, year: int | None = None, today: date | None = None) -> dict:
    """Cards, chart series and action lists for `year` (default: this year, else the latest)."""
    today = today or date.today()
    year = year or default_year(app, today)
    targets = get_targets(app)
    with app.read() as s:
        live = Project.deleted.is_(False)
        rows = s.execute(select(Project.id, Project.code, Project.name, Project.stage, Project.risk_level,
                                Project.planned_investment_fen, Project.works_progress_pct)
                         .where(live, Project.year == year)).all()
        ids = [r.id for r in rows]
        in_year = Project.year == year
        disbursed = _sum_by_date(s, Disbursement, Disbursement.paid_on, in_year)
        spent = _sum_by_date(s, Expenditure, Expenditure.spent_on, in_year)
        allocated = s.scalar(select(func.coalesce(func.sum(FundAllocation.amount_fen), 0))
                             .join(Project, Project.id == FundAllocation.project_id)
                             .where(live, in_year, FundAllocation.deleted.is_(False))) or 0
        docs = dict(s.execute(select(ProjectDocument.state, func.count())
                              .join(Project, Project.id == ProjectDocument.project_id)
                              .where(live, in_year, ProjectDocument.deleted.is_(False))
                              .group_by(ProjectDocument.state)).all())
        works_events = _works_events(s, in_year)
        actions = _actions(s, app, today)
    planned = sum(r.planned_investment_fen for r in rows)
    n = len(rows)
    total_disbursed, total_spent = sum(disbursed.values()), sum(spent.values())
    doc_total = sum(docs.values())
    doc_ok = docs.get("collected", 0) + docs.get("not_applicable", 0)
    risk = {k: sum(1 for r in rows if r.risk_level == k) for k in ("red", "yellow", "green")}
    cards = {
        "year": year, "projects": n,
        "started": sum(1 for r in rows if r.stage in STARTED), "finished": sum(1 for r in rows if r.stage in FINISHED),
        "planned_fen": planned, "allocated_fen": int(allocated), "disbursed_fen": total_disbursed,
        "spent_fen": total_spent, "planned_wan": fen_to_wan_str(planned),
        "disbursed_wan": fen_to_wan_str(total_disbursed), "spent_wan": fen_to_wan_str(total_spent),
        "docs_total": doc_total, "docs_complete": doc_ok, "risk": risk,
    }
    cards["start_rate"] = _pct(cards["started"], n)
    cards["finish_rate"] = _pct(cards["finished"], n)
    cards["disbursement_rate"] = _pct(total_disbursed, planned)
    cards["spending_rate"] = _pct(total_spent, int(allocated) or planned)
    cards["docs_rate"] = _pct(doc_ok, doc_total)
    cards["works_avg"] = _pct(sum(r.planned_investment_fen * r.works_progress_pct for r in rows), planned * 100) \
        if planned else 0.0
    chart = _chart(year, today, planned, disbursed, spent, works_events,
                   {r.id: (r.planned_investment_fen, r.works_progress_pct) for r in rows}, targets)
    return {"year": year, "today": today.isoformat(), "cards": cards, "chart": chart, "targets": targets,
            "actions": actions, "project_ids": len(ids)}


def _sum_by_date(s, model, date_col, in_year) -> dict[date, int]:
    q = (select(date_col, func.sum(model.amount_fen)).join(Project, Project.id == model.project_id)
         .where(Project.deleted.is_(False), in_year, model.deleted.is_(False)).group_by(date_col))
    return {d: int(v or 0) for d, v in s.execute(q) if d is not None}


def _works_events(s, in_year) -> list[tuple[str, date, int]]:
    """(project id, date, works %) from progress reports and reached milestones."""
    q1 = (select(ProgressReport.project_id, ProgressReport.report_date, ProgressReport.works_pct)
          .join(Project, Project.id == ProgressReport.project_id)
          .where(Project.deleted.is_(False), in_year, ProgressReport.deleted.is_(False)))
    q2 = (select(Milestone.project_id, Milestone.actual_date, Milestone.planned_works_pct)
          .join(Project, Project.id == Milestone.project_id)
          .where(Project.deleted.is_(False), in_year, Milestone.deleted.is_(False), Milestone.actual_date.is_not(None)))
    return [tuple(r) for r in s.execute(q1)] + [tuple(r) for r in s.execute(q2)]


def _month_ends(year: int, today: date) -> list[date]:
    ends = [date(year, m, calendar.monthrange(year, m)[1]) for m in range(1, 13)]
    if year == today.year:
        ends = [d for d in ends if d < today] + [today]
    return [d for d in ends if d.year == year]


def _chart(year, today, planned, disbursed, spent, works_events, projects, targets) -> dict:
    """Cumulative % of planned investment disbursed/spent, and investment-weighted works %."""
    points = _month_ends(year, today) if year <= today.year else []
    d_items, s_items = sorted(disbursed.items()), sorted(spent.items())
    events = sorted((d, pid, pct) for pid, d, pct in works_events if d is not None)
    out = {"dates": [], "disbursed_pct": [], "spent_pct": [], "works_pct": []}
    reached: dict[str, int] = {}
    ei = 0
    for point in points:
        while ei < len(events) and events[ei][0] <= point:
            _, pid, pct = events[ei]
            reached[pid] = max(reached.get(pid, 0), pct)
            ei += 1
        if point >= today or year < today.year and point == points[-1]:
            for pid, (_, pct) in projects.items():
                reached[pid] = max(reached.get(pid, 0), pct)
        weighted = sum(projects[p][0] * v for p, v in reached.items() if p in projects)
        out["dates"].append(point.isoformat())
        out["disbursed_pct"].append(_pct(sum(v for d, v in d_items if d <= point), planned))
        out["spent_pct"].append(_pct(sum(v for d, v in s_items if d <= point), planned))
        out["works_pct"].append(round(weighted / planned, 1) if planned else 0.0)
    out["targets"] = [{"date": f"{year}-{md}", "works_pct": w, "money_pct": m} for md, w, m in targets]
    return out


def _actions(s, app, today: date) -> dict:
    """The four lists, each limited to LIST_LIMIT rows in SQL, with the full count beside it."""
    live = Project.deleted.is_(False)
    late = (Milestone.deleted.is_(False), Milestone.actual_date.is_(None), Milestone.planned_date < today)
    per_project = (select(Milestone.project_id, func.count().label("n"), func.max(Milestone.planned_date).label("last"))
                   .where(*late).group_by(Milestone.project_id).subquery())
    overdue_count = s.scalar(select(func.count()).select_from(per_project)
                             .join(Project, Project.id == per_project.c.project_id).where(live))
    overdue = s.execute(
        select(Project.code, Project.name, Milestone.name, per_project.c.last, Milestone.planned_works_pct,
               Project.works_progress_pct, per_project.c.n)
        .join(per_project, per_project.c.project_id == Project.id)
        .join(Milestone, (Milestone.project_id == Project.id) & (Milestone.planned_date == per_project.c.last))
        .where(live, *late)
        .order_by(per_project.c.last.desc(), Project.code).limit(LIST_LIMIT * 2)).all()
    by_project: dict[str, dict] = {}
    for c, n, m, d, w, cur, missed in overdue:  # one row per project: its latest missed milestone
        if c not in by_project:
            by_project[c] = {"code": c, "project": n, "what": m + (f"等{missed}个节点" if missed > 1 else ""),
                             "date": d.isoformat(), "days": (today - d).days, "detail": f"要求 {w}%，当前 {cur}%"}
    overdue_items = list(by_project.values())[:LIST_LIMIT]
    rect = s.execute(
        select(Project.code, Project.name, Rectification.issue, Rectification.deadline, Rectification.responsible)
        .join(Project, Project.id == Rectification.project_id)
        .where(live, Rectification.deleted.is_(False), Rectification.status != "done")
        .order_by(Rectification.deadline.is_(None), Rectification.deadline, Project.code)).all()
    rect_items = [{"code": c, "project": n, "what": issue, "date": d.isoformat() if d else None,
                   "days": (today - d).days if d else None, "detail": f"责任人：{who}" if who else ""}
                  for c, n, issue, d, who in rect]
    notice_items = _open_notices(s, app, today)
    risky_where = (live, Project.risk_level.in_(("red", "yellow")))
    risky_count = s.scalar(select(func.count()).select_from(Project).where(*risky_where))
    risky = s.execute(select(Project.code, Project.name, Project.risk_level, Project.year,
                             Project.planned_investment_fen)
                      .where(*risky_where)
                      .order_by(Project.risk_level, Project.year.desc(), Project.code).limit(LIST_LIMIT)).all()
    risk_items = [{"code": c, "project": n, "what": f"{RISK_LABELS[r]}色风险", "risk": r, "date": None, "days": None,
                   "detail": f"{y} 年，计划投资 {fen_to_wan_str(f)} 万元"} for c, n, r, y, f in risky]
    counts = {"overdue_milestones": overdue_count, "risky_projects": risky_count}
    return {key: {"count": counts.get(key, len(items)), "items": items if key == "notices" else items[:LIST_LIMIT]}
            for key, items in (("overdue_milestones", overdue_items), ("open_rectifications", rect_items),
                               ("notices", notice_items), ("risky_projects", risk_items))}


def _open_notices(s, app, today: date) -> list[dict]:
    """Every open 督办单 (not only those due soon), newest first, with its text: a township sees a new notice
    the day it arrives, not a week before its deadline."""
    nq = select(Notice.number, Notice.title, Notice.content, Notice.issued_on, Notice.deadline,
                Notice.project_ids).where(Notice.deleted.is_(False), Notice.status != "closed")
    if app.node and app.node.role == "township":
        nq = nq.where(Notice.township_code == app.node.region_code)
    notices = s.execute(nq.order_by(Notice.issued_on.desc(), Notice.year.desc(), Notice.number.desc())).all()
    code_of = dict(s.execute(select(Project.id, Project.code)
                             .where(Project.id.in_([i for n in notices for i in (n.project_ids or [])]))).all())
    return [{"code": next((code_of[i] for i in (n.project_ids or []) if i in code_of), None),
             "project": f"督办单第 {n.number} 号", "what": n.title, "text": n.content or "",
             "issued": n.issued_on.isoformat(), "date": n.deadline.isoformat(),
             "days": (today - n.deadline).days, "detail": f"涉及 {len(n.project_ids or [])} 个项目"}
            for n in notices]
