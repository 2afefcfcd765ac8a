"""The township's audit-chain head travels signed in every package; the county notices a rewritten history."""
from __future__ import annotations

import pytest

import sqlite3

from db.models import Project
from tests.sync.data import add_project, set_fields
from tests.sync.hostile import send

TRIGGERS = ("change_log_no_update", "change_log_no_delete")


def _tamper(app, sql: str) -> None:
    """What someone with the sqlite3 tool would do: drop the append-only triggers, then edit rows."""
    app.dispose()
    con = sqlite3.connect(app.layout.database)
    for t in TRIGGERS:
        con.execute(f"DROP TRIGGER IF EXISTS {t}")
    con.execute(sql)
    con.commit()
    con.close()


def test_honest_history_is_ok(pair, tmp_path):
    """Two packages in a row from an untouched township: the chain is first seen, then ok."""
    town, county = pair
    pid = add_project(town)
    assert send(town, county, tmp_path, "a")["chain"]["status"] == "first"
    set_fields(town, Project, pid, note="更新")
    res = send(town, county, tmp_path, "b")
    assert res["chain"]["status"] == "ok" and "审计链" not in res["message"]


@pytest.mark.sqlite_only(reason="edits the change log with sqlite3")
def test_edited_row_is_noticed(pair, tmp_path):
    """A change-log row rewritten (its hash differs) after it was sent: the next import says the history was rewritten."""
    town, county = pair
    pid = add_project(town)
    send(town, county, tmp_path, "a")
    _tamper(town, "UPDATE change_log SET row_hash = 'ff' || substr(row_hash, 3) "
                  "WHERE seq = (SELECT max(seq) FROM change_log)")
    set_fields(town, Project, pid, note="更新")
    res = send(town, county, tmp_path, "b")
    assert res["chain"]["status"] == "rewritten" and "被改写或回退" in res["message"]


@pytest.mark.sqlite_only(reason="edits the change log with sqlite3")
def test_shortened_history_is_noticed(pair, tmp_path):
    """The newest rows deleted after they were sent (history rewound): noticed."""
    town, county = pair
    add_project(town)
    add_project(town, name="第二个项目")
    send(town, county, tmp_path, "a")
    _tamper(town, "DELETE FROM change_log WHERE seq > (SELECT max(seq) - 5 FROM change_log)")
    res = send(town, county, tmp_path, "b")
    assert res["chain"]["status"] == "rewritten"
