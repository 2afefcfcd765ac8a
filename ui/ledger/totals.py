"""The ledger's totals row: how many projects are shown and the sums of their money and people columns."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from ui.ledger.columns import COLUMNS
from ui.ledger.model import _ALIGNMENT, _DISPLAY, _RIGHT, display

_TOTALS_ROLES = frozenset(int(r) for r in (Qt.DisplayRole, Qt.TextAlignmentRole, Qt.FontRole))


class TotalsModel(QAbstractTableModel):
    """One row: the count of visible projects and the sums of the money and people columns."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.values: dict[str, int] = {}
        self.count = 0
        self.label_column = 1
        self._bold = QFont()
        self._bold.setBold(True)

    def set_totals(self, rows: list[dict], label_column: int) -> None:
        self.set_values(len(rows), {c.key: sum(r.get(c.key) or 0 for r in rows) for c in COLUMNS if c.total},
                        label_column)

    def set_values(self, count: int, values: dict[str, int], label_column: int) -> None:
        """Show sums already computed (LedgerProxy.totals) for `count` rows."""
        self.count = count
        self.values = dict(values)
        planned = self.values.get("planned_investment_fen", 0)
        self.values["spending_pct"] = round(100.0 * self.values.get("spent_fen", 0) / planned, 1) if planned else 0
        self.label_column = label_column
        self.dataChanged.emit(self.index(0, 0), self.index(0, len(COLUMNS) - 1))

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 1

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index, role=Qt.DisplayRole):
        if role not in _TOTALS_ROLES or not index.isValid():
            return None
        col = COLUMNS[index.column()]
        if role == _DISPLAY:
            if index.column() == self.label_column:
                return self.tr("合计（{0} 个项目）").format(self.count)
            if col.total or col.key == "spending_pct":
                return display(col, self.values.get(col.key, 0))
            return ""
        if role == _ALIGNMENT:
            return _RIGHT if (col.total or col.key == "spending_pct") else None
        return self._bold
