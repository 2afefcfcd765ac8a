"""Evidence files for notice replies and risk sign-offs: stored first, recorded in the transaction.

Same crash-safety order as checklist attachments: each file is fully in the attachment store
before the row that names it commits; if the transaction fails, files this call added and
nothing refers to are removed again (a crash in between leaves an orphan `verify` reports).
"""
from __future__ import annotations

import mimetypes

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Attachment
from desktop.core.attachments_store import AttachmentStore
from desktop.checklists.attachments import Incoming, read_incoming
from desktop.core.errors import UserError

MAX_FILES = 20


def store_files(app, paths) -> tuple[list[Incoming], list[str]]:
    """(checked files, hashes newly added to the store). Nothing is stored if any file is bad."""
    paths = list(paths or [])
    if not paths:
        return [], []
    if len(paths) > MAX_FILES:
        raise UserError(f"一次最多附 {MAX_FILES} 个佐证文件（给了 {len(paths)} 个）。可先打包成一个压缩文件。")
    incoming = read_incoming(paths)
    store, created = AttachmentStore(app.layout), []
    try:
        for inc in incoming:
            if store.has(inc.sha256):
                continue
            sha, _size = store.put_file(inc.path)
            created.append(sha)
            if sha != inc.sha256:
                raise UserError(f"文件 {inc.path} 在添加过程中被修改了，请等保存完成后再添加。未添加任何附件。")
    except OSError as e:
        forget_files(app, created)
        raise UserError(f"无法把文件写入附件库（{e.strerror or e}）：请检查数据文件夹所在磁盘的剩余空间。") from None
    except BaseException:
        forget_files(app, created)
        raise
    return incoming, created


def forget_files(app, created: list[str]) -> None:
    """Remove files this call stored that no row refers to (the transaction failed)."""
    if not created:
        return
    with app.read() as s:
        used = set(s.scalars(select(Attachment.sha256).where(Attachment.sha256.in_(created))))
    store = AttachmentStore(app.layout)
    for sha in created:
        if sha not in used:
            store.path_for(sha).unlink(missing_ok=True)


def record_attachments(session: Session, incoming: list[Incoming], project_id: str | None) -> list[str]:
    """Attachment rows for the stored files (synced, so the files travel with the package)."""
    ids = []
    for inc in incoming:
        a = Attachment(project_id=project_id, sha256=inc.sha256, filename=inc.path.name[:255], size=inc.size,
                       mime=mimetypes.guess_type(inc.path.name)[0])
        session.add(a)
        session.flush()
        ids.append(a.id)
    return ids
