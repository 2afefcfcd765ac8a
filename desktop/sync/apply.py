"""Applying a peer's change sets through the ORM, so the tracker logs them with the sender's origin.

Rules (docs/package-format.md §Apply): skip change sets already applied; per field, if our own last
change of that field is newer than what the sender had seen (`seen`), both sides changed it
concurrently: keep both values in a Conflict and let the owner side's value stand (the same rule on
every node, so all copies agree). Otherwise take the sender's value and close any open conflict on
that field, because the sender decided knowing ours.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import IntegrityError

from db import bulk, personal, personal_rest, tracking
from db.base import utcnow
from db.models import SYNCED_MODELS, ChangeLog, Conflict
from desktop.core.errors import UserError
from desktop.sync.changes import TABLE_ORDER, canonical, owner_role, synced_fields, to_plain
from desktop.sync.decode_plan import decode_fields

COUNT_KEYS = ("added", "updated", "unchanged", "conflicts", "skipped")
WINDOW = 500  # change sets applied per batch of flushes (each record at most once per window)


@functools.cache
def _open_conflicts():
    """The open conflicts' (record, field), built once: each package's applier asks."""
    return select(Conflict.record_id, Conflict.field).where(Conflict.status == "open")


@functools.lru_cache(maxsize=None)
def core_insertable(model) -> bool:
    """New records of this model may skip the ORM: no mapper insert hooks and no validators that a
    Core statement would bypass (tests/sync/test_onepass.py compares both paths record by record)."""
    mapper = sa_inspect(model)
    own = 1 if model in personal_rest.SEALED_MODELS else 0  # sealing at rest: done by `_insert` the same way
    return not (len(mapper.dispatch.before_insert) > own or mapper.dispatch.after_insert or mapper.validators)


class Applier:
    """Applies one package's change sets inside the caller's transaction and counts what happened."""

    def __init__(self, session, self_id: str, sender, package_id: str, label: str, applied_upto: int,
                 ranges: list, careful: bool):
        self.s, self.self_id, self.sender, self.package_id = session, self_id, sender, package_id
        self.label, self.applied_upto, self.ranges, self.careful = label, applied_upto, ranges, careful
        self.per_table: dict[str, dict] = defaultdict(lambda: dict.fromkeys(COUNT_KEYS, 0))
        self.missing: list[str] = []
        self.conflicts: list[dict] = []
        self.open = {(r, f) for r, f in session.execute(_open_conflicts())}

    def already_applied(self, seq: int) -> bool:
        return seq <= self.applied_upto or bool(self.ranges) and any(lo < seq <= hi for lo, hi in self.ranges)

    def apply_all(self, sets: list[dict], after=None) -> None:
        """Apply in windows of change sets on distinct records; `after(i)` runs once set i is flushed."""
        window: list[tuple[int, dict]] = []
        records: set[str] = set()
        for i, cs in enumerate(sets, 1):
            if cs.get("id") in records or len(window) >= WINDOW:
                self._window(window, after)
                window, records = [], set()
            window.append((i, cs))
            records.add(cs.get("id"))
        self._window(window, after)

    def _window(self, window: list[tuple[int, dict]], after) -> None:
        """One flush per table (parents' tables first), with each record's own origin for the tracker."""
        todo: dict[str, list] = defaultdict(list)
        remote: dict[str, dict] = {}
        for _, cs in window:
            table = cs.get("table")
            if SYNCED_MODELS.get(table) is None:
                raise UserError(f"{self._where(cs)}含有本机不认识的数据（{table}）。"
                                "请把 TownDesk 升级到与对方相同或更新的版本后再导入。")
            if cs.get("_shipped"):  # a township's copy of the county's standard: not taken (sync/ownership.py),
                continue  # and not "already imported" either: the report counts it apart (trust.report_text)
            if self.already_applied(cs["seq"]):
                self.per_table[table]["skipped"] += 1
                continue
            try:
                values = decode_fields(table, cs["fields"], "")
            except UserError as e:  # the place is named only when there is something to say about it
                raise UserError(self._where(cs) + e.message, field=e.field, cli_hint=e.cli_hint) from None
            at = datetime.fromisoformat(cs["at"])
            remote[cs["id"]] = {"origin_node": self.sender.id, "origin_seq": cs["seq"], "user_name": cs.get("user"),
                                "at": at, "package_id": self.package_id}
            todo[table].append((cs, values, at))
        self.s.info["remote_by_record"] = remote
        self.logged: list[dict] = []  # change-log rows of the window's new records, written once
        try:
            for table in sorted(todo, key=lambda t: TABLE_ORDER.get(t, 999)):
                model = SYNCED_MODELS[table]
                ids = [cs["id"] for cs, _, _ in todo[table]]
                existing = self._existing(model, ids)
                mine = self._own_seqs([i for i in ids if i in existing])
                fresh = []
                for cs, values, at in todo[table]:
                    obj = existing.get(cs["id"])
                    if obj is None and cs.get("op") == "insert" and core_insertable(model):
                        fresh.append(self._new_row(model, cs, values, at))
                        self.per_table[table]["added"] += 1
                    else:
                        self._one(model, table, cs, values, at, obj, mine.get(cs["id"], {}))
                if fresh:
                    self._insert(table, model, fresh)
                self._flush(table)
            tracking.write_logged(self.s, self.logged)
        finally:
            self.s.info.pop("remote_by_record", None)
        if after:
            for i, _ in window:
                after(i)

    def _where(self, cs: dict) -> str:
        return f"同步包 {self.label} 第 {cs.get('seq')} 号更改："

    def _existing(self, model, ids: list[str]) -> dict:
        """The records of `ids` the county holds, as ORM objects. Asked first with a plain id query: a first
        package holds none, and loading a model through the ORM costs a compile per table per process."""
        self.s.flush()  # what an ORM query would autoflush: the id query must see the window's earlier tables
        held = [r[0] for r in bulk.rows_by_ids(self.s.connection(), model.__table__, [], ids)]
        if not held:
            return {}
        return {o.id: o for o in self.s.scalars(select(model).where(model.id.in_(held)))}

    def _own_seqs(self, ids: list[str]) -> dict[str, dict[str, int]]:
        """Our own last change number per (record, field), for the records in this window."""
        out: dict[str, dict[str, int]] = defaultdict(dict)
        if ids:
            rows = self.s.execute(select(ChangeLog.record_id, ChangeLog.field, func.max(ChangeLog.origin_seq))
                                  .where(ChangeLog.record_id.in_(ids), ChangeLog.origin_node == self.self_id)
                                  .group_by(ChangeLog.record_id, ChangeLog.field))
            for record_id, field, seq in rows:
                out[record_id][field] = seq
        return out

    def _one(self, model, table: str, cs: dict, values: dict, at, obj, mine: dict) -> None:
        counts = self.per_table[table]
        if obj is None:
            if cs.get("op") != "insert":
                counts["skipped"] += 1
                self.missing.append(f"{table}:{cs['id']}")
                return
            for name, column in synced_fields(model).items():
                if name not in values and column.nullable:
                    values[name] = None
            self.s.add(model(id=cs["id"], origin_node=self.sender.id, created_at=at, updated_at=at, version=1, **values))
            counts["added"] += 1
        elif self._merge(obj, table, cs, values, counts, mine):
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1

    def _new_row(self, model, cs: dict, values: dict, at) -> dict:
        """The full row of a new record: what `model(...)` plus a flush would store (defaults filled in)."""
        row = {"id": cs["id"], "origin_node": self.sender.id, "created_at": at, "updated_at": at, "version": 1}
        for name, column in synced_fields(model).items():
            if name in values:
                row[name] = values[name]
            elif column.nullable:
                row[name] = None
            elif column.default is not None:
                d = column.default
                row[name] = d.arg(None) if d.is_callable else d.arg
        return row

    def _insert(self, table: str, model, rows: list[dict]) -> None:
        """New records with one Core executemany per set of columns, then their change-log rows in one loop."""
        stored = rows
        if model in personal_rest.SEALED_MODELS:  # households: logged clear (the log seals), stored sealed
            fields = personal.personal_fields(model)
            personal.prepare_keys(self.s, table, [r["id"] for r in rows if any(r.get(f) is not None for f in fields)])
            stored = personal_rest.rows_for_insert(self.s, table, fields, rows)
        try:
            bulk.insert_many(self.s.connection(), model.__table__, stored)
        except IntegrityError as e:
            raise self._integrity(table, e) from None
        tracking.log_inserted(self.s, model, rows, into=self.logged)

    def _merge(self, obj, table: str, cs: dict, values: dict, counts: dict, mine: dict) -> bool:
        changed = False
        for field, value in values.items():
            current, incoming = canonical(to_plain(getattr(obj, field))), canonical(cs["fields"][field])
            concurrent = mine.get(field, 0) > int(cs.get("seen") or 0)
            if current == incoming:
                if not concurrent:
                    self._close(obj.id, field, "peer_agreed")
                continue
            if concurrent:
                take = owner_role(table, field) == self.sender.role
                self._conflict(obj, table, field, current, incoming, take, cs["seq"])
                counts["conflicts"] += 1
                if take:
                    setattr(obj, field, value)
                    changed = True
                continue
            if self.careful and self._newer_from_sender(obj.id, field, cs["seq"]):
                continue
            setattr(obj, field, value)
            changed = True
            self._close(obj.id, field, "peer_decided")
        return changed

    def _newer_from_sender(self, record_id: str, field: str, seq: int) -> bool:
        """After a gap, an older change set may arrive late: never let it overwrite a newer one."""
        newest = self.s.scalar(select(func.max(ChangeLog.origin_seq)).where(
            ChangeLog.record_id == record_id, ChangeLog.field == field, ChangeLog.origin_node == self.sender.id))
        return newest is not None and newest > seq

    def _conflict(self, obj, table, field, current, incoming, take: bool, seq: int) -> None:
        self._close(obj.id, field, "superseded")
        stored = [personal.seal(self.s, table, obj.id, field, v) if field in personal.personal_fields(table) else v
                  for v in (current, incoming)]  # an ID number in a conflict is sealed like in the log
        self.s.add(Conflict(table_name=table, record_id=obj.id, field=field, peer_id=self.sender.id,
                            mine_value=stored[0], theirs_value=stored[1], kept="theirs" if take else "mine",
                            package_id=self.package_id, theirs_seq=seq))
        self.open.add((obj.id, field))
        self.conflicts.append({"table": table, "record_id": obj.id, "field": field, "mine": current,
                               "theirs": incoming, "kept": "theirs" if take else "mine"})

    def _close(self, record_id: str, field: str, how: str) -> None:
        if (record_id, field) not in self.open:
            return
        self.s.execute(update(Conflict).where(Conflict.record_id == record_id, Conflict.field == field,
                                              Conflict.status == "open")
                       .values(status="closed", resolution=how, resolved_at=utcnow()))
        self.open.discard((record_id, field))

    def _flush(self, table: str) -> None:
        try:
            self.s.flush()
        except IntegrityError as e:
            raise self._integrity(table, e) from None

    def _integrity(self, table: str, e: IntegrityError) -> UserError:
        detail = str(e.orig).split("\n")[0][:120]
        return UserError(f"同步包 {self.label} 中的 {table} 记录与本机已有数据冲突（{detail}），整个包未导入，数据未被改动。"
                            "常见原因：两边各自建了同一编号的项目或同一版本的标准。请把此信息告知县级办公室处理。")

    def summary(self) -> dict:
        total = dict.fromkeys(COUNT_KEYS, 0)
        for counts in self.per_table.values():
            for k in COUNT_KEYS:
                total[k] += counts[k]
        return {**total, "per_table": {t: dict(c) for t, c in sorted(self.per_table.items())},
                "missing_records": self.missing[:50], "conflict_list": self.conflicts[:200]}
