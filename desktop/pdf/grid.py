"""A ruled grid drawn straight onto the canvas: the checklist's item rows, many pages of them.

Why not reportlab's Table: a Table measures every cell twice, builds a Paragraph for each cell
that wraps, and draws each string with its own text object; for a batch of 1,000 checklists that
was most of the time (docs/performance.md). The grid knows its rows are text in one font: each
cell is broken into lines once (greedy, character by character, as CJK text breaks; widths
cached per character), row heights are known before drawing, the text of a whole page goes into
one text object and the rules into one path. It splits between rows, repeating the header on
every page, and looks like the table it replaces: the same widths, font, padding, grid and shades.
"""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Flowable

PAD_X, PAD_Y = 3, 2
GRID = colors.HexColor("#555555")
HEADER_FILL = colors.HexColor("#E4E8EE")
GROUP_FILL = colors.HexColor("#F3F3F3")
NO_LINE_START = "，。、；：？！）》」』】%,.;:?!)"  # kept on the line before, with the character they follow
TICK = object()  # a cell holding a tick box to tick by hand


class LineBreaker:
    """Breaks text into lines no wider than a width, with each character's width measured once."""

    def __init__(self, font: str, size: float):
        self.font, self.size, self.widths, self.known = font, size, {}, {}
        self._doc, self._ops = None, {}

    def width(self, text: str) -> float:
        """Width of a whole string; states, dates and names repeat down a batch, so each is measured once."""
        w = self.known.get(text)
        if w is None:
            if len(self.known) > 50_000:
                self.known.clear()
            w = self.known[text] = stringWidth(text, self.font, self.size)
        return w

    def pdf_text(self, text, line: str) -> str:
        """What `text._formatText(line)` returns, with the line's subset encoding worked out once per document.

        Why: encoding a line for the embedded subset font (`splitString`, escaping) was the largest cost left in
        drawing a batch, and the same states, dates, labels and numbers recur on every page. The encoded pieces
        of a line do not change once its characters have their subset codes in this document; the font switches
        between pieces depend on the text object's current subset, so they are still decided per call."""
        canv = text._canvas
        doc = canv._doc
        font = getFont(text._fontname)
        if not font._dynamicFont or not canv.bottomup:
            return text._formatText(line)
        if doc is not self._doc or len(self._ops) > 50_000:
            self._doc, self._ops = doc, {}
        ops = self._ops.get(line)
        if ops is None:
            escape = canv._escape
            ops = self._ops[line] = [(subset, f"({escape(t)}) Tj") for subset, t in font.splitString(line, doc)]
        out, tmpl = [], None
        for subset, op in ops:
            if subset != text._curSubset:
                if not tmpl:
                    tmpl = f"{fp_str(text._fontsize)} Tf {fp_str(text._leading)} TL"
                out.append(f"{font.getSubsetInternalName(subset, doc)} {tmpl}")
                text._curSubset = subset
            out.append(op)
        return " ".join(out)

    def lines(self, text: str, room: float) -> list[str]:
        if not text:
            return [""]
        out = []
        for para in text.split("\n"):
            if self.width(para) <= room:
                out.append(para)
                continue
            line, used = [], 0.0
            for ch in para:
                w = self.widths.get(ch)
                if w is None:
                    w = self.widths[ch] = stringWidth(ch, self.font, self.size)
                if used + w > room and line:
                    carry = [line.pop()] if ch in NO_LINE_START and len(line) > 1 else []
                    out.append("".join(line))
                    line, used = carry, sum(self.widths[x] for x in carry)
                line.append(ch)
                used += w
            out.append("".join(line))
        return out


