"""Automatic snapshots: consistent copies with manifests, attachment mirror, pruning, once a day."""
import json
import sqlite3

from desktop.backup import backup_status, daily_backup_if_due, list_backups, make_backup
from desktop.backup.snapshot import mirror_dir


def test_snapshot_is_a_sound_copy_with_manifest(filled_app):
    """make_backup writes a database that passes integrity_check, a manifest with its hash, and mirrors files."""
    b = make_backup(filled_app, "import")
    assert b.path.exists() and b.path.parent.name == "auto"
    con = sqlite3.connect(b.path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM project").fetchone()[0] == 2
    con.close()
    m = json.loads(b.path.with_suffix(".json").read_text(encoding="utf-8"))
    assert m["reason"] == "import" and m["schema_revision"] and m["node"]["name"] == "小中甸镇"
    assert m["attachments_mirrored"] == {"copied": 2, "missing": 0, "damaged": 0}
    assert len([p for p in mirror_dir(filled_app.layout).rglob("*") if p.is_file()]) == 2
    assert not list(b.path.parent.glob(".*part"))  # no temp files left


def test_mirror_copies_new_files_only(filled_app):
    """A second snapshot copies no attachment again."""
    make_backup(filled_app, "import")
    b = make_backup(filled_app, "import")
    assert b.manifest["attachments_mirrored"]["copied"] == 0
    assert b.path.name.endswith("-2.db") or b.path.name != list_backups(filled_app.layout)[1].path.name


def test_keeps_the_last_n_of_each_reason(filled_app):
    """With backup.keep = 2, the third import snapshot removes the oldest; daily ones are separate."""
    from db.models import Setting

    with filled_app.tx() as s:
        s.add(Setting(key="backup.keep", value="2"))
    made = [make_backup(filled_app, "import") for _ in range(3)]
    make_backup(filled_app, "daily")
    left = list_backups(filled_app.layout)
    assert [b.reason for b in left].count("import") == 2 and [b.reason for b in left].count("daily") == 1
    assert not made[0].path.exists() and not made[0].path.with_suffix(".json").exists()


def test_daily_backup_once_a_day_and_status(filled_app):
    """daily_backup_if_due makes one snapshot a day; status warns only when there is none recent."""
    assert backup_status(filled_app)["too_old"] and backup_status(filled_app)["last"] is None
    assert daily_backup_if_due(filled_app) is not None
    assert daily_backup_if_due(filled_app) is None
    st = backup_status(filled_app)
    assert not st["too_old"] and st["age_days"] == 0 and st["last"]["reason_label"] == "每日自动"


def test_snapshot_does_not_write_to_the_database(filled_app):
    """Sync calls make_backup before its transaction: the snapshot must not write to the database."""
    from tests.conftest import db_dump

    filled_app.dispose()
    before = db_dump(filled_app.layout.database)
    make_backup(filled_app, "import")
    filled_app.dispose()
    assert db_dump(filled_app.layout.database) == before
