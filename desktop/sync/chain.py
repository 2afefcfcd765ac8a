"""The sender's audit-chain head travels signed in every package, so the county notices a rewritten history.

Why: `towndesk verify` proves a chain is consistent, but someone who rewrites rows *and* the stored
head with the sqlite3 tool passes it. The county is outside that PC: each package carries the
township's newest change-log row (number and hash) and, for the heads it sent in its last packages
to this peer, the hash those rows have now ("checkpoints"). The county keeps the last head it
received; if that row now hashes differently, or the chain became shorter, the history was
rewritten (or restored from an old backup) since the last package, and the import report says so.
"""
from __future__ import annotations

from sqlalchemy import func, select

from db.models import ChangeLog, PackageLog
from db.tracking import HASH_SCHEME
from desktop.core import settings

CHECKPOINTS = 8
MISSING = "0" * 64
KEY = "sync.chain_head.{}"


def head_for_export(session, peer_id: str) -> dict:
    """{"rows", "hash", "scheme", "checkpoints": [[rows, hash now], …]} for the manifest."""
    rows = session.scalar(select(func.max(ChangeLog.seq))) or 0
    head = session.scalar(select(ChangeLog.row_hash).where(ChangeLog.seq == rows)) if rows else None
    earlier = session.scalars(select(PackageLog.counts).where(PackageLog.direction == "out",
                                                              PackageLog.peer_id == peer_id)
                              .order_by(PackageLog.package_seq.desc()).limit(CHECKPOINTS)).all()
    marks = sorted({c.get("chain_rows") for c in earlier if isinstance(c, dict) and c.get("chain_rows")})
    hashes = dict(session.execute(select(ChangeLog.seq, ChangeLog.row_hash).where(ChangeLog.seq.in_(marks))).all())
    return {"rows": rows, "hash": head or None, "scheme": HASH_SCHEME,
            "checkpoints": [[n, hashes.get(n) or MISSING] for n in marks]}


def judge_on_import(session, sender, manifest: dict) -> dict:
    """Compare with the head kept from this sender's last package; keep the new one. Returns the finding."""
    head = manifest.get("chain_head")
    if not isinstance(head, dict):
        return {"status": "absent"}
    key = KEY.format(sender.id)
    before = settings.read_record(session, key)
    status, at = "first", None
    if before and head.get("scheme", 1) != before.get("scheme", 1):
        # the sender's upgrade rehashed its whole chain (migration 0006): hashes cannot be compared this
        # once; the new head is the reference from now on
        status = "rehashed"
    elif before:
        marks = {n: h for n, h in head.get("checkpoints", [])}
        if head["rows"] < before["rows"]:
            status, at = "rewritten", before["rows"]
        elif before["rows"] in marks:
            status = "ok" if marks[before["rows"]] == before["hash"] else "rewritten"
            at = before["rows"]
        elif head["rows"] == before["rows"]:
            status = "ok" if head["hash"] == before["hash"] else "rewritten"
            at = before["rows"]
        else:
            status = "unknown"  # the sender sent packages we never received in between
    # reported once (import report and package log); from now on the new head is the reference
    settings.write_record(session, key, {"rows": head["rows"], "hash": head["hash"], "scheme": head.get("scheme", 1)})
    return {"status": status, "row": at}


def message(sender, finding: dict) -> str:
    if finding.get("status") != "rewritten":
        return ""
    return (f"注意：{sender.name} 的修改记录（审计链）自上一个同步包以来被改写或回退过（第 {finding['row']} 条记录已不同，"
            f"可能是数据库被改动或从旧备份恢复）。本包的更改已按规则处理；请联系 {sender.name} 核实，"
            "并请对方运行数据检查。")
