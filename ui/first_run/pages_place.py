"""Steps 1–2: township or county office, and which place (searchable national region list; a code
not in the list can be typed once the clerk confirms it is a new unit)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QCheckBox, QFormLayout, QHeaderView, QLabel, QLineEdit, QRadioButton, QTableWidget,
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
        super().__init__(wizard, "选择本单位", "输入名称、简称、拼音首字母或区划代码查找（全国乡镇）；列表中没有的，可直接在下方填写。")
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("查找：如 小中甸、三坝乡、xzd、533401"))
        self.search.textChanged.connect(self._filter)
        self.layout_.addWidget(self.search)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("place_table")
        self.table.setHorizontalHeaderLabels([self.tr("区划代码"), self.tr("名称"), self.tr("所属"),
                                              self.tr("民政部代码"), self.tr("说明")])
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
        self.new_unit = QCheckBox(self.tr("这是新设的单位，代码不在随附的区划表中（已核对无误）"))
        self.new_unit.setVisible(False)
        self.layout_.addWidget(self.new_unit)
        self.caution = QLabel()
        self.caution.setWordWrap(True)
        self.caution.setStyleSheet("color: #555555;")
        self.layout_.addWidget(self.caution)
        self._role: str | None = None
        self.finish_layout()

    def initializePage(self) -> None:
        role = self.w.plan.role
        self.setTitle(self.tr("选择本乡镇") if role == "township" else self.tr("选择本县（市、区）"))
        if role != self._role:  # first visit, or the role changed: empty fields
            self._role = role
            self.code.setText(self.w.plan.region_code)
            self.name.setText(self.w.plan.name)
            self.caution.clear()
            self.search.clear()
        self._filter(self.search.text())

    def cleanupPage(self) -> None:
        """Going back keeps what was typed here (QWizard would otherwise reset the fields)."""

    def _filter(self, text: str) -> None:
        shown = first_run.search_regions(self._role or self.w.plan.role, text) if text.strip() else []
        self.table.setRowCount(len(shown))
        for i, r in enumerate(shown):
            where = (r["province"] or "") + (r["county"] or "") if r["level"] == "township" else r["full_name"]
            items = [QTableWidgetItem(r["code"]), QTableWidgetItem(r["name"]), QTableWidgetItem(where),
                     QTableWidgetItem(r["mca_code"] or self.tr("（已撤并或仅统计用）")),
                     QTableWidgetItem(r.get("note") or "")]
            items[0].setData(Qt.ItemDataRole.UserRole, r)
            items[0].setFont(QFont("monospace"))
            if not r["current"]:
                items[3].setForeground(QColor("#9a5b00"))
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
        codes = []
        if r["nbs_code"]:
            codes.append(self.tr("统计用区划代码（%1 版）%2").replace("%1", r["nbs_edition"]).replace("%2", r["nbs_code"]))
        if r["mca_code"]:
            codes.append(self.tr("民政部代码（%1 版）%2").replace("%1", r["mca_edition"]).replace("%2", r["mca_code"]))
        note = self.tr("。{0}，已填入现名").format(r["note"]) if r.get("note") else ""
        self.caution.setText(r["full_name"] + "：" + "；".join(codes) + note)

    def commit_answers(self) -> None:
        from desktop.regions.service import UnknownRegionCode

        try:
            code, name = first_run.check_place(self.w.plan.role, self.code.text(), self.name.text(),
                                               self.new_unit.isChecked())
        except UnknownRegionCode:
            self.new_unit.setVisible(True)
            raise
        self.w.plan.region_code, self.w.plan.name = code, name
        self.w.plan.new_unit = self.new_unit.isChecked()
