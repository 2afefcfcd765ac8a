"""Engine and session setup. Every SQLite connection gets the pragmas the design asks for;
a PostgreSQL engine gets a connect timeout (writers are serialised by db.locking)."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from db import tracking
from db.locking import lock_for_write

BUSY_TIMEOUT_MS = 10_000


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{Path(path).as_posix()}"


def _set_sqlite_pragmas(dbapi_conn, _record) -> None:
    # pysqlite's implicit transactions break BEGIN IMMEDIATE; we issue BEGIN ourselves.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA secure_delete=ON")
    cur.close()


def _begin_immediate(conn) -> None:
    # Take the write lock at the start so two writers never interleave half-way.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    """Create an engine; for SQLite with WAL, FK on, synchronous FULL and a busy timeout."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _set_sqlite_pragmas)
        event.listen(engine, "begin", _begin_immediate)
    else:
        # A server that is down should fail in seconds with a message, not hang the window.
        engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
        if engine.dialect.driver == "psycopg":
            event.listen(engine, "connect", _integral_numeric)
    return engine


def _integral_numeric(dbapi_conn, _record) -> None:
    """SUM(bigint) is NUMERIC on PostgreSQL: return whole numbers as int, as SQLite does.

    No model column is NUMERIC, so only aggregates are affected; money sums stay integer fen
    everywhere (JSON output, arithmetic with ints) instead of Decimal on one engine only.
    """
    from psycopg.types.numeric import NumericLoader

    class IntegralNumericLoader(NumericLoader):
        def load(self, data):
            raw = bytes(data)
            return int(raw) if raw.lstrip(b"-").isdigit() else super().load(data)

    dbapi_conn.adapters.register_loader("numeric", IntegralNumericLoader)


def make_session_factory(engine: Engine, node_id: str | None = None) -> sessionmaker[Session]:
    factory = sessionmaker(bind=engine, expire_on_commit=False, info={"node_id": node_id})
    tracking.install(factory)
    return factory


@contextmanager
def transaction(factory: sessionmaker[Session], user: str | None = None, *, write: bool = True,
                **info) -> Iterator[Session]:
    """One use case, one transaction: commit on success, roll back on any error.

    A writing transaction on PostgreSQL first takes the writer lock (db.locking).
    """
    session = factory()
    session.info["user_name"] = user
    session.info.update(info)
    try:
        if write:
            lock_for_write(session)
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
