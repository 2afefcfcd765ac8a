"""The project editor window: header, tabs from the registry, Save (Ctrl+S), undo, close (Esc)."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QTabWidget, QVBoxLayout, QWidget,
)

from desktop.errors import StaleRecord, UserError
from desktop.services import project_undo, projects
from ui import project_tabs
from ui.project_editor.form import BasicForm
from ui.tasks import Changes, OpResult
from ui.widgets.display import RISK_BACKGROUNDS, RISK_COLORS, RISK_TEXT

OK_STYLE = "background:#e3f1e7; color:#1e6b3a; padding:4px 8px; border-radius:3px;"
BAD_STYLE = "background:#fbe3e2; color:#a12b26; padding:4px 8px; border-radius:3px;"


class ProjectDialog(QDialog):
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
        self.resize(int(ctx.value("editor/width", 1100, int)), int(ctx.value("editor/height", 720, int)))

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
        ctx.sig_projects_changed.connect(self._on_projects_changed)
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
        self.ctx.run(op, title=self.tr("读取项目"), on_done=self._loaded, on_error=self._load_failed, parent=self)

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
        self.ctx.run(lambda app: projects.propose_code(app, year), title=self.tr("生成项目编号"), on_done=done,
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
        self.tabs.widget(index).layout().addWidget(widget)

    def show_tab(self, key: str) -> QWidget:
        index = next(i for i, (k, *_r) in enumerate(project_tabs.TABS) if k == key)
        self.tabs.setCurrentIndex(index)
        self._ensure_tab(index)
        return self.tab_widgets.get(key)

    def _on_projects_changed(self, codes: set) -> None:
        if self.project is None or (codes and self.project["code"] not in codes) or self.saving:
            return
        self.reload_header_and_tabs()

    def reload_header_and_tabs(self, force_form: bool = False) -> None:
        code = self.project["code"]

        def op(app):
            return {"project": projects.get_project(app, code), "last": project_undo.last_change(app, code)}

        def done(data):
            self.project, self.last = data["project"], data["last"]
            if force_form or not self.form.is_dirty():
                self.form.load(self.project)
            self._update_header()
            for key, w in self.tab_widgets.items():
                if key != "basic" and hasattr(w, "refresh"):
                    w.refresh()
        self.ctx.run(op, title=self.tr("刷新项目"), on_done=done, on_error=self._load_failed, parent=self)

    # -- saving --------------------------------------------------------------------------------
    def _on_dirty(self, dirty: bool) -> None:
        if dirty:
            self.message.hide()
        star = " *" if dirty else ""
        title = self.windowTitle().rstrip(" *")
        self.setWindowTitle(title + star)

    def show_message(self, text: str, ok: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(OK_STYLE if ok else BAD_STYLE)
        self.message.show()

    def has_unsaved(self) -> bool:
        if self.form.is_dirty():
            return True
        return any(getattr(w, "has_unsaved", lambda: False)() for k, w in self.tab_widgets.items() if k != "basic")

    def save(self) -> None:
        """Check every field; if all are valid, save the changes in one service call."""
        if self.saving:
            return
        changes, errors = self.form.collect(new=self.project is None)
        if errors:
            self.tabs.setCurrentIndex(0)
            self.show_message(self.tr("有 {0} 处需要修改（已标红）：{1}").format(len(errors), errors[0][1]), ok=False)
            ed = self.form.first_error_editor()
            if ed is not None:
                self.form.ensureWidgetVisible(ed)
                ed.input.setFocus()
            self._close_after_save = False
            return
        for key, w in self.tab_widgets.items():
            if key != "basic" and getattr(w, "has_unsaved", lambda: False)():
                w.save()
        if not changes and self.project is not None:
            self.show_message(self.tr("没有需要保存的修改。"), ok=True)
            if self._close_after_save:
                self._finish_close()
            return
        self.saving = True
        self.save_btn.setEnabled(False)
        old_code = self.project["code"] if self.project else None
        version = self.project["version"] if self.project else None

        def op(app):
            if old_code is None:
                p = projects.create_project(app, changes)
            else:
                p = projects.update_project(app, old_code, changes, expected_version=version)
            last = project_undo.last_change(app, p["code"])
            return OpResult({"project": p, "last": last}, Changes.of("projects", codes=[old_code, p["code"]]))
        self.ctx.run(op, title=self.tr("保存项目"), on_done=self._saved, on_error=self._save_failed, parent=self)

    def _saved(self, data: dict) -> None:
        self.saving = False
        self.save_btn.setEnabled(True)
        created = self.project is None
        self.project, self.last = data["project"], data["last"]
        self.code = self.project["code"]
        self.form.load(self.project)
        self._update_header()
        self.show_message(self.tr("已保存（{0}）。").format(self.project["code"]) if not created else
                          self.tr("已新建项目 {0}。现在可以在其他选项卡登记资金、工期和受益户。").format(self.code), ok=True)
        self.sig_code_assigned.emit(self.code)
        self.sig_saved.emit(self.project)
        if self._close_after_save:
            self._finish_close()

    def _save_failed(self, exc) -> bool:
        self.saving = False
        self.save_btn.setEnabled(True)
        self._close_after_save = False
        if isinstance(exc, StaleRecord):
            self.show_message(exc.message, ok=False)
            if QMessageBox.question(self, self.tr("项目已被修改"), exc.message + "\n\n" +
                                    self.tr("要重新读取最新内容吗？（您的修改将丢失）")) == QMessageBox.Yes:
                self.load()
            return True
        if isinstance(exc, UserError):
            self.tabs.setCurrentIndex(0)
            self.form.show_error(exc.field, exc.message)
            self.show_message(exc.message, ok=False)
            return True
        return False

    # -- undo ----------------------------------------------------------------------------------
    def undo(self) -> None:
        last = getattr(self, "last", None)
        if not last or self.project is None:
            return
        what = "、".join(last["fields"])
        deleting = any("项目（新增）" in f for f in last["fields"])
        text = self.tr("撤销 {0} 由 {1} 做的修改：{2}？").format(last["at"], last["user"] or self.tr("（未知）"), what)
        if deleting:
            text += "\n\n" + self.tr("这是新建此项目的操作，撤销后项目将被删除（变更记录保留）。")
        if self.form.is_dirty():
            text += "\n\n" + self.tr("表单中尚未保存的修改将被丢弃。")
        if QMessageBox.question(self, self.tr("撤销"), text) != QMessageBox.Yes:
            return
        self.undo_now()

    def undo_now(self) -> None:
        code = self.project["code"]

        def op(app):
            info = project_undo.undo_last_change(app, code)
            return OpResult(info, Changes.of("projects", "project_records", codes=[code, info.get("code")]))

        def done(info):
            if info.get("deleted_project"):
                self.form.load(self.project)
                self.ctx.notify_changed("projects")
                self._finish_close()
                return
            self.code = info["code"]
            self.project["code"] = info["code"]
            self.show_message(self.tr("已撤销：{0}").format("、".join(info["fields"])), ok=True)
            self.reload_header_and_tabs(force_form=True)
        self.ctx.run(op, title=self.tr("撤销修改"), on_done=done, parent=self)

    # -- closing -------------------------------------------------------------------------------
    def _can_close(self) -> bool:
        """Ask about unsaved changes: Save (closes after saving), Discard, or Cancel (stay)."""
        if self.saving:
            return False
        if not self.has_unsaved():
            return True
        answer = QMessageBox.question(
            self, self.tr("尚未保存"), self.tr("这个项目有尚未保存的修改。要保存吗？"),
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Discard:
            return True
        if answer == QMessageBox.Save:
            self._close_after_save = True
            self.save()
        return False

    def reject(self) -> None:  # Esc, and QDialog's own close path
        if self._closing_ok or self._can_close():
            self._closing_ok = True
            self._remember_size()
            super().reject()

    def closeEvent(self, event) -> None:
        if not self._closing_ok and not self._can_close():
            event.ignore()
            return
        self._closing_ok = True
        self._remember_size()
        super().closeEvent(event)

    def _finish_close(self) -> None:
        self._close_after_save = False
        self.form.original = self.form._parsed_or_text()
        self.close()

    def _remember_size(self) -> None:
        self.ctx.set_value("editor/width", self.width())
        self.ctx.set_value("editor/height", self.height())
