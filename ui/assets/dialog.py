"""Register or edit one asset. Choices (class, 确权 level, status) are the terms' words; the service
checks everything and a refusal is shown next to the field it names."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QVBoxLayout

from desktop.assets import add_assets, edit_asset
from desktop.assets.fields import ASSET_FIELDS
from desktop.core.errors import UserError
from desktop.terms import terms_for_app
from ui.project_editor.editors import ChoiceEditor, DateEditor, LineEditor, TextEditor, caption

FORM = ["name", "asset_class", "subtype", "village", "scale", "unit", "value_fen", "built_on", "accepted_on",
        "owner_level", "owner", "operator", "manager", "manager_person", "handover_on", "status",
        "disposal_reason", "disposal_doc_no", "disposal_proceeds", "note"]
SHOWN = {"value_fen": "value_yuan", "asset_class": "class"}  # the asset_dict key each form field reads
REQUIRED = ("name", "asset_class")


class AssetDialog(QDialog):
    sig_saved = Signal(dict)

    def __init__(self, ctx, asset: dict | None, project_code: str | None = None, parent=None):
        super().__init__(parent)
        self.ctx, self.asset, self.project_code = ctx, asset, project_code
        self.setObjectName("asset_dialog")
        self.setWindowTitle(self.tr("修改资产") if asset else self.tr("登记资产"))
        terms = terms_for_app(ctx.app)  # a small read; the words must be there before the form is built
        self.editors = {}
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        rows = [("project", self.tr("形成项目（项目编号）"))] if asset is None else []
        for name, label in rows:
            self.editors[name] = LineEditor(name, label, True, self.tr("例如 2021-102-001"))
        for name in FORM:
            spec = ASSET_FIELDS[name]
            label = spec.label + ("（元）" if spec.kind == "money" else "")
            if spec.kind == "choice":
                ed = ChoiceEditor(name, label, terms.choices(spec.choices), name in REQUIRED or name == "status")
            elif spec.kind == "date":
                ed = DateEditor(name, label)
            elif name in ("note", "disposal_reason", "disposal_proceeds"):
                ed = TextEditor(name, label)
            else:
                ed = LineEditor(name, label, name in REQUIRED)
            self.editors[name] = ed
        for r, (name, ed) in enumerate(self.editors.items()):
            grid.addWidget(caption(ed.label, ed.required), r // 2, (r % 2) * 2)
            grid.addWidget(ed, r // 2, (r % 2) * 2 + 1)
            value = (asset or {}).get(SHOWN.get(name, name))
            if name == "project" and project_code:
                value = project_code
            if value is not None:
                ed.set_text(str(value))
        self.message = QLabel()
        self.message.setObjectName("asset_message")
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
        lay.addLayout(grid)
        lay.addWidget(self.message)
        lay.addWidget(buttons)
        self.setMinimumWidth(720)

    def values(self) -> dict:
        out = {}
        for name, ed in self.editors.items():
            text = ed.text()
            if self.asset is not None and str(self.asset.get(SHOWN.get(name, name)) or "") == text:
                continue  # unchanged
            out[name] = text
        return out

    def save(self) -> None:
        data, asset = self.values(), self.asset
        if asset is None:
            data = {("value_yuan" if k == "value_fen" else k): v for k, v in data.items() if v != ""}

        def op(app):
            if asset is None:
                [a] = add_assets(app, data, source="登记资产")
            else:
                a = edit_asset(app, asset["code"], data, expected_version=asset["version"])
            return a
        self.save_button.setEnabled(False)
        self.ctx.mutate(op, initiator=self, title=self.tr("保存资产"), on_done=self._saved, on_error=self._failed, parent=self)

    def _saved(self, a: dict) -> None:
        self.save_button.setEnabled(True)
        self.sig_saved.emit(a)
        self.accept()

    def _failed(self, exc) -> bool:
        self.save_button.setEnabled(True)
        if not isinstance(exc, UserError):
            return False
        ed = next((e for e in self.editors.values() if e.label.startswith(exc.field or "\0")), None)
        if ed is None and exc.field == "项目编号":
            ed = self.editors.get("project")
        if ed is not None:
            ed.set_error(exc.message)
        self.message.setText(exc.message.split("：", 1)[-1] if ed is None else self.tr("未保存：请按红字提示修改。"))
        self.message.show()
        return True
