"""Agreements carry the benefit terms the clerk filled in, a 监督方 other than 甲方 and the agreement date;
official-style templates are laid out per GB/T 9704-2012 and name the official fonts."""
from __future__ import annotations

from datetime import date

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from desktop.projects.projects import list_projects, update_project
from desktop.templates.generated import render_document
from tests.templates.factory import docx_text

LIANHE = "小中甸镇联合村乡村旅游建设项目"


def _code(app):
    return next(p["code"] for p in list_projects(app) if p["name"] == LIANHE)


def test_benefit_terms_supervisor_and_date_reach_the_agreement(demo_app, tmp_path):
    """分红比例或金额, 期限, 支付时间 and the date set on the project appear; 监督方 is the village committee, not 甲方."""
    code = _code(demo_app)
    update_project(demo_app, code, {"benefit_share": "按项目资产的6%每年分红", "benefit_period": "2021年至2025年",
                                    "benefit_payment_time": "每年12月31日前", "agreement_date": "2020-04-18"})
    out = tmp_path / "协议.docx"
    render_document(demo_app, "利益联结机制协议", code, out, today=date(2020, 4, 1))
    text, _ = docx_text(out)
    assert "分红比例或金额：按项目资产的6%每年分红" in text
    assert "收益期限：2021年至2025年" in text and "支付时间：每年12月31日前" in text
    assert "监督方：联合村村民委员会" in text
    assert "签订日期：二〇二〇年四月十八日" in text
    update_project(demo_app, code, {"agreement_supervisor": "香格里拉市乡村振兴局"})
    render_document(demo_app, "利益联结机制协议", code, out, today=date(2020, 4, 1))
    assert "监督方：香格里拉市乡村振兴局" in docx_text(out)[0]


def test_official_documents_follow_gbt_9704(demo_app, tmp_path):
    """A4, margins 37/28/26/35 mm, 22-line grid, body 仿宋_GB2312 三号, title 方正小标宋简体 二号."""
    out = tmp_path / "整改报告.docx"
    render_document(demo_app, "督办事项整改报告", _code(demo_app), out, today=date(2020, 4, 1))
    doc = Document(str(out))
    sec = doc.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    assert [round(x.mm) for x in (sec.top_margin, sec.left_margin, sec.right_margin, sec.bottom_margin)] == \
        [37, 28, 26, 35]
    grid = sec._sectPr.find(qn("w:docGrid"))
    assert (grid.get(qn("w:type")), grid.get(qn("w:linePitch"))) == ("lines", "579")
    body = doc.styles["Normal"]
    assert body.font.size == Pt(16) and body.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    title = doc.styles["TDTitle"]
    assert title.font.size == Pt(22) and title.element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    lines = round(Mm(225) / body.paragraph_format.line_spacing)
    assert lines == 22
