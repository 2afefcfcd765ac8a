"""督查整改: inspections, visits and audits of this project, and the rectifications they require."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from ui.project_tabs.records_panel import RecordsPanel


def create_tab(ctx, project_code: str):
    return OversightTab(ctx, project_code)


def rectification_status(rec: dict) -> tuple[str, bool]:
    if rec.get("status") == "已完成":
        return "已完成", False
    if rec.get("deadline"):
        days = (date.today() - date.fromisoformat(rec["deadline"])).days
        if days > 0:
            return f"逾期 {days} 天", True
        return f"还有 {-days} 天", False
    return "未定期限", False


class OversightTab(QWidget):
    def __init__(self, ctx, code: str):
        super().__init__()
        self.panels = [RecordsPanel(ctx, code, "inspection"),
                       RecordsPanel(ctx, code, "rectification", status=rectification_status)]
        split = QSplitter(Qt.Vertical)
        for p in self.panels:
            split.addWidget(p)
        QVBoxLayout(self).addWidget(split)

    def refresh(self) -> None:
        for p in self.panels:
            p.refresh()
