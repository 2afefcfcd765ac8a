"""附件1 推进梳理表 (progress) and the 资料目录对照表 summary (checklist).

推进梳理表: every project of the scope with its money, works progress, dates, benefit and
risk, grouped by project level with 小计 and a 合计, as the seeds' 附件1 asks.
资料目录对照表 summary: per project, how many required documents are held, need fixing or
are missing, with the missing names, so the county sees whose files are incomplete.
"""
from __future__ import annotations

from sqlalchemy import select

from desktop.projects.fields import STAGE_LABELS
from desktop.reports.data import (
    Scope, gather, ids_query, in_scope, level_key, level_order, require_rows, township_order,
)
from desktop.reports.model import Col, Report, group_by, sectioned

PROGRESS_COLUMNS = [
    Col("seq", "序号", width=5, kind="seq"),
    Col("code", "项目编号", width=13),
    Col("name", "项目名称", width=30, wrap=True),
    Col("township", "实施乡镇", width=10),
    Col("village", "实施村", width=9),
    Col("category", "项目类别", width=8),
    Col("sources", "资金来源", width=14, wrap=True),
    Col("planned", "计划投资", width=11, kind="money", total=True),
    Col("disbursed", "已拨付", group="资金拨付", width=11, kind="money", total=True),
    Col("disbursed_rate", "拨付率", group="资金拨付", width=8, kind="pct", ratio=("disbursed", "planned")),
    Col("spent", "已支出", group="资金支出", width=11, kind="money", total=True),
    Col("spent_rate", "支出进度", group="资金支出", width=8, kind="pct", ratio=("spent", "planned")),
    Col("works_pct", "工程进度", width=8, kind="pct"),
    Col("stage_label", "项目阶段", width=8),
    Col("start", "开工时间", group="时间节点", width=11, kind="date"),
    Col("planned_end", "计划完工", group="时间节点", width=11, kind="date"),
    Col("actual_end", "实际完工", group="时间节点", width=11, kind="date"),
    Col("households", "受益户数", group="联农带农情况", width=8, kind="int", total=True),
    Col("people", "受益人数", group="联农带农情况", width=8, kind="int", total=True),
    Col("poor_households", "{poor_household}(户)", group="联农带农情况", width=8, kind="int", total=True),
    Col("poor_people", "{poor_people}(人)", group="联农带农情况", width=8, kind="int", total=True),
    Col("mechanism", "利益联结机制", width=16, wrap=True),
    Col("operating", "运营主体", width=14, wrap=True),
    Col("risk_label", "风险等级", width=7, kind="risk"),
    Col("person", "责任人", width=8),
    Col("note", "备注", width=16, wrap=True),
]


def _count(r: dict, project, bulk, shared: dict) -> None:
    """The project's overall checklist figures and its missing names, from the shared bulk evaluation.

    Per plan (standard, stage, conditions) its required keys and names are listed once in `shared`, with
    the figures of a project holding none of them; per project only its stored documents are looked up
    (already effective states: an automatic 不适用 of an item whose condition holds counts as missing,
    desktop.checklists.bulk)."""
    std = bulk.catalog.for_project(project)
    if std is None:
        r.update(_figures("（无标准）", [], []))
        return
    plan = bulk.plan(project, std)
    items = shared.get(id(plan))
    if items is None:
        keys, names = [it.key for it in plan.required], [it.name for it in plan.required]
        missing = ["missing"] * len(keys)
        items = shared[id(plan)] = (plan, keys, names, missing, _figures(std.name, names, missing))
    docs = bulk.docs.get(project.id)
    if docs:
        r.update(_figures(std.name, items[2], list(map(docs.get, items[1], items[3]))))
    else:
        r.update(items[4])


def _figures(standard: str, names: list[str], states: list[str]) -> dict:
    """The line's checklist columns for the required items' names and effective states."""
    from desktop.checklists.bulk import figures

    c = figures(states)
    return {"standard": standard, "required": c["required"], "collected": c["collected"],
            "needs_fix": c["needs_fix"], "missing": c["missing"], "not_applicable": c["not_applicable"],
            "counted": c["counted"], "complete_rate": (c["collected"] / c["counted"]) if c["counted"] else None,
            "missing_names": "；".join([name + "（需补正）" if state == "needs_fix" else name
                                       for name, state in zip(names, states)
                                       if state == "missing" or state == "needs_fix"])}


