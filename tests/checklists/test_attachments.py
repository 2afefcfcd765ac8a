"""Attachments: stored once by SHA-256, refused cleanly on bad files, safe across a crash before commit."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import select

from db.models import Attachment
from desktop.checklists import attachments, service
from desktop.core.errors import UserError
from desktop.core.verify import verify
from tests.checklists.conftest import store_files
from tests.conftest import REPO, db_dump

CODE = "2020-102-001"


def test_same_file_twice_is_stored_once(small_app, tmp_path):
    """The same content under two names, attached twice and to two items, is one file in the store."""
    a = tmp_path / "批复扫描.pdf"
    a.write_bytes(b"%PDF-1.4 joint approval scan" * 100)
    b = tmp_path / "copy.pdf"
    b.write_bytes(a.read_bytes())
    r = attachments.attach_files(small_app, CODE, "joint_approval", [a, b])
    assert len(r["added"]) == 1 and r["state"] == "collected"
    r2 = attachments.attach_files(small_app, CODE, "joint_approval", [a])
    assert r2["added"] == [] and r2["already"][0]["filename"] == "批复扫描.pdf"
    attachments.attach_files(small_app, CODE, "impl_plan", [b])
    assert len(store_files(small_app)) == 1
    with small_app.read() as s:
        assert len(s.scalars(select(Attachment)).all()) == 2
    item = next(i for i in service.project_checklist(small_app, CODE)["items"] if i["key"] == "joint_approval")
    assert [x["filename"] for x in item["attachments"]] == ["批复扫描.pdf"]
    assert verify(small_app) == []


def test_viewable_copy_keeps_the_original_name(small_app, tmp_path):
    """Opening an attachment gives a copy with its own name and extension for the system viewer."""
    f = tmp_path / "现场照片.jpg"
    f.write_bytes(b"\xff\xd8\xff" + b"x" * 500)
    added = attachments.attach_files(small_app, CODE, "progress_photos", [f])["added"][0]
    copy = attachments.viewable_copy(small_app, added["id"])
    assert copy.name == "现场照片.jpg" and copy.read_bytes() == f.read_bytes()
    assert added["mime"] == "image/jpeg"


def _bad_files(tmp_path):
    empty = tmp_path / "空文件.pdf"
    empty.write_bytes(b"")
    folder = tmp_path / "扫描件"
    folder.mkdir()
    return [(tmp_path / "不存在.pdf", "不存在，请检查路径"), (empty, "是空文件（0 字节）"), (folder, "是一个文件夹")]


@pytest.mark.parametrize("case", range(3))
def test_bad_files_are_refused_and_nothing_is_written(small_app, tmp_path, case):
    """A missing path, a zero-byte file or a folder: one Chinese message naming it; no row, no stored file."""
    good = tmp_path / "good.pdf"
    good.write_bytes(b"good content")
    bad, message = _bad_files(tmp_path)[case]
    before = db_dump(small_app.layout.database)
    with pytest.raises(UserError) as e:
        attachments.attach_files(small_app, CODE, "impl_plan", [good, bad])
    assert message in e.value.message and bad.name in e.value.message and "未添加任何附件" in e.value.message
    assert db_dump(small_app.layout.database) == before and store_files(small_app) == []


def test_unreadable_file_is_refused(small_app, tmp_path, monkeypatch):
    """A file that cannot be opened (permissions, a pulled USB stick) is named; nothing is written."""
    f = tmp_path / "locked.pdf"
    f.write_bytes(b"secret")
    real_open = open

    def guarded(path, *a, **kw):
        if str(path) == str(f):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *a, **kw)

    monkeypatch.setattr("builtins.open", guarded)
    before = db_dump(small_app.layout.database)
    with pytest.raises(UserError, match="无法读取文件 .*locked.pdf"):
        attachments.attach_files(small_app, CODE, "impl_plan", [f])
    monkeypatch.undo()
    assert db_dump(small_app.layout.database) == before and store_files(small_app) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_by_permissions(small_app, tmp_path):
    """A real file without read permission is refused."""
    f = tmp_path / "noread.pdf"
    f.write_bytes(b"x")
    f.chmod(0)
    with pytest.raises(UserError, match="无法读取文件"):
        attachments.attach_files(small_app, CODE, "impl_plan", [f])


def test_unknown_item_is_refused_before_reading_files(small_app, tmp_path):
    """An unknown item key is refused with the project's standard named."""
    f = tmp_path / "a.pdf"
    f.write_bytes(b"a")
    with pytest.raises(UserError, match="没有资料项 'nope'"):
        attachments.attach_files(small_app, CODE, "nope", [f])
    assert store_files(small_app) == []


