"""Checklist completeness for thousands of projects at once, without building item views.

Why: the county dashboard, risk proposals and the Excel tables need only figures (how many required
items are due, collected, 不适用 …) and the pending items, not the per-item dicts with deadlines and
attachments that `evaluate_items` builds for the 资料 tab. Which items a project must hold depends only
on its standard, its stage and which of the standard's conditions hold, so that list is worked out once
per distinct combination and shared; per project only its stored non-missing document rows are looked
at. The results equal `completeness(evaluate_items(...))` item for item (hypothesis test in
tests/checklists/test_bulk.py): same rules, same automatic 不适用, same due stages.
"""
from __future__ import annotations

import json

from sqlalchemy import String, func, or_, select, type_coerce

from db.models import Project, ProjectDocument
from db.reads import core_rows
from desktop.checklists import standards_service as core
from desktop.checklists.evaluate import DUE_STAGE_COUNT
from desktop.checklists.standards import StandardCatalog
from desktop.checklists.states import AUTO_NA_REASON
from desktop.core.errors import UserError

# The project columns the rules read (conditions, standard choice, stage) plus what callers group by.
PROJECT_COLUMNS = (Project.id, Project.code, Project.year, Project.township_code, Project.township_name,
                   Project.stage, Project.category, Project.level, Project.planned_investment_fen,
                   Project.funding_sources, Project.checklist_standard_key)


def figures(states: list[str]) -> dict:
    """The figures `completeness` gives for a list of required items' effective states."""
    na = states.count("not_applicable")
    collected = states.count("collected")
    needs_fix = states.count("needs_fix")
    counted = len(states) - na
    return {"required": len(states), "not_applicable": na, "collected": collected, "needs_fix": needs_fix,
            "missing": counted - collected - needs_fix, "counted": counted,
            "pct": round(100.0 * collected / counted, 1) if counted else 100.0, "complete": collected == counted}


class _Plan:
    """The required items of one standard for one stage and one set of condition outcomes."""

    def __init__(self, std, indexed: list[tuple], due_count: int, holds: dict):
        self.std = std
        required = [(it, i) for it, i, cond in indexed if it.required and holds[cond]]
        self.required = [it for it, _i in required]
        self.due = [it for it, i in required if i < due_count]
        self.due_count = due_count
        self.settlement = next((it for it in self.required if "settlement" in it.key or "结算" in it.name), None)

    @property
    def stages(self) -> list[tuple]:
        """(stage, due, required items) for each stage the standard has (made when first asked)."""
        if not hasattr(self, "_stages"):
            present = {it.stage for it in self.std.items}
            self._stages = [(stage, stage_i < self.due_count, [it for it in self.required if it.stage == stage])
                            for stage_i, stage in enumerate(core.STAGE_ORDER) if stage in present]
        return self._stages


def _cond_key(cond) -> str:
    return repr(sorted(cond.items())) if cond else ""


