"""Bring a database to the newest schema, after a safe copy of the old one."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        cfg.set_main_option("sqlalchemy.url", url)
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def backup_sqlite(engine: Engine, dest: Path) -> Path:
    """Consistent copy of a live SQLite database with VACUUM INTO (never a file copy)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    raw = engine.raw_connection()  # outside SQLAlchemy's BEGIN: VACUUM cannot run in a transaction
    try:
        raw.driver_connection.execute("VACUUM INTO ?", (str(tmp),))
    finally:
        raw.close()
    tmp.replace(dest)
    return dest


def upgrade(engine: Engine, backup_to: Path | None = None) -> bool:
    """Upgrade to head. Returns True if anything ran. Backs up first when the DB has data."""
    current = current_revision(engine)
    if current == head_revision():
        return False
    if backup_to is not None and current is not None and engine.url.get_backend_name() == "sqlite":
        backup_sqlite(engine, backup_to)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return True
