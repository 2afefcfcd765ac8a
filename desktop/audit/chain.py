"""Chain checks that `towndesk verify` runs beside the change log's own hash check.

A hash chain alone shows an edited or removed row in the middle; removing the newest rows
leaves a shorter chain that still verifies. So we also compare:
- the newest change-log row with the head hash the writer stored in the same transaction;
- this node's last handed-out change number (node.last_seq) with the newest own change set;
- the security event chain and its head, the same way.
An attacker who rewrites the whole chain and the head can still pass; the defence for that is
outside this PC: the county holds every change it received, and the audit export prints the
head so an auditor can note it and compare later.
"""
from __future__ import annotations

from sqlalchemy import func, select

from db import chain_head
from desktop.audit.events import event_hash


def check_change_log_head(conn) -> list[str]:
    from db.models import ChangeLog, Node

    out = []
    last = conn.execute(select(ChangeLog.seq, ChangeLog.row_hash).order_by(ChangeLog.seq.desc()).limit(1)).first()
    head = chain_head.load(conn, chain_head.CHANGE_LOG_HEAD)
    if last is None and head is not None:
        out.append("变更记录被清空：记录链头表明曾有变更记录，现在一条也没有。审计记录不可信，请从备份恢复。")
    elif last is not None and head is None:
        out.append("变更记录链头缺失（设置表中的校验值被删除）：无法确认最新的变更记录是否完整，请从备份恢复。")
    elif last is not None and last.row_hash != head:
        out.append(f"最新的变更记录被删除或改动：现存最后一条是第 {last.seq} 条，与记录链头不符。"
                   "审计记录不可信，请联系县级办公室并从备份恢复。")
    node = conn.execute(select(Node.id, Node.last_seq).where(Node.is_self.is_(True))).first()
    if node is not None and node.last_seq:
        own = conn.execute(select(func.max(ChangeLog.origin_seq)).where(ChangeLog.origin_node == node.id)).scalar()
        if (own or 0) < node.last_seq:
            out.append(f"本机的第 {(own or 0) + 1}–{node.last_seq} 组变更记录不见了（变更编号已发出，记录却不存在）："
                       "变更记录被删除，请从备份恢复。")
    return out


def check_security_events(conn) -> list[str]:
    from db.models import SecurityEvent

    prev, seq = None, 0
    try:
        for row in conn.execute(select(SecurityEvent).order_by(SecurityEvent.seq)).mappings():
            if row["prev_hash"] != prev or row["row_hash"] != event_hash(prev, dict(row)):
                return [f"安全日志第 {row['seq']} 条被改动或删除（哈希链断开）：账户与导出记录不可信，请从备份恢复。"]
            prev, seq = row["row_hash"], row["seq"]
    except (ValueError, TypeError, OverflowError):  # a value no longer readable (e.g. a forged date)
        return [f"安全日志第 {seq} 条之后的一条含有无法读取的值（被改动或损坏）：请从备份恢复。"]
    head = chain_head.load(conn, chain_head.SECURITY_EVENT_HEAD)
    if head != prev:
        return ["安全日志最新的记录被删除或改动（与链头不符）：账户与导出记录不可信，请从备份恢复。"]
    return []


def check_all(app) -> list[str]:
    with app.engine.connect() as conn:
        try:
            head = check_change_log_head(conn)
        except (ValueError, TypeError, OverflowError):  # e.g. text written into a number column
            head = ["变更记录含有无法读取的值（被改动或损坏）：审计记录不可信，请从备份恢复。"]
        return head + check_security_events(conn)
