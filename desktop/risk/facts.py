"""Gather what the rules need for many projects in a few queries (the county grades thousands).

Documents are judged exactly as the checklist page shows them (desktop.checklists.bulk gives the same
states as the 资料 tab without building its item views), so a "missing document" reason always matches
what the clerk sees there.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, cast, func, select
from sqlalchemy.orm import Session

from db.models import Expenditure, FundAllocation, Milestone, Project
from desktop.core import settings
from desktop.checklists.bulk import BulkChecklists
from desktop.risk.rules import Facts, Rules

TARGETS_KEY = "dashboard.milestone_targets"  # shared with the dashboard: one place to set the rhythm


def spending_targets(session: Session) -> tuple:
    """(MM-DD, money %) pairs from the dashboard's milestone targets (the seeds' 2020 rhythm by default)."""
    return tuple((md, money) for md, _works, money in settings.get(session, TARGETS_KEY) if money > 0)


def load_rules(session: Session) -> Rules:
    v = settings.get_many(session, ["risk.acceptance_due_days", "risk.settlement_due_days", "risk.unfinished_red_days",
                                    "risk.unused_red_days", "risk.industry_categories"])
    return Rules(targets=spending_targets(session), acceptance_due_days=v["risk.acceptance_due_days"],
                 settlement_due_days=v["risk.settlement_due_days"], unfinished_red_days=v["risk.unfinished_red_days"],
                 unused_red_days=v["risk.unused_red_days"], industry_categories=tuple(v["risk.industry_categories"]))


def _sums(session: Session, model, ids_q) -> dict[str, int]:
    rows = session.execute(select(model.project_id, cast(func.sum(model.amount_fen), BigInteger))
                           .where(model.project_id.in_(ids_q), model.deleted.is_(False))
                           .group_by(model.project_id))
    return {pid: int(total or 0) for pid, total in rows}


def gather(session: Session, today: date, *, codes=None, township=None, year=None) -> list[Facts]:
    """Facts for the matching live projects, ordered by year (newest first) and code."""
    q = select(Project).where(Project.deleted.is_(False))
    if codes is not None:
        q = q.where(Project.code.in_(list(codes)))
    if township:
        q = q.where((Project.township_code == township) | (Project.township_name == township))
    if year:
        q = q.where(Project.year == int(year))
    ids_q = q.with_only_columns(Project.id)
    allocated = _sums(session, FundAllocation, ids_q)
    spent = _sums(session, Expenditure, ids_q)
    overdue: dict[str, list] = {}
    for pid, name, planned in session.execute(
            select(Milestone.project_id, Milestone.name, Milestone.planned_date)
            .where(Milestone.project_id.in_(ids_q), Milestone.deleted.is_(False), Milestone.actual_date.is_(None),
                   Milestone.planned_date < today)):
        overdue.setdefault(pid, []).append((name, planned))
    from desktop.risk.asset_rules import gather_assets

    assets = gather_assets(session, ids_q)
    bulk = BulkChecklists(session, ids_q)
    return [Facts(project=p, allocated_fen=allocated.get(p.id, 0), spent_fen=spent.get(p.id, 0),
                  overdue_milestones=overdue.get(p.id, []), missing_documents=bulk.pending_due(p),
                  settlement_item=bulk.settlement(p), assets=assets.get(p.id, []))
            for p in session.scalars(q.order_by(Project.year.desc(), Project.code))]