class Grid(Flowable):
    """Rows of text cells under a header; `groups` (row indexes) are single cells spanning the grid."""

    def __init__(self, header: list[str], rows: list[list], widths: list[float], *, font: str, size: float = 8.5,
                 leading: float = 11, groups=(), centred=(), breaker: LineBreaker | None = None,
                 header_fill=HEADER_FILL, column_fills: dict | None = None, _laid=None):
        super().__init__()
        self.header_fill, self.column_fills = header_fill, column_fills or {}
        self.header, self.widths, self.font, self.size, self.leading = header, widths, font, size, leading
        self.centred = set(centred)
        self.breaker = breaker or LineBreaker(font, size)
        self.width = sum(widths)
        self.head = _laid[0] if _laid else self._lay(header, False)
        self.body = _laid[1] if _laid else [self._lay(r, i in set(groups)) for i, r in enumerate(rows)]
        self.height = self.head[0] + sum(r[0] for r in self.body)

    def _lay(self, cells: list, group: bool) -> tuple:
        """(height, group?, [lines of each cell]) for one row."""
        if group:
            lines = [self.breaker.lines(str(cells[0]), self.width - 2 * PAD_X)]
        else:
            lines = [c if c is TICK else self.breaker.lines(c or "", w - 2 * PAD_X) for c, w in zip(cells, self.widths)]
        n = max(1 if c is TICK else len(c) for c in lines)
        return n * self.leading + 2 * PAD_Y, group, lines

    def wrap(self, aw, ah):
        return self.width, self.height

    def split(self, aw, ah):
        """The rows that fit under the header on this page, and the rest (with the header again)."""
        room, k = ah - self.head[0], 0
        while k < len(self.body) and self.body[k][0] <= room:
            room -= self.body[k][0]
            k += 1
        if k == 0 or k == len(self.body):
            return [] if k == 0 else [self]
        kw = dict(font=self.font, size=self.size, leading=self.leading, centred=self.centred, breaker=self.breaker,
                  header_fill=self.header_fill, column_fills=self.column_fills)
        return [Grid(self.header, [], self.widths, _laid=(self.head, self.body[:k]), **kw),
                Grid(self.header, [], self.widths, _laid=(self.head, self.body[k:]), **kw)]

    def draw(self):
        c = self.canv
        xs = [0.0]
        for w in self.widths:
            xs.append(xs[-1] + w)
        rows = [self.head] + self.body
        tops, y = [], self.height
        for h, *_ in rows:
            tops.append(y)
            y -= h
        c.saveState()
        for i, fill in self.column_fills.items():
            c.setFillColor(fill)
            c.rect(xs[i], 0, self.widths[i], self.height, stroke=0, fill=1)
        if self.header_fill is not None:
            c.setFillColor(self.header_fill)
            c.rect(0, tops[0] - self.head[0], self.width, self.head[0], stroke=0, fill=1)
        c.setFillColor(GROUP_FILL)
        for top, (h, group, _) in zip(tops[1:], self.body):
            if group:
                c.rect(0, top - h, self.width, h, stroke=0, fill=1)
        c.setFillColor(colors.black)
        text = c.beginText()
        text.setFont(self.font, self.size, self.leading)
        code = text._code
        pdf_text, bottomup = self.breaker.pdf_text, c.bottomup
        ticks = []
        for r, (top, (h, group, cells)) in enumerate(zip(tops, rows)):
            for i, lines in enumerate(cells):
                if lines is TICK:
                    ticks.append(((xs[i] + xs[i + 1]) / 2, top - h / 2))
                    continue
                room = (self.width if group else self.widths[i]) - 2 * PAD_X
                centre = r > 0 and i in self.centred and not group
                base = top - (h - len(lines) * self.leading) / 2 - self.leading + (self.leading - self.size) / 2 + 1.2
                for line in lines:
                    x = xs[i] + PAD_X + ((room - self.breaker.width(line)) / 2 if centre else 0)
                    if bottomup:  # what setTextOrigin appends (the origin is not read again: the code is final)
                        code.append(f"1 0 0 1 {fp_str(x, base)} Tm")
                    else:
                        text.setTextOrigin(x, base)
                    code.append(pdf_text(text, line))  # textOut without measuring the line again
                    base -= self.leading
        c.drawText(text)
        c.setStrokeColor(GRID)
        c.setLineWidth(0.4)
        rules = [(0, t, self.width, t) for t in tops] + [(0, 0, self.width, 0)]
        for top, (h, group, _) in zip(tops, rows):
            for x in (xs[1:-1] if not group else []):
                rules.append((x, top, x, top - h))
        rules += [(0, 0, 0, self.height), (self.width, 0, self.width, self.height)]
        c.lines(rules)
        c.setStrokeColor(colors.black)
        c.setLineWidth(0.6)
        side = 3.2 * 2.834645669
        for x, y in ticks:
            c.rect(x - side / 2, y - side / 2, side, side, stroke=1, fill=0)
        c.restoreState()
