"""资产台账 page: every asset the township's projects formed, filterable by status; add and edit here."""
from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.assets.table import AssetTable


def create_page(ctx):
    return AssetsPage(ctx)


class AssetsPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.setObjectName("page_assets")
        self.table = AssetTable(ctx)
        QVBoxLayout(self).addWidget(self.table)

    def refresh(self) -> None:
        self.table.refresh()
