"""督办单 tab: the county issues and closes; a township sees its own notices and answers them."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.notices import service as notices
from ui.county.dialogs import IssueDialog, ReplyDialog
from ui.county.tables import fill, hint, make_table, selected_key

COLS = [("label", "编号"), ("title", "标题"), ("township", "乡镇"), ("issued_on", "下发日期"), ("deadline", "办理时限"),
        ("project_text", "涉及项目"), ("reply_text", "答复"), ("state", "状态")]


class NoticesTab(QWidget):
    def __init__(self, ctx, townships_source=None):
        super().__init__()
        self.ctx = ctx
        self.rows: list[dict] = []
        self.townships_source = townships_source  # () -> [(code, name)], for the issue dialog
        self.table = make_table("county_notices", COLS)
        self.status = QLabel()
        self.issue_button = QPushButton(self.tr("下发督办单…"))
        self.issue_button.setObjectName("notice_issue")
        self.issue_button.clicked.connect(self.issue)
        self.close_button = QPushButton(self.tr("办结"))
        self.close_button.setObjectName("notice_close")
        self.close_button.clicked.connect(self.close_selected)
        self.reply_button = QPushButton(self.tr("答复…"))
        self.reply_button.setObjectName("notice_reply")
        self.reply_button.clicked.connect(self.reply_selected)
        self.issue_button.setVisible(ctx.is_county)
        self.close_button.setVisible(ctx.is_county)
        self.reply_button.setVisible(not ctx.is_county)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        for b in (self.issue_button, self.close_button, self.reply_button):
            bar.addWidget(b)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 0)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)
        lay.addWidget(hint(self.tr("督办单随同步包往来：县级下发后导出同步包给乡镇；乡镇答复（整改情况和佐证材料）后"
                                   "导出同步包报县级；县级核实后办结。")))

    def reload(self) -> None:
        self.ctx.query(lambda app: notices.list_notices(app), title=self.tr("读取督办单"), on_done=self._loaded, parent=self)

    def _loaded(self, rows: list[dict]) -> None:
        self.rows = rows
        for r in rows:
            r["project_text"] = "、".join(p["code"] for p in r["projects"])
            r["reply_text"] = f"{len(r['replies'])} 次" if r["replies"] else ""
            r["state"] = r["status_label"] + (f"（逾期 {-r['days_left']} 天）" if r["status"] == "overdue" else "")
            r["key"] = f"{r['year']}-{r['number']}"
        fill(self.table, COLS, rows, "key", warn=lambda r: r["status"] == "overdue")
        late = sum(1 for r in rows if r["status"] == "overdue")
        self.status.setText(self.tr("共 {0} 张，逾期 {1} 张").format(len(rows), late))

    def _selected(self) -> dict | None:
        key = selected_key(self.table)
        return next((r for r in self.rows if r["key"] == key), None)

    def issue(self) -> IssueDialog:
        towns = self.townships_source() if self.townships_source else []
        dlg = IssueDialog(self.ctx, towns, self)
        dlg.accepted.connect(self.reload)
        dlg.open()
        return dlg

    def reply_selected(self) -> ReplyDialog | None:
        row = self._selected()
        if row is None:
            self.status.setText(self.tr("请先选中一张督办单。"))
            return None
        dlg = ReplyDialog(self.ctx, row, self)
        dlg.accepted.connect(self.reload)
        dlg.open()
        return dlg

    def close_selected(self) -> None:
        row = self._selected()
        if row is None:
            self.status.setText(self.tr("请先选中一张督办单。"))
            return
        number, year = str(row["number"]), row["year"]

        def work(app):
            return notices.close(app, number, year=year)
        self.ctx.mutate(work, initiator=self, title=self.tr("办结督办单"), on_done=lambda _v: self.reload(), parent=self)
