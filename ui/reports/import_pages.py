"""The three steps of the ledger import wizard as widgets: choose the file, confirm columns and
section levels, read the dry run row by row.

They only show and collect; the wizard (ui/ledger_import/wizard.py) runs the work.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget,
    QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop.ledger_import import target_choices
from desktop.projects.fields import levels

STATUS = {"imported": "新增", "updated": "更新", "existing": "已存在", "skipped": "跳过", "refused": "拒绝"}
STATUS_COLOURS = {"imported": "#DFF3E6", "refused": "#FBE3E2", "existing": "#EEF2F7", "updated": "#FDF1CF"}
NOT_SET = "（未识别）"
SKIP = "跳过"


class FilePage(QWidget):
    """Which file and sheet, and the defaults for what the sheet does not say."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.path = QLineEdit()
        self.path.setObjectName("import_path")
        self.path.setPlaceholderText(self.tr("选择 .xlsx 台账文件"))
        self.browse = QPushButton(self.tr("浏览…"))
        self.browse.setObjectName("btn_browse")
        self.sheet = QComboBox()
        self.sheet.setObjectName("import_sheet")
        self.year = QSpinBox()
        self.year.setObjectName("import_year")
        self.year.setRange(0, 2100)
        self.year.setSpecialValueText(self.tr("按表格"))
        self.unit = QComboBox()
        self.unit.setObjectName("import_unit")
        for label, value in ((self.tr("按表格识别"), None), (self.tr("万元"), "万元"), (self.tr("元"), "元")):
            self.unit.addItem(label, value)
        self.level = QComboBox()
        self.level.setObjectName("import_level")
        self.level.addItem(self.tr("按表格（未写明的行按“县级”并逐行提示）"), None)
        for level in levels():
            self.level.addItem(level, level)
        self.township = QLineEdit()
        self.township.setObjectName("import_township")
        self.township.setPlaceholderText(self.tr("表中没有乡镇列时填写（县级办公室用）"))
        self.link_similar = QCheckBox(self.tr("表中与乡镇已同步项目相同的行（年度、乡镇、计划投资相同，名称去掉地名后相同）"
                                              "关联到已有项目并更新，不新建"))
        self.link_similar.setObjectName("import_link_similar")
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("第 1 步：选择台账文件。程序会先预览每一行的结果，确认后才导入，已有的项目不会重复。")))
        form.addRow(self.tr("文件"), row)
        form.addRow(self.tr("工作表"), self.sheet)
        form.addRow(self.tr("年度（表中没有时）"), self.year)
        form.addRow(self.tr("金额单位"), self.unit)
        form.addRow(self.tr("项目层级（表中没有时）"), self.level)
        form.addRow(self.tr("实施乡镇（表中没有时）"), self.township)
        form.addRow(self.tr("关联已有项目"), self.link_similar)


