"""Drawing the wall chart with the reportlab canvas: header, month time line, one band per project.

Why a canvas and not a table: milestones sit at their dates on a shared time line, which a
table cannot express. Every page is drawn at A3 size; for A4 tiles the same drawing is kept
as a form and placed, scaled and clipped, on two A4 sheets with a glue margin.
"""
from __future__ import annotations

from datetime import date

from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from desktop.pdf.fonts import register_cjk_font

W, H = landscape(A3)
M = 10 * mm
LEFT = [("序号", 8), ("项目名称", 64), ("实施地点", 24), ("责任人", 14), ("计划投资\n（万元）", 17),
        ("工程进度", 22), ("支出进度", 22), ("风险", 10)]
ROW_H, MAX_ROW_H, BAND_H, HEAD_H = 7.2 * mm, 12 * mm, 5.6 * mm, 11 * mm
TOP = H - M - 22 * mm
BOTTOM = M + 15 * mm
C = {"grid": HexColor("#B8BEC6"), "dark": HexColor("#333333"), "muted": HexColor("#6B7280"),
     "zebra": HexColor("#F5F7FA"), "band": HexColor("#E3EAF4"), "head": HexColor("#DCE3EC"),
     "plan": HexColor("#BFD4EE"), "blue": HexColor("#3B7DD8"), "green": HexColor("#2E9D5B"),
     "orange": HexColor("#E8912D"), "red": HexColor("#D64541"), "yellow": HexColor("#F2C12E"),
     "redlight": HexColor("#F8D3D0"), "today": HexColor("#D64541"), "month": HexColor("#EEF2F7")}
RISK = {"red": ("红", C["red"], white), "yellow": ("黄", C["yellow"], HexColor("#3A3000")),
        "green": ("绿", C["green"], white)}


def _lines(text: str, width: float, font: str, size: float, most: int) -> list[str]:
    """Chinese-aware wrapping by measured width; the last line ends in … when cut."""
    out, cur = [], ""
    for ch in text:
        if stringWidth(cur + ch, font, size) > width:
            out.append(cur)
            cur = ch
        else:
            cur += ch
    out.append(cur)
    if len(out) > most:
        out = out[:most]
        while out[-1] and stringWidth(out[-1] + "…", font, size) > width:
            out[-1] = out[-1][:-1]
        out[-1] += "…"
    return out