def _title_scope(rows: list[dict], scope: Scope, place: str) -> str:
    return f"{scope.years_text(sorted({r['year'] for r in rows}))}{scope.township or place}"


def progress_report(s, scope: Scope, place: str) -> Report:
    rows = gather(s, scope)
    require_rows(rows, scope, "推进梳理表")
    for r in rows:
        r["works_pct"] = r["works"] / 100
    groups = group_by(rows, level_key, level_order())
    return Report(
        "progress", "附件1", f"{_title_scope(rows, scope, place)}{{fund_scope}}产业项目推进梳理表",
        "单位：万元、户、人", f"填报单位：{scope.township or place}", PROGRESS_COLUMNS,
        sectioned(PROGRESS_COLUMNS, [(f"{lvl}项目" if not lvl.endswith("项目") else lvl, g) for lvl, g in groups]),
        notes=["注：1.按项目层级分组，分组行为该组小计；2.支出进度＝已支出÷计划投资；3.数据来源：TownDesk 项目台账。"],
        sheet_name="推进梳理表")


CHECKLIST_COLUMNS = [
    Col("seq", "序号", width=5, kind="seq"),
    Col("code", "项目编号", width=13),
    Col("name", "项目名称", width=30, wrap=True),
    Col("township", "实施乡镇", width=10),
    Col("stage_label", "项目阶段", width=8),
    Col("standard", "资料清单标准", width=14, wrap=True),
    Col("required", "应有资料", group="资料情况（项）", width=8, kind="int", total=True),
    Col("collected", "已收集", group="资料情况（项）", width=8, kind="int", total=True),
    Col("needs_fix", "需补正", group="资料情况（项）", width=8, kind="int", total=True),
    Col("missing", "缺失", group="资料情况（项）", width=8, kind="int", total=True),
    Col("not_applicable", "不适用", group="资料情况（项）", width=8, kind="int", total=True),
    Col("complete_rate", "完整率", width=8, kind="pct", ratio=("collected", "counted")),
    Col("missing_names", "缺失或需补正的资料", width=40, wrap=True),
    Col("person", "责任人", width=8),
    Col("counted", "应收集（不含不适用）", kind="int", total=True, show=False),  # feeds 完整率 of 小计/合计
]


def checklist_projects(s, scope: Scope) -> list:
    """The table's projects in its order, as light rows: what the checklist rules read (desktop.checklists.bulk)
    plus the name and the person the table prints. The table shows no money or grades, so it does not pay for
    the money sums and risk subqueries of `gather`."""
    from db.models import Project
    from db.reads import core_rows
    from desktop.checklists.bulk import PROJECT_COLUMNS

    q = in_scope(select(*PROJECT_COLUMNS, Project.name, Project.responsible_person), scope, False)
    return core_rows(s, q.order_by(Project.township_code, Project.year, Project.code)).all()


def checklist_report(s, scope: Scope, place: str) -> Report:
    """Counts per project from the checklist standards (desktop.checklists.bulk: the standards' plans are
    worked out once per standard, stage and conditions; documents read in one query)."""
    from desktop.checklists.bulk import BulkChecklists

    projects = checklist_projects(s, scope)
    rows = [{"id": p.id, "code": p.code, "name": p.name, "year": p.year, "township": p.township_name,
             "township_code": p.township_code, "stage": p.stage, "stage_label": STAGE_LABELS.get(p.stage, p.stage),
             "person": p.responsible_person} for p in projects]
    require_rows(rows, scope, "资料目录对照表")
    bulk = BulkChecklists(s, ids_query(scope))
    shared: dict = {}  # id(plan) -> (plan, its required keys, names, …); the plan is kept so ids stay unique
    for r, p in zip(rows, projects):
        _count(r, p, bulk, shared)
    groups = group_by(rows, lambda r: r["township"], township_order(rows))
    return Report(
        "checklist", "", f"{_title_scope(rows, scope, place)}项目资料目录对照表（汇总）", "单位：项",
        f"填报单位：{scope.township or place}", CHECKLIST_COLUMNS, sectioned(CHECKLIST_COLUMNS, groups),
        notes=["注：完整率＝已收集÷（应有资料－不适用）；需补正的资料不计入已收集。"], sheet_name="资料对照汇总")
