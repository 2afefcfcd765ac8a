"""Facts for the tables, read in a handful of grouped queries (never one query per project).

10,000 projects must come out in seconds on an old PC, so money, risk grades, milestones,
progress reports and documents are each read once for the whole selection and joined here.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import String, case, func, or_, select, type_coerce
from sqlalchemy.orm import aliased

from db.models import (
    Disbursement, Expenditure, Milestone, ProgressReport, Project, RiskAssessment,
)
from db.reads import JsonTexts, core_rows, records
from desktop.core.errors import UserError
from desktop.risk.rules import reason_texts
from desktop.projects.fields import DISPOSITION_LABELS, RISK_LABELS, STAGE_LABELS, levels

INDUSTRY = ("产业", "乡村旅游")


@dataclass
class Scope:
    """Which projects a table covers, and the words its title uses for that."""
    year: int | None = None
    township: str | None = None
    as_of: date | None = None
    active_in: tuple[date, date] | None = None  # (previous, this report date): projects active in that period
    exclude_ids: frozenset = frozenset()  # projects the table does not count (项目库 state, desktop.library)

    def bind_values(self) -> dict:
        """The year, township and exclusion binds of the plain-text statements (summary_sql, dispatch_sql)."""
        out: dict = {}
        if self.year:
            out["year"] = int(self.year)
        if self.township:
            out["township"] = self.township
        if self.exclude_ids:
            out["exclude"] = sorted(self.exclude_ids)
        return out

    def years_text(self, years: list[int]) -> str:
        if self.year:
            return f"{self.year}年"
        if not years:
            return ""
        lo, hi = min(years), max(years)
        return f"{lo}年" if lo == hi else f"{lo}—{hi}年"


def in_scope(q, scope: Scope, industry_only: bool):
    """The scope's WHERE clauses on a query over Project."""
    q = q.where(Project.deleted.is_(False))
    if scope.active_in:
        from desktop.round.active import active_filter

        q = q.where(active_filter(*scope.active_in))
    if scope.year:
        q = q.where(Project.year == int(scope.year))
    if scope.township:
        q = q.where(or_(Project.township_name == scope.township, Project.township_code == scope.township))
    if industry_only:
        q = q.where(or_(Project.category.in_(INDUSTRY), Project.risk_level.is_not(None)))
    if scope.exclude_ids:
        q = q.where(Project.id.not_in(scope.exclude_ids))
    return q


def ids_query(scope: Scope, industry_only: bool = False):
    """SELECT of the scope's project ids, for IN (…) on child tables."""
    return in_scope(select(Project.id), scope, industry_only)


PROJECT_COLUMNS = (
    "id", "code", "name", "year", "level", "category", "township_name", "township_code", "village", "funding_sources",
    "implementing_unit", "responsible_person", "responsible_phone", "operating_entity", "planned_investment_fen",
    "works_progress_pct", "stage", "start_date", "planned_completion_date", "actual_completion_date",
    "acceptance_date", "beneficiary_households", "beneficiary_people", "poor_households", "poor_people",
    "benefit_mechanism", "risk_level", "built_not_finished", "finished_not_used", "used_not_well", "joint_account",
    "assets_registered", "disposition", "note", "checklist_standard_key",
)
RISK_COLUMNS = ("disposition", "reasons", "supervision_level", "plan", "signed_off")
JSON_COLUMNS = ("funding_sources", "reasons", "plan")  # read as text and decoded once per distinct value


def _money_sum(model, date_col, until: date | None):
    """The project's total of one money table (up to `until`), read through its project_id index."""
    q = select(func.coalesce(func.sum(model.amount_fen), 0)).where(model.project_id == Project.id,
                                                                 model.deleted.is_(False))
    if until is not None:
        q = q.where(date_col <= until)
    return q.scalar_subquery()


