"""Migration 0006 rehashes the change log with every column, and does not launder a chain broken before it."""
from __future__ import annotations

import importlib
import shutil
import sqlite3

import pytest

pytestmark = pytest.mark.sqlite_only("downgrades and edits a SQLite file")
M0006 = importlib.import_module("db.migrations.versions.0006_changelog_hash_all")


def _downgrade(folder, to: str = "0004_benefit_terms") -> None:
    from alembic import command

    from db.engine import make_engine, sqlite_url
    from db.migrate import alembic_config

    engine = make_engine(sqlite_url(folder / "towndesk.db"))
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, to)
    engine.dispose()


def _chain(path) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT seq, prev_hash, row_hash FROM change_log ORDER BY seq").fetchall()
    finally:
        con.close()


def _old_folder(tmp_path, demo_template):
    folder = tmp_path / "old"
    shutil.copytree(demo_template, folder)
    _downgrade(folder)
    return folder


def test_downgrade_leaves_a_scheme_one_chain_and_upgrade_verifies(tmp_path, demo_template):
    """Below 0006 the chain is hashed the old way (an older release verifies it); opening it again rehashes
    with every column, updates the stored head, keeps the triggers, and verify passes."""
    from db.migrate import head_revision
    from desktop.core.app import open_app
    from desktop.core.verify import verify

    new_chain = _chain(demo_template / "towndesk.db")
    folder = _old_folder(tmp_path, demo_template)
    old_chain = _chain(folder / "towndesk.db")
    assert len(old_chain) == len(new_chain) > 100
    assert all(a[2] != b[2] for a, b in zip(old_chain, new_chain))
    app = open_app(folder)
    try:
        con = sqlite3.connect(folder / "towndesk.db")
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
        con.close()
        assert _chain(folder / "towndesk.db") == new_chain
        assert verify(app) == []
        assert list((folder / "backups").glob("before-migrate-*.db")) or list(folder.rglob("before-migrate-*.db"))
    finally:
        app.dispose()


def test_chain_broken_before_the_upgrade_is_still_reported(tmp_path, demo_template):
    """A value edited with sqlite3 while the database was at 0004 is not rehashed into a valid chain: after
    the upgrade verify still names that change-log row."""
    from desktop.core.app import open_app
    from desktop.core.verify import verify

    folder = _old_folder(tmp_path, demo_template)
    con = sqlite3.connect(folder / "towndesk.db")
    with con:
        con.execute("DROP TRIGGER change_log_no_update")
        seq = con.execute("SELECT seq FROM change_log WHERE new_value IS NOT NULL ORDER BY seq LIMIT 1 OFFSET 40")\
            .fetchone()[0]
        con.execute("UPDATE change_log SET new_value = '\"伪造\"' WHERE seq = ?", (seq,))
    con.close()
    app = open_app(folder)
    try:
        assert any(f"变更记录第 {seq} 条" in p for p in verify(app))
    finally:
        app.dispose()


def test_deleted_newest_rows_before_the_upgrade_still_reported(tmp_path, demo_template):
    """Newest rows deleted at 0004 (stored head left as it was): the upgrade keeps the stale head, so the
    deletion is still found."""
    from desktop.core.app import open_app
    from desktop.core.verify import verify

    folder = _old_folder(tmp_path, demo_template)
    con = sqlite3.connect(folder / "towndesk.db")
    with con:
        con.execute("DROP TRIGGER change_log_no_delete")
        con.execute("DELETE FROM change_log WHERE seq > (SELECT max(seq) - 3 FROM change_log)")
    con.close()
    app = open_app(folder)
    try:
        assert verify(app) != []
    finally:
        app.dispose()
