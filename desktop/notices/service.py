"""督办单: the county issues numbered notices to a township; the township answers with a
rectification report and evidence; the county closes them. Status is derived, not typed:
closed (the county accepted the answer) > answered (a reply exists) > overdue (deadline passed)
> open. Notices are the county's records and replies the township's, so each side writes only
its own and the package carries them across.
"""
from __future__ import annotations

import re
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Attachment, Notice, NoticeReply, Project, Region
from desktop.core.errors import UserError
from desktop.notices.files import forget_files, record_attachments, store_files
from desktop.values.dates import parse_date

STATUS_LABELS = {"open": "待办理", "answered": "已答复", "overdue": "已逾期", "closed": "已办结"}
STATUS_ORDER = {"overdue": 0, "open": 1, "answered": 2, "closed": 3}
MAX_TITLE, MAX_TEXT, MAX_PROJECTS = 200, 4000, 200


def _role(app, role: str, what: str) -> None:
    if app.node is None or app.node.role != role:
        side = "县级办公室" if role == "county" else "乡镇"
        raise UserError(f"{what}只能由{side}办理（本机是 {app.node.name if app.node else '未初始化的数据文件夹'}）。")


def status_of(n: Notice, replies: list, today: date) -> str:
    if n.status == "closed":
        return "closed"
    if replies:
        return "answered"
    return "overdue" if n.deadline < today else "open"


def label(n: Notice) -> str:
    return f"{n.year}年第{n.number}号"


def parse_number(raw) -> tuple[int | None, int]:
    """'7', '2023-7', '2023年第7号' → (year or None, 7)."""
    text = str(raw or "").strip()
    m = re.fullmatch(r"(?:(\d{4})\s*(?:年|-|/)\s*)?第?\s*(\d{1,5})\s*号?", text)
    if not m:
        raise UserError(f"督办单编号 '{raw}' 无效，请写编号数字，例如 7 或 2023-7。", field="督办单编号")
    return (int(m[1]) if m[1] else None), int(m[2])


def resolve_township(session: Session, county_code: str, raw: str) -> tuple[str, str]:
    """(code, name) of a township of this county, by name or region code."""
    text = str(raw or "").strip()
    if not text:
        raise UserError("请写明下发给哪个乡镇（名称或区划代码）。", field="乡镇", cli_hint="--township 名称或区划代码")
    rows = session.execute(select(Region.code, Region.name).where(Region.level == "township",
                                                                 Region.parent_code == county_code)).all()
    for code, name in rows:
        if text in (code, name) or (text.isdigit() and len(text) == 9 and code.startswith(text)):
            return code, name
    known = "、".join(n for _c, n in rows[:12]) or "（区划列表中没有本县的乡镇）"
    raise UserError(f"乡镇 '{text}' 不是本县的乡镇。可选：{known}。", field="乡镇")


def notice_dict(session: Session, n: Notice, today: date) -> dict:
    replies = list(session.scalars(select(NoticeReply).where(NoticeReply.notice_id == n.id,
                                                             NoticeReply.deleted.is_(False))
                                   .order_by(NoticeReply.replied_on, NoticeReply.created_at)))
    ids = list(n.project_ids or [])
    projects = {pid: (code, name) for pid, code, name in session.execute(
        select(Project.id, Project.code, Project.name).where(Project.id.in_(ids)))} if ids else {}
    att_ids = [a for r in replies for a in (r.attachment_ids or [])]
    files = {i: (name, size) for i, name, size in session.execute(
        select(Attachment.id, Attachment.filename, Attachment.size).where(Attachment.id.in_(att_ids)))} if att_ids else {}
    status = status_of(n, replies, today)
    township = session.scalar(select(Region.name).where(Region.code == n.township_code)) or n.township_code
    return {
        "id": n.id, "number": n.number, "year": n.year, "label": label(n), "title": n.title,
        "township_code": n.township_code, "township": township, "issued_on": n.issued_on.isoformat(),
        "deadline": n.deadline.isoformat(), "days_left": (n.deadline - today).days, "content": n.content,
        "status": status, "status_label": STATUS_LABELS[status],
        "closed_on": n.closed_on.isoformat() if n.closed_on else None,
        "projects": [{"id": pid, "code": projects.get(pid, ("?", ""))[0], "name": projects.get(pid, ("", "（未收到该项目）"))[1]}
                     for pid in ids],
        "replies": [{"id": r.id, "replied_on": r.replied_on.isoformat(), "content": r.content,
                     "late": r.replied_on > n.deadline,
                     "attachments": [{"id": a, "filename": files.get(a, ("（附件尚未收到）", 0))[0],
                                      "size": files.get(a, ("", 0))[1]} for a in (r.attachment_ids or [])]}
                    for r in replies],
    }


