"""Small helpers shared by the sync page's tabs: read-only tables and Chinese labels."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from desktop.sync.conflicts import TABLE_LABELS

STATUS_LABELS = {"applied": "已导入", "already_imported": "以前导入过", "outdated": "旧包（无新内容）",
                 "rejected": "损坏/拒绝", "sent": "已发出"}


def table_label(name: str) -> str:
    return TABLE_LABELS.get(name, name)


def make_table(headers: list[str], object_name: str) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setObjectName(object_name)
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectRows)
    t.setSelectionMode(QAbstractItemView.SingleSelection)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    t.setAlternatingRowColors(True)
    return t


def fill(table: QTableWidget, rows: list[list], data: list | None = None) -> None:
    """Replace the table's rows; `data[i]` is stored on column 0 (UserRole) for later lookup."""
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            item = QTableWidgetItem("" if value is None else str(value))
            if data is not None and c == 0:
                item.setData(Qt.UserRole, data[r])
            table.setItem(r, c, item)


def show_value(value) -> str:
    if value is None:
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(map(str, value)) or "（空）"
    return str(value)
