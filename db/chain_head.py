"""The head of a hash chain (hash of its newest row), kept in the `setting` table.

Why: a hash chain proves that no row was edited or removed in the middle, but deleting the
newest rows leaves a shorter chain that still verifies. The writer stores the newest hash in
the same transaction as the rows; `towndesk verify` compares it with the last row it finds.
"""
from __future__ import annotations

from sqlalchemy import insert, select, update

CHANGE_LOG_HEAD = "audit.change_log_head"
SECURITY_EVENT_HEAD = "audit.security_event_head"


def store(conn, key: str, row_hash: str | None) -> None:
    """Record the newest row hash of a chain (insert or update, portable across databases)."""
    from db.models import Setting

    if row_hash is None:
        return
    done = conn.execute(update(Setting).where(Setting.key == key).values(value=row_hash)).rowcount
    if not done:
        conn.execute(insert(Setting).values(key=key, value=row_hash))


def load(conn, key: str) -> str | None:
    from db.models import Setting

    return conn.execute(select(Setting.value).where(Setting.key == key)).scalar()