class Painter:
    """Draws one A3 page of the chart at a time."""

    def __init__(self, canvas: Canvas, chart, font: str, row_h: float = ROW_H):
        self.c, self.chart, self.font = canvas, chart, font
        self.row_h = row_h
        self.k = min(1.35, row_h / ROW_H)  # a short list gets taller rows and larger marks
        self.x_time = M + sum(w for _, w in LEFT) * mm
        self.x_end = W - M
        self.days = (chart.end - chart.start).days

    def x_of(self, d: date) -> float:
        d = min(max(d, self.chart.start), self.chart.end)
        return self.x_time + (self.x_end - self.x_time) * (d - self.chart.start).days / self.days

    def text(self, x, y, s, size=8, color=None, align="left"):
        c = self.c
        c.setFont(self.font, size)
        c.setFillColor(color or C["dark"])
        {"left": c.drawString, "right": c.drawRightString, "center": c.drawCentredString}[align](x, y, s)

    # page furniture -------------------------------------------------------------------------
    def header(self, page: int, pages: int) -> None:
        ch, c = self.chart, self.c
        self.text(M, H - M - 8 * mm, ch.title, 20)
        self.text(M, H - M - 14.5 * mm, ch.subtitle, 9.5, C["muted"])
        x = W - M
        risk = ch.totals["risk"]
        for key in ("green", "yellow", "red"):
            word, fill, ink = RISK[key]
            label = f"{word} {risk[key]} 个"
            w = stringWidth(label, self.font, 10) + 4 * mm
            x -= w
            c.setFillColor(fill)
            c.roundRect(x, H - M - 9.6 * mm, w, 6 * mm, 1.5 * mm, stroke=0, fill=1)
            self.text(x + w / 2, H - M - 7.7 * mm, label, 10, ink, "center")
            x -= 1.5 * mm
        self.text(x - 2 * mm, H - M - 7.7 * mm, f"逾期未完成节点 {ch.totals['overdue']} 个", 10, C["red"], "right")
        self.text(W - M, H - M - 14.5 * mm, f"第 {page} / {pages} 页", 9.5, C["muted"], "right")
        self.columns_head()

    def columns_head(self) -> None:
        c, top = self.c, TOP
        c.setFillColor(C["head"])
        c.rect(M, top - HEAD_H, self.x_end - M, HEAD_H, stroke=0, fill=1)
        x = M
        for title, w in LEFT:
            lines = title.split("\n")
            for i, ln in enumerate(lines):
                self.text(x + w * mm / 2, top - HEAD_H / 2 - 1.2 * mm + (len(lines) - 1 - 2 * i) * 1.7 * mm,
                          ln, 8, align="center")
            x += w * mm
        d = self.chart.start
        while d < self.chart.end:
            nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
            x0, x1 = self.x_of(d), self.x_of(nxt)
            if d.month % 2 == 0:
                c.setFillColor(C["month"])
                c.rect(x0, top - HEAD_H, x1 - x0, HEAD_H / 2, stroke=0, fill=1)
            self.text((x0 + x1) / 2, top - HEAD_H + 1.8 * mm, f"{d.month}月", 8, align="center")
            if d.month == 1 or d == self.chart.start:
                self.text(x0 + 1 * mm, top - HEAD_H / 2 + 1.6 * mm, f"{d.year}年", 8, C["muted"])
            d = nxt
        c.setStrokeColor(C["grid"])
        c.setLineWidth(0.5)
        c.line(M, top, self.x_end, top)
        c.line(M, top - HEAD_H, self.x_end, top - HEAD_H)

    def grid(self, bottom: float) -> None:
        """Month lines over the rows, the left column rules and the today line."""
        c, top = self.c, TOP - HEAD_H
        d = self.chart.start
        while d <= self.chart.end:
            c.setStrokeColor(C["grid"])
            c.setLineWidth(0.6 if d.month in (1, 4, 7, 10) else 0.25)
            x = self.x_of(d)
            c.line(x, TOP, x, bottom)
            d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        x = M
        c.setLineWidth(0.4)
        for _, w in LEFT:
            c.line(x, TOP, x, bottom)
            x += w * mm
        c.line(self.x_end, TOP, self.x_end, bottom)
        c.line(M, bottom, self.x_end, bottom)
        today = self.chart.as_of
        if self.chart.start <= today <= self.chart.end:
            x = self.x_of(today)
            c.setStrokeColor(C["today"])
            c.setLineWidth(1)
            c.setDash(3, 2)
            c.line(x, top, x, bottom)
            c.setDash()
            label = f"{today.month}月{today.day}日"
            c.setFillColor(C["today"])
            w = stringWidth(label, self.font, 7) + 2 * mm
            c.roundRect(x - w / 2, top - 3.6 * mm, w, 3.4 * mm, 0.8 * mm, stroke=0, fill=1)
            self.text(x, top - 2.8 * mm, label, 7, white, "center")

    def band_fill(self, y: float) -> None:
        self.c.setFillColor(C["band"])
        self.c.rect(M, y - BAND_H, self.x_end - M, BAND_H, stroke=0, fill=1)

    def band_text(self, y: float, title: str) -> None:
        self.c.setFillColor(C["band"])
        w = stringWidth(title, self.font, 8.5) + 4 * mm
        self.c.rect(M + 0.3, y - BAND_H + 0.3, w, BAND_H - 0.6, stroke=0, fill=1)
        self.text(M + 2 * mm, y - BAND_H + 1.7 * mm, title, 8.5)

    def footer(self) -> None:
        ch = self.chart
        self.text(M, M, f"TownDesk · {ch.installation} · 打印于 {date.today().isoformat()}　"
                        "注：节点与目标取自倒排工期表；支出进度＝已支出÷计划投资；进度条橙色表示落后于当期节点目标，"
                        "红色表示落后 20 个百分点以上。", 7.5, C["muted"])



