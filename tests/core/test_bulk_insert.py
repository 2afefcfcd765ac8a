"""db.bulk.insert_many stores what SQLAlchemy Core's insert stores, for any rows and column sets."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import (JSON, Boolean, Column, Date, DateTime, Integer, MetaData, Numeric, String, Table, Text,
                        create_engine, insert, select)

from db.bulk import insert_many

META = MetaData()
ROWS = Table("row", META, Column("id", Integer, primary_key=True), Column("name", String(20)),
             Column("note", Text), Column("flag", Boolean, default=False), Column("day", Date),
             Column("at", DateTime), Column("amount", Numeric(14, 2)), Column("data", JSON),
             Column("kind", String(8), default="普通"))
OPTIONAL = {"name": st.text(max_size=20), "note": st.none() | st.text(max_size=30), "flag": st.booleans(),
            "day": st.dates(min_value=date(1990, 1, 1)),
            "at": st.sampled_from([datetime(2026, 12, 2, 4, 5, 6, 789), datetime(2025, 1, 1)]),
            "amount": st.decimals(min_value=-10**9, max_value=10**9, places=2),
            "data": st.none() | st.lists(st.text(max_size=4), max_size=3), "kind": st.text(max_size=8)}


def _stored(engine):
    with engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql('SELECT * FROM "row" ORDER BY id')]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.fixed_dictionaries({}, optional=OPTIONAL), max_size=40))
def test_insert_many_stores_what_core_stores(rows):
    """Rows with any subset of columns (defaults filled, dates and times repeated, JSON, Decimal, booleans)
    give the same stored bytes through insert_many as through Core insert, row by row."""
    rows = [{"id": i, **r} for i, r in enumerate(rows, 1)]
    ours, core = create_engine("sqlite://"), create_engine("sqlite://")
    for e in (ours, core):
        META.create_all(e)
    with ours.begin() as conn:
        insert_many(conn, ROWS, [dict(r) for r in rows])
    with core.begin() as conn:
        for r in rows:
            conn.execute(insert(ROWS), r)
    assert _stored(ours) == _stored(core)
    with ours.connect() as conn:
        assert all(isinstance(v, (Decimal, type(None))) for v in conn.execute(select(ROWS.c.amount)).scalars())


def test_a_driver_error_is_raised_as_sqlalchemy_raises_it_and_rolls_back():
    """A duplicate key through the driver shortcut raises SQLAlchemy's IntegrityError (what the import's
    message and the disk-error check read), and rolling back leaves nothing of the batch."""
    import pytest
    from sqlalchemy.exc import IntegrityError

    engine = create_engine("sqlite://")
    META.create_all(engine)
    with engine.begin() as conn:
        insert_many(conn, ROWS, [{"id": 1, "name": "甲"}])
    with pytest.raises(IntegrityError) as e, engine.begin() as conn:
        insert_many(conn, ROWS, [{"id": 2, "name": "乙"}, {"id": 1, "name": "重复"}])
    assert "UNIQUE" in str(e.value.orig)
    assert [r[:2] for r in _stored(engine)] == [(1, "甲")]


def test_the_driver_shortcut_begins_the_transaction_a_core_statement_would():
    """On a connection with no transaction yet, the shortcut begins one, so a rollback undoes its insert."""
    engine = create_engine("sqlite://")
    META.create_all(engine)
    with engine.connect() as conn:
        assert not conn.in_transaction()
        insert_many(conn, ROWS, [{"id": 5, "name": "丙"}])
        assert conn.in_transaction()
        conn.rollback()
    assert _stored(engine) == []
