"""项目台账: every project in one table, filtered and searched as you type, totals, Excel export."""
from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog, QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton, QVBoxLayout, QWidget,
)

from desktop.core import changes
from desktop.projects import char_index
from desktop.projects import ledger as ledger_service
from ui.core.refresh import Refresher
from desktop.projects import ledger_export
from ui.ledger.columns import COLUMNS, header
from ui.ledger.filters import FilterBar
from ui.ledger.model import CODE_ROLE
from ui.ledger.proxy import TOTAL_KEYS
from ui.ledger.table import LedgerTable

SHOWS = changes.PROJECTS | changes.PROJECT_RECORDS | changes.CHECKLISTS | changes.INSPECTIONS | changes.RISK
# A change that names its projects re-reads only their rows; these tables hang off one project.
PER_PROJECT = SHOWS
LARGE = 20_000  # above this many rows, wait for a pause in typing before filtering


def create_page(ctx):
    return ProjectsPage(ctx)


class ProjectsPage(QWidget):
    """Loads all rows once on the worker; filtering and sorting then happen in memory."""

    sig_loaded = Signal(int)        # rows loaded
    sig_filtered = Signal(int)      # rows visible after a filter change

    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.setObjectName("page_projects")
        self.loaded = False
        self.last_filter_ms = 0.0
        self.filters = FilterBar(self)
        self.table = LedgerTable(self, show_township=ctx.is_county)
        self.count_label = QLabel()
        self.count_label.setObjectName("ledger_count")
        new_btn = QPushButton(self.tr("新建项目"))
        new_btn.setObjectName("ledger_new")
        new_btn.setToolTip(self.tr("新建项目（Ctrl+N）"))
        new_btn.clicked.connect(ctx.sig_new_project.emit)
        self.columns_btn = QToolButton(text=self.tr("显示列…"))
        self.columns_btn.setObjectName("ledger_columns")
        self.columns_btn.setPopupMode(QToolButton.InstantPopup)
        self.columns_btn.setMenu(self._columns_menu())
        export_btn = QPushButton(self.tr("导出 Excel"))
        export_btn.setObjectName("ledger_export")
        export_btn.setToolTip(self.tr("把当前显示的项目导出为 Excel 表格"))
        export_btn.clicked.connect(self.export_dialog)

        top = QHBoxLayout()
        top.addWidget(QLabel(f"<b style='font-size:14pt'>{self.tr('项目台账')}</b>"))
        top.addSpacing(12)
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(new_btn)
        top.addWidget(self.columns_btn)
        top.addWidget(export_btn)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 8)
        lay.addLayout(top)
        lay.addWidget(self.filters)
        lay.addWidget(self.table, 1)

        self.filters.sig_changed.connect(self.apply_filters)
        self.table.view.doubleClicked.connect(self._open_index)
        self.table.view.activated.connect(self._open_index)
        self.table.view.setContextMenuPolicy(Qt.CustomContextMenu)
        self.table.view.customContextMenuRequested.connect(self._context_menu)
        head = self.table.view.horizontalHeader()
        if ctx.restore_header("ledger", head):
            self.table.auto_fit_name = False  # the clerk's own column widths
            self.table.sync_footer()
        head.sectionResized.connect(lambda *_: None if self.table._fitting else self._save_header_later())
        head.sectionMoved.connect(lambda *_: self._save_header_later())
        head.sortIndicatorChanged.connect(lambda *_: self._save_header_later())
        self._save_timer = QTimer(self, singleShot=True, interval=500)
        self._save_timer.timeout.connect(self.save_state)
        self.refresher = Refresher(self, ctx, SHOWS, self._refresh)
        self.reload()

    # -- loading -------------------------------------------------------------------------------
    def reload(self, quiet: bool = False) -> None:
        """Read every row (first load with a progress dialog if slow; refreshes quietly)."""
        self.count_label.setText(self.tr("正在读取…") if not self.loaded else self.count_label.text())
        self.ctx.query(lambda app, progress=None: ledger_service.ledger_rows(app, progress=progress,
                                                                             index_totals=TOTAL_KEYS),
                     title=self.tr("读取项目台账"), on_done=self._loaded, parent=self,
                     show_progress=not (quiet and self.loaded))

    def _loaded(self, data: dict) -> None:
        rows = data["rows"]
        selected = self.selected_codes()
        self.table.model.set_rows(rows, data["keys"], data.get("masks"), data.get("char_index"), data.get("pairs"))
        head = self.table.view.horizontalHeader()
        if head.sortIndicatorSection() < len(COLUMNS) and self.table.model.sort_column < 0 \
                and head.isSortIndicatorShown():
            self.table.model.sort(head.sortIndicatorSection(), head.sortIndicatorOrder())
        self.filters.set_choices(data["choices"], many_townships=len(data["choices"]["townships"]) > 1
                                 or self.ctx.is_county)
        self.filters.set_debounce(150 if len(rows) > LARGE else 0)
        self.loaded = True
        self.apply_filters()
        self.select_codes(selected)
        self.sig_loaded.emit(len(rows))

    def _refresh(self, changed) -> None:
        """After a change: re-read only the projects it touched, or everything when unknown."""
        known = not changed.everything and changed.tables <= PER_PROJECT and changed.codes
        codes = set(changed.codes) if known else set()
        if not self.loaded or not codes or len(codes) > 200:
            self.reload(quiet=True)
            return

        def op(app):
            return ledger_service.ledger_rows(app, codes=codes)

        def done(data):
            selected = self.selected_codes()
            self.table.model.merge_rows(codes, data["rows"], data["keys"])
            self._rebuild_index()
            choices = ledger_service.choices_of(self.table.model.rows)
            self.filters.set_choices(choices, many_townships=len(choices["townships"]) > 1 or self.ctx.is_county)
            self.apply_filters()
            self.select_codes(selected)
            self.sig_loaded.emit(self.table.model.rowCount())
        self.ctx.query(op, title=self.tr("刷新项目台账"), on_done=done, parent=self, show_progress=False)

    def _rebuild_index(self) -> None:
        """After a merge, make the one-character index again on the worker (≈0.7 s at 50,000 rows)."""
        stamp, texts, masks, columns = self.table.model.index_inputs()
        self.ctx.query(lambda app: char_index.build(texts, masks, columns), title=self.tr("整理搜索索引"),
                       on_done=lambda index: self.table.model.install_char_index(index, stamp), parent=self,
                       show_progress=False)

    # -- filtering -----------------------------------------------------------------------------
    def apply_filters(self) -> None:
        start = time.perf_counter()
        view = self.table.view
        selected = self.selected_codes() if view.selectionModel() and view.selectionModel().hasSelection() else []
        self.table.proxy.filter(*self.filters.spec())
        self.table.update_totals()
        if selected:  # the view was reset: keep the clerk's selection where it is still shown
            self.select_codes(selected)
        self.last_filter_ms = (time.perf_counter() - start) * 1000
        shown, total = self.table.proxy.rowCount(), self.table.model.rowCount()
        text = self.tr("共 {0} 个项目").format(total) if shown == total else \
            self.tr("显示 {0} / {1} 个项目").format(shown, total)
        self.count_label.setText(text)
        self.sig_filtered.emit(shown)

    def visible_codes(self) -> list[str]:
        return [r["code"] for r in self.table.proxy.visible_rows()]

    # -- selection and opening ----------------------------------------------------------------------
    def selected_codes(self) -> list[str]:
        sel = self.table.view.selectionModel()
        return [i.data(CODE_ROLE) for i in sel.selectedRows()] if sel else []

    def select_codes(self, codes: list[str]) -> None:
        view = self.table.view
        for code in codes:
            row = self.table.model.row_of_code(code)
            if row >= 0:
                idx = self.table.proxy.mapFromSource(self.table.model.index(row, 0))
                if idx.isValid():
                    view.selectRow(idx.row())
                    view.scrollTo(idx)

    def _open_index(self, index) -> None:
        code = index.data(CODE_ROLE)
        if code:
            self.ctx.sig_open_project.emit(code)

    def _context_menu(self, pos) -> None:
        index = self.table.view.indexAt(pos)
        if not index.isValid():
            return
        code = index.data(CODE_ROLE)
        menu = QMenu(self)
        menu.addAction(self.tr("打开项目 {0}").format(code), lambda: self.ctx.sig_open_project.emit(code))
        menu.addAction(self.tr("复制项目编号"), lambda: QGuiApplication.clipboard().setText(code))
        menu.exec(self.table.view.viewport().mapToGlobal(pos))

    # -- columns ----------------------------------------------------------------------------------
    def _columns_menu(self) -> QMenu:
        menu = QMenu(self)
        head = self.table.view.horizontalHeader()
        for i, col in enumerate(COLUMNS):
            act = QAction(header(col), menu, checkable=True)
            act.setChecked(not head.isSectionHidden(i))
            act.setObjectName(f"col_{col.key}")
            act.toggled.connect(lambda on, i=i: self.set_column_visible(i, on))
            menu.addAction(act)
        menu.aboutToShow.connect(lambda: [a.setChecked(not head.isSectionHidden(i))
                                          for i, a in enumerate(menu.actions()[:len(COLUMNS)])])
        menu.addSeparator()
        menu.addAction(self.tr("恢复默认列"), self._default_columns)
        return menu

    def set_column_visible(self, logical: int, visible: bool) -> None:
        self.table.view.horizontalHeader().setSectionHidden(logical, not visible)
        self.table.fit_name_column()
        self.table.sync_footer()
        self.table.update_totals()
        self._save_header_later()

    def _default_columns(self) -> None:
        self.table.set_default_columns()
        self.table.update_totals()
        self._save_header_later()

    def _save_header_later(self) -> None:
        self._save_timer.start()

    def save_state(self) -> None:
        self.ctx.save_header("ledger", self.table.view.horizontalHeader())

    # -- export, search, print ---------------------------------------------------------------------
    def export_columns(self) -> list[tuple[str, str, str]]:
        head = self.table.view.horizontalHeader()
        order = sorted((head.visualIndex(i), i) for i in range(len(COLUMNS)) if not head.isSectionHidden(i))
        return [(COLUMNS[i].key, header(COLUMNS[i]), COLUMNS[i].kind) for _, i in order]

    def export_dialog(self) -> None:
        default = self.ctx.app.layout.exports / self.tr("项目台账.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出 Excel"), str(default), self.tr("Excel 表格 (*.xlsx)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str, on_done=None) -> None:
        rows, columns = self.table.proxy.visible_rows(), self.export_columns()
        title = self.tr("项目台账")

        def op(app, progress=None):
            return ledger_export.export_rows(rows, columns, Path(path), title, progress=progress)

        def done(result):
            self.ctx.main_window and self.ctx.main_window.statusBar().showMessage(
                self.tr("已导出 {0} 个项目到 {1}").format(result["rows"], result["path"]), 8000)
            if on_done:
                on_done(result)
        self.ctx.query(op, title=self.tr("导出 Excel"), on_done=done, parent=self)

    def focus_search(self) -> None:
        self.filters.search.setFocus(Qt.ShortcutFocusReason)
        self.filters.search.selectAll()

    def print_page(self) -> None:
        from ui.ledger.printing import print_ledger

        print_ledger(self, self.tr("项目台账"), self.export_columns(), self.table.proxy.visible_rows())

    def on_activated(self) -> None:
        if not self.loaded:
            return
        self.table.view.setFocus()
