"""督查整改: every rectification, inspection/audit and supervision notice, across all projects.

Rectifications are entered and closed in each project's 督查整改 tab; this page is where the
clerk sees what is open and late across the township and jumps to the project.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QTabWidget,
    QVBoxLayout, QWidget,
)

from desktop.core import changes
from desktop.projects.oversight_view import oversight_lists
from ui.core.refresh import follow
from ui.widgets.display import OVERDUE_COLOR

CODE_ROLE = Qt.UserRole + 1
RECT_COLS = [("project", "项目"), ("issue", "问题"), ("measure", "整改措施"), ("responsible", "责任人"),
             ("deadline", "整改期限"), ("state", "状态")]
INSP_COLS = [("project", "项目"), ("kind", "类型"), ("phase", "阶段"), ("date", "日期"), ("organisation", "检查单位"),
             ("findings", "发现问题")]
NOTICE_COLS = [("title", "督办单"), ("issued_on", "下发日期"), ("deadline", "办理期限"), ("state", "状态"),
               ("projects", "涉及项目")]


def create_page(ctx):
    return OversightPage(ctx)


def _table(name: str, cols) -> QTableWidget:
    t = QTableWidget(0, len(cols))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels([h for _, h in cols])
    t.setEditTriggers(QAbstractItemView.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectRows)
    t.verticalHeader().setVisible(False)
    t.setWordWrap(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
    t.horizontalHeader().setStretchLastSection(True)
    return t


class OversightPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.setObjectName("page_oversight")
        self.data: dict | None = None
        self.only_open = QCheckBox(self.tr("只看未完成的整改"))
        self.only_open.setChecked(True)
        self.only_open.toggled.connect(lambda _on: self._fill())
        self.rect = _table("oversight_rectifications", RECT_COLS)
        self.insp = _table("oversight_inspections", INSP_COLS)
        self.notices = _table("oversight_notices", NOTICE_COLS)
        for t in (self.rect, self.insp, self.notices):
            t.doubleClicked.connect(lambda idx, t=t: self._open(t, idx.row()))
            t.activated.connect(lambda idx, t=t: self._open(t, idx.row()))
        self.tabs = QTabWidget()
        rect_box = QWidget()
        rl = QVBoxLayout(rect_box)
        rl.setContentsMargins(0, 4, 0, 0)
        rl.addWidget(self.only_open)
        rl.addWidget(self.rect, 1)
        self.tabs.addTab(rect_box, self.tr("整改"))
        self.tabs.addTab(self.insp, self.tr("督查 / 调研 / 审计"))
        self.tabs.addTab(self.notices, self.tr("督办单"))
        hint = QLabel(self.tr("双击一行打开项目；在项目的“督查整改”选项卡中登记检查、整改措施和完成情况。"))
        hint.setStyleSheet("color:#555;")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        head = QHBoxLayout()
        head.addWidget(QLabel(f"<b style='font-size:14pt'>{self.tr('督查整改')}</b>"))
        head.addStretch(1)
        lay.addLayout(head)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(hint)
        self.refresher = follow(self, ctx, changes.PROJECTS | changes.INSPECTIONS | changes.NOTICES, self.reload)
        self.reload()

    def reload(self) -> None:
        self.ctx.query(oversight_lists, title=self.tr("读取督查整改"), on_done=self._loaded, parent=self)

    def _loaded(self, data: dict) -> None:
        self.data = data
        self._fill()

    def _fill(self) -> None:
        if self.data is None:
            return
        rects = [r for r in self.data["rectifications"] if not (self.only_open.isChecked() and r["done"])]
        for r in rects:
            r["project"] = f"{r['code']} {r['project']}".strip() if not r["project"].startswith(r["code"]) else r["project"]
            r["state"] = f"逾期 {r['overdue_days']} 天" if r["overdue_days"] else r["status"]
        self._rows(self.rect, RECT_COLS, rects, lambda r: r["overdue_days"] > 0)
        insp = [dict(i, project=f"{i['code']} {i['project']}") for i in self.data["inspections"]]
        self._rows(self.insp, INSP_COLS, insp, lambda r: False)
        notes = []
        for n in self.data["notices"]:
            late = n["days_left"] < 0 and n["status"] != "已办结"
            state = f"逾期 {-n['days_left']} 天" if late else (n["status"] if n["status"] == "已办结"
                                                              else f"{n['status']}，还有 {n['days_left']} 天")
            notes.append(dict(n, title=f"第 {n['number']} 号 {n['title']}", state=state,
                              projects="、".join(n["codes"]), code=n["codes"][0] if n["codes"] else None, late=late))
        self._rows(self.notices, NOTICE_COLS, notes, lambda r: r["late"])
        open_count = sum(1 for r in self.data["rectifications"] if not r["done"])
        self.tabs.setTabText(0, self.tr("整改（未完成 {0}）").format(open_count))
        self.tabs.setTabText(1, self.tr("督查 / 调研 / 审计（{0}）").format(len(insp)))
        self.tabs.setTabText(2, self.tr("督办单（{0}）").format(len(notes)))

    def _rows(self, table: QTableWidget, cols, rows: list[dict], late) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            bad = late(row)
            for c, (key, _h) in enumerate(cols):
                text = str(row.get(key) or "")
                item = QTableWidgetItem(text.replace("\n", " "))
                item.setData(CODE_ROLE, row.get("code"))
                if len(text) > 20:
                    item.setToolTip(text)
                if bad and key in ("state", "deadline"):
                    item.setForeground(QBrush(OVERDUE_COLOR))
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        for c in range(table.columnCount()):
            table.setColumnWidth(c, min(table.columnWidth(c) + 12, 300))

    def _open(self, table: QTableWidget, row: int) -> None:
        item = table.item(row, 0)
        code = item.data(CODE_ROLE) if item else None
        if code:
            self.ctx.sig_open_project.emit(code)
