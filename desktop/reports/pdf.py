"""Writing a Report as a PDF for the tables handed in on paper: A4 landscape, embedded Chinese
font, the two-level header repeated on every page, signature lines and page x of y.

The page chrome and font come from desktop.pdf (shared with the checklist printouts). Column
widths are the Excel widths scaled to the page, so both outputs keep the same proportions.
"""
from __future__ import annotations

from pathlib import Path

from desktop.core.fileio import atomic_target
from desktop.reports.model import Report
from desktop.values.money import fen_to_wan_str, fen_to_yuan_display

SHADES = {"section": "#F0F0F0", "total": "#E3EAF4", "header": "#DCE3EC"}
RISK = {"红": "#F4B6B6", "黄": "#FBE7A1", "绿": "#C9E7C4"}


def text_of(col, value, unit: str) -> str:
    """How a value prints: amounts in 万元/元 with two decimals, shares as 12.5%, dates as ISO."""
    if value is None or value == "":
        return ""
    if col.kind == "money" and not isinstance(value, str):
        return fen_to_wan_str(value) if unit == "万元" else fen_to_yuan_display(value)
    if col.kind == "pct" and not isinstance(value, str):
        return f"{value * 100:.1f}%"
    if col.kind == "int" and not isinstance(value, str):
        return f"{value:,}"
    if col.kind == "date" and hasattr(value, "isoformat"):
        return f"{value.year}.{value.month}.{value.day}"
    return str(value)


def fit_widths(cols, texts: list[list[str]], frame: float, font: str, size: float) -> list[float] | None:
    """Widths that keep numbers, dates and short codes on one line; long text columns share the rest.

    None when even that does not fit (the caller then tries a smaller font)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pad = 7  # desktop.pdf.tables.cell keeps 3 pt padding each side; a little more so nothing wraps
    natural = []
    for k, c in enumerate(cols):
        longest = max((stringWidth(t[k], font, size) for t in texts[:2000] if t[k]), default=0)
        head = max((stringWidth(w, font, size) for w in (c.title[:4], (c.group or "")[:2])), default=0)
        natural.append(max(longest, head, size * 2) + pad)
    flexible = [k for k, c in enumerate(cols) if c.wrap or c.kind == "text" and natural[k] > size * 9]
    fixed = sum(natural[k] for k in range(len(cols)) if k not in flexible)
    room = frame - fixed
    minimum = [max(size * 4 + pad, min(natural[k], cols[k].width * size * 0.6)) for k in flexible]
    if room < sum(minimum):
        return None
    want = [min(natural[k], cols[k].width * size * 1.2) for k in flexible]
    share = room / sum(want) if sum(want) else 1
    widths = list(natural)
    for k, w, lo in zip(flexible, want, minimum):
        widths[k] = max(lo, w * share)
    excess = sum(widths) - frame
    if excess > 0:
        spare = [k for k, lo in zip(flexible, minimum) if widths[k] > lo]
        for k in spare:
            widths[k] -= excess * widths[k] / sum(widths[j] for j in spare)
    return widths


PAD_X, PAD_Y = 2, 1.5


def _height(cells, widths, leading: float) -> float:
    """A row's height: the tallest wrapped cell plus padding (so pages can be planned in advance)."""
    tallest = leading
    for v, w in zip(cells, widths):
        if hasattr(v, "wrap"):
            tallest = max(tallest, v.wrap(w - 2 * PAD_X, 1e6)[1])
        elif isinstance(v, str) and "\n" in v:
            tallest = max(tallest, leading * (v.count("\n") + 1))
    return tallest + 2 * PAD_Y


def _pages(heights: list[float], first: float, later: float) -> list[tuple[int, int]]:
    """[(start, end)] row ranges that fill each page; one table per page instead of one long table
    that reportlab would split again and again (quadratic in the number of rows)."""
    out, start, room = [], 0, first
    used = 0.0
    for i, h in enumerate(heights):
        if used + h > room and i > start:
            out.append((start, i))
            start, used, room = i, 0.0, later
        used += h
    out.append((start, len(heights)))
    return out


def _page_table_class():
    from reportlab.platypus import Flowable

    class PageTable(Flowable):
        """One page of the table, built when the page is laid out and dropped once drawn,
        so a 400-page table never sits in memory whole."""

        def __init__(self, make):
            super().__init__()
            self.make, self.table = make, None

        def wrap(self, aw, ah):
            self.table = self.make()
            return self.table.wrap(aw, ah)

        def drawOn(self, canvas, x, y, _sW=0):
            self.table.drawOn(canvas, x, y, _sW)
            self.table = None

    return PageTable


