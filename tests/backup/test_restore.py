"""One-file backups and restore: everything checked before anything is replaced, atomic swap."""
import shutil
import sqlite3
import zipfile

import pytest
from sqlalchemy import select

from db.models import Project
from desktop.backup import archive, list_backups, make_backup
from desktop.backup.restore import restore
from desktop.core.errors import UserError
from desktop.core.verify import verify
from tests.conftest import db_dump


def _names(app):
    with app.read() as s:
        return sorted(s.scalars(select(Project.name).where(Project.deleted.is_(False))))


def _backup(app, tmp_path):
    out = tmp_path / "b.zip"
    archive.write_archive(app, out)
    return out


def test_archive_roundtrip_restores_data_and_attachments(filled_app, tmp_path):
    """Backup, change and lose an attachment, restore: data and files are back, the old state kept aside."""
    from desktop.projects import projects

    out = _backup(filled_app, tmp_path)
    names = zipfile.ZipFile(out).namelist()
    assert "manifest.json" in names and "towndesk.db" in names and len(names) == 4
    assert not any(n.startswith("keys") for n in names)  # private keys never travel in a backup
    projects.delete_project(filled_app, filled_app.codes[0])
    lost = next(p for p in filled_app.layout.attachments.rglob("*") if p.is_file())
    lost.unlink()
    root = filled_app.data_dir
    filled_app.dispose()
    result = restore(root, out, user="admin")
    from desktop.core.app import open_app
    app = open_app(root)
    try:
        assert _names(app) == ["团结村产业路", "联合村乡村旅游"] and lost.exists()
        assert verify(app) == []
        assert result["safety_copy"] and [b.reason for b in list_backups(app.layout)] == ["restore"]
    finally:
        app.dispose()


def test_restore_into_a_new_folder(filled_app, tmp_path):
    """A new PC: restoring into an empty folder gives the same data, and says the keys must be copied."""
    out = _backup(filled_app, tmp_path)
    result = restore(tmp_path / "new", out)
    assert result["safety_copy"] is None and result["keys_present"] is False
    from desktop.core.app import open_app
    app = open_app(tmp_path / "new")
    assert _names(app) == ["团结村产业路", "联合村乡村旅游"] and app.node.name == "小中甸镇"
    assert verify(app) == []
    app.dispose()


def test_restore_from_an_automatic_snapshot(filled_app, tmp_path):
    """A backups/auto/*.db snapshot restores too, taking attachments from the mirror."""
    from desktop.projects import projects

    snap = make_backup(filled_app, "daily")
    projects.delete_project(filled_app, filled_app.codes[1])
    root = filled_app.data_dir
    filled_app.dispose()
    restore(root, snap.path)
    from desktop.core.app import open_app
    app = open_app(root)
    assert _names(app) == ["团结村产业路", "联合村乡村旅游"]
    app.dispose()


def _expect_refused(app, file, words):
    root = app.data_dir
    app.dispose()
    before = db_dump(app.layout.database)
    files_before = sorted(p.name for p in app.layout.attachments.rglob("*"))
    with pytest.raises(UserError, match=words):
        restore(root, file)
    assert db_dump(app.layout.database) == before
    assert sorted(p.name for p in app.layout.attachments.rglob("*")) == files_before
    assert not list(app.layout.tmp.iterdir())  # staging cleaned


