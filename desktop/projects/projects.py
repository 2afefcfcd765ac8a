"""Project ledger use cases: list, show, create, edit, delete (tombstone), history.

Each changing function is one transaction and returns plain dicts, never live ORM objects.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Select, cast, func, or_, select
from sqlalchemy.orm import Session

from db.locking import lock_for_write
from db.models import ChangeLog, Disbursement, Expenditure, Project, Region
from desktop.core.errors import StaleRecord, UserError
from desktop.values.money import fen_to_yuan_str
from desktop.projects.fields import (
    PROJECT_FIELDS, RISK_LABELS, STAGE_LABELS, check_consistency, normalise_input, parse_field,
)


def _money_subqueries():
    # CAST: PostgreSQL sums BIGINT as NUMERIC (Decimal); keep integer fen on both engines.
    disbursed = (select(Disbursement.project_id, cast(func.sum(Disbursement.amount_fen), BigInteger).label("amount"))
                 .where(Disbursement.deleted.is_(False)).group_by(Disbursement.project_id).subquery())
    spent = (select(Expenditure.project_id, cast(func.sum(Expenditure.amount_fen), BigInteger).label("amount"))
             .where(Expenditure.deleted.is_(False)).group_by(Expenditure.project_id).subquery())
    return disbursed, spent


def ledger_query(year=None, township=None, level=None, stage=None, risk=None) -> Select:
    disbursed, spent = _money_subqueries()
    q = (select(Project, func.coalesce(disbursed.c.amount, 0), func.coalesce(spent.c.amount, 0))
         .outerjoin(disbursed, disbursed.c.project_id == Project.id)
         .outerjoin(spent, spent.c.project_id == Project.id)
         .where(Project.deleted.is_(False)))
    if year:
        q = q.where(Project.year == int(year))
    if township:
        q = q.where(or_(Project.township_name == township, Project.township_code == township))
    if level:
        q = q.where(Project.level == level)
    if stage:
        q = q.where(Project.stage == stage)
    if risk:
        q = q.where(Project.risk_level == risk)
    return q.order_by(Project.year.desc(), Project.code)


def project_dict(p: Project, disbursed_fen: int = 0, spent_fen: int = 0) -> dict:
    """The plain-data view of a project used by CLI JSON, GUI models and exports."""
    return {
        "id": p.id, "code": p.code, "name": p.name, "year": p.year, "level": p.level,
        "funding_sources": list(p.funding_sources or []), "category": p.category,
        "township": p.township_name, "township_code": p.township_code, "village": p.village,
        "implementing_unit": p.implementing_unit, "responsible_person": p.responsible_person,
        "responsible_phone": p.responsible_phone, "supporting_party": p.supporting_party,
        "operating_entity": p.operating_entity,
        "stage": p.stage, "stage_label": STAGE_LABELS.get(p.stage, p.stage),
        "planned_investment_fen": p.planned_investment_fen,
        "planned_investment_yuan": fen_to_yuan_str(p.planned_investment_fen),
        "disbursed_fen": int(disbursed_fen), "disbursed_yuan": fen_to_yuan_str(disbursed_fen),
        "spent_fen": int(spent_fen), "spent_yuan": fen_to_yuan_str(spent_fen),
        "start_date": _iso(p.start_date), "planned_completion_date": _iso(p.planned_completion_date),
        "actual_completion_date": _iso(p.actual_completion_date), "acceptance_date": _iso(p.acceptance_date),
        "works_progress_pct": p.works_progress_pct,
        "expected_benefit": p.expected_benefit, "benefit_mechanism": p.benefit_mechanism,
        "benefit_share": p.benefit_share, "benefit_period": p.benefit_period,
        "benefit_payment_time": p.benefit_payment_time, "agreement_supervisor": p.agreement_supervisor,
        "agreement_date": _iso(p.agreement_date),
        "beneficiary_households": p.beneficiary_households, "beneficiary_people": p.beneficiary_people,
        "poor_households": p.poor_households, "poor_people": p.poor_people,
        "joint_account": p.joint_account, "assets_registered": p.assets_registered,
        "risk_level": p.risk_level, "risk_label": RISK_LABELS.get(p.risk_level or "", ""),
        "built_not_finished": p.built_not_finished, "finished_not_used": p.finished_not_used,
        "used_not_well": p.used_not_well, "disposition": p.disposition,
        "checklist_standard_key": p.checklist_standard_key, "note": p.note, "version": p.version,
    }


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def list_projects(app, **filters) -> list[dict]:
    with app.read() as s:
        return [project_dict(p, d, sp) for p, d, sp in s.execute(ledger_query(**filters))]


def find(session: Session, code: str) -> Project:
    p = session.scalar(select(Project).where(Project.code == code, Project.deleted.is_(False)))
    if p is None:
        raise UserError(f"找不到项目编号 '{code}'。请用 towndesk projects list 查看已有的项目编号。")
    return p


def get_project(app, code: str) -> dict:
    with app.read() as s:
        p = find(s, code)
        _, d, sp = s.execute(ledger_query().where(Project.id == p.id)).one()
        return project_dict(p, d, sp)


def _resolve_township(session: Session, app, values: dict, where: str) -> None:
    code, name = values.get("township_code"), values.get("township_name")
    if code and not name:
        values["township_name"] = session.scalar(select(Region.name).where(Region.code == code)) or code
    elif name and not code:
        code = session.scalar(select(Region.code).where(Region.name == name, Region.level == "township"))
        if code is None:
            if app.node and app.node.role == "township" and name == app.node.name:
                code = app.node.region_code
            else:
                raise UserError(f"{where}实施乡镇 '{name}' 不在区划列表中，请同时填写乡镇区划代码（township_code）。",
                                field="实施乡镇")
        values["township_code"] = code
    elif not code and not name:
        if app.node is None or app.node.role != "township":
            raise UserError(f"{where}实施乡镇不能为空（县级办公室录入项目时须写明乡镇）。", field="实施乡镇")
        values["township_code"], values["township_name"] = app.node.region_code, app.node.name


def next_code(session: Session, year: int, township_code: str) -> str:
    prefix = f"{year}-{township_code[6:9]}-"
    codes = session.scalars(select(Project.code).where(Project.code.like(prefix + "%")))
    numbers = [int(c[len(prefix):]) for c in codes if c[len(prefix):].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def propose_code(app, year: int) -> str:
    with app.read() as s:
        return next_code(s, year, app.node.region_code if app.node else "000000000000")


def create_in_session(session: Session, app, data: dict, where: str = "") -> Project:
    values = normalise_input(data, where)
    for name, spec in PROJECT_FIELDS.items():
        if spec.required and name != "code" and values.get(name) in (None, ""):
            raise UserError(f"{where}缺少必填字段：{spec.label}（{name}）。", field=spec.label)
    _resolve_township(session, app, values, where)
    check_consistency(values, where)
    if not values.get("code"):
        values["code"] = next_code(session, values["year"], values["township_code"])
    if session.scalar(select(Project.id).where(Project.code == values["code"])):
        raise UserError(f"{where}项目编号 '{values['code']}' 已存在，请换一个编号。", field="项目编号")
    project = Project(**values)
    session.add(project)
    session.flush()
    return project


def create_project(app, data: dict) -> dict:
    with app.tx() as s:
        p = create_in_session(s, app, data)
        return project_dict(p)


def create_many(app, items: list[dict], source: str) -> list[dict]:
    """All or nothing: one bad item refuses the whole file, naming the item."""
    with app.tx() as s:
        out = []
        for i, data in enumerate(items, 1):
            if not isinstance(data, dict):
                raise UserError(f"{source} 第 {i} 项不是对象（应为 {{\"name\": …}}）。")
            where = f"{source} 第 {i} 项（{data.get('name') or data.get('项目名称') or '未命名'}）："
            out.append(project_dict(create_in_session(s, app, data, where)))
        return out


def update_project(app, code: str, changes: dict, expected_version: int | None = None) -> dict:
    """Apply field changes. With expected_version, refuse if someone saved in between."""
    with app.tx() as s:
        lock_for_write(s)  # PostgreSQL: no other clerk's save between our version check and our write
        p = find(s, code)
        if expected_version is not None and p.version != expected_version:
            changed = changed_fields_since(s, p.id, expected_version)
            raise StaleRecord(f"项目 {code} 已被他人修改（{', '.join(changed) or '字段'}），请重新打开后再保存。")
        values = normalise_input(changes, f"项目 {code}：")
        if "code" in values and values["code"] != p.code:
            if s.scalar(select(Project.id).where(Project.code == values["code"])):
                raise UserError(f"项目编号 '{values['code']}' 已存在。", field="项目编号")
        current = {name: getattr(p, name) for name in PROJECT_FIELDS}
        current.update(values)
        if "township_name" in values or "township_code" in values:
            if "township_code" not in values:
                current["township_code"] = None
            _resolve_township(s, app, current, f"项目 {code}：")
        check_consistency(current, f"项目 {code}：")
        for name in PROJECT_FIELDS:
            if getattr(p, name) != current[name]:
                setattr(p, name, current[name])
        s.flush()
        _, d, sp = s.execute(ledger_query().where(Project.id == p.id)).one()
        return project_dict(p, d, sp)


def changed_fields_since(session: Session, project_id: str, version: int) -> list[str]:
    """Labels of the fields saved since `version`, newest first (one change set per version)."""
    current = session.scalar(select(Project.version).where(Project.id == project_id)) or version
    wanted = max(current - version, 1)
    rows = session.execute(select(ChangeLog.origin_node, ChangeLog.origin_seq, ChangeLog.field)
                           .where(ChangeLog.record_id == project_id, ChangeLog.op != "insert")
                           .order_by(ChangeLog.seq.desc()).limit(500))
    sets, seen = [], []
    for node, seq, f in rows:
        if (node, seq) not in sets:
            if len(sets) == wanted:
                break
            sets.append((node, seq))
        label = PROJECT_FIELDS[f].label if f in PROJECT_FIELDS else f
        if label not in seen:
            seen.append(label)
    return seen[:8]


def delete_project(app, code: str) -> None:
    with app.tx() as s:
        find(s, code).deleted = True


def set_field(app, code: str, name: str, raw) -> dict:
    parse_field(name, raw)
    return update_project(app, code, {name: raw})


def project_history(app, code: str, limit: int = 500) -> list[dict]:
    """Who changed what of this project and its records, newest first."""
    with app.read() as s:
        p = find(s, code)
        rows = s.scalars(select(ChangeLog).where(ChangeLog.project_id == p.id)
                         .order_by(ChangeLog.seq.desc()).limit(limit))
        return [{"seq": r.seq, "at": r.at.isoformat(sep=" ", timespec="seconds"), "user": r.user_name,
                 "table": r.table_name, "record_id": r.record_id, "op": r.op, "field": r.field,
                 "label": PROJECT_FIELDS[r.field].label if r.table_name == "project" and r.field in PROJECT_FIELDS
                 else r.field, "old": r.old_value, "new": r.new_value} for r in rows]
