"""Running the test suite against a PostgreSQL server instead of SQLite files.

Set TOWNDESK_TEST_DB_URL=postgresql+psycopg://td:td@127.0.0.1/td (a role allowed to create
databases). Every data folder a test makes is then bound to its own fresh database on that
server (the folder's `database-url.txt`, as `towndesk init --db-url` writes it), created on
first use as a copy of a database migrated once per run, and dropped when the test ends.
Tests of migrating an empty server database ask tests/postgres's `pg_server` for one. A folder copied by a test gets a copy of its
database (CREATE DATABASE … TEMPLATE), so a copy stays independent as it is with SQLite.
"""
from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from desktop.core import dbconfig

# Tests of other features that need the SQLite file itself, listed here (not marked in their files)
# so the PostgreSQL run skips them with the reason; new tests use @pytest.mark.sqlite_only instead.
_BACKUP = "backups are copies of the SQLite file (on a server: pg_dump, docs/postgresql.md)"
_FILE = "reads or edits the SQLite file with sqlite3 / as bytes; tests/postgres covers the server side"
SQLITE_ONLY = {
    "tests/backup/test_restore.py": _BACKUP,
    "tests/backup/test_snapshots.py": _BACKUP,
    "tests/accounts/test_login_dialog.py::test_admin_set_password_must_be_changed": "expects the daily " + _BACKUP,
    "tests/ledger_import/test_import.py::test_backup_is_taken_before_writing": _BACKUP,
    "tests/sync/test_delivery.py::test_gap_after_restore_is_reported_and_full_package_recovers": _BACKUP,
    "tests/sync/test_crash.py::test_kill_importer_at_random_points": "kill -9 at the SQLite backup and file steps",
    "tests/installer/test_upgrade.py": "builds a revision-0001 SQLite file from an older release",
    "tests/accounts/test_accounts.py::test_admin_password_is_not_stored_anywhere_in_clear": _FILE,
    "tests/accounts/test_personal_data.py::test_erase_overwrites_fields_shreds_key_and_leaves_no_bytes": _FILE,
    "tests/reliability/test_audit_chain.py": _FILE,
    "tests/reliability/test_packages.py::test_crafted_attacks_are_refused": _FILE,
    "tests/reliability/test_failing_disk.py": "fails disk writes at each step, the SQLite backup copy among them",
    "tests/reliability/test_kill9.py": "kill -9 checks of the SQLite file and its backup copy",
    "tests/reliability/test_secure_delete.py": "searches the SQLite file's bytes for erased values",
}

TEST_DB_URL = os.environ.get("TOWNDESK_TEST_DB_URL", "").strip() or None
ENABLED = TEST_DB_URL is not None
PREFIX = "tdt_"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class PgFolders:
    """Creates, binds, clones and drops the per-folder test databases."""

    def __init__(self, base_url: str):
        self.base = make_url(dbconfig.normalise_url(base_url))
        self.admin = create_engine(self.base, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self.prefix = f"{PREFIX}{os.getpid()}_{secrets.token_hex(2)}_"
        self.count = 0
        self.owner: dict[str, Path] = {}
        self.template: str | None = None

    def check(self) -> None:
        """Fail early with the reason if the server is unreachable; drop leftovers of dead runs."""
        with self.admin.connect() as conn:
            names = conn.execute(text("SELECT datname FROM pg_database WHERE datname LIKE 'tdt\\_%'")).scalars().all()
            for name in names:
                parts = name.split("_")
                if len(parts) > 2 and parts[1].isdigit() and not _pid_alive(int(parts[1])):
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def url(self, name: str) -> str:
        return self.base.set(database=name).render_as_string(hide_password=False)

    def migrated_template(self) -> str:
        """A database at the newest schema, made once per run; folders start as copies of it (fast)."""
        if self.template is None:
            from db import migrate
            from db.engine import make_engine

            name = self.create()
            engine = make_engine(self.url(name))
            try:
                migrate.upgrade(engine)
            finally:
                engine.dispose()
            self.template = name
        return self.template

    def create(self, template: str | None = None) -> str:
        """A new database: empty (template0), or a copy of `template`."""
        self.count += 1
        name = f"{self.prefix}{self.count}"
        with self.admin.connect() as conn:
            if template:
                # The source must have no sessions: end any a test left open on it.
                conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                  "WHERE datname = :n AND pid <> pg_backend_pid()"), {"n": template})
                conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
            else:
                # C collation: the same byte order as SQLite, so sorted lists agree on both engines.
                conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\' '
                                  "LC_COLLATE 'C' LC_CTYPE 'C'"))
        return name

    def drop(self, name: str) -> None:
        """Drop a test database; if a session the role may not end (autovacuum) holds it, try again
        shortly and otherwise leave it for the next run's clean-up rather than fail the test."""
        self.owner.pop(name, None)
        for attempt in range(5):
            try:
                with self.admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                return
            except Exception:  # noqa: BLE001 - InsufficientPrivilege / ObjectInUse
                time.sleep(0.2 * (attempt + 1))

    def url_for(self, folder, bind: bool = True) -> str:
        """The database of this folder: its bound one, a copy for a copied folder, or a new one.

        bind=False (the cli fixture, which passes --db-url) leaves a folder that does not exist yet
        uncreated; `init --db-url` then binds it as it does for a clerk.
        """
        folder = Path(folder).expanduser().resolve()
        bound = folder / dbconfig.URL_FILE
        if bound.exists():
            url = bound.read_text(encoding="utf-8").strip()
            name = make_url(url).database
            owner = self.owner.get(name)
            if owner is None or owner == folder:
                self.owner.setdefault(name, folder)
                return url
            name = self.create(template=name)
        else:
            known = next((n for n, f in self.owner.items() if f == folder), None)
            if known is not None and not (bind and folder.exists()):
                return self.url(known)
            name = known or self.create(template=self.migrated_template())
        self.owner[name] = folder
        url = self.url(name)
        if bind or folder.exists():
            folder.mkdir(parents=True, exist_ok=True)
            bound.write_text(url + "\n", encoding="utf-8")
        return url

    def folder_hook(self, layout) -> str:
        """Stands in for dbconfig.folder_url: every data folder lives on the test server."""
        return self.url_for(layout.root)

    def skip_reason(self, nodeid: str) -> str | None:
        for prefix, reason in SQLITE_ONLY.items():
            if nodeid == prefix or nodeid.startswith(prefix + "::") or nodeid.startswith(prefix + "["):
                return reason
        return None

    def drop_under(self, root: Path) -> None:
        """Drop the databases of folders inside `root` (a finished test's tmp_path)."""
        root = Path(root).resolve()
        for name, folder in list(self.owner.items()):
            if folder == root or root in folder.parents:
                self.drop(name)

    def drop_all(self) -> None:
        for name in list(self.owner) + ([self.template] if self.template else []):
            self.drop(name)
        self.admin.dispose()


def dump_database(url: str) -> str:
    """A logical dump of every table, row by row in key order, for 'nothing changed' checks."""
    from db.base import Base

    engine = create_engine(url, poolclass=NullPool)
    lines = []
    try:
        with engine.connect() as conn:
            for table in sorted(Base.metadata.sorted_tables, key=lambda t: t.name):
                order = list(table.primary_key.columns) or list(table.columns)
                for row in conn.execute(select(table).order_by(*order)):
                    lines.append(f"{table.name}: {tuple(row)!r}")
            lines += [f"alembic_version: {v}" for v in conn.execute(text("SELECT version_num FROM alembic_version"))]
    finally:
        engine.dispose()
    return "\n".join(lines)