def _table_query(scope: Scope, industry_only: bool, until: date | None, before: date | None = None,
                 money: bool = True):
    """One SELECT for the whole table: each project's columns, its money sums and its latest risk grade.

    Sums and grades are correlated subqueries through the child tables' project_id indexes, so a
    township's table reads only its own projects' rows, on SQLite and PostgreSQL alike."""
    RA = aliased(RiskAssessment)
    live = (RiskAssessment.project_id == Project.id, RiskAssessment.deleted.is_(False))
    latest = (select(RiskAssessment.id).where(*live)
              .order_by(RiskAssessment.assessed_at.desc(), RiskAssessment.created_at.desc()).limit(1))
    initial = (select(RiskAssessment.level).where(*live, RiskAssessment.signed_off.is_(False))
               .order_by(RiskAssessment.assessed_at, RiskAssessment.created_at).limit(1))
    cols = [getattr(Project, n) if n not in JSON_COLUMNS else type_coerce(getattr(Project, n), String).label(n)
            for n in PROJECT_COLUMNS]
    q = (select(*cols,
                *([_money_sum(Disbursement, Disbursement.paid_on, until).label("disbursed_fen"),
                   _money_sum(Expenditure, Expenditure.spent_on, until).label("spent_fen")] if money else []),
                RA.id.label("ra_id"),
                *[(type_coerce(getattr(RA, n), String) if n in JSON_COLUMNS else getattr(RA, n)).label(f"ra_{n}")
                  for n in RISK_COLUMNS],
                initial.scalar_subquery().label("ra_initial"),
                *([_money_sum(Disbursement, Disbursement.paid_on, before).label("disbursed_before"),
                   _money_sum(Expenditure, Expenditure.spent_on, before).label("spent_before")] if before else []))
         .outerjoin(RA, RA.id == latest.scalar_subquery()))
    q = in_scope(q, scope, industry_only)
    return q.order_by(Project.township_code, Project.year, Project.code)


def gather(s, scope: Scope, *, industry_only=False, milestones=False, reports=False,
           until: date | None = None, before: date | None = None, money: bool = True) -> list[dict]:
    """One dict per project with money (up to `until`), latest risk grade and the requested extras;
    with `before`, also the money up to that earlier day (disbursed_before, spent_before), in the same query;
    with money=False no money sums at all (disbursed and spent are None), for a table that prints none."""
    ids_q = ids_query(scope, industry_only)
    ms = _children(s, Milestone, ids_q, Milestone.sort_order, Milestone.planned_date) if milestones else {}
    rp = _children(s, ProgressReport, ids_q, ProgressReport.report_date) if reports else {}
    out = []
    texts = JsonTexts()
    for p in records(core_rows(s, _table_query(scope, industry_only, until, before, money))):
        graded = p.ra_id is not None
        row = {
            "id": p.id, "code": p.code, "name": p.name, "year": p.year, "level": p.level or "（未填层级）",
            "category": p.category, "township": p.township_name, "township_code": p.township_code,
            "village": p.village, "sources": texts.get(p.funding_sources, _joined),
            "unit": p.implementing_unit or "（未填实施单位）", "person": p.responsible_person,
            "phone": p.responsible_phone, "operating": p.operating_entity,
            "planned": p.planned_investment_fen, "disbursed": int(p.disbursed_fen) if money else None,
            "spent": int(p.spent_fen) if money else None, "works": p.works_progress_pct, "stage": p.stage,
            "stage_label": STAGE_LABELS.get(p.stage, p.stage), "start": p.start_date,
            "planned_end": p.planned_completion_date, "actual_end": p.actual_completion_date,
            "accepted": p.acceptance_date, "households": p.beneficiary_households,
            "people": p.beneficiary_people, "poor_households": p.poor_households, "poor_people": p.poor_people,
            "mechanism": p.benefit_mechanism, "risk": p.risk_level, "risk_label": RISK_LABELS.get(p.risk_level or "", ""),
            "built_not_finished": p.built_not_finished, "finished_not_used": p.finished_not_used,
            "used_not_well": p.used_not_well, "joint_account": p.joint_account,
            "assets_registered": p.assets_registered,
            "disposition": DISPOSITION_LABELS.get((p.ra_disposition if graded else None) or p.disposition or "", ""),
            "reasons": texts.get(p.ra_reasons, _reasons) if graded else "",
            "supervision": p.ra_supervision_level if graded else None,
            "initial_risk": p.ra_initial or p.risk_level,
            "plan": list(texts.get(p.ra_plan) or []) if graded else [], "signed_off": bool(graded and p.ra_signed_off),
            "note": p.note, "standard_key": p.checklist_standard_key,
        }
        if before:
            row["disbursed_before"], row["spent_before"] = int(p.disbursed_before), int(p.spent_before)
        if milestones:
            row["milestones"] = ms.get(p.id, [])
        if reports:
            row["reports"] = rp.get(p.id, [])
        out.append(row)
    return out


