"""The template library: Template rows, their .docx in the attachment store, versions, built-ins.

Why this shape: a Template row plus its file in the store (named by Template.sha256) is all
a node needs, so a county's templates arriving by sync package need nothing else. An
edited template is a new row with the next version; old generated documents keep naming
the version they used. Built-ins get ids derived from name and content, so every node
that loads the same built-in file creates the very same row (no duplicates after sync).
"""
from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Template
from desktop.core.attachments_store import AttachmentStore
from desktop.core.errors import UserError
from desktop.core.paths import resource_path
from desktop.templates.checker import CheckResult, check_parts, nearest
from desktop.templates.docxsafe import check_bytes, read_checked

KIND_LABELS = {"agreement": "协议", "report": "报告", "plan": "方案", "acceptance": "验收",
               "publicity": "公示", "rectification": "整改报告", "other": "其他"}
SOURCE_LABELS = {"builtin": "内置", "county": "县级下发", "local": "本单位"}
# file in resources/templates, name, kind, checklist item it satisfies, table of households it lists
BUILTIN = [
    ("benefit-agreement.docx", "利益联结机制协议", "agreement", "benefit_agreement", "建档立卡户"),
    ("assistance-agreement.docx", "帮扶协议（乡镇/村企结对）", "agreement", "benefit_agreement", "受益户"),
    ("disbursement-request.docx", "资金拨付申请报告", "report", "disbursement_report", None),
    ("implementation-plan.docx", "项目实施方案（提纲）", "plan", "impl_plan", "受益户"),
    ("acceptance-report.docx", "项目验收报告", "acceptance", "acceptance_report", "受益户"),
    ("beneficiary-publicity.docx", "项目公示（带贫户名单公示）", "publicity", "beneficiary_notice", "受益户"),
    ("rectification-report.docx", "督办事项整改报告", "rectification", None, None),
]
_NS = uuid.UUID("6c1f3f7e-2a43-4f7e-9d0e-7a6f0b9a7d21")


def builtin_item_key(name: str) -> str | None:
    return next((b[3] for b in BUILTIN if b[1] == name), None)


