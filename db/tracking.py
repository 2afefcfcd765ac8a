"""Automatic change tracking: every flush of a synced record writes field-level ChangeLog rows.

Why here and not in each service: a change that bypasses the log would be invisible to the
auditor and never reach the county. Hooking the session makes forgetting impossible.
Session.info keys used: node_id, user_name, and `remote` (a dict with origin_node,
origin_seq, user_name, at, package_id) while sync applies a peer's change; sync applying many
change sets in one flush sets `remote_by_record` ({record_id: that dict}) instead. `unlogged` (a set of
record ids) names new records the program installs identically on every installation and this node does
not own (a township loading the shipped checklist standards): no change of anyone's, so not logged or sent.
"""
from __future__ import annotations

import functools
import hashlib
import json
import operator
from datetime import date, datetime
from decimal import Decimal
from json.encoder import encode_basestring as _quote  # json.dumps of a str, non-ASCII kept

from sqlalchemy import bindparam, event, inspect, select, update
from sqlalchemy.orm import Session

from db import bulk, chain_head, personal, personal_rest
from db.changes import Builder, publish
from db.base import BOOKKEEPING_COLUMNS, SyncedMixin, new_uuid, utcnow
from db.locking import lock_for_write

_sha256 = hashlib.sha256


def to_json_value(value) -> str | None:
    """Serialise a column value to canonical JSON text (dates as ISO, Decimal as string).

    The same text as json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
    with the common scalar types done without the encoder (an import logs every field of every record).
    """
    if value is None:
        return None
    kind = type(value)
    if kind is str:
        return _quote(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if isinstance(value, (datetime, date)):
        return '"' + value.isoformat() + '"'
    if isinstance(value, Decimal):
        return '"' + str(value) + '"'
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# Every change-log column a fact lives in. `seq` is the chain's order (each row names the hash before
# it), prev_hash is chained in as `prev`, and row_hash is the result. tests/core/test_change_log_hash.py
# fails when a new ChangeLog column is added without being listed here.
HASHED_COLUMNS = ("origin_node", "origin_seq", "at", "user_name", "table_name", "record_id", "project_id",
                  "scope_code", "op", "field", "old_value", "new_value", "package_id")


def row_hash(prev: str | None, row: dict) -> str:
    """Hash of a change-log row chained to the one before it: THE one function every writer uses.

    Why one: verify recomputes it, migration 0006 rehashed old chains with it, and bulk writers (fast
    ledger import, sync) must produce rows verify accepts. `row` maps column names to the values as
    written (`at` a datetime). Scheme 2: project_id, scope_code and package_id are covered too.
    """
    # The text of json.dumps([prev or "", *(str(row.get(k)) for k in HASHED_COLUMNS)], ensure_ascii=False),
    # built with the encoder's own string quoting in C: no encoder object per row (an import hashes
    # every change-log row; tests/core/test_row_hash_fast.py holds it to the json.dumps text).
    payload = "[" + _quote(prev or "") + ", " + ", ".join(map(_quote, map(str, map(row.get, HASHED_COLUMNS)))) + "]"
    return _sha256(payload.encode("utf-8")).hexdigest()


def chain_rows(prev: str | None, rows: list[dict]) -> str | None:
    """Chain `rows` after `prev`: set each row's prev_hash and row_hash (exactly `row_hash`), return the last.

    Why not `row_hash` per row: the rows of one change share their first nine hashed columns (origin,
    time, user, table, record, project, scope, op) and the package; their quoted text is built once per
    run of equal values, leaving three columns to quote per row (tests/core/test_row_hash_fast.py
    holds it to `row_hash`).
    """
    last, head, tail = None, "", ""
    for row in rows:
        try:
            key = _SHARED(row)
            field, old, new = _OWN(row)
        except KeyError:  # a row without every column: the one definition, slowly
            row["prev_hash"] = prev
            row["row_hash"] = prev = row_hash(prev, row)
            last = None
            continue
        if key != last:
            last = key
            head = ", ".join(map(_quote, map(str, key[:-1])))
            tail = _quote(str(key[-1])) + "]"
        row["prev_hash"] = prev
        row["row_hash"] = prev = _sha256(
            f"[{_quote(prev or '')}, {head}, {_quote(str(field))}, {_quote(str(old))}, {_quote(str(new))}, {tail}"
            .encode("utf-8")).hexdigest()
    return prev


_SHARED = operator.itemgetter(*HASHED_COLUMNS[:9], HASHED_COLUMNS[12])  # equal across one change's rows
_OWN = operator.itemgetter(*HASHED_COLUMNS[9:12])  # field, old_value, new_value


HASH_SCHEME = 2  # travels with the chain head in packages: a peer that rehashed is not "rewritten"


def _column_keys(obj) -> list[str]:
    return [a.key for a in inspect(obj).mapper.column_attrs]


def _scope(session: Session, obj) -> tuple[str | None, str | None]:
    """(project_id, township code) a record belongs to, for history views and routing."""
    from db.models import Project

    if isinstance(obj, Project):
        return obj.id, obj.township_code
    project_id = getattr(obj, "project_id", None)
    code = getattr(obj, "township_code", None) or getattr(obj, "scope_code", None)
    if code is None and project_id:
        cache = session.info.setdefault("_township_cache", {})
        if project_id not in cache:
            cache[project_id] = session.connection().execute(
                select(Project.township_code).where(Project.id == project_id)).scalar()
        code = cache[project_id]
    return project_id, code


def _remote_for(session: Session, record_id) -> dict | None:
    """The peer's change being applied to this record (sync), or None for a local change."""
    by_record = session.info.get("remote_by_record")
    if by_record and record_id in by_record:
        return by_record[record_id]
    return session.info.get("remote")


def _before_flush(session: Session, _ctx, _instances) -> None:
    if session.new or session.dirty or session.deleted:
        lock_for_write(session)  # PostgreSQL: one writer at a time keeps the hash chain linear
    now = utcnow()
    for obj in session.new:
        if isinstance(obj, SyncedMixin):
            if obj.id is None:
                obj.id = new_uuid()
            if not _remote_for(session, obj.id):
                obj.origin_node = obj.origin_node or session.info.get("node_id")
                obj.version = 1
                obj.created_at = obj.created_at or now
                obj.updated_at = now
    for obj in session.dirty:
        if isinstance(obj, SyncedMixin) and session.is_modified(obj, include_collections=False):
            remote = _remote_for(session, obj.id)
            obj.version = (obj.version or 0) + 1
            obj.updated_at = remote.get("at", now) if remote else now


def _builder(session: Session) -> Builder:
    b = session.info.get("_changes")
    if b is None:
        b = session.info["_changes"] = Builder()
    return b


def note(session: Session, *tables: str) -> None:
    """Tell the transaction's ChangeSet that a Core statement wrote these tables (no flush hook saw it)."""
    b = _builder(session)
    for table in tables:
        b.add(table)


def _note_changes(session: Session) -> None:
    """Tell the transaction's ChangeSet which tables, records and projects this flush touched."""
    b = _builder(session)
    for obj in (*session.new, *session.deleted):
        b.add(obj.__tablename__, getattr(obj, "id", None), _project_of(obj))
    for obj in session.dirty:
        if session.is_modified(obj, include_collections=False):
            b.add(obj.__tablename__, getattr(obj, "id", None), _project_of(obj))
    from db.models import Project

    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Project):  # a renamed project: views keyed by code must drop the old one
            hist = inspect(obj).attrs["code"].history
            b.codes.update(c for c in (obj.code, *hist.deleted) if c)


