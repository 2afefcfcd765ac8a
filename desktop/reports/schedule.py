"""倒排工期表 (schedule) and 半月调度表 (dispatch, reported on the 14th and 29th).

倒排工期表: each project's milestones side by side — planned date, target, actual date and
whether it was met — as the seeds' reverse schedules (4/30 前期, 6/30 50 %, 8/30 80 %, 10/30 100 %).
半月调度表: for one report date, works progress against the previous report, money disbursed
and spent in the period and in total, the milestone due and whether spending lags behind it.
"""
from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from desktop.core.errors import UserError
from desktop.round.dates import latest_report_date, period_of  # noqa: F401 (re-exported)
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


def report_dates(d: date) -> tuple[date, date]:
    """(this report date, the previous one); the rule lives in desktop.round.dates."""
    prev, when = period_of(d)
    return when, prev


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


def _works(reports: list, prev: date, when: date, current: int) -> tuple[int, int | None]:
    """(this period's progress, the previous report's): a report in the period wins; without one, the
    figure on the project file when nothing newer was reported since (a finished project shows 100 %,
    not its last half-way report), else the last report up to the report date."""
    upto = [p for p in reports if p.report_date <= when]
    earlier = [p for p in upto if p.report_date <= prev]
    before = earlier[-1].works_pct if earlier else None
    if upto and upto[-1].report_date > prev:
        return upto[-1].works_pct, before
    if not any(p.report_date > when for p in reports):
        return current, before
    return (upto[-1].works_pct if upto else current), before


def _day(d: date, when: date) -> str:
    """6月30日, or 2020年10月30日 for a node of another year (a delayed project's old target)."""
    return (f"{d.year}年" if d.year != when.year else "") + f"{d.month}月{d.day}日"


def dispatch_report(s, scope: Scope, place: str, when: date) -> Report:
    """Every project active in the period (any year unless one is chosen), its period and total money."""
    prev, when = period_of(when)
    scope = Scope(scope.year, scope.township, when, active_in=None if scope.year else (prev, when))
    now = gather(s, scope, milestones=True, reports=True, until=when, before=prev)
    if not now:
        who = scope.township or place
        raise UserError(f"{who}在{when.year}年{when.month}月{when.day}日没有在办项目（已开工或待开工、尚未验收），"
                        "未生成半月调度表。请检查所选的报送日、年度或乡镇。")
    for r in now:
        reports = r["reports"]
        works_now, works_prev = _works(reports, prev, when, r["works"])
        r["works_now"], r["works_prev"] = works_now / 100, None if works_prev is None else works_prev / 100
        r["paid_total"], r["spent_total"] = r["disbursed"], r["spent"]
        r["paid_period"], r["spent_period"] = r["disbursed"] - r["disbursed_before"], r["spent"] - r["spent_before"]
        r["spent_rate"] = r["spent"] / r["planned"] if r["planned"] else None
        due = [m for m in r["milestones"] if m.planned_date <= when]
        r["due_name"] = f"{due[-1].name}（{_day(due[-1].planned_date, when)}）" if due else "—"
        r["due_money"] = due[-1].planned_money_pct / 100 if due else None
        rate = r["spent_rate"]
        r["lagging"] = ("滞后" if rate is not None and rate + 1e-9 < r["due_money"] else "正常") if due else ""
        in_period = [p for p in reports if prev < p.report_date <= when]
        r["summary"] = in_period[-1].summary or "" if in_period else ""
        r["problems"] = in_period[-1].problems or "" if in_period else ""
    towns = {r["township"] for r in now}
    groups = (group_by(now, lambda r: r["township"], township_order(now)) if len(towns) > 1
              else [(f"{lvl}项目", g) for lvl, g in group_by(now, level_key, level_order())])
    return Report(
        "dispatch", "", f"{scope.township or place}帮扶项目半月调度表（{when.year}年{when.month}月{when.day}日）",
        "单位：万元", f"填报单位：{scope.township or place}　　本期：{prev + timedelta(days=1)} 至 {when}　　"
        f"报送日期：{when.isoformat()}", DISPATCH_COLUMNS, sectioned(DISPATCH_COLUMNS, groups),
        notes=["注：本期指上一报送日次日至本报送日；列入本期已开工或待开工、尚未验收的各年度项目；累计数截至本报送日；"
               "支出进度＝累计支出÷计划投资，低于当期节点资金目标的标“滞后”。"],
        sheet_name="半月调度表")
