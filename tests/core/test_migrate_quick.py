"""The start-up check of the schema revision reads the migration files and one row, and imports Alembic only when needed."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from db import migrate
from db.engine import make_engine, sqlite_url

REPO = Path(__file__).resolve().parents[2]


def test_quick_head_agrees_with_alembic():
    """The head read from the files' `revision =` lines is the one Alembic computes."""
    assert migrate.quick_head() == migrate.head_revision()


def test_quick_revisions_agree_with_alembic():
    """Every revision read from the files' text (what a package's schema is checked against) is the set
    Alembic walks, and the head is Alembic's head."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert migrate.quick_revisions() == (frozenset(r.revision for r in script.walk_revisions()),
                                         script.get_current_head())


@pytest.mark.parametrize("files, expected", [
    ({"a.py": 'revision = "1"\ndown_revision = None\n', "b.py": 'revision: str = "2"\ndown_revision = "1"\n'}, "2"),
    ({"a.py": 'revision = "1"\ndown_revision = None\n', "b.py": 'revision = "2"\ndown_revision = "1"\n',
      "c.py": 'revision = "3"\ndown_revision = "1"\n'}, None),                           # two heads
    ({"a.py": 'revision = "1"\ndown_revision = None\n', "m.py": 'revision = "2"\ndown_revision = ("1", "x")\n'}, None),
    ({"a.py": 'revision = REV\ndown_revision = None\n'}, None),                          # not a plain string
    ({"a.py": 'revision = "2"\ndown_revision = "missing"\n'}, None),                     # parent not on disk
])
def test_quick_head_gives_up_when_unsure(tmp_path, monkeypatch, files, expected):
    """Merges, several heads, computed ids or a missing parent leave the decision to Alembic."""
    (tmp_path / "versions").mkdir()
    for name, body in files.items():
        (tmp_path / "versions" / name).write_text(body, encoding="utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", tmp_path)
    assert migrate.quick_head() == expected


def test_is_current_reads_the_stored_revision(tmp_path):
    """A new file is not current; after upgrade it is; a stamped older revision is not."""
    engine = make_engine(sqlite_url(tmp_path / "x.db"))
    assert migrate.stored_revision(engine) is None and not migrate.is_current(engine)
    assert migrate.upgrade(engine) is True
    assert migrate.is_current(engine) and migrate.upgrade(engine) is False
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    assert not migrate.is_current(engine)
    engine.dispose()


@pytest.mark.sqlite_only(reason="opens a data folder in a child process")
def test_opening_a_current_folder_does_not_import_alembic(tmp_path):
    """open_app on a folder already at head never loads Alembic (0.1–0.3 s of every start)."""
    from desktop.core.app import init_data_folder

    init_data_folder(tmp_path / "d", role="township", region_code="533401102000", name="小中甸镇").dispose()
    code = ("import sys\nfrom desktop.core.app import open_app\n"
            f"open_app({str(tmp_path / 'd')!r}).dispose()\n"
            "print('ALEMBIC', any(m.split('.')[0] == 'alembic' for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=REPO,
                         env=dict(os.environ, PYTHONPATH=str(REPO)), check=True)
    assert "ALEMBIC False" in out.stdout
