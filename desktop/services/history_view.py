"""A project's change history as a clerk (or an auditor) reads it: who, when, what, old → new.

Why a separate view: the change log stores canonical JSON per field; people need Chinese
field names, 元 instead of fen, 是/否, stage names, and personal data masked.
"""
from __future__ import annotations

import json

from desktop.services.fields import PROJECT_FIELDS
from desktop.services.project_undo import TABLE_LABELS
from desktop.services.projects import project_history
from desktop.services.record_specs import KINDS

try:
    from desktop.privacy import mask_field
except ImportError:  # pragma: no cover - same rule as the privacy module
    def mask_field(table, field, value):
        if value and field in ("id_number", "phone", "responsible_phone"):
            return value[:3] + "*" * max(len(value) - 7, 0) + value[-4:]
        return value

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
        return f"{value / 100:,.2f} 元"
    if choices and value in choices:
        return choices[value]
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    text = str(value)
    return str(mask_field(table, field, text))


def history_rows(app, code: str, limit: int = 2000) -> list[dict]:
    """Newest first; creation of a record is one row, not one per field."""
    out = []
    seen_inserts = set()
    for r in project_history(app, code, limit=limit):
        if r["field"] in HIDDEN_FIELDS:
            continue
        table_label = TABLE_LABELS.get(r["table"], r["table"])
        label, _, _ = _field_spec(r["table"], r["field"])
        row = {"seq": r["seq"], "at": r["at"], "user": r["user"] or "", "record": table_label,
               "op": OP_LABELS.get(r["op"], r["op"]), "field": label,
               "old": show_value(r["table"], r["field"], r["old"]), "new": show_value(r["table"], r["field"], r["new"])}
        if r["op"] == "insert":
            key = (r["table"], r["record_id"])
            if key in seen_inserts:
                continue
            seen_inserts.add(key)
            row.update(field="（新增记录）", old="", new="")
        out.append(row)
    return out