def _project_of(obj) -> str | None:
    from db.models import Project

    return obj.id if isinstance(obj, Project) else getattr(obj, "project_id", None)


def _after_flush(session: Session, _ctx) -> None:
    _note_changes(session)
    rows: list[dict] = []
    unlogged = session.info.get("unlogged") or ()
    for obj in session.new:
        if isinstance(obj, SyncedMixin) and obj.id not in unlogged:
            scope = _scope(session, obj)
            for key in _column_keys(obj):
                if key in BOOKKEEPING_COLUMNS:
                    continue
                value = to_json_value(personal_rest.clear_value(session, obj, key, getattr(obj, key)))
                if value is not None:
                    rows.append(_row(session, obj, "insert", key, None, value, scope))
    for obj in session.dirty:
        if not isinstance(obj, SyncedMixin):
            continue
        state, scope = inspect(obj), None
        for key in _column_keys(obj):
            if key in BOOKKEEPING_COLUMNS:
                continue
            hist = state.attrs[key].history
            if not hist.has_changes():
                continue
            old = to_json_value(hist.deleted[0]) if hist.deleted else None
            new = to_json_value(personal_rest.clear_value(session, obj, key, hist.added[0])) if hist.added else None
            if old == new:
                continue
            scope = scope or _scope(session, obj)
            op = "delete" if key == "deleted" and new == "true" else "update"
            rows.append(_row(session, obj, op, key, old, new, scope))
    if rows:
        _write(session, rows)


