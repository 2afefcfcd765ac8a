"""The import wizard for existing Excel ledgers: choose file → confirm columns and section levels →
dry run with a reason for every row → import.

Every step's work (reading the sheet, the dry run, the import) runs on the worker through
desktop.ledger_import; the dialog only shows results. Nothing is written before “导入”.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout

from desktop.ledger_import import ImportOptions, run_import, sheet_names
from ui.reports.import_pages import FilePage, MappingPage, PreviewPage


class LedgerImportWizard(QDialog):
    def __init__(self, ctx, parent=None, path: str | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("导入 Excel 项目台账"))
        self.resize(980, 640)
        self.file_page, self.mapping_page, self.preview_page = FilePage(self), MappingPage(self), PreviewPage(self)
        self.stack = QStackedWidget()
        for page in (self.file_page, self.mapping_page, self.preview_page):
            self.stack.addWidget(page)
        self.message = QLabel()
        self.message.setObjectName("import_message")
        self.message.setWordWrap(True)
        self.back_btn = QPushButton(self.tr("上一步"))
        self.next_btn = QPushButton(self.tr("下一步：预览"))
        self.import_btn = QPushButton(self.tr("导入"))
        self.close_btn = QPushButton(self.tr("关闭"))
        for b, name in ((self.back_btn, "btn_back"), (self.next_btn, "btn_next"), (self.import_btn, "btn_import"),
                        (self.close_btn, "btn_close")):
            b.setObjectName(name)
        self.back_btn.clicked.connect(self.back)
        self.next_btn.clicked.connect(self.next)
        self.import_btn.clicked.connect(self.do_import)
        self.close_btn.clicked.connect(self.close)
        self.file_page.browse.clicked.connect(self.browse)
        self.file_page.path.editingFinished.connect(self.load_sheets)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for b in (self.back_btn, self.next_btn, self.import_btn, self.close_btn):
            buttons.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addWidget(self.stack, 1)
        lay.addLayout(buttons)
        self.summary: dict | None = None
        self.done_import = False
        if path:
            self.file_page.path.setText(str(path))
            self.load_sheets()
        self._update()

    # -- steps ------------------------------------------------------------------------------
    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择台账文件"), "", "Excel (*.xlsx)")
        if path:
            self.file_page.path.setText(path)
            self.load_sheets()

    def load_sheets(self) -> None:
        path = self.file_page.path.text().strip()
        if not path:
            return
        self.ctx.query(lambda app: sheet_names(path), title=self.tr("读取工作表"), on_done=self._sheets,
                     on_error=self._failed, parent=self)

    def _sheets(self, names: list[str]) -> None:
        combo = self.file_page.sheet
        combo.clear()
        combo.addItem(self.tr("自动（第一个含表头的工作表）"), None)
        for n in names:
            combo.addItem(n, n)
        self.message.setText("")

    def options(self, with_mapping: bool = True) -> ImportOptions:
        f = self.file_page
        maps, level_for = self.mapping_page.options() if with_mapping and self.summary else ([], [])
        return ImportOptions(sheet=f.sheet.currentData(), year=f.year.value() or None, unit=f.unit.currentData(),
                             level=f.level.currentData(), township=f.township.text().strip() or None, maps=maps, level_for=level_for,
                             link_similar=f.link_similar.isChecked())

    def next(self) -> None:
        """From the file step: read and preview; from the mapping step: preview again with the changes."""
        on_mapping = self.stack.currentWidget() is self.mapping_page
        self.preview(with_mapping=on_mapping, show=self.preview_page if on_mapping else self.mapping_page)

    def preview(self, with_mapping: bool, show) -> None:
        path = self.file_page.path.text().strip()
        if not path:
            self.message.setText(self.tr("请先选择台账文件。"))
            return
        opts = self.options(with_mapping)
        self.ctx.query(lambda app: run_import(app, path, opts, dry_run=True), title=self.tr("预览导入结果"),
                     on_done=lambda s: self._previewed(s, show), on_error=self._failed, parent=self)

    def _previewed(self, summary: dict, show) -> None:
        self.summary = summary
        if show is self.mapping_page:
            self.mapping_page.show_summary(summary)
        self.preview_page.show_summary(summary)
        self.message.setText(self.tr("预览：将新增 {0} 个项目，拒绝 {1} 行。未写入任何数据。").format(
            summary["imported"], summary["refused"]))
        self.stack.setCurrentWidget(show)
        self._update()

    def do_import(self) -> None:
        path, opts = self.file_page.path.text().strip(), self.options()

        def work(app, progress=None):
            s = run_import(app, path, opts, progress=progress)
            codes = [r["code"] for r in s["rows"] if r["status"] in ("imported", "updated")]
            return s

        self.ctx.mutate(work, initiator=self, title=self.tr("导入台账"), on_done=self._imported, on_error=self._failed, parent=self)

    def _imported(self, summary: dict) -> None:
        self.summary, self.done_import = summary, True
        self.preview_page.show_summary(summary, done=True)
        self.stack.setCurrentWidget(self.preview_page)
        backup = self.tr("导入前已备份数据库：{0}").format(Path(summary["backup"]).name) if summary["backup"] else ""
        self.message.setText(self.tr("导入完成：新增 {0} 个项目，拒绝 {1} 行。{2}").format(
            summary["imported"], summary["refused"], backup))
        self._update()

    def _failed(self, exc) -> bool:
        from desktop.core.errors import UserError

        self.message.setText(getattr(exc, "message", str(exc)))
        return isinstance(exc, UserError)

    def back(self) -> None:
        self.stack.setCurrentIndex(max(0, self.stack.currentIndex() - 1))
        self._update()

    def _update(self) -> None:
        page = self.stack.currentWidget()
        self.back_btn.setEnabled(page is not self.file_page and not self.done_import)
        self.next_btn.setVisible(page is not self.preview_page)
        self.next_btn.setText(self.tr("下一步：预览") if page is self.file_page else self.tr("重新预览"))
        ready = page is self.preview_page and self.summary and not self.done_import
        self.import_btn.setEnabled(bool(ready and (self.summary["imported"] or self.summary["updated"])))
        if ready:
            self.import_btn.setText(self.tr("导入 {0} 个项目").format(self.summary["imported"] + self.summary["updated"]))
