"""Cumulative disbursement, spending and works progress over the year against milestone targets.

Drawn with QPainter (no QtCharts: keeps the installer small). Everything scales with the font,
so it stays readable at 125 % / 150 % display scaling and with the large-text setting.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

SERIES = [("disbursed_pct", "累计拨付", QColor("#1f6fb2")), ("spent_pct", "累计支出", QColor("#2e9d57")),
          ("works_pct", "工程进度", QColor("#e67e22"))]
TARGET_COLOR = QColor("#c0392b")
GRID = QColor("#d9dee4")


class ProgressChart(QWidget):
    """Set data with set_chart(chart_dict_from_dashboard_service)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("progress_chart")
        self.chart: dict | None = None
        self.year = date.today().year
        self.setMinimumSize(320, 220)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)

    def set_chart(self, chart: dict, year: int) -> None:
        self.chart, self.year = chart, year
        self.update()

    def _x(self, plot: QRectF, d: date) -> float:
        start, end = date(self.year, 1, 1), date(self.year, 12, 31)
        return plot.left() + plot.width() * (d - start).days / max((end - start).days, 1)

    @staticmethod
    def _y(plot: QRectF, pct: float) -> float:
        return plot.bottom() - plot.height() * max(0.0, min(pct, 100.0)) / 100.0

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        fm = self.fontMetrics()
        lh = fm.height()
        p.fillRect(self.rect(), QColor("white"))
        title = self.tr("{0} 年累计进度与节点目标").format(self.year)
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(QColor("#222"))
        p.drawText(QRectF(8, 4, self.width() - 16, lh + 4), Qt.AlignLeft | Qt.AlignVCenter, title)
        p.setFont(self.font())
        left = fm.horizontalAdvance("100%") + 14
        legend_lines = self._legend(p, QRectF(left, lh + 8, self.width() - left - 14, lh + 2))
        plot = QRectF(left, lh * (2 + legend_lines) + 16, 0, 0)
        plot.setRight(self.width() - 14)
        plot.setBottom(self.height() - lh - 12)
        p.setPen(QPen(GRID, 1))
        for pct in (0, 25, 50, 75, 100):
            y = self._y(plot, pct)
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(QColor("#666"))
            p.drawText(QRectF(0, y - lh / 2, plot.left() - 6, lh), Qt.AlignRight | Qt.AlignVCenter, f"{pct}%")
            p.setPen(QPen(GRID, 1))
        month_w = plot.width() / 12
        step = 1 if fm.horizontalAdvance("12月") + 4 <= month_w else (2 if fm.horizontalAdvance("12月") + 4 <= 2 * month_w else 3)
        for m in range(1, 13):
            x = self._x(plot, date(self.year, m, 1))
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            if (m - 1) % step == 0:  # fewer labels when large text would make them overlap
                p.setPen(QColor("#666"))
                mid = self._x(plot, date(self.year, m, 15))
                p.drawText(QRectF(mid - month_w, plot.bottom() + 4, 2 * month_w, lh), Qt.AlignCenter,
                           self.tr("{0}月").format(m))
            p.setPen(QPen(GRID, 1))
        if not self.chart or not self.chart.get("dates"):
            p.setPen(QColor("#888"))
            p.drawText(plot, Qt.AlignCenter, self.tr("该年度还没有资金或进度数据"))
            return
        today = date.today()
        if today.year == self.year:
            x = self._x(plot, today)
            p.setPen(QPen(QColor("#999"), 1, Qt.DashLine))
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        self._targets(p, plot, lh)
        dates = [date.fromisoformat(d) for d in self.chart["dates"]]
        for key, _label, color in SERIES:
            values = self.chart.get(key) or []
            path = QPainterPath()
            for i, (d, v) in enumerate(zip(dates, values)):
                pt = QPointF(self._x(plot, d), self._y(plot, v))
                path.moveTo(pt) if i == 0 else path.lineTo(pt)
            p.setPen(QPen(color, max(2.0, lh / 8)))
            p.setBrush(Qt.NoBrush)
            p.drawPath(path)
            if values:
                end = QPointF(self._x(plot, dates[-1]), self._y(plot, values[-1]))
                p.setBrush(color)
                p.drawEllipse(end, 3.5, 3.5)
                p.setBrush(Qt.NoBrush)

    def _legend(self, p: QPainter, rect: QRectF) -> int:
        """Draw the legend, wrapping onto more lines when it does not fit; returns the line count."""
        fm = self.fontMetrics()
        x, lines = rect.left(), 1
        items = [(self.tr(label), color, False) for _k, label, color in SERIES]
        items.append((self.tr("节点目标"), TARGET_COLOR, True))
        for text, color, marker in items:
            if x > rect.left() and x + 22 + fm.horizontalAdvance(text) > rect.right():
                x = rect.left()
                rect.translate(0, rect.height())
                lines += 1
            cy = rect.center().y()
            if marker:
                p.setPen(QPen(color, 2))
                p.drawRect(QRectF(x + 4, cy - 4, 8, 8))
            else:
                p.setPen(QPen(color, 3))
                p.drawLine(QPointF(x, cy), QPointF(x + 18, cy))
            p.setPen(QColor("#333"))
            p.drawText(QRectF(x + 22, rect.top(), fm.horizontalAdvance(text) + 4, rect.height()),
                       Qt.AlignLeft | Qt.AlignVCenter, text)
            x += 22 + fm.horizontalAdvance(text) + 18
        return lines

    def _targets(self, p: QPainter, plot: QRectF, lh: float) -> None:
        pts = []
        for t in self.chart.get("targets", []):
            d = date.fromisoformat(t["date"])
            pts.append((d, t["money_pct"], t["works_pct"]))
        if not pts:
            return
        p.setPen(QPen(TARGET_COLOR, 1, Qt.DotLine))
        prev = QPointF(self._x(plot, date(self.year, 1, 1)), self._y(plot, 0))
        for d, money, _works in pts:
            cur = QPointF(self._x(plot, d), self._y(plot, money))
            p.drawLine(prev, cur)
            prev = cur
        for d, money, works in pts:
            x = self._x(plot, d)
            for v in sorted({money, works}):
                p.setPen(QPen(TARGET_COLOR, 2))
                p.setBrush(QColor("white"))
                p.drawRect(QRectF(x - 5, self._y(plot, v) - 5, 10, 10))
            label = f"{d.month}/{d.day} {money}%" if money == works else f"{d.month}/{d.day} {money}%/{works}%"
            p.setPen(TARGET_COLOR)
            y = self._y(plot, max(money, works)) - lh - 6
            p.drawText(QRectF(x - 60, max(y, plot.top() - lh), 120, lh), Qt.AlignCenter, label)
