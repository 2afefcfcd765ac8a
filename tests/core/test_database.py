"""Engine pragmas, migrations to head, and the schema matching the models."""
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from db import migrate
from db.base import Base
from db.engine import make_engine, sqlite_url


def test_pragmas_set_on_every_connection(tmp_path):
    """WAL, foreign keys, synchronous FULL and a busy timeout on each connection."""
    engine = make_engine(sqlite_url(tmp_path / "x.db"))
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_empty_database_upgrades_to_head_and_matches_models(tmp_path):
    """Alembic upgrade of an empty file reaches head and autogenerate finds no difference."""
    engine = make_engine(sqlite_url(tmp_path / "x.db"))
    assert migrate.upgrade(engine) is True
    assert migrate.current_revision(engine) == migrate.head_revision()
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": migrate.in_models}), Base.metadata)
    assert diff == []
    assert migrate.upgrade(engine) is False


@pytest.mark.sqlite_only(reason="drops SQLite triggers and expects a VACUUM INTO copy; tests/postgres has the pg_dump variant")
def test_open_backs_up_before_migrating_an_old_database(tmp_path):
    """A database at an older revision is copied to backups/ before it is upgraded."""
    from desktop.core.app import init_data_folder, open_app

    app = init_data_folder(tmp_path / "d", role="township", region_code="533401102000", name="小中甸镇")
    from alembic import command

    cfg = migrate.alembic_config()
    with app.engine.begin() as conn:  # a database from before revision 0002 (every later migration undone)
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    app.dispose()
    app = open_app(tmp_path / "d")
    backups = list((tmp_path / "d" / "backups").glob("before-migrate-*.db"))
    assert len(backups) == 1
    assert migrate.current_revision(app.engine) == migrate.head_revision()
    with app.engine.connect() as conn:
        triggers = conn.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'")).scalars().all()
    assert "change_log_no_update" in triggers
    app.dispose()
