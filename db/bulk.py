"""Many rows into one table with a single DBAPI executemany: what Core `execute(insert(t), rows)` does,
without SQLAlchemy building a parameter dict per row.

Why: an import writes tens of thousands of rows (records and their change-log rows); on SQLite the
per-row parameter processing of Core cost more than SQLite itself. Values go through each column's
own bind processor (dates, JSON, booleans as Core would store them) and missing columns get their
Python defaults, so the rows stored are the same. Other databases take the Core path unchanged.
"""
from __future__ import annotations

import functools
import itertools
import operator
import sqlite3

from sqlalchemy import Date, DateTime, exc, insert


def insert_many(conn, table, rows: list[dict]) -> None:
    """Insert `rows` (dicts keyed by column key) into `table`; rows may differ in which keys they hold."""
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        groups: dict[tuple, list] = {}
        for row in rows:
            groups.setdefault(tuple(row), []).append(row)
        for group in groups.values():
            conn.execute(insert(table), group)
        return
    groups = {}
    for row in rows:
        groups.setdefault(tuple(row), []).append(row)
    for keys, group in groups.items():
        _sqlite_group(conn, table, keys, group)


def _sqlite_group(conn, table, keys: tuple, rows: list[dict]) -> None:
    plan = _plan(table, keys, conn.dialect)
    if plan is None:  # a default computed per row (rare): the plain way
        conn.execute(insert(table), rows)
        return
    sql, plain, converted, fixed = plan
    # Each row is its plain columns picked as one tuple, joined (tuple +) to its converted columns, each
    # converting column mapped once over all rows, and the defaults: loops in C, one tuple per row.
    data = map(_picker(plain), rows)
    if converted:
        values = [map(_memo(proc) if repeats else proc, map(operator.itemgetter(key), rows))
                  for key, proc, repeats in converted]
        data = map(operator.add, data, zip(*values))
    if fixed:
        data = map(operator.add, data, itertools.repeat(fixed))
    driver(conn, sql, list(data), many=True)


@functools.lru_cache(maxsize=512)
def _plan(table, keys: tuple, dialect):
    """The INSERT for one table and set of keys, and how each value is bound: the same for every package, so
    worked out once per process, not once per table per package."""
    given = set(keys)
    columns = [table.c[k] for k in keys]
    defaults = [c for c in table.columns if c.key not in given and c.default is not None]
    if any(not c.default.is_scalar for c in defaults):
        return None
    procs = {c.key: c.type._cached_bind_processor(dialect) for c in columns}
    plain = [c for c in columns if procs[c.key] is None]
    converted = [c for c in columns if procs[c.key] is not None]
    fixed = tuple(_bound(c, c.default.arg, dialect) for c in defaults)  # the same for every row: converted once
    quote = dialect.identifier_preparer
    names = ", ".join(quote.quote(c.name) for c in plain + converted + defaults)
    sql = f"INSERT INTO {quote.format_table(table)} ({names}) VALUES ({', '.join('?' * (len(plain) + len(converted) + len(defaults)))})"
    return sql, [c.key for c in plain], [(c.key, procs[c.key], _repeats(c)) for c in converted], fixed


def driver(conn, sql: str, params, *, many: bool = False):
    """Run SQL on SQLite's own cursor in the connection's transaction; the cursor, for fetching.

    Why: SQLAlchemy's statement machinery (execution context, result metadata) cost several times what
    SQLite took for the small id queries and inserts an import makes per table per package. A driver
    error is raised as SQLAlchemy would raise it (IntegrityError, OperationalError …), so callers and
    the disk-error messages see the same exceptions."""
    if not conn.in_transaction():
        conn.begin()  # what Core's autobegin would do first (the engine's BEGIN IMMEDIATE with it)
    cursor = conn.connection.cursor()
    try:
        if many:
            cursor.executemany(sql, params)
        else:
            cursor.execute(sql, params)
    except sqlite3.Error as e:
        raise exc.DBAPIError.instance(sql, None if many else params, e, sqlite3.Error, dialect=conn.dialect,
                                      ismulti=many) from e
    return cursor


def _picker(keys: list):
    """A function that returns a row's values for `keys` as a tuple (itemgetter returns a bare value for one key)."""
    if len(keys) > 1:
        return operator.itemgetter(*keys)
    if keys:
        return lambda r, k=keys[0]: (r[k],)
    return lambda r: ()


def _bound(column, value, dialect):
    proc = column.type._cached_bind_processor(dialect)
    return value if proc is None else proc(value)


def _repeats(column) -> bool:
    """Dates and times repeat across rows (every change-log row of one change shares its time)."""
    return isinstance(column.type, (Date, DateTime))  # the models use SQLAlchemy's own date types, no decorators


def _memo(proc):
    """A bind processor that converts each distinct value once."""
    seen: dict = {}

    def convert(value):
        out = seen.get(value, seen)
        if out is seen:
            out = seen[value] = proc(value)
        return out
    return convert


def rows_by_ids(conn, table, columns: list, ids: list) -> list[tuple]:
    """(id, *columns) of the rows of `table` whose id is in `ids`: what Core `select(...).where(id.in_(ids))`
    returns, as plain tuples. On SQLite, when no column converts its value on the way out (text, integers),
    the statement goes straight to the driver: an import asks this per table per package, and building and
    caching a Core statement each time cost more than SQLite's answer."""
    from sqlalchemy import select

    ids = list(dict.fromkeys(ids))  # an id asked twice (in two batches) is still one row
    if not ids:
        return []
    key = table.c.id
    cols = [key, *columns]
    out: list[tuple] = []
    head = _select_head(table, tuple(cols), conn.dialect) if conn.dialect.name == "sqlite" else None
    for i in range(0, len(ids), 500):
        chunk = list(ids[i:i + 500])
        if head is not None:
            out.extend(driver(conn, f"{head}({', '.join('?' * len(chunk))})", chunk).fetchall())
        else:
            out.extend(tuple(r) for r in conn.execute(select(*cols).where(key.in_(chunk))))
    return out if head is not None else [tuple(r) for r in out]


@functools.lru_cache(maxsize=512)
def _select_head(table, cols: tuple, dialect) -> str | None:
    """`SELECT cols FROM table WHERE id IN ` when no column converts its value on the way out, else None."""
    if any(c.type._cached_result_processor(dialect, None) is not None for c in cols):
        return None
    quote = dialect.identifier_preparer
    return (f"SELECT {', '.join(quote.quote(c.name) for c in cols)} FROM {quote.format_table(table)} "
            f"WHERE {quote.quote(cols[0].name)} IN ")
