"""Tables and small flowables for CJK records: wrapped cells, a tick box, signature lines.

Why the fit test: a Paragraph with wordWrap='CJK' wraps Chinese correctly but costs several
times a plain string; most cells (dates, states, numbers) fit on one line and stay plain.
"""
from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from desktop.pdf.fonts import register_cjk_font

PAD = 3  # points of cell padding each side


def styles(font: str | None = None) -> dict[str, ParagraphStyle]:
    font = font or register_cjk_font()
    return {
        "title": ParagraphStyle("td-title", fontName=font, fontSize=15, leading=20, alignment=1, spaceAfter=4,
                                wordWrap="CJK"),
        "subtitle": ParagraphStyle("td-sub", fontName=font, fontSize=9, leading=12, alignment=1, spaceAfter=6,
                                   textColor=colors.HexColor("#444444"), wordWrap="CJK"),
        "body": ParagraphStyle("td-body", fontName=font, fontSize=9, leading=12, wordWrap="CJK"),
        "cell": ParagraphStyle("td-cell", fontName=font, fontSize=8.5, leading=11, wordWrap="CJK"),
        "small": ParagraphStyle("td-small", fontName=font, fontSize=7.5, leading=10, wordWrap="CJK",
                                textColor=colors.HexColor("#444444")),
    }


def cell(text, width: float, style: ParagraphStyle):
    """A plain string when it fits on one line, else a wrapping Paragraph."""
    if text is None:
        return ""
    if not isinstance(text, str):
        return text
    if "\n" not in text and stringWidth(text, style.fontName, style.fontSize) <= width - 2 * PAD:
        return text
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


class TickBox(Flowable):
    """A square to tick by hand; drawn with a check mark when `checked`."""

    def __init__(self, size: float = 3.2 * mm, checked: bool = False):
        super().__init__()
        self.size, self.checked = size, checked
        self.width = self.height = size

    def wrap(self, aw, ah):
        return self.size, self.size

    def draw(self):
        c, s = self.canv, self.size
        c.setLineWidth(0.6)
        c.rect(0, 0, s, s)
        if self.checked:
            c.setLineWidth(1)
            c.lines([(s * 0.18, s * 0.5, s * 0.42, s * 0.2), (s * 0.42, s * 0.2, s * 0.85, s * 0.85)])


def record_table(header: list[str], rows: list[list], widths: list[float], *, font: str | None = None,
                 group_rows: list[int] = (), extra: list = ()) -> Table:
    """A grid with the header repeated on every page; `group_rows` (data indexes) span all columns."""
    st = styles(font)
    data = [[cell(h, w, st["cell"]) for h, w in zip(header, widths)]]
    for r in rows:
        data.append([cell(v, w, st["cell"]) for v, w in zip(r, widths)])
    t = Table(data, colWidths=widths, repeatRows=1, splitByRow=1)
    style = [
        ("FONT", (0, 0), (-1, -1), st["cell"].fontName, st["cell"].fontSize, st["cell"].leading),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#555555")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E4E8EE")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for i in group_rows:
        style += [("SPAN", (0, i + 1), (-1, i + 1)), ("BACKGROUND", (0, i + 1), (-1, i + 1), colors.HexColor("#F3F3F3"))]
    t.setStyle(TableStyle(style + list(extra)))
    return t


def signature_block(font: str | None = None, labels=("经办人", "审核人", "日期")) -> KeepTogether:
    """Lines for 经办人 / 审核人 / 日期, kept together on one page."""
    st = styles(font)
    line = "＿" * 9
    cells = [f"{labels[0]}：{line}", f"{labels[1]}：{line}", f"{labels[2]}：＿＿＿＿年＿＿月＿＿日"]
    t = Table([[Paragraph(c, st["body"]) for c in cells]], colWidths=[58 * mm, 58 * mm, 64 * mm])
    t.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 10)]))
    return KeepTogether([Spacer(1, 8 * mm), t])
