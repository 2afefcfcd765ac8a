"""The asset table shared by the 资产台账 page and the project editor's 资产 tab.

Words (the ledger's title, class, 确权 level and status names) come from the terms in force, read
on the worker together with the rows, so a county switching to the 2026 wording changes this view too.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from desktop.assets.ledger_view import asset_ledger
from desktop.core import changes
from ui.core.refresh import follow

COLUMNS = [("code", "资产编号"), ("name", "资产名称"), ("class_label", "资产类别"), ("subtype", "资产类型"),
           ("project_code", "形成项目"), ("village", "所在村"), ("value_yuan", "形成金额(元)"),
           ("owner_level_label", "确权层级"), ("owner", "产权所有人"), ("manager", "管护主体"),
           ("status_label", "资产状态"), ("handover_label", "移交书")]
PROBLEM = ("idle", "damaged")


class AssetTable(QWidget):
    """Assets of one project (project_code) or of the whole township; add and edit through AssetDialog."""

    def __init__(self, ctx, project_code: str | None = None, parent=None):
        super().__init__(parent)
        self.ctx, self.project_code = ctx, project_code
        self.rows: list[dict] = []
        self.title = QLabel()
        self.title.setObjectName("assets_title")
        self.title.setStyleSheet("font-weight:bold;")
        self.status = QComboBox()
        self.status.setObjectName("assets_status_filter")
        self.status.addItem(self.tr("全部状态"), "")
        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        self.add_btn = QPushButton(self.tr("登记资产…"))
        self.add_btn.setObjectName("assets_add")
        self.edit_btn = QPushButton(self.tr("修改…"))
        self.edit_btn.setObjectName("assets_edit")
        self.add_btn.clicked.connect(self.add)
        self.edit_btn.clicked.connect(self.edit)
        self.handover_btn = QPushButton(self.tr("挂接移交书…"))
        self.handover_btn.setObjectName("assets_attach_handover")
        self.handover_btn.clicked.connect(lambda: self.attach("handover"))
        self.ownership_btn = QPushButton(self.tr("挂接确权资料…"))
        self.ownership_btn.setObjectName("assets_attach_ownership")
        self.ownership_btn.clicked.connect(lambda: self.attach("ownership"))
        county = ctx.is_county
        for btn in (self.add_btn, self.edit_btn, self.handover_btn, self.ownership_btn):
            btn.setVisible(not county)  # assets and their documents are kept by the township that owns the project
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("assets_table")
        self.table.setHorizontalHeaderLabels([h for _, h in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.summary = QLabel()
        self.summary.setObjectName("assets_summary")
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.status)
        top.addWidget(self.add_btn)
        top.addWidget(self.edit_btn)
        top.addWidget(self.handover_btn)
        top.addWidget(self.ownership_btn)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.summary)
        self.message = QLabel()
        self.message.setObjectName("assets_message")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.refresher = follow(self, ctx, changes.ASSETS | changes.PROJECTS | changes.SETTINGS, self.refresh)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self._selection_changed()
        self.refresh()

    def refresh(self) -> None:
        project, status = self.project_code, self.status.currentData()
        self.ctx.query(lambda app: asset_ledger(app, project, status), title=self.tr("读取资产"), on_done=self._show,
                     parent=self, show_progress=False)

    def _show(self, data: dict) -> None:
        self.rows = data["rows"]
        scope = self.tr("本项目形成的") if self.project_code else ""
        self.title.setText(f"{scope}{data['asset'] if self.project_code else data['title']}")
        if self.status.count() == 1:
            self.status.blockSignals(True)
            for code, word in data["statuses"].items():
                self.status.addItem(word, code)
            self.status.blockSignals(False)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, (key, _h) in enumerate(COLUMNS):
                value = row.get(key)
                if key == "handover_label":
                    value = self.tr("已挂接") if row.get("handover_attachment_id") else ""
                if key == "owner_level_label" and not value:
                    value = self.tr("未确权")
                item = QTableWidgetItem("" if value is None else str(value))
                if key == "value_yuan":
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if row["status"] in PROBLEM and key == "status_label":
                    item.setForeground(Qt.red)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        total = sum(r["value_fen"] for r in self.rows)
        self.summary.setText(self.tr("共 {0} 项，形成金额合计 {1:,.2f} 元").format(len(self.rows), total / 100))

    def _selection_changed(self) -> None:
        chosen = self.selected() is not None
        self.handover_btn.setEnabled(chosen)
        self.ownership_btn.setEnabled(chosen)

    def pick_file(self, what: str) -> str:
        """Ask for the scanned document (a file picker; tests replace this)."""
        from PySide6.QtWidgets import QFileDialog

        path, _f = QFileDialog.getOpenFileName(self, self.tr("选择{0}").format(what), "",
                                               self.tr("扫描件或文档 (*.pdf *.ofd *.jpg *.jpeg *.png *.tif *.tiff "
                                                       "*.bmp *.doc *.docx *.wps);;所有文件 (*)"))
        return path

    def attach(self, kind: str) -> None:
        """Store the chosen file as the selected asset's 移交书 or 确权 document, through the asset service."""
        from desktop.assets.handover import KINDS, attach_handover
        from desktop.core.errors import UserError

        row = self.selected()
        if row is None or self.ctx.is_county:
            return
        what = KINDS[kind][1]
        path = self.pick_file(what)
        if not path:
            return
        code = row["code"]
        self.message.setText("")

        def done(r: dict) -> None:
            where = self.tr("资料项") if r["item_key"] else self.tr("项目附件")
            self.message.setText(self.tr("已把 {0} 挂接为资产 {1} 的{2}（项目 {3} 的{4}）。").format(
                r["filename"], r["asset"], r["what"], r["project"], where))
            self.refresh()

        def failed(exc) -> bool:
            if isinstance(exc, UserError):
                self.message.setText(exc.message)
                return True
            return False

        self.ctx.mutate(lambda app: attach_handover(app, code, path, kind=kind), initiator=self,
                        title=self.tr("挂接{0}").format(what), on_done=done, on_error=failed)

    def selected(self) -> dict | None:
        r = self.table.currentRow()
        return self.rows[r] if 0 <= r < len(self.rows) else None

    def add(self) -> None:
        from ui.assets.dialog import AssetDialog

        dlg = AssetDialog(self.ctx, None, project_code=self.project_code, parent=self)
        dlg.sig_saved.connect(lambda _a: self.refresh())
        dlg.open()
        return dlg

    def edit(self):
        from ui.assets.dialog import AssetDialog

        row = self.selected()
        if row is None or self.ctx.is_county:
            return None
        dlg = AssetDialog(self.ctx, row, parent=self)
        dlg.sig_saved.connect(lambda _a: self.refresh())
        dlg.open()
        return dlg
