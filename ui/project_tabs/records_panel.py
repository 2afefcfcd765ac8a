"""A titled table of one kind of record under a project, with 新增 / 修改 / 删除.

Every change is one small operation on the worker; when it returns, the panel (and every
other view of this project) refreshes from the data, never from what the form held.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from desktop.projects import project_records
from desktop.projects.record_specs import kind_of
from ui.project_tabs.record_dialog import RecordDialog
from ui.widgets.display import OVERDUE_COLOR

NUMERIC = ("money", "int", "pct")


class RecordsPanel(QWidget):
    """Rows of one record kind; `status` (optional) adds a text column such as 逾期 12 天."""

    sig_loaded = Signal(int)

    def __init__(self, ctx, code: str, kind_key: str, title: str | None = None, hide: tuple[str, ...] = (),
                 status=None, parent=None):
        super().__init__(parent)
        self.ctx, self.code, self.kind = ctx, code, kind_of(kind_key)
        self.status = status
        self.records: list[dict] = []
        self.fields = [f for f in self.kind.fields if f.name not in hide]
        self.setObjectName(f"panel_{kind_key}")
        self.title = QLabel(f"<b>{title or self.kind.label}</b>")
        self.add_btn = QPushButton(self.tr("新增"))
        self.add_btn.setObjectName(f"add_{kind_key}")
        self.edit_btn = QPushButton(self.tr("修改"))
        self.del_btn = QPushButton(self.tr("删除"))
        for b in (self.add_btn, self.edit_btn, self.del_btn):
            b.setAutoDefault(False)
        self.add_btn.clicked.connect(self.add)
        self.edit_btn.clicked.connect(self.edit)
        self.del_btn.clicked.connect(self.delete)
        headers = [f.label for f in self.fields] + ([self.tr("状态")] if status else [])
        self.table = QTableWidget(0, len(headers))
        self.table.setObjectName(f"table_{kind_key}")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.add_btn)
        top.addWidget(self.edit_btn)
        top.addWidget(self.del_btn)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 4)
        self.notice = QLabel()
        self.notice.setObjectName(f"notice_{kind_key}")
        self.notice.setStyleSheet("color:#8a5a00;")
        self.notice.setWordWrap(True)
        self.notice.hide()
        lay.addLayout(top)
        lay.addWidget(self.notice)
        lay.addWidget(self.table, 1)
        self._update_buttons()
        self.refresh()

    def refresh(self) -> None:
        code, kind = self.code, self.kind.key
        self.ctx.query(lambda app: project_records.list_records(app, code, kind), title=self.tr("读取记录"),
                     on_done=self._show, parent=self, show_progress=False)

    def _show(self, records: list[dict]) -> None:
        self.records = records
        self.table.setRowCount(len(records))
        for r, rec in enumerate(records):
            state = self.status(rec) if self.status else None
            for c, spec in enumerate(self.fields):
                value = rec.get(spec.name)
                text = "" if value is None else str(value)
                item = QTableWidgetItem(text.replace("\n", " "))
                if spec.kind in NUMERIC:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if len(text) > 30:
                    item.setToolTip(text)
                if state and state[1]:
                    item.setForeground(QBrush(OVERDUE_COLOR))
                self.table.setItem(r, c, item)
            if self.status:
                item = QTableWidgetItem(state[0] if state else "")
                if state and state[1]:
                    item.setForeground(QBrush(OVERDUE_COLOR))
                    f = item.font()
                    f.setBold(True)
                    item.setFont(f)
                self.table.setItem(r, len(self.fields), item)
        self.table.resizeColumnsToContents()
        for c in range(self.table.columnCount()):
            self.table.setColumnWidth(c, min(self.table.columnWidth(c) + 12, 260))
        self.title.setText(f"<b>{self.kind.label}</b>（{len(records)}）")
        self._update_buttons()
        self.sig_loaded.emit(len(records))

    def _update_buttons(self) -> None:
        has = self.current() is not None
        self.edit_btn.setEnabled(has)
        self.del_btn.setEnabled(has)

    def current(self) -> dict | None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self.records) or not self.table.selectionModel().hasSelection():
            return None
        return self.records[row]

    def open_dialog(self, record: dict | None) -> RecordDialog:
        dlg = RecordDialog(self.ctx, self.code, self.kind.key, record, self)
        dlg.sig_saved.connect(self.show_warnings)
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.open()
        return dlg

    def show_warnings(self, rec: dict) -> None:
        """A record saved with a warning (e.g. a payment years after the project's year) says so under the title."""
        text = "\n".join(rec.get("warnings") or [])
        self.notice.setText(self.tr("已保存，请注意：") + text if text else "")
        self.notice.setVisible(bool(text))

    def add(self) -> RecordDialog:
        return self.open_dialog(None)

    def edit(self) -> RecordDialog | None:
        rec = self.current()
        return self.open_dialog(rec) if rec else None

    def delete(self, confirm: bool = True) -> None:
        rec = self.current()
        if rec is None:
            return
        if confirm and QMessageBox.question(
                self, self.tr("删除"), self.tr("删除这条{0}记录？（删除会记入变更记录，可以撤销）").format(
                    self.kind.label)) != QMessageBox.Yes:
            return
        code, kind, rid = self.code, self.kind.key, rec["id"]

        def op(app):
            project_records.delete_record(app, code, kind, rid)
            return None
        self.ctx.mutate(op, initiator=self, title=self.tr("删除记录"), parent=self)
