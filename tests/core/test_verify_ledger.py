"""verify proves the ledger: a value changed behind the program's back in any synced table is found."""
from __future__ import annotations

import json
import random
import sqlite3
from datetime import datetime, timedelta

import pytest
from sqlalchemy import inspect

from db.base import BOOKKEEPING_COLUMNS
from db.models import SYNCED_MODELS

pytestmark = pytest.mark.sqlite_only("edits the SQLite file directly, as a tamperer would")


def _other(value):
    """A different value of the same kind."""
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return value + 1.0
    if value is None:
        return "1"
    text = str(value)
    for fmt in ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return (datetime.strptime(text, fmt) + timedelta(days=1)).strftime(fmt)
        except ValueError:
            pass
    try:
        data = json.loads(text)  # a JSON column: change it and keep it valid JSON
    except ValueError:
        return text + "改"
    if isinstance(data, list):
        return json.dumps(data + ["改"], ensure_ascii=False)
    if isinstance(data, dict):
        return json.dumps(data | {"改": 1}, ensure_ascii=False)
    if data is None:
        return json.dumps(["改"], ensure_ascii=False)
    return text + "改"


def _columns(model) -> list[tuple[str, bool]]:
    """(column name, is boolean) of the fields the change log covers (not bookkeeping, not sealed personal)."""
    personal = set(getattr(model, "__personal__", ()))
    out = []
    for a in inspect(model).column_attrs:
        if a.key in BOOKKEEPING_COLUMNS or a.key in personal:
            continue
        col = a.columns[0]
        out.append((col.name, col.type.python_type is bool if hasattr(col.type, "python_type") else False))
    return out


def _problems(app):
    from desktop.core.verify import verify
    return verify(app)


def test_untouched_demo_passes(demo_app):
    """The demo folder as the program wrote it verifies clean."""
    assert _problems(demo_app) == []


def test_random_change_in_each_synced_table_is_found(demo_app):
    """For every synced table holding rows, one random field of one random row changed with sqlite3 fails
    verify, naming the table; put back, verify passes again."""
    db = demo_app.layout.database
    rng = random.Random(14)
    tried = []
    for table, model in SYNCED_MODELS.items():
        con = sqlite3.connect(db)
        ids = [r[0] for r in con.execute(f'SELECT id FROM "{table}"')]
        if not ids:
            con.close()
            continue
        rid = rng.choice(ids)
        name, is_bool = rng.choice(_columns(model))
        old = con.execute(f'SELECT "{name}" FROM "{table}" WHERE id = ?', (rid,)).fetchone()[0]
        new = (0 if old else 1) if is_bool else _other(old)
        with con:
            con.execute(f'UPDATE "{table}" SET "{name}" = ? WHERE id = ?', (new, rid))
        con.close()
        problems = _problems(demo_app)
        assert any(table in p and name in p for p in problems), (table, name, old, new, problems)
        con = sqlite3.connect(db)
        with con:
            con.execute(f'UPDATE "{table}" SET "{name}" = ? WHERE id = ?', (old, rid))
        con.close()
        tried.append(table)
    assert len(tried) >= 8, tried
    assert _problems(demo_app) == []


def test_partly_deleted_change_set_and_fixed_head_found(demo_app):
    """Deleting the newest change-log row (triggers dropped, head fixed to the new last row) is found."""
    from desktop.projects import projects

    code = projects.list_projects(demo_app)[0]["code"]
    projects.update_project(demo_app, code, {"note": "最新一次修改", "stage": "在建"})
    con = sqlite3.connect(demo_app.layout.database)
    with con:
        con.execute("DROP TRIGGER change_log_no_delete")
        last = con.execute("SELECT max(seq) FROM change_log").fetchone()[0]
        con.execute("DELETE FROM change_log WHERE seq = ?", (last,))
        head = con.execute("SELECT row_hash FROM change_log ORDER BY seq DESC LIMIT 1").fetchone()[0]
        con.execute("UPDATE setting SET value = ? WHERE key = 'audit.change_log_head'", (head,))
    con.close()
    problems = _problems(demo_app)
    assert any("触发器" in p for p in problems)
    assert any("与变更记录" in p for p in problems), problems


def test_row_written_past_the_program_found(demo_app):
    """A whole record inserted with sqlite3 (no change-log rows) is reported."""
    con = sqlite3.connect(demo_app.layout.database)
    row = con.execute("SELECT * FROM disbursement LIMIT 1").fetchone()
    cols = [d[0] for d in con.execute("SELECT * FROM disbursement LIMIT 1").description]
    values = dict(zip(cols, row)) | {"id": "00000000-0000-4000-8000-000000000001"}
    with con:
        con.execute(f"INSERT INTO disbursement ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})",
                    [values[c] for c in cols])
    con.close()
    assert any("没有任何记载" in p for p in _problems(demo_app))
