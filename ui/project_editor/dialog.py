"""The project editor window: header, tabs from the registry, Save (Ctrl+S), undo, close (Esc)."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget,
)

from desktop.core import changes
from desktop.core.errors import UserError
from desktop.projects import project_undo, projects
from ui import project_tabs
from ui.core.refresh import follow
from ui.project_editor.actions import EditorActions
from ui.project_editor.form import BasicForm
from ui.widgets.display import RISK_BACKGROUNDS, RISK_COLORS, RISK_TEXT


SHOWS = (changes.PROJECTS | changes.PROJECT_RECORDS | changes.CHECKLISTS | changes.INSPECTIONS | changes.RISK
         | changes.TEMPLATES)


class ProjectDialog(EditorActions, QDialog):
    """Edits one project (or creates one when code is None). Non-modal: several may be open."""

    sig_code_assigned = Signal(str)
    sig_saved = Signal(dict)
    sig_loaded = Signal(dict)

    def __init__(self, ctx, code: str | None, parent=None):
        super().__init__(parent)
        self.ctx, self.code = ctx, code
        self.project: dict | None = None
        self.load_error: str | None = None
        self.saving = False
        self._close_after_save = False
        self._closing_ok = False
        self.setObjectName("project_dialog")
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.setWindowFlag(Qt.WindowMaximizeButtonHint, True)
        self.resize(ctx.value("editor/width"), ctx.value("editor/height"))

        self.title = QLabel()
        self.title.setObjectName("editor_title")
        self.title.setTextFormat(Qt.RichText)
        self.title.setWordWrap(True)
        self.badge = QLabel()
        self.badge.setObjectName("editor_risk")
        self.subtitle = QLabel()
        self.subtitle.setStyleSheet("color:#555;")
        self.message = QLabel()
        self.message.setObjectName("editor_message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.form = BasicForm(ctx.is_county)
        self.form.sig_dirty.connect(self._on_dirty)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("editor_tabs")
        self.tab_widgets: dict[str, QWidget] = {"basic": self.form}
        for key, title, _module in project_tabs.TABS:
            if key == "basic":
                self.tabs.addTab(self.form, self.tr(title))
            else:
                holder = QWidget()
                holder.setObjectName(f"tab_{key}")
                QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
                self.tabs.addTab(holder, self.tr(title))
        self.tabs.currentChanged.connect(self._ensure_tab)

        self.undo_btn = QPushButton(self.tr("撤销上次修改"))
        self.undo_btn.setObjectName("editor_undo")
        self.undo_btn.clicked.connect(self.undo)
        self.save_btn = QPushButton(self.tr("保存"))
        self.save_btn.setObjectName("editor_save")
        self.save_btn.setDefault(True)
        self.save_btn.setToolTip(self.tr("保存（Ctrl+S）"))
        self.save_btn.clicked.connect(self.save)
        close_btn = QPushButton(self.tr("关闭"))
        close_btn.setToolTip(self.tr("关闭（Esc）"))
        close_btn.clicked.connect(self.close)
        QShortcut(QKeySequence.Save, self, activated=self.save)

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.badge, 0, Qt.AlignTop)
        buttons = QHBoxLayout()
        buttons.addWidget(self.undo_btn)
        buttons.addStretch(1)
        buttons.addWidget(self.save_btn)
        buttons.addWidget(close_btn)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(self.subtitle)
        lay.addWidget(self.message)
        lay.addWidget(self.tabs, 1)
        lay.addLayout(buttons)
        # Its own saves come back as an echo with initiator=self and are skipped; the tabs' changes
        # and other programs' changes to this project reload the header and the tabs.
        self.refresher = follow(self, ctx, SHOWS, self._on_project_changed, accepts=self._concerns_me)
        self._set_enabled_tabs()
        self.load()

    # -- loading -------------------------------------------------------------------------------
    def load(self) -> None:
        code = self.code
        year = date.today().year

        def op(app):
            if code is None:
                return {"new": True, "code": projects.propose_code(app, year), "year": year,
                        "township": app.node.name if app.node and app.node.role == "township" else ""}
            return {"new": False, "project": projects.get_project(app, code),
                    "last": project_undo.last_change(app, code)}
        self.ctx.query(op, title=self.tr("读取项目"), on_done=self._loaded, on_error=self._load_failed, parent=self)

    def _load_failed(self, exc) -> bool:
        if isinstance(exc, UserError):
            self.load_error = exc.message
            self.show_message(exc.message, ok=False)
            self.save_btn.setEnabled(False)
            return True
        return False

    def _loaded(self, data: dict) -> None:
        if data["new"]:
            self.project = None
            self.proposed_code = data["code"]
            self.form.load({"code": data["code"], "year": data["year"], "township": data["township"],
                            "stage": "preparation"}, new=True)
            self.last = None
            if not getattr(self, "_year_hooked", False):
                self.form.sig_field_edited.connect(self._repropose_code)
                self._year_hooked = True
        else:
            self.project = data["project"]
            self.form.load(self.project)
            self.last = data["last"]
        self._update_header()
        self.sig_loaded.emit(self.project or {})

    def _repropose_code(self, name: str) -> None:
        """A new project's proposed code follows its year, unless the clerk typed a code."""
        code_ed, year_ed = self.form.editors["code"], self.form.editors["year"]
        if name != "year" or self.project is not None or code_ed.text() != getattr(self, "proposed_code", None):
            return
        try:
            year = int(year_ed.text())
        except ValueError:
            return
        if not 2000 <= year <= 2100 or code_ed.text().startswith(f"{year}-"):
            return

        def done(code):
            if code_ed.text() == self.proposed_code:
                self.proposed_code = code
                self.form.set_value("code", code)
        self.ctx.query(lambda app: projects.propose_code(app, year), title=self.tr("生成项目编号"), on_done=done,
                     parent=self, show_progress=False)

    def _update_header(self) -> None:
        p = self.project
        if p is None:
            self.setWindowTitle(self.tr("新建项目"))
            self.title.setText(f"<b style='font-size:14pt'>{self.tr('新建项目')}</b>")
            self.subtitle.setText(self.tr("带 * 的是必填项。保存后可登记资金、工期、受益户、督查整改。"))
            self.badge.clear()
            self.badge.setStyleSheet("")
        else:
            self.setWindowTitle(self.tr("项目：{0}").format(p["name"]))
            self.title.setText(f"<b style='font-size:14pt'>{p['code']}　{p['name']}</b>")
            self.subtitle.setText(self.tr("{0}　{1}　{2}　阶段：{3}　版本 {4}").format(
                p["year"], p.get("township") or "", p.get("village") or "", p["stage_label"], p["version"]))
            risk = p.get("risk_level")
            if risk:
                self.badge.setText(" " + RISK_TEXT[risk] + self.tr("色风险") + " ")
                self.badge.setStyleSheet(f"color:{RISK_COLORS[risk].name()}; background:{RISK_BACKGROUNDS[risk].name()};"
                                         "font-weight:bold; padding:4px; border-radius:3px;")
            else:
                self.badge.clear()
                self.badge.setStyleSheet("")
        last = getattr(self, "last", None)
        self.undo_btn.setEnabled(bool(last))
        self.undo_btn.setToolTip(self.tr("撤销 {0} {1} 的修改：{2}").format(last["at"], last["user"] or "",
                                                                          "、".join(last["fields"])) if last else
                                 self.tr("没有可以撤销的修改"))
        self._set_enabled_tabs()

    def _set_enabled_tabs(self) -> None:
        for i in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(i, self.project is not None)

    # -- tabs ----------------------------------------------------------------------------------
    def _ensure_tab(self, index: int) -> None:
        key = project_tabs.TABS[index][0]
        if key in self.tab_widgets or self.project is None:
            return
        widget = project_tabs.create_tab(self.ctx, key, self.project["code"])
        self.tab_widgets[key] = widget
        if hasattr(widget, "load_project"):
            widget.load_project(self.project)
            widget.sig_dirty.connect(lambda _d: self._on_dirty(self.has_unsaved()))
        self.tabs.widget(index).layout().addWidget(widget)

    def show_tab(self, key: str) -> QWidget:
        index = next(i for i, (k, *_r) in enumerate(project_tabs.TABS) if k == key)
        self.tabs.setCurrentIndex(index)
        self._ensure_tab(index)
        return self.tab_widgets.get(key)

    def _concerns_me(self, changed) -> bool:
        if self.project is None:
            return False
        return self.project["code"] in changed.codes or not (changed.codes or changed.projects)

    def _on_project_changed(self) -> None:
        if self.project is not None:
            self.reload_header_and_tabs()

    def reload_header_and_tabs(self, force_form: bool = False) -> None:
        code = self.project["code"]

        def op(app):
            return {"project": projects.get_project(app, code), "last": project_undo.last_change(app, code)}

        def done(data):
            self.project, self.last = data["project"], data["last"]
            if force_form or not self.form.is_dirty():
                self.form.load(self.project)
            self.load_project_tabs(force=force_form)
            self._update_header()
            for key, w in self.tab_widgets.items():
                if key != "basic" and hasattr(w, "refresh"):
                    w.refresh()
        self.ctx.query(op, title=self.tr("刷新项目"), on_done=done, on_error=self._load_failed, parent=self)