def _joined(sources) -> str:
    return "、".join(sources or [])


def _reasons(reasons) -> str:
    return "；".join(reason_texts(reasons))


SUMMARY_COLOURS = ("red", "yellow", "green", None)  # risk_level per colour column; None (未评级) is column key "none"


def summary_groups(s, scope: Scope, industry_only: bool = True, by: str = "township") -> list:
    """The rows of summary_query, run as its plain-text twin (desktop.reports.summary_sql: no statement to
    compile in the fresh process a click starts); a period scope (active_in) takes the expression itself."""
    if scope.active_in:
        return list(core_rows(s, summary_query(scope, industry_only, by)))
    from desktop.reports.summary_sql import summary_params, summary_statement

    if s.new or s.dirty or s.deleted:
        s.flush()  # as autoflush would, before a statement run on the session's connection
    return s.connection().execute(summary_statement(scope, industry_only, by), summary_params(scope)).all()


def summary_query(scope: Scope, industry_only: bool = True, by: str = "township"):
    """The 帮扶提升汇总表's figures as one GROUP BY per level and township (or implementing unit), the table's
    columns counted in SQL: projects and planned money in all and per colour, the 四个一批 dispositions (the
    latest grade's, else the project's), sign-offs (the latest grade's), and the first and last year."""
    RA = aliased(RiskAssessment)
    latest = (select(RiskAssessment.id).where(RiskAssessment.project_id == Project.id,
                                              RiskAssessment.deleted.is_(False))
              .order_by(RiskAssessment.assessed_at.desc(), RiskAssessment.created_at.desc()).limit(1))
    disposition = func.coalesce(func.nullif(RA.disposition, ""), Project.disposition)
    signed = func.coalesce(RA.signed_off, False)
    fen = Project.planned_investment_fen
    keys = ((Project.level, Project.township_code, Project.township_name) if by == "township"
            else (Project.level, Project.implementing_unit))
    cols = [func.count().label("n_all"), func.coalesce(func.sum(fen), 0).label("fen_all"),
            func.sum(case((signed, 1), else_=0)).label("signed")]
    for code in SUMMARY_COLOURS:
        hit = Project.risk_level.is_(None) if code is None else Project.risk_level == code
        cols += [func.sum(case((hit, 1), else_=0)).label(f"n_{code or 'none'}"),
                 func.coalesce(func.sum(case((hit, fen), else_=0)), 0).label(f"fen_{code or 'none'}")]
    cols += [func.sum(case((disposition == code, 1), else_=0)).label(f"d_{code}") for code in DISPOSITION_LABELS]
    cols += [func.min(Project.year).label("first_year"), func.max(Project.year).label("last_year")]
    q = select(*keys, *cols).outerjoin(RA, RA.id == latest.scalar_subquery())
    return in_scope(q, scope, industry_only).group_by(*keys)


def _children(s, model, ids_q, *order) -> dict[str, list]:
    """project id → its rows of a child table (Core rows: attribute access like the ORM's, no objects)."""
    out: dict[str, list] = {}
    q = select(*model.__table__.c).where(model.project_id.in_(ids_q), model.deleted.is_(False)).order_by(model.project_id, *order)
    for row in records(core_rows(s, q)):
        out.setdefault(row.project_id, []).append(row)
    return out


def township_order(rows: list[dict]) -> list[str]:
    """Townships in the official order of their region codes, not by the sound of their names."""
    return [name for _, name in sorted({(r["township_code"], r["township"]) for r in rows})]


def level_key(row: dict) -> str:
    return row["level"]


def level_order() -> list[str]:
    return levels()  # the order the terms in force list them in


def require_rows(rows: list, scope: Scope, what: str) -> None:
    """An empty table is almost always a wrong year or township: say so instead of writing one."""
    if rows:
        return
    bits = [f"年度 {scope.year}" if scope.year else "", f"乡镇 {scope.township}" if scope.township else ""]
    where = f"按{'、'.join(b for b in bits if b)} 筛选后" if any(bits) else "数据库中"
    raise UserError(f"{where}没有可列入{what}的项目，未生成文件。请检查所选的年度和乡镇，或在项目台账中查看已有项目。",
                    cli_hint="检查 --year / --township，或用 towndesk projects list 查看已有项目")
