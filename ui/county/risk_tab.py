"""风险排查 tab: what the rules propose for every project, red first; confirm and sign off (county)."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.risk import service as risk
from ui.county.dialogs import ConfirmDialog, SignoffDialog
from ui.county.tables import fill, hint, make_table, selected_key

COLS = [("code", "项目编号"), ("name", "项目名称"), ("township", "乡镇"), ("planned_investment_wan", "计划投资(万元)"),
        ("proposed_level", "系统建议"), ("current_level", "当前等级"), ("supervision_label", "督办层级"),
        ("reason_text", "原因")]


class RiskTab(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.rows: list[dict] = []
        self.table = make_table("county_risk", COLS)
        self.table.doubleClicked.connect(lambda _i: self._open())
        self.count = QLabel()
        self.confirm_button = QPushButton(self.tr("确定等级…"))
        self.confirm_button.setObjectName("risk_confirm")
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.signoff_button = QPushButton(self.tr("降级销号…"))
        self.signoff_button.setObjectName("risk_signoff")
        self.signoff_button.clicked.connect(self.signoff_selected)
        for b in (self.confirm_button, self.signoff_button):
            b.setVisible(ctx.is_county)
        bar = QHBoxLayout()
        bar.addWidget(self.count, 1)
        bar.addWidget(self.confirm_button)
        bar.addWidget(self.signoff_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 0)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)
        lay.addWidget(hint(self.tr("红：疑似“建而不成、成而不用、用而不好”；黄：节点逾期、支出落后、资料缺失、未设共管账户、"
                                   "未及时验收结算、资产未确权。系统建议由县级办公室确认或调整（须写理由）。双击打开项目。")))

    def reload(self) -> None:
        self.ctx.query(lambda app: risk.assess_all(app), title=self.tr("风险排查"), on_done=self._loaded, parent=self)

    def _loaded(self, rows: list[dict]) -> None:
        self.rows = rows
        for r in rows:
            r["reason_text"] = "；".join(x["text"] for x in r["reasons"])
        fill(self.table, COLS, rows, "code", risk_cols=("proposed_level", "current_level"))
        counts = {k: sum(1 for r in rows if r["proposed_level"] == k) for k in ("red", "yellow", "green")}
        self.count.setText(self.tr("共 {0} 个项目：系统建议红 {1}、黄 {2}、绿 {3}").format(
            len(rows), counts["red"], counts["yellow"], counts["green"]))

    def _selected(self) -> dict | None:
        code = selected_key(self.table)
        return next((r for r in self.rows if r["code"] == code), None)

    def confirm_selected(self) -> ConfirmDialog | None:
        row = self._selected()
        if row is None:
            self.count.setText(self.tr("请先选中一个项目。"))
            return None
        dlg = ConfirmDialog(self.ctx, row, self)
        dlg.accepted.connect(self.reload)
        dlg.open()
        return dlg

    def signoff_selected(self) -> SignoffDialog | None:
        row = self._selected()
        if row is None:
            self.count.setText(self.tr("请先选中一个项目。"))
            return None
        dlg = SignoffDialog(self.ctx, row["code"], self)
        dlg.accepted.connect(self.reload)
        dlg.open()
        return dlg

    def _open(self) -> None:
        code = selected_key(self.table)
        if code:
            self.ctx.sig_open_project.emit(code)
