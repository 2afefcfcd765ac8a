"""倒排工期表 (schedule) and 半月调度表 (dispatch, reported on the 14th and 29th).

倒排工期表: each project's milestones side by side — planned date, target, actual date and
whether it was met — as the seeds' reverse schedules (4/30 前期, 6/30 50 %, 8/30 80 %, 10/30 100 %).
半月调度表: for one report date, works progress against the previous report, money disbursed
and spent in the period and in total, the milestone due and whether spending lags behind it.
"""
from __future__ import annotations

import calendar
from collections import Counter
from datetime import date, timedelta

from desktop.core.errors import UserError
from desktop.reports.data import Scope, gather, level_key, level_order, require_rows, township_order
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
    rows = gather(s, scope, milestones=True)
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


def _month_end(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def report_dates(d: date) -> tuple[date, date]:
    """(this report date, the previous one): the 14th and the 29th (February: its last day)."""
    second = min(29, _month_end(d.year, d.month))
    if d.day not in (14, second):
        before = latest_report_date(d)
        raise UserError(f"半月调度的报送日是每月14日和29日（2月为月末）。{d.isoformat()} 不是报送日，"
                        f"最近的报送日是 {before.isoformat()}：请改用 --date {before.isoformat()}。")
    if d.day == 14:
        prev_month = date(d.year, d.month, 1) - timedelta(days=1)
        return d, date(prev_month.year, prev_month.month, min(29, _month_end(prev_month.year, prev_month.month)))
    return d, date(d.year, d.month, 14)


def latest_report_date(today: date) -> date:
    """The most recent 14th / 29th on or before today (the default report date)."""
    second = min(29, _month_end(today.year, today.month))
    if today.day >= second:
        return date(today.year, today.month, second)
    if today.day >= 14:
        return date(today.year, today.month, 14)
    prev = date(today.year, today.month, 1) - timedelta(days=1)
    return date(prev.year, prev.month, min(29, _month_end(prev.year, prev.month)))


DISPATCH_COLUMNS = [
    Col("seq", "序号", width=5, kind="seq"), Col("township", "乡镇", width=10),
    Col("name", "项目名称", width=28, wrap=True), Col("planned", "计划投资", width=11, kind="money", total=True),
    Col("works_prev", "上期", group="工程进度", width=7, kind="pct"),
    Col("works_now", "本期", group="工程进度", width=7, kind="pct"),
    Col("paid_period", "本期拨付", group="资金拨付", width=11, kind="money", total=True),
    Col("paid_total", "累计拨付", group="资金拨付", width=11, kind="money", total=True),
    Col("spent_period", "本期支出", group="资金支出", width=11, kind="money", total=True),
    Col("spent_total", "累计支出", group="资金支出", width=11, kind="money", total=True),
    Col("spent_rate", "支出进度", group="资金支出", width=8, kind="pct", ratio=("spent_total", "planned")),
    Col("due_name", "应完成节点", group="节点要求", width=16, wrap=True),
    Col("due_money", "资金目标", group="节点要求", width=7, kind="pct"),
    Col("lagging", "是否滞后", group="节点要求", width=7),
    Col("summary", "本期进展", width=22, wrap=True), Col("problems", "存在问题", width=22, wrap=True),
]


def dispatch_report(s, scope: Scope, place: str, when: date) -> Report:
    when, prev = report_dates(when)
    scope = Scope(scope.year or when.year, scope.township, when)
    now = gather(s, scope, milestones=True, reports=True, until=when)
    before = {r["id"]: r for r in gather(s, scope, until=prev)}
    require_rows(now, scope, "半月调度表")
    for r in now:
        old = before[r["id"]]
        reports = [p for p in r["reports"] if p.report_date <= when]
        earlier = [p for p in r["reports"] if p.report_date <= prev]
        r["works_now"] = (reports[-1].works_pct if reports else r["works"]) / 100
        r["works_prev"] = earlier[-1].works_pct / 100 if earlier else None
        r["paid_total"], r["spent_total"] = r["disbursed"], r["spent"]
        r["paid_period"], r["spent_period"] = r["disbursed"] - old["disbursed"], r["spent"] - old["spent"]
        due = [m for m in r["milestones"] if m.planned_date <= when]
        r["due_name"] = f"{due[-1].name}（{due[-1].planned_date.month}月{due[-1].planned_date.day}日）" if due else "—"
        r["due_money"] = due[-1].planned_money_pct / 100 if due else None
        rate = r["spent"] / r["planned"] if r["planned"] else None
        r["lagging"] = ("滞后" if rate is not None and rate + 1e-9 < r["due_money"] else "正常") if due else ""
        r["summary"] = reports[-1].summary if reports and reports[-1].report_date > prev else ""
        r["problems"] = reports[-1].problems if reports and reports[-1].report_date > prev else ""
    towns = {r["township"] for r in now}
    groups = (group_by(now, lambda r: r["township"], township_order(now)) if len(towns) > 1
              else [(f"{lvl}项目", g) for lvl, g in group_by(now, level_key, level_order())])
    return Report(
        "dispatch", "", f"{scope.township or place}帮扶项目半月调度表（{when.year}年{when.month}月{when.day}日）",
        "单位：万元", f"填报单位：{scope.township or place}　　本期：{prev + timedelta(days=1)} 至 {when}　　"
        f"报送日期：{when.isoformat()}", DISPATCH_COLUMNS, sectioned(DISPATCH_COLUMNS, groups),
        notes=["注：本期指上一报送日次日至本报送日；累计数截至本报送日；支出进度低于当期节点资金目标的标“滞后”。"],
        sheet_name="半月调度表")
