"""An A4 document template for printed records.

Every page: a running header (section title, installation name), signature lines
(经办人 / 审核人 / 日期, so each page can be signed), a footer with 第 x 页 / 共 y 页
(within the section, e.g. one project's checklist in a batch), the overall page, the printed-at
time and the installation name. "共 y 页" is a PDF form XObject defined when the section ends,
so pages stream out instead of being held in memory until the total is known.
"""
from __future__ import annotations

from datetime import datetime

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from desktop.pdf.fonts import register_cjk_font

MARGIN = 15 * mm


class SectionStart(Flowable):
    """Starts a numbered section (a new page is the caller's business): sets the running header."""

    def __init__(self, header: str):
        super().__init__()
        self.header = header
        self.width = self.height = 0

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        self.canv._td_doc.start_section(self.canv, self.header)


class DocumentEnd(Flowable):
    """Closes the last section (defines its page total and the document's)."""

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        self.canv._td_doc.end_document(self.canv)


class RecordDoc(BaseDocTemplate):
    """A4 (portrait or landscape) with the TownDesk page chrome. Build with `build_story`."""

    def __init__(self, target, *, title: str, installation: str, landscape_mode: bool = False,
                 printed_at: datetime | None = None, batch: bool = False, signature: bool = True, **kw):
        self.font = register_cjk_font()
        size = landscape(A4) if landscape_mode else A4
        super().__init__(target, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 4 * mm,
                         bottomMargin=MARGIN + (14 if signature else 4) * mm, title=title, author=f"TownDesk · {installation}",
                         creator="TownDesk", initialFontName=self.font, **kw)
        self.installation, self.batch, self.signature = installation, batch, signature
        self.printed_at = (printed_at or datetime.now()).strftime("%Y-%m-%d %H:%M")
        self.section_no, self.section_start, self.header = 0, 1, title
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._on_page,
                                            onPageEnd=self._on_page_end)])

    # sections -----------------------------------------------------------------------------
    def _define_total(self, canv, name: str, total: int) -> None:
        canv.saveState()
        canv.beginForm(name, lowerx=0, lowery=-3, upperx=60, uppery=12)
        canv.setFont(self.font, 8)
        canv.drawString(0, 0, f"{total} 页")
        canv.endForm()
        canv.restoreState()

    def start_section(self, canv, header: str) -> None:
        page = canv.getPageNumber()
        if self.section_no:
            self._define_total(canv, f"td_total_{self.section_no}", page - self.section_start)
        self.section_no += 1
        self.section_start, self.header = page, header

    def end_document(self, canv) -> None:
        page = canv.getPageNumber()
        self._define_total(canv, f"td_total_{max(self.section_no, 1)}", page - self.section_start + 1)
        self._define_total(canv, "td_total_all", page)
        self._ended = True

    # page chrome ---------------------------------------------------------------------------
    def _on_page(self, canv, doc) -> None:
        canv._td_doc = self

    def _on_page_end(self, canv, doc) -> None:
        w, h = self.pagesize
        canv.saveState()
        canv.setFont(self.font, 8)
        canv.setStrokeGray(0.6)
        top = h - MARGIN + 1 * mm
        canv.drawString(self.leftMargin, top, self.header[:80])
        canv.drawRightString(w - self.rightMargin, top, f"TownDesk · {self.installation}")
        canv.line(self.leftMargin, top - 1.5 * mm, w - self.rightMargin, top - 1.5 * mm)
        y = MARGIN - 2 * mm
        canv.line(self.leftMargin, y + 4 * mm, w - self.rightMargin, y + 4 * mm)
        canv.drawString(self.leftMargin, y, f"打印时间：{self.printed_at}")
        n = canv.getPageNumber()
        label = f"第 {n - self.section_start + 1} 页 / 共 "
        x = w / 2 - 20 * mm
        canv.drawString(x, y, label)
        canv.translate(x + canv.stringWidth(label, self.font, 8), y)
        canv.doForm(f"td_total_{max(self.section_no, 1)}")
        canv.translate(-(x + canv.stringWidth(label, self.font, 8)), -y)
        if self.batch:
            canv.drawString(w / 2 + 14 * mm, y, f"（全册第 {n} 页）")
        canv.drawRightString(w - self.rightMargin, y, self.installation)
        if self.signature:
            self._draw_signature(canv, MARGIN + 6 * mm)
        canv.restoreState()

    def _draw_signature(self, canv, y: float) -> None:
        """经办人 / 审核人 / 日期 on every page, so each printed page can be signed."""
        canv.setFont(self.font, 10)
        canv.setStrokeGray(0)
        span = (self.pagesize[0] - self.leftMargin - self.rightMargin) / 3
        for i, label in enumerate(("经办人：", "审核人：", "日期：")):
            x = self.leftMargin + i * span
            canv.drawString(x, y, label)
            x0 = x + canv.stringWidth(label, self.font, 10)
            canv.line(x0, y - 1, x + span - 8 * mm, y - 1)

    def build_story(self, story) -> None:
        """Build from a list or an iterator of flowables (an iterator keeps memory flat for big batches).

        Each section begins with SectionStart (a first one is added if absent)."""
        it = iter(story)
        first = next(it, None)
        head = [first] if isinstance(first, SectionStart) else [SectionStart(self.title)] + ([first] if first else [])
        self.build(LazyStory(head, it, [DocumentEnd()]))


class LazyStory(list):
    """A story list that pulls flowables from an iterator as reportlab consumes them.

    reportlab's build loop asks len(), reads and deletes from the front and puts split parts
    back at the front, so topping the list up in __len__ is enough.
    """

    LOW = 64

    def __init__(self, head: list, source, tail: list):
        super().__init__(head)
        self.source, self.tail = source, tail

    def __len__(self) -> int:
        n = super().__len__()
        if n < self.LOW and self.source is not None:
            for f in self.source:
                self.append(f)
                if super().__len__() >= 2 * self.LOW:
                    break
            else:
                self.extend(self.tail)
                self.source = None
            n = super().__len__()
        return n


def new_section(header: str, first: bool) -> list:
    """Flowables that begin a section on a fresh page."""
    return ([] if first else [PageBreak()]) + [SectionStart(header)]
