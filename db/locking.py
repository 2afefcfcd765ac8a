"""The writer lock for PostgreSQL: the counterpart of SQLite's BEGIN IMMEDIATE.

Why: on a county office's shared server several clerks write at once. The change log is a
hash chain and each node hands out change numbers in order, so writers must commit one at
a time; and a save that checks "nobody changed this since I opened it" must not interleave
with another clerk's save (nor two clerks hand out the same next project code). One
transaction-scoped advisory lock gives both and is released by commit or rollback. Every
`app.tx()` takes it when it begins, as SQLite's BEGIN IMMEDIATE does, so services written
against SQLite keep their meaning; the tracker also takes it at the first flush of any other
session, before a row is written. Reads (`app.read()`) never wait for it.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

WRITE_LOCK_KEY = 0x746F776E6465736B  # "towndesk"


def lock_for_write(session: Session) -> None:
    """Serialise writers on PostgreSQL (no-op on SQLite, which locks at BEGIN). Re-entrant."""
    if session.get_bind().dialect.name != "postgresql":
        return
    conn = session.connection()  # begins the session's transaction if none is open
    tx = session.get_transaction()
    if session.info.get("_write_locked_tx") is tx:
        return
    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
    session.info["_write_locked_tx"] = tx
