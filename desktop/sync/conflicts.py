"""Conflicts: both sides changed one field concurrently; both values are kept until a person decides.

Resolving writes a local change of that field even when the value stays the same, so the decision
travels in the next package and closes the matching conflict on the other side.
"""
from __future__ import annotations

import json

from sqlalchemy import select, update

from db import personal, tracking
from db.base import utcnow
from db.models import SYNCED_MODELS, Conflict, Node, Project
from desktop.core.errors import UserError
from desktop.privacy.masking import mask_field
from desktop.privacy.personal_data import ERASED_TEXT
from desktop.projects.fields import PROJECT_FIELDS
from desktop.sync.changes import canonical, decode, local_time, to_plain

TABLE_LABELS = {"project": "项目", "fund_allocation": "资金下达", "disbursement": "资金拨付", "expenditure": "资金支出",
                "milestone": "工期节点", "progress_report": "进度报告", "household": "受益户", "benefit_link": "利益联结",
                "checklist_standard": "资料标准", "checklist_item": "资料项", "project_document": "项目资料",
                "attachment": "附件", "template": "模板", "generated_document": "生成文书", "inspection": "督查/审计",
                "rectification": "整改", "notice": "督办单", "notice_reply": "督办回复", "risk_assessment": "风险评估"}


def _describe(s, c: Conflict) -> str:
    model = SYNCED_MODELS.get(c.table_name)
    obj = s.get(model, c.record_id) if model else None
    project = obj if isinstance(obj, Project) else (s.get(Project, obj.project_id) if getattr(obj, "project_id", None) else None)
    where = f"{project.code} {project.name}" if project else c.record_id[:8]
    return f"{TABLE_LABELS.get(c.table_name, c.table_name)}（{where}）"


def _label(c: Conflict) -> str:
    if c.table_name == "project" and c.field in PROJECT_FIELDS:
        return PROJECT_FIELDS[c.field].label
    return c.field


def _show(text: str | None):
    return json.loads(text) if text is not None else None


def _opened(s, c: Conflict, text: str | None) -> str | None:
    """A conflict's stored JSON value; personal fields are sealed (db/personal.py) and shown masked."""
    if not personal.is_sealed(text):
        return text
    opened = personal.open_value(s.connection(), c.table_name, c.record_id, c.field, text)
    if opened is None:
        raise _Erased
    return opened


class _Erased(Exception):
    """The household's key was erased: its sealed conflict values are gone for good."""


def _shown(s, c: Conflict, text: str | None):
    try:
        return mask_field(c.table_name, c.field, _show(_opened(s, c, text)))
    except _Erased:
        return ERASED_TEXT


def list_conflicts(app, include_closed: bool = False) -> list[dict]:
    with app.read() as s:
        q = select(Conflict).order_by(Conflict.created_at.desc())
        if not include_closed:
            q = q.where(Conflict.status == "open")
        names = {n.id: n.name for n in s.scalars(select(Node))}
        return [{"id": c.id, "short_id": c.id[:8], "table": c.table_name, "record_id": c.record_id,
                 "record": _describe(s, c), "field": c.field, "field_label": _label(c),
                 "peer": names.get(c.peer_id, c.peer_id[:8]), "mine": _shown(s, c, c.mine_value),
                 "theirs": _shown(s, c, c.theirs_value), "kept": c.kept, "status": c.status, "resolution": c.resolution,
                 "created_at": local_time(c.created_at)}
                for c in s.scalars(q)]


def resolve_conflict(app, conflict_id: str, keep: str) -> dict:
    """Keep 'mine' (this node's value) or 'theirs' (the peer's); the choice is logged and travels."""
    if keep not in ("mine", "theirs"):
        raise UserError(f"处理冲突只能是保留本机的值（mine）或采用对方的值（theirs），不能是 '{keep}'。",
                        cli_hint="--keep mine 或 --keep theirs")
    key = (conflict_id or "").strip().lower()
    if len(key) < 6:
        raise UserError("请写出冲突编号（至少前 6 位），可用 towndesk conflicts list 查看。")
    with app.tx(right="edit") as s:
        found = list(s.scalars(select(Conflict).where(Conflict.id.like(f"{key}%"))))
        if not found:
            raise UserError(f"找不到冲突 {conflict_id}。请用 towndesk conflicts list 查看编号。")
        if len(found) > 1:
            raise UserError(f"冲突编号 {conflict_id} 不唯一，请多写几位。")
        c = found[0]
        if c.status != "open":
            raise UserError(f"冲突 {c.id[:8]} 已经处理过（{c.resolution}），未做更改。")
        model = SYNCED_MODELS[c.table_name]
        obj = s.get(model, c.record_id)
        if obj is None:
            raise UserError(f"冲突 {c.id[:8]} 所指的记录已不存在，无法处理。")
        c.status, c.resolution, c.resolved_at = "resolved", keep, utcnow()
        s.flush()  # takes the writer lock before the decision is logged
        try:
            chosen = _opened(s, c, c.mine_value if keep == "mine" else c.theirs_value)
        except _Erased:
            raise UserError(f"冲突 {c.id[:8]} 涉及的个人信息已被删除，不能再采用其中的值；"
                            "如需填写，请在受益户中重新录入。") from None
        value = decode(c.table_name, c.field, _show(chosen), f"冲突 {c.id[:8]}：")
        if canonical(to_plain(getattr(obj, c.field))) == (chosen if chosen is not None else canonical(None)):
            tracking.log_decision(s, obj, c.field)
        else:
            setattr(obj, c.field, value)
            s.flush()
        s.execute(update(Conflict).where(Conflict.record_id == c.record_id, Conflict.field == c.field,
                                         Conflict.status == "open")
                  .values(status="resolved", resolution=keep, resolved_at=utcnow()))
        return {"id": c.id, "record": _describe(s, c), "field": c.field, "field_label": _label(c), "kept": keep,
                "value": mask_field(c.table_name, c.field, _show(chosen))}
