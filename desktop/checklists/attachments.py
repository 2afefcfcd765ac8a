"""Attachments for checklist items: validated, stored once by SHA-256, then recorded.

Order matters for crash safety: every file is fully written into the store (temporary name,
fsync, rename) before the transaction that adds the rows referring to it commits. A crash in
between leaves only an unreferenced file, which `towndesk verify` reports and `--repair` removes.
"""
from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from db.models import Attachment
from desktop.core import settings
from desktop.core.attachments_store import AttachmentStore
from desktop.checklists import item_state
from desktop.checklists.service import _standard, attachment_dict, ensure_documents, item_for
from desktop.checklists.standards import StandardCatalog, load_in
from desktop.core.errors import UserError
from desktop.projects.projects import find

WARN_SETTING = "checklist.attachment_warn_mb"  # type, default and who may change it: desktop.core.settings
NOTHING = "未添加任何附件。"


class LargeFileWarning(UserError):
    """Files above the size-warning setting: the caller may ask and retry with keep_large=True."""

    def __init__(self, message: str, files: list[tuple[str, int]]):
        super().__init__(message, cli_hint="加 --keep-large 保留大文件")
        self.files = files


@dataclass
class Incoming:
    path: Path
    sha256: str
    size: int


def size_warning_mb(app) -> float:
    return settings.read(app, WARN_SETTING)


def set_size_warning_mb(app, mb) -> float:
    return settings.set_value(app, WARN_SETTING, mb)


