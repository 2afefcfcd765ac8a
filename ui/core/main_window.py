"""The main window: a side bar of pages, a status bar, and the shortcuts a clerk uses all day."""
from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QMessageBox, QStackedWidget, QWidget,
)

from ui import pages as page_registry

log = logging.getLogger("towndesk.ui")

NAV_STYLE = ("QListWidget#nav { background: #2f3e4e; color: #e8edf2; border: none; padding-top: 8px; outline: 0; }"
             "QListWidget#nav::item { padding: 10px 14px; }"
             "QListWidget#nav::item:selected { background: #1f6fb2; color: white; }")


class MainWindow(QMainWindow):
    """Pages are built on first visit, so start-up costs only the page that opens."""

    def __init__(self, ctx, start_page: str | None = None):
        super().__init__()
        self.ctx = ctx
        ctx.main_window = self
        self._pages: dict[str, QWidget] = {}
        self._editors: dict[str, QWidget] = {}
        self.setObjectName("main_window")
        self.setWindowTitle(self._title())
        self.setMinimumSize(QSize(900, 600))

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFocusPolicy(Qt.StrongFocus)
        for key, title, _module, about in page_registry.PAGES:
            item = QListWidgetItem(self.tr(title))
            item.setData(Qt.UserRole, key)
            item.setToolTip(about)
            self.nav.addItem(item)
        self.nav.setStyleSheet(NAV_STYLE)
        self.stack = QStackedWidget()
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._fit_nav()
        ctx.sig_font_changed.connect(lambda _pt: self._fit_nav())

        self.status_user = QLabel()
        self.status_busy = QLabel()
        self.statusBar().addWidget(self.status_user, 1)
        self.statusBar().addPermanentWidget(self.status_busy)
        self._update_status()
        ctx.runner.sig_busy.connect(lambda busy: self.status_busy.setText(self.tr("正在处理…") if busy else ""))

        self._make_actions()
        self.nav.currentRowChanged.connect(self._on_nav)
        ctx.sig_navigate.connect(self.show_page)
        ctx.sig_open_project.connect(self.open_project)
        ctx.sig_new_project.connect(self.new_project)
        ctx.watch_others()  # a change made with the command line or by another clerk shows here too
        self._restore_geometry()
        self.show_page(start_page or ctx.value("ui/last_page") or "dashboard")

    # -- building ---------------------------------------------------------------------------
    def _title(self) -> str:
        role = self.tr("县级办公室") if self.ctx.is_county else self.tr("乡镇")
        name = self.ctx.node_name
        return self.tr("TownDesk 乡镇项目台账") + (f" — {name}（{role}）" if name else "")

    def _fit_nav(self) -> None:
        fm = self.nav.fontMetrics()
        widest = max(fm.horizontalAdvance(self.nav.item(i).text()) for i in range(self.nav.count()))
        self.nav.setFixedWidth(max(widest + 44, 120))

    def _make_actions(self) -> None:
        def act(text, shortcut, slot, name):
            a = QAction(text, self)
            a.setObjectName(name)
            a.setShortcut(QKeySequence(shortcut))
            a.setShortcutContext(Qt.WindowShortcut)
            a.triggered.connect(slot)
            self.addAction(a)
            return a
        self.act_new = act(self.tr("新建项目"), "Ctrl+N", self.new_project, "act_new")
        self.act_find = act(self.tr("搜索项目"), "Ctrl+F", self.focus_search, "act_find")
        self.act_print = act(self.tr("打印"), "Ctrl+P", self.print_current, "act_print")

    def _update_status(self) -> None:
        user = self.ctx.user_name or self.tr("（未登录）")
        self.status_user.setText(self.tr("操作人：{0}    数据文件夹：{1}").format(user, self.ctx.app.data_dir))

    # -- pages -------------------------------------------------------------------------------
    def page(self, key: str) -> QWidget:
        """The page widget for `key`, built on first use."""
        if key not in self._pages:
            widget = page_registry.create_page(self.ctx, key)
            self._pages[key] = widget
            self.stack.addWidget(widget)
        return self._pages[key]

    def current_key(self) -> str:
        item = self.nav.currentItem()
        return item.data(Qt.UserRole) if item else ""

    def show_page(self, key: str) -> QWidget:
        keys = [k for k, *_ in page_registry.PAGES]
        if key not in keys:
            key = "dashboard"
        row = keys.index(key)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)  # calls _on_nav
        else:
            self._on_nav(row)
        return self._pages[key]

    def _on_nav(self, row: int) -> None:
        key = page_registry.PAGES[row][0]
        widget = self.page(key)
        self.stack.setCurrentWidget(widget)
        self.ctx.set_value("ui/last_page", key)
        if hasattr(widget, "on_activated"):
            widget.on_activated()

    # -- actions -----------------------------------------------------------------------------
    def new_project(self) -> None:
        self.open_project(None)

    def open_project(self, code: str | None):
        """Open the project editor (a new project when code is None); one window per project."""
        try:
            from ui.project_editor.dialog import ProjectDialog
        except ImportError:
            QMessageBox.information(self, self.tr("项目"), self.tr("项目编辑窗口尚在制作中。"))
            return None
        if code and code in self._editors:
            dlg = self._editors[code]
            dlg.show()
            dlg.raise_()
            dlg.activateWindow()
            return dlg
        dlg = ProjectDialog(self.ctx, code, self)
        if code:
            self._editors[code] = dlg
            dlg.finished.connect(lambda _r, c=code: self._editors.pop(c, None))
        dlg.sig_code_assigned.connect(lambda c, d=dlg: self._editors.__setitem__(c, d))
        dlg.show()
        return dlg

    def focus_search(self) -> None:
        page = self.show_page("projects")
        if hasattr(page, "focus_search"):
            page.focus_search()

    def print_current(self) -> None:
        page = self._pages.get(self.current_key())
        if page is not None and hasattr(page, "print_page"):
            page.print_page()
        else:
            self.statusBar().showMessage(self.tr("此页面没有可打印的内容。"), 4000)

    # -- remembering size and place ----------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geo = self.ctx.value("ui/geometry")
        if isinstance(geo, QByteArray) and not geo.isEmpty():
            self.restoreGeometry(geo)
        else:
            self.resize(1280, 800)
        state = self.ctx.value("ui/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        for dlg in list(self._editors.values()):
            if not dlg.close():
                event.ignore()
                return
        if self.ctx.runner.busy():
            answer = QMessageBox.question(self, self.tr("正在处理"),
                                          self.tr("还有操作正在进行。等它完成后再退出吗？\n"
                                                  "（选“否”继续工作）"))
            if answer != QMessageBox.Yes:
                event.ignore()
                return
            self.ctx.runner.wait_idle(60)
        for widget in self._pages.values():
            if hasattr(widget, "save_state"):
                widget.save_state()
        self.ctx.set_value("ui/geometry", self.saveGeometry())
        self.ctx.set_value("ui/state", self.saveState())
        self.ctx.save_prefs()
        super().closeEvent(event)

    def refresh_when_idle(self) -> None:
        QTimer.singleShot(0, self._update_status)
