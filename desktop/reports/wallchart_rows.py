"""One project's band on the wall chart, the legend, and splitting bands over pages.

Marks, chosen to read from across a room: a light bar for the planned works period, a hollow
diamond for each planned milestone (labelled with its target), a filled dot where it was met
(green on time, orange late), a red diamond and a red dashed tail for a milestone overdue,
and a green square at the actual completion. Bars on the left show works and money progress,
orange when behind the milestone due, red when 20 points or more behind.
"""
from __future__ import annotations

from reportlab.lib.colors import white
from reportlab.lib.units import mm

from desktop.reports.wallchart_draw import BOTTOM, C, LEFT, M, RISK, _lines
from desktop.values.money import fen_to_wan_str


def paginate(chart, top: float, bottom: float, row_h: float, band_h: float) -> list[list]:
    """[(kind, obj)] per page; a group continued on a new page repeats its band with （续）."""
    pages, page, y = [], [], top
    for group in chart.groups:
        first = True
        for row in group.rows:
            need = row_h + (band_h if first or not page else 0)
            if y - need < bottom and page:
                pages.append(page)
                page, y = [], top
            if first or not page:
                page.append(("band", group.title if first else group.title.split("　")[0] + "（续）"))
                y -= band_h
                first = False
            page.append(("row", row))
            y -= row_h
    if page:
        pages.append(page)
    return pages


def _bar_colour(actual: float, target: int | None):
    if target is None or actual + 1e-9 >= target:
        return None
    return C["red"] if target - actual >= 20 else C["orange"]