def _rewrite(src, dst, change):
    """Copy a zip entry by entry, letting change(name, data) return new (name, data) or None to drop."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            got = change(info.filename, zin.read(info.filename))
            if got is not None:
                zout.writestr(got[0], got[1])
    return dst


def test_refuses_corrupt_files(filled_app, tmp_path):
    """Truncated zip, not a zip, and a bit-flipped database are refused with nothing changed."""
    out = _backup(filled_app, tmp_path)
    data = out.read_bytes()
    (tmp_path / "trunc.zip").write_bytes(data[: len(data) // 2])
    _expect_refused(filled_app, tmp_path / "trunc.zip", "无法使用")
    (tmp_path / "text.zip").write_bytes(b"hello")
    _expect_refused(filled_app, tmp_path / "text.zip", "不是完整的 zip")
    flipped = _rewrite(out, tmp_path / "flip.zip", lambda n, d: (n, d[:5000] + bytes([d[5000] ^ 1]) + d[5001:])
                       if n == "towndesk.db" else (n, d))
    _expect_refused(filled_app, flipped, "哈希或大小与清单不符")


def test_refuses_unsafe_entries(filled_app, tmp_path):
    """Traversal names, absolute and Windows paths, extra entries and symlinks are refused."""
    out = _backup(filled_app, tmp_path)
    for i, bad in enumerate(("../evil.txt", "/etc/passwd", "C:\\Windows\\x.dll", "attachments\\..\\x", "CON",
                             "attachments/aa/../../keys/node.key")):
        f = _rewrite(out, tmp_path / f"bad{i}.zip", lambda n, d, bad=bad: (n, d))
        with zipfile.ZipFile(f, "a") as z:
            z.writestr(bad, b"x")
        _expect_refused(filled_app, f, "不允许的条目名|条目重复")
    link = tmp_path / "link.zip"
    shutil.copy(out, link)
    with zipfile.ZipFile(link, "a") as z:
        info = zipfile.ZipInfo("attachments/ab/" + "ab" * 32)
        info.external_attr = (0o120777 << 16)
        z.writestr(info, "/etc/passwd")
    _expect_refused(filled_app, link, "链接")


def test_refuses_newer_schema_and_other_node(filled_app, tmp_path):
    """A backup from a newer program version, or of another township, is refused."""
    import json

    out = _backup(filled_app, tmp_path)
    stage = tmp_path / "stage"
    manifest = archive.read_archive(out, stage)
    con = sqlite3.connect(stage / "towndesk.db")
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    newer = tmp_path / "newer.zip"
    with zipfile.ZipFile(newer, "w") as z:
        data = (stage / "towndesk.db").read_bytes()
        import hashlib
        files = [{"name": "towndesk.db", "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}]
        z.writestr("towndesk.db", data)
        z.writestr("manifest.json", json.dumps({**manifest, "files": files, "missing_attachments": []}))
    _expect_refused(filled_app, newer, "更新版本")
    from desktop.core.app import init_data_folder
    other = init_data_folder(tmp_path / "other", role="township", region_code="533401103000", name="尼西乡")
    other_zip = _backup(other, tmp_path / "o")
    other.dispose()
    from desktop.core.app import open_app
    _expect_refused(open_app(filled_app.data_dir), other_zip, "不能互相恢复")


def test_refuses_while_database_is_in_use(filled_app, tmp_path):
    """If another program holds the database open, restore stops before replacing anything."""
    out = _backup(filled_app, tmp_path)
    root = filled_app.data_dir
    filled_app.dispose()
    holder = sqlite3.connect(root / "towndesk.db")
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("SELECT count(*) FROM project").fetchone()
    try:
        before = db_dump(root / "towndesk.db")
        with pytest.raises(UserError, match="正被其他程序使用"):
            restore(root, out)
        assert db_dump(root / "towndesk.db") == before
    finally:
        holder.close()


def test_cli_backup_restore_list(cli_process, tmp_path):
    """`towndesk backup --out`, `backups list`, and `restore FILE` work end to end."""
    cli_process("init", "--role", "township", "--region-code", "533401102000", "--name", "小中甸镇", check=True)
    out = tmp_path / "u盘" / "备份.zip"
    r = cli_process("backup", "--out", out)
    assert r.code == 0 and out.exists()
    assert cli_process("backup", "--out", tmp_path / "x.tar").code == 2
    r = cli_process("restore", out, "--yes")
    assert r.code == 0 and "已从" in r.out, r.err
    listed = cli_process("backups", "list", "--json", check=True).json()
    assert [b["reason"] for b in listed["backups"]] == ["restore"]
    r = cli_process("restore", tmp_path / "missing.zip", "--yes")
    assert r.code == 2 and "找不到备份文件" in r.err


def test_cli_restore_needs_an_admin_when_accounts_exist(cli, tmp_path):
    """With accounts, `restore` asks for the --user password and only an admin may restore."""
    from desktop.accounts import service as acc
    from desktop.core.app import init_data_folder

    app = init_data_folder(cli.data, role="township", region_code="533401102000", name="小中甸镇")
    admin = acc.create_first_admin(app, "admin", "admin-pass-2020")
    acc.add_user(app, admin, "李四", "clerk", "clerk-pass-2020")
    out = tmp_path / "b.zip"
    from desktop.core.identity import sign_in

    sign_in(app, acc.authenticate(app, "admin", "admin-pass-2020"))  # making a backup needs a signed-in account
    archive.write_archive(app, out)
    app.dispose()
    r = cli("restore", out, "--yes")
    assert r.code == 2 and "--user" in r.err
    r = cli("--user", "李四", "restore", out, "--yes", input="clerk-pass-2020\n")
    assert r.code == 2 and "从备份恢复" in r.err
    r = cli("--user", "admin", "restore", out, "--yes", input="admin-pass-2020\n")
    assert r.code == 0, r.err
