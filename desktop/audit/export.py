"""`towndesk audit export`: every change-log row (filtered) as an Excel workbook for auditors.

Why this shape: an auditor asks "who changed the planned amount of project X, and when?" and
must be able to trust the answer. The workbook lists each field change with old and new value,
the user, the time and the row hash; its 说明 sheet states the filters, whether the chain verified,
and the chain head (last row and hash) so the auditor can note it and compare later.
Personal numbers are masked unless the user's role may see them, asks, and gives a reason;
that choice is recorded in the security event log. Written in write-only mode (bounded memory).
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl.styles import Font
from sqlalchemy import select

from db.models import ChangeLog, Node, SecurityEvent
from desktop.accounts.roles import require, role_label
from desktop.audit import events
from desktop.audit.query import filtered, local_text, row_dict
from desktop.core.errors import UserError
from desktop.core.fileio import atomic_target
from desktop.core.xlsx_safe import safe_row, text_cell

HEADERS = ["序号", "时间", "操作人", "来源节点", "项目编号", "项目名称", "记录类型", "记录ID", "操作", "字段", "原值", "新值",
           "同步包", "行哈希"]
WIDTHS = [8, 19, 12, 10, 16, 30, 12, 12, 6, 16, 30, 30, 10, 18]


def export_changes(app, actor: dict, out: Path, *, project: str | None = None, user: str | None = None,
                   since: str | None = None, until: str | None = None, unmasked: bool = False,
                   reason: str | None = None, table: str | None = None, op: str | None = None) -> dict:
    """Write the workbook atomically; returns counts. Refuses unmasked export without right and reason."""
    from openpyxl import Workbook

    from desktop.core.verify import check_change_chain
    from desktop.audit.chain import check_all

    require(actor, "audit_export")
    if unmasked:
        require(actor, "reveal_personal")
        if not (reason or "").strip():
            raise UserError("导出完整身份证号和电话需要写明原因（例如：县审计局 2021 年专项审计）。")
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"导出文件 {out.name} 应以 .xlsx 结尾。")
    problems = check_change_chain(app) + check_all(app)  # before the read: each takes the database lock
    with app.read() as s:
        q = filtered(s, project=project, user=user, since=since, until=until, table=table, op=op)
        nodes = dict(s.execute(select(Node.id, Node.name)).all())
        head = s.execute(select(ChangeLog.seq, ChangeLog.row_hash).order_by(ChangeLog.seq.desc()).limit(1)).first()
        conn = s.connection()
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("变更记录")
        for i, w in enumerate(WIDTHS):
            ws.column_dimensions[chr(65 + i)].width = w
        ws.freeze_panes = "A2"
        bold = Font(bold=True)
        ws.append([text_cell(ws, h, font=bold) for h in HEADERS])
        count = 0
        for r, code, pname in s.execute(q.order_by(ChangeLog.seq).execution_options(yield_per=2000)):
            d = row_dict(conn, r, code, pname, nodes, unmasked)
            ws.append(safe_row(ws, [d["seq"], d["at"], d["user"], d["node"], code, pname, d["table_label"],
                                    r.record_id[:8], d["op_label"], d["field_label"], d["old"], d["new"],
                                    d["package"], r.row_hash]))
            count += 1
        _events_sheet(wb, s, bold)
        _about_sheet(wb, app, actor, bold, count=count, project=project, user=user, since=since, until=until,
                     unmasked=unmasked, reason=reason, problems=problems, head=head)
        with atomic_target(out) as tmp:
            wb.save(tmp)
    with app.tx(user=actor["username"]) as s:
        detail = {"file": out.name, "rows": count, "project": project, "user": user, "since": since, "until": until}
        if unmasked:
            detail["reason"] = reason.strip()[:200]
        events.record(s, "personal_export" if unmasked else "audit_export", user=actor["username"],
                      subject=out.name, detail=detail)
    return {"file": str(out), "rows": count, "unmasked": unmasked, "chain_ok": not problems,
            "problems": problems}


def _events_sheet(wb, s, bold) -> None:
    ws = wb.create_sheet("安全日志")
    ws.append([text_cell(ws, h, font=bold) for h in ("序号", "时间", "操作人", "事件", "对象", "详情")])
    for e in s.scalars(select(SecurityEvent).order_by(SecurityEvent.seq).execution_options(yield_per=2000)):
        ws.append(safe_row(ws, [e.seq, local_text(e.at), e.user_name, events.LABELS.get(e.kind, e.kind), e.subject,
                                e.detail or ""]))


def _about_sheet(wb, app, actor, bold, *, count, project, user, since, until, unmasked, reason, problems,
                 head) -> None:
    ws = wb.create_sheet("说明")
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 16, 90
    node = app.node
    rows = [
        ("本机", f"{node.name}（{node.region_code}）" if node else ""),
        ("导出时间", datetime.now().strftime("%Y-%m-%d %H:%M:%S")),
        ("导出人", f"{actor['username']}（{role_label(actor.get('role'))}）"),
        ("筛选", f"项目={project or '全部'}；操作人={user or '全部'}；起={since or '不限'}；止={until or '不限'}"),
        ("行数", str(count)),
        ("个人信息", f"未遮盖（原因：{reason.strip()}）" if unmasked else "身份证号、电话已遮盖（如 5334**********123X、138****5678）"),
        ("记录链检查", "通过：变更记录与安全日志未被改动或删除" if not problems else "未通过：" + "；".join(problems)),
        ("记录链头", f"第 {head.seq} 条，哈希 {head.row_hash}" if head else "（无变更记录）"),
        ("如何核对", "请记下记录链头。日后再次导出时，该行及之前各行的哈希应完全相同；"
                   "运行 towndesk verify 可重新计算整条哈希链。"),
    ]
    for k, v in rows:
        ws.append([text_cell(ws, k, font=bold), text_cell(ws, v)])