def read_incoming(paths: list) -> list[Incoming]:
    """Check every file before anything is written: exists, is a file, not empty, readable."""
    if not paths:
        raise UserError("没有指定要添加的文件。")
    out, seen = [], set()
    for raw in paths:
        path = Path(raw).expanduser()
        if not path.exists():
            raise UserError(f"文件 {raw} 不存在，请检查路径（可把文件拖到窗口中，或用“选择文件”）。{NOTHING}")
        if path.is_dir():
            raise UserError(f"{raw} 是一个文件夹，不是文件。请选择文件夹中的具体文件。{NOTHING}")
        digest, size = hashlib.sha256(), 0
        try:
            with open(path, "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    digest.update(chunk)
                    size += len(chunk)
        except OSError as e:
            raise UserError(f"无法读取文件 {raw}（{e.strerror or e.__class__.__name__}）。请确认文件没有被其他程序"
                            f"占用、有读取权限，U 盘或网络盘仍已连接。{NOTHING}") from None
        if size == 0:
            raise UserError(f"文件 {raw} 是空文件（0 字节），可能扫描或复制没有完成。请重新扫描或复制后再添加。{NOTHING}")
        sha = digest.hexdigest()
        if sha not in seen:
            seen.add(sha)
            out.append(Incoming(path, sha, size))
    return out


def attach_files(app, code: str, item_key: str | None, paths: list, *, keep_large: bool = False,
                 mark_collected: bool = True, today: date | None = None) -> dict:
    """Attach files to a project's checklist item. The same content is stored and listed once."""
    with app.read() as s:  # fail early on an unknown project or item, before reading big files
        p = find(s, code)
        if item_key is not None:
            item_for(_standard(StandardCatalog(s), p), item_key, code)
    incoming = read_incoming(paths)
    limit = size_warning_mb(app)
    large = [(str(i.path), i.size) for i in incoming if i.size > limit * 1_000_000]
    if large and not keep_large:
        names = "、".join(f"{Path(n).name}（{sz / 1e6:.1f} MB）" for n, sz in large)
        raise LargeFileWarning(f"{names} 超过附件大小提醒值 {limit:g} MB，会占用较多空间并使同步包变大。"
                               f"如确需保存，请确认后保留；也可先压缩或降低扫描分辨率。{NOTHING}",
                               large)
    store = AttachmentStore(app.layout)
    created = _store_all(store, incoming)
    try:
        with app.tx() as s:
            result = _record(s, code, item_key, incoming, mark_collected, today)
    except BaseException:
        _forget(app, store, created)
        raise
    return result


def _store_all(store: AttachmentStore, incoming: list[Incoming]) -> list[str]:
    created = []
    try:
        for inc in incoming:
            if store.has(inc.sha256):
                continue
            sha, _size = store.put_file(inc.path)
            if sha != inc.sha256:
                created.append(sha)
                raise UserError(f"文件 {inc.path} 在添加过程中被修改了，请等保存完成后再添加。{NOTHING}")
            created.append(sha)
    except OSError as e:
        for sha in created:
            store.path_for(sha).unlink(missing_ok=True)
        raise UserError(f"无法把文件写入附件库（{e.strerror or e}）：请检查数据文件夹所在磁盘的剩余空间。{NOTHING}") from None
    except BaseException:
        for sha in created:
            store.path_for(sha).unlink(missing_ok=True)
        raise
    return created


def _forget(app, store: AttachmentStore, created: list[str]) -> None:
    """Remove files this call stored if no row refers to them (the transaction failed)."""
    if not created:
        return
    with app.read() as s:
        used = set(s.scalars(select(Attachment.sha256).where(Attachment.sha256.in_(created))))
    for sha in created:
        if sha not in used:
            store.path_for(sha).unlink(missing_ok=True)


def _record(s, code, item_key, incoming, mark_collected, today) -> dict:
    p = find(s, code)
    doc = None
    if item_key is not None:
        std = _standard(load_in(s), p)
        doc = ensure_documents(s, p, std)[item_for(std, item_key, code).key]
    same_place = Attachment.document_id == doc.id if doc else Attachment.document_id.is_(None)
    existing = {a.sha256: a for a in s.scalars(select(Attachment).where(
        Attachment.project_id == p.id, Attachment.deleted.is_(False), same_place))}
    added, already = [], []
    for inc in incoming:
        if inc.sha256 in existing:
            already.append(attachment_dict(existing[inc.sha256]))
            continue
        a = Attachment(project_id=p.id, document_id=doc.id if doc else None, sha256=inc.sha256,
                       filename=inc.path.name[:255], size=inc.size,
                       mime=mimetypes.guess_type(inc.path.name)[0])
        s.add(a)
        s.flush()
        added.append(attachment_dict(a))
    if doc is not None and added and mark_collected:
        item_state.collect_on_file(doc, today)
    s.flush()
    return {"code": p.code, "item_key": item_key, "added": added, "already": already,
            "state": doc.state if doc else None}


def remove_attachment(app, attachment_id: str) -> None:
    """Tombstone the row; the stored file goes when `verify --repair` finds nothing refers to it."""
    with app.tx() as s:
        a = s.get(Attachment, attachment_id)
        if a is None or a.deleted:
            raise UserError(f"附件 {attachment_id} 不存在或已删除。")
        a.deleted = True


def viewable_copy(app, attachment_id: str) -> Path:
    """A copy under its original name in the data folder's tmp/ for the system viewer."""
    from desktop.core.fileio import atomic_write

    with app.read() as s:
        a = s.get(Attachment, attachment_id)
        if a is None or a.deleted:
            raise UserError(f"附件 {attachment_id} 不存在或已删除。")
        sha, name = a.sha256, a.filename
    store = AttachmentStore(app.layout)
    if not store.has(sha):
        raise UserError(f"附件 {name} 的文件在附件库中缺失。请运行 towndesk verify 检查，并从备份恢复。")
    from desktop.platform.names import safe_file_name

    dest = app.layout.tmp / "view" / sha[:16] / safe_file_name(name)  # names from other PCs: CON.pdf, a:b…
    if not dest.exists():
        with open(store.path_for(sha), "rb") as src, atomic_write(dest) as out:
            for chunk in iter(lambda: src.read(1 << 20), b""):
                out.write(chunk)
    return dest


def stored_path(app, sha256: str) -> Path:
    return AttachmentStore(app.layout).path_for(sha256)


__all__ = ["attach_files", "read_incoming", "LargeFileWarning", "remove_attachment", "viewable_copy",
           "size_warning_mb", "set_size_warning_mb", "stored_path"]
