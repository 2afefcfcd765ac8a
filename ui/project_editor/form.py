"""基本信息: the project's own fields in labelled groups, validated as the clerk types."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QGroupBox, QScrollArea, QVBoxLayout, QWidget

from desktop.core.errors import UserError
from desktop.values.money import fen_to_yuan_str, wan_to_fen
from desktop.projects.fields import (
    DISPOSITION_LABELS, PROJECT_FIELDS, RISK_LABELS, STAGE_LABELS, categories, check_consistency, field_label,
    funding_sources, levels, parse_field,
)
from ui.project_editor.editors import (
    CheckEditor, ChoiceEditor, DateEditor, LineEditor, ListEditor, TextEditor, caption,
)
from ui.widgets.display import wan_exact

MONEY_LABEL = "计划投资(万元)"
WIDE = 3  # a field spanning the rest of its row

# (group title, [(field, wide?)]) — the order a clerk fills a project file in. The agreement's benefit
# terms (分红比例或金额, 期限, 支付时间, 监督方, 签订日期) are edited in the 带贫 tab (ui/project_tabs/agreement_terms.py).
GROUPS = [
    ("项目概况", [("code", False), ("year", False), ("name", True), ("level", False), ("category", False),
              ("funding_sources", True), ("planned_investment_fen", False), ("supporting_party", False)]),
    ("地点与责任", [("township_name", False), ("village", False), ("implementing_unit", False),
               ("operating_entity", False), ("responsible_person", False), ("responsible_phone", False)]),
    ("进度", [("stage", False), ("works_progress_pct", False), ("start_date", False),
            ("planned_completion_date", False), ("actual_completion_date", False), ("acceptance_date", False)]),
    ("带贫益贫", [("beneficiary_households", False), ("beneficiary_people", False), ("poor_households", False),
              ("poor_people", False), ("benefit_mechanism", True), ("expected_benefit", True)]),
    ("风险与管理", [("risk_level", False), ("disposition", False), ("built_not_finished", False),
               ("finished_not_used", False), ("used_not_well", False), ("joint_account", False),
               ("assets_registered", False), ("checklist_standard_key", False), ("note", True)]),
]
BOOLS = ("built_not_finished", "finished_not_used", "used_not_well", "joint_account", "assets_registered")


def make_editor(name: str):
    """The editor widget for one project field (label, hint and kind from desktop.projects.fields)."""
    spec = PROJECT_FIELDS[name]
    label = MONEY_LABEL if name == "planned_investment_fen" else field_label(name)
    if name == "level":
        return ChoiceEditor(name, label, {v: v for v in levels()}, True, editable=True)
    if name == "category":
        return ChoiceEditor(name, label, {v: v for v in categories()}, False, editable=True)
    if name == "funding_sources":
        return ListEditor(name, label, funding_sources())
    if name in ("stage", "risk_level", "disposition"):
        choices = {"stage": STAGE_LABELS, "risk_level": RISK_LABELS, "disposition": DISPOSITION_LABELS}[name]
        return ChoiceEditor(name, label, choices, required=name == "stage")
    if spec.kind == "bool":
        return CheckEditor(name, label)
    if spec.kind == "date":
        return DateEditor(name, label)
    if name in ("expected_benefit", "benefit_mechanism", "note"):
        return TextEditor(name, label)
    hint = {"code": "留空则自动编号", "year": "例如 2020", "planned_investment_fen": "例如 1690",
            "works_progress_pct": "0–100", "benefit_share": "如 按投资额的 6% 或 每户每年 1000 元",
            "benefit_period": "如 2021–2025 年", "benefit_payment_time": "如 每年 12 月 31 日前",
            "agreement_supervisor": "如 联合村村民委员会（不是甲方）"}.get(name, "")
    return LineEditor(name, label, spec.required, hint)


def parse(name: str, text):
    """The stored value for a field's text, or UserError naming the field."""
    if name == "planned_investment_fen":
        return wan_to_fen(text, MONEY_LABEL) if str(text).strip() else 0
    return parse_field(name, text)


def to_service(name: str, value):
    """A parsed value in the form the project service accepts (money as 元, dates as ISO)."""
    if name == "planned_investment_fen":
        return ("planned_investment_yuan", fen_to_yuan_str(value))
    if hasattr(value, "isoformat"):
        return (name, value.isoformat())
    return (name, "" if value is None else value)


