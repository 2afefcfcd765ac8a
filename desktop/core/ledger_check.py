"""Does the ledger equal its history? Every synced record's current values are replayed from the change log
and compared field by field; the append-only triggers must exist; a change set cut short is found.

Why: the hash chain proves the change log was not rewritten, but a value changed straight in the project
table (sqlite3, a hex editor) leaves the log intact, passes the chain check and never syncs. Replaying the
log is the independent witness: the table must say what the log says it was last set to.
"""
from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal

from sqlalchemy import func, inspect, select, text

from db.base import BOOKKEEPING_COLUMNS
from db.models import SYNCED_MODELS, ChangeLog, Node
from db.tracking import to_json_value

MAX_REPORTED = 20
SHIPPED_TABLES = frozenset({"checklist_standard", "checklist_item"})
TRIGGERS = {"sqlite": ("change_log_no_update", "change_log_no_delete"), "postgresql": ("change_log_no_change",)}


def _replayed(conn) -> tuple[dict[tuple[str, str], dict[str, str | None]], set]:
    """(table, record id) → {field: the value the newest change-log row gave it}, and the shipped-standard
    records the log inserted."""
    state: dict[tuple[str, str], dict[str, str | None]] = defaultdict(dict)
    inserted: set[tuple[str, str]] = set()
    q = (select(ChangeLog.table_name, ChangeLog.record_id, ChangeLog.field, ChangeLog.new_value, ChangeLog.op)
         .order_by(ChangeLog.seq))
    for table, record, field, value, op in conn.execute(q):
        state[(table, record)][field] = value
        if op == "insert" and table in SHIPPED_TABLES:  # only these may be held unlogged (_shipped)
            inserted.add((table, record))
    return state, inserted


def _shipped() -> dict[tuple[str, str], tuple[str, dict]]:
    """(table, id) → (its standard's id, {field: value}) for every row of the shipped checklist standards.

    A township loads these without logging them (desktop.checklists.standards_service.ensure_builtin):
    for a row the log never inserted, the program's own files are the witness, and the log's later changes
    (the county's, applied here) go on top of it."""
    from desktop.checklists.standards_service import builtin_records, builtin_standards

    out = {}
    for std in builtin_standards():
        for model, fields in builtin_records(std):
            out[(model.__tablename__, fields["id"])] = (
                fields.get("standard_id", fields["id"]),
                {k: to_json_value(v) for k, v in fields.items() if k not in BOOKKEEPING_COLUMNS})
    return out


def check_replay(app) -> list[str]:
    """Current values of every synced record against the replayed change log (personal fields, which the
    log keeps sealed and may erase, are compared by presence only)."""
    out: list[str] = []
    with app.engine.connect() as conn:
        state, inserted = _replayed(conn)
        shipped, used = _shipped(), set()
        seen: set[tuple[str, str]] = set()
        for table, model in SYNCED_MODELS.items():
            mapper = inspect(model)
            attrs = [(a.key, a.columns[0]) for a in mapper.column_attrs if a.key not in BOOKKEEPING_COLUMNS]
            personal = set(getattr(model, "__personal__", ()))
            cols = [mapper.columns["id"]] + [c for _, c in attrs]
            try:
                rows = conn.execute(select(*cols)).all()
            except (ValueError, TypeError, OverflowError):  # a value no longer readable: find which
                out += _unreadable(conn, table, mapper, attrs)
                seen |= {(table, r[0]) for r in conn.execute(select(mapper.columns["id"]))}
                continue
            for row in rows:
                rid = row[0]
                seen.add((table, rid))
                logged = state.get((table, rid))
                witness = shipped.get((table, rid))
                if witness is not None and (table, rid) not in inserted:
                    logged = {**witness[1], **(logged or {})}
                    used.add(witness[0])
                if logged is None:
                    out.append(f"表 {table} 中的记录 {rid} 在变更记录中没有任何记载（被直接写入数据库）。")
                    continue
                for (key, _), value in zip(attrs, row[1:]):
                    now = to_json_value(value)
                    was = logged.get(key)
                    if key in personal:
                        continue
                    if now != was and not _same_number(value, was):
                        out.append(f"表 {table} 记录 {rid} 的字段 {key} 当前值 {_short(now)} 与变更记录 {_short(was)} "
                                   "不符：数据被绕过程序改动，或变更记录被部分删除。")
                if len(out) >= MAX_REPORTED:
                    return out + ["……问题过多，只列出前 20 条。"]
        out += _missing(state, seen) + _missing_shipped(shipped, used, seen)
    return out[:MAX_REPORTED] + (["……问题过多，只列出前 20 条。"] if len(out) > MAX_REPORTED else [])


