"""县级看板 tab: every township side by side, ranked by 支出进度, silent townships in red."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.county.dashboard import county_dashboard
from ui.county.tables import fill, hint, make_table
from ui.widgets.display import wan

COLS = [("rank", "排名"), ("township", "乡镇"), ("projects", "项目数"), ("start", "开工率"), ("finish", "完工率"),
        ("spend", "支出进度"), ("spent", "已支出(万元)"), ("risk_text", "红/黄/绿/未评"), ("docs", "资料齐全"),
        ("notice_text", "督办单(逾期/待办)"), ("package", "最近同步包")]


def _pct(v) -> str:
    return "—" if v is None else f"{v:.1f}%"


class CountyDashboardTab(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.data: dict | None = None
        self.year = QComboBox()
        self.year.setObjectName("county_year")
        self.year.addItem(self.tr("本年度"), None)
        for y in range(date.today().year, date.today().year - 6, -1):
            self.year.addItem(str(y), y)
        self.year.currentIndexChanged.connect(lambda _i: self.reload())
        self.summary = QLabel()
        self.summary.setObjectName("county_summary")
        self.table = make_table("county_townships", COLS)
        self.table.setSortingEnabled(False)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("年度：")))
        top.addWidget(self.year)
        top.addWidget(self.summary, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(hint(self.tr("按支出进度排名。超过设定天数（默认 15 天）未收到同步包的乡镇标为红色，"
                                   "请电话提醒其导出同步包。")))

    def reload(self) -> None:
        year = self.year.currentData()
        self.ctx.query(lambda app: county_dashboard(app, year=year), title=self.tr("读取各乡镇进度"),
                     on_done=self._loaded, parent=self)

    def _loaded(self, data: dict) -> None:
        self.data = data
        rows = []
        for r in data["townships"]:
            k = r["risk"]
            age = r["package_age_days"]
            package = (self.tr("从未收到") if age is None else self.tr("{0} 天前").format(age)) + \
                ("" if r["enrolled"] else self.tr("（未登记）"))
            rows.append(dict(r, start=_pct(r["start_rate"]), finish=_pct(r["completion_rate"]),
                             spend=_pct(r["spending_rate"]), spent=wan(r["spent_fen"]),
                             risk_text=f"{k['red']}/{k['yellow']}/{k['green']}/{k['ungraded']}",
                             docs=_pct(r["checklist"]["rate"]),
                             notice_text=f"{r['notices']['overdue']}/{r['notices']['open']}", package=package))
        fill(self.table, COLS, rows, "township_code", warn=lambda r: r["silent"])
        t = data["totals"]
        self.summary.setText(self.tr("{0} 年：{1} 个项目，开工率 {2}，完工率 {3}，支出进度 {4}；{5} 个乡镇超过 {6} 天未报送")
                             .format(data["year"], t["projects"], _pct(t["start_rate"]), _pct(t["completion_rate"]),
                                     _pct(t["spending_rate"]), len(t["silent_townships"]), data["silent_days"]))
