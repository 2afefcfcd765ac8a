"""Per-project checklist use cases: show, change an item's state, choose a standard.

Changes go through the ORM so the change log (and sync) records them. A project without
document rows gets one per item of its standard on its first change (lazily).
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Attachment, Milestone, Project, ProjectDocument
from desktop.checklists.evaluate import completeness, evaluate_items, project_summary
from desktop.checklists.standards import StandardCatalog, load_in
from desktop.checklists import item_state
from desktop.core.errors import StaleRecord, UserError
from desktop.checklists import standards_service as core
from desktop.values.dates import parse_date
from desktop.projects.projects import find


def project_checklist(app, code: str, today: date | None = None) -> dict:
    """Everything the 资料 tab and `checklist show` need for one project."""
    with app.read() as s:
        p = find(s, code)
        return _view(s, p, StandardCatalog(s), today)


def _view(s: Session, p: Project, catalog: StandardCatalog, today: date | None) -> dict:
    std = _standard(catalog, p)
    docs = {d.item_key: d for d in s.scalars(select(ProjectDocument).where(
        ProjectDocument.project_id == p.id, ProjectDocument.deleted.is_(False)))}
    atts: dict[str, list] = {}
    for a in s.scalars(select(Attachment).where(Attachment.project_id == p.id, Attachment.deleted.is_(False))
                       .order_by(Attachment.created_at)):
        atts.setdefault(a.document_id, []).append(attachment_dict(a))
    prep = s.scalar(select(func.min(Milestone.planned_date)).where(Milestone.project_id == p.id,
                                                                   Milestone.deleted.is_(False)))
    items = evaluate_items(p, std, docs, prep, today, atts)
    return {"project": project_summary(p), "standard": {"key": std.key, "name": std.name, "version": std.version},
            "items": items, "completeness": completeness(items),
            "unfiled_attachments": atts.get(None, [])}


def attachment_dict(a: Attachment) -> dict:
    return {"id": a.id, "filename": a.filename, "size": a.size, "sha256": a.sha256, "mime": a.mime,
            "document_id": a.document_id, "added_at": a.created_at.isoformat(sep=" ", timespec="seconds")}


def _standard(catalog: StandardCatalog, p: Project):
    std = catalog.for_project(p)
    if std is None:
        raise UserError("数据库中没有任何资料清单标准。请运行 towndesk checklist standards 载入内置标准，"
                        "或导入县级办公室下发的标准。")
    return std


def ensure_documents(s: Session, p: Project, std) -> dict[str, ProjectDocument]:
    """Rows for every item of the project's standard (made on first change), keyed by item key."""
    docs = {d.item_key: d for d in s.scalars(select(ProjectDocument).where(ProjectDocument.project_id == p.id))}
    for it in std.items:
        doc = docs.get(it.key)
        if doc is None:
            doc = item_state.new_document(p.id, it.key, core.applies(it.condition, p))
            s.add(doc)
            docs[it.key] = doc
        elif doc.deleted:
            doc.deleted = False
    s.flush()
    return docs


def item_for(std, key: str, code: str):
    for it in std.items:
        if it.key == key:
            return it
    sample = "、".join(f"{i.key}（{i.name}）" for i in std.items[:6])
    raise UserError(f"项目 {code} 使用的标准「{std.name}」中没有资料项 '{key}'。"
                    f"可用的资料项例如：{sample}…；完整列表请运行 towndesk checklist show {code}。", field="资料项")


def set_item(app, code: str, item_key: str, state: str, *, reason: str | None = None,
             location: str | None = None, note: str | None = None, received_on=None, pages=None,
             expected_version: int | None = None, today: date | None = None) -> dict:
    """Change one item's state (and its details). Returns the item as `project_checklist` shows it."""
    where = f"项目 {code} 资料项 {item_key}："
    state, reason = item_state.check(state, reason, where)
    received = parse_date(received_on, f"{where}收到日期")
    pages = _parse_pages(pages, where)
    with app.tx() as s:
        p = find(s, code)
        std = _standard(load_in(s), p)
        item = item_for(std, item_key, code)
        docs = ensure_documents(s, p, std)
        doc = docs[item.key]
        if expected_version is not None and doc.version != expected_version:
            raise StaleRecord(f"{where}已被他人修改，请重新打开后再保存。")
        item_state.change(doc, state, reason=reason, received_on=received, pages=pages, location=location,
                          note=note, today=today)
        s.flush()
        view = _view(s, p, StandardCatalog(s), today)
    return next(i for i in view["items"] if i["key"] == item.key) | {"completeness": view["completeness"]}


def _parse_pages(raw, where: str) -> int | None:
    if raw in (None, ""):
        return None
    try:
        n = int(str(raw).strip())
    except ValueError:
        n = -1
    if not 0 <= n <= 100_000:
        raise UserError(f"{where}页数 '{raw}' 无效，应为 0 或正整数。", field="页数")
    return n


def list_standards(app) -> list[dict]:
    with app.read() as s:
        return StandardCatalog(s).list()


def use_standard(app, code: str, key: str) -> dict:
    """Make a project use a named standard (new rows are made lazily for its items)."""
    with app.tx() as s:
        catalog = load_in(s)
        if key not in catalog.by_key:
            raise UserError(f"资料清单标准 '{key}' 不存在。可用：{'、'.join(f'{k}（{v.name}）' for k, v in catalog.by_key.items())}。",
                            field="资料清单标准")
        p = find(s, code)
        if p.checklist_standard_key != key:
            p.checklist_standard_key = key
        s.flush()
        std = catalog.by_key[key]
        return {"code": p.code, "standard": {"key": std.key, "name": std.name, "version": std.version}}
