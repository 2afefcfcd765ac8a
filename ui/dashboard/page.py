"""工作台: this year's figures, progress against the milestone targets, and what needs action now."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from desktop.core import changes
from desktop.core import startcache
from desktop.projects import dashboard as dashboard_service
from ui.core.refresh import follow
from ui.dashboard.actions import ActionLists
from ui.dashboard.cards import fill_cards, make_cards
from ui.dashboard.chart import ProgressChart

SHOWS = changes.PROJECTS | changes.PROJECT_RECORDS | changes.CHECKLISTS | changes.OVERSIGHT | changes.SETTINGS


def create_page(ctx):
    return DashboardPage(ctx)


def _read(app, year: int | None) -> dict:
    """On the worker: the dashboard, its years, and a copy of its figures for the next start's first paint."""
    dash = dashboard_service.dashboard(app, year)
    node = app.node
    startcache.save(app.data_dir, node.name if node else "", bool(node and node.is_county), dash)
    return {"dash": dash, "years": dashboard_service.available_years(app)}


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

        self.cards = make_cards()
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
        self.ctx.query(lambda app: _read(app, year), title=self.tr("读取工作台"), on_done=self._loaded, parent=self)

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
        fill_cards(self.cards, d["cards"])
        self.chart.set_chart(d["chart"], d["year"])
        self.actions.set_actions(d["actions"])
        self.sig_loaded.emit(d)
