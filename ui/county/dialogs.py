"""Dialogs of the 风险督办 page. Each runs one service call; a refusal is shown inside the dialog."""
from __future__ import annotations

import re
from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)

from desktop.core.errors import UserError
from desktop.notices import service as notices
from desktop.risk import service as risk
from desktop.risk.signoff import signoff

LEVELS = [("red", "红"), ("yellow", "黄"), ("green", "绿")]
DISPOSITIONS = [("", "（不变）"), ("consolidate", "巩固"), ("upgrade", "提升"), ("revitalize", "盘活"), ("restart", "另起炉灶")]


class OpDialog(QDialog):
    """A form whose OK runs `operation()` on the worker; UserError text stays in the dialog."""

    def __init__(self, ctx, title: str, parent=None):
        super().__init__(parent)
        self.ctx, self.result_value = ctx, None
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setObjectName("dialog_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#c0392b;")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(self.form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.resize(560, 0)

    def operation(self):  # -> op(app): one service call, run with ctx.mutate
        raise NotImplementedError

    def submit(self) -> None:
        self.error.clear()
        self.ctx.mutate(self.operation(), initiator=self, title=self.windowTitle(), on_done=self._done, on_error=self._failed, parent=self)

    def _done(self, value) -> None:
        self.result_value = value
        self.accept()

    def _failed(self, exc) -> bool:
        if isinstance(exc, UserError):
            self.error.setText(exc.message)
            return True
        return False


def _text(widget) -> str:
    return widget.toPlainText().strip() if isinstance(widget, QPlainTextEdit) else widget.text().strip()


class FilesField(QWidget):
    """A '选择文件…' button and the chosen file names (tests set `files` directly)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.files: list[str] = []
        self.label = QLabel(self.tr("（未选择）"))
        button = QPushButton(self.tr("选择文件…"))
        button.clicked.connect(self._choose)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(button)
        lay.addWidget(self.label, 1)

    def _choose(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("选择佐证文件"))
        if files:
            self.set_files(files)

    def set_files(self, files) -> None:
        self.files = [str(f) for f in files]
        self.label.setText("、".join(f.replace("\\", "/").rsplit("/", 1)[-1] for f in self.files))


class ConfirmDialog(OpDialog):
    def __init__(self, ctx, proposal: dict, parent=None):
        super().__init__(ctx, f"确定风险等级：{proposal['code']}", parent)
        self.code = proposal["code"]
        self.level = QComboBox()
        for key, label in LEVELS:
            self.level.addItem(label, key)
        self.level.setCurrentIndex([k for k, _ in LEVELS].index(proposal["proposed_level"]))
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("与系统建议不同时必须填写理由"))
        self.disposition = QComboBox()
        for key, label in DISPOSITIONS:
            self.disposition.addItem(label, key)
        self.tasks = QPlainTextEdit()
        self.tasks.setPlaceholderText(self.tr("每行一项：任务内容|完成时限|责任单位"))
        reasons = "\n".join("· " + r["text"] for r in proposal["reasons"])
        self.form.addRow(self.tr("系统建议"), QLabel(f"{proposal['proposed_label']}色\n{reasons}"))
        self.form.addRow(self.tr("确定为"), self.level)
        self.form.addRow(self.tr("理由"), self.reason)
        self.form.addRow(self.tr("四个一批"), self.disposition)
        self.form.addRow(self.tr("一项目一方案"), self.tasks)

    def operation(self):
        code, level, reason = self.code, self.level.currentData(), _text(self.reason)
        disposition = self.disposition.currentData() or None
        tasks = [line for line in _text(self.tasks).splitlines() if line.strip()] or None

        def work(app):
            a = risk.confirm(app, code, level, reason=reason, disposition=disposition, tasks=tasks)
            return a
        return work


class SignoffDialog(OpDialog):
    def __init__(self, ctx, code: str, parent=None):
        super().__init__(ctx, f"降级销号：{code}", parent)
        self.code = code
        self.evidence = QPlainTextEdit()
        self.evidence.setPlaceholderText(self.tr("整改结果及佐证，例如：已复工投产，见验收报告"))
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("系统仍发现问题时，说明为何不影响销号（可不填）"))
        self.files = FilesField()
        self.form.addRow(self.tr("佐证说明"), self.evidence)
        self.form.addRow(self.tr("佐证文件"), self.files)
        self.form.addRow(self.tr("理由"), self.reason)

    def operation(self):
        code, evidence, reason, files = self.code, _text(self.evidence), _text(self.reason), list(self.files.files)

        def work(app):
            a = signoff(app, code, evidence, attach=files, reason=reason or None)
            return a
        return work


class IssueDialog(OpDialog):
    def __init__(self, ctx, townships: list[tuple[str, str]], parent=None):
        super().__init__(ctx, "下发督办单", parent)
        self.township = QComboBox()
        for code, name in townships:
            self.township.addItem(name, code)
        self.deadline = QDateEdit(QDate(*(date.today() + timedelta(days=7)).timetuple()[:3]))
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.title_edit = QLineEdit()
        self.content = QPlainTextEdit()
        self.projects = QLineEdit()
        self.projects.setPlaceholderText(self.tr("项目编号，多个用空格或顿号分开（可不填）"))
        for label, w in (("乡镇", self.township), ("办理时限", self.deadline), ("标题", self.title_edit),
                         ("督办事项", self.content), ("涉及项目", self.projects)):
            self.form.addRow(self.tr(label), w)

    def operation(self):
        township, title, content = self.township.currentData() or "", _text(self.title_edit), _text(self.content)
        deadline = self.deadline.date().toString("yyyy-MM-dd")
        codes = [c for c in re.split(r"[\s,，、;；]+", _text(self.projects)) if c]

        def work(app):
            n = notices.issue(app, township=township, deadline=deadline, title=title, content=content,
                              project_codes=codes)
            return n
        return work


class ReplyDialog(OpDialog):
    def __init__(self, ctx, notice: dict, parent=None):
        super().__init__(ctx, f"答复督办单 {notice['label']}", parent)
        self.number, self.year = str(notice["number"]), notice["year"]
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("整改情况报告"))
        self.files = FilesField()
        self.form.addRow(self.tr("督办事项"), QLabel(f"{notice['title']}\n{notice.get('content') or ''}"))
        self.form.addRow(self.tr("整改情况"), self.text)
        self.form.addRow(self.tr("佐证文件"), self.files)

    def operation(self):
        number, year, text, files = self.number, self.year, _text(self.text), list(self.files.files)

        def work(app):
            return notices.reply(app, number, text, attach=files, year=year)
        return work
