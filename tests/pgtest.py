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
from pathlib import Path

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from desktop import dbconfig

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
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.owner.pop(name, None)

    def url_for(self, folder) -> str:
        """The database of this folder: its bound one, a copy for a copied folder, or a new one."""
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
            name = self.create(template=self.migrated_template())
        self.owner[name] = folder
        url = self.url(name)
        folder.mkdir(parents=True, exist_ok=True)
        bound.write_text(url + "\n", encoding="utf-8")
        return url

    def folder_hook(self, layout) -> str:
        """Stands in for dbconfig.folder_url: every data folder lives on the test server."""
        return self.url_for(layout.root)

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
