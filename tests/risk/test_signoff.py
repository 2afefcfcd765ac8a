"""降级销号: refused until the file is complete and the problems are gone; recorded with its evidence."""
import pytest
from sqlalchemy import func, select

from db.models import Attachment, Project, RiskAssessment
from desktop.core.attachments_store import AttachmentStore
from desktop.core.errors import UserError
from desktop.risk import service
from desktop.risk.signoff import signoff
from tests.risk.conftest import TODAY, add_project, file_documents
from tests.risk.test_service import MILESTONES_OK


def _red_project(app, **kw) -> str:
    code = add_project(app, built_not_finished="是", milestones=MILESTONES_OK, **kw)
    service.confirm(app, code, "red", today=TODAY)
    return code


def _rows(app):
    with app.read() as s:
        return s.scalar(select(func.count()).select_from(RiskAssessment)), \
            s.scalar(select(func.count()).select_from(Attachment))


def test_nothing_to_sign_off_without_a_red_or_yellow_grade(county_app):
    """An ungraded or green project cannot be signed off; the message says why."""
    code = add_project(county_app)
    with pytest.raises(UserError) as e:
        signoff(county_app, code, "已整改", today=TODAY)
    assert "尚未评级" in e.value.message


def test_refused_while_the_checklist_lacks_required_documents(county_app):
    """The refusal names the standard and the missing items; nothing is written."""
    code = _red_project(county_app)
    file_documents(county_app, code)
    file_documents(county_app, code, state="missing", only={"acceptance_report", "contract"})
    before = _rows(county_app)
    with pytest.raises(UserError) as e:
        signoff(county_app, code, "已复工投产", today=TODAY)
    assert "产业帮扶项目资料目录对照表" in e.value.message and "施工（采购）合同" in e.value.message
    assert _rows(county_app) == before


def test_refused_while_the_rules_still_find_problems_unless_a_reason_is_given(county_app):
    """A remaining yellow finding (no joint account) blocks sign-off; --reason records why it is accepted."""
    code = _red_project(county_app, joint_account="否")
    file_documents(county_app, code)
    with pytest.raises(UserError) as e:
        signoff(county_app, code, "已复工投产", today=TODAY)
    assert "未设立共管账户" in e.value.message and "理由中写明" in e.value.message and "--" not in e.value.message
    a = signoff(county_app, code, "已复工投产", reason="共管账户已在开户中，开户回执见附件", today=TODAY)
    assert a["signed_off"] and a["override_reason"].startswith("共管账户")
    assert [f["code"] for f in a["signoff_record"]["remaining_findings"]] == ["no_joint_account"]


def test_signoff_records_evidence_against_the_standard_and_turns_the_project_green(county_app, tmp_path):
    """A green, signed-off grade with each item's state, the acceptance path and the evidence files; 三不 flag cleared."""
    code = _red_project(county_app)
    file_documents(county_app, code)
    report = tmp_path / "整改报告.pdf"
    report.write_bytes(b"%PDF-1.4 evidence")
    a = signoff(county_app, code, "已复工并投产运营，见整改报告", attach=[report], today=TODAY)
    assert a["level"] == "green" and a["signed_off"] and a["signoff_evidence"].startswith("已复工")
    rec = a["signoff_record"]
    assert rec["previous_level"] == "red" and rec["standard"]["key"] == "chanye"
    assert rec["cleared_flags"] == ["建而不成"] and rec["acceptance"] == "county"
    assert {i["key"]: i["state"] for i in rec["items"]}["impl_plan"] == "collected"
    assert "县（区）工作专班验收" in a["message"]
    with county_app.read() as s:
        p = s.scalar(select(Project).where(Project.code == code))
        att = s.get(Attachment, rec["attachment_ids"][0])
        assert p.risk_level == "green" and p.built_not_finished is False
        assert att.filename == "整改报告.pdf" and att.project_id == p.id
    assert AttachmentStore(county_app.layout).path_for(att.sha256).read_bytes() == b"%PDF-1.4 evidence"
    hist = service.history(county_app, code)
    assert [(h["level"], h["signed_off"]) for h in hist] == [("red", False), ("green", True)]
    with pytest.raises(UserError) as e:
        signoff(county_app, code, "再次销号", today=TODAY)
    assert "已销号" in e.value.message


def test_large_project_sign_off_goes_to_the_prefecture_for_acceptance(county_app):
    """A 1000–3000万 project's sign-off says 县自评、市验收."""
    code = _red_project(county_app, planned_investment_wan="1500")
    file_documents(county_app, code)
    assert "县自评、市验收" in signoff(county_app, code, "已整改", today=TODAY)["message"]


@pytest.mark.parametrize("evidence,attach,words", [
    ("", None, "须写明佐证"),
    ("佐" * 4001, None, "佐证说明太长"),
    ("已整改", ["/no/such/file.pdf"], "不存在"),
    ("已整改", ["EMPTY"], "空文件"),
])
def test_bad_signoff_input_writes_nothing(county_app, tmp_path, evidence, attach, words):
    """Missing or too long evidence, a missing or empty file: refused, no grade, no attachment, no stored file."""
    code = _red_project(county_app)
    file_documents(county_app, code)
    if attach == ["EMPTY"]:
        (tmp_path / "empty.pdf").write_bytes(b"")
        attach = [tmp_path / "empty.pdf"]
    before = _rows(county_app)
    with pytest.raises(UserError) as e:
        signoff(county_app, code, evidence, attach=attach, today=TODAY)
    assert words in e.value.message
    assert _rows(county_app) == before
    assert not any(p.is_file() for p in county_app.layout.attachments.rglob("*"))


def test_failed_signoff_removes_the_file_it_stored(county_app, tmp_path):
    """When the check fails after the evidence file was stored, the file is removed again."""
    code = _red_project(county_app, joint_account="否")
    file_documents(county_app, code)
    f = tmp_path / "photo.jpg"
    f.write_bytes(b"\xff\xd8 photo")
    with pytest.raises(UserError):
        signoff(county_app, code, "已整改", attach=[f], today=TODAY)
    assert not any(p.is_file() for p in county_app.layout.attachments.rglob("*"))
