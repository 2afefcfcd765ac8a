"""Make a generated .docx true in Word and WPS: Chinese language, East Asian fonts, table widths.

Why after rendering and not in the templates: a clerk's own template (made in any Word, any
locale) gets the same treatment. Three things go wrong otherwise:
- python-docx's default styles say `w:lang w:eastAsia="en-US"`: Word then measures and breaks
  Chinese lines as a foreign language and may pick a Latin font for them;
- a run with `w:rFonts w:ascii="…"` but no `w:eastAsia` shows its Chinese in whatever font the
  machine prefers (WPS and Word differ), so printouts differ between PCs;
- a table with `w:tblW w:type="auto" w:w="0"`: Word sizes it by its cells, WPS by `w:gridCol`;
  writing the grid sum as the table width makes both agree.
"""
from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
DEFAULT_EAST_ASIA = "宋体"
CJK_FONT_WORDS = ("宋", "黑", "楷", "仿宋", "隶", "圆", "明", "SimSun", "SimHei", "KaiTi", "FangSong", "YaHei",
                  "Microsoft JhengHei", "DengXian", "等线", "小标宋", "WenQuanYi", "Noto Sans CJK", "Noto Serif CJK",
                  "Source Han", "思源", "方正", "华文", "文泉驿")
PARTS = re.compile(r"^word/(document|styles|stylesWithEffects|numbering|header\d*|footer\d*|footnotes|endnotes)\.xml$")


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def is_cjk_font(name: str | None) -> bool:
    return bool(name) and any(word in name for word in CJK_FONT_WORDS)


def fix_languages(root) -> int:
    """Every w:lang gets w:eastAsia="zh-CN"; the document defaults get one if they have none."""
    n = 0
    for lang in root.iter(_q("lang")):
        if lang.get(_q("eastAsia")) != "zh-CN":
            lang.set(_q("eastAsia"), "zh-CN")
            n += 1
    for rpr in root.iterfind(".//w:docDefaults/w:rPrDefault/w:rPr", NS):
        if rpr.find("w:lang", NS) is None:
            etree.SubElement(rpr, _q("lang")).set(_q("eastAsia"), "zh-CN")
            n += 1
    return n


def fix_fonts(root) -> int:
    """A run (or style) naming a Latin font gets an East Asian one beside it; defaults get 宋体."""
    n = 0
    for fonts in root.iter(_q("rFonts")):
        if fonts.get(_q("eastAsia")):
            continue
        latin = fonts.get(_q("ascii")) or fonts.get(_q("hAnsi"))
        in_defaults = fonts.getparent() is not None and fonts.getparent().getparent() is not None and \
            fonts.getparent().getparent().tag == _q("rPrDefault")
        if latin or in_defaults:
            fonts.set(_q("eastAsia"), latin if is_cjk_font(latin) else DEFAULT_EAST_ASIA)
            fonts.attrib.pop(_q("eastAsiaTheme"), None)
            n += 1
    for rpr in root.iterfind(".//w:docDefaults/w:rPrDefault/w:rPr", NS):
        if rpr.find("w:rFonts", NS) is None:
            el = etree.Element(_q("rFonts"))
            el.set(_q("eastAsia"), DEFAULT_EAST_ASIA)
            rpr.insert(0, el)
            n += 1
    return n


def fix_tables(root) -> int:
    """Table width = sum of its grid columns (dxa); a grid is made from the first row's cell widths if absent."""
    n = 0
    for tbl in root.iter(_q("tbl")):
        grid = tbl.find("w:tblGrid", NS)
        cols = [int(c.get(_q("w"), "0") or 0) for c in grid.findall("w:gridCol", NS)] if grid is not None else []
        if not cols or not all(cols):
            first = tbl.find("w:tr", NS)
            widths = [int(w.get(_q("w"), "0") or 0) for w in first.iterfind("w:tc/w:tcPr/w:tcW", NS)] \
                if first is not None else []
            if not widths or not all(widths):
                continue
            if grid is None:
                grid = etree.Element(_q("tblGrid"))
                tbl.insert(1, grid)
            for c in list(grid):
                grid.remove(c)
            for w in widths:
                etree.SubElement(grid, _q("gridCol")).set(_q("w"), str(w))
            cols = widths
        pr = tbl.find("w:tblPr", NS)
        if pr is None:
            pr = etree.Element(_q("tblPr"))
            tbl.insert(0, pr)
        tw = pr.find("w:tblW", NS)
        if tw is None:
            tw = etree.SubElement(pr, _q("tblW"))
        if tw.get(_q("type")) != "dxa" or tw.get(_q("w")) != str(sum(cols)):
            tw.set(_q("type"), "dxa")
            tw.set(_q("w"), str(sum(cols)))
            n += 1
    return n


def fix_docx(data: bytes) -> bytes:
    """The same document with the three fixes applied to its body, styles, headers and footers."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if PARTS.match(item.filename):
                root = etree.fromstring(body, etree.XMLParser(resolve_entities=False, huge_tree=False))
                fix_languages(root)
                fix_fonts(root)
                fix_tables(root)
                body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(item, body)
    return out.getvalue()
