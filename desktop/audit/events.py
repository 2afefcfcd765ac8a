"""Security events (logins, lockouts, password resets, unmasked exports, erasures, backups, restores).

Why a log of its own: these are facts about accounts and data protection, not field changes of
synced records, so they do not belong in the change log (which travels to the county). They are
hash-chained the same way, with the chain head kept in settings, and `towndesk verify` checks them.
Details never carry passwords or personal numbers: they pass through privacy.scrub_text.
"""
from __future__ import annotations

import hashlib
import json

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db import chain_head
from db.base import utcnow
from desktop.privacy.masking import scrub_text

LABELS = {
    "first_admin": "创建首个管理员", "user_created": "创建账户", "login_ok": "登录", "login_failed": "登录失败",
    "locked": "账户锁定", "unlocked": "解锁账户", "password_reset": "重置密码", "password_changed": "修改密码",
    "user_disabled": "停用账户", "user_enabled": "启用账户", "role_changed": "修改角色",
    "audit_export": "导出审计记录", "personal_export": "导出未遮盖的个人信息", "personal_erased": "删除个人信息",
    "backup": "备份", "restore": "从备份恢复",
}
_KEYS = ("at", "user_name", "kind", "subject", "detail")


def event_hash(prev: str | None, row: dict) -> str:
    payload = json.dumps([prev or ""] + [str(row.get(k)) for k in _KEYS], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(conn, kind: str, *, user: str | None, subject: str | None = None, detail: dict | None = None) -> None:
    """Append one event in the caller's transaction (a Session or a Connection)."""
    from db.models import SecurityEvent

    if isinstance(conn, Session):
        conn = conn.connection()
    text = None
    if detail:
        text = scrub_text(json.dumps(detail, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                                     default=str))
    prev = conn.execute(select(SecurityEvent.row_hash).order_by(SecurityEvent.seq.desc()).limit(1)).scalar()
    row = {"at": utcnow(), "user_name": user, "kind": kind, "subject": subject, "detail": text, "prev_hash": prev}
    row["row_hash"] = event_hash(prev, row)
    conn.execute(insert(SecurityEvent).values(**row))
    chain_head.store(conn, chain_head.SECURITY_EVENT_HEAD, row["row_hash"])


def list_events(app, limit: int = 500, kind: str | None = None) -> list[dict]:
    from db.models import SecurityEvent

    with app.read() as s:
        q = select(SecurityEvent).order_by(SecurityEvent.seq.desc()).limit(limit)
        if kind:
            q = q.where(SecurityEvent.kind == kind)
        return [{"seq": e.seq, "at": e.at, "user": e.user_name, "kind": e.kind, "label": LABELS.get(e.kind, e.kind),
                 "subject": e.subject, "detail": json.loads(e.detail) if e.detail else None}
                for e in s.scalars(q)]
