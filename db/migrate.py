"""Bring a database to the newest schema, after a safe copy of the old one (SQLite: VACUUM INTO;
PostgreSQL: pg_dump when it is installed)."""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
log = logging.getLogger("towndesk.migrate")


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


class BackupFailed(Exception):
    """The safety copy before a migration could not be made; nothing was migrated."""


def backup_postgres(engine: Engine, dest: Path) -> Path | None:
    """pg_dump (custom format) of a server database; None when pg_dump is not installed.

    The password goes through the environment, never the command line (visible in ps).
    PostgreSQL runs each migration in one transaction, so without pg_dump we still go on.
    """
    exe = shutil.which("pg_dump")
    if exe is None:
        log.warning("pg_dump not found: migrating %s without a backup copy", engine.url.database)
        return None
    url = engine.url
    env = dict(os.environ, PGHOST=url.host or "", PGPORT=str(url.port or 5432), PGUSER=url.username or "",
               PGDATABASE=url.database or "")
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    proc = subprocess.run([exe, "--format=custom", "--no-password", "--file", str(tmp)], env=env,
                          capture_output=True, text=True, timeout=3600)
    if proc.returncode != 0:
        tmp.unlink(missing_ok=True)
        raise BackupFailed((proc.stderr.strip().splitlines() or ["pg_dump failed"])[-1])
    tmp.replace(dest)
    return dest


def upgrade(engine: Engine, backup_to: Path | None = None) -> bool:
    """Upgrade to head. Returns True if anything ran. Backs up first when the DB has data."""
    current = current_revision(engine)
    if current == head_revision():
        return False
    if backup_to is not None and current is not None:
        if engine.url.get_backend_name() == "sqlite":
            backup_sqlite(engine, backup_to)
        elif engine.url.get_backend_name() == "postgresql":
            backup_postgres(engine, backup_to.with_suffix(".pgdump"))
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return True
