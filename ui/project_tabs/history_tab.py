"""变更记录: who changed what of this project and when, old → new (personal data masked)."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget,
)

from desktop.core.identity import unproven_note
from desktop.projects.history_view import history_rows


def create_tab(ctx, project_code: str):
    return HistoryTab(ctx, project_code)


class HistoryTab(QWidget):
    """Newest first. The change log is append-only, so this is also the audit trail."""

    HEADERS = ("时间", "操作人", "记录", "操作", "字段", "原值", "新值")
    KEYS = ("at", "user", "record", "op", "field", "old", "new")

    def __init__(self, ctx, code: str):
        super().__init__()
        self.ctx, self.code = ctx, code
        self.rows: list[dict] = []
        self.filter = QLineEdit()
        self.filter.setObjectName("history_filter")
        self.filter.setPlaceholderText(self.tr("筛选：字段、操作人或数值"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.count = QLabel()
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setObjectName("history_table")
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.count)
        note = QLabel(self.tr("变更记录只增不改：每次保存、撤销、同步都会追加一条，原有记录不会被修改或删除。"))
        note.setStyleSheet("color:#555;")
        note.setWordWrap(True)
        self.attribution = QLabel(objectName="attribution_note")  # no accounts: who is written is not proven
        self.attribution.setStyleSheet("color:#b35900;")
        self.attribution.setWordWrap(True)
        self.attribution.hide()
        lay = QVBoxLayout(self)
        lay.addWidget(self.attribution)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(note)
        self.refresh()

    def refresh(self) -> None:
        code = self.code
        self.ctx.query(lambda app: (history_rows(app, code), unproven_note(app)), title=self.tr("读取变更记录"),
                       on_done=self._show_with_note, parent=self, show_progress=False)

    def _show_with_note(self, result) -> None:
        rows, note = result
        self.attribution.setText(note)
        self.attribution.setVisible(bool(note))
        self._show(rows)

    def _show(self, rows: list[dict]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, key in enumerate(self.KEYS):
                text = str(row.get(key) or "")
                item = QTableWidgetItem(text.replace("\n", " "))
                if len(text) > 30:
                    item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        for c in range(self.table.columnCount()):
            self.table.setColumnWidth(c, min(self.table.columnWidth(c) + 12, 280))
        self._apply_filter(self.filter.text())

    def _apply_filter(self, text: str) -> None:
        text = text.strip().lower()
        shown = 0
        for r, row in enumerate(self.rows):
            hit = not text or any(text in str(row.get(k) or "").lower() for k in self.KEYS)
            self.table.setRowHidden(r, not hit)
            shown += hit
        self.count.setText(self.tr("{0} 条").format(shown))

    def visible_rows(self) -> list[dict]:
        return [row for r, row in enumerate(self.rows) if not self.table.isRowHidden(r)]