class BulkChecklists:
    """Standards and stored document states for a set of projects, read in two queries."""

    def __init__(self, session, project_ids_query):
        self.catalog = StandardCatalog(session)
        # project id -> item key -> effective state of a required item (`effective_state(True, …)`): rows
        # that count as missing (stored missing, or 不适用 set automatically) are left out in SQL, and each
        # project's states come back as one JSON object made by the database (200,000 documents at the
        # county were as many tuples, which cost more to make than to read).
        PD = ProjectDocument
        postgres = session.get_bind().dialect.name == "postgresql"
        states = (func.json_object_agg if postgres else func.json_group_object)(PD.item_key, PD.state)
        rows = core_rows(session, select(PD.project_id, type_coerce(states, String)).where(
            PD.project_id.in_(project_ids_query), PD.deleted.is_(False), PD.state != "missing",
            or_(PD.state != "not_applicable", func.coalesce(PD.reason, "") != AUTO_NA_REASON))
            .group_by(PD.project_id))
        self.docs: dict[str, dict[str, str]] = {
            pid: packed if isinstance(packed, dict) else json.loads(packed) for pid, packed in rows}  # psycopg: a dict
        self._conditions: dict[str, list] = {}
        self._indexed: dict[str, list] = {}
        self._plans: dict[tuple, _Plan] = {}

    def plan(self, p, std=None) -> _Plan:
        """The shared plan for this project (project = ORM object or a row with PROJECT_COLUMNS); `std`: its
        standard, when the caller already looked it up."""
        std = std or self.catalog.for_project(p)
        if std is None:
            raise UserError("数据库中没有任何资料清单标准。请运行 towndesk checklist standards 载入内置标准。")
        conds = self._conditions.get(std.key)
        if conds is None:  # once per standard: its distinct conditions, each item's stage index and condition
            conds = self._conditions[std.key] = list({_cond_key(it.condition): it.condition
                                                      for it in std.items}.items())
            self._indexed[std.key] = [(it, it.stage_index, _cond_key(it.condition)) for it in std.items]
        holds = {k: core.applies(c, p) for k, c in conds}
        due_count = DUE_STAGE_COUNT.get(p.stage, 2)
        key = (std.key, std.version, due_count, tuple(holds.values()))
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = _Plan(std, self._indexed[std.key], due_count, holds)
        return plan

    def _state(self, docs: dict, item) -> str:
        return docs.get(item.key, "missing")

    def due(self, p) -> dict:
        """`completeness(...)["due"]`, looking only at the due required items."""
        docs = self.docs.get(p.id, {})
        return figures([self._state(docs, it) for it in self.plan(p).due])

    def completeness(self, p) -> dict:
        """The whole `completeness(...)` structure: overall, per stage, due."""
        plan, docs = self.plan(p), self.docs.get(p.id, {})
        state = {it.key: self._state(docs, it) for it in plan.required}
        return {"overall": figures(list(state.values())),
                "stages": [{"stage": stage, "due": due, **figures([state[it.key] for it in items])}
                           for stage, due, items in plan.stages],
                "due": figures([state[it.key] for it in plan.due])}

    def pending_due(self, p) -> list[tuple]:
        """(key, name, state) of each due required item still missing or needing correction, in order."""
        docs = self.docs.get(p.id, {})
        out = []
        for it in self.plan(p).due:
            state = self._state(docs, it)
            if state in ("missing", "needs_fix"):
                out.append((it.key, it.name, state))
        return out

    def settlement(self, p) -> tuple | None:
        """(name, state) of the standard's required 结算 item, or None."""
        it = self.plan(p).settlement
        return (it.name, self._state(self.docs.get(p.id, {}), it)) if it else None


def project_rows(session, query):
    """The projects of a `select(Project)` query as light rows (PROJECT_COLUMNS), not ORM objects."""
    return core_rows(session, query.with_only_columns(*PROJECT_COLUMNS)).all()


def due_completeness(session, *, year=None, township=None, project_stage=None, codes=None) -> dict[str, dict]:
    """Project id → its due figures, for every live project matching the filters (same as the 资料 tab)."""
    from desktop.checklists.missing import _project_query

    q = _project_query(year, township, project_stage, codes)
    bulk = BulkChecklists(session, q.with_only_columns(Project.id).order_by(None))
    return {p.id: bulk.due(p) for p in project_rows(session, q)}


def due_by_township(session, *, year=None) -> dict[str, dict]:
    """Township code → summed due items counted and collected, and how many projects are complete."""
    from desktop.checklists.missing import _project_query

    q = _project_query(year)
    bulk = BulkChecklists(session, q.with_only_columns(Project.id).order_by(None))
    out: dict[str, dict] = {}
    for p in project_rows(session, q.order_by(None)):
        due = bulk.due(p)
        acc = out.setdefault(p.township_code, {"counted": 0, "collected": 0, "complete_projects": 0})
        acc["counted"] += due["counted"]
        acc["collected"] += due["collected"]
        acc["complete_projects"] += 1 if due["complete"] else 0
    return out
