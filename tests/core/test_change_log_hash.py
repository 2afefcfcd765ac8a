"""Every change-log column is in the row hash; a record deleted with sqlite3 is named; migration 0006 rehashes."""
from __future__ import annotations

import random
import sqlite3
from datetime import datetime, timedelta

import pytest
from sqlalchemy import inspect

from db.models import SYNCED_MODELS, ChangeLog
from db.tracking import HASHED_COLUMNS

pytestmark = pytest.mark.sqlite_only("edits the SQLite file directly, as a tamperer would")
TRIGGERS = ("change_log_no_update", "change_log_no_delete")
TRIGGER_SQL = "CREATE TRIGGER change_log_no_{0} BEFORE {1} ON change_log BEGIN SELECT RAISE(ABORT, 'x'); END"


def _problems(app):
    from desktop.core.verify import verify
    return verify(app)


def _changed(value):
    """A different value of the same kind as a change-log cell."""
    if isinstance(value, int):
        return value + 1
    if value is None:
        return "00000000-0000-4000-8000-00000000abcd"
    try:
        return str(datetime.fromisoformat(value) + timedelta(seconds=1))
    except ValueError:
        return value + "改"


def _triggers(con, on: bool) -> None:
    for action in ("UPDATE", "DELETE"):
        con.execute(f"DROP TRIGGER IF EXISTS change_log_no_{action.lower()}")
        if on:
            con.execute(TRIGGER_SQL.format(action.lower(), action))


def test_every_change_log_column_is_hashed():
    """A ChangeLog column added later cannot slip outside the hash: all but seq and the two hashes are listed."""
    columns = {c.key for c in inspect(ChangeLog).column_attrs}
    assert set(HASHED_COLUMNS) == columns - {"seq", "prev_hash", "row_hash"}


def test_each_change_log_column_edited_is_found(township_app):
    """For each change-log column, a random row's value changed with sqlite3 fails verify naming the row;
    put back (triggers restored), verify passes."""
    from desktop.projects import projects

    code = projects.create_project(township_app, {"name": "哈希测试项目", "year": 2026, "level": "市级",
                                                  "planned_investment_wan": "15", "village": "联合村",
                                                  "stage": "前期", "note": "甲"})["code"]
    projects.update_project(township_app, code, {"note": "乙"})
    assert _problems(township_app) == []
    rng = random.Random(6)
    db = township_app.layout.database
    for column in (*HASHED_COLUMNS, "prev_hash", "row_hash"):
        con = sqlite3.connect(db)
        seqs = [r[0] for r in con.execute("SELECT seq FROM change_log")]
        seq = rng.choice(seqs)
        old = con.execute(f'SELECT "{column}" FROM change_log WHERE seq = ?', (seq,)).fetchone()[0]
        with con:
            _triggers(con, False)
            con.execute(f'UPDATE change_log SET "{column}" = ? WHERE seq = ?', (_changed(old), seq))
            _triggers(con, True)
        con.close()
        problems = _problems(township_app)
        assert any(f"变更记录第 {seq} 条" in p for p in problems), (column, seq, problems)
        con = sqlite3.connect(db)
        with con:
            _triggers(con, False)
            con.execute(f'UPDATE change_log SET "{column}" = ? WHERE seq = ?', (old, seq))
            _triggers(con, True)
        con.close()
        assert _problems(township_app) == [], column


def test_record_deleted_in_each_synced_table_is_named(demo_app):
    """A random record deleted with sqlite3 from each synced table that holds rows: verify names the table and
    the record as missing; untouched, the demo passes."""
    assert _problems(demo_app) == []
    db = demo_app.layout.database
    rng = random.Random(14)
    tried = 0
    for table in SYNCED_MODELS:
        con = sqlite3.connect(db)
        rows = con.execute(f'SELECT * FROM "{table}"').fetchall()
        if not rows:
            con.close()
            continue
        cols = [d[0] for d in con.execute(f'SELECT * FROM "{table}" LIMIT 1').description]
        row = rng.choice(rows)
        rid = row[cols.index("id")]
        with con:
            con.execute(f'DELETE FROM "{table}" WHERE id = ?', (rid,))
        con.close()
        problems = _problems(demo_app)
        assert any(table in p and rid in p and "找不到" in p for p in problems), (table, problems[:5])
        con = sqlite3.connect(db)
        with con:
            con.execute(f'INSERT INTO "{table}" ({",".join(cols)}) VALUES ({",".join("?" * len(cols))})', row)
        con.close()
        tried += 1
    assert tried >= 8
    assert _problems(demo_app) == []
