"""Change sets: reading the outbox (our own ChangeLog rows), routing, `seen`, value codec, owners.

A change set is the ChangeLog rows sharing (origin_node, origin_seq, record_id). In a package it is
one JSON line: {"seq", "table", "id", "op", "at", "user", "seen", "fields": {field: value}}.
`seen` is the highest change number of the recipient that this node had applied when it made the
change; the receiver compares it with its own last change of each field to detect concurrent edits.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import json
from json.encoder import encode_basestring as _quote  # a str as JSON, non-ASCII kept
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


class OutLine:
    """One change set ready to send: its JSON line (UTF-8 bytes) and what the exporter counts."""

    __slots__ = ("seq", "table", "op", "sha256", "line")

    def __init__(self, seq: int, table: str, op: str, sha256, line: bytes):
        self.seq, self.table, self.op, self.sha256, self.line = seq, table, op, sha256, line


def change_sets(session, self_id: str, peer, base: int, upto: int, seen: SeenIndex):
    """Yield the change sets to send to `peer` (OutLine), in origin_seq order, parents before children.

    The stored values are spliced into the line as they are: each is already canonical JSON text
    (db.tracking.to_json_value), so nothing is decoded and encoded again.
    """
    conn = session.connection()
    batch: dict[str, list] = {}
    current = None
    rows, when = _outbox_rows(conn, self_id, peer, base, upto)
    keys: dict = {}  # personal keys read once per record in this read (an erased record has none: not cached)
    for origin_seq, table, record_id, at, user, field, stored, op in rows:
        if origin_seq != current:
            yield from _ordered(batch, seen)
            batch, current = {}, origin_seq
        cs = batch.get(record_id)
        if cs is None:  # [seq, table, id, op, at (ISO text), user, {field: json text}]
            cs = batch[record_id] = [origin_seq, table, record_id, "update", when(at), user, {}]
        if stored is not None and stored.startswith(personal.SEALED_PREFIX):
            stored = personal.open_value(conn, table, record_id, field, stored, keys)
        cs[6][field] = stored
        if op == "insert":
            cs[3] = "insert"
        elif op == "delete" and cs[3] != "insert":
            cs[3] = "delete"
    yield from _ordered(batch, seen)


RAW_OUTBOX = True  # tests turn it off to hold the driver path to the Core one


def _outbox_rows(conn, self_id: str, peer, base: int, upto: int):
    """The outbox rows as plain tuples, and how to turn a row's `at` into the line's ISO text.

    On SQLite the statement goes straight to the driver's cursor, a thousand rows per fetch: Core built a
    Row and parsed a datetime for each of ~10,000 rows, though only the first row of a change set needs
    its time. That time is parsed by the column's own result processor (what Core would do), once per
    distinct stored text. Other databases take the Core statement."""
    if conn.dialect.name != "sqlite" or not RAW_OUTBOX:
        result = conn.execute(outbox_query(self_id, peer, base, upto))
        return itertools.chain.from_iterable(result.partitions(1000)), _iso
    t = ChangeLog.__table__
    sql = _OUTBOX_SQL + (_OUTBOX_SCOPE if peer.role == "township" else "") + " ORDER BY origin_seq, seq"
    params = (self_id, base, upto) + ((peer.region_code,) if peer.role == "township" else ())
    cursor = conn.connection.cursor()
    cursor.execute(sql, params)
    parse = t.c.at.type._cached_result_processor(conn.dialect, None)
    memo: dict = {}

    def when(raw) -> str:
        iso = memo.get(raw)
        if iso is None:
            iso = memo[raw] = _iso(parse(raw) if parse else raw)
        return iso

    return itertools.chain.from_iterable(iter(lambda: cursor.fetchmany(1000), [])), when


_OUTBOX_SQL = ("SELECT origin_seq, table_name, record_id, at, user_name, field, new_value, op FROM change_log "
               "WHERE origin_node = ? AND origin_seq > ? AND origin_seq <= ?")
_OUTBOX_SCOPE = " AND (scope_code = ? OR scope_code IS NULL)"


def _iso(at) -> str:
    return at.isoformat()


def _line(cs: list, seen: SeenIndex) -> OutLine:
    seq, table, record_id, op, at, user, fields = cs
    body = ",".join(f'{_quote(f)}:{"null" if v is None else v}' for f, v in fields.items())
    line = (f'{{"seq":{seq},"table":{_quote(table)},"id":{_quote(record_id)},"op":"{op}",'
            f'"at":"{at}","user":{"null" if user is None else _quote(user)},"seen":{seen(seq)},'
            f'"fields":{{{body}}}}}\n')
    sha = None
    if table in FILE_TABLES:
        sha = json.loads(fields["sha256"]) if fields.get("sha256") else None
    return OutLine(seq, table, op, sha, line.encode("utf-8"))


def _ordered(batch: dict[str, list], seen: SeenIndex):
    for cs in sorted(batch.values(), key=lambda cs: TABLE_ORDER.get(cs[1], 999)):
        yield _line(cs, seen)
