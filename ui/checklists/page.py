"""资料清单: what every project still lacks (资料缺失清单), completeness per project, print and export."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
    QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from desktop.core import changes
from desktop.checklists.missing import MISSING_COLUMNS, completeness_overview, missing_documents
from desktop.checklists.standards_service import STAGE_ORDER
from desktop.projects.fields import STAGE_LABELS
from ui.checklists.model import RowsModel, TextFilter
from ui.checklists.preview import print_with_preview, save_as_pdf
from ui.core.refresh import follow

OVERVIEW_COLUMNS = [("code", "项目编号"), ("name", "项目名称"), ("township", "乡镇"), ("year", "年度"),
                    ("stage_label", "项目阶段"), ("standard", "资料清单标准"), ("all", "已收集/必备"),
                    ("pct", "完整度(%)"), ("now", "本阶段应有")]
# Most urgent facts first on screen; the export keeps MISSING_COLUMNS' order.
SCREEN_COLUMNS = [c for c in MISSING_COLUMNS if c[0] in ("urgency_label", "days_overdue")] + \
    [c for c in MISSING_COLUMNS if c[0] not in ("urgency_label", "days_overdue")]
SHOWS = changes.PROJECTS | changes.CHECKLISTS


def create_page(ctx):
    return ChecklistsPage(ctx)


class ChecklistsPage(QWidget):
    """Filters on top, two tables (missing items; completeness per project), actions on the right."""

    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.year, self.township, self.stage = QComboBox(), QComboBox(), QComboBox()
        for w, name in ((self.year, "filter_year"), (self.township, "filter_township"), (self.stage, "filter_stage")):
            w.setObjectName(name)
            w.addItem(self.tr("全部"), None)
            w.currentIndexChanged.connect(self.reload)
        for s in STAGE_ORDER:
            self.stage.addItem(self.tr("资料：{0}").format(s), s)
        for code, label in STAGE_LABELS.items():
            self.stage.addItem(self.tr("项目：{0}").format(label), code)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("搜索项目、村或资料名称"))
        self.search.setClearButtonEnabled(True)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.missing_model, self.overview_model = RowsModel(SCREEN_COLUMNS, self), RowsModel(OVERVIEW_COLUMNS, self)
        self.missing_view = self._table(self.missing_model, "missing_table")
        self.overview_view = self._table(self.overview_model, "overview_table")
        self.search.textChanged.connect(lambda t: [v.model().set_text(t) for v in (self.missing_view, self.overview_view)])
        self.tabs = QTabWidget()
        self.tabs.addTab(self.missing_view, self.tr("资料缺失清单"))
        self.tabs.addTab(self.overview_view, self.tr("各项目完整度"))

        top = QHBoxLayout()
        for label, w in ((self.tr("年度"), self.year), (self.tr("乡镇"), self.township), (self.tr("阶段"), self.stage)):
            top.addWidget(QLabel(label))
            top.addWidget(w)
        top.addWidget(self.search, 1)
        buttons = QHBoxLayout()
        for text, slot, name in ((self.tr("打印预览…"), self.print_page, "btn_print"),
                                 (self.tr("保存为 PDF…"), self.save_pdf, "btn_save_pdf"),
                                 (self.tr("导出 Excel…"), self.export_xlsx, "btn_xlsx"),
                                 (self.tr("打印所列项目的对照表…"), self.print_checklists, "btn_batch")):
            b = QPushButton(text)
            b.setObjectName(name)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.summary)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.tabs, 1)
        lay.addLayout(buttons)
        QShortcut(QKeySequence.Print, self, self.print_page, context=Qt.WidgetWithChildrenShortcut)
        self.refresher = follow(self, ctx, SHOWS, self.reload)
        self.rows: list[dict] = []
        self.reload()

    def _table(self, model, name: str) -> QTableView:
        proxy = TextFilter(self)
        proxy.setSourceModel(model)
        view = QTableView()
        view.setObjectName(name)
        view.setModel(proxy)
        view.setSortingEnabled(False)
        view.setSelectionBehavior(QAbstractItemView.SelectRows)
        view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        view.horizontalHeader().setStretchLastSection(True)
        view.doubleClicked.connect(lambda idx, v=view: self._open(v, idx))
        self.ctx.restore_header(f"checklists/{name}", view.horizontalHeader())
        return view

    def _open(self, view: QTableView, index) -> None:
        row = view.model().mapToSource(index).row()
        self.ctx.sig_open_project.emit(view.model().sourceModel().row(row)["code"])

    # -- data ------------------------------------------------------------------------------
    def filters(self) -> dict:
        return {"year": self.year.currentData(), "township": self.township.currentData(),
                "stage": self.stage.currentData()}

    def filter_text(self) -> str:
        parts = [c.currentText() for c in (self.year, self.township, self.stage) if c.currentData()]
        return " ".join(parts) or self.tr("全部项目")

    def reload(self) -> None:
        f = self.filters()
        self.ctx.query(lambda app: (missing_documents(app, **f), completeness_overview(app, **f)),
                     title=self.tr("读取资料清单"), on_done=self._show, parent=self, show_progress=False)

    def _show(self, result) -> None:
        missing, overview = result
        self.rows = missing
        self.missing_model.set_rows(missing)
        self.overview_model.set_rows([{**r, "all": f"{r['overall']['collected']}/{r['overall']['counted']}",
                                       "pct": r["overall"]["pct"], "now": f"{r['due']['collected']}/{r['due']['counted']}"}
                                      for r in overview])
        self._fill_choices(overview)
        overdue = sum(r["urgency"] == "overdue" for r in missing)
        self.summary.setText(self.tr("缺失 {0} 项，其中已逾期 {1} 项；{2} 个项目").format(len(missing), overdue, len(overview)))
        for v in (self.missing_view, self.overview_view):
            v.resizeColumnsToContents()
            for c in range(v.model().columnCount()):
                v.setColumnWidth(c, min(v.columnWidth(c) + 10, 320))

    def _fill_choices(self, overview: list[dict]) -> None:
        for combo, values in ((self.year, sorted({r["year"] for r in overview}, reverse=True)),
                              (self.township, sorted({r["township"] for r in overview}))):
            have = {combo.itemData(i) for i in range(combo.count())}
            combo.blockSignals(True)
            for v in values:
                if v not in have:
                    combo.addItem(str(v), v)
            combo.blockSignals(False)

    # -- actions ---------------------------------------------------------------------------
    def print_page(self) -> None:
        """Ctrl+P: preview and print the 资料缺失清单 as filtered."""
        from desktop.checklists.printing import missing_pdf

        f, text = self.filters(), self.filter_text()
        print_with_preview(self.ctx, self, lambda app, out: missing_pdf(app, out, missing_documents(app, **f),
                                                                        filters=text), self.tr("资料缺失清单"))

    def save_pdf(self) -> None:
        from desktop.checklists.printing import missing_pdf

        f, text = self.filters(), self.filter_text()
        save_as_pdf(self.ctx, self, lambda app, out: missing_pdf(app, out, missing_documents(app, **f), filters=text),
                    self.tr("资料缺失清单"))

    def print_checklists(self) -> None:
        """One PDF with the checklist of every project in the current year/township filter."""
        from desktop.checklists.printing import checklist_pdf

        f = self.filters()
        codes = [r["code"] for r in self.overview_model.rows] if f["stage"] else None
        print_with_preview(self.ctx, self, lambda app, out: checklist_pdf(app, out, codes=codes, year=f["year"],
                                                                          township=f["township"]),
                           self.tr("项目资料目录对照表"))

    def export_xlsx(self, path: str | None = None) -> None:
        from desktop.checklists.xlsx import missing_xlsx

        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("导出 Excel"), self.tr("资料缺失清单.xlsx"), "Excel (*.xlsx)")
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        f, text = self.filters(), self.filter_text()
        self.ctx.query(lambda app: missing_xlsx(app, path, missing_documents(app, **f), filters=text),
                     title=self.tr("导出 Excel"), parent=self,
                     on_done=lambda r: self.summary.setText(self.tr("已导出 {0}：{1} 项").format(r["path"], r["rows"])))

    def save_state(self) -> None:
        for name, v in (("missing_table", self.missing_view), ("overview_table", self.overview_view)):
            self.ctx.save_header(f"checklists/{name}", v.horizontalHeader())
