"""Bring a database to the newest schema, after a safe copy of the old one (SQLite: VACUUM INTO;
PostgreSQL: pg_dump when it is installed).

Alembic is imported only when the database is not at the newest revision: on every start the
stored revision (one plain SELECT) is compared with the head read from the migration files'
`revision = ...` lines, which costs a millisecond where importing Alembic costs 0.1–0.3 s.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
log = logging.getLogger("towndesk.migrate")

# Tables made by migrations alone, not by the models: the ledger's trigram index (0007_ledger_fts) and the
# FTS5 shadow tables SQLite makes for it. Schema comparisons (Alembic autogenerate, tests) leave them out.
NOT_IN_MODELS = ("project_fts", "project_search_key")


def in_models(name, type_, parent_names=None) -> bool:
    """Alembic include_name hook: False for the index tables above (and project_fts_data, _idx …)."""
    return not (type_ == "table" and name and name.startswith(NOT_IN_MODELS))


_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*(?::[^=]+)?=\s*(.+?)\s*$", re.M)


def quick_head() -> str | None:
    """The single head revision from the migration files' text, or None when unsure (Alembic decides).

    Unsure: a file without a plain `revision = "…"`, a merge (tuple down_revision), or not one head.
    """
    found = quick_revisions()
    return found[1] if found else None


def quick_revisions() -> tuple[frozenset, str] | None:
    """(every revision, the single head) from the migration files' text, or None when unsure as above.

    Why: a sync package names its schema revision, and checking it through Alembic loads and compiles
    every migration script (a fifth of a small export or import in a fresh process)."""
    revisions, parents = set(), set()
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        found = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        rev, down = found.get("revision", ""), found.get("down_revision", "")
        if not re.fullmatch(r"""(['"])[\w.-]+\1""", rev):
            return None
        revisions.add(rev[1:-1])
        if down != "None":
            if not re.fullmatch(r"""(['"])[\w.-]+\1""", down):
                return None
            parents.add(down[1:-1])
    heads = revisions - parents
    return (frozenset(revisions), next(iter(heads))) if len(heads) == 1 and parents <= revisions else None


def stored_revision(engine: Engine) -> str | None:
    """alembic_version's one row by plain SQL (None for a new database), without importing Alembic."""
    try:
        with engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").fetchall()
    except DBAPIError:  # no such table: a database Alembic never touched
        return None
    return rows[0][0] if len(rows) == 1 else None


def is_current(engine: Engine) -> bool:
    """True when the database is certainly at the head revision (checked without Alembic)."""
    head = quick_head()
    return head is not None and stored_revision(engine) == head


def alembic_config(url: str | None = None) -> "Config":
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        cfg.set_main_option("sqlalchemy.url", url)
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def backup_sqlite(engine: Engine, dest: Path) -> Path:
    """Consistent copy of a live SQLite database with VACUUM INTO (never a file copy)."""
    from db.private import create_private

    tmp = create_private(dest.with_name(dest.name + ".part"), folder_too=True)  # owner-only before a byte is written
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
    if is_current(engine):
        return False
    from alembic import command

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
