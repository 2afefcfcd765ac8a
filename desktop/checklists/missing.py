"""The missing-documents view (资料缺失清单): every required item not yet collected or needing
correction, across projects, most urgent first.

Urgency: an item whose stage the project has reached and whose deadline has passed (已逾期),
then items the current stage needs (本阶段应有), then later stages; within each, earliest
deadline first, then the project furthest along.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, or_, select

from db.models import Attachment, Milestone, Project, ProjectDocument
from desktop.checklists.evaluate import (
    PROJECT_STAGE_RANK, URGENCY_RANK, completeness, evaluate_items, project_summary,
)
from desktop.checklists.standards import StandardCatalog
from desktop.core.errors import UserError
from desktop.checklists import standards_service as core
from desktop.projects.fields import STAGE_LABELS

MISSING_COLUMNS = [("code", "项目编号"), ("project_name", "项目名称"), ("township", "乡镇"), ("village", "村"),
                   ("year", "年度"), ("project_stage_label", "项目阶段"), ("stage", "资料阶段"),
                   ("item_name", "缺少的资料"), ("state_label", "状态"), ("reason", "需补正内容"),
                   ("deadline", "应归档日期"), ("urgency_label", "紧急程度"), ("days_overdue", "逾期天数")]


def _project_query(year=None, township=None, project_stage=None, codes=None):
    q = select(Project).where(Project.deleted.is_(False))
    if year:
        q = q.where(Project.year == int(year))
    if township:
        q = q.where(or_(Project.township_name == township, Project.township_code == township))
    if project_stage:
        q = q.where(Project.stage == project_stage)
    if codes:
        q = q.where(Project.code.in_(list(codes)))
    return q.order_by(Project.year.desc(), Project.code)


def parse_stage_filter(stage: str | None) -> tuple[str | None, str | None]:
    """(checklist stage, project stage) from one --stage value: 前期审批 or construction / 在建."""
    if not stage:
        return None, None
    if stage in core.STAGE_ORDER:
        return stage, None
    if stage in STAGE_LABELS:
        return None, stage
    by_label = {v: k for k, v in STAGE_LABELS.items()}
    if stage in by_label:
        return None, by_label[stage]
    raise UserError(f"阶段 '{stage}' 无法识别。资料阶段：{'、'.join(core.STAGE_ORDER)}；"
                    f"项目阶段：{'、'.join(STAGE_LABELS.values())}。", field="阶段")


def iter_project_checklists(s, *, year=None, township=None, project_stage=None, codes=None, today=None):
    """(project, items) for every matching project, reading all rows in three queries."""
    catalog = StandardCatalog(s)
    projects = list(s.scalars(_project_query(year, township, project_stage, codes)))
    if not projects:
        return
    ids_q = _project_query(year, township, project_stage, codes).with_only_columns(Project.id).order_by(None)
    docs: dict[str, dict] = {}
    for d in s.scalars(select(ProjectDocument).where(ProjectDocument.project_id.in_(ids_q),
                                                     ProjectDocument.deleted.is_(False))):
        docs.setdefault(d.project_id, {})[d.item_key] = d
    prep = dict(s.execute(select(Milestone.project_id, func.min(Milestone.planned_date))
                          .where(Milestone.project_id.in_(ids_q), Milestone.deleted.is_(False))
                          .group_by(Milestone.project_id)).all())
    files: dict[str, list] = {}
    for doc_id, name in s.execute(select(Attachment.document_id, Attachment.filename).where(
            Attachment.project_id.in_(ids_q), Attachment.deleted.is_(False), Attachment.document_id.is_not(None))):
        files.setdefault(doc_id, []).append({"filename": name})
    for p in projects:
        std = catalog.for_project(p)
        if std is None:
            raise UserError("数据库中没有任何资料清单标准。请运行 towndesk checklist standards 载入内置标准。")
        yield p, std, evaluate_items(p, std, docs.get(p.id, {}), prep.get(p.id), today, files)


def missing_documents(app, *, year=None, township=None, stage=None, today: date | None = None) -> list[dict]:
    """Rows of the 资料缺失清单, sorted by urgency."""
    today = today or date.today()
    item_stage, project_stage = parse_stage_filter(stage)
    rows = []
    with app.read() as s:
        for p, _std, items in iter_project_checklists(s, year=year, township=township,
                                                      project_stage=project_stage, today=today):
            for it in items:
                if not it["required"] or it["state"] not in ("missing", "needs_fix"):
                    continue
                if item_stage and it["stage"] != item_stage:
                    continue
                deadline = date.fromisoformat(it["deadline"]) if it["deadline"] else None
                rows.append({
                    "code": p.code, "project_name": p.name, "township": p.township_name, "village": p.village,
                    "year": p.year, "project_stage": p.stage,
                    "project_stage_label": STAGE_LABELS.get(p.stage, p.stage), "item_key": it["key"],
                    "item_name": it["name"], "stage": it["stage"], "state": it["state"],
                    "state_label": it["state_label"], "reason": it["reason"], "deadline": it["deadline"],
                    "days_overdue": (today - deadline).days if it["urgency"] == "overdue" else None,
                    "urgency": it["urgency"], "urgency_label": it["urgency_label"],
                    "_sort": (URGENCY_RANK[it["urgency"]], it["deadline"] or "9999",
                              -PROJECT_STAGE_RANK.get(p.stage, 0), p.code, it["sort_order"]),
                })
    rows.sort(key=lambda r: r["_sort"])
    for r in rows:
        del r["_sort"]
    return rows


def completeness_overview(app, *, year=None, township=None, stage=None, today: date | None = None) -> list[dict]:
    """One line per project: overall and current-stage completeness (for lists and dashboards)."""
    _, project_stage = parse_stage_filter(stage)
    out = []
    with app.read() as s:
        for p, std, items in iter_project_checklists(s, year=year, township=township,
                                                     project_stage=project_stage, today=today):
            c = completeness(items)
            out.append({**project_summary(p), "standard": std.name, "overall": c["overall"], "due": c["due"]})
    return out
