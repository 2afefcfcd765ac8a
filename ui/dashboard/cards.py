"""Figure cards: a title, one big number, and a line that says what it is made of."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout

from ui.widgets.display import RISK_COLORS

# (key, title) of the seven cards, left to right
CARDS = (("projects", "本年度项目"), ("start", "开工率"), ("finish", "完工率"), ("disbursed", "资金拨付"),
         ("spent", "支出进度"), ("docs", "资料完整率"), ("risk", "风险项目"))


def _tr(text: str) -> str:
    return QCoreApplication.translate("DashboardPage", text)  # the page's translation context


def make_cards() -> dict[str, "Card"]:
    return {key: Card(key, _tr(title)) for key, title in CARDS}


def fill_cards(cards: dict[str, "Card"], c: dict) -> None:
    """Put the figures of a dashboard's `cards` dict (live, or the start cache's copy) on the cards."""
    cards["projects"].set(str(c["projects"]), _tr("计划投资 {0} 万元").format(c["planned_wan"]))
    cards["start"].set(f"{c['start_rate']:.1f}%", _tr("已开工 {0} / {1}").format(c["started"], c["projects"]))
    cards["finish"].set(f"{c['finish_rate']:.1f}%", _tr("已完工 {0} / {1}").format(c["finished"], c["projects"]))
    cards["disbursed"].set(f"{c['disbursement_rate']:.1f}%", _tr("已拨付 {0} 万元").format(c["disbursed_wan"]))
    cards["spent"].set(f"{c['spending_rate']:.1f}%", _tr("已支出 {0} 万元").format(c["spent_wan"]))
    cards["docs"].set(f"{c['docs_rate']:.1f}%", _tr("已齐 {0} / {1} 项").format(c["docs_complete"], c["docs_total"]))
    r = c["risk"]
    cards["risk"].set(
        f"<span style='color:{RISK_COLORS['red'].name()}'>{_tr('红 {0}').format(r['red'])}</span> "
        f"<span style='color:{RISK_COLORS['yellow'].name()}'>{_tr('黄 {0}').format(r['yellow'])}</span>",
        _tr("绿（正常） {0} 个").format(r["green"]))


class Card(QFrame):
    def __init__(self, key: str, title: str, parent=None):
        super().__init__(parent)
        self.setObjectName(f"card_{key}")
        self.setFrameShape(QFrame.StyledPanel)
        self.setStyleSheet(f"QFrame#card_{key} {{ background: white; border: 1px solid #d9dee4; border-radius: 4px; }}")
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Minimum)
        self.title = QLabel(title)
        self.title.setStyleSheet("color:#555;")
        self.value = QLabel("—")
        self.value.setObjectName(f"card_{key}_value")
        f = self.value.font()
        f.setPointSizeF(f.pointSizeF() * 1.7)
        f.setBold(True)
        self.value.setFont(f)
        self.value.setTextFormat(Qt.RichText)
        self.detail = QLabel("")
        self.detail.setStyleSheet("color:#555;")
        self.detail.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        lay.setSpacing(2)
        lay.addWidget(self.title)
        lay.addWidget(self.value)
        lay.addWidget(self.detail)
        self._fit_height()

    def _fit_height(self) -> None:
        # title + big value + up to two lines of detail, so large text never clips
        lh = self.fontMetrics().height()
        self.setMinimumHeight(int(lh * 1.1 + self.value.fontMetrics().height() + lh * 2.3 + 14))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            f = self.font()
            f.setPointSizeF(f.pointSizeF() * 1.7)
            f.setBold(True)
            self.value.setFont(f)
            self._fit_height()

    def set(self, value: str, detail: str = "", color: str | None = None) -> None:
        self.value.setText(f"<span style='color:{color}'>{value}</span>" if color else value)
        self.detail.setText(detail)
