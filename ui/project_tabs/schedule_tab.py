"""工期: the reverse schedule (planned vs actual, overdue shown as text and colour) and progress reports."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from ui.project_tabs.records_panel import RecordsPanel


def create_tab(ctx, project_code: str):
    return ScheduleTab(ctx, project_code)


def milestone_status(rec: dict) -> tuple[str, bool]:
    """('逾期 23 天', True) / ('按期完成', False) / ('提前 3 天完成', False) / ('未到期', False)."""
    planned = date.fromisoformat(rec["planned_date"])
    if rec.get("actual_date"):
        actual = date.fromisoformat(rec["actual_date"])
        late = (actual - planned).days
        if late > 0:
            return f"延期 {late} 天完成", False
        return ("按期完成" if late == 0 else f"提前 {-late} 天完成"), False
    days = (date.today() - planned).days
    if days > 0:
        return f"逾期 {days} 天", True
    return f"还有 {-days} 天", False


class ScheduleTab(QWidget):
    def __init__(self, ctx, code: str):
        super().__init__()
        self.panels = [RecordsPanel(ctx, code, "milestone", hide=("note",), status=milestone_status),
                       RecordsPanel(ctx, code, "progress")]
        split = QSplitter(Qt.Vertical)
        for p in self.panels:
            split.addWidget(p)
        split.setSizes([300, 200])
        QVBoxLayout(self).addWidget(split)

    def refresh(self) -> None:
        for p in self.panels:
            p.refresh()