def issue(app, *, township: str, deadline, title: str, content: str | None = None, project_codes=(),
          today: date | None = None) -> dict:
    """Number and record a notice for one township (county only)."""
    _role(app, "county", "下发督办单")
    today = today or date.today()
    title = " ".join(str(title or "").split())
    if not title:
        raise UserError("督办单标题不能为空，例如 关于加快红色风险项目整改的督办单。", field="标题", cli_hint="--title")
    if len(title) > MAX_TITLE:
        raise UserError(f"督办单标题太长（{len(title)} 字），最多 {MAX_TITLE} 字。", field="标题")
    content = (content or "").strip() or None
    if content and len(content) > MAX_TEXT:
        raise UserError(f"督办单内容太长（{len(content)} 字），最多 {MAX_TEXT} 字。", field="内容")
    due = parse_date(deadline, "办理时限")
    if due is None:
        raise UserError("请写明办理时限，例如 2023-11-30。", field="办理时限", cli_hint="--deadline 2023-11-30")
    if due < today:
        raise UserError(f"办理时限 {due.isoformat()} 早于今天（{today.isoformat()}），请写今天或以后的日期。", field="办理时限")
    codes = list(dict.fromkeys(c.strip() for c in project_codes or [] if c and c.strip()))
    if len(codes) > MAX_PROJECTS:
        raise UserError(f"一张督办单最多列 {MAX_PROJECTS} 个项目（给了 {len(codes)} 个）。", field="项目")
    with app.tx(right="review") as s:
        tcode, tname = resolve_township(s, app.node.region_code, township)
        ids = []
        for code in codes:
            p = s.scalar(select(Project).where(Project.code == code, Project.deleted.is_(False)))
            if p is None:
                raise UserError(f"找不到项目编号 '{code}'，督办单未下发。请用 towndesk projects list 查看编号。", field="项目")
            if p.township_code != tcode:
                raise UserError(f"项目 {code}（{p.name}）属于 {p.township_name}，不属于 {tname}，督办单未下发。", field="项目")
            ids.append(p.id)
        number = (s.scalar(select(func.max(Notice.number)).where(Notice.year == today.year)) or 0) + 1
        n = Notice(number=number, year=today.year, title=title, township_code=tcode, issued_on=today, deadline=due,
                   content=content, project_ids=ids, status="open")
        s.add(n)
        s.flush()
        return notice_dict(s, n, today)


def find_notice(session: Session, app, raw, year: int | None = None) -> Notice:
    y, number = parse_number(raw)
    year = year or y
    q = select(Notice).where(Notice.number == number, Notice.deleted.is_(False))
    if year:
        q = q.where(Notice.year == year)
    if app.node is not None and app.node.role == "township":
        q = q.where(Notice.township_code == app.node.region_code)
    n = session.scalars(q.order_by(Notice.year.desc()).limit(1)).first()
    if n is None:
        when = f"{year}年" if year else ""
        raise UserError(f"找不到{when}第 {number} 号督办单。请用 towndesk notices list 查看已有的督办单。", field="督办单编号")
    return n


def list_notices(app, *, status: str | None = None, township: str | None = None, today: date | None = None) -> list[dict]:
    """A township sees its own notices; the county sees all. Overdue first, then by deadline."""
    today = today or date.today()
    if status and status not in STATUS_LABELS:
        by_label = {v: k for k, v in STATUS_LABELS.items()}
        if status not in by_label:
            raise UserError(f"状态 '{status}' 无效，可选：{'、'.join(STATUS_LABELS.values())}。", field="状态")
        status = by_label[status]
    with app.read() as s:
        q = select(Notice).where(Notice.deleted.is_(False))
        if app.node is not None and app.node.role == "township":
            q = q.where(Notice.township_code == app.node.region_code)
        elif township:
            q = q.where(Notice.township_code == resolve_township(s, app.node.region_code, township)[0])
        rows = [notice_dict(s, n, today) for n in s.scalars(q)]
    if status:
        rows = [r for r in rows if r["status"] == status]
    return sorted(rows, key=lambda r: (STATUS_ORDER[r["status"]], r["deadline"], r["year"], r["number"]))


def show(app, raw, year: int | None = None, today: date | None = None) -> dict:
    with app.read() as s:
        return notice_dict(s, find_notice(s, app, raw, year), today or date.today())


def reply(app, raw, text: str, *, attach=None, year: int | None = None, today: date | None = None) -> dict:
    """The township's rectification report, with evidence files (township only)."""
    _role(app, "township", "答复督办单")
    today = today or date.today()
    text = (text or "").strip()
    if not text:
        raise UserError("答复内容不能为空，请写明整改情况。", field="答复内容", cli_hint="--text")
    if len(text) > MAX_TEXT:
        raise UserError(f"答复内容太长（{len(text)} 字），最多 {MAX_TEXT} 字；详细材料请作为附件。", field="答复内容", cli_hint="--attach 文件")
    with app.read() as s:  # fail before reading big files
        n = find_notice(s, app, raw, year)
        if n.status == "closed":
            raise UserError(f"督办单 {label(n)} 已办结，无需再答复。")
    incoming, created = store_files(app, attach or [])
    try:
        with app.tx() as s:
            n = find_notice(s, app, raw, year)
            ids = record_attachments(s, incoming, project_id=(n.project_ids or [None])[0] if _has_project(s, n) else None)
            s.add(NoticeReply(notice_id=n.id, township_code=app.node.region_code, replied_on=today, content=text,
                              attachment_ids=ids))
            s.flush()
            return notice_dict(s, n, today)
    except BaseException:
        forget_files(app, created)
        raise


def _has_project(s: Session, n: Notice) -> bool:
    ids = list(n.project_ids or [])
    return bool(ids) and s.scalar(select(func.count()).select_from(Project).where(Project.id == ids[0])) == 1


def close(app, raw, *, year: int | None = None, today: date | None = None) -> dict:
    """The county accepts the answer (county only; needs at least one reply)."""
    _role(app, "county", "办结督办单")
    today = today or date.today()
    with app.tx(right="review") as s:
        n = find_notice(s, app, raw, year)
        if n.status == "closed":
            raise UserError(f"督办单 {label(n)} 已经办结。")
        has_reply = s.scalar(select(func.count()).select_from(NoticeReply).where(NoticeReply.notice_id == n.id,
                                                                                  NoticeReply.deleted.is_(False)))
        if not has_reply:
            raise UserError(f"督办单 {label(n)} 尚未收到乡镇答复，不能办结。请等乡镇的同步包导入后再办结。")
        n.status, n.closed_on = "closed", today
        s.flush()
        return notice_dict(s, n, today)
