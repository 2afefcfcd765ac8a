"""Undo the last change to a project, as a new change: the change log is never edited.

Why from the log: every save already wrote old → new per field, so reverting is setting the
old values again (a new change set that history and sync see like any other). An undo is
recognised later because it exactly inverts the change before it, so undoing again goes one
step further back instead of redoing.
"""
from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import Date, DateTime, select

from db.models import SYNCED_MODELS, BenefitLink, ChangeLog
from db.personal import is_sealed, open_value
from db.tracking import to_json_value
from desktop.core.errors import UserError
from desktop.projects.fields import PROJECT_FIELDS
from desktop.projects.projects import find

TABLE_LABELS = {"project": "项目", "fund_allocation": "资金下达", "disbursement": "资金拨付", "expenditure": "资金支出",
                "milestone": "工期节点", "progress_report": "进度报告", "household": "受益户", "benefit_link": "受益户",
                "inspection": "督查", "rectification": "整改", "project_document": "资料", "attachment": "附件",
                "risk_assessment": "风险评估", "generated_document": "生成文书"}


class _Row:
    """A change-log row with personal values opened (they are sealed in the log)."""

    def __init__(self, conn, r: ChangeLog):
        self.table_name, self.record_id, self.field, self.op = r.table_name, r.record_id, r.field, r.op
        self.origin_node, self.origin_seq, self.at, self.user_name = r.origin_node, r.origin_seq, r.at, r.user_name
        self.unreadable = False
        self.old_value = self._open(conn, r.old_value)
        self.new_value = self._open(conn, r.new_value)

    def _open(self, conn, stored):
        if not is_sealed(stored):
            return stored
        value = open_value(conn, self.table_name, self.record_id, self.field, stored)
        self.unreadable = self.unreadable or value is None
        return value


class _Set:
    """One change set (rows sharing origin node and sequence) and what reverting it means."""

    def __init__(self, rows: list[_Row]):
        self.rows = rows
        self.key = (rows[0].origin_node, rows[0].origin_seq)
        inserted = {(r.table_name, r.record_id) for r in rows if r.op == "insert"}
        plan: dict[tuple[str, str, str], tuple[str | None, str | None]] = {}
        for t, rid in inserted:  # a created record is undone by its tombstone
            plan[(t, rid, "deleted")] = ("false", "true")
        for r in rows:
            if (r.table_name, r.record_id) not in inserted:
                plan[(r.table_name, r.record_id, r.field)] = (r.new_value, r.old_value)
        self.plan = plan  # (table, record, field) -> (expected current, value to set)

    def undoes(self, other: "_Set") -> bool:
        mine = {(r.table_name, r.record_id, r.field): r.new_value for r in self.rows}
        return bool(other.plan) and mine == {k: v[1] for k, v in other.plan.items()}

    def describe(self) -> dict:
        r0 = self.rows[0]
        labels = []
        for (table, _rid, field), _ in self.plan.items():
            if table == "project" and field in PROJECT_FIELDS:
                label = PROJECT_FIELDS[field].label
            elif field == "deleted":
                label = f"{TABLE_LABELS.get(table, table)}（{'新增' if any(r.op == 'insert' for r in self.rows) else '删除'}）"
            else:
                label = TABLE_LABELS.get(table, table)
            if label not in labels:
                labels.append(label)
        from datetime import timezone

        at = r0.at.replace(tzinfo=timezone.utc).astimezone()  # the log keeps UTC; show local time
        return {"at": at.strftime("%Y-%m-%d %H:%M:%S"), "user": r0.user_name, "fields": labels}


def _pending(s, app, project_id: str) -> list[_Set]:
    """This node's change sets of the project, with undone pairs removed, oldest first."""
    homes = select(BenefitLink.household_id).where(BenefitLink.project_id == project_id)
    keys = select(ChangeLog.origin_node, ChangeLog.origin_seq).where(
        (ChangeLog.project_id == project_id) | ChangeLog.record_id.in_(homes)).distinct()
    node = app.node.id if app.node else None
    seqs = sorted(q for n, q in s.execute(keys) if n == node)
    if not seqs:
        return []
    rows = s.scalars(select(ChangeLog).where(ChangeLog.origin_node == node, ChangeLog.origin_seq.in_(seqs),
                                             ChangeLog.package_id.is_(None)).order_by(ChangeLog.seq)).all()
    grouped: dict[int, list[_Row]] = {}
    conn = s.connection()
    for r in rows:
        grouped.setdefault(r.origin_seq, []).append(_Row(conn, r))
    stack: list[_Set] = []
    for seq in sorted(grouped):
        cs = _Set(grouped[seq])
        if stack and cs.undoes(stack[-1]):
            stack.pop()
        else:
            stack.append(cs)
    return stack


def last_change(app, code: str) -> dict | None:
    """What undo would revert now (when, who, which fields), or None."""
    with app.read() as s:
        p = find(s, code)
        stack = _pending(s, app, p.id)
        return stack[-1].describe() if stack else None


def _from_json(column, text: str | None):
    if text is None:
        return None
    value = json.loads(text)
    if value is not None and isinstance(column.type, DateTime):
        return datetime.fromisoformat(value)
    if value is not None and isinstance(column.type, Date):
        return date.fromisoformat(value)
    return value


def undo_last_change(app, code: str) -> dict:
    """Revert the project's last change set (this node's) as a new change; returns what it did."""
    with app.tx() as s:
        p = find(s, code)
        stack = _pending(s, app, p.id)
        if not stack:
            raise UserError(f"项目 {code} 没有可以撤销的修改。")
        target = stack[-1]
        info = target.describe()
        if any(r.unreadable for r in target.rows):
            raise UserError("这次修改涉及的个人信息已按规定清除，无法撤销。")
        for (table, record_id, field), (expected, value) in target.plan.items():
            model = SYNCED_MODELS.get(table)
            rec = s.get(model, record_id) if model else None
            if rec is None:
                raise UserError(f"找不到要撤销的{TABLE_LABELS.get(table, table)}记录，无法撤销。")
            current = to_json_value(getattr(rec, field))
            if current != expected:
                label = PROJECT_FIELDS[field].label if table == "project" and field in PROJECT_FIELDS else field
                raise UserError(f"“{label}”在这次修改之后又被改过（可能来自同步），不能自动撤销，请手工修改。",
                                field=label)
            column = model.__table__.columns[field]
            setattr(rec, field, _from_json(column, value))
        s.flush()
        info["code"] = p.code if not p.deleted else None
        info["deleted_project"] = bool(p.deleted)
        return info
