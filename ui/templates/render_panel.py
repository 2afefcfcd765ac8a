"""Fill the chosen template for a chosen project: preview first (missing data shown), then render.

Why a preview: a contract printed with a blank where the cooperative's name should be is found
out only at the signing table. The preview lists every field the template uses with the value
the project will give it, and says plainly what is missing (e.g. 受益户名单为空).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QCompleter, QFileDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop.accounts.roles import can
from desktop.checklists.service import project_checklist
from desktop.projects.projects import list_projects
from desktop.templates.generated import preview, render_document
from desktop.templates.render import find_soffice
from ui.core.open_file import open_with_system
from ui.templates.generated_list import GeneratedList

MISSING = QColor("#c0392b")


class RenderPanel(QWidget):
    sig_previewed = Signal(dict)
    sig_rendered = Signal(dict)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.template: dict | None = None
        self.last_preview: dict | None = None
        self.last_result: dict | None = None
        self.project_box = QComboBox()
        self.project_box.setObjectName("render_project")
        self.project_box.setEditable(True)
        self.project_box.setInsertPolicy(QComboBox.NoInsert)
        self.project_box.completer().setFilterMode(Qt.MatchContains)
        self.project_box.completer().setCompletionMode(QCompleter.PopupCompletion)
        self.project_box.currentIndexChanged.connect(self._project_changed)
        self.template_label = QLabel()
        self.template_label.setObjectName("render_template")
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("render_preview")
        self.table.setHorizontalHeaderLabels([self.tr("字段"), self.tr("将填入")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.problems = QLabel()
        self.problems.setObjectName("render_problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(f"color:{MISSING.name()};")
        self.item_box = QComboBox()
        self.item_box.setObjectName("render_item")
        self.pdf_check = QCheckBox(self.tr("同时生成 PDF"))
        self.pdf_check.setObjectName("render_pdf")
        if find_soffice() is None:
            self.pdf_check.setEnabled(False)
            self.pdf_check.setToolTip(self.tr("本机没有安装 LibreOffice，不能生成 PDF；可在 Word/WPS 中“另存为 PDF”。"))
        self.ids_check = QCheckBox(self.tr("填入完整身份证号（签字用）"))
        self.ids_check.setObjectName("render_full_ids")
        account = getattr(ctx, "account", None)
        self.ids_check.setEnabled(bool(account and can(account.get("role"), "reveal_personal")))
        self.ids_check.setToolTip(self.tr("默认隐去身份证号中间位；经办人、管理员登录后可填入完整号码，并记入安全日志。"))
        self.render_btn = QPushButton(self.tr("生成 Word 文书…"))
        self.render_btn.setObjectName("render_button")
        self.render_btn.clicked.connect(self.render_dialog)
        self.result_label = QLabel()
        self.result_label.setObjectName("render_result")
        self.result_label.setWordWrap(True)
        self.open_btn = QPushButton(self.tr("打开文书"))
        self.open_btn.setObjectName("render_open")
        self.open_btn.clicked.connect(lambda: self._open(self.last_result and self.last_result["path"]))
        self.folder_btn = QPushButton(self.tr("打开所在文件夹"))
        self.folder_btn.clicked.connect(lambda: self._open(self.last_result and str(Path(self.last_result["path"]).parent)))
        for b in (self.open_btn, self.folder_btn):
            b.setVisible(False)
        self.generated = GeneratedList(ctx, self.chosen_item, self)
        self.item_box.currentIndexChanged.connect(lambda _: self.generated.update_buttons())
        self._layout()

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("项目："), self.project_box)
        form.addRow(self.tr("模板："), self.template_label)
        options = QHBoxLayout()
        options.addWidget(QLabel(self.tr("生成后关联到资料项：")))
        options.addWidget(self.item_box, 1)
        options.addWidget(self.pdf_check)
        options.addWidget(self.ids_check)
        actions = QHBoxLayout()
        actions.addWidget(self.render_btn)
        actions.addWidget(self.result_label, 1)
        actions.addWidget(self.open_btn)
        actions.addWidget(self.folder_btn)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addLayout(form)
        tl.addWidget(QLabel(f"<b>{self.tr('将填入的内容')}</b>"))
        tl.addWidget(self.table, 1)
        tl.addWidget(self.problems)
        tl.addLayout(options)
        tl.addLayout(actions)
        split = QSplitter(Qt.Vertical)
        split.addWidget(top)
        split.addWidget(self.generated)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)

    # -- projects, template, checklist items ------------------------------------------------------
    def load_projects(self) -> None:
        self.ctx.query(lambda app: list_projects(app), title=self.tr("读取项目"), on_done=self._projects_loaded,
                     parent=self, show_progress=False)

    def _projects_loaded(self, rows: list[dict]) -> None:
        code = self.current_code() or self.ctx.value("templates/project")
        self.project_box.blockSignals(True)
        self.project_box.clear()
        for p in rows:
            self.project_box.addItem(f"{p['code']}  {p['name']}", p["code"])
        i = self.project_box.findData(code) if code else -1
        self.project_box.setCurrentIndex(max(i, 0) if rows else -1)
        self.project_box.blockSignals(False)
        self._project_changed()

    def current_code(self) -> str | None:
        return self.project_box.currentData()

    def select_project(self, code: str) -> None:
        i = self.project_box.findData(code)
        if i >= 0:
            self.project_box.setCurrentIndex(i)

    def set_template(self, t: dict | None) -> None:
        self.template = t
        self.template_label.setText(self.tr("{0}（第 {1} 版，{2}）").format(t["name"], t["version"],
                                                                       t["source_label"]) if t else "")
        self._select_item(t and t.get("item_key"))
        self.refresh_preview()

    def _project_changed(self, *_):
        code = self.current_code()
        if code:
            self.ctx.set_value("templates/project", code)
        self.generated.load(code)
        if code:
            self.ctx.query(lambda app: project_checklist(app, code)["items"], title=self.tr("读取资料清单"),
                         on_done=self._items_loaded, on_error=lambda e: self._items_loaded([]) or True,
                         parent=self, show_progress=False)
        self.refresh_preview()

    def _items_loaded(self, items: list[dict]) -> None:
        self.item_box.blockSignals(True)
        self.item_box.clear()
        self.item_box.addItem(self.tr("（不关联）"), None)
        for it in items:
            self.item_box.addItem(it["name"], it["key"])
        self.item_box.blockSignals(False)
        self._select_item(self.template and self.template.get("item_key"))

    def _select_item(self, key: str | None) -> None:
        i = self.item_box.findData(key) if key else 0
        self.item_box.setCurrentIndex(max(i, 0))
        self.generated.update_buttons()

    def chosen_item(self) -> tuple[str | None, str | None]:
        key = self.item_box.currentData()
        return (key, self.item_box.currentText()) if key else (None, None)

    # -- preview -------------------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        t, code = self.template, self.current_code()
        if not (t and code):
            return
        self.ctx.query(lambda app: preview(app, t["name"], code, t["version"]), title=self.tr("预览"),
                     on_done=self._previewed, parent=self, show_progress=False)

    def _previewed(self, res: dict) -> None:
        self.last_preview = res
        self.table.setRowCount(len(res["fields"]))
        for r, f in enumerate(res["fields"]):
            name = QTableWidgetItem(f["name"])
            name.setToolTip(f["label"])
            value = QTableWidgetItem(self.tr("（缺）") if f["missing"] else f["value"])
            if f["missing"]:
                for item in (name, value):
                    item.setForeground(QBrush(MISSING))
            self.table.setItem(r, 0, name)
            self.table.setItem(r, 1, value)
        self.problems.setText(self.tr("生成前请注意：") + "；".join(res["problems"]) if res["problems"] else "")
        self.sig_previewed.emit(res)

    # -- rendering -----------------------------------------------------------------------------------
    def render_dialog(self) -> None:
        t, code = self.template, self.current_code()
        if not (t and code):
            return
        default = self.ctx.app.layout.exports / f"{t['name']}-{code}.docx"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存文书"), str(default), self.tr("Word 文档 (*.docx)"))
        if path:
            self.render_to(Path(path if path.lower().endswith(".docx") else path + ".docx"))

    def render_to(self, out: Path) -> None:
        t, code, (item, _) = self.template, self.current_code(), self.chosen_item()
        pdf, ids, actor = self.pdf_check.isChecked(), self.ids_check.isChecked(), getattr(self.ctx, "account", None)

        def op(app):
            res = render_document(app, t["name"], code, out, version=t["version"], show_ids=ids, actor=actor,
                                  pdf=pdf, item_key=item)
            return res
        self.ctx.mutate(op, initiator=self, title=self.tr("生成文书"), on_done=self._rendered, parent=self)

    def _rendered(self, res: dict) -> None:
        self.last_result = res
        text = self.tr("已生成：{0}").format(res["path"])
        if res["pdf"]:
            text += self.tr("；PDF：{0}").format(Path(res["pdf"]).name)
        if res["item_key"]:
            text += self.tr("；已关联资料项")
        self.result_label.setText(text)
        for b in (self.open_btn, self.folder_btn):
            b.setVisible(True)
        self.generated.load(self.current_code())
        self.sig_rendered.emit(res)

    def _open(self, path: str | None) -> None:
        if path:
            open_with_system(path, self)
