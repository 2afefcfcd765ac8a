"""The 帮扶提升汇总表's GROUP BY as plain SQL text (SQLite and PostgreSQL alike).

Why text: the summary is 60 lines written in a fresh process per click; building and compiling
`desktop.reports.data.summary_query` as an SQLAlchemy expression cost ≈ 10–15 ms there, a third of the
whole table. This is the same statement written out (tests/reports/test_summary_groupby.py checks both
return the same groups for every scope shape); summary_query stays as the readable reference and as
the bench's plain-sqlite3 floor.
"""
from __future__ import annotations

from sqlalchemy import bindparam, text

from desktop.projects.fields import DISPOSITION_LABELS
from desktop.reports.data import INDUSTRY, SUMMARY_COLOURS, Scope

_DISPOSITION = "coalesce(nullif(ra.disposition, ''), p.disposition)"
_SIGNED = "coalesce(ra.signed_off, false)"
_KEYS = {"township": "p.level, p.township_code, p.township_name", "department": "p.level, p.implementing_unit"}
_INDUSTRY = ", ".join(f"'{c}'" for c in INDUSTRY)  # constants of the program, never outside text


def _hit(code) -> str:
    return "p.risk_level IS NULL" if code is None else f"p.risk_level = '{code}'"


_COUNTS = ", ".join(
    ["count(*) AS n_all", "coalesce(sum(p.planned_investment_fen), 0) AS fen_all",
     f"sum(CASE WHEN {_SIGNED} THEN 1 ELSE 0 END) AS signed"]
    + [f"sum(CASE WHEN {_hit(code)} THEN 1 ELSE 0 END) AS n_{code or 'none'}, "
       f"coalesce(sum(CASE WHEN {_hit(code)} THEN p.planned_investment_fen ELSE 0 END), 0) AS fen_{code or 'none'}"
       for code in SUMMARY_COLOURS]
    + [f"sum(CASE WHEN {_DISPOSITION} = '{code}' THEN 1 ELSE 0 END) AS d_{code}" for code in DISPOSITION_LABELS]
    + ["min(p.year) AS first_year", "max(p.year) AS last_year"])
_FROM = """FROM project p LEFT OUTER JOIN risk_assessment ra ON ra.id = (SELECT x.id FROM risk_assessment x
 WHERE x.project_id = p.id AND NOT x.deleted ORDER BY x.assessed_at DESC, x.created_at DESC LIMIT 1)
WHERE NOT p.deleted"""

_STATEMENTS: dict = {}


def summary_statement(scope: Scope, industry_only: bool = True, by: str = "township"):
    """The text statement for this scope's shape, made once per shape; bind with summary_params."""
    shape = (bool(scope.year), bool(scope.township), industry_only, bool(scope.exclude_ids), by)
    if shape not in _STATEMENTS:
        year, township, industry, exclude, _by = shape
        keys = _KEYS[by]
        sql = (f"SELECT {keys}, {_COUNTS}\n" + _FROM + (" AND p.year = :year" if year else "")
               + (" AND (p.township_name = :township OR p.township_code = :township)" if township else "")
               + (f" AND (p.category IN ({_INDUSTRY}) OR p.risk_level IS NOT NULL)" if industry else "")
               + (" AND p.id NOT IN :exclude" if exclude else "") + f" GROUP BY {keys}")
        stmt = text(sql)
        if exclude:
            stmt = stmt.bindparams(bindparam("exclude", expanding=True))
        _STATEMENTS[shape] = stmt
    return _STATEMENTS[shape]


def summary_params(scope: Scope) -> dict:
    return scope.bind_values()
