"""Add, edit and delete (tombstone) the records under a project; each call is one transaction.

Covers allocations, disbursements, expenditures, milestones, progress reports, beneficiary
households with their benefit links, inspections and rectifications (see record_specs).
Personal data never leaves here unmasked: the GUI only ever sees 5334**********123X.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from db.models import Disbursement, Expenditure, FundAllocation, Household, Inspection, Milestone, Project
from desktop.core.errors import StaleRecord, UserError
from desktop.values.money import fen_to_yuan_display, fen_to_yuan_str
from desktop.projects.projects import find
from desktop.projects.record_specs import KINDS, RecKind, kind_of, parse_value

from desktop.privacy.masking import is_masked, mask_id, mask_phone


def _display(spec, value):
    if value is None:
        return ""
    if spec.kind == "money":
        return fen_to_yuan_display(value)
    if spec.kind == "date":
        return value.isoformat()
    if spec.kind == "choice":
        return spec.choices.get(value, value)
    if spec.name == "id_number":
        return mask_id(value)
    if spec.name == "phone":
        return mask_phone(value)
    return value


def _record_dict(kind: RecKind, rec, household: Household | None = None) -> dict:
    """Display values (元, ISO dates, Chinese labels, masked personal data) plus raw for editing."""
    out = {"id": rec.id, "version": rec.version, "kind": kind.key}
    for spec in kind.fields:
        src = household if spec.on == "household" else rec
        value = getattr(src, spec.name) if src is not None else None
        out[spec.name] = _display(spec, value)
        if spec.kind in ("money", "int", "pct"):
            out[spec.name + "_raw"] = value or 0
    if kind.key == "rectification":
        out["overdue"] = bool(rec.deadline and rec.status != "done" and rec.deadline < date.today())
    if kind.key == "milestone":
        out["overdue"] = bool(rec.actual_date is None and rec.planned_date < date.today())
    return out


def list_records(app, code: str, kind_key: str) -> list[dict]:
    kind = kind_of(kind_key)
    model = kind.model
    with app.read() as s:
        p = find(s, code)
        q = (select(model).where(model.project_id == p.id, model.deleted.is_(False))
             .order_by(getattr(model, kind.order_by), model.created_at))
        recs = s.scalars(q).all()
        if kind.key == "benefit":
            homes = {h.id: h for h in s.scalars(select(Household).where(
                Household.id.in_([r.household_id for r in recs])))}
            return [_record_dict(kind, r, homes.get(r.household_id)) for r in recs]
        return [_record_dict(kind, r) for r in recs]


def _parse(kind: RecKind, data: dict, partial: bool) -> tuple[dict, dict]:
    """Split parsed values into (record values, household values); unknown keys are refused."""
    known = {f.name: f for f in kind.fields}
    rec, home = {}, {}
    for key, value in data.items():
        spec = known.get(key)
        if spec is None:
            raise UserError(f"{kind.label}没有字段 '{key}'。", field=key)
        if spec.name == "id_number" and is_masked(value):
            continue  # the masked number shown in the form: unchanged
        (home if spec.on == "household" else rec)[key] = parse_value(spec, value)
    if not partial:
        for spec in kind.fields:
            if spec.required and spec.name not in rec and spec.name not in home:
                raise UserError(f"{kind.label}缺少必填项：{spec.label}。", field=spec.label)
    return rec, home


def _date_warnings(kind: RecKind, p: Project, values: dict) -> list[str]:
    """Dates far from the project's year. A delayed project is paid years later, so a later date is saved with
    a warning; a date long before the project's year or well past next year is a typo and is refused."""
    warnings = []
    for name in ("paid_on", "spent_on", "allocated_on", "inspected_on", "report_date"):
        d = values.get(name)
        if not d:
            continue
        label = next(f.label for f in kind.fields if f.name == name)
        if p.year - d.year > 5 or d.year > date.today().year + 1:
            raise UserError(f"{label}（{d}）与项目年度 {p.year} 相差太远，请检查日期。", field=label)
        if d.year - p.year > 1:
            warnings.append(f"{label}（{d}）比项目年度 {p.year} 晚 {d.year - p.year} 年，已保存；"
                            "若项目延期属实无需处理，否则请修改日期。")
    return warnings


