"""A small writer for official-style Word documents (python-docx), used by make_templates.py.

Why: the built-in templates must be reproducible from source, and look like the documents a
township office sends (A4, GB/T 9704-2012: margins 37/28/26/35 mm, 仿宋_GB2312 三号 body, 22 lines ×
28 characters, 方正小标宋简体 二号 title, 黑体/楷体 headings, 宋体 tables, page numbers), so each is written by code instead of by hand in Word.
Saved files have fixed timestamps, so the same script always gives the same bytes.
"""
from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

FIXED_TIME = datetime(2020, 1, 1, 0, 0, 0)
LATIN = "Times New Roman"


def _fonts(rpr_owner, east_asia: str) -> None:
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), LATIN)
    fonts.set(qn("w:eastAsia"), east_asia)


_AFTER_AUTOSPACE = ("bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
                    "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl",
                    "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")


def _no_autospace(style) -> None:
    """No extra gap between Chinese and digits (a date like 2020年7月31日 stays on one table line), and table
    text off the page's 22-line grid (it would make every table row a full body line tall)."""
    ppr = style.element.get_or_add_pPr()
    later = next((c for c in ppr if c.tag.split("}")[1] in _AFTER_AUTOSPACE), None)
    for name in ("w:autoSpaceDE", "w:autoSpaceDN", "w:snapToGrid"):  # schema order: these precede spacing/ind/jc
        el = OxmlElement(name)
        el.set(qn("w:val"), "0")
        later.addprevious(el) if later is not None else ppr.append(el)


BODY_FONT, TITLE_FONT, KAI_FONT = "仿宋_GB2312", "方正小标宋简体", "楷体_GB2312"
LINE = 28.95  # pt: 22 lines in the 225 mm type area of GB/T 9704


def _doc_grid(sec) -> None:
    """The line grid of GB/T 9704: 22 lines a page (Word's 文档网格, read by WPS and LibreOffice).

    Only lines: a character grid (linesAndChars, charSpace -849 for 28 characters) is read by
    LibreOffice as two grid cells per character (14 a line, seen in its PDF), so the 28 characters
    come from the 16 pt 仿宋 in the 156 mm type area instead (27.6 → 28 with the default tracking)."""
    grid = sec._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sec._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), "579")  # 225 mm / 22 lines, in twips


