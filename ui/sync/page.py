"""同步 page: exchange packages with the county (or the townships), see what was sent and received,
who the peers are (with fingerprints), and settle conflicts side by side. Files can be dropped on it."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from desktop.core import changes
from desktop.sync import service
from ui.core.refresh import follow
from ui.sync.conflicts_tab import ConflictsTab
from ui.sync.exchange_tab import ExchangeTab
from ui.sync.records_tabs import HistoryTab, PeersTab

SHOWS = changes.SYNC


def create_page(ctx):
    return SyncPage(ctx)


def load_overview(app, include_closed: bool = False) -> dict:
    """Everything the page shows, in one background operation."""
    return {"me": service.identity(app), "peers": service.list_peers(app), "history": service.history(app),
            "conflicts": service.list_conflicts(app, include_closed=include_closed)}


class SyncPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.setObjectName("page_sync")
        self.setAcceptDrops(True)
        self.data: dict | None = None
        self.exchange = ExchangeTab(ctx)
        self.history = HistoryTab(ctx)
        self.peers = PeersTab(ctx)
        self.conflicts = ConflictsTab(ctx)
        self.tabs = QTabWidget(objectName="sync_tabs")
        self.tabs.addTab(self.exchange, self.tr("导出 / 导入"))
        self.tabs.addTab(self.history, self.tr("收发记录"))
        self.tabs.addTab(self.peers, self.tr("对方节点"))
        self.tabs.addTab(self.conflicts, self.tr("冲突"))
        self.conflicts.show_all.toggled.connect(lambda _: self.reload())  # a different list, not a change
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.reload)
        role = self.tr("县级办公室：导入各乡镇的同步包，再给每个乡镇导出回执包。") if ctx.is_county else \
            self.tr("乡镇：导出同步包交给县级办公室，导入县里发回的包（回执、风险等级、督办单、标准和模板）。")
        hint = QLabel(role, wordWrap=True)
        hint.setStyleSheet("color:#555;")
        head = QHBoxLayout()
        head.addWidget(QLabel(f"<b style='font-size:14pt'>{self.tr('同步')}</b>"))
        head.addSpacing(12)
        head.addWidget(hint, 1)
        head.addWidget(refresh)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.addLayout(head)
        lay.addWidget(self.tabs, 1)
        self.refresher = follow(self, ctx, SHOWS, self.reload)  # after an import, a new peer, a settled conflict
        self.reload()

    def on_activated(self) -> None:
        self.reload()

    def reload(self) -> None:
        closed = self.conflicts.show_all.isChecked()
        self.ctx.query(lambda app: load_overview(app, closed), title=self.tr("读取同步记录"), on_done=self._loaded,
                     parent=self, show_progress=False)

    def _loaded(self, data: dict) -> None:
        self.data = data
        self.exchange.set_peers(data["peers"])
        self.history.set_rows(data["history"])
        self.peers.set_data(data["me"], data["peers"])
        self.conflicts.set_rows(data["conflicts"])
        n = sum(c["status"] == "open" for c in data["conflicts"])
        self.exchange.set_summary(data["peers"], data["history"], n)
        self.tabs.setTabText(3, self.tr("冲突（{0}）").format(n) if n else self.tr("冲突"))

    # -- dropping a package on the page ---------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.tabs.setCurrentWidget(self.exchange)
            self.exchange.handle_drop(paths)
