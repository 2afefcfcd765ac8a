"""Add or edit one record under a project (a disbursement, a milestone, a household …).

The form is built from the service's field specs, checked field by field as the clerk types,
and saved with one service call; a refusal is shown next to the field it names.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QVBoxLayout

from desktop.core.errors import UserError
from desktop.privacy.masking import is_masked
from desktop.projects import project_records
from desktop.projects.record_specs import kind_of, parse_value
from ui.project_editor.editors import ChoiceEditor, DateEditor, LineEditor, TextEditor, caption


def make_editor(spec):
    if spec.kind == "longtext":
        return TextEditor(spec.name, spec.label, spec.required)
    if spec.kind == "date":
        return DateEditor(spec.name, spec.label, spec.required)
    if spec.kind == "choice":
        return ChoiceEditor(spec.name, spec.label, spec.choices, spec.required)
    if spec.kind == "combo":
        return ChoiceEditor(spec.name, spec.label, spec.choices, spec.required, editable=True)
    hint = {"money": "例如 50000.00", "pct": "0–100", "date": "2020-04-30"}.get(spec.kind, "")
    if spec.name == "id_number":
        hint = "18 位，只保存不显示全号"
    return LineEditor(spec.name, spec.label, spec.required, hint)


class RecordDialog(QDialog):
    """One record's form. `record` is the dict from list_records (None for a new record)."""

    sig_saved = Signal(dict)

    def __init__(self, ctx, code: str, kind_key: str, record: dict | None = None, parent=None):
        super().__init__(parent)
        self.ctx, self.code, self.kind = ctx, code, kind_of(kind_key)
        self.record = record
        self.setObjectName(f"record_dialog_{kind_key}")
        self.setWindowTitle((self.tr("修改") if record else self.tr("新增")) + self.kind.label)
        self.editors = {}
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        for row, spec in enumerate(self.kind.fields):
            ed = make_editor(spec)
            ed.sig_edited.connect(self._check)
            self.editors[spec.name] = ed
            grid.addWidget(caption(spec.label, spec.required), row, 0)
            grid.addWidget(ed, row, 1)
            if record is not None:
                value = record.get(spec.name)
                if spec.kind == "choice":
                    value = next((k for k, v in spec.choices.items() if v == value), value)
                ed.set_text(value)
        self.message = QLabel()
        self.message.setStyleSheet("color:#a12b26;")
        self.message.setWordWrap(True)
        self.message.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        lay = QVBoxLayout(self)
        if self.kind.key == "benefit":
            note = QLabel(self.tr("身份证号、电话只显示部分号码；不修改时保持原样即可。"))
            note.setStyleSheet("color:#555;")
            lay.addWidget(note)
        lay.addLayout(grid)
        lay.addWidget(self.message)
        lay.addWidget(buttons)
        self.setMinimumWidth(460)

    def _spec(self, name):
        return next(f for f in self.kind.fields if f.name == name)

    def _check(self, name: str) -> bool:
        ed = self.editors[name]
        text = ed.text()
        if name == "id_number" and is_masked(text):
            ed.set_error(None)
            return True
        try:
            parse_value(self._spec(name), text)
        except UserError as e:
            ed.set_error(e.message)
            return False
        ed.set_error(None)
        return True

    def values(self) -> dict:
        out = {}
        for name, ed in self.editors.items():
            text = ed.text()
            if self.record is not None and str(self.record.get(name) or "") == text and \
                    self._spec(name).kind != "choice":
                continue  # unchanged: send only what the clerk changed
            out[name] = text
        return out

    def save(self) -> None:
        bad = [name for name in self.editors if not self._check(name)]
        if bad:
            self.message.setText(self.tr("请先修改标红的项目。"))
            self.message.show()
            self.editors[bad[0]].input.setFocus()
            self.adjustSize()
            return
        data, code, kind = self.values(), self.code, self.kind.key
        record = self.record

        def op(app):
            if record is None:
                rec = project_records.add_record(app, code, kind, data)
            else:
                rec = project_records.update_record(app, code, kind, record["id"], data,
                                                    expected_version=record["version"])
            return rec
        self.save_button.setEnabled(False)
        self.ctx.mutate(op, initiator=self, title=self.tr("保存{0}").format(self.kind.label), on_done=self._saved,
                     on_error=self._failed, parent=self)

    def _saved(self, rec: dict) -> None:
        self.save_button.setEnabled(True)
        self.sig_saved.emit(rec)
        self.accept()

    def _failed(self, exc) -> bool:
        self.save_button.setEnabled(True)
        if not isinstance(exc, UserError):
            return False
        ed = next((e for e in self.editors.values() if e.label == exc.field or e.name == exc.field), None)
        if ed is not None:
            ed.set_error(exc.message)
            ed.input.setFocus()
            self.message.setText(self.tr("未保存：请按红字提示修改。"))
        else:
            self.message.setText(exc.message)
        self.message.show()
        self.adjustSize()  # room for the wrapped message under the field
        return True
