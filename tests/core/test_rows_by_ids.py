"""db.bulk.rows_by_ids answers what the Core select by ids answers, on the driver shortcut and off it."""
from __future__ import annotations

import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, Date, Integer, MetaData, String, Table, create_engine, insert, select

from db.bulk import rows_by_ids

META = MetaData()
THINGS = Table("thing", META, Column("id", String(36), primary_key=True), Column("code", String(12)),
               Column("n", Integer), Column("day", Date))
IDS = [str(uuid.UUID(int=i)) for i in range(1, 1200)]


def _engine():
    engine = create_engine("sqlite://")
    META.create_all(engine)
    from datetime import date

    with engine.begin() as conn:
        conn.execute(insert(THINGS), [{"id": i, "code": f"镇{k % 7}" if k % 5 else None, "n": k,
                                       "day": date(2026, 1 + k % 12, 1)} for k, i in enumerate(IDS[::2])])
    return engine


ENGINE = _engine()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(picked=st.one_of(st.lists(st.sampled_from(IDS + ["不存在", "x' OR 1=1 --"]), max_size=1100),
                        st.integers(0, 600).map(lambda k: IDS[:600] + IDS[k:k + 100])),
       cols=st.sampled_from([(), ("code",), ("code", "n"), ("day",), ("n", "day", "code")]))
def test_rows_by_ids_equals_core_select(picked, cols):
    """Any list of ids (held, missing, repeated, hostile text, more than one batch) and any columns give the
    same set of rows as the Core select, whether the text-only shortcut or the Core path (a date column) runs."""
    columns = [THINGS.c[c] for c in cols]
    with ENGINE.connect() as conn:
        got = rows_by_ids(conn, THINGS, columns, picked)
        want = [tuple(r) for r in conn.execute(select(THINGS.c.id, *columns).where(THINGS.c.id.in_(picked)))] \
            if picked else []
    assert sorted(got, key=repr) == sorted(want, key=repr)
    assert len(got) == len({p for p in picked if p in set(IDS[::2])})
