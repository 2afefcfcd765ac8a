"""What needs action now: overdue milestones, open rectifications, notices, red/yellow projects.

Each list is a tab with its count; double-click or Enter on a row opens the project.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QTabWidget

from ui.widgets.display import OVERDUE_COLOR, RISK_COLORS

LISTS = [("overdue_milestones", "逾期节点"), ("open_rectifications", "待整改"), ("notices", "督办单"),
         ("risky_projects", "红黄项目")]
CODE_ROLE = Qt.UserRole + 1


def _when(item: dict) -> tuple[str, bool]:
    """Short status for the 期限 column ('逾期 23 天'); the date itself goes in the tooltip."""
    tr = QCoreApplication.translate
    days = item.get("days")
    if days is None:
        return "", False
    if days > 0:
        return tr("ActionLists", "逾期 {0} 天").format(days), True
    if days == 0:
        return tr("ActionLists", "今天到期"), True
    return tr("ActionLists", "还有 {0} 天").format(-days), False


class ActionLists(QTabWidget):
    sig_open_project = Signal(str)
    sig_open_page = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("action_lists")
        self.tables: dict[str, QTableWidget] = {}
        for key, title in LISTS:
            t = QTableWidget(0, 3)
            t.setObjectName(f"actions_{key}")
            t.setHorizontalHeaderLabels([self.tr("项目"), self.tr("事项"), self.tr("期限")])
            t.setEditTriggers(QAbstractItemView.NoEditTriggers)
            t.setSelectionBehavior(QAbstractItemView.SelectRows)
            t.setSelectionMode(QAbstractItemView.SingleSelection)
            t.verticalHeader().setVisible(False)
            t.setWordWrap(False)
            t.horizontalHeader().setSectionResizeMode(0, QHeaderView.Interactive)
            t.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
            t.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeToContents)
            t.setColumnWidth(0, t.fontMetrics().horizontalAdvance("2020-102-001 迪吉村村卫生室标准化") + 16)
            t.activated.connect(lambda idx, t=t: self._open(t, idx.row()))
            t.doubleClicked.connect(lambda idx, t=t: self._open(t, idx.row()))
            self.tables[key] = t
            self.addTab(t, self.tr(title))

    def set_actions(self, actions: dict) -> None:
        for i, (key, title) in enumerate(LISTS):
            block = actions.get(key, {"count": 0, "items": []})
            t = self.tables[key]
            items = block["items"]
            t.setRowCount(len(items))
            for r, it in enumerate(items):
                when, late = _when(it)
                what = it.get("what") or ""
                if it.get("text"):  # a notice's own words, so nobody has to open the reply dialog to read it
                    what += f"：{it['text']}"
                if it.get("detail"):
                    what += f"（{it['detail']}）"
                cells = [f"{it['code'] or ''} {it['project']}".strip(), " ".join(what.split()), when]
                issued = self.tr("下发于 {0}").format(it["issued"]) if it.get("issued") else ""
                tip = "\n".join(x for x in (cells[0], what, issued, it.get("date") or "") if x)
                for c, text in enumerate(cells):
                    cell = QTableWidgetItem(text)
                    cell.setData(CODE_ROLE, it.get("code"))
                    cell.setToolTip(tip)
                    if c == 2 and late:
                        cell.setForeground(QBrush(OVERDUE_COLOR))
                    if c == 1 and it.get("risk"):
                        cell.setForeground(QBrush(RISK_COLORS[it["risk"]]))
                    t.setItem(r, c, cell)
            self.setTabText(i, f"{self.tr(title)} {block['count']}")

    def _open(self, table: QTableWidget, row: int) -> None:
        item = table.item(row, 0)
        code = item.data(CODE_ROLE) if item else None
        if code:
            self.sig_open_project.emit(code)
        else:
            self.sig_open_page.emit("oversight")