def _missing(state, seen) -> list[str]:
    """Records the change log says exist but the table no longer holds: the program never deletes a synced
    record (a deletion is a tombstone), so a missing one was removed behind its back."""
    out = []
    for table, rid in state:
        if table in SYNCED_MODELS and (table, rid) not in seen:
            out.append(f"表 {table} 的记录 {rid} 在变更记录中存在，但数据库中已找不到（被绕过程序删除）："
                       "请从备份恢复。")
    return sorted(out)


def _missing_shipped(shipped, used: set, seen: set) -> list[str]:
    """Rows of a shipped standard that is in the database without its log: all of it must be there."""
    return sorted(f"表 {table} 的记录 {rid} 属于程序自带的资料清单标准，其余部分都在，它却已找不到（被绕过程序删除）："
                  "请从备份恢复。" for (table, rid), (group, _) in shipped.items()
                  if group in used and (table, rid) not in seen)


def _unreadable(conn, table: str, mapper, attrs) -> list[str]:
    """Name the record and field of each value the program can no longer read (a forged date, broken JSON)."""
    out = []
    for key, col in attrs:
        for (rid,) in conn.execute(select(mapper.columns["id"])):
            try:
                conn.execute(select(col).where(mapper.columns["id"] == rid)).all()
            except (ValueError, TypeError, OverflowError):
                out.append(f"表 {table} 记录 {rid} 的字段 {key} 含有无法读取的值：数据被绕过程序改动，请从备份恢复。")
                if len(out) >= MAX_REPORTED:
                    return out
    return out


def _same_number(value, logged: str | None) -> bool:
    """A Numeric column reads back with its scale (3.2 → 3.2000): equal numbers are the same value."""
    if not isinstance(value, Decimal) or logged is None:
        return False
    try:
        return Decimal(json.loads(logged)) == value
    except (ValueError, TypeError, ArithmeticError):
        return False


def _short(value: str | None) -> str:
    if value is None:
        return "（空）"
    return f"'{value[:40]}…'" if len(value) > 40 else f"'{value}'"


def check_triggers(app) -> list[str]:
    """The database refuses UPDATE and DELETE on the change log only while its triggers exist."""
    backend = app.engine.url.get_backend_name()
    wanted = TRIGGERS.get(backend, ())
    with app.engine.connect() as conn:
        if backend == "sqlite":
            have = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))}
        elif backend == "postgresql":
            have = {r[0] for r in conn.execute(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"))}
        else:
            return []
    missing = [t for t in wanted if t not in have]
    return [f"保护变更记录的数据库触发器 {', '.join(missing)} 不存在：变更记录可能被改写过，请从备份恢复并联系县级办公室。"] \
        if missing else []


def check_change_sets(app) -> list[str]:
    """This node's newest change number must have rows: deleting a whole newest change set is found here
    (deleting part of one shows up in the replay)."""
    with app.engine.connect() as conn:
        node = conn.execute(select(Node.id, Node.last_seq).where(Node.is_self.is_(True))).first()
        if node is None:
            return []
        newest = conn.execute(select(func.max(ChangeLog.origin_seq)).where(ChangeLog.origin_node == node.id)).scalar()
    if (node.last_seq or 0) > (newest or 0):
        return [f"本机最新的变更（第 {node.last_seq} 号）在变更记录中找不到（已找到的最新是第 {newest or 0} 号）："
                "变更记录被删除过，请从备份恢复。"]
    return []


def check_ledger(app) -> list[str]:
    return check_triggers(app) + check_change_sets(app) + check_replay(app)