def _check(s, kind: RecKind, p: Project, values: dict, record_id: str | None) -> list[str]:
    """Rules across fields and records, with the amounts in the message; returns warnings (saved anyway)."""
    k = kind.key
    warnings = _date_warnings(kind, p, values)
    if k in ("disbursement", "expenditure", "allocation") and values.get("amount_fen", 1) <= 0:
        label = next(f.label for f in kind.fields if f.name == "amount_fen")
        raise UserError(f"{label}应大于 0。", field=label)
    if k == "milestone" and values.get("actual_date") and values["actual_date"] > date.today():
        raise UserError("实际完成日期不能晚于今天。", field="实际完成日期")
    if k == "rectification":
        if values.get("status") == "done" and not values.get("completed_on"):
            raise UserError("整改状态为“已完成”时请填写完成日期。", field="完成日期")
        if values.get("completed_on") and values.get("status") != "done":
            raise UserError("填写了完成日期，请把整改状态改为“已完成”（或清空完成日期）。", field="整改状态")
    if k == "inspection" and values.get("phase") and values.get("kind") != "audit":
        raise UserError("只有审计需要填写审计阶段（事前/事中/事后）。", field="审计阶段")
    if k in ("disbursement", "expenditure"):
        _check_totals(s, k, p, values, record_id)
    return warnings


def _total(s, model, project_id: str, exclude: str | None) -> int:
    q = select(func.coalesce(func.sum(model.amount_fen), 0)).where(model.project_id == project_id,
                                                                     model.deleted.is_(False))
    if exclude:
        q = q.where(model.id != exclude)
    return int(s.scalar(q) or 0)


def _check_totals(s, k: str, p: Project, values: dict, record_id: str | None) -> None:
    amount = values.get("amount_fen", 0)
    if k == "disbursement":
        allocated = _total(s, FundAllocation, p.id, None)
        ceiling = max(allocated, p.planned_investment_fen)
        total = _total(s, Disbursement, p.id, record_id) + amount
        if ceiling and total > ceiling:
            raise UserError(f"累计拨付 {fen_to_yuan_str(total)} 元将超过计划投资/下达资金 {fen_to_yuan_str(ceiling)} 元。"
                            "请核对金额，或先修改计划投资、登记资金下达。", field="拨付金额(元)")
    else:
        paid = _total(s, Disbursement, p.id, None)
        total = _total(s, Expenditure, p.id, record_id) + amount
        if total > paid:
            raise UserError(f"累计支出 {fen_to_yuan_str(total)} 元将超过累计拨付 {fen_to_yuan_str(paid)} 元。"
                            "请先登记拨付，或核对支出金额。", field="支出金额(元)")


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _fill_cumulative(s, p: Project, data: dict, values: dict, adding: bool) -> None:
    """A progress report whose 累计拨付/累计支出 is left blank takes the recorded disbursements/expenditures up to
    its date (not 0.00): on add when absent or blank, on edit when the clerk blanks it."""
    when = values.get("report_date")
    if when is None:
        return
    for name, model, col in (("disbursed_fen", Disbursement, Disbursement.paid_on),
                             ("spent_fen", Expenditure, Expenditure.spent_on)):
        if (adding and _blank(data.get(name))) or (name in data and _blank(data[name])):
            values[name] = int(s.scalar(select(func.coalesce(func.sum(model.amount_fen), 0)).where(
                model.project_id == p.id, model.deleted.is_(False), col <= when)) or 0)


def _full_values(kind: RecKind, rec) -> dict:
    return {f.name: getattr(rec, f.name) for f in kind.fields if f.on == "record"}


def add_record(app, code: str, kind_key: str, data: dict) -> dict:
    """Create one record under project `code` (for benefit: a household and its link)."""
    kind = kind_of(kind_key)
    with app.tx() as s:
        p = find(s, code)
        rec_values, home_values = _parse(kind, data, partial=False)
        if kind.key == "progress":
            _fill_cumulative(s, p, data, rec_values, adding=True)
        warnings = _check(s, kind, p, rec_values, None)
        if kind.key == "rectification" and data.get("inspection_id"):
            rec_values["inspection_id"] = _inspection_of(s, p, data["inspection_id"])
        household = None
        if kind.key == "benefit":
            home_values.setdefault("village", p.village)
            household = Household(township_code=p.township_code, members=home_values.pop("members", 0) or 1,
                                  **home_values)
            s.add(household)
            s.flush()
            rec_values["household_id"] = household.id
            rec_values.setdefault("year", p.year)
        rec = kind.model(project_id=p.id, **rec_values)
        s.add(rec)
        s.flush()
        return {**_record_dict(kind, rec, household), "warnings": warnings}


