"""Change sets: reading the outbox (our own ChangeLog rows), routing, `seen`, value codec, owners.

A change set is the ChangeLog rows sharing (origin_node, origin_seq, record_id). In a package it is
one JSON line: {"seq", "table", "id", "op", "at", "user", "seen", "fields": {field: value}}.
`seen` is the highest change number of the recipient that this node had applied when it made the
change; the receiver compares it with its own last change of each field to detect concurrent edits.
"""
from __future__ import annotations

import bisect
import functools
import json
from datetime import date, datetime, timezone
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, Numeric, String, Text, or_, select

from db import personal
from db.base import BOOKKEEPING_COLUMNS, Base
from db.models import SYNCED_MODELS, ChangeLog, PackageLog
from desktop.core.errors import UserError

COUNTY_TABLES = frozenset({"risk_assessment", "notice", "checklist_standard", "checklist_item", "template"})
COUNTY_PROJECT_FIELDS = frozenset({"risk_level", "built_not_finished", "finished_not_used", "used_not_well",
                                   "disposition"})
FILE_TABLES = ("attachment", "template")  # tables whose `sha256` names a file in the attachment store
TABLE_ORDER = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}


def owner_role(table: str, field: str) -> str:
    """Which side's value stands when both changed a field: the same answer on every node."""
    if table in COUNTY_TABLES or (table == "project" and field in COUNTY_PROJECT_FIELDS):
        return "county"
    return "township"


def canonical(value) -> str:
    """Canonical JSON text of a plain JSON value, for comparing old and new."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@functools.lru_cache(maxsize=None)
def synced_fields(model) -> dict:
    """The columns of a synced model that travel (everything but the bookkeeping columns)."""
    return {c.key: c for c in model.__table__.columns if c.key not in BOOKKEEPING_COLUMNS}


def decode(table: str, field: str, value, where: str):
    """A JSON value from a package, as the Python value for the column; refuses a wrong type."""
    model = SYNCED_MODELS.get(table)
    column = synced_fields(model).get(field) if model else None
    if column is None:
        raise UserError(f"{where}含有本机不认识的数据（{table}.{field}）。请把 TownDesk 升级到与对方相同或更新的版本后再导入。")
    if value is None:
        return None
    t = column.type
    try:
        if isinstance(t, DateTime):
            return datetime.fromisoformat(value)
        if isinstance(t, Date):
            return date.fromisoformat(value)
        if isinstance(t, Boolean):
            if not isinstance(value, bool):
                raise TypeError
            return value
        if isinstance(t, Integer):
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError
            return value
        if isinstance(t, Numeric):
            return Decimal(str(value))
        if isinstance(t, (String, Text)):
            if not isinstance(value, str):
                raise TypeError
            return value
        if isinstance(t, JSON):
            return value
    except (TypeError, ValueError, ArithmeticError):
        pass
    else:
        return value
    raise UserError(f"{where}记录 {table} 的字段 {field} 的值无效（{str(value)[:40]}）。请让对方重新导出。")


def to_plain(value):
    """A Python column value as a JSON value (the inverse of decode)."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def local_time(at) -> str | None:
    """Stored times are UTC; people read local time ('2026-06-14 17:12:03')."""
    if at is None:
        return None
    return at.replace(tzinfo=timezone.utc).astimezone().replace(tzinfo=None).isoformat(sep=" ", timespec="seconds")


class SeenIndex:
    """What a peer's changes we had applied at the moment of each of our own changes."""

    def __init__(self, session, peer_id: str):
        rows = session.execute(select(PackageLog.local_seq, PackageLog.applied_in_after)
                               .where(PackageLog.direction == "in", PackageLog.peer_id == peer_id)
                               .order_by(PackageLog.local_seq, PackageLog.at)).all()
        self.keys, self.best, best = [], [], 0
        for local_seq, after in rows:
            best = max(best, after or 0)
            self.keys.append(local_seq)
            self.best.append(best)

    def __call__(self, own_seq: int) -> int:
        i = bisect.bisect_left(self.keys, own_seq)  # imports made before change own_seq
        return self.best[i - 1] if i else 0


def outbox_query(self_id: str, peer, base: int, upto: int):
    c = ChangeLog
    q = (select(c.origin_seq, c.table_name, c.record_id, c.at, c.user_name, c.field, c.new_value, c.op).where(ChangeLog.origin_node == self_id, ChangeLog.origin_seq > base,
                                 ChangeLog.origin_seq <= upto)
         .order_by(ChangeLog.origin_seq, ChangeLog.seq))
    if peer.role == "township":  # the county sends a township its own records and county-wide ones
        q = q.where(or_(ChangeLog.scope_code == peer.region_code, ChangeLog.scope_code.is_(None)))
    return q


def change_sets(session, self_id: str, peer, base: int, upto: int, seen: SeenIndex):
    """Yield the change sets to send to `peer`, in origin_seq order, parents before children."""
    conn = session.connection()
    batch: dict[str, dict] = {}
    current = None
    for row in session.execute(outbox_query(self_id, peer, base, upto).execution_options(yield_per=2000)):
        if row.origin_seq != current:
            yield from _ordered(batch)
            batch, current = {}, row.origin_seq
        cs = batch.get(row.record_id)
        if cs is None:
            cs = batch[row.record_id] = {"seq": row.origin_seq, "table": row.table_name, "id": row.record_id,
                                         "op": "update", "at": row.at.isoformat(), "user": row.user_name,
                                         "seen": seen(row.origin_seq), "fields": {}}
        stored = row.new_value
        if personal.is_sealed(stored):
            stored = personal.open_value(conn, row.table_name, row.record_id, row.field, stored)
        cs["fields"][row.field] = json.loads(stored) if stored is not None else None
        if row.op == "insert":
            cs["op"] = "insert"
        elif row.op == "delete" and cs["op"] != "insert":
            cs["op"] = "delete"
    yield from _ordered(batch)


def _ordered(batch: dict[str, dict]):
    return iter(sorted(batch.values(), key=lambda cs: TABLE_ORDER.get(cs["table"], 999)))
