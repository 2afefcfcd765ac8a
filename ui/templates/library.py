"""The template library list (name, kind, version, source, fields) and adding a clerk's own template.

Why the check before the import: a template with an unknown or broken placeholder would fail
later, on signing day. The clerk sees every problem at once, in Chinese, and nothing is stored
until the file passes; then the fields it uses are shown before it joins the library.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QMessageBox, QPushButton,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop.templates import library as svc

COLUMNS = ("模板名称", "类别", "版本", "来源", "字段")


class TemplateLibrary(QWidget):
    """The newest version of each template; selecting one tells the render panel."""

    sig_selected = Signal(object)   # template dict or None
    sig_loaded = Signal(int)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[dict] = []
        self.last_check: dict | None = None  # the most recent check result shown to the clerk
        self._want: str | None = None         # select this name after the next load
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("template_table")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.Stretch)
        for i in range(1, len(COLUMNS)):
            head.setSectionResizeMode(i, QHeaderView.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.fields_label = QLabel()
        self.fields_label.setObjectName("template_fields")
        self.fields_label.setWordWrap(True)
        self.fields_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        add = QPushButton(self.tr("导入自己的模板…"))
        add.setObjectName("template_add")
        add.setToolTip(self.tr("选择一个 Word 文件（.docx），检查其中的占位符后加入模板库；同名模板成为新版本"))
        add.clicked.connect(self.add_dialog)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(f"<b>{self.tr('模板库')}</b>"))
        buttons.addStretch(1)
        buttons.addWidget(add)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(buttons)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.fields_label)

    # -- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        self.ctx.query(svc.list_templates, title=self.tr("读取模板库"), on_done=self._loaded, parent=self,
                     show_progress=False)

    def _loaded(self, rows: list[dict]) -> None:
        chosen = self.current()
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, t in enumerate(rows):
            cells = (t["name"], t["kind_label"], self.tr("第 {0} 版").format(t["version"]), t["source_label"],
                     self.tr("{0} 个").format(len(t["fields"])))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip("、".join(t["fields"]))
                self.table.setItem(r, c, item)
        names = [t["name"] for t in rows]
        want = self._want or (chosen["name"] if chosen else None)
        self._want = None
        self.select_name(want if want in names else (names[0] if names else None))
        self.sig_loaded.emit(len(rows))

    def current(self) -> dict | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def select_name(self, name: str | None) -> None:
        for r, t in enumerate(self.rows):
            if t["name"] == name:
                self.table.selectRow(r)
                return
        self._selection_changed()

    def _selection_changed(self) -> None:
        t = self.current()
        self.fields_label.setText(self.tr("使用的字段：") + "、".join(t["fields"]) if t else "")
        self.sig_selected.emit(t)

    # -- adding a template ----------------------------------------------------------------------
    def add_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择 Word 模板"), str(Path.home()),
                                              self.tr("Word 文档 (*.docx)"))
        if not path:
            return
        name, ok = QInputDialog.getText(self, self.tr("模板名称"),
                                        self.tr("模板名称（与已有模板同名时成为新版本）："), text=Path(path).stem)
        if ok and name.strip():
            self.add_template_file(Path(path), name.strip())

    def add_template_file(self, path: Path, name: str) -> None:
        """Check first; show every problem, or the fields it uses, then add it on the clerk's word."""
        self.ctx.query(lambda app: svc.check_file(path).as_dict(), title=self.tr("检查模板"),
                     on_done=lambda res: self._checked(path, name, res), parent=self)

    def _checked(self, path: Path, name: str, res: dict) -> None:
        self.last_check = res
        if not res["ok"]:
            text = self.tr("模板 {0} 未通过检查，没有加入模板库：").format(path.name) + "\n\n" + \
                "\n".join(f"• {e}" for e in res["errors"])
            self.ctx.runner.show_user_error(text, self)
            return
        text = self.tr("模板 {0} 检查通过，使用 {1} 个字段：\n{2}").format(
            path.name, len(res["fields"]), "、".join(res["fields"]) or self.tr("（无）"))
        if res["warnings"]:
            text += "\n\n" + self.tr("提醒：") + "\n" + "\n".join(f"• {w}" for w in res["warnings"])
        text += "\n\n" + self.tr("加入模板库，名称为“{0}”？").format(name)
        if QMessageBox.question(self, self.tr("导入模板"), text) != QMessageBox.Yes:
            return

        def add(app):
            return svc.add_template(app, path, name)
        self.ctx.mutate(add, initiator=self, title=self.tr("导入模板"), on_done=self._added, parent=self)

    def _added(self, t: dict) -> None:
        self._want = t["name"]
        self.reload()