def draw_chart(chart, target, paper: str) -> int:
    """Draw every page; returns the number of A3 pages."""
    from desktop.reports.wallchart_rows import paginate

    font = register_cjk_font()
    rows = sum(len(g.rows) for g in chart.groups)
    room = TOP - HEAD_H - BOTTOM - len(chart.groups) * BAND_H
    row_h = min(MAX_ROW_H, max(ROW_H, room / max(rows, 1) - 0.01))  # fill a single page, never split one
    pages = paginate(chart, TOP - HEAD_H, BOTTOM, row_h, BAND_H)
    c = Canvas(str(target), pagesize=(W, H) if paper == "A3" else A4)
    c.setTitle(chart.title)
    c.setAuthor(f"TownDesk · {chart.installation}")
    c.setCreator("TownDesk")
    for n, items in enumerate(pages, 1):
        if paper == "A3":
            _page(c, chart, font, items, n, len(pages), row_h)
            c.showPage()
        else:
            name = f"wallchart_page_{n}"
            c.beginForm(name, lowerx=0, lowery=0, upperx=W, uppery=H)
            _page(c, chart, font, items, n, len(pages), row_h)
            c.endForm()
            _tiles(c, font, name, n, len(pages))
    c.save()
    return len(pages)


def _page(c, chart, font, items, n, total, row_h) -> None:
    from desktop.reports.wallchart_rows import Rows

    p = Painter(c, chart, font, row_h)
    p.header(n, total)
    rows = Rows(p)
    placed, y = [], TOP - HEAD_H
    for kind, obj in items:
        placed.append((kind, obj, y))
        y -= BAND_H if kind == "band" else row_h
    for kind, obj, top in placed:  # backgrounds, then the grid, then marks on top of both
        p.band_fill(top) if kind == "band" else rows.background(top, obj)
    p.grid(y)
    for kind, obj, top in placed:
        p.band_text(top, obj) if kind == "band" else rows.draw(top, obj)
    rows.legend()
    p.footer()


def _tiles(c, font, form: str, n: int, total: int) -> None:
    """The A3 page on two A4 portrait sheets, scaled to 88 % with an 8 mm glue strip."""
    aw, ah = A4
    margin, overlap = 8 * mm, 8 * mm
    s = min((aw - 2 * margin - overlap) / (W / 2), (ah - 2 * margin) / H)
    half = W / 2
    y0 = ah - margin - H * s  # the scaled page hangs from the top margin
    for side, x0 in (("左半", 0), ("右半", half - overlap / s)):
        c.saveState()
        path = c.beginPath()
        path.rect(margin, y0, half * s + overlap, H * s)
        c.clipPath(path, stroke=0, fill=0)
        c.translate(margin - x0 * s, y0)
        c.scale(s, s)
        c.doForm(form)
        c.restoreState()
        c.setFont(font, 8)
        c.setFillColor(C["muted"])
        c.drawString(margin, ah - margin + 2 * mm, f"挂图作战图 第 {n}/{total} 页 · {side}（A4 拼贴，共 2 张）")
        c.setStrokeColor(C["muted"])
        c.setDash(2, 2)
        glue_x = margin + half * s if side == "左半" else margin + overlap
        c.line(glue_x, y0, glue_x, ah - margin)
        c.setDash()
        c.drawString(margin, y0 - 5 * mm, "沿虚线与另一张对齐粘贴（虚线外为重叠粘贴区）")
        c.showPage()