class OfficialDoc:
    """One document: add title, headings, paragraphs, tables; save reproducibly."""

    def __init__(self, title: str):
        self.doc = Document()
        sec = self.doc.sections[0]
        sec.page_width, sec.page_height = Cm(21), Cm(29.7)
        sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Cm(3.7), Cm(3.5), Cm(2.8), Cm(2.6)
        sec.footer_distance = Cm(2.5)
        _doc_grid(sec)
        self._styles()
        self._page_numbers(sec)
        cp = self.doc.core_properties
        cp.title, cp.author, cp.last_modified_by, cp.comments = title, "TownDesk", "TownDesk", "TownDesk 内置模板"
        cp.created = cp.modified = cp.last_printed = FIXED_TIME
        cp.revision = 1

    def _style(self, name: str, font: str, size: float, *, bold=False, align=None, indent=True, line=LINE,
               before=0.0, after=0.0, italic=False, color=None):
        styles = self.doc.styles
        st = styles["Normal"] if name == "Normal" else styles.add_style(name, 1)
        if name != "Normal":
            st.base_style = styles["Normal"]
        st.font.size, st.font.bold, st.font.italic = Pt(size), bold, italic
        if color:
            st.font.color.rgb = RGBColor.from_string(color)
        _fonts(st.element, font)
        pf = st.paragraph_format
        pf.line_spacing_rule, pf.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(line)
        pf.space_before, pf.space_after = Pt(before), Pt(after)
        pf.first_line_indent = Pt(size * 2) if indent else Pt(0)
        if align is not None:
            pf.alignment = align
        return st

    def _styles(self) -> None:
        # GB/T 9704-2012: body 3号 (16 pt) 仿宋_GB2312, title 2号 (22 pt) 方正小标宋简体, 22 lines × 28 characters.
        # The docx names the official fonts; where they are missing Word/WPS/LibreOffice substitute.
        self._style("Normal", BODY_FONT, 16, align=WD_ALIGN_PARAGRAPH.LEFT)
        self._style("TDTitle", TITLE_FONT, 22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, line=LINE * 1.25,
                    after=12)
        self._style("TDSubtitle", KAI_FONT, 16, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=6)
        self._style("TDHeading1", "黑体", 16)
        self._style("TDHeading2", KAI_FONT, 16)
        self._style("TDFlush", BODY_FONT, 16, indent=False)
        self._style("TDSign", BODY_FONT, 16, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
        self._style("TDNote", KAI_FONT, 14, italic=True, color="1F4E79")
        for name, align in (("TDTable", WD_ALIGN_PARAGRAPH.CENTER), ("TDTableLeft", WD_ALIGN_PARAGRAPH.LEFT)):
            _no_autospace(self._style(name, "宋体", 10.5, indent=False, line=16, align=align))
        self._style("TDPageNo", "宋体", 14, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, line=20)

    def _page_numbers(self, sec) -> None:
        p = sec.footer.paragraphs[0]
        p.style = self.doc.styles["TDPageNo"]
        p.add_run("— ")
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), "PAGE")
        r, t = OxmlElement("w:r"), OxmlElement("w:t")
        t.text = "1"
        r.append(t)
        fld.append(r)
        p._p.append(fld)
        p.add_run(" —")

    # text -----------------------------------------------------------------
    def p(self, text: str = "", style: str | None = None):
        return self.doc.add_paragraph(text, style=self.doc.styles[style] if style else None)

    def title(self, text: str, subtitle: str | None = None) -> None:
        self.p(text, "TDTitle")
        if subtitle:
            self.p(subtitle, "TDSubtitle")

    def h1(self, text: str) -> None:
        self.p(text, "TDHeading1")

    def h2(self, text: str) -> None:
        self.p(text, "TDHeading2")

    def flush(self, text: str) -> None:
        self.p(text, "TDFlush")

    def note(self, text: str) -> None:
        """Guidance for the clerk, in blue italics, to be replaced by their own text."""
        self.p(text, "TDNote")

    def sign(self, *lines: str) -> None:
        self.p()
        for line in lines:
            self.p(line, "TDSign")

    def page_break(self) -> None:
        self.doc.add_page_break()

    # tables ---------------------------------------------------------------
    def _table(self, rows: int, widths: list[float], borders: bool = True):
        t = self.doc.add_table(rows=rows, cols=len(widths))
        if borders:
            t.style = self.doc.styles["Table Grid"]
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        margins = OxmlElement("w:tblCellMar")  # 0.1 cm each side: an 18-digit ID fits on one line
        for side in ("left", "right"):
            m = OxmlElement(f"w:{side}")
            m.set(qn("w:w"), "57")
            m.set(qn("w:type"), "dxa")
            margins.append(m)
        look = t._tbl.tblPr.find(qn("w:tblLook"))  # schema order: tblCellMar comes before tblLook
        look.addprevious(margins) if look is not None else t._tbl.tblPr.append(margins)
        for col, w in zip(t.columns, widths):  # LibreOffice reads the grid, Word the cells: set both
            col.width = Cm(w)
        for row in t.rows:
            for cell, w in zip(row.cells, widths):
                cell.width = Cm(w)
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        return t

    @staticmethod
    def _set(cell, text: str, style, bold: bool = False) -> None:
        para = cell.paragraphs[0]
        para.style = style
        run = para.add_run(text)
        run.bold = bold or None

    def facts(self, rows: list[tuple[str, str]], widths=(4.0, 11.6)) -> None:
        """A two-column 项目 | 内容 table of facts."""
        t = self._table(len(rows), list(widths))
        for row, (label, value) in zip(t.rows, rows):
            self._set(row.cells[0], label, self.doc.styles["TDTable"], bold=True)
            self._set(row.cells[1], value, self.doc.styles["TDTableLeft"])
        self.p()

    def repeat(self, headers: list[str], cells: list[str], widths: list[float], loop: str,
               empty: str = "（无）", header_repeat: bool = True, row_height: float | None = None) -> None:
        """A table whose middle row repeats once per item of `loop` ("h in 受益户")."""
        t = self._table(6, widths)
        center = self.doc.styles["TDTable"]
        for cell, text in zip(t.rows[0].cells, headers):
            self._set(cell, text, center, bold=True)
        if header_repeat:
            trpr = t.rows[0]._tr.get_or_add_trPr()
            trpr.append(OxmlElement("w:tblHeader"))
        self._set(t.rows[1].cells[0], f"{{%tr for {loop} %}}", center)
        for cell, text in zip(t.rows[2].cells, cells):
            self._set(cell, text, center)
        if row_height:  # room to sign or press a fingerprint on each row
            t.rows[2].height = Cm(row_height)
        self._set(t.rows[3].cells[0], "{%tr else %}", center)
        merged = t.rows[4].cells[0].merge(t.rows[4].cells[-1])
        self._set(merged, empty, center)
        self._set(t.rows[5].cells[0], "{%tr endfor %}", center)
        self.p()

    def blank_rows(self, headers: list[str], widths: list[float], count: int) -> None:
        t = self._table(count + 1, widths)
        for cell, text in zip(t.rows[0].cells, headers):
            self._set(cell, text, self.doc.styles["TDTable"], bold=True)
        for row in t.rows[1:]:
            row.height = Cm(1.0)
        self.p()

    def signatures(self, pairs: list[tuple[str, str]]) -> None:
        """Borderless two-column block for the parties' seals and signatures, with room to sign."""
        t = self._table(len(pairs), [7.8, 7.8], borders=False)
        left = self.doc.styles["TDFlush"]
        for row, (a, b) in zip(t.rows, pairs):
            if (a + b).endswith("："):  # room for a seal or a signature
                row.height = Cm(1.4)
            self._set(row.cells[0], a, left)
            self._set(row.cells[1], b, left)

    # saving ---------------------------------------------------------------
    def save(self, path: Path) -> None:
        buf = io.BytesIO()
        self.doc.save(buf)
        path.write_bytes(normalise_zip(buf.getvalue()))


