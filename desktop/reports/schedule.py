"""倒排工期表 (schedule) and 半月调度表 (dispatch, reported on the 14th and 29th).

倒排工期表: each project's milestones side by side — planned date, target, actual date and
whether it was met — as the seeds' reverse schedules (4/30 前期, 6/30 50 %, 8/30 80 %, 10/30 100 %).
半月调度表: in desktop.reports.dispatch (re-exported here).
"""
from __future__ import annotations

from collections import Counter
from datetime import date

from desktop.reports.dispatch import DISPATCH_COLUMNS, dispatch_report  # noqa: F401 (re-exported)
from desktop.round.dates import latest_report_date, period_of  # noqa: F401 (re-exported)
from desktop.reports.data import Scope, gather, level_key, level_order, require_rows
from desktop.reports.model import Col, Report, cn_number, group_by, sectioned

MAX_MILESTONES = 6


def _state(m, today: date) -> str:
    if m.actual_date:
        return "按期完成" if m.actual_date <= m.planned_date else f"逾期{(m.actual_date - m.planned_date).days}天完成"
    return "逾期未完成" if m.planned_date < today else "未到期"


def _target(m) -> str:
    if m.planned_works_pct or m.planned_money_pct:
        return f"工程{m.planned_works_pct}%／资金{m.planned_money_pct}%"
    return "—"


def schedule_report(s, scope: Scope, place: str, today: date | None = None) -> Report:
    today = today or scope.as_of or date.today()
    rows = gather(s, scope, milestones=True, money=False)  # the table shows no disbursed or spent money
    require_rows(rows, scope, "倒排工期表")
    count = min(max((len(r["milestones"]) for r in rows), default=0), MAX_MILESTONES)
    columns = [Col("seq", "序号", width=5, kind="seq"), Col("name", "项目名称", width=28, wrap=True),
               Col("township", "实施乡镇", width=10), Col("person", "责任人", width=8),
               Col("planned", "计划投资", width=11, kind="money", total=True),
               Col("start", "开工时间", width=11, kind="date"), Col("planned_end", "计划完工", width=11, kind="date"),
               Col("works_pct", "当前工程进度", width=8, kind="pct")]
    for i in range(count):
        names = Counter(r["milestones"][i].name for r in rows if len(r["milestones"]) > i)
        group = f"节点{cn_number(i + 1)}：{names.most_common(1)[0][0]}"
        columns += [Col(f"m{i}_plan", "计划时间", group=group, width=11, kind="date"),
                    Col(f"m{i}_target", "目标", group=group, width=13),
                    Col(f"m{i}_actual", "实际完成", group=group, width=11, kind="date"),
                    Col(f"m{i}_state", "完成情况", group=group, width=10)]
    late = 0
    for r in rows:
        r["works_pct"] = r["works"] / 100
        for i, m in enumerate(r["milestones"][:count]):
            r[f"m{i}_plan"], r[f"m{i}_target"], r[f"m{i}_actual"] = m.planned_date, _target(m), m.actual_date
            r[f"m{i}_state"] = _state(m, today)
            late += r[f"m{i}_state"] == "逾期未完成"
    groups = group_by(rows, level_key, level_order())
    years = scope.years_text(sorted({r["year"] for r in rows}))
    return Report(
        "schedule", "", f"{years}{scope.township or place}帮扶项目倒排工期表", "单位：万元",
        f"填报单位：{scope.township or place}　　统计日期：{today.isoformat()}　　逾期未完成节点：{late} 个",
        columns, sectioned(columns, [(f"{lvl}项目", g) for lvl, g in groups]),
        notes=["注：节点按倒排工期设定；“逾期未完成”指计划时间已过而未填实际完成时间的节点。"], sheet_name="倒排工期表")


def report_dates(d: date) -> tuple[date, date]:
    """(this report date, the previous one); the rule lives in desktop.round.dates."""
    prev, when = period_of(d)
    return when, prev
