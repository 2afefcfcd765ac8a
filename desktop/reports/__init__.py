"""The prescribed tables (附件1 推进梳理表, 附件2 风险排查表, 附件3 帮扶提升汇总表, 倒排工期表,
半月调度表, 资料目录对照表 summary) as Excel and PDF, and the 挂图作战 wall chart.

    write_table(app, "progress", "out.xlsx", year=2020)          # or out.pdf
    build_table(app, "risk", year=2020) -> Report                # the lines, for the GUI or tests

Tables are built inside one read transaction and written atomically afterwards.
"""
from __future__ import annotations

from datetime import date
from dataclasses import replace
from pathlib import Path

from desktop.core import gcpause
from desktop.core.errors import UserError

KINDS = {
    "progress": "推进梳理表（附件1）",
    "risk": "风险排查表（附件2）",
    "summary": "帮扶提升汇总表（附件3）",
    "schedule": "倒排工期表",
    "dispatch": "半月调度表（14日、29日）",
    "checklist": "资料目录对照表（汇总）",
    "assets": "项目资产台账（按类别、确权层级小计）",
}


def choices(app) -> dict:
    """Years and townships that have projects (newest year first), for the report forms."""
    from sqlalchemy import select

    from db.models import Project

    with app.read() as s:
        rows = s.execute(select(Project.year, Project.township_code, Project.township_name)
                         .where(Project.deleted.is_(False)).distinct()).all()
    towns = sorted({(code, name) for _, code, name in rows})
    return {"years": sorted({y for y, _, _ in rows}, reverse=True), "townships": [n for _, n in towns],
            "is_county": bool(app.node and app.node.is_county)}


def suggested_name(kind: str, year: int | None, suffix: str) -> str:
    """A file name a clerk recognises: 推进梳理表-2020.xlsx."""
    label = KINDS[kind].split("（")[0]
    return f"{label}-{year or '全部年度'}{suffix}"


def place_name(app) -> str:
    return app.node.name if app.node else "本单位"


def build_table(app, kind: str, *, year: int | None = None, township: str | None = None,
                on: date | None = None, by: str = "township", unit: str = "万元"):
    """The Report for one kind; raises UserError for an unknown kind or an empty selection."""
    from desktop.reports import progress, risk, schedule
    from desktop.reports.data import Scope

    if kind not in KINDS:
        raise UserError(f"报表种类“{kind}”无效，可选：" + "、".join(f"{k}（{v}）" for k, v in KINDS.items()) + "。")
    if unit not in ("万元", "元"):
        raise UserError(f"金额单位“{unit}”无效，请写 万元 或 元。")
    if by not in ("township", "department"):
        raise UserError(f"汇总方式“{by}”无效，请写 township（按乡镇）或 department（按部门）。")
    scope = Scope(year, township, on)
    place = place_name(app)
    with app.read() as s, gcpause.paused():  # a million short-lived objects at county scale (desktop/core/gcpause.py)
        from desktop.library import TABLE_STATES, not_counted_ids
        from desktop.terms.words import refresh_in_force

        terms = refresh_in_force(s)  # level order and the policy words of titles and headers

        scope.exclude_ids = not_counted_ids(s, kind)
        if kind == "progress":
            report = progress.progress_report(s, scope, place)
        elif kind == "checklist":
            report = progress.checklist_report(s, scope, place)
        elif kind == "risk":
            report = risk.risk_report(s, scope, place, on)
        elif kind == "summary":
            report = risk.summary_report(s, scope, place, by)
        elif kind == "schedule":
            report = schedule.schedule_report(s, scope, place, on)
        elif kind == "assets":
            from desktop.reports.assets import asset_report

            report = asset_report(s, township, place, year)
        else:
            report = schedule.dispatch_report(s, scope, place, on or schedule.latest_report_date(date.today()))
        if scope.exclude_ids:
            from desktop.library.states import state_label
            from desktop.terms import current_terms

            words = "、".join(state_label(current_terms(s), x) for x in TABLE_STATES[kind])
            report.notes.append(f"注：纳入项目库管理的项目只统计“{words}”状态的；申报、审核中或退回的项目不列入。")
        for line in report.lines:
            line.values.pop("project", None)
            line.values.pop("documents", None)
            line.values.pop("milestones", None)
            line.values.pop("reports", None)
    fill_terms(report, terms)
    if unit == "元":
        report.money_unit = "元"
        report.unit_line = report.unit_line.replace("万元", "元")
    return report


def fill_terms(report, terms) -> None:
    """Put the words of the terms in force into the {placeholders} of titles, headers and notes."""
    from desktop.terms.words import fill

    report.title, report.unit_line, report.info_line = (fill(t, terms) for t in
                                                         (report.title, report.unit_line, report.info_line))
    report.notes = [fill(n, terms) for n in report.notes]
    report.columns = [replace(c, title=fill(c.title, terms), group=fill(c.group, terms) if c.group else c.group)
                      for c in report.columns]


def write_table(app, kind: str, out, *, progress=None, **options) -> dict:
    """Build and write one table; the format follows the file name (.xlsx or .pdf)."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise UserError(f"输出文件 {out.name} 的扩展名应为 .xlsx 或 .pdf。")
    if out.is_dir():
        raise UserError(f"{out} 是文件夹，请写文件名，例如 {out / (kind + suffix)}。")
    report = build_table(app, kind, **options)
    if suffix == ".xlsx":
        from desktop.reports.xlsx import write_report
    else:
        from desktop.reports.pdf import write_report
    try:
        write_report(report, out, progress=progress, installation=place_name(app))
    except PermissionError:
        raise UserError(f"无法写入 {out}：文件可能正在 Excel/WPS 中打开，请关闭后重试。") from None
    return {"file": str(out), "kind": kind, "title": report.title, "projects": report.data_count,
            "lines": len(report.lines)}
