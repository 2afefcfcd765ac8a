"""Reading the change log for people: filters (project, user, dates, kind), values opened and masked.

Shared by the auditors' Excel export and the window's 审计记录 view, so both show the same rows.
"""
from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import select

from db.models import ChangeLog, Node, Project
from desktop.audit.labels import OP_LABELS, TABLE_LABELS, field_label, table_label
from desktop.core.errors import UserError
from desktop.privacy.personal_data import log_value
from desktop.values.dates import parse_date


def parse_day(text: str | None, label: str) -> datetime | None:
    """A local date (YYYY-MM-DD) as the UTC moment its day starts."""
    if not text:
        return None
    d = parse_date(text, label)
    local = datetime.combine(d, time.min).astimezone()
    return local.astimezone(timezone.utc).replace(tzinfo=None)


def local_text(t: datetime) -> str:
    return t.replace(tzinfo=timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def display(text: str | None, table: str | None = None, field: str | None = None) -> str | None:
    """JSON text from the log as a person reads it: strings bare, lists joined, null empty; money (…_fen) in
    元 and 万元, a checklist state or a project choice (stage, risk…) in its Chinese word."""
    if text is None:
        return None
    try:
        v = json.loads(text)
    except ValueError:
        return text
    if isinstance(v, list):
        return "、".join(str(x) for x in v)
    if isinstance(v, bool):
        return "是" if v else "否"
    if field and field.endswith("_fen") and isinstance(v, int):
        from desktop.values.money import fen_to_money_text

        return fen_to_money_text(v)
    if isinstance(v, str) and field:
        return _choice_label(table, field, v)
    return "" if v is None else str(v)


def _choice_label(table: str | None, field: str, value: str) -> str:
    if table == "project_document" and field == "state":
        from desktop.checklists.states import STATE_LABELS

        return STATE_LABELS.get(value, value)
    if table == "project":
        from desktop.projects.fields import PROJECT_FIELDS

        spec = PROJECT_FIELDS.get(field)
        if spec is not None and spec.choices:
            return spec.choices.get(value, value)
    return value


def filtered(s, *, project=None, user=None, since=None, until=None, table=None, op=None):
    """select(ChangeLog, Project.code, Project.name) with the filters; UserError for bad values."""
    t_from, t_to = parse_day(since, "起始日期"), parse_day(until, "截止日期")
    q = select(ChangeLog, Project.code, Project.name).outerjoin(Project, Project.id == ChangeLog.project_id)
    if project:
        pid = s.scalar(select(Project.id).where(Project.code == project))
        if pid is None:
            raise UserError(f"没有编号为 {project} 的项目。运行 towndesk projects list 查看项目编号。")
        q = q.where(ChangeLog.project_id == pid)
    if user:
        q = q.where(ChangeLog.user_name == user)
    if t_from is not None:
        q = q.where(ChangeLog.at >= t_from)
    if t_to is not None:
        q = q.where(ChangeLog.at < t_to + timedelta(days=1))
    if table:
        if table not in TABLE_LABELS:
            raise UserError(f"记录类型 '{table}' 无效，可选：{'、'.join(TABLE_LABELS)}。")
        q = q.where(ChangeLog.table_name == table)
    if op:
        if op not in OP_LABELS:
            raise UserError(f"操作 '{op}' 无效，可选：insert（新增）、update（修改）、delete（删除）。")
        q = q.where(ChangeLog.op == op)
    return q


def row_dict(conn, r, code, pname, nodes: dict, reveal: bool) -> dict:
    old = log_value(conn, r.table_name, r.record_id, r.field, r.old_value, reveal=reveal)
    new = log_value(conn, r.table_name, r.record_id, r.field, r.new_value, reveal=reveal)
    return {"seq": r.seq, "at": local_text(r.at), "user": r.user_name,
            "node": nodes.get(r.origin_node, r.origin_node[:8]), "project_code": code, "project_name": pname,
            "table": r.table_name, "table_label": table_label(r.table_name), "record_id": r.record_id,
            "op": r.op, "op_label": OP_LABELS.get(r.op, r.op), "field": r.field,
            "field_label": field_label(r.table_name, r.field),
            "old": display(old, r.table_name, r.field), "new": display(new, r.table_name, r.field),
            "package": (r.package_id or "")[:8], "row_hash": r.row_hash}


def list_changes(app, *, limit: int = 500, reveal: bool = False, actor: dict | None = None, **filters) -> list[dict]:
    """Newest first, at most `limit` rows; personal numbers masked unless reveal (which needs the right)."""
    if reveal:
        from desktop.accounts.roles import require

        require(actor or {}, "reveal_personal")
    with app.read() as s:
        q = filtered(s, **filters).order_by(ChangeLog.seq.desc()).limit(max(1, min(limit, 20_000)))
        nodes = dict(s.execute(select(Node.id, Node.name)).all())
        conn = s.connection()
        return [row_dict(conn, r, code, pname, nodes, reveal) for r, code, pname in s.execute(q)]


def users_in_log(app) -> list[str]:
    with app.read() as s:
        return sorted(u for u in s.scalars(select(ChangeLog.user_name).distinct()) if u)
