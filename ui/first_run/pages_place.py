"""Steps 1–2: township or county office, and which place (searchable shipped region codes; any
code can be typed, and inferred codes are marked as needing a check)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QFormLayout, QHeaderView, QLabel, QLineEdit, QRadioButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWizardPage,
)

from desktop.setup import first_run
from desktop.core.errors import UserError


class Page(QWizardPage):
    """A wizard page with a red message line for the one problem that stops 下一步."""

    def __init__(self, wizard, title: str, subtitle: str):
        super().__init__(wizard)
        self.w = wizard
        self.setTitle(self.tr(title))
        self.setSubTitle(self.tr(subtitle))
        self.layout_ = QVBoxLayout(self)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b22222; font-weight: bold;")
        self.error.setWordWrap(True)

    def finish_layout(self) -> None:
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.error)

    def show_error(self, message: str) -> None:
        self.error.setText(message)

    def validatePage(self) -> bool:
        self.error.clear()
        try:
            self.commit_answers()
        except UserError as e:
            self.show_error(e.message)
            return False
        return True

    def commit_answers(self) -> None:
        """Check this page and store its answers in the wizard's plan; raise UserError if wrong."""


class RolePage(Page):
    def __init__(self, wizard):
        super().__init__(wizard, "欢迎使用 TownDesk 乡镇项目台账",
                         "先回答几个问题，几分钟即可开始工作。点击「完成」之前不会写入任何内容。")
        self.group = QButtonGroup(self)
        self.township = QRadioButton(self.tr("乡镇（镇、乡人民政府）：建立项目台账，定期向县里报送同步包"))
        self.county = QRadioButton(self.tr("县级办公室（沪滇办、乡村振兴局、工作专班）：汇总各乡镇，督办、排查风险"))
        for i, b in enumerate((self.township, self.county)):
            b.setMinimumHeight(36)
            self.group.addButton(b, i)
            self.layout_.addWidget(b)
        self.township.setChecked(True)
        note = QLabel(self.tr("同一个程序用于乡镇和县级办公室。本机的角色设定后不能更改；"
                              "如选错，可换一个数据文件夹重新设置。"))
        note.setWordWrap(True)
        self.layout_.addWidget(note)
        where = QLabel(self.tr("数据文件夹：") + str(wizard.data_dir))
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setWordWrap(True)
        self.layout_.addWidget(where)
        self.finish_layout()

    def commit_answers(self) -> None:
        role = "township" if self.township.isChecked() else "county"
        if role != self.w.plan.role:  # another role needs another place
            self.w.plan.region_code, self.w.plan.name = "", ""
        self.w.plan.role = role


class PlacePage(Page):
    def __init__(self, wizard):
        super().__init__(wizard, "选择本单位", "输入名称、拼音首字母或区划代码查找；列表中没有的，可直接在下方填写。")
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("查找：如 小中甸、xzd、533401"))
        self.search.textChanged.connect(self._filter)
        self.layout_.addWidget(self.search)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("区划代码"), self.tr("名称"), self.tr("代码来源")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._picked)
        self.layout_.addWidget(self.table, 1)
        form = QFormLayout()
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("12 位数字，如 533401102000"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("如 小中甸镇"))
        form.addRow(self.tr("区划代码："), self.code)
        form.addRow(self.tr("名称："), self.name)
        self.layout_.addLayout(form)
        self.caution = QLabel()
        self.caution.setWordWrap(True)
        self.caution.setStyleSheet("color: #9a5b00;")
        self.layout_.addWidget(self.caution)
        self.rows: list[dict] = []
        self._role: str | None = None
        self.finish_layout()

    def initializePage(self) -> None:
        role = self.w.plan.role
        self.setTitle(self.tr("选择本乡镇") if role == "township" else self.tr("选择本县（市、区）"))
        if role != self._role:  # first visit, or the role changed: a fresh list and empty fields
            self._role = role
            self.rows = first_run.region_choices(role)
            self.code.setText(self.w.plan.region_code)
            self.name.setText(self.w.plan.name)
            self.caution.clear()
            self.search.clear()
        self._filter(self.search.text())

    def cleanupPage(self) -> None:
        """Going back keeps what was typed here (QWizard would otherwise reset the fields)."""

    def _filter(self, text: str) -> None:
        shown = first_run.search_regions(self.rows, text)
        self.table.setRowCount(len(shown))
        for i, r in enumerate(shown):
            source = self.tr("推断，请核对") if r["inferred"] else self.tr("公开资料")
            items = [QTableWidgetItem(r["code"]), QTableWidgetItem(r["name"]), QTableWidgetItem(source)]
            items[0].setData(Qt.ItemDataRole.UserRole, r)
            items[0].setFont(QFont("monospace"))
            if r["inferred"]:
                items[2].setForeground(QColor("#9a5b00"))
            for col, item in enumerate(items):
                self.table.setItem(i, col, item)
        self.table.resizeColumnsToContents()
        if len(shown) == 1:
            self.table.selectRow(0)

    def _picked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        r = self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        self.code.setText(r["code"])
        self.name.setText(r["name"])
        self.caution.setText(self.tr("注意：这个代码是按官方乡镇顺序推断的，不是权威数据。请与最新的统计用区划代码核对，"
                                     "不一致时直接改上面的代码。") if r["inferred"] else "")

    def commit_answers(self) -> None:
        code, name = first_run.check_place(self.w.plan.role, self.code.text(), self.name.text())
        self.w.plan.region_code, self.w.plan.name = code, name