def _row(session: Session, obj, op: str, field: str, old, new, scope=None) -> dict:
    project_id, scope = scope or _scope(session, obj)
    if field in getattr(obj, "__personal__", ()):  # ID/phone: sealed per record, erasable (db/personal.py)
        old = personal.seal(session, obj.__tablename__, obj.id, field, old)
        new = personal.seal(session, obj.__tablename__, obj.id, field, new)
    return {"table_name": obj.__tablename__, "record_id": obj.id, "project_id": project_id,
            "scope_code": scope, "op": op, "field": field, "old_value": old, "new_value": new}


@functools.cache
def _statements():
    """The next local change number and the chain's newest hash: built once (each flush that logs asks)."""
    from db.models import ChangeLog, Node

    node, log = Node.__table__, ChangeLog.__table__
    return (update(node).where(node.c.id == bindparam("node_id")).values(last_seq=node.c.last_seq + 1)
            .returning(node.c.last_seq),
            select(log.c.row_hash).order_by(log.c.seq.desc()).limit(1))


def _write(session: Session, rows: list[dict]) -> None:
    from db.models import ChangeLog

    conn = session.connection()
    local = None
    by_record, default = session.info.get("remote_by_record") or {}, session.info.get("remote")
    origins: dict[int, dict] = {}  # a remote change's origin columns, made once for all its rows
    for row in rows:
        remote = by_record.get(row["record_id"], default)  # what _remote_for answers
        if remote:
            origin = origins.get(id(remote))
            if origin is None:
                origin = origins[id(remote)] = {
                    "origin_node": remote["origin_node"], "origin_seq": remote["origin_seq"],
                    "user_name": remote.get("user_name"), "at": remote.get("at") or utcnow(),
                    "package_id": remote.get("package_id")}
            row.update(origin)
            continue
        if local is None:  # one new local change number per flush
            origin = session.info.get("node_id")
            if origin is None:
                raise RuntimeError("session has no node_id: open the data folder through desktop.core.app")
            seq = conn.execute(_statements()[0], {"node_id": origin}).scalar_one()
            local = dict(origin_node=origin, origin_seq=seq, user_name=session.info.get("user_name"), at=utcnow(),
                         package_id=None)
        row.update(local)
    prev = session.info.get("_chain_head")  # what this transaction last wrote: no need to read it back
    if prev is None:
        prev = conn.execute(_statements()[1]).scalar()
    prev = chain_rows(prev, rows)
    bulk.insert_many(conn, ChangeLog.__table__, rows)
    session.info["_chain_head"] = prev
    _builder(session).log_keys.update((r["origin_node"], r["origin_seq"]) for r in rows)
    chain_head.store(conn, chain_head.CHANGE_LOG_HEAD, prev)  # so verify notices deleted newest rows