def _inspection_of(s, p: Project, inspection_id: str) -> str:
    ins = s.get(Inspection, inspection_id)
    if ins is None or ins.project_id != p.id or ins.deleted:
        raise UserError("所选督查记录不属于本项目。", field="督查记录")
    return ins.id


def _load(s, kind: RecKind, code: str, record_id: str, expected_version: int | None):
    p = find(s, code)
    rec = s.get(kind.model, record_id)
    if rec is None or rec.project_id != p.id or rec.deleted:
        raise UserError(f"找不到这条{kind.label}记录（可能已被删除），请刷新后再试。")
    if expected_version is not None and rec.version != expected_version:
        raise StaleRecord(f"这条{kind.label}记录已被他人修改，请刷新后再保存。")
    return p, rec


def update_record(app, code: str, kind_key: str, record_id: str, data: dict,
                  expected_version: int | None = None) -> dict:
    """Change fields of one record; with expected_version, refuse if it changed meanwhile."""
    kind = kind_of(kind_key)
    with app.tx() as s:
        p, rec = _load(s, kind, code, record_id, expected_version)
        rec_values, home_values = _parse(kind, data, partial=True)
        merged = {**_full_values(kind, rec), **rec_values}
        if kind.key == "progress":
            _fill_cumulative(s, p, data, merged, adding=False)
            rec_values.update({k: merged[k] for k in ("disbursed_fen", "spent_fen") if k in data})
        warnings = _check(s, kind, p, merged, rec.id)
        for name, value in rec_values.items():
            if getattr(rec, name) != value:
                setattr(rec, name, value)
        household = s.get(Household, rec.household_id) if kind.key == "benefit" else None
        if household is not None:
            for name, value in home_values.items():
                if getattr(household, name) != value:
                    setattr(household, name, value)
        s.flush()
        return {**_record_dict(kind, rec, household), "warnings": warnings}


def delete_record(app, code: str, kind_key: str, record_id: str) -> None:
    """Tombstone one record (kept for sync and history; the change log records who and when)."""
    kind = kind_of(kind_key)
    with app.tx() as s:
        _, rec = _load(s, kind, code, record_id, None)
        rec.deleted = True


def money_summary(app, code: str) -> dict:
    """Planned, allocated (by source), disbursed and spent, with rates for the 资金 tab."""
    with app.read() as s:
        p = find(s, code)
        allocated = _total(s, FundAllocation, p.id, None)
        disbursed = _total(s, Disbursement, p.id, None)
        spent = _total(s, Expenditure, p.id, None)
        due = s.execute(select(Milestone.planned_works_pct, Milestone.planned_money_pct, Milestone.planned_date)
                        .where(Milestone.project_id == p.id, Milestone.deleted.is_(False),
                               Milestone.planned_date <= date.today())
                        .order_by(Milestone.planned_date.desc()).limit(1)).first()
        by_source = dict(s.execute(select(FundAllocation.source, func.sum(FundAllocation.amount_fen))
                                   .where(FundAllocation.project_id == p.id, FundAllocation.deleted.is_(False))
                                   .group_by(FundAllocation.source)).all())
    base = allocated or p.planned_investment_fen

    def pct(x):
        return round(100.0 * x / base, 1) if base else 0.0
    return {"planned_fen": p.planned_investment_fen, "allocated_fen": allocated, "disbursed_fen": disbursed,
            "spent_fen": spent, "disbursed_pct": pct(disbursed), "spent_pct": pct(spent),
            "works_pct": p.works_progress_pct,
            "target_works_pct": due[0] if due else None, "target_money_pct": due[1] if due else None,
            "target_date": due[2].isoformat() if due else None,
            "by_source": {k: int(v or 0) for k, v in by_source.items()},
            "planned_yuan": fen_to_yuan_str(p.planned_investment_fen), "allocated_yuan": fen_to_yuan_str(allocated),
            "disbursed_yuan": fen_to_yuan_str(disbursed), "spent_yuan": fen_to_yuan_str(spent)}


__all__ = ["KINDS", "list_records", "add_record", "update_record", "delete_record", "money_summary"]
