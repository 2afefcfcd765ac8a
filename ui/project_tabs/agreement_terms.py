"""The agreement's benefit terms in the 带贫 tab: 分红比例或金额, 收益期限, 收益支付时间, 监督方, 签订日期.

They belong with the households they pay, not with the project's basic facts. The widget only
shows and checks; the project editor saves them together with its own fields in one service call
(`project_changes()`), so a project is never half-saved across two tabs.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel

from desktop.core.errors import UserError
from ui.project_editor.editors import caption
from ui.project_editor.form import make_editor, parse, to_service

TERM_FIELDS = ("benefit_share", "benefit_period", "benefit_payment_time", "agreement_supervisor", "agreement_date")


class AgreementTerms(QGroupBox):
    """Editors for the terms the 利益联结机制协议 prints; clean after `load`, dirty after an edit."""

    sig_dirty = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(self.tr("协议收益条款（打印协议时使用）"), parent)
        self.setObjectName("agreement_terms")
        self.editors = {name: make_editor(name) for name in TERM_FIELDS}
        self.original: dict = {}
        self._loading = False
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(8)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        for i, (name, ed) in enumerate(self.editors.items()):
            row, col = divmod(i, 2)
            grid.addWidget(caption(ed.label, ed.required, 8), row, col * 2)
            grid.addWidget(ed, row, col * 2 + 1)
            ed.sig_edited.connect(self._edited)
        hint = QLabel(self.tr("监督方一般是村民委员会或乡镇人民政府，不能与甲方相同。改动后点“保存”。"))
        hint.setWordWrap(True)
        grid.addWidget(hint, 3, 0, 1, 4)

    def load(self, project: dict) -> None:
        self._loading = True
        for name, ed in self.editors.items():
            ed.set_text(project.get(name))
            ed.set_error(None)
        self._loading = False
        self.original = self._values()
        self.sig_dirty.emit(False)

    def _values(self) -> dict:
        out = {}
        for name, ed in self.editors.items():
            try:
                out[name] = parse(name, ed.text())
            except UserError:
                out[name] = ("invalid", ed.text())
        return out

    def _edited(self, name: str) -> None:
        if self._loading:
            return
        ed = self.editors[name]
        try:
            parse(name, ed.text())
            ed.set_error(None)
        except UserError as e:
            ed.set_error(e.message)
        self.sig_dirty.emit(self.is_dirty())

    def is_dirty(self) -> bool:
        return self._values() != self.original

    def collect(self) -> tuple[dict, list[tuple[str, str]]]:
        """(changed fields for the project service, [(field, message)…]); every field checked."""
        changes, errors = {}, []
        for name, ed in self.editors.items():
            try:
                value = parse(name, ed.text())
            except UserError as e:
                ed.set_error(e.message)
                errors.append((name, e.message))
                continue
            ed.set_error(None)
            if value != self.original.get(name):
                key, v = to_service(name, value)
                changes[key] = v
        return ({}, errors) if errors else (changes, [])

    def show_error(self, field: str | None, message: str) -> bool:
        ed = self.editors.get(field or "") or next((e for e in self.editors.values() if e.label == field), None)
        if ed is None:
            return False
        ed.set_error(message)
        ed.input.setFocus()
        return True
