"""A read-only table model over a list of dicts (fast for tens of thousands of rows)."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

URGENCY_COLORS = {"overdue": "#B00020", "due": "#8A5A00"}
STATE_COLORS = {"collected": "#1B6E20", "needs_fix": "#B00020", "missing": "#8A5A00", "not_applicable": "#777777"}


class RowsModel(QAbstractTableModel):
    """columns: (key, header). Colours the 紧急程度 and 状态 columns."""

    def __init__(self, columns: list[tuple[str, str]], parent=None):
        super().__init__(parent)
        self.columns, self.rows = columns, []

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.columns[section][1]
        return None

    def data(self, index, role=Qt.DisplayRole):
        row, key = self.rows[index.row()], self.columns[index.column()][0]
        value = row.get(key)
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            return "" if value is None else str(value)
        if role == Qt.UserRole:
            return value
        if role == Qt.ForegroundRole:
            if key == "urgency_label" and row.get("urgency") in URGENCY_COLORS:
                return QBrush(QColor(URGENCY_COLORS[row["urgency"]]))
            if key == "state_label" and row.get("state") in STATE_COLORS:
                return QBrush(QColor(STATE_COLORS[row["state"]]))
        return None

    def row(self, i: int) -> dict:
        return self.rows[i]


class TextFilter(QSortFilterProxyModel):
    """Case-insensitive substring filter over all columns; sorts on the raw values."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = ""
        self.setSortRole(Qt.UserRole)

    def set_text(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9; invalidateFilter() is deprecated there
            self.beginFilterChange()
            self.text = text.strip().lower()
            self.endFilterChange()
        else:
            self.text = text.strip().lower()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row, source_parent):
        if not self.text:
            return True
        row = self.sourceModel().row(source_row)
        return any(self.text in str(v).lower() for v in row.values() if v is not None)

    def lessThan(self, left, right):
        a, b = left.data(Qt.UserRole), right.data(Qt.UserRole)
        if a is None or b is None:
            return a is None and b is not None
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)
