"""`towndesk verify`: is the data folder sound? Returns a list of problems in Chinese."""
from __future__ import annotations

import hashlib

from sqlalchemy import select, text

from db import migrate
from db.models import Attachment, ChangeLog, Template
from db.tracking import row_hash


def verify(app, repair: bool = False) -> list[str]:
    problems: list[str] = []
    problems += _sqlite_checks(app)
    current, head = migrate.current_revision(app.engine), migrate.head_revision()
    if current != head:
        problems.append(f"数据库版本 {current} 不是最新版本 {head}：请重新启动程序以完成升级。")
    problems += check_attachments(app, repair)
    problems += check_change_chain(app)
    from desktop.core.ledger_check import check_ledger

    problems += check_ledger(app)  # current values = replayed log; triggers exist; no newest set missing
    from desktop.audit.chain import check_all as check_audit_heads

    problems += check_audit_heads(app)  # deleted newest rows, security event chain
    return problems


def _sqlite_checks(app) -> list[str]:
    if app.engine.url.get_backend_name() != "sqlite":
        return []
    out = []
    with app.engine.connect() as conn:
        try:
            result = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
        except Exception as e:  # a damaged file may fail the check itself
            return [f"数据库文件已损坏，无法完成完整性检查（{e.__class__.__name__}）。"]
        if result != ["ok"]:
            out += [f"数据库完整性检查失败：{r}" for r in result[:10]]
        for row in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()[:20]:
            out.append(f"外键错误：表 {row[0]} 第 {row[1]} 行引用了不存在的 {row[2]} 记录。")
    return out


def check_attachments(app, repair: bool = False) -> list[str]:
    from desktop.core.attachments_store import AttachmentStore

    store = AttachmentStore(app.layout)
    out = []
    with app.read() as s:
        rows = s.execute(select(Attachment.sha256, Attachment.filename).where(Attachment.deleted.is_(False))).all()
        # Template .docx files live in the same store, named by Template.sha256 (no Attachment row).
        rows += s.execute(select(Template.sha256, Template.name).where(Template.deleted.is_(False))).all()
    known = set()
    for sha, name in rows:
        known.add(sha)
        path = store.path_for(sha)
        if not path.exists():
            out.append(f"附件缺失：{name}（{sha[:12]}…）。请从备份恢复，或重新添加该附件。")
            continue
        digest = hashlib.sha256()
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
        if digest.hexdigest() != sha:
            out.append(f"附件已被改动或损坏：{name}（{sha[:12]}…）。请从备份恢复该文件。")
    orphans = store.orphans(known)
    if orphans and repair:
        for p in orphans:
            p.unlink(missing_ok=True)
    elif orphans:
        out.append(f"附件库中有 {len(orphans)} 个未被引用的文件（可能是中断的保存留下的）："
                   "可用数据检查的修复功能清理。")
    return out


def check_change_chain(app) -> list[str]:
    """Recompute the hash chain of the change log; report the first broken row."""
    prev, seq = None, 0
    with app.engine.connect() as conn:
        # Fetched a few thousand rows at a time (a county's log may hold millions), each row hashed as the
        # mapping it arrives in: no row-by-row fetch, no dict copy per row.
        result = conn.execution_options(yield_per=5000).execute(select(ChangeLog).order_by(ChangeLog.seq)).mappings()
        try:
            for row in result:
                if row["prev_hash"] != prev or row["row_hash"] != row_hash(prev, row):
                    return [f"变更记录第 {row['seq']} 条被改动或删除（哈希链断开）：审计记录不可信，请联系县级办公室并从备份恢复。"]
                prev, seq = row["row_hash"], row["seq"]
        except (ValueError, TypeError, OverflowError):  # a value no longer readable (e.g. a forged date)
            return [f"变更记录第 {seq} 条之后的一条含有无法读取的值（被改动或损坏）：审计记录不可信，请从备份恢复。"]
    return []
