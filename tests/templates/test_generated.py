"""Preview, render, record and link generated documents; personal data and PDF rules."""
from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import pytest
from sqlalchemy import func, select

from db.models import Attachment, GeneratedDocument, ProjectDocument
from db.models.security import SecurityEvent
from desktop.core.errors import UserError
from desktop.projects.projects import create_project, find
from desktop.templates import generated, render
from desktop.templates.generated import link_to_item, preview, render_document
from tests.templates.factory import docx_text, household_table

LIANHE = "2020-102-001"
FULL_ID = re.compile(r"\d{17}[\dX]")


def _bare_project(app) -> str:
    return create_project(app, {"name": "和平村垃圾收集点建设项目", "year": 2021, "level": "镇级",
                                "planned_investment_yuan": "85000.50"})["code"]


def test_preview_shows_missing_data_before_rendering(demo_app):
    """For a project without households or responsible person the preview says so, field by field."""
    code = _bare_project(demo_app)
    res = preview(demo_app, "项目公示（带贫户名单公示）", code)
    assert "受益户名单为空" in res["problems"] and "项目责任人未填写" in res["problems"]
    by_name = {f["name"]: f for f in res["fields"]}
    assert by_name["计划投资大写"]["value"] == "捌万伍仟元伍角整" and not by_name["计划投资大写"]["missing"]
    assert by_name["受益户"]["missing"] and by_name["受益户"]["value"] == "0 行"
    full = preview(demo_app, "项目公示（带贫户名单公示）", LIANHE)
    assert {f["name"]: f["value"] for f in full["fields"]}["受益户"] == "57 行"


def test_missing_data_renders_as_blanks_to_fill(demo_app, tmp_path):
    """Missing facts print as a line to fill by hand, and an empty household table says （无）."""
    code = _bare_project(demo_app)
    out = tmp_path / "notice.docx"
    res = render_document(demo_app, "项目公示（带贫户名单公示）", code, out)
    text, tables = docx_text(out)
    assert "联系人：________" in text and "受益户名单为空" in res["problems"]
    rows = household_table(tables).rows
    assert len(rows) == 2 and rows[1].cells[0].text == "（无）"


def test_render_links_to_checklist_item_in_one_step(demo_app, tmp_path):
    """--item links the generated agreement to its checklist item and marks the item collected."""
    res = render_document(demo_app, "利益联结机制协议", LIANHE, tmp_path / "a.docx", item_key="benefit_agreement")
    with demo_app.read() as s:
        g = s.get(GeneratedDocument, res["id"])
        doc = s.scalar(select(ProjectDocument).where(ProjectDocument.project_id == find(s, LIANHE).id,
                                                     ProjectDocument.item_key == "benefit_agreement"))
        att = s.get(Attachment, g.attachment_id)
        assert (g.item_key, doc.state, att.document_id, g.generated_by) == ("benefit_agreement", "collected",
                                                                         doc.id, "测试员")
        assert att.sha256 == res["sha256"] and att.filename == "a.docx"


def test_link_later_by_item_name_and_bad_item_refused(demo_app, tmp_path):
    """A document can be linked afterwards (by item key or name); an unknown item is refused, nothing changed."""
    res = render_document(demo_app, "资金拨付申请报告", LIANHE, tmp_path / "r.docx")
    with pytest.raises(UserError) as e:
        link_to_item(demo_app, res["id"], "资金拨付申请")
    assert "资金拨付报告" in e.value.message
    with demo_app.read() as s:
        assert s.get(GeneratedDocument, res["id"]).item_key is None
    assert link_to_item(demo_app, res["id"], "资金拨付报告")["item_key"] == "disbursement_report"


def test_full_id_numbers_need_permission_and_are_logged(demo_app, tmp_path):
    """Full ID numbers only for a role that may see them; the render is written to the security log."""
    from desktop.accounts.service import create_first_admin

    out = tmp_path / "sign.docx"
    create_first_admin(demo_app, "管理员", "Xzd#2020-lianhe", None)
    with pytest.raises(UserError) as e:  # accounts exist: somebody must be logged in
        render_document(demo_app, "利益联结机制协议", LIANHE, out, show_ids=True)
    assert "--" not in e.value.message and not out.exists()
    demo_app.actor = {"username": "zhang", "role": "reviewer"}  # as desktop.core.identity signs an account in
    with pytest.raises(UserError) as e:
        render_document(demo_app, "利益联结机制协议", LIANHE, out, show_ids=True,
                        actor={"username": "li", "role": "clerk"})  # a caller's claim does not outrank the sign-in
    assert "查看完整身份证号" in e.value.message and not out.exists()
    demo_app.actor = {"username": "li", "role": "clerk"}
    render_document(demo_app, "利益联结机制协议", LIANHE, out, show_ids=True)
    assert len(FULL_ID.findall(docx_text(out)[0])) == 26
    with demo_app.read() as s:
        ev = s.scalars(select(SecurityEvent).where(SecurityEvent.kind == "personal_export")).all()
    assert len(ev) == 1 and ev[0].user_name == "li" and "sign.docx" in ev[0].subject


def test_full_id_numbers_where_no_accounts_exist(demo_app, tmp_path):
    """A one-clerk PC without accounts gets its signing copy without being asked for a password; it is logged."""
    out = tmp_path / "sign.docx"
    render_document(demo_app, "利益联结机制协议", LIANHE, out, show_ids=True)
    assert len(FULL_ID.findall(docx_text(out)[0])) == 26
    with demo_app.read() as s:
        assert s.scalar(select(func.count()).select_from(SecurityEvent)
                        .where(SecurityEvent.kind == "personal_export")) == 1


def test_pdf_without_libreoffice_is_refused_plainly(demo_app, tmp_path, monkeypatch):
    """Without LibreOffice --pdf says so plainly and nothing is written or recorded."""
    monkeypatch.setattr(generated, "find_soffice", lambda: None)
    with pytest.raises(UserError) as e:
        render_document(demo_app, "利益联结机制协议", LIANHE, tmp_path / "a.docx", pdf=True)
    assert "没有安装 LibreOffice" in e.value.message and "另存为 PDF" in e.value.message
    assert not (tmp_path / "a.docx").exists()
    with demo_app.read() as s:
        assert s.scalar(select(func.count()).select_from(GeneratedDocument)) == 0


@pytest.mark.skipif(render.find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_pdf_with_libreoffice(demo_app, tmp_path):
    """Where LibreOffice is installed the agreement also comes out as a PDF with the amount in capitals."""
    res = render_document(demo_app, "利益联结机制协议", LIANHE, tmp_path / "a.docx", pdf=True, today=date(2020, 4, 1))
    pdf = tmp_path / "a.pdf"
    assert res["pdf"] == str(pdf) and pdf.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "壹仟陆佰玖拾万元整" in text.replace(" ", "").replace("\n", "")  # wherever the line wraps


def test_bad_requests_refused(demo_app, tmp_path):
    """Wrong output suffix, unknown template (with near names) and unknown project are refused."""
    with pytest.raises(UserError, match=r"\.docx"):
        render_document(demo_app, "利益联结机制协议", LIANHE, tmp_path / "a.pdf")
    with pytest.raises(UserError, match="利益联结机制协议"):
        render_document(demo_app, "利益联结协议", LIANHE, tmp_path / "a.docx")
    with pytest.raises(UserError, match="2099-999-001"):
        render_document(demo_app, "利益联结机制协议", "2099-999-001", tmp_path / "a.docx")
    assert not (tmp_path / "a.docx").exists()