class Rows:
    def __init__(self, painter):
        self.p, self.c = painter, painter.c
        self.xs = []
        x = M
        for _, w in LEFT:
            self.xs.append((x, w * mm))
            x += w * mm

    def background(self, top: float, r) -> None:
        if r.seq % 2 == 0:
            self.c.setFillColor(C["zebra"])
            self.c.rect(M, top - self.p.row_h, self.p.x_end - M, self.p.row_h, stroke=0, fill=1)

    def draw(self, top: float, r) -> None:
        p, c, k, rh = self.p, self.c, self.p.k, self.p.row_h
        mid = top - rh / 2
        c.setStrokeColor(C["grid"])
        c.setLineWidth(0.2)
        c.line(M, top - rh, p.x_end, top - rh)
        (x0, w0), (x1, w1), (x2, w2), (x3, w3), (x4, w4), (x5, w5), (x6, w6), (x7, w7) = self.xs
        base = mid - 1.1 * mm * k
        p.text(x0 + w0 / 2, base, str(r.seq), 7.5 * k, align="center")
        self._wrapped(x1 + 1.2 * mm, mid, r.name, w1 - 2.4 * mm, 7.5 * k)
        self._wrapped(x2 + 1 * mm, mid, r.place, w2 - 2 * mm, 7 * k)
        p.text(x3 + w3 / 2, base, r.person[:6], 7.5 * k, align="center")
        p.text(x4 + w4 - 1.2 * mm, base, fen_to_wan_str(r.planned_fen), 7.5 * k, align="right")
        self._bar(x5, w5, mid, r.works_pct, _bar_colour(r.works_pct, r.works_target) or C["blue"])
        money = None if r.spent_pct is None else r.spent_pct * 100
        self._bar(x6, w6, mid, money, _bar_colour(money or 0, r.money_target) or C["green"])
        self._risk(x7, w7, mid, r.risk)
        self._timeline(mid, r)

    def _wrapped(self, x, mid, text, width, size) -> None:
        lines = _lines(text or "", width, self.p.font, size, 2)
        lead = size * 1.2
        y = mid + (len(lines) - 1) * lead / 2 - size * 0.35
        for ln in lines:
            self.p.text(x, y, ln, size)
            y -= lead

    def _bar(self, x, w, mid, pct, colour) -> None:
        c = self.c
        k = self.p.k
        bw, bh = w - 11 * mm, 2.6 * mm * k
        bx = x + 1.2 * mm
        c.setStrokeColor(C["grid"])
        c.setFillColor(white)
        c.setLineWidth(0.4)
        c.rect(bx, mid - bh / 2, bw, bh, stroke=1, fill=1)
        if pct is None:
            self.p.text(x + w - 1 * mm, mid - 1.1 * mm * k, "—", 7 * k, C["muted"], "right")
            return
        c.setFillColor(colour)
        c.rect(bx, mid - bh / 2, bw * min(max(pct, 0), 100) / 100, bh, stroke=0, fill=1)
        self.p.text(x + w - 1 * mm, mid - 1.1 * mm * k, f"{pct:.0f}%", 7 * k,
                    colour if colour != C["blue"] else C["dark"], "right")

    def _risk(self, x, w, mid, risk) -> None:
        k = self.p.k
        if risk not in RISK:
            self.p.text(x + w / 2, mid - 1.1 * mm * k, "—", 7.5 * k, C["muted"], "center")
            return
        word, fill, ink = RISK[risk]
        self.c.setFillColor(fill)
        self.c.roundRect(x + 1.5 * mm, mid - 2.2 * mm * k, w - 3 * mm, 4.4 * mm * k, 1 * mm, stroke=0, fill=1)
        self.p.text(x + w / 2, mid - 1.2 * mm * k, word, 8 * k, ink, "center")

    def _timeline(self, mid, r) -> None:
        p, c, k = self.p, self.c, self.p.k
        dates = [m[1] for m in r.milestones]
        start = r.start or (min(dates) if dates else None)
        if start and r.planned_end:
            x0, x1 = p.x_of(start), p.x_of(r.planned_end)
            c.setFillColor(C["plan"])
            c.rect(x0, mid - 0.9 * mm * k, max(x1 - x0, 0.5), 1.8 * mm * k, stroke=0, fill=1)
        today = p.chart.as_of
        for name, planned, actual, works, money in r.milestones:
            x = p.x_of(planned)
            overdue = actual is None and planned < today
            if overdue:
                c.setStrokeColor(C["red"])
                c.setDash(2, 1.5)
                c.setLineWidth(0.9)
                c.line(x, mid, p.x_of(today), mid)
                c.setDash()
            elif actual is not None and actual != planned:
                c.setStrokeColor(C["orange"] if actual > planned else C["green"])
                c.setLineWidth(0.7)
                c.line(x, mid, p.x_of(actual), mid)
            self._diamond(x, mid, 1.6 * mm * k, C["red"] if overdue else C["dark"],
                          C["redlight"] if overdue else white)
            label = f"{money or works}%" if (money or works) else "前期"
            p.text(x, mid + 2.1 * mm * k, label, 5.5 * k, C["red"] if overdue else C["muted"], "center")
            if actual is not None:
                c.setFillColor(C["green"] if actual <= planned else C["orange"])
                c.circle(p.x_of(actual), mid, 1.1 * mm * k, stroke=0, fill=1)
        if r.actual_end:
            x, s = p.x_of(r.actual_end), 1.2 * mm * k
            c.setFillColor(C["green"])
            c.rect(x - s, mid - s, 2 * s, 2 * s, stroke=0, fill=1)

    def _diamond(self, x, y, s, stroke, fill) -> None:
        c = self.c
        path = c.beginPath()
        path.moveTo(x, y + s)
        path.lineTo(x + s, y)
        path.lineTo(x, y - s)
        path.lineTo(x - s, y)
        path.close()
        c.setStrokeColor(stroke)
        c.setFillColor(fill)
        c.setLineWidth(0.8)
        c.drawPath(path, stroke=1, fill=1)

    def legend(self) -> None:
        """The key to the marks, on every page."""
        p, c = self.p, self.c
        y = BOTTOM - 7 * mm
        x = M
        p.text(x, y - 1 * mm, "图例：", 8)
        x += 11 * mm
        items = [("plan", "计划工期"), ("diamond", "计划节点（目标%）"), ("dot_green", "按期完成"),
                 ("dot_orange", "逾期完成"), ("overdue", "逾期未完成"), ("square", "实际完工"), ("today", "统计日"),
                 ("bar_blue", "工程进度"), ("bar_green", "支出进度"), ("bar_orange", "落后于节点目标"),
                 ("bar_red", "落后20个百分点以上")]
        for kind, label in items:
            self._legend_mark(kind, x + 3 * mm, y)
            p.text(x + 8 * mm, y - 1 * mm, label, 7.5)
            x += 8 * mm + len(label) * 2.9 * mm + 4 * mm
        for key in ("red", "yellow", "green"):
            word, fill, ink = RISK[key]
            c.setFillColor(fill)
            c.roundRect(x, y - 2 * mm, 6 * mm, 4 * mm, 1 * mm, stroke=0, fill=1)
            p.text(x + 3 * mm, y - 1 * mm, word, 7.5, ink, "center")
            x += 7 * mm
        p.text(x + 1 * mm, y - 1 * mm, "风险等级", 7.5)

    def _legend_mark(self, kind, x, y) -> None:
        c = self.c
        if kind == "plan":
            c.setFillColor(C["plan"])
            c.rect(x - 3 * mm, y - 0.9 * mm, 6 * mm, 1.8 * mm, stroke=0, fill=1)
        elif kind in ("diamond", "overdue"):
            if kind == "overdue":
                c.setStrokeColor(C["red"])
                c.setDash(2, 1.5)
                c.line(x, y, x + 4 * mm, y)
                c.setDash()
            self._diamond(x, y, 1.6 * mm, C["red"] if kind == "overdue" else C["dark"],
                          C["redlight"] if kind == "overdue" else white)
        elif kind.startswith("dot"):
            c.setFillColor(C[kind.split("_")[1]])
            c.circle(x, y, 1.1 * mm, stroke=0, fill=1)
        elif kind == "square":
            c.setFillColor(C["green"])
            c.rect(x - 1.2 * mm, y - 1.2 * mm, 2.4 * mm, 2.4 * mm, stroke=0, fill=1)
        elif kind == "today":
            c.setStrokeColor(C["today"])
            c.setDash(3, 2)
            c.line(x, y - 2 * mm, x, y + 2 * mm)
            c.setDash()
        else:
            c.setFillColor(C[kind.split("_")[1]])
            c.rect(x - 3 * mm, y - 1.3 * mm, 6 * mm, 2.6 * mm, stroke=0, fill=1)