def write_report(report: Report, out, progress=None, installation: str = "") -> Path:
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

    from desktop.pdf.page import RecordDoc
    from desktop.pdf.tables import cell, styles

    out = Path(out)
    cols = report.shown
    PageTable = _page_table_class()
    with atomic_target(out) as tmp:
        doc = RecordDoc(str(tmp), title=report.title, installation=installation or "TownDesk", landscape_mode=True)
        st = styles(doc.font)
        texts = [[text_of(c, line.values.get(c.key), report.money_unit) for c in cols] for line in report.lines]
        for size in (7, 6.5, 6, 5.5):
            widths = fit_widths(cols, texts, doc.width, doc.font, size)
            if widths:
                break
        else:
            widths = [c.width * doc.width / sum(c.width for c in cols) for c in cols]
        leading = size * 1.23
        small = st["cell"].clone("td-report-cell", fontSize=size, leading=leading)
        head_top, head_sub, spans, tall = [], [], [], 0.0
        i = 0
        while i < len(cols):
            c = cols[i]
            j = i
            while c.group and j + 1 < len(cols) and cols[j + 1].group == c.group:
                j += 1
            if c.group:
                head_top += [cell(c.group, sum(widths[i:j + 1]), small)] + [""] * (j - i)
                head_sub += [cell(cols[k].title, widths[k], small) for k in range(i, j + 1)]
                spans.append(("SPAN", (i, 0), (j, 0)))
            else:
                title = f"{c.title}（{report.money_unit}）" if c.kind == "money" else c.title
                head_top.append(cell(title, widths[i], small))
                head_sub.append("")
                spans.append(("SPAN", (i, 0), (i, 1)))
                tall = max(tall, _height([head_top[-1]], [widths[i]], leading))
            i = j + 1
        grouped = [v if cols[n].group else "" for n, v in enumerate(head_top)]
        h_top = _height(grouped, widths, leading)
        h_sub = max(_height(head_sub, widths, leading), tall - h_top)
        base = [("FONT", (0, 0), (-1, -1), doc.font, size, leading),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#555555")),
                ("BACKGROUND", (0, 0), (-1, 1), colors.HexColor(SHADES["header"])),
                ("ALIGN", (0, 0), (-1, 1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD_X), ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
                ("TOPPADDING", (0, 0), (-1, -1), PAD_Y), ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y)] + spans
        for k, c in enumerate(cols):
            if c.kind in ("money", "int", "pct"):
                base.append(("ALIGN", (k, 2), (k, -1), "RIGHT"))
            elif c.kind in ("seq", "date", "risk", "flag"):
                base.append(("ALIGN", (k, 2), (k, -1), "CENTER"))
        def make_row(values):
            return [cell(v, w, small) if c.kind in ("text", "risk") else v for v, w, c in zip(values, widths, cols)]

        shades, heights = [], []
        total = len(report.lines)
        for n, (line, values) in enumerate(zip(report.lines, texts)):
            heights.append(_height(make_row(values), widths, leading))  # measured, then let go
            marks = [(0, -1, SHADES[line.kind])] if line.kind in SHADES else []
            marks += [(k, k, RISK[values[k]]) for k, c in enumerate(cols) if c.kind == "risk" and values[k] in RISK]
            shades.append(marks)
            if progress and n % 500 == 0:
                progress(n, total)
        head = [Paragraph(report.attachment, st["body"])] if report.attachment else []
        info = Table([[Paragraph(report.info_line, st["small"]), Paragraph(report.unit_line, st["small"])]],
                     colWidths=[doc.width * 0.75, doc.width * 0.25])
        info.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), doc.font, 8), ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                                  ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        head += [Paragraph(report.title, st["title"]), info, Spacer(1, 2 * mm)]
        used = sum(f.wrap(doc.width, doc.height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in head)
        story = list(head)
        ranges = _pages(heights, doc.height - used - h_top - h_sub - 4, doc.height - h_top - h_sub - 4)
        def make_table(a: int, b: int):
            style = list(base)
            for r in range(a, b):
                style += [("BACKGROUND", (c0, 2 + r - a), (c1, 2 + r - a), colors.HexColor(colour))
                          for c0, c1, colour in shades[r]]
            table = Table([head_top, head_sub] + [make_row(texts[r]) for r in range(a, b)], colWidths=widths,
                          rowHeights=[h_top, h_sub] + heights[a:b])
            table.setStyle(TableStyle(style))
            return table

        for p, (a, b) in enumerate(ranges):
            story += [PageTable(lambda a=a, b=b: make_table(a, b))] + ([PageBreak()] if p < len(ranges) - 1 else [])
        story += [Spacer(1, 3 * mm)] + [Paragraph(note, st["small"]) for note in report.notes]
        doc.build_story(story)
    return out
