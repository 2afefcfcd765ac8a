"""Preview and render a template for a project; record, list and link generated documents.

Why records: a generated agreement is part of the project file. It is kept as an attachment
(content in the store by SHA-256), names the template version it came from, who made it and
when, and can be linked to the checklist item it satisfies in one step.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from db.base import utcnow
from db.models import Attachment, GeneratedDocument, Project, ProjectDocument, Template
from desktop.accounts.roles import require
from desktop.core.attachments_store import AttachmentStore
from desktop.audit import events
from desktop.core.errors import UserError
from desktop.core.fileio import atomic_write_bytes
from desktop.checklists import item_state
from desktop.checklists.service import ensure_documents
from desktop.checklists.standards import StandardCatalog, load_in
from desktop.projects.projects import find as find_project
from desktop.templates import context as ctx
from desktop.templates.catalogue import BY_NAME
from desktop.templates.checker import nearest
from desktop.templates.library import ensure_builtin, find_template, local_time, template_bytes, template_dict
from desktop.templates.bounded import render_isolated
from desktop.templates.render import find_soffice, NO_PDF, to_pdf

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _office(app) -> str:
    return app.node.name if app.node else ""


def preview(app, name: str, code: str, version: int | None = None, today: date | None = None) -> dict:
    """The fields this template uses, filled for this project; what is missing, before rendering."""
    ensure_builtin(app)
    with app.read() as s:
        t = find_template(s, name, version)
        p = find_project(s, code)
        data = ctx.build(s, p, today=today or date.today(), office=_office(app))
        rows, problems = [], []
        for f in (BY_NAME[n] for n in t.fields if n in BY_NAME):
            value = data.values[f.name]
            missing = f.name in data.missing
            shown = f"{len(value)} 行" if f.is_table else ("" if missing else str(value))
            rows.append({"name": f.name, "label": f.label, "value": shown, "missing": missing})
            if missing:
                problems.append(f.missing_message())
        problems += data.notes
        return {"template": template_dict(t), "project": {"code": p.code, "name": p.name},
                "fields": rows, "problems": problems}


def render_document(app, name: str, code: str, out: Path, *, version: int | None = None, today: date | None = None,
                    show_ids: bool = False, actor: dict | None = None, pdf: bool = False,
                    item_key: str | None = None) -> dict:
    """Render to `out` (.docx), keep it as an attachment, record it; optionally PDF and link it.

    ID numbers are masked unless `show_ids` and the `actor` may see personal data (the
    signing copy of an agreement); such a render is written to the security event log.
    """
    out = Path(out)
    actor = getattr(app, "actor", None) or actor  # the signed-in account decides, not what a caller says
    if show_ids:
        if actor is None:
            from desktop.accounts.service import has_users

            if has_users(app):
                raise UserError("填入完整身份证号需要以经办人或管理员账户登录。未生成任何文书。")
            # No accounts on this PC (a one-clerk office that never set them up): nobody to ask for a
            # password, so the signing copy is made and the security log says who ran the program.
            actor = {"username": app.user_name or "（未设账户）"}
        else:
            require(actor, "reveal_personal")
    if out.suffix.lower() != ".docx":
        raise UserError(f"输出文件 {out.name} 应以 .docx 结尾，例如 利益联结机制协议.docx。",
                        cli_hint="--out 利益联结机制协议.docx")
    if pdf and find_soffice() is None:
        raise UserError(NO_PDF)
    ensure_builtin(app)
    today = today or date.today()
    with app.read() as s:
        t = find_template(s, name, version)
        p = find_project(s, code)
        if item_key:
            _checked_item(s, p, item_key)
        data = ctx.build(s, p, today=today, show_ids=show_ids, office=_office(app))
        label = f"“{t.name}”第 {t.template_version} 版"
        source = template_bytes(app, t)
        tid, tver, pid = t.id, t.template_version, p.id
        used = set(t.fields or [])
    rendered = render_isolated(source, data.values, label)  # child process: memory, time, size limits
    sha = AttachmentStore(app.layout).put_bytes(rendered)
    atomic_write_bytes(out, rendered)
    try:
        with app.tx(right="edit") as s:
            att = Attachment(project_id=pid, sha256=sha, filename=out.name, size=len(rendered), mime=DOCX_MIME)
            s.add(att)
            s.flush()
            g = GeneratedDocument(project_id=pid, template_id=tid, template_version=tver, attachment_id=att.id,
                                  generated_by=app.user_name, generated_at=utcnow().replace(microsecond=0))
            s.add(g)
            s.flush()
            if item_key:
                _link(s, g, item_key)
            if show_ids:
                events.record(s, "personal_export", user=actor["username"], subject=f"文书 {out.name}",
                              detail={"template": name, "version": tver, "project": code})
            gid = g.id
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    problems = [BY_NAME[n].missing_message() for n in sorted(used & data.missing, key=list(BY_NAME).index)]
    result = {"id": gid, "path": str(out), "pdf": None, "template": name, "version": tver, "project": code,
              "sha256": sha, "problems": problems + data.notes, "item_key": item_key}
    if pdf:
        result["pdf"] = str(to_pdf(out, out.with_suffix(".pdf")))
    return result


def _checked_item(s, p: Project, item_key: str, writing: bool = False) -> tuple:
    """(standard, item key) for an item given by key or by name in the project's checklist standard.
    Reads never write: shipped standards are loaded into the database only when linking."""
    std = (load_in(s) if writing else StandardCatalog(s)).for_project(p)
    if std is None:
        raise UserError("数据库中没有资料清单标准，无法关联资料项。请先运行 towndesk checklist standards。")
    by_key = {i.key: i.name for i in std.items}
    by_name = {i.name: i.key for i in std.items}
    if item_key in by_key or item_key in by_name:
        return std, by_name.get(item_key, item_key)
    near = nearest(item_key, list(by_key) + list(by_name))
    hint = f"相近的资料项：{'、'.join(near)}。" if near else ""
    raise UserError(f"项目 {p.code} 的资料清单（{std.name}）中没有资料项“{item_key}”。{hint}"
                    "请用资料项代码（如 benefit_agreement）或名称。", field="资料项")


def _link(s, g: GeneratedDocument, item_key: str) -> ProjectDocument:
    """Attach the document to the item (rows made as the checklist service makes them); a missing item
    becomes collected, as when a clerk attaches a scan."""
    p = s.get(Project, g.project_id)
    std, key = _checked_item(s, p, item_key, writing=True)
    doc = ensure_documents(s, p, std)[key]
    item_state.collect_on_file(doc)
    g.item_key = key
    if g.attachment_id:
        s.get(Attachment, g.attachment_id).document_id = doc.id
    s.flush()
    return doc


def link_to_item(app, generated_id: str, item_key: str) -> dict:
    """Attach a generated document to a checklist item of its project (marks it collected)."""
    with app.tx(right="edit") as s:
        g = s.get(GeneratedDocument, generated_id)
        if g is None or g.deleted:
            raise UserError(f"找不到生成记录 {generated_id}。请在该项目的已生成文书中查看。",
                            cli_hint="towndesk template generated --project 编号")
        doc = _link(s, g, item_key)
        return {"id": g.id, "item_key": g.item_key, "state": doc.state}


def list_generated(app, code: str | None = None) -> list[dict]:
    with app.read() as s:
        q = (select(GeneratedDocument, Template, Project, Attachment)
             .join(Template, Template.id == GeneratedDocument.template_id)
             .join(Project, Project.id == GeneratedDocument.project_id)
             .outerjoin(Attachment, Attachment.id == GeneratedDocument.attachment_id)
             .where(GeneratedDocument.deleted.is_(False)))
        if code:
            q = q.where(Project.id == find_project(s, code).id)
        rows = s.execute(q.order_by(GeneratedDocument.generated_at.desc())).all()
        catalog = StandardCatalog(s)
        return [{"id": g.id, "project": p.code, "project_name": p.name, "template": t.name,
                 "version": g.template_version, "generated_by": g.generated_by,
                 "generated_at": local_time(g.generated_at),
                 "item_key": g.item_key, "item_name": _item_name(catalog, p, g.item_key),
                 "filename": a.filename if a else None, "sha256": a.sha256 if a else None}
                for g, t, p, a in rows]


def _item_name(catalog: StandardCatalog, p: Project, key: str | None) -> str | None:
    std = catalog.for_project(p) if key else None
    return next((i.name for i in std.items if i.key == key), key) if std else key


def export_generated(app, generated_id: str, dest: Path) -> Path:
    """Copy a generated document out of the store (to open or print it again)."""
    with app.read() as s:
        g = s.get(GeneratedDocument, generated_id)
        att = s.get(Attachment, g.attachment_id) if g and g.attachment_id else None
        if att is None:
            raise UserError(f"找不到生成记录 {generated_id} 的文件。")
        sha = att.sha256
    store = AttachmentStore(app.layout)
    if not store.has(sha):
        raise UserError("该文书的文件不在本机附件库中，请运行 towndesk verify 检查。")
    atomic_write_bytes(Path(dest), store.path_for(sha).read_bytes())
    return Path(dest)
