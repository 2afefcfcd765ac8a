"""Turn a project, its standard and its stored document rows into item views and completeness.

Why computed, not stored: a project's category or amount can change after its rows were made;
whether an item is required is decided from the standard's condition each time it is read.
"""
from __future__ import annotations

from datetime import date

from desktop.checklists.standards import ItemInfo, StandardInfo, describe_condition
from desktop.checklists.states import AUTO_NA_REASON, STATE_LABELS
from desktop.checklists import standards_service as core
from desktop.projects.fields import STAGE_LABELS
from desktop.values.money import fen_to_wan_str

# How many checklist stages (in STAGE_ORDER) a project at each stage should already hold.
DUE_STAGE_COUNT = {"reserve": 1, "preparation": 2, "construction": 6, "completed": 7, "accepted": 8,
                   "operating": 8}
PROJECT_STAGE_RANK = {k: i for i, k in enumerate(STAGE_LABELS)}
URGENCY_LABELS = {"overdue": "已逾期", "due": "本阶段应有", "upcoming": "后续阶段"}
URGENCY_RANK = {"overdue": 0, "due": 1, "upcoming": 2}


def effective_state(applies: bool, state: str, reason: str | None) -> tuple[str, str | None]:
    """The state to show: an item whose condition does not hold is 不适用 unless someone decided otherwise."""
    if not applies and state == "missing":
        return "not_applicable", AUTO_NA_REASON
    if applies and state == "not_applicable" and reason == AUTO_NA_REASON:
        return "missing", None
    return state, reason


def item_deadline(stage_index: int, project, prep_deadline: date | None) -> date | None:
    """When an item of this checklist stage should be in the file, from the project's own dates."""
    if stage_index <= 1:
        return prep_deadline or project.start_date
    if stage_index == 2:
        return project.start_date or prep_deadline
    if stage_index <= 5:
        return project.planned_completion_date
    return project.acceptance_date or project.planned_completion_date


def evaluate_items(project, std: StandardInfo, docs: dict, prep_deadline: date | None = None,
                   today: date | None = None, attachments: dict | None = None) -> list[dict]:
    """One dict per item of the standard; `docs` maps item_key → ProjectDocument (or nothing yet)."""
    today = today or date.today()
    due_count = DUE_STAGE_COUNT.get(project.stage, 2)
    out = []
    for it in std.items:
        doc = docs.get(it.key)
        applies = core.applies(it.condition, project)
        state, reason = effective_state(applies, doc.state if doc else "missing", doc.reason if doc else None)
        idx = it.stage_index
        deadline = item_deadline(idx, project, prep_deadline)
        due = idx < due_count
        urgency = ("overdue" if due and deadline and deadline < today else "due") if due else "upcoming"
        out.append({
            "key": it.key, "name": it.name, "stage": it.stage, "sort_order": it.sort_order,
            "required": it.required and applies, "optional": not it.required,
            "conditional": bool(it.condition), "condition": describe_condition(it.condition), "applies": applies,
            "state": state, "state_label": STATE_LABELS.get(state, state), "reason": reason,
            "received_on": doc.received_on.isoformat() if doc and doc.received_on else None,
            "pages": doc.pages if doc else None, "location": doc.location if doc else None,
            "note": doc.note if doc else None, "document_id": doc.id if doc else None,
            "version": doc.version if doc else None, "due": due, "deadline": deadline.isoformat() if deadline else None,
            "urgency": urgency, "urgency_label": URGENCY_LABELS[urgency],
            "attachments": (attachments or {}).get(doc.id, []) if doc else [],
        })
    return out


def completeness(items: list[dict]) -> dict:
    """Collected share of required items, per stage and overall; 不适用 items leave the denominator."""
    def figures(rows: list[dict]) -> dict:
        req = [r for r in rows if r["required"]]
        na = sum(r["state"] == "not_applicable" for r in req)
        collected = sum(r["state"] == "collected" for r in req)
        needs_fix = sum(r["state"] == "needs_fix" for r in req)
        denominator = len(req) - na
        return {"required": len(req), "not_applicable": na, "collected": collected, "needs_fix": needs_fix,
                "missing": denominator - collected - needs_fix, "counted": denominator,
                "pct": round(100.0 * collected / denominator, 1) if denominator else 100.0,
                "complete": collected == denominator}

    stages = []
    for stage in core.STAGE_ORDER:
        rows = [r for r in items if r["stage"] == stage]
        if rows:
            stages.append({"stage": stage, "due": rows[0]["due"], **figures(rows)})
    due_rows = [r for r in items if r["due"]]
    return {"overall": figures(items), "stages": stages, "due": figures(due_rows)}


def project_summary(project) -> dict:
    return {"id": project.id, "code": project.code, "name": project.name, "year": project.year,
            "level": project.level, "category": project.category, "township": project.township_name,
            "village": project.village, "stage": project.stage,
            "stage_label": STAGE_LABELS.get(project.stage, project.stage),
            "planned_investment_wan": fen_to_wan_str(project.planned_investment_fen),
            "funding_sources": list(project.funding_sources or [])}


__all__ = ["ItemInfo", "evaluate_items", "completeness", "project_summary", "effective_state"]
