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


def test_upgrade_rehash_is_not_called_a_rewrite(pair, tmp_path):
    """The county kept a head from before the sender's upgrade (no hash scheme, another hash): the next package
    is judged "rehashed", with no rewrite alarm, and its head (scheme 2) is the reference afterwards."""
    import json

    from db.models import Setting
    from desktop.sync.chain import KEY

    town, county = pair
    pid = add_project(town)
    send(town, county, tmp_path, "a")
    with county.tx() as s:
        row = s.get(Setting, KEY.format(town.node.id))
        old = json.loads(row.value)
        row.value = json.dumps({"rows": old["rows"], "hash": "ab" * 32})  # as a pre-0006 county stored it
    set_fields(town, Project, pid, note="升级后")
    res = send(town, county, tmp_path, "b")
    assert res["chain"]["status"] == "rehashed" and "被改写" not in res["message"]
    with county.read() as s:
        assert json.loads(s.get(Setting, KEY.format(town.node.id)).value)["scheme"] == 2
    set_fields(town, Project, pid, note="再改")
    assert send(town, county, tmp_path, "c")["chain"]["status"] == "ok"


@pytest.mark.parametrize("scheme", ["2", 0, 2.0, True, 10**9])
def test_hostile_hash_scheme_refused(scheme):
    """A manifest whose chain head carries a hash scheme that is not a small integer is refused."""
    from desktop.sync import checks, shapes

    with pytest.raises(shapes.Bad):
        checks.chain_head({"rows": 3, "hash": "ab" * 32, "scheme": scheme, "checkpoints": []})