def log_inserted(session: Session, model, records: list[dict], into: list | None = None) -> None:
    """Change-log rows for new records that sync wrote with one Core executemany (not through a flush).

    The same rows the flush hook writes when the same records are added to the session — one per
    non-null synced field, personal fields sealed, scope from the record or its project, origin from
    `remote_by_record` — built in one loop and chained by `_write` (the one row hash of the log).
    `records` are the inserted column values, defaults already filled in. With `into`, the rows are
    appended there for the caller to pass to `write_logged` once for several tables (one chain step).
    """
    from db.models import Project

    lock_for_write(session)
    table = model.__tablename__
    keys = [a.key for a in inspect(model).mapper.column_attrs if a.key not in BOOKKEEPING_COLUMNS]
    sealed = set(getattr(model, "__personal__", ()))
    cache = session.info.setdefault("_township_cache", {})
    b, rows = _builder(session), []
    if sealed:
        personal.prepare_keys(session, table, [r["id"] for r in records if any(r.get(f) is not None for f in sealed)])
    for rec in records:
        record_id = rec["id"]
        if model is Project:
            project_id = record_id
            scope = cache[record_id] = rec.get("township_code")
            if rec.get("code"):
                b.codes.add(rec["code"])
        else:
            project_id = rec.get("project_id")
            scope = rec.get("township_code") or rec.get("scope_code")
            if scope is None and project_id:
                if project_id not in cache:
                    cache[project_id] = session.connection().execute(
                        select(Project.township_code).where(Project.id == project_id)).scalar()
                scope = cache[project_id]
        b.add(table, record_id, project_id)
        for key in keys:
            value = to_json_value(rec.get(key))
            if value is None:
                continue
            if key in sealed:
                value = personal.seal(session, table, record_id, key, value)
            rows.append({"table_name": table, "record_id": record_id, "project_id": project_id,
                         "scope_code": scope, "op": "insert", "field": key, "old_value": None, "new_value": value})
    if into is not None:
        into.extend(rows)
    elif rows:
        _write(session, rows)


def write_logged(session: Session, rows: list[dict]) -> None:
    """Write change-log rows gathered by `log_inserted(..., into=rows)`: one read of the chain's head,
    one executemany, one store of the new head."""
    if rows:
        _write(session, rows)


def log_decision(session: Session, obj, field: str) -> None:
    """Log a field as changed although its value stayed (a settled sync conflict), so the decision travels.

    The caller has flushed a change in this transaction first, so the writer lock is held.
    """
    log_decisions(session, [(obj, field)])


def log_decisions(session: Session, pairs: list) -> None:
    """`log_decision` for many (record, field) pairs at once: one flush, one change number, one write."""
    if not pairs:
        return
    session.flush()
    _write(session, [_row(session, obj, "update", field, value, value)
                     for obj, field in pairs for value in (to_json_value(getattr(obj, field)),)])


def write_decided(session: Session, rows: list[dict]) -> None:
    """Change-log rows built by a caller the way `log_decisions` builds them (desktop/sync/trust.py reads the
    values with Core): the same flush first, then one change number and one write."""
    session.flush()
    _write(session, rows)


def _bulk_statement(state) -> None:
    """An ORM-enabled bulk INSERT/UPDATE/DELETE: the flush hooks do not see it, so note its table."""
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if table is not None:
            _builder(state.session).add(table.name)


def _after_commit(session: Session) -> None:
    session.info.pop("unlogged", None)
    session.info.pop("_chain_head", None)
    b = session.info.pop("_changes", None)
    if b is not None:
        changes = b.freeze()
        session.info["changes"] = changes
        publish(changes, b.log_keys)


def _after_rollback(session: Session) -> None:
    session.info.pop("unlogged", None)
    session.info.pop("_chain_head", None)
    session.info.pop("_changes", None)


def install(factory) -> None:
    """Attach the tracker to a sessionmaker (idempotent).

    Marked on the factory itself, not checked with `event.contains`: SQLAlchemy keys that registry
    by id(), so a new sessionmaker reusing the id of a collected one looked tracked and then logged
    nothing at all (found by tests/sync/test_property.py; regression test in tests/sync/test_tracking.py).
    """
    if getattr(factory, "_towndesk_tracked", False):
        return
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "do_orm_execute", _bulk_statement)
    event.listen(factory, "after_commit", _after_commit)
    event.listen(factory, "after_rollback", _after_rollback)
    factory._towndesk_tracked = True
