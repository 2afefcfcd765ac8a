"""资金: progress against plan, then allocations by source, disbursements and spending."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QProgressBar, QSplitter, QVBoxLayout, QWidget

from desktop.projects import project_records
from ui.project_tabs.records_panel import RecordsPanel
from ui.widgets.display import wan


def create_tab(ctx, project_code: str):
    return MoneyTab(ctx, project_code)


class MoneyTab(QWidget):
    def __init__(self, ctx, code: str):
        super().__init__()
        self.ctx, self.code = ctx, code
        self.summary = QLabel()
        self.summary.setObjectName("money_summary")
        self.summary.setTextFormat(Qt.RichText)
        self.bars = {}
        grid = QGridLayout()
        for row, (key, label) in enumerate((("disbursed_pct", self.tr("拨付进度")), ("spent_pct", self.tr("支出进度")),
                                            ("works_pct", self.tr("工程进度")))):
            bar = QProgressBar()
            bar.setRange(0, 1000)
            bar.setTextVisible(True)
            bar.setObjectName(f"bar_{key}")
            note = QLabel()
            note.setObjectName(f"target_{key}")
            grid.addWidget(QLabel(label), row, 0)
            grid.addWidget(bar, row, 1)
            grid.addWidget(note, row, 2)
            self.bars[key] = (bar, note)
        grid.setColumnStretch(1, 1)
        self.panels = [RecordsPanel(ctx, code, "allocation"), RecordsPanel(ctx, code, "disbursement"),
                       RecordsPanel(ctx, code, "expenditure")]
        split = QSplitter(Qt.Vertical)
        for p in self.panels:
            split.addWidget(p)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addLayout(grid)
        lay.addWidget(split, 1)
        self.refresh_summary()

    def refresh(self) -> None:
        for p in self.panels:
            p.refresh()
        self.refresh_summary()

    def refresh_summary(self) -> None:
        code = self.code
        self.ctx.query(lambda app: project_records.money_summary(app, code), title=self.tr("读取资金情况"),
                     on_done=self._show, parent=self, show_progress=False)

    def _show(self, m: dict) -> None:
        sources = "；".join(f"{k} {wan(v)} 万元" for k, v in m["by_source"].items()) or self.tr("尚未登记资金下达")
        self.summary.setText(self.tr("计划投资 <b>{0}</b> 万元　已下达 <b>{1}</b> 万元　已拨付 <b>{2}</b> 万元　"
                                     "已支出 <b>{3}</b> 万元<br><span style='color:#555'>下达来源：{4}</span>").format(
            wan(m["planned_fen"]), wan(m["allocated_fen"]), wan(m["disbursed_fen"]), wan(m["spent_fen"]), sources))
        targets = {"disbursed_pct": m["target_money_pct"], "spent_pct": m["target_money_pct"],
                   "works_pct": m["target_works_pct"]}
        for key, (bar, note) in self.bars.items():
            value = float(m[key] or 0)
            bar.setValue(int(min(value, 100) * 10))
            bar.setFormat(f"{value:.1f}%")
            target = targets[key]
            if target is None:
                note.setText(self.tr("（尚无到期节点）"))
                note.setStyleSheet("color:#555;")
            elif value + 1e-9 < target:
                note.setText(self.tr("落后：{0} 节点要求 {1}%").format(m["target_date"], target))
                note.setStyleSheet("color:#c0392b; font-weight:bold;")
            else:
                note.setText(self.tr("达到 {0} 节点要求 {1}%").format(m["target_date"], target))
                note.setStyleSheet("color:#1e6b3a;")
