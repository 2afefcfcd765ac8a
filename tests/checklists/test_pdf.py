"""Printed checklists and missing list: parsed back, fonts embedded, page x of y, headers repeated."""
from __future__ import annotations

import re
import subprocess

import pytest

from desktop.checklists import missing, printing, service
from desktop.core.errors import UserError
from desktop.pdf import fonts as pdf_fonts
from desktop.checklists import standards_service as core
from tests.checklists import pdftools


def _assert_cjk_embedded(path):
    rows = pdftools.fonts(path)
    cjk = [r for r in rows if "WenQuanYi" in r["name"] or "Sim" in r["name"] or "YaHei" in r["name"]]
    assert cjk and all(r["emb"] == "yes" for r in cjk), rows
    assert all(r["emb"] == "yes" or r["name"] == "Helvetica" for r in rows), rows  # only the unused base-14 default


def test_one_project_checklist_reads_back(small_app, tmp_path):
    """One project's checklist holds every Chinese item name, its states, signature lines and page x of y."""
    code = "2020-102-001"
    service.set_item(small_app, code, "impl_plan", "已收集", location="2020-档案盒07")
    service.set_item(small_app, code, "land_planning", "需补正", reason="缺少自然资源所盖章")
    out = tmp_path / "清单.pdf"
    r = printing.checklist_pdf(small_app, out, codes=[code])
    assert r == {"path": str(out), "projects": 1, "pages": pdftools.pages(out)}
    txt = pdftools.text(out)
    hudian = next(s for s in core.builtin_standards() if s["key"] == "hudian")
    flat = re.sub(r"\s+", "", txt)
    for item in hudian["items"]:
        assert item["name"] in flat, item["name"]
    for words in ("安南村牦牛养殖产业项目", "2020-档案盒07", "缺少自然资源所盖章", "经办人", "审核人", "打印时间",
                  "小中甸镇", "沪滇协作项目资料目录对照表"):
        assert words in flat, words
    assert pdftools.page_footers(out) == [(1, 1)]
    _assert_cjk_embedded(out)
    assert not list(tmp_path.glob(".*part*"))  # no temporary file left beside it


def test_batch_numbers_pages_per_project_and_repeats_headers(demo_app, tmp_path):
    """A batch of 2020 checklists: each project restarts at page 1 of its own total; long tables repeat the header."""
    out = tmp_path / "2020.pdf"
    r = printing.checklist_pdf(demo_app, out, year=2020)
    n_pages = pdftools.pages(out)
    assert r["pages"] == n_pages and r["projects"] >= 15
    footers = pdftools.page_footers(out)
    assert None not in footers
    sections, i = [], 0
    while i < len(footers):
        x, y = footers[i]
        assert x == 1
        assert [f for f in footers[i:i + y]] == [(k, y) for k in range(1, y + 1)]
        sections.append(y)
        i += y
    assert len(sections) == r["projects"]
    pages = pdftools.text(out).split("\f")
    continued = [p for p, (x, _y) in zip(pages, footers) if x > 1]
    for page in continued:
        assert "资料名称" in page and "核对" in page
    assert "全册第" in pages[1]
    _assert_cjk_embedded(out)


def test_long_notes_break_across_pages_with_header(small_app, tmp_path):
    """Long notes wrap (CJK word wrap) and push the table onto a second page that repeats the header."""
    code = "2020-102-001"
    for key in ("apply_form", "library_entry", "apply_notice", "impl_plan", "joint_approval", "land_planning"):
        service.set_item(small_app, code, key, "需补正", reason="需补正内容：" + "缺少签字盖章、日期不全、附件页码不连续；" * 6)
    out = tmp_path / "long.pdf"
    printing.checklist_pdf(small_app, out, codes=[code])
    footers = pdftools.page_footers(out)
    assert len(footers) >= 2 and footers == [(k, len(footers)) for k in range(1, len(footers) + 1)]
    for n in range(2, len(footers) + 1):
        page = pdftools.text(out, n)
        assert "资料名称" in page and "档案位置" in page and "经办人" in page


def test_missing_list_pdf(demo_app, tmp_path):
    """The 资料缺失清单 prints in landscape with the overdue items first and the header on every page."""
    rows = missing.missing_documents(demo_app)
    out = tmp_path / "缺失.pdf"
    r = printing.missing_pdf(demo_app, out, rows, filters="全部项目")
    assert r["rows"] == len(rows) and r["pages"] == pdftools.pages(out) > 1
    first = re.sub(r"\s+", "", pdftools.text(out, 1))
    assert "资料缺失清单" in first and "已逾期" in first and rows[0]["item_name"] in first
    for p in range(2, r["pages"] + 1):
        assert "缺少的资料" in pdftools.text(out, p)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    w, h = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert w > h
    _assert_cjk_embedded(out)


def test_page_renders_as_an_image(small_app, tmp_path):
    """pdftoppm renders the first page (what docs/checklist-print.png shows)."""
    out = tmp_path / "a.pdf"
    printing.checklist_pdf(small_app, out, codes=["2020-102-001"])
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", "-singlefile", str(out),
                    str(tmp_path / "page")], check=True)
    assert (tmp_path / "page.png").stat().st_size > 5000


def test_no_cjk_font_is_a_clear_error_and_no_file(small_app, tmp_path, monkeypatch):
    """Without any usable Chinese TrueType font the user is told what to install; no PDF is written."""
    monkeypatch.setattr(pdf_fonts, "_registered", {})
    monkeypatch.setattr(pdf_fonts, "candidates", lambda: [])
    out = tmp_path / "x.pdf"
    with pytest.raises(UserError) as e:
        printing.checklist_pdf(small_app, out, codes=["2020-102-001"])
    assert "找不到可嵌入 PDF 的中文" in e.value.message and "fonts-wqy-microhei" in e.value.message
    assert not out.exists() and not list(tmp_path.glob(".x*"))


def test_cff_font_is_skipped_for_a_truetype_one(tmp_path, monkeypatch):
    """A font reportlab cannot embed (not TrueType) is passed over for the next candidate."""
    bad = tmp_path / "NotoSansCJK.ttc"
    bad.write_bytes(b"OTTO" + b"\0" * 100)
    good = pdf_fonts.candidates()
    monkeypatch.setattr(pdf_fonts, "_registered", {})
    monkeypatch.setattr(pdf_fonts, "candidates", lambda: [(bad, 0)] + good)
    assert pdf_fonts.register_cjk_font() == pdf_fonts.FONT_NAME
    assert pdf_fonts.registered_font_file()[0] != bad


@pytest.mark.parametrize("out,message", [("dir", "是一个文件夹"), ("a.txt", "应以 .pdf 结尾")])
def test_bad_output_path(small_app, tmp_path, out, message):
    """A folder or a non-PDF name as output is refused before anything is written."""
    (tmp_path / "dir").mkdir()
    with pytest.raises(UserError, match=message):
        printing.checklist_pdf(small_app, tmp_path / out, codes=["2020-102-001"])
    assert not (tmp_path / "a.txt").exists()


def test_no_matching_projects(small_app, tmp_path):
    """A filter that matches nothing says so and writes nothing."""
    with pytest.raises(UserError, match="没有符合条件的项目"):
        printing.checklist_pdf(small_app, tmp_path / "x.pdf", year=2030)
    assert not (tmp_path / "x.pdf").exists()
