"""督办单 services: numbering, refusals, derived status, township answers with evidence, closing."""
from datetime import date

import pytest
from sqlalchemy import func, select

from db.models import Attachment, Notice, NoticeReply
from desktop.core.attachments_store import AttachmentStore
from desktop.core.errors import UserError
from desktop.notices import service
from tests.conftest import TOWNSHIP
from tests.risk.conftest import JT, TODAY, add_project, county_app  # noqa: F401  (fixture)


def _count(app, model):
    with app.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def _received(township_app, number=7, deadline=date(2023, 9, 22), title="关于加快红色风险项目整改的督办单"):
    """A notice as a township has it after importing the county's package."""
    with township_app.tx() as s:
        s.add(Notice(number=number, year=2023, title=title, township_code=TOWNSHIP[0], issued_on=date(2023, 9, 12),
                     deadline=deadline, content="请报送整改情况及佐证材料。", project_ids=[]))


def test_issue_numbers_notices_per_year_and_names_the_projects(county_app):
    """Notices are numbered 1, 2 … within the year and carry their township and projects."""
    code = add_project(county_app)
    first = service.issue(county_app, township="小中甸镇", deadline="2023-09-30", title="关于红色风险项目整改的督办单",
                          content="请于期限内报送整改情况。", project_codes=[code], today=TODAY)
    second = service.issue(county_app, township="533401101000", deadline="2023年10月15日", title="第二张", today=TODAY)
    assert (first["number"], first["label"], second["number"]) == (1, "2023年第1号", 2)
    assert first["township"] == "小中甸镇" and second["township"] == "建塘镇"
    assert first["projects"][0]["code"] == code and first["status"] == "open" and first["days_left"] == 15
    nxt = service.issue(county_app, township="小中甸镇", deadline="2024-02-01", title="新年第一张", today=date(2024, 1, 2))
    assert nxt["label"] == "2024年第1号"


@pytest.mark.parametrize("kwargs,words", [
    ({"township": "不存在乡"}, "不是本县的乡镇"),
    ({"township": ""}, "下发给哪个乡镇"),
    ({"deadline": "2023-09-14"}, "早于今天"),
    ({"deadline": "下周五"}, "办理时限"),
    ({"title": "  "}, "标题不能为空"),
    ({"title": "长" * 201}, "标题太长"),
    ({"content": "长" * 4001}, "内容太长"),
    ({"project_codes": ["2023-999-001"]}, "2023-999-001"),
    ({"project_codes": ["JT"]}, "不属于 小中甸镇"),
])
def test_bad_notice_is_refused_and_nothing_is_issued(county_app, kwargs, words):
    """Unknown township, past or unreadable deadline, empty/long title, unknown or other township's project."""
    jt_code = add_project(county_app, township=JT, name="建塘镇项目")
    args = {"township": "小中甸镇", "deadline": "2023-09-30", "title": "督办单"}
    args.update(kwargs)
    args["project_codes"] = [jt_code if c == "JT" else c for c in args.get("project_codes", [])]
    with pytest.raises(UserError) as e:
        service.issue(county_app, today=TODAY, **args)
    assert words in e.value.message
    assert _count(county_app, Notice) == 0


def test_only_the_county_issues_and_closes_only_the_township_replies(county_app, township_app):
    """Each side does only its own part of the exchange."""
    with pytest.raises(UserError) as e:
        service.issue(township_app, township="小中甸镇", deadline="2030-01-01", title="x")
    assert "县级办公室" in e.value.message
    service.issue(county_app, township="小中甸镇", deadline="2023-09-30", title="x", today=TODAY)
    with pytest.raises(UserError) as e:
        service.reply(county_app, "1", "代为答复", today=TODAY)
    assert "乡镇" in e.value.message


