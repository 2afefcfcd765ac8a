"""One editor per field kind, each able to say in Chinese what is wrong with its value.

Why plain line edits for numbers and dates: spin boxes and date edits silently clamp or
refuse keystrokes, so a clerk never learns why; here the text stays as typed and the message
under the field names the field and the fix (the same message the service would give).
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCalendarWidget, QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QMenu, QPlainTextEdit, QToolButton,
    QVBoxLayout, QWidget, QWidgetAction,
)

ERROR_STYLE = "color: #c0392b;"
BAD_BORDER = "border: 1px solid #c0392b;"


class FieldEditor(QWidget):
    """A labelled input with an error line beneath. text() is what the user typed."""

    sig_edited = Signal(str)  # field name

    def __init__(self, name: str, label: str, required: bool = False, parent=None):
        super().__init__(parent)
        self.name, self.label = name, label
        self.required = required
        self.error = QLabel()
        self.error.setObjectName(f"error_{name}")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self._lay = QVBoxLayout(self)
        self._lay.setContentsMargins(0, 0, 0, 0)
        self._lay.setSpacing(1)

    def _finish(self, input_widget: QWidget) -> None:
        self.input = input_widget
        input_widget.setObjectName(f"field_{self.name}")
        input_widget.setAccessibleName(self.label)
        self._lay.addWidget(input_widget)
        self._lay.addWidget(self.error)

    def set_error(self, message: str | None) -> None:
        if message:
            self.error.setText(message)
            self.error.show()
            self.input.setStyleSheet(BAD_BORDER)
        else:
            self.error.clear()
            self.error.hide()
            self.input.setStyleSheet("")

    def has_error(self) -> bool:
        return not self.error.isHidden()

    def text(self) -> str:  # overridden
        raise NotImplementedError

    def set_text(self, text: str) -> None:  # overridden
        raise NotImplementedError

    def set_read_only(self, on: bool) -> None:
        self.input.setEnabled(not on)


class LineEditor(FieldEditor):
    def __init__(self, name, label, required=False, placeholder: str = "", parent=None):
        super().__init__(name, label, required, parent)
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.editingFinished.connect(lambda: self.sig_edited.emit(self.name))
        self._finish(edit)

    def text(self) -> str:
        return self.input.text()

    def set_text(self, text) -> None:
        self.input.setText("" if text is None else str(text))

    def set_read_only(self, on: bool) -> None:
        self.input.setReadOnly(on)


class TextEditor(FieldEditor):
    """Several lines (预期效益, 备注…)."""

    def __init__(self, name, label, required=False, parent=None):
        super().__init__(name, label, required, parent)
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().height() * 2 + 14)
        edit.textChanged.connect(lambda: self.sig_edited.emit(self.name))
        self._finish(edit)

    def text(self) -> str:
        return self.input.toPlainText()

    def set_text(self, text) -> None:
        self.input.setPlainText("" if text is None else str(text))


class DateEditor(LineEditor):
    """A date typed as 2020-04-30 / 2020年4月30日, or picked from a calendar."""

    def __init__(self, name, label, required=False, parent=None):
        super().__init__(name, label, required, "如 2020-04-30", parent)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self._lay.removeWidget(self.input)
        self._lay.removeWidget(self.error)
        row.addWidget(self.input, 1)
        pick = QToolButton(text=self.tr("日历"))
        pick.setToolTip(self.tr("从日历选择"))
        pick.setPopupMode(QToolButton.InstantPopup)
        menu = QMenu(pick)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        wa = QWidgetAction(menu)
        wa.setDefaultWidget(self.calendar)
        menu.addAction(wa)
        menu.aboutToShow.connect(self._sync_calendar)
        self.calendar.clicked.connect(lambda d: (self._pick(d), menu.close()))
        pick.setMenu(menu)
        row.addWidget(pick)
        self._lay.addLayout(row)
        self._lay.addWidget(self.error)

    def _sync_calendar(self) -> None:
        try:
            d = date.fromisoformat(self.text().strip())
            self.calendar.setSelectedDate(QDate(d.year, d.month, d.day))
        except ValueError:
            self.calendar.setSelectedDate(QDate.currentDate())

    def _pick(self, d: QDate) -> None:
        self.input.setText(d.toString("yyyy-MM-dd"))
        self.sig_edited.emit(self.name)


class ChoiceEditor(FieldEditor):
    """A fixed list (code → label); with editable=True the clerk may also type a new value."""

    def __init__(self, name, label, choices: dict, required=False, editable=False, parent=None):
        super().__init__(name, label, required, parent)
        box = QComboBox()
        box.setEditable(editable)
        if not required or editable:
            box.addItem("", "")
        for code, text in choices.items():
            box.addItem(text, code)
        box.currentIndexChanged.connect(lambda _i: self.sig_edited.emit(self.name))
        if editable:
            box.lineEdit().editingFinished.connect(lambda: self.sig_edited.emit(self.name))
        self.editable = editable
        self._finish(box)

    def text(self) -> str:
        box = self.input
        if self.editable:
            i = box.findText(box.currentText())
            return str(box.itemData(i)) if i >= 0 and box.itemData(i) is not None else box.currentText()
        return str(box.currentData() or "")

    def set_text(self, text) -> None:
        box = self.input
        i = box.findData(text or "")
        if i < 0 and text and self.editable:
            box.setEditText(str(text))
            return
        box.setCurrentIndex(max(i, 0))


class CheckEditor(FieldEditor):
    def __init__(self, name, label, parent=None):
        super().__init__(name, label, False, parent)
        box = QCheckBox(label)
        box.toggled.connect(lambda _on: self.sig_edited.emit(self.name))
        self._finish(box)

    def text(self) -> str:
        return "是" if self.input.isChecked() else "否"

    def set_text(self, text) -> None:
        self.input.setChecked(text in (True, "是", "true", "1"))


class ListEditor(LineEditor):
    """Several values separated by 、 (资金来源), with a menu of the usual ones."""

    def __init__(self, name, label, options: list[str] | tuple[str, ...], required=False, parent=None):
        super().__init__(name, label, required, "、".join(options[:2]), parent)
        self.options = list(options)  # the terms' funding sources, offered in the menu
        self._lay.removeWidget(self.input)
        self._lay.removeWidget(self.error)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.input, 1)
        pick = QToolButton(text=self.tr("选择…"))
        pick.setPopupMode(QToolButton.InstantPopup)
        menu = QMenu(pick)
        for opt in options:
            act = QAction(opt, menu, checkable=True)
            act.toggled.connect(lambda on, o=opt: self._toggle(o, on))
            menu.addAction(act)
        menu.aboutToShow.connect(lambda: [a.setChecked(a.text() in self.values()) for a in menu.actions()])
        pick.setMenu(menu)
        row.addWidget(pick)
        self._lay.addLayout(row)
        self._lay.addWidget(self.error)

    def values(self) -> list[str]:
        import re
        return [v.strip() for v in re.split(r"[、,，;；/]", self.text()) if v.strip()]

    def _toggle(self, option: str, on: bool) -> None:
        vals = self.values()
        if on and option not in vals:
            vals.append(option)
        elif not on and option in vals:
            vals.remove(option)
        else:
            return
        self.input.setText("、".join(vals))
        self.sig_edited.emit(self.name)

    def set_text(self, text) -> None:
        if isinstance(text, (list, tuple)):
            text = "、".join(text)
        super().set_text(text)


def caption(label: str, required: bool, min_chars: int = 0) -> QLabel:
    """The label in front of a field; required fields carry a red asterisk.

    min_chars gives all captions of a form one width, so fields line up across groups.
    """
    w = QLabel(f"{label}<span style='color:#c0392b'> *</span>" if required else label)
    w.setTextFormat(Qt.RichText)
    w.setAlignment(Qt.AlignRight | Qt.AlignTop)
    w.setContentsMargins(0, 4, 0, 0)
    if min_chars:
        w.setMinimumWidth(w.fontMetrics().horizontalAdvance("中" * min_chars) + 12)
    return w
