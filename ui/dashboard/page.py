"""工作台: this year's figures, progress against the milestone targets, and what needs action now."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from desktop.core import changes
from desktop.projects import dashboard as dashboard_service
from ui.core.refresh import follow
from ui.dashboard.actions import ActionLists
from ui.dashboard.cards import Card
from ui.dashboard.chart import ProgressChart
from ui.widgets.display import RISK_COLORS

SHOWS = changes.PROJECTS | changes.PROJECT_RECORDS | changes.CHECKLISTS | changes.OVERSIGHT | changes.SETTINGS


def create_page(ctx):
    return DashboardPage(ctx)


class DashboardPage(QWidget):
    """One service call fills everything; it runs again when data changes (coalesced)."""

    sig_loaded = Signal(dict)

    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.setObjectName("page_dashboard")
        self.data: dict | None = None
        self.year_box = QComboBox()
        self.year_box.setObjectName("dashboard_year")
        self.year_box.currentIndexChanged.connect(self._year_changed)
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.reload)
        head = QHBoxLayout()
        head.addWidget(QLabel(f"<b style='font-size:14pt'>{self.tr('工作台')}</b>"))
        self.today_label = QLabel()
        self.today_label.setStyleSheet("color:#555;")
        head.addSpacing(12)
        head.addWidget(self.today_label)
        head.addStretch(1)
        head.addWidget(QLabel(self.tr("年度：")))
        head.addWidget(self.year_box)
        head.addWidget(refresh)

        self.cards = {key: Card(key, self.tr(title)) for key, title in (
            ("projects", "本年度项目"), ("start", "开工率"), ("finish", "完工率"), ("disbursed", "资金拨付"),
            ("spent", "支出进度"), ("docs", "资料完整率"), ("risk", "风险项目"))}
        grid = QGridLayout()
        grid.setSpacing(8)
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, 0, i)
        self.chart = ProgressChart()
        self.actions = ActionLists()
        self.actions.sig_open_project.connect(ctx.sig_open_project.emit)
        self.actions.sig_open_page.connect(ctx.sig_navigate.emit)
        split = QSplitter(Qt.Horizontal)
        split.setObjectName("dashboard_split")
        split.addWidget(self.chart)
        split.addWidget(self.actions)
        split.setStretchFactor(0, 9)
        split.setStretchFactor(1, 11)
        split.setSizes([450, 550])
        split.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.addLayout(head)
        lay.addLayout(grid)
        lay.addWidget(split, 1)
        self.refresher = follow(self, ctx, SHOWS, self.reload)
        self.reload()

    def selected_year(self) -> int | None:
        return self.year_box.currentData()

    def reload(self) -> None:
        year = self.selected_year()
        self.ctx.query(lambda app: {"dash": dashboard_service.dashboard(app, year),
                                  "years": dashboard_service.available_years(app)},
                     title=self.tr("读取工作台"), on_done=self._loaded, parent=self)

    def _year_changed(self, _i: int) -> None:
        if self.data is not None and self.selected_year() != self.data["year"]:
            self.reload()

    def _loaded(self, result: dict) -> None:
        d, years = result["dash"], result["years"]
        self.data = d
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for y in sorted(set(years) | {d["year"], date.today().year}, reverse=True):
            self.year_box.addItem(self.tr("{0} 年").format(y), y)
        self.year_box.setCurrentIndex(self.year_box.findData(d["year"]))
        self.year_box.blockSignals(False)
        self.today_label.setText(self.tr("今天 {0}").format(d["today"]))
        c = d["cards"]
        self.cards["projects"].set(str(c["projects"]), self.tr("计划投资 {0} 万元").format(c["planned_wan"]))
        self.cards["start"].set(f"{c['start_rate']:.1f}%", self.tr("已开工 {0} / {1}").format(c["started"], c["projects"]))
        self.cards["finish"].set(f"{c['finish_rate']:.1f}%", self.tr("已完工 {0} / {1}").format(c["finished"], c["projects"]))
        self.cards["disbursed"].set(f"{c['disbursement_rate']:.1f}%", self.tr("已拨付 {0} 万元").format(c["disbursed_wan"]))
        self.cards["spent"].set(f"{c['spending_rate']:.1f}%", self.tr("已支出 {0} 万元").format(c["spent_wan"]))
        self.cards["docs"].set(f"{c['docs_rate']:.1f}%", self.tr("已齐 {0} / {1} 项").format(c["docs_complete"],
                                                                                          c["docs_total"]))
        r = c["risk"]
        self.cards["risk"].set(
            f"<span style='color:{RISK_COLORS['red'].name()}'>{self.tr('红 {0}').format(r['red'])}</span> "
            f"<span style='color:{RISK_COLORS['yellow'].name()}'>{self.tr('黄 {0}').format(r['yellow'])}</span>",
            self.tr("绿（正常） {0} 个").format(r["green"]))
        self.chart.set_chart(d["chart"], d["year"])
        self.actions.set_actions(d["actions"])
        self.sig_loaded.emit(d)
