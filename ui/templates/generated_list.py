"""The documents already generated for one project, with one-click linking to a checklist item."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget,
)

from desktop.platform.names import safe_file_name
from desktop.templates import generated as svc
from ui.core.open_file import open_with_system

COLUMNS = ("生成时间", "模板", "版本", "生成人", "资料项", "文件名")


class GeneratedList(QWidget):
    """Rows come from desktop.templates.generated.list_generated; the item to link to comes from the panel."""

    sig_loaded = Signal(int)
    sig_linked = Signal(dict)

    def __init__(self, ctx, item_chooser, parent=None):
        super().__init__(parent)
        self.ctx, self.item_chooser = ctx, item_chooser  # item_chooser() -> (key, name) or (None, None)
        self.code: str | None = None
        self.rows: list[dict] = []
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("generated_table")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self.update_buttons)
        self.link_btn = QPushButton(self.tr("关联到资料项"))
        self.link_btn.setObjectName("generated_link")
        self.link_btn.clicked.connect(self.link_selected)
        self.open_btn = QPushButton(self.tr("打开"))
        self.open_btn.setObjectName("generated_open")
        self.open_btn.clicked.connect(self.open_selected)
        head = QHBoxLayout()
        head.addWidget(QLabel(f"<b>{self.tr('本项目已生成的文书')}</b>"))
        head.addStretch(1)
        head.addWidget(self.open_btn)
        head.addWidget(self.link_btn)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(head)
        lay.addWidget(self.table, 1)
        self.update_buttons()

    def load(self, code: str | None) -> None:
        self.code = code
        if not code:
            self._loaded([])
            return
        self.ctx.query(lambda app: svc.list_generated(app, code), title=self.tr("读取已生成的文书"),
                     on_done=self._loaded, parent=self, show_progress=False)

    def _loaded(self, rows: list[dict]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, g in enumerate(rows):
            cells = (g["generated_at"] or "", g["template"], str(g["version"]), g["generated_by"] or "",
                     g["item_name"] or self.tr("（未关联）"), g["filename"] or "")
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        if rows:
            self.table.selectRow(0)
        self.update_buttons()
        self.sig_loaded.emit(len(rows))

    def selected(self) -> dict | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) and self.table.selectionModel().hasSelection() else None

    def update_buttons(self) -> None:
        g = self.selected()
        key, name = self.item_chooser()
        self.link_btn.setEnabled(bool(g and key))
        self.link_btn.setText(self.tr("关联到资料项“{0}”").format(name) if key else self.tr("关联到资料项"))
        self.link_btn.setToolTip(self.tr("把所选文书挂到该资料项下，资料项缺失时标为已收集"))
        self.open_btn.setEnabled(bool(g))

    def link_selected(self) -> None:
        """One click: the selected document goes under the checklist item chosen in the panel."""
        g, (key, _) = self.selected(), self.item_chooser()
        if not (g and key):
            return
        code = self.code

        def link(app):
            return svc.link_to_item(app, g["id"], key)
        self.ctx.mutate(link, initiator=self, title=self.tr("关联资料项"), on_done=self._linked, parent=self)

    def _linked(self, res: dict) -> None:
        self.load(self.code)
        self.sig_linked.emit(res)

    def open_selected(self) -> None:
        g = self.selected()
        if not g:
            return
        dest = self.ctx.app.layout.exports / safe_file_name(g["filename"] or f"{g['template']}.docx", "文书.docx")
        self.ctx.mutate(lambda app: svc.export_generated(app, g["id"], dest), initiator=self,
                        title=self.tr("打开文书"),
                     on_done=lambda path: open_with_system(path, self), parent=self)
