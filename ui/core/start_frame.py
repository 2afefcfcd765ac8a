"""The first paint of a start: the window's frame and the last dashboard figures, before the database opens.

Why: importing SQLAlchemy and opening the data folder takes several times as long as showing a
window. The clerk sees the side bar and last time's cards at once (marked as such), while
launch.py opens the data folder on a worker thread; the real window then takes the frame's place.
Only Qt, ui.pages (titles) and desktop.core.startcache are imported here.
"""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QGridLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QVBoxLayout, QWidget,
)

from ui.core import prefs
from ui.core.main_window import NAV_STYLE
from ui.dashboard.cards import fill_cards, make_cards
from ui.pages import PAGES


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class StartFrame(QMainWindow):
    """Side bar, title and the cached cards; nothing in it can be clicked into yet."""

    def __init__(self, cache: dict, settings):
        super().__init__()
        self.closed_by_user = False
        self._dismissed = False
        self.setObjectName("start_frame")
        role = _tr("县级办公室") if cache["is_county"] else _tr("乡镇")
        name = cache["node_name"]
        self.setWindowTitle(_tr("TownDesk 乡镇项目台账") + (f" — {name}（{role}）" if name else ""))
        nav = QListWidget()
        nav.setObjectName("nav")
        nav.setStyleSheet(NAV_STYLE)
        for _key, title, _module, _about in PAGES:
            nav.addItem(QListWidgetItem(_tr(title)))
        nav.setCurrentRow(0)
        nav.setEnabled(False)
        fm = nav.fontMetrics()
        nav.setFixedWidth(max(max(fm.horizontalAdvance(nav.item(i).text()) for i in range(nav.count())) + 44, 120))

        page = QWidget()
        head = QHBoxLayout()
        head.addWidget(QLabel(f"<b style='font-size:14pt'>{QCoreApplication.translate('DashboardPage', '工作台')}</b>"))
        self.note = QLabel(QCoreApplication.translate("StartFrame", "{0} 年 · 上次打开时（{1}）的数字，正在读取最新数据…")
                           .format(cache["year"], cache["saved"].replace("T", " ")[:16]))
        self.note.setObjectName("start_frame_note")
        self.note.setStyleSheet("color:#555;")
        head.addSpacing(12)
        head.addWidget(self.note)
        head.addStretch(1)
        self.cards = make_cards()
        fill_cards(self.cards, cache["cards"])
        grid = QGridLayout()
        grid.setSpacing(8)
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, 0, i)
        lay = QVBoxLayout(page)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.addLayout(head)
        lay.addLayout(grid)
        lay.addStretch(1)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(nav)
        row.addWidget(page, 1)
        self.setCentralWidget(central)
        self.setCursor(Qt.BusyCursor)
        geo = prefs.get(settings, "ui/geometry")
        if isinstance(geo, QByteArray) and not geo.isEmpty():
            self.restoreGeometry(geo)
        else:
            self.resize(1280, 800)

    def dismiss(self) -> None:
        """Close because the real window took over (or the start ended)."""
        self._dismissed = True
        self.close()

    def closeEvent(self, event) -> None:
        if not self._dismissed:
            self.closed_by_user = True
        super().closeEvent(event)
