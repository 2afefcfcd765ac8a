"""Audit chain: editing or deleting any change-log or security-event row is detected by verify.

The tamper steps do what an attacker with the sqlite3 tool would: drop the append-only
triggers of migration 0002, then UPDATE or DELETE rows directly in the database file.
"""
import random
import shutil
import sqlite3

import pytest

from db.engine import make_engine, sqlite_url
from desktop.audit.chain import check_all
from desktop.core.verify import check_change_chain
from tests.sizes import size

TRIGGERS = ("change_log_no_update", "change_log_no_delete")


@pytest.fixture(scope="module")
def chain_db(tmp_path_factory):
    """A township database with ~3,000 change-log rows (projects, households) and security events."""
    from desktop.accounts import service as acc
    from desktop.core.app import init_data_folder
    from desktop.setup.demo import fill_demo

    root = tmp_path_factory.mktemp("chain") / "data"
    app = init_data_folder(root, role="township", region_code="533401102000", name="小中甸镇")
    fill_demo(app, seed=7, projects_per_township=8)
    admin = acc.create_first_admin(app, "admin", "admin-pass-2020")
    acc.add_user(app, admin, "李四", "clerk", "clerk-pass-2020")
    app.dispose()
    return root / "towndesk.db"


class Probe:
    """Just enough of an App for the chain checks: an engine on a database file."""

    def __init__(self, path):
        self.engine = make_engine(sqlite_url(path))


def problems_of(path) -> list[str]:
    p = Probe(path)
    try:
        return check_change_chain(p) + check_all(p)
    finally:
        p.engine.dispose()


def tampered(src, dst, *sql) -> str:
    shutil.copy(src, dst)
    con = sqlite3.connect(dst)
    for t in TRIGGERS:
        con.execute(f"DROP TRIGGER IF EXISTS {t}")
    for statement in sql:
        con.execute(statement)
    con.commit()
    con.close()
    return dst


def _max(path, table="change_log"):
    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT max(seq) FROM {table}").fetchone()[0]
    finally:
        con.close()


CASES = {
    "edit a middle row's value": ["UPDATE change_log SET new_value = '\"99999999\"' WHERE seq = {mid}"],
    "edit a middle row's user": ["UPDATE change_log SET user_name = '别人' WHERE seq = {mid}"],
    "edit the last row": ["UPDATE change_log SET old_value = '\"x\"' WHERE seq = {last}"],
    "delete a middle row": ["DELETE FROM change_log WHERE seq = {mid}"],
    "delete the first row": ["DELETE FROM change_log WHERE seq = 1"],
    "delete the last row": ["DELETE FROM change_log WHERE seq = {last}"],
    "delete the last 10 rows": ["DELETE FROM change_log WHERE seq > {last} - 10"],
    "delete every row": ["DELETE FROM change_log"],
    "delete the last row and the head": ["DELETE FROM change_log WHERE seq = {last}",
                                         "DELETE FROM setting WHERE key = 'audit.change_log_head'"],
    "append a forged row": ["INSERT INTO change_log (origin_node, origin_seq, at, user_name, table_name, record_id, op, "
                            "field, old_value, new_value, prev_hash, row_hash) SELECT origin_node, origin_seq + 1, at, "
                            "'伪造', table_name, record_id, 'update', 'note', NULL, '\"x\"', row_hash, row_hash "
                            "FROM change_log WHERE seq = {last}"],
    "edit a security event": ["UPDATE security_event SET user_name = '别人' WHERE seq = 1"],
    "delete the last security event": ["DELETE FROM security_event WHERE seq = {last_event}"],
}


def test_untouched_chain_verifies(chain_db, tmp_path):
    """No false alarm: the untouched database passes every chain check."""
    assert problems_of(tampered(chain_db, tmp_path / "copy.db")) == []


def test_each_kind_of_tampering_is_detected(chain_db, tmp_path, figures):
    """Every edit or deletion, including the newest row and the whole log, is reported with a Chinese message."""
    last, mid, last_event = _max(chain_db), _max(chain_db) // 2, _max(chain_db, "security_event")
    detected = {}
    for i, (name, sql) in enumerate(CASES.items()):
        db = tampered(chain_db, tmp_path / f"t{i}.db", *[s.format(last=last, mid=mid, last_event=last_event) for s in sql])
        found = problems_of(db)
        assert found, name
        detected[name] = found[0]
    figures.record("audit_tamper_kinds", trials=len(CASES), failures=0, rows=last,
                   rejected={k: v[:60] for k, v in detected.items()})


def test_random_row_edits_and_deletions_are_detected(chain_db, tmp_path, figures, request):
    """Random single-row edits (every column at least once, then any) and deletions at random positions are all detected."""
    n = size(30, 60, 400)
    rng = random.Random(8)
    last = _max(chain_db)
    columns = ["origin_node", "origin_seq", "at", "user_name", "table_name", "record_id", "op", "field",
               "old_value", "new_value", "prev_hash", "row_hash"]
    missed = []
    for i in range(n):
        seq = rng.randint(1, last)
        if i % 2:
            sql = f"DELETE FROM change_log WHERE seq = {seq}"
        else:
            col = columns[i // 2] if i // 2 < len(columns) else rng.choice(columns)
            sql = f"UPDATE change_log SET {col} = CASE WHEN {col} IS NULL THEN 'x' ELSE {col} || 'x' END WHERE seq = {seq}"
        if not problems_of(tampered(chain_db, tmp_path / "r.db", sql)):
            missed.append(sql)
    figures.record("audit_tamper_random", trials=n, failures=len(missed), rows=last,
                   note="half single-row UPDATEs of a random column, half DELETEs, at random rows")
    assert missed == []


def test_cli_verify_reports_tampering(cli, chain_db):
    """`towndesk verify` exits 3 and names the problem after the newest row was deleted."""
    shutil.copytree(chain_db.parent, cli.data)
    for extra in ("towndesk.db-wal", "towndesk.db-shm"):
        (cli.data / extra).unlink(missing_ok=True)
    assert cli("verify").code == 0
    tampered(chain_db, cli.data / "towndesk.db", f"DELETE FROM change_log WHERE seq = {_max(chain_db)}")
    r = cli("verify")
    assert r.code == 3 and "最新的变更记录被删除" in r.err
