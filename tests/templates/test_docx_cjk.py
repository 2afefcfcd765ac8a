"""Generated documents are true in Word and WPS: zh-CN East Asian language, an East Asian font on every
Chinese run, table width written as grid columns and as table width (read back with python-docx)."""
from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn

from desktop.projects.projects import list_projects
from desktop.templates.cjk_fix import fix_docx
from desktop.templates.generated import render_document
from desktop.templates.library import BUILTIN

CJK = re.compile(r"[\u3400-\u9fff]")


def _effective_east_asia(doc, run) -> str | None:
    """The East Asian font a run shows: its own, its style chain's, or the document default."""
    for rpr in (run._element.rPr,):
        if rpr is not None and rpr.rFonts is not None and rpr.rFonts.get(qn("w:eastAsia")):
            return rpr.rFonts.get(qn("w:eastAsia"))
    style = run.style if run.style is not None else None
    for s in (style, run._parent.style if hasattr(run._parent, "style") else None):
        while s is not None:
            rpr = s.element.rPr
            if rpr is not None and rpr.rFonts is not None and rpr.rFonts.get(qn("w:eastAsia")):
                return rpr.rFonts.get(qn("w:eastAsia"))
            s = s.base_style
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def _runs(doc):
    for p in doc.paragraphs:
        yield from p.runs
    for t in doc.tables:
        for row in t.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    yield from p.runs


@pytest.mark.parametrize("filename,name", [(b[0], b[1]) for b in BUILTIN], ids=[b[0] for b in BUILTIN])
def test_builtin_documents_are_zh_cn_with_east_asian_fonts_and_table_widths(demo_app, tmp_path, filename, name):
    """Every built-in template's output: no en-US East Asian language, each Chinese run has a CJK font, tblW = Σ gridCol."""
    code = next(p["code"] for p in list_projects(demo_app) if p["name"] == "小中甸镇联合村乡村旅游建设项目")
    out = tmp_path / f"{filename}.docx"
    render_document(demo_app, name, code, out, today=date(2020, 4, 1))
    with zipfile.ZipFile(out) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/") and n.endswith(".xml"))
    assert 'w:eastAsia="en-US"' not in xml and 'w:eastAsia="zh-CN"' in xml
    doc = Document(str(out))
    chinese = [r for r in _runs(doc) if CJK.search(r.text)]
    assert chinese
    assert all(_effective_east_asia(doc, r) for r in chinese)
    for t in doc.tables:
        grid = [int(c.get(qn("w:w"))) for c in t._tbl.tblGrid.findall(qn("w:gridCol"))]
        tblw = t._tbl.tblPr.find(qn("w:tblW"))
        assert tblw.get(qn("w:type")) == "dxa" and int(tblw.get(qn("w:w"))) == sum(grid) > 0


def test_a_clerks_template_gets_the_same_fixes(tmp_path):
    """A document from another Word (Latin font on a Chinese run, no grid, auto width) is repaired."""
    doc = Document()
    p = doc.add_paragraph()
    run = p.add_run("利益联结机制协议")
    run.font.name = "Times New Roman"  # sets ascii/hAnsi only, as python-docx does
    table = doc.add_table(rows=1, cols=2)
    for cell, w in zip(table.rows[0].cells, (2000, 3000)):
        tcw = cell._tc.get_or_add_tcPr().get_or_add_tcW()
        tcw.type, tcw.w = "dxa", w
    grid = table._tbl.tblGrid
    grid.getparent().remove(grid)
    buf = io.BytesIO()
    doc.save(buf)
    fixed = Document(io.BytesIO(fix_docx(buf.getvalue())))
    r = fixed.paragraphs[0].runs[0]
    assert r._element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"
    t = fixed.tables[0]._tbl
    assert [int(c.get(qn("w:w"))) for c in t.tblGrid.findall(qn("w:gridCol"))] == [2000, 3000]
    assert t.tblPr.find(qn("w:tblW")).get(qn("w:w")) == "5000"
    langs = fixed.styles.element.findall(f".//{qn('w:lang')}")
    assert langs and all(lang.get(qn("w:eastAsia")) == "zh-CN" for lang in langs)


def test_cjk_font_named_in_ascii_is_kept_for_chinese(tmp_path):
    """A run whose font is 仿宋_GB2312 in ascii only gets that same font as its East Asian font."""
    doc = Document()
    run = doc.add_paragraph().add_run("正文")
    run.font.name = "仿宋_GB2312"
    buf = io.BytesIO()
    doc.save(buf)
    fixed = Document(io.BytesIO(fix_docx(buf.getvalue())))
    assert fixed.paragraphs[0].runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
