"""风险督办 page. County: 乡镇进度 (all townships ranked), 风险排查 (grade, sign off), 督办单 (issue, close).
Township: its 督办单 (answer them) and what the risk rules say about its own projects."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop.core import changes
from ui.core.refresh import follow
from ui.county.notices_tab import NoticesTab
from ui.county.risk_tab import RiskTab

# Each tab follows what it shows: closing a notice reloads the notices (and the county's ranking,
# which counts open notices), never the risk assessment.
DASHBOARD_SHOWS = (changes.PROJECTS | changes.PROJECT_RECORDS | changes.CHECKLISTS | changes.NOTICES | changes.SYNC
                   | changes.SETTINGS)
RISK_SHOWS = changes.PROJECTS | changes.PROJECT_RECORDS | changes.CHECKLISTS | changes.RISK | changes.SETTINGS
NOTICES_SHOWS = changes.NOTICES | changes.PROJECTS


def create_page(ctx):
    return CountyPage(ctx)


class CountyPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.setObjectName("page_county")
        self.tabs = QTabWidget()
        self.dashboard = None
        if ctx.is_county:
            from ui.county.dashboard_tab import CountyDashboardTab

            self.dashboard = CountyDashboardTab(ctx)
            self.tabs.addTab(self.dashboard, self.tr("乡镇进度"))
        self.risk = RiskTab(ctx)
        self.notices = NoticesTab(ctx, townships_source=self._townships)
        self.tabs.addTab(self.risk, self.tr("风险排查"))
        self.tabs.addTab(self.notices, self.tr("督办单"))
        head = QHBoxLayout()
        head.addWidget(QLabel(f"<b style='font-size:14pt'>{self.tr('风险督办')}</b>"))
        head.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.addLayout(head)
        lay.addWidget(self.tabs, 1)
        if self.dashboard is not None:
            follow(self.dashboard, ctx, DASHBOARD_SHOWS, self.dashboard.reload)
        follow(self.risk, ctx, RISK_SHOWS, self.risk.reload)
        follow(self.notices, ctx, NOTICES_SHOWS, self.notices.reload)
        self.reload()

    def _townships(self) -> list[tuple[str, str]]:
        if self.dashboard is None or self.dashboard.data is None:
            return []
        return [(r["township_code"], r["township"]) for r in self.dashboard.data["townships"]]

    def reload(self) -> None:
        for tab in (self.dashboard, self.risk, self.notices):
            if tab is not None:
                tab.reload()