def local_time(t: datetime | None) -> str | None:
    """Stored times are UTC; lists show the PC's local time."""
    return t.replace(tzinfo=timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M:%S") if t else None


def template_dict(t: Template, versions: int | None = None) -> dict:
    return {"id": t.id, "name": t.name, "kind": t.kind, "kind_label": KIND_LABELS.get(t.kind, t.kind),
            "version": t.template_version, "source": t.source, "source_label": SOURCE_LABELS.get(t.source, t.source),
            "fields": list(t.fields or []), "sha256": t.sha256, "active": t.active,
            "created_at": local_time(t.created_at),
            "versions": versions if versions is not None else t.template_version,
            "item_key": builtin_item_key(t.name)}


def _next_version(s: Session, name: str) -> int:
    return (s.scalar(select(func.max(Template.template_version)).where(Template.name == name)) or 0) + 1


@lru_cache(maxsize=1)
def shipped_templates() -> dict:
    """{id: (name, sha256)} of the template files this program ships (the same ids on every node)."""
    out = {}
    for filename, name, _kind, _, _ in BUILTIN:
        path = resource_path("templates", filename)
        if path.exists():
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
            out[str(uuid.uuid5(_NS, f"{name}/{sha}"))] = (name, sha)
    return out


def ensure_builtin(app) -> None:
    """Load each shipped template file once; a changed shipped file becomes a new version."""
    store = AttachmentStore(app.layout)
    shipped = []
    for filename, name, kind, _, _ in BUILTIN:
        path = resource_path("templates", filename)
        if path.exists():
            data = path.read_bytes()
            shipped.append((name, kind, data, hashlib.sha256(data).hexdigest()))
    with app.read() as s:
        have = set(s.scalars(select(Template.id)))
    todo = [b for b in shipped if str(uuid.uuid5(_NS, f"{b[0]}/{b[3]}")) not in have]
    if not todo:
        return
    with app.tx(right=None) as s:  # the program installing its own shipped templates: no user's right needed
        for name, kind, data, sha in todo:
            tid = str(uuid.uuid5(_NS, f"{name}/{sha}"))
            if s.get(Template, tid) is not None:
                continue
            fields = _builtin_fields(sha, data)
            store.put_bytes(data)
            s.add(Template(id=tid, name=name, kind=kind, template_version=_next_version(s, name), source="builtin",
                           sha256=sha, fields=fields))
            s.flush()


@lru_cache(maxsize=32)
def _builtin_fields(sha: str, data: bytes) -> list[str]:
    """Fields of a shipped file (the same in every data folder, so worked out once per process)."""
    return check_parts(check_bytes(data, sha)).fields


def list_templates(app, all_versions: bool = False) -> list[dict]:
    """The newest active version of each template (or every version), built-ins first."""
    ensure_builtin(app)
    order = {b[1]: i for i, b in enumerate(BUILTIN)}
    with app.read() as s:
        rows = s.scalars(select(Template).where(Template.deleted.is_(False))
                         .order_by(Template.name, Template.template_version.desc())).all()
        counts: dict[str, int] = {}
        for t in rows:
            counts[t.name] = counts.get(t.name, 0) + 1
        out, seen = [], set()
        for t in rows:
            if all_versions or (t.active and t.name not in seen):
                seen.add(t.name)
                out.append(template_dict(t, counts[t.name]))
    out.sort(key=lambda r: (order.get(r["name"], len(order)), r["name"], -r["version"]))
    return out


def find_template(s: Session, name: str, version: int | None = None) -> Template:
    q = select(Template).where(Template.name == name, Template.deleted.is_(False))
    q = q.where(Template.template_version == version) if version else q.where(Template.active.is_(True))
    t = s.scalar(q.order_by(Template.template_version.desc()).limit(1))
    if t is not None:
        return t
    names = sorted(set(s.scalars(select(Template.name).where(Template.deleted.is_(False)))))
    if version and name in names:
        raise UserError(f"模板“{name}”没有第 {version} 版。请在模板列表中查看各版本。",
                        cli_hint="towndesk template list --all")
    near = nearest(name, names)
    hint = f"相近的模板：{'、'.join(near)}。" if near else ""
    raise UserError(f"找不到模板“{name}”。{hint}请用 towndesk template list 查看模板名称。")


def template_bytes(app, t: Template) -> bytes:
    """The template's .docx from the store, checked against its SHA-256."""
    path = AttachmentStore(app.layout).path_for(t.sha256)
    if not path.exists():
        raise UserError(f"模板“{t.name}”第 {t.template_version} 版的文件不在本机附件库中"
                        "（县级下发的模板可能还在下一个同步包里）。请导入最新的同步包后再试。")
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != t.sha256:
        raise UserError(f"模板“{t.name}”第 {t.template_version} 版的文件已损坏（校验值不符）。请运行 towndesk verify。")
    return data


def check_file(path: Path) -> CheckResult:
    """Check a .docx file a clerk wants to use; raises UserError only for unreadable files."""
    return check_parts(read_checked(Path(path)))


def add_template(app, path: Path, name: str, kind: str | None = None) -> dict:
    """Store a checked .docx as a new version of `name`. Refused templates store nothing."""
    path = Path(path)
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise UserError("模板名称不能为空，且不超过 100 个字，例如 利益联结机制协议。", cli_hint="--name 利益联结机制协议")
    if kind is not None and kind not in KIND_LABELS:
        raise UserError(f"模板类别“{kind}”无效，可选：" + "、".join(f"{k}（{v}）" for k, v in KIND_LABELS.items()) + "。")
    parts = read_checked(path)
    result = check_parts(parts)
    if not result.ok:
        raise UserError(result.refusal(path.name))
    sha = hashlib.sha256(parts.data).hexdigest()
    with app.tx(right="edit") as s:
        latest = s.scalar(select(Template).where(Template.name == name, Template.deleted.is_(False))
                          .order_by(Template.template_version.desc()).limit(1))
        if latest is not None and latest.sha256 == sha:
            return {**template_dict(latest), "unchanged": True, "warnings": result.warnings}
        AttachmentStore(app.layout).put_bytes(parts.data)
        node = app.node
        t = Template(name=name, kind=kind or (latest.kind if latest else None) or _builtin_kind(name) or "other",
                     template_version=_next_version(s, name), source="county" if node and node.is_county else "local",
                     sha256=sha, fields=result.fields, scope_code=node.region_code if node else None)
        s.add(t)
        s.flush()
        return {**template_dict(t), "unchanged": False, "warnings": result.warnings}


def _builtin_kind(name: str) -> str | None:
    return next((b[2] for b in BUILTIN if b[1] == name), None)
