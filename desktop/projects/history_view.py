"""A project's change history as a clerk (or an auditor) reads it: who, when, what, old → new.

Why a separate view: the change log stores canonical JSON per field; people need Chinese
field names, 元 instead of fen, 是/否, stage names, and personal data masked.
"""
from __future__ import annotations

import json

from desktop.projects.fields import PROJECT_FIELDS
from desktop.projects.project_undo import TABLE_LABELS
from desktop.projects.projects import project_history
from desktop.projects.record_specs import KINDS
from desktop.values.money import fen_to_money_text

from desktop.privacy.masking import mask_field

OP_LABELS = {"insert": "新增", "update": "修改", "delete": "删除"}
_TABLE_KIND = {k.model.__tablename__: k for k in KINDS.values()}
_HOUSEHOLD_LABELS = {f.name: f.label for f in KINDS["benefit"].fields if f.on == "household"}
HIDDEN_FIELDS = {"project_id", "household_id", "inspection_id", "notice_id", "township_code", "document_id"}


def _field_spec(table: str, field: str):
    if table == "project":
        spec = PROJECT_FIELDS.get(field)
        return (spec.label, spec.kind, spec.choices) if spec else (field, "text", {})
    if table == "household":
        return _HOUSEHOLD_LABELS.get(field, field), "text", {}
    kind = _TABLE_KIND.get(table)
    if kind:
        spec = next((f for f in kind.fields if f.name == field), None)
        if spec:
            return spec.label, spec.kind, spec.choices
    if field == "deleted":
        return "删除标记", "bool", {}
    return field, "text", {}


def show_value(table: str, field: str, raw: str | None) -> str:
    """Canonical JSON from the log → what a person reads (masked if personal)."""
    if raw is None:
        return ""
    if raw.startswith("~sealed"):
        return "（已加密）"
    try:
        value = json.loads(raw)
    except ValueError:
        value = raw
    _, kind, choices = _field_spec(table, field)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if field.endswith("_fen") and isinstance(value, int):
        return fen_to_money_text(value)
    if choices and value in choices:
        return choices[value]
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    text = str(value)
    if text == "（已清除）":
        return text
    return str(mask_field(table, field, text))


def _household_rows(app, code: str, limit: int) -> list[dict]:
    """Changes to the households linked to this project (their log rows carry no project id).

    ID and phone numbers are sealed in the log: opened here only to be masked for display.
    """
    from sqlalchemy import select

    from db.models import BenefitLink, ChangeLog
    from db.personal import is_sealed, open_value
    from desktop.projects.projects import find

    def opened(conn, r, stored):
        if not is_sealed(stored):
            return stored
        value = open_value(conn, r.table_name, r.record_id, r.field, stored)
        return value if value is not None else json.dumps("（已清除）", ensure_ascii=False)

    with app.read() as s:
        p = find(s, code)
        conn = s.connection()
        homes = select(BenefitLink.household_id).where(BenefitLink.project_id == p.id)
        rows = s.scalars(select(ChangeLog).where(ChangeLog.table_name == "household", ChangeLog.record_id.in_(homes),
                                                   ChangeLog.op != "insert")  # the link's insert stands for it
                         .order_by(ChangeLog.seq.desc()).limit(limit))
        return [{"seq": r.seq, "at": r.at.isoformat(sep=" ", timespec="seconds"), "user": r.user_name,
                 "table": r.table_name, "record_id": r.record_id, "op": r.op, "field": r.field,
                 "old": opened(conn, r, r.old_value), "new": opened(conn, r, r.new_value)} for r in rows]


def local_time(utc_text: str) -> str:
    """The log keeps UTC; people read their own clock (Beijing time on a township PC)."""
    from datetime import datetime, timezone

    try:
        t = datetime.fromisoformat(utc_text).replace(tzinfo=timezone.utc).astimezone()
    except ValueError:
        return utc_text
    return t.strftime("%Y-%m-%d %H:%M:%S")


def _summary(table: str, values: dict[str, str | None]) -> str:
    """A created record in a few words: its first fields as the clerk filled them (never personal)."""
    kind = _TABLE_KIND.get(table)
    if table == "project":
        names = ["code", "name"]
    elif kind is not None:
        names = [f.name for f in kind.fields if f.on == "record"][:3]
    else:
        names = []
    parts = [show_value(table, n, values[n]) for n in names if values.get(n)]
    return "；".join(p for p in parts if p)


def _checklist_names(app, merged: list[dict]) -> dict[str, str]:
    """record id of a project's checklist row → the item's name (资料项 “实施方案”), for readable history."""
    from sqlalchemy import select

    from db.models import ChecklistItem, ProjectDocument

    ids = {r["record_id"] for r in merged if r["table"] == "project_document"}
    if not ids:
        return {}
    with app.read() as s:
        keys = dict(s.execute(select(ProjectDocument.id, ProjectDocument.item_key).where(ProjectDocument.id.in_(ids))).all())
        names = dict(s.execute(select(ChecklistItem.key, ChecklistItem.name).where(ChecklistItem.key.in_(set(keys.values())))).all())
    return {rid: names.get(key, key) for rid, key in keys.items()}


DOCUMENT_FIELDS = {"state": "状态", "reason": "理由", "received_on": "收到日期", "pages": "页数", "location": "存放位置",
                   "note": "备注", "item_key": "资料项"}


def _checklist_value(field: str, text: str) -> str:
    """A checklist row's state in the words the checklist uses (未收集/已收集/不适用/需补正)."""
    from desktop.checklists.states import STATE_LABELS

    return STATE_LABELS.get(text, text) if field == "state" else text


def history_rows(app, code: str, limit: int = 2000) -> list[dict]:
    """Newest first; creation of a record is one row (with a short summary), not one per field."""
    out = []
    merged = project_history(app, code, limit=limit) + _household_rows(app, code, limit)
    merged.sort(key=lambda r: r["seq"], reverse=True)
    merged = merged[:limit]
    items = _checklist_names(app, merged)
    inserted: dict[tuple[str, str], dict] = {}
    for r in merged:
        if r["op"] == "insert":
            inserted.setdefault((r["table"], r["record_id"]), {})[r["field"]] = r["new"]
    seen_inserts = set()
    for r in merged:
        if r["field"] in HIDDEN_FIELDS:
            continue
        table_label = TABLE_LABELS.get(r["table"], r["table"])
        label, _, _ = _field_spec(r["table"], r["field"])
        row = {"seq": r["seq"], "at": local_time(r["at"]), "user": r["user"] or "", "record": table_label,
               "op": OP_LABELS.get(r["op"], r["op"]), "field": label,
               "old": show_value(r["table"], r["field"], r["old"]), "new": show_value(r["table"], r["field"], r["new"])}
        if r["table"] == "project_document":
            row["record"] = f"{table_label}“{items.get(r['record_id'], '')}”" if items.get(r["record_id"]) else table_label
            row["old"], row["new"] = _checklist_value(r["field"], row["old"]), _checklist_value(r["field"], row["new"])
            row["field"] = DOCUMENT_FIELDS.get(r["field"], row["field"])
        if r["op"] == "insert":
            key = (r["table"], r["record_id"])
            if key in seen_inserts:
                continue
            seen_inserts.add(key)
            row.update(field="（新增记录）", old="", new=_summary(r["table"], inserted[key]))
        out.append(row)
    return out
