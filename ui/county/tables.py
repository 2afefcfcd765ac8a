"""Read-only tables for the 风险督办 page: rows of dicts in, coloured cells out."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem

from ui.widgets.display import OVERDUE_COLOR, RISK_BACKGROUNDS, RISK_TEXT

KEY_ROLE = Qt.UserRole + 1


def make_table(name: str, cols) -> QTableWidget:
    t = QTableWidget(0, len(cols))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels([h for _, h in cols])
    t.setEditTriggers(QAbstractItemView.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectRows)
    t.setSelectionMode(QAbstractItemView.SingleSelection)
    t.verticalHeader().setVisible(False)
    t.setWordWrap(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def fill(table: QTableWidget, cols, rows: list[dict], key: str, *, warn=lambda r: False, risk_cols=()) -> None:
    """Put rows in the table; row key in KEY_ROLE of column 0; warned rows' last cells in red."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        bad = warn(row)
        for c, (k, _h) in enumerate(cols):
            value = row.get(k)
            text = RISK_TEXT.get(value, "") if k in risk_cols else ("" if value is None else str(value))
            item = QTableWidgetItem(text.replace("\n", " "))
            item.setData(KEY_ROLE, row.get(key))
            if k in risk_cols and value in RISK_BACKGROUNDS:
                item.setBackground(QBrush(RISK_BACKGROUNDS[value]))
            if len(text) > 24:
                item.setToolTip(text)
            if bad and c >= len(cols) - 2:
                item.setForeground(QBrush(OVERDUE_COLOR))
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    for c in range(table.columnCount()):
        table.setColumnWidth(c, min(table.columnWidth(c) + 12, 360))


def selected_key(table: QTableWidget):
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return item.data(KEY_ROLE) if item else None


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color:#555;")
    return label