def test_status_is_open_then_overdue_then_answered_then_closed(township_app, county_app):
    """Open before the deadline, overdue after it, answered once a reply exists, closed when the county accepts."""
    _received(township_app)
    assert service.list_notices(township_app, today=date(2023, 9, 20))[0]["status"] == "open"
    late = service.list_notices(township_app, today=date(2023, 9, 25))[0]
    assert late["status"] == "overdue" and late["status_label"] == "已逾期" and late["days_left"] == -3
    n = service.reply(township_app, "7", "已完成整改：补齐实施方案批复并归档。", today=date(2023, 9, 25))
    assert n["status"] == "answered" and n["replies"][0]["late"] is True
    assert service.list_notices(township_app, status="已逾期", today=date(2023, 9, 25)) == []
    service.issue(county_app, township="小中甸镇", deadline="2023-09-30", title="县里的", today=TODAY)
    with pytest.raises(UserError) as e:
        service.close(county_app, "1", today=TODAY)
    assert "尚未收到乡镇答复" in e.value.message


def test_reply_stores_the_report_and_evidence_files(township_app, tmp_path):
    """A reply keeps the text and its files in the attachment store; numbers like 2023-7 and 第7号 work."""
    _received(township_app)
    photo, report = tmp_path / "现场照片.jpg", tmp_path / "整改报告.pdf"
    photo.write_bytes(b"\xff\xd8 photo")
    report.write_bytes(b"%PDF report")
    n = service.reply(township_app, "2023-7", "已整改", attach=[photo, report], today=TODAY)
    files = n["replies"][0]["attachments"]
    assert [f["filename"] for f in files] == ["现场照片.jpg", "整改报告.pdf"]
    service.reply(township_app, "第7号", "补充材料", today=TODAY)
    shown = service.show(township_app, "7", today=TODAY)
    assert [r["content"] for r in shown["replies"]] == ["已整改", "补充材料"]
    with township_app.read() as s:
        shas = s.scalars(select(Attachment.sha256)).all()
    assert all(AttachmentStore(township_app.layout).has(sha) for sha in shas) and len(shas) == 2


@pytest.mark.parametrize("number,text,attach,words", [
    ("8", "已整改", None, "找不到"),
    ("七", "已整改", None, "编号 '七' 无效"),
    ("7", "  ", None, "答复内容不能为空"),
    ("7", "长" * 4001, None, "答复内容太长"),
    ("7", "已整改", ["/no/such.pdf"], "不存在"),
])
def test_bad_reply_writes_nothing(township_app, number, text, attach, words):
    """Unknown or malformed number, empty or long text, missing file: refused, no reply, no file."""
    _received(township_app)
    with pytest.raises(UserError) as e:
        service.reply(township_app, number, text, attach=attach, today=TODAY)
    assert words in e.value.message
    assert _count(township_app, NoticeReply) == 0 and _count(township_app, Attachment) == 0
    assert not any(p.is_file() for p in township_app.layout.attachments.rglob("*"))


def test_closed_notice_takes_no_more_replies(township_app):
    """Once the county has closed a notice the township is told no answer is needed."""
    _received(township_app)
    with township_app.tx(remote={"origin_node": "county", "origin_seq": 1}) as s:  # as if closed by the county's package
        n = s.scalar(select(Notice))
        n.status, n.closed_on = "closed", TODAY
    with pytest.raises(UserError) as e:
        service.reply(township_app, "7", "已整改", today=TODAY)
    assert "已办结" in e.value.message
    assert service.list_notices(township_app, today=TODAY)[0]["status_label"] == "已办结"


def test_a_township_sees_only_its_own_notices_and_the_county_filters(county_app):
    """The county lists every township's notices, overdue first, and can filter by township or status."""
    service.issue(county_app, township="小中甸镇", deadline="2023-09-16", title="甲", today=TODAY)
    service.issue(county_app, township="建塘镇", deadline="2023-09-30", title="乙", today=TODAY)
    rows = service.list_notices(county_app, today=date(2023, 9, 20))
    assert [r["title"] for r in rows] == ["甲", "乙"] and rows[0]["status"] == "overdue"
    assert [r["title"] for r in service.list_notices(county_app, township="建塘镇", today=TODAY)] == ["乙"]
    assert [r["title"] for r in service.list_notices(county_app, status="open", today=date(2023, 9, 20))] == ["乙"]
    with pytest.raises(UserError) as e:
        service.list_notices(county_app, status="sleeping")
    assert "状态 'sleeping' 无效" in e.value.message