def test_large_file_warns_then_keeps_on_request(small_app, tmp_path):
    """Above the size-warning setting the caller is asked; with keep_large the file is stored."""
    attachments.set_size_warning_mb(small_app, 1)
    big = tmp_path / "高清扫描.tif"
    big.write_bytes(os.urandom(1_200_000))
    with pytest.raises(attachments.LargeFileWarning) as e:
        attachments.attach_files(small_app, CODE, "impl_plan", [big])
    assert "超过附件大小提醒值 1 MB" in e.value.message and e.value.files[0][1] == 1_200_000
    assert store_files(small_app) == []
    r = attachments.attach_files(small_app, CODE, "impl_plan", [big], keep_large=True)
    assert r["added"][0]["size"] == 1_200_000
    with pytest.raises(UserError, match="附件大小提醒值.*'0'.*无效"):
        attachments.set_size_warning_mb(small_app, 0)


def test_failed_transaction_removes_the_file_it_stored(small_app, tmp_path, monkeypatch):
    """If recording fails after the file was stored, the new file is removed again."""
    f = tmp_path / "a.pdf"
    f.write_bytes(b"content that fails")

    def boom(*a, **kw):
        raise RuntimeError("disk full while writing the database")

    monkeypatch.setattr(attachments, "_record", boom)
    with pytest.raises(RuntimeError):
        attachments.attach_files(small_app, CODE, "impl_plan", [f])
    assert store_files(small_app) == []


def test_crash_between_file_write_and_commit(small_app, tmp_path):
    """A process killed after storing the file but before commit leaves no row; verify reports, --repair cleans."""
    f = tmp_path / "crash.pdf"
    f.write_bytes(b"%PDF scan written just before the power cut")
    service.set_item(small_app, CODE, "apply_form", "collected")  # rows exist; the crash is in attach
    script = textwrap.dedent(f"""
        import os, sqlalchemy.orm
        from desktop.core.app import open_app
        from desktop.core.attachments_store import AttachmentStore
        from desktop.checklists.attachments import attach_files
        put, real_commit = AttachmentStore.put_file, sqlalchemy.orm.Session.commit
        def stored(self, source):
            AttachmentStore.wrote = True
            return put(self, source)
        def crash(self):
            if getattr(AttachmentStore, "wrote", False):
                os._exit(9)  # power cut: after the file is in place, before the row commits
            return real_commit(self)
        AttachmentStore.put_file, sqlalchemy.orm.Session.commit = stored, crash
        app = open_app({str(small_app.data_dir)!r})
        attach_files(app, {CODE!r}, "impl_plan", [{str(f)!r}])
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 9, proc.stderr
    assert len(store_files(small_app)) == 1  # the file was in place before the commit that never came
    with small_app.read() as s:
        assert s.scalars(select(Attachment)).all() == []
    problems = verify(small_app)
    assert any("未被引用的文件" in p and "修复功能" in p for p in problems)
    verify(small_app, repair=True)
    assert store_files(small_app) == [] and verify(small_app) == []
    attachments.attach_files(small_app, CODE, "impl_plan", [f])  # the clerk simply does it again
    assert verify(small_app) == []


def test_verify_finds_missing_and_altered_files(small_app, tmp_path):
    """A stored file that was changed or deleted is reported by verify."""
    f1, f2 = tmp_path / "a.pdf", tmp_path / "b.pdf"
    f1.write_bytes(b"first")
    f2.write_bytes(b"second")
    r = attachments.attach_files(small_app, CODE, "impl_plan", [f1, f2])["added"]
    attachments.stored_path(small_app, r[0]["sha256"]).write_bytes(b"tampered")
    attachments.stored_path(small_app, r[1]["sha256"]).unlink()
    problems = "\n".join(verify(small_app))
    assert "附件已被改动或损坏：a.pdf" in problems and "附件缺失：b.pdf" in problems
