"""The 半月调度表's one query, as plain SQL text (SQLite and PostgreSQL alike).

Why text: the table is written in a fresh process each time a clerk clicks, and building and compiling
the same statement as an SQLAlchemy expression cost ≈ 25 ms there (more than its own query at 1,000
projects); a text statement with typed bind parameters compiles in well under a millisecond.
Per project, through the child tables' project_id indexes: the money up to the previous and this report
date, the last half-monthly report up to the previous date (rb_*), the last one in the period (rn_*),
whether any report is dated after this date (later), and the last milestone due by this date in schedule
order (md_*). Ties (same date, same sort order) go to the row created last, then the larger id.
The project filter is desktop.reports.data.in_scope's (with desktop.round.active's period rule), written
out: tests/reports/test_dispatch_query.py checks both pick the same projects and rows on random data.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import Date, bindparam, column, text

from desktop.reports.data import Scope
from desktop.round.active import SETTLED

_LIVE = "x.project_id = p.id AND NOT x.deleted"


def _sum(table: str, day: str, until: str) -> str:
    return f"(SELECT coalesce(sum(x.amount_fen), 0) FROM {table} x WHERE {_LIVE} AND x.{day} <= :{until})"


def _latest(table: str, where: str, order: str) -> str:
    return (f"(SELECT x.id FROM {table} x WHERE {_LIVE} AND {where} "
            f"ORDER BY {order}, x.created_at DESC, x.id DESC LIMIT 1)")


_SELECT = f"""SELECT p.id, p.code, p.name, p.year, p.level, p.township_name, p.township_code,
 p.planned_investment_fen, p.works_progress_pct,
 {_sum("disbursement", "paid_on", "when")}, {_sum("expenditure", "spent_on", "when")},
 {_sum("disbursement", "paid_on", "prev")}, {_sum("expenditure", "spent_on", "prev")},
 rb.id, rb.works_pct, rn.id, rn.works_pct, rn.summary, rn.problems,
 EXISTS (SELECT 1 FROM progress_report x WHERE {_LIVE} AND x.report_date > :when),
 md.id, md.name, md.planned_date, md.planned_money_pct
FROM project p
LEFT OUTER JOIN progress_report rb ON rb.id = {_latest("progress_report", "x.report_date <= :prev",
                                                       "x.report_date DESC")}
LEFT OUTER JOIN progress_report rn ON rn.id = {_latest("progress_report",
                                                       "x.report_date > :prev AND x.report_date <= :when",
                                                       "x.report_date DESC")}
LEFT OUTER JOIN milestone md ON md.id = {_latest("milestone", "x.planned_date <= :when",
                                                 "x.sort_order DESC, x.planned_date DESC")}
WHERE NOT p.deleted"""

_SETTLED = ", ".join(f"'{s}'" for s in SETTLED)  # constants of the program, never outside text
_ACTIVE = (f" AND p.year <= :when_year AND p.stage <> 'reserve' AND NOT (p.stage IN ({_SETTLED})"
           " AND (p.acceptance_date IS NULL OR p.acceptance_date <= :prev))")
_ORDER = " ORDER BY p.township_code, p.year, p.code"

# The result columns, in order; md_planned is a date (typed so SQLite's text comes back as one).
COLUMNS = ("id", "code", "name", "year", "level", "township", "township_code", "planned", "works", "disbursed",
           "spent", "disbursed_before", "spent_before", "rb_id", "rb_works", "rn_id", "rn_works", "rn_summary",
           "rn_problems", "later", "md_id", "md_name", "md_planned", "md_money")

_STATEMENTS: dict = {}


def dispatch_statement(scope: Scope):
    """The text statement for this scope's shape (which filters apply), made once per shape."""
    shape = (bool(scope.active_in), bool(scope.year), bool(scope.township), bool(scope.exclude_ids))
    if shape not in _STATEMENTS:
        active, year, township, exclude = shape
        sql = (_SELECT + (_ACTIVE if active else "") + (" AND p.year = :year" if year else "")
               + (" AND (p.township_name = :township OR p.township_code = :township)" if township else "")
               + (" AND p.id NOT IN :exclude" if exclude else "") + _ORDER)
        params = [bindparam("prev", type_=Date), bindparam("when", type_=Date)]
        if exclude:
            params.append(bindparam("exclude", expanding=True))
        _STATEMENTS[shape] = (text(sql).bindparams(*params)
                              .columns(*[column(c, Date) if c == "md_planned" else column(c) for c in COLUMNS]))
    return _STATEMENTS[shape]


def dispatch_params(scope: Scope, prev: date, when: date) -> dict:
    """The bind values for dispatch_statement(scope); its period rule (active_in) is (prev, when)'s."""
    out = {"prev": prev, "when": when}
    if scope.active_in:
        if tuple(scope.active_in) != (prev, when):
            raise ValueError("the 半月调度表's active_in must be its own period")
        out["when_year"] = when.year
    return out | scope.bind_values()