class BasicForm(QScrollArea):
    """All project fields; `collect()` gives the changes to save or the errors to show."""

    sig_dirty = Signal(bool)
    sig_field_edited = Signal(str)  # field name, after the clerk changed it (not while loading)

    def __init__(self, is_county: bool, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        self.editors: dict[str, object] = {}
        self.original: dict[str, object] = {}
        self.new = False
        self.is_county = is_county
        self._loading = False
        body = QWidget()
        col = QVBoxLayout(body)
        col.setContentsMargins(4, 4, 12, 4)
        for title, fields in GROUPS:
            box = QGroupBox(self.tr(title))
            grid = QGridLayout(box)
            grid.setHorizontalSpacing(8)
            grid.setVerticalSpacing(4)
            grid.setColumnStretch(1, 1)
            grid.setColumnStretch(3, 1)
            row, pos = 0, 0
            for name, wide in fields:
                ed = make_editor(name)
                self.editors[name] = ed
                ed.sig_edited.connect(self._on_edited)
                if wide and pos:
                    row, pos = row + 1, 0
                if isinstance(ed, CheckEditor):
                    grid.addWidget(ed, row, pos * 2 + 1)
                else:
                    grid.addWidget(caption(ed.label, ed.required, 8), row, pos * 2)
                    grid.addWidget(ed, row, pos * 2 + 1, 1, WIDE if wide else 1)
                if wide or pos == 1:
                    row, pos = row + 1, 0
                else:
                    pos = 1
            col.addWidget(box)
        col.addStretch(1)
        self.setWidget(body)
        self.editors["township_name"].set_read_only(not is_county)

    # -- loading -------------------------------------------------------------------------------
    def load(self, project: dict, new: bool = False) -> None:
        """Show a project (the dict from projects.get_project); the form becomes clean."""
        self.new = new
        self._loading = True
        for name, ed in self.editors.items():
            value = project.get("township" if name == "township_name" else name)
            if name == "planned_investment_fen":
                value = wan_exact(value) if value else ""
            ed.set_text(value)
            ed.set_error(None)
        self._loading = False
        self.original = self._parsed_or_text()
        self.sig_dirty.emit(False)

    def _parsed_or_text(self) -> dict:
        out = {}
        for name, ed in self.editors.items():
            try:
                out[name] = self.parse(name, ed.text())
            except UserError:
                out[name] = ("invalid", ed.text())
        return out

    # -- editing -------------------------------------------------------------------------------
    def _on_edited(self, name: str) -> None:
        if self._loading:
            return
        self.validate_field(name)
        self.sig_dirty.emit(self.is_dirty())
        self.sig_field_edited.emit(name)

    def validate_field(self, name: str) -> bool:
        ed = self.editors[name]
        try:
            self.parse(name, ed.text())
        except UserError as e:
            ed.set_error(e.message)
            return False
        ed.set_error(None)
        return True

    def parse(self, name: str, text):
        if self.new and name == "code" and not str(text).strip():
            return ""  # a new project without a code gets the next free one
        return parse(name, text)

    def is_dirty(self) -> bool:
        return self._parsed_or_text() != self.original

    def set_value(self, name: str, text) -> None:
        """Set a field as if typed (used for the proposed code and by tests)."""
        self.editors[name].set_text(text)
        self._on_edited(name)

    def editor_for(self, field: str | None):
        """The editor for a field name or its Chinese label (as UserError.field gives it)."""
        if not field:
            return None
        if field in self.editors:
            return self.editors[field]
        return next((ed for ed in self.editors.values() if ed.label == field
                     or PROJECT_FIELDS[ed.name].label == field), None)

    def show_error(self, field: str | None, message: str) -> bool:
        ed = self.editor_for(field)
        if ed is None:
            return False
        ed.set_error(message)
        self.ensureWidgetVisible(ed)
        ed.input.setFocus()
        return True

    def collect(self, new: bool) -> tuple[dict, list[tuple[str, str]]]:
        """(changes for the service, [(field, message)…]); all fields are checked at once."""
        errors: list[tuple[str, str]] = []
        values = {}
        for name, ed in self.editors.items():
            try:
                values[name] = self.parse(name, ed.text())
                ed.set_error(None)
            except UserError as e:
                ed.set_error(e.message)
                errors.append((name, e.message))
        if not errors:
            try:
                check_consistency(values)
            except UserError as e:
                ed = self.editor_for(e.field)
                if ed is not None:
                    ed.set_error(e.message)
                errors.append((ed.name if ed else "", e.message))
        if errors:
            return {}, errors
        changes = {}
        for name, value in values.items():
            if (name == "township_name" and not self.is_county) or (new and name == "code" and not value):
                continue
            if new or value != self.original.get(name):
                key, v = to_service(name, value)
                if new and v in ("", None, 0, False, []) and name not in ("year",):
                    continue
                changes[key] = v
        return changes, []

    def first_error_editor(self):
        return next((ed for ed in self.editors.values() if ed.has_error()), None)
