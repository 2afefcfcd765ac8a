"""The ledger table with its totals row underneath, kept aligned column by column."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from ui.ledger.columns import COLUMNS
from ui.ledger.delegate import LedgerDelegate
from ui.ledger.model import LedgerModel
from ui.ledger.totals import TotalsModel
from ui.ledger.proxy import LedgerProxy


class LedgerTable(QWidget):
    """A QTableView over the proxy, and a one-row totals view sharing its column geometry."""

    def __init__(self, parent=None, show_township: bool = False):
        super().__init__(parent)
        self.show_township = show_township
        self.model = LedgerModel(self)
        self.proxy = LedgerProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setObjectName("ledger_table")
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(LedgerDelegate(self.proxy, self.view))
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setHorizontalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        head = self.view.horizontalHeader()
        head.setSectionsMovable(True)
        head.setHighlightSections(False)
        head.setSectionResizeMode(QHeaderView.Interactive)
        head.setDefaultAlignment(Qt.AlignCenter)
        head.setStretchLastSection(False)
        self.totals = TotalsModel(self)
        self.footer = QTableView()
        self.footer.setObjectName("ledger_totals")
        self.footer.setModel(self.totals)
        self.footer.horizontalHeader().setVisible(False)
        self.footer.verticalHeader().setVisible(False)
        self.footer.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.footer.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.footer.setFocusPolicy(Qt.NoFocus)
        self.footer.setSelectionMode(QAbstractItemView.NoSelection)
        self.footer.setHorizontalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.footer.setStyleSheet("QTableView#ledger_totals { background: #eef3f8; }")
        self.auto_fit_name = True  # until the clerk sizes columns (or a saved layout is restored)
        self._fitting = False
        self.view.viewport().installEventFilter(self)
        self.set_default_columns()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.footer)
        head.sectionResized.connect(self._on_section_resized)
        head.sectionMoved.connect(lambda *_: self.sync_footer())
        self.view.horizontalScrollBar().valueChanged.connect(self.footer.horizontalScrollBar().setValue)
        self._fit_footer()

    def _on_section_resized(self, logical: int, _old: int, new: int) -> None:
        self.footer.setColumnWidth(logical, new)
        if not self._fitting:
            self.auto_fit_name = False

    def fit_name_column(self) -> None:
        """Give the project name whatever width the other visible columns leave (small screens)."""
        if not self.auto_fit_name:
            return
        head = self.view.horizontalHeader()
        name = next(i for i, c in enumerate(COLUMNS) if c.key == "name")
        others = sum(head.sectionSize(i) for i in range(len(COLUMNS)) if i != name and not head.isSectionHidden(i))
        room = self.view.viewport().width() - others - 2
        min_width = self.fontMetrics().horizontalAdvance("联合村乡村旅游建设")
        self._fitting = True
        head.resizeSection(name, max(min_width, room))
        self._fitting = False

    def eventFilter(self, obj, event) -> bool:
        # The viewport also shrinks when the vertical scroll bar appears (no resize of this widget).
        if obj is self.view.viewport() and event.type() == QEvent.Resize:
            QTimer.singleShot(0, self.fit_name_column)
        return False

    def _fit_footer(self) -> None:
        h = self.view.verticalHeader().defaultSectionSize()
        self.footer.verticalHeader().setDefaultSectionSize(h)
        self.footer.setFixedHeight(h + 2 * self.footer.frameWidth())

    def set_default_columns(self) -> None:
        """The default columns (the county office also sees the township of each project)."""
        head = self.view.horizontalHeader()
        scale = max(1.0, self.fontMetrics().height() / 17)
        self._fitting = True
        for i, col in enumerate(COLUMNS):
            head.setSectionHidden(i, not (col.visible or (col.key == "township" and self.show_township)))
            self.view.setColumnWidth(i, int(col.width * scale))
        self._fitting = False
        self.auto_fit_name = True
        self.fit_name_column()
        year = next(i for i, c in enumerate(COLUMNS) if c.key == "year")
        head.setSortIndicator(year, Qt.DescendingOrder)  # newest year first, codes in order within it
        self.sync_footer()

    def sync_footer(self) -> None:
        """Copy order, widths and hidden columns from the table to the totals row."""
        head, foot = self.view.horizontalHeader(), self.footer.horizontalHeader()
        for logical in range(len(COLUMNS)):
            visual = head.visualIndex(logical)
            if foot.visualIndex(logical) != visual:
                foot.moveSection(foot.visualIndex(logical), visual)
            foot.setSectionHidden(logical, head.isSectionHidden(logical))
            foot.resizeSection(logical, head.sectionSize(logical))
        self.footer.horizontalScrollBar().setValue(self.view.horizontalScrollBar().value())
        self._fit_footer()

    def label_column(self) -> int:
        """The name column if shown, else the first visible untotalled column: holds '合计'."""
        head = self.view.horizontalHeader()
        name = next(i for i, c in enumerate(COLUMNS) if c.key == "name")
        if not head.isSectionHidden(name):
            return name
        for visual in range(len(COLUMNS)):
            logical = head.logicalIndex(visual)
            if not head.isSectionHidden(logical) and not COLUMNS[logical].total:
                return logical
        return 0

    def update_totals(self) -> None:
        self.totals.set_values(self.proxy.rowCount(), self.proxy.totals(), self.label_column())
