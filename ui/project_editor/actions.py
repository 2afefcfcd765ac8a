"""What the project editor does with the clerk's edits: save (one service call), undo, close.

Kept apart from dialog.py (layout, loading, tabs) so each stays readable; ProjectDialog mixes it in.
"""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from desktop.core.errors import StaleRecord, UserError
from desktop.projects import project_undo, projects

OK_STYLE = "background:#e3f1e7; color:#1e6b3a; padding:4px 8px; border-radius:3px;"
BAD_STYLE = "background:#fbe3e2; color:#a12b26; padding:4px 8px; border-radius:3px;"


class EditorActions:
    """Save / undo / close for ProjectDialog (uses its form, tabs, ctx, project and message label)."""

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
        for key, w in self.tab_widgets.items():  # tabs holding project fields join this one service call
            if key != "basic" and hasattr(w, "project_changes"):
                more, tab_errors = w.project_changes()
                if tab_errors:
                    self.show_tab(key)
                    self.show_message(self.tr("有 {0} 处需要修改（已标红）：{1}").format(
                        len(tab_errors), tab_errors[0][1]), ok=False)
                    self._close_after_save = False
                    return
                changes.update(more)
        for key, w in self.tab_widgets.items():
            if key != "basic" and not hasattr(w, "project_changes") and getattr(w, "has_unsaved", lambda: False)():
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
            return {"project": p, "last": last}
        self.ctx.mutate(op, initiator=self, title=self.tr("保存项目"), on_done=self._saved, on_error=self._save_failed, parent=self)

    def _saved(self, data: dict) -> None:
        self.saving = False
        self.save_btn.setEnabled(True)
        created = self.project is None
        self.project, self.last = data["project"], data["last"]
        self.code = self.project["code"]
        self.form.load(self.project)
        self.load_project_tabs(force=True)
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
            tab = next((k for k, w in self.tab_widgets.items() if k != "basic" and hasattr(w, "project_changes")
                        and w.show_error(exc.field, exc.message)), None)
            if tab:
                self.show_tab(tab)
            else:
                self.tabs.setCurrentIndex(0)
                self.form.show_error(exc.field, exc.message)
            self.show_message(exc.message, ok=False)
            return True
        return False

    def load_project_tabs(self, force: bool = False) -> None:
        """Show the project in tabs that edit its fields (not while they hold the clerk's unsaved edits)."""
        for key, w in self.tab_widgets.items():
            if key != "basic" and hasattr(w, "load_project") and (force or not w.has_unsaved()):
                w.load_project(self.project)

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
            return info

        def done(info):
            if info.get("deleted_project"):
                self.form.load(self.project)
                self._finish_close()
                return
            self.code = info["code"]
            self.project["code"] = info["code"]
            self.show_message(self.tr("已撤销：{0}").format("、".join(info["fields"])), ok=True)
            self.reload_header_and_tabs(force_form=True)
        self.ctx.mutate(op, initiator=self, title=self.tr("撤销修改"), on_done=done, parent=self)

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

