"""The head of a hash chain (hash of its newest row), kept in the `setting` table.

Why: a hash chain proves that no row was edited or removed in the middle, but deleting the
newest rows leaves a shorter chain that still verifies. The writer stores the newest hash in
the same transaction as the rows; `towndesk verify` compares it with the last row it finds.
"""
from __future__ import annotations

import functools

from sqlalchemy import bindparam, insert, select, update

CHANGE_LOG_HEAD = "audit.change_log_head"
SECURITY_EVENT_HEAD = "audit.security_event_head"


@functools.cache
def _statements():
    """Built once: every write to the change log stores its head (a statement built per call cost more
    than the write)."""
    from db.models import Setting

    t = Setting.__table__
    return (update(t).where(t.c.key == bindparam("k")).values(value=bindparam("v")),
            insert(t).values(key=bindparam("k"), value=bindparam("v")),
            select(t.c.value).where(t.c.key == bindparam("k")))


def store(conn, key: str, row_hash: str | None) -> None:
    """Record the newest row hash of a chain (insert or update, portable across databases)."""
    if row_hash is None:
        return
    change, add, _ = _statements()
    if not conn.execute(change, {"k": key, "v": row_hash}).rowcount:
        conn.execute(add, {"k": key, "v": row_hash})


def load(conn, key: str) -> str | None:
    return conn.execute(_statements()[2], {"k": key}).scalar()
