"""Which projects take part in a round, and their figures so far, read in a few grouped queries.

Active on a report date: started or due to start (any stage but 储备) and not yet settled before the
period began, of any year up to the report date's — a delayed 2020 project is still reported in 2026.
A project accepted inside the period is still in it (its last payments are reported then).
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import and_, func, not_, or_, select

from db.models import Disbursement, Expenditure, FundAllocation, Milestone, ProgressReport, Project
from desktop.round.dates import period_of

ROUND_TAG = "半月调度"  # note of the payments and purpose of the spending a round writes
SETTLED = ("accepted", "operating")


def active_filter(prev: date, when: date):
    """The SQL condition for 'active in the period after `prev` up to `when`'."""
    settled_before = and_(Project.stage.in_(SETTLED),
                          or_(Project.acceptance_date.is_(None), Project.acceptance_date <= prev))
    return and_(Project.deleted.is_(False), Project.year <= when.year, Project.stage != "reserve",
                not_(settled_before))


def active_projects(s, when: date, township: str | None = None) -> list[Project]:
    prev, when = period_of(when)
    q = select(Project).where(active_filter(prev, when))
    if township:
        q = q.where(or_(Project.township_code == township, Project.township_name == township))
    return list(s.scalars(q.order_by(Project.township_code, Project.year, Project.code)))


def _sums(s, model, date_col, ids, lo: date | None, hi: date) -> dict[str, int]:
    q = select(model.project_id, func.sum(model.amount_fen)).where(model.project_id.in_(ids), model.deleted.is_(False),
                                                                  date_col <= hi)
    if lo is not None:
        q = q.where(date_col > lo)
    return {k: int(v or 0) for k, v in s.execute(q.group_by(model.project_id)).all()}


def _tagged(s, model, date_col, tag_col, ids, when: date) -> dict[str, int]:
    q = (select(model.project_id, func.sum(model.amount_fen))
         .where(model.project_id.in_(ids), model.deleted.is_(False), date_col == when, tag_col == ROUND_TAG))
    return {k: int(v or 0) for k, v in s.execute(q.group_by(model.project_id)).all()}


def _by_project(s, model, ids, *order) -> dict[str, list]:
    out: dict[str, list] = {}
    q = select(model).where(model.project_id.in_(ids), model.deleted.is_(False)).order_by(*order)
    for r in s.scalars(q):
        out.setdefault(r.project_id, []).append(r)
    return out


def figures(s, projects: list[Project], when: date) -> list[dict]:
    """One dict per project: money before and in the period, works before and now, the next milestone."""
    prev, when = period_of(when)
    ids = [p.id for p in projects]
    paid_before = _sums(s, Disbursement, Disbursement.paid_on, ids, None, prev)
    paid_now = _sums(s, Disbursement, Disbursement.paid_on, ids, prev, when)
    spent_before = _sums(s, Expenditure, Expenditure.spent_on, ids, None, prev)
    spent_now = _sums(s, Expenditure, Expenditure.spent_on, ids, prev, when)
    paid_tag = _tagged(s, Disbursement, Disbursement.paid_on, Disbursement.note, ids, when)
    spent_tag = _tagged(s, Expenditure, Expenditure.spent_on, Expenditure.purpose, ids, when)
    allocated = dict(s.execute(select(FundAllocation.project_id, func.sum(FundAllocation.amount_fen))
                               .where(FundAllocation.project_id.in_(ids), FundAllocation.deleted.is_(False))
                               .group_by(FundAllocation.project_id)).all())
    reports = _by_project(s, ProgressReport, ids, ProgressReport.report_date, ProgressReport.created_at)
    milestones = _by_project(s, Milestone, ids, Milestone.sort_order, Milestone.planned_date)
    out = []
    for p in projects:
        reps = [r for r in reports.get(p.id, []) if r.report_date <= when]
        earlier = [r for r in reps if r.report_date <= prev]
        in_period = [r for r in reps if r.report_date > prev]
        if earlier:
            works_prev = earlier[-1].works_pct
        elif not in_period and not [r for r in reports.get(p.id, []) if r.report_date > when]:
            works_prev = p.works_progress_pct  # no report at all yet: the figure on the project file
        else:
            works_prev = None
        ms = milestones.get(p.id, [])
        open_ms = [m for m in ms if m.actual_date is None or m.actual_date > when]
        reached = [m for m in ms if m.actual_date is not None and prev < m.actual_date <= when]
        own = next((r for r in in_period if r.report_date == when and r.period == "half-monthly"), None)
        out.append({
            "id": p.id, "code": p.code, "name": p.name, "year": p.year, "township": p.township_name,
            "township_code": p.township_code, "stage": p.stage,
            "planned": p.planned_investment_fen, "allocated": int(allocated.get(p.id) or 0),
            "ceiling": max(int(allocated.get(p.id) or 0), p.planned_investment_fen),
            "paid_before": paid_before.get(p.id, 0), "paid_period": paid_now.get(p.id, 0),
            "spent_before": spent_before.get(p.id, 0), "spent_period": spent_now.get(p.id, 0),
            "paid_round": paid_tag.get(p.id, 0), "spent_round": spent_tag.get(p.id, 0),
            "works_prev": works_prev, "works_now": in_period[-1].works_pct if in_period else None,
            "note": (own.summary or "") if own else "",
            "next_milestone": open_ms[0].name if open_ms else "", "next_milestone_id": open_ms[0].id if open_ms else None,
            "next_milestone_date": open_ms[0].planned_date if open_ms else None,
            "reached": "、".join(m.name for m in reached),
        })
    return out


def round_rows(app, when: date, township: str | None = None) -> list[dict]:
    """The grid's rows for one report date: this township's active projects (a county may name one)."""
    if township is None and app.node is not None and not app.node.is_county:
        township = app.node.region_code
    with app.read() as s:
        return figures(s, active_projects(s, when, township), when)