class MappingPage(QWidget):
    """Each column's meaning and each section's level, as read; the clerk may change both."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.targets = target_choices()
        self.columns = QTableWidget(0, 3)
        self.columns.setObjectName("import_columns")
        self.columns.setHorizontalHeaderLabels([self.tr("列"), self.tr("表头"), self.tr("导入为")])
        self.sections = QTableWidget(0, 3)
        self.sections.setObjectName("import_sections")
        self.sections.setHorizontalHeaderLabels([self.tr("行"), self.tr("分组标题"), self.tr("项目层级")])
        for t in (self.columns, self.sections):
            t.verticalHeader().setVisible(False)
            t.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("第 2 步：核对每一列导入为什么，以及每个分组行（如“一、市级项目”）的层级。改动后点“重新预览”。")))
        lay.addWidget(self.columns, 3)
        lay.addWidget(self.sections, 1)
        lay.addWidget(self.notes)
        self.detected: dict = {}

    def show_summary(self, s: dict) -> None:
        self.detected = {"columns": {c["letter"]: c["target"] or "ignore" for c in s["columns"]},
                         "sections": {sec["text"]: _level_text(sec) for sec in s["sections"]}}
        self.columns.setRowCount(len(s["columns"]))
        for i, c in enumerate(s["columns"]):
            self.columns.setItem(i, 0, _item(c["letter"]))
            self.columns.setItem(i, 1, _item(c["title"] + (self.tr("（隐藏列）") if c["hidden"] else "")))
            combo = QComboBox()
            for key, label in self.targets:
                combo.addItem(label, key)
            if c["target"] == "alloc":
                combo.insertItem(1, self.tr("资金构成：{0}").format(c["source"]), "alloc")
            combo.setCurrentIndex(max(combo.findData(c["target"] or "ignore"), 0))
            self.columns.setCellWidget(i, 2, combo)
        self.sections.setRowCount(len(s["sections"]))
        for i, sec in enumerate(s["sections"]):
            self.sections.setItem(i, 0, _item(str(sec["row"])))
            self.sections.setItem(i, 1, _item(sec["text"]))
            combo = QComboBox()
            combo.setEditable(True)
            combo.addItems([NOT_SET, *levels(), SKIP])
            combo.setCurrentText(_level_text(sec))
            self.sections.setCellWidget(i, 2, combo)
        self.notes.setText("\n".join(s["notes"]))
        self.columns.resizeColumnsToContents()

    def options(self) -> tuple[list[str], list[str]]:
        """(--map items, --level-for items) for what the clerk changed."""
        maps, level_for = [], []
        for i in range(self.columns.rowCount()):
            letter, combo = self.columns.item(i, 0).text(), self.columns.cellWidget(i, 2)
            if combo.currentData() != self.detected["columns"].get(letter) and combo.currentData() != "alloc":
                maps.append(f"{letter}={combo.currentData()}")
        for i in range(self.sections.rowCount()):
            text, level = self.sections.item(i, 1).text(), self.sections.cellWidget(i, 2).currentText().strip()
            if level and level != NOT_SET and level != self.detected["sections"].get(text):
                level_for.append(f"{text}={level}")
        return maps, level_for


class PreviewPage(QWidget):
    """The dry run: counts, then every row with its result and reason."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.counts = QLabel()
        self.counts.setObjectName("import_counts")
        self.counts.setWordWrap(True)
        self.only = QComboBox()
        self.only.setObjectName("import_filter")
        self.only.addItem(self.tr("全部行"), None)
        for key, label in STATUS.items():
            self.only.addItem(label, key)
        self.only.currentIndexChanged.connect(self._filter)
        self.rows = QTableWidget(0, 4)
        self.rows.setObjectName("import_rows")
        self.rows.setHorizontalHeaderLabels([self.tr("行"), self.tr("结果"), self.tr("项目名称"), self.tr("说明")])
        self.rows.verticalHeader().setVisible(False)
        self.rows.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.rows.horizontalHeader().setSectionResizeMode(3, QHeaderView.Stretch)
        self.notes = QListWidget()
        self.notes.setMaximumHeight(90)
        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        top.addWidget(QLabel(self.tr("显示")))
        top.addWidget(self.only)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.rows, 1)
        lay.addWidget(self.notes)

    def show_summary(self, s: dict, done: bool = False) -> None:
        verb = self.tr("已新增") if done else self.tr("将新增")
        self.counts.setText(self.tr("{0} {1} 个项目，更新 {2} 个，已存在 {3} 个（不会重复导入），跳过 {4} 行，拒绝 {5} 行。").format(
            verb, s["imported"], s["updated"], s["existing"], s["skipped"], s["refused"]))
        rows = [r for r in s["rows"] if r["kind"] != "blank"]
        self.rows.setRowCount(len(rows))
        for i, r in enumerate(rows):
            reason = "；".join([r["reason"] or ""] + r.get("warnings", []))
            for col, text in enumerate((str(r["row"]), STATUS[r["status"]], r["name"] or "", reason)):
                item = _item(text)
                item.setData(Qt.UserRole, r["status"])
                if r["status"] in STATUS_COLOURS:
                    item.setBackground(QColor(STATUS_COLOURS[r["status"]]))
                self.rows.setItem(i, col, item)
        self.rows.resizeColumnsToContents()
        self.notes.clear()
        self.notes.addItems(s["notes"])
        self._filter()

    def _filter(self) -> None:
        wanted = self.only.currentData()
        for i in range(self.rows.rowCount()):
            self.rows.setRowHidden(i, wanted is not None and self.rows.item(i, 1).data(Qt.UserRole) != wanted)


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemIsEditable)
    return item


def _level_text(sec: dict) -> str:
    return SKIP if sec["skip"] else (sec["level"] or NOT_SET)