# The standard tables the built-in templates share -------------------------------
MONEY = "人民币{{ 计划投资大写 }}（¥{{ 计划投资元 }}元，合{{ 计划投资万元 }}万元）"


def households_table(d: OfficialDoc, loop: str = "h in 受益户", sign: bool = False) -> None:
    if sign:
        d.repeat(["序号", "户主姓名", "身份证号", "人口", "户类型", "带动方式", "年增收（元）", "签字（手印）"],
                 ["{{ h.序号 }}", "{{ h.户主姓名 }}", "{{ h.身份证号 }}", "{{ h.家庭人口 }}", "{{ h.户类型 }}",
                  "{{ h.带动方式 }}", "{{ h.年增收元 }}", ""], [1.0, 2.0, 3.8, 1.0, 2.1, 2.0, 1.8, 1.9], loop,
                 row_height=1.0)
    else:
        d.repeat(["序号", "户主姓名", "身份证号", "村", "人口", "户类型", "带动方式"],
                 ["{{ h.序号 }}", "{{ h.户主姓名 }}", "{{ h.身份证号 }}", "{{ h.村 }}", "{{ h.家庭人口 }}",
                  "{{ h.户类型 }}", "{{ h.带动方式 }}"], [1.0, 2.0, 3.8, 2.0, 1.0, 2.1, 3.7], loop)


def funds_table(d: OfficialDoc) -> None:
    d.repeat(["序号", "资金来源", "金额（元）", "大写金额", "下达日期", "下达文号"],
             ["{{ f.序号 }}", "{{ f.来源 }}", "{{ f.金额元 }}", "{{ f.金额大写 }}", "{{ f.下达日期 }}", "{{ f.文号 }}"],
             [1.0, 2.8, 2.5, 3.3, 3.0, 3.0], "f in 资金明细", empty="资金尚未下达")


def milestones_table(d: OfficialDoc) -> None:
    d.repeat(["序号", "节点", "计划完成日期", "工程进度目标", "资金拨付目标", "实际完成日期", "完成情况"],
             ["{{ m.序号 }}", "{{ m.节点 }}", "{{ m.计划日期 }}", "{{ m.工程进度目标 }}", "{{ m.资金进度目标 }}",
              "{{ m.实际日期 }}", "{{ m.完成情况 }}"], [1.0, 2.9, 3.2, 1.5, 1.5, 3.2, 2.3], "m in 工期节点",
             empty="尚未编制倒排工期")


def normalise_zip(data: bytes) -> bytes:
    """Same content → same bytes: fixed timestamps and attributes for every zip entry."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type, fixed.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            dst.writestr(fixed, src.read(info))
    return out.getvalue()
