"""报表: the prescribed tables (Excel or PDF), the 挂图作战 wall chart, and Excel ledger import.

The clerk picks a table, a year, a township and (for the half-monthly dispatch) the report
day; the file is written on the worker with a progress dialog, then a line says where it is
with a button to open the folder. Nothing here touches the database directly.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QListWidget,
    QListWidgetItem, QPushButton, QTabWidget, QVBoxLayout, QWidget,
)

from desktop.reports import KINDS, choices, suggested_name, write_table
from desktop.core import changes
from ui.core.refresh import follow

ABOUT = {
    "progress": "附件1：每个项目的资金拨付、支出、工程进度、时间节点和联农带农情况，按项目层级小计。",
    "risk": "附件2：产业项目按红、黄、绿分组，列出“三不”问题、其他风险、督办层级和处置方式。",
    "summary": "附件3：按乡镇（或部门）和项目层级汇总各风险等级的个数和金额、处置方式和销号情况。",
    "schedule": "倒排工期表：每个项目各节点的计划时间、目标、实际完成和是否逾期。",
    "dispatch": "半月调度表：报送日为每月14日和29日；本期和累计的拨付、支出，是否落后于节点目标。",
    "checklist": "资料目录对照表汇总：每个项目应有、已收集、需补正、缺失的资料数和完整率。",
}
DATED = {"dispatch", "risk", "schedule"}


def create_page(ctx):
    return ReportsPage(ctx)


class ReportsPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.tabs = QTabWidget()
        self.tabs.addTab(self._tables_tab(), self.tr("规定报表"))
        from ui.reports.wallchart_view import WallChartView

        self.wallchart = WallChartView(ctx, self)
        self.tabs.addTab(self.wallchart, self.tr("挂图作战"))
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs)
        self.refresher = follow(self, ctx, changes.PROJECTS | changes.SETTINGS, self.reload)  # years, townships
        self.reload()

    # -- the tables tab ---------------------------------------------------------------------
    def _tables_tab(self) -> QWidget:
        w = QWidget()
        self.kinds = QListWidget()
        self.kinds.setObjectName("report_kinds")
        self.kinds.setSpacing(4)
        for key, label in KINDS.items():
            item = QListWidgetItem(label)
            item.setData(256, key)
            self.kinds.addItem(item)
        self.kinds.setCurrentRow(0)
        self.kinds.currentRowChanged.connect(self._kind_changed)
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.year, self.township = QComboBox(), QComboBox()
        self.year.setObjectName("report_year")
        self.township.setObjectName("report_township")
        self.on = QDateEdit(QDate.currentDate())
        self.on.setObjectName("report_date")
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.by, self.unit = QComboBox(), QComboBox()
        self.by.addItem(self.tr("按乡镇"), "township")
        self.by.addItem(self.tr("按部门（实施单位）"), "department")
        self.unit.addItem(self.tr("万元"), "万元")
        self.unit.addItem(self.tr("元"), "元")
        form = QFormLayout()
        form.addRow(self.tr("年度"), self.year)
        self.township_label = QLabel(self.tr("乡镇"))
        form.addRow(self.township_label, self.township)
        self.date_label = QLabel(self.tr("报送日/统计日"))
        form.addRow(self.date_label, self.on)
        self.by_label = QLabel(self.tr("汇总方式"))
        form.addRow(self.by_label, self.by)
        form.addRow(self.tr("金额单位"), self.unit)
        buttons = QHBoxLayout()
        for text, fmt, name in ((self.tr("生成 Excel…"), ".xlsx", "btn_report_xlsx"),
                                (self.tr("生成 PDF…"), ".pdf", "btn_report_pdf")):
            b = QPushButton(text)
            b.setObjectName(name)
            b.clicked.connect(lambda _=False, f=fmt: self.generate(f))
            buttons.addWidget(b)
        importer = QPushButton(self.tr("导入 Excel 台账…"))
        importer.setObjectName("btn_import_ledger")
        importer.setToolTip(self.tr("把已有的 Excel 项目台账导入 TownDesk（先预览每一行，再导入）"))
        importer.clicked.connect(self.open_import_wizard)
        buttons.addStretch(1)
        buttons.addWidget(importer)
        self.status = QLabel()
        self.status.setObjectName("report_status")
        self.status.setWordWrap(True)
        self.open_folder = QPushButton(self.tr("打开文件夹"))
        self.open_folder.setObjectName("btn_open_folder")
        self.open_folder.setEnabled(False)
        self.open_folder.clicked.connect(self._open_folder)
        box = QGroupBox(self.tr("报表设置"))
        right = QVBoxLayout(box)
        right.addWidget(self.about)
        right.addLayout(form)
        right.addLayout(buttons)
        right.addWidget(self.status)
        right.addWidget(self.open_folder)
        right.addStretch(1)
        lay = QHBoxLayout(w)
        lay.addWidget(self.kinds, 1)
        lay.addWidget(box, 2)
        self.last_file: Path | None = None
        self._kind_changed()
        return w

    def kind(self) -> str:
        return self.kinds.currentItem().data(256)

    def _kind_changed(self, *_):
        kind = self.kind()
        self.about.setText(self.tr(ABOUT[kind]))
        for widget in (self.on, self.date_label):
            widget.setVisible(kind in DATED)
        for widget in (self.by, self.by_label):
            widget.setVisible(kind == "summary")
        if kind == "dispatch":  # the 半月调度表 defaults to the latest 14th / 29th on or before the date shown
            from desktop.round.dates import latest_report_date

            q = self.on.date()
            d = latest_report_date(date(q.year(), q.month(), q.day()))
            self.on.setDate(QDate(d.year, d.month, d.day))

    def reload(self) -> None:
        self.ctx.query(choices, title=self.tr("读取年度和乡镇"), on_done=self._fill, parent=self, show_progress=False)

    def _fill(self, found: dict) -> None:
        for combo, values, all_label in ((self.year, found["years"], self.tr("全部年度")),
                                         (self.township, found["townships"], self.tr("全部乡镇"))):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(all_label, None)
            for v in values:
                combo.addItem(str(v), v)
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        for widget in (self.township, self.township_label):
            widget.setVisible(found["is_county"])
        self.wallchart.fill(found)

    def options(self) -> dict:
        kind = self.kind()
        q = self.on.date()
        return {"year": self.year.currentData(), "township": self.township.currentData(),
                "on": date(q.year(), q.month(), q.day()) if kind in DATED else None,
                "by": self.by.currentData(), "unit": self.unit.currentData()}

    def generate(self, suffix: str, path: str | None = None) -> None:
        kind, opts = self.kind(), self.options()
        if path is None:
            start = self.ctx.app.layout.exports / suggested_name(kind, opts["year"], suffix)
            path, _ = QFileDialog.getSaveFileName(self, self.tr("保存报表"), str(start),
                                                  "Excel (*.xlsx)" if suffix == ".xlsx" else "PDF (*.pdf)")
            if not path:
                return
        if not path.lower().endswith(suffix):
            path += suffix

        def work(app, progress=None):
            return write_table(app, kind, path, progress=progress, **opts)

        self.status.setText(self.tr("正在生成…"))
        self.ctx.query(work, title=self.tr("生成{0}").format(KINDS[kind]), on_done=self._written,
                     on_error=self._failed, parent=self)

    def _written(self, info: dict) -> None:
        self.last_file = Path(info["file"])
        self.status.setText(self.tr("已生成 {0}（{1} 行）：{2}").format(info["title"], info["lines"], info["file"]))
        self.open_folder.setEnabled(True)

    def _failed(self, exc) -> bool:
        """A UserError (empty year, file open in Excel…) is shown here beside the buttons."""
        from desktop.core.errors import UserError

        self.status.setText(self.tr("未生成：{0}").format(getattr(exc, "message", str(exc))))
        return isinstance(exc, UserError)

    def _open_folder(self) -> None:
        if self.last_file:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_file.parent)))

    def open_import_wizard(self, path: str | None = None):
        from ui.ledger_import.wizard import LedgerImportWizard

        wizard = LedgerImportWizard(self.ctx, self, path=path)
        wizard.show()
        return wizard
