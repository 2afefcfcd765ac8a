"""风险督办 page. County: 乡镇进度 (all townships ranked), 风险排查 (grade, sign off), 督办单 (issue, close).
Township: its 督办单 (answer them) and what the risk rules say about its own projects."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from ui.county.notices_tab import NoticesTab
from ui.county.risk_tab import RiskTab

REFRESH_ON = {"projects", "project_records", "checklists", "oversight", "sync", "settings", "all"}


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
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.reload)
        ctx.sig_data_changed.connect(lambda kinds: self._timer.start() if set(kinds) & REFRESH_ON else None)
        self.reload()

    def _townships(self) -> list[tuple[str, str]]:
        if self.dashboard is None or self.dashboard.data is None:
            return []
        return [(r["township_code"], r["township"]) for r in self.dashboard.data["townships"]]

    def reload(self) -> None:
        for tab in (self.dashboard, self.risk, self.notices):
            if tab is not None:
                tab.reload()
