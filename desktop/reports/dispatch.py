"""半月调度表 (dispatch, reported on the 14th and 29th): for one report date, works progress against the
previous report, money disbursed and spent in the period and in total, the milestone due and whether
spending lags behind it.

Why a module of its own: the period's half-monthly reports and the milestone due are picked in SQL, in the
table's one SELECT (desktop.reports.dispatch_sql), instead of reading every milestone and report of every
project to pick them in Python. Among rows with the same date (and sort order), the one created last wins,
then the larger id: one rule on SQLite and PostgreSQL (the Python pass took whichever came last).
"""
from __future__ import annotations

from datetime import date, timedelta

from desktop.core.errors import UserError
from desktop.reports.data import Scope, level_key, level_order, township_order
from desktop.reports.dispatch_sql import COLUMNS, dispatch_params, dispatch_statement
from desktop.reports.model import Col, Report, group_by, sectioned
from desktop.round.dates import period_of

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

# The period's picks: read by dispatch_lines, not printed, so not left in the lines.
PERIOD_KEYS = COLUMNS[COLUMNS.index("rb_id"):]


def dispatch_rows(s, scope: Scope, prev: date, when: date) -> list[dict]:
    """One dict per project of the period, with the figures the lines are made of (rows unpacked by
    position: attribute access on 400 rows × 24 columns cost more than the query)."""
    if s.new or s.dirty or s.deleted:
        s.flush()  # as autoflush would, before a statement run on the session's connection
    result = s.connection().execute(dispatch_statement(scope), dispatch_params(scope, prev, when))
    rows = [dict(zip(COLUMNS, p)) for p in result.all()]
    for r in rows:
        r["level"] = r["level"] or "（未填层级）"
        for k in ("disbursed", "spent", "disbursed_before", "spent_before"):
            r[k] = int(r[k])
    return rows


def works_figures(r: dict) -> tuple[int, int | None]:
    """(this period's progress, the previous report's): a report in the period wins; without one, the
    figure on the project file when nothing newer was reported since (a finished project shows 100 %,
    not its last half-way report), else the last report up to the previous report date."""
    before = r["rb_works"] if r["rb_id"] is not None else None
    if r["rn_id"] is not None:
        return r["rn_works"], before
    if r["later"] and before is not None:
        return before, before
    return r["works"], before


def _day(d: date, when: date) -> str:
    """6月30日, or 2020年10月30日 for a node of another year (a delayed project's old target)."""
    return (f"{d.year}年" if d.year != when.year else "") + f"{d.month}月{d.day}日"


def dispatch_lines(rows: list[dict], when: date) -> None:
    """Fill each row's printed figures from its sums and the period's picks (in place)."""
    for r in rows:
        works_now, works_prev = works_figures(r)
        r["works_now"], r["works_prev"] = works_now / 100, None if works_prev is None else works_prev / 100
        r["paid_total"], r["spent_total"] = r["disbursed"], r["spent"]
        r["paid_period"], r["spent_period"] = r["disbursed"] - r["disbursed_before"], r["spent"] - r["spent_before"]
        r["spent_rate"] = rate = r["spent"] / r["planned"] if r["planned"] else None
        due = r["md_id"] is not None
        r["due_name"] = f"{r['md_name']}（{_day(r['md_planned'], when)}）" if due else "—"
        r["due_money"] = r["md_money"] / 100 if due else None
        r["lagging"] = ("滞后" if rate is not None and rate + 1e-9 < r["due_money"] else "正常") if due else ""
        in_period = r["rn_id"] is not None
        r["summary"] = r["rn_summary"] or "" if in_period else ""
        r["problems"] = r["rn_problems"] or "" if in_period else ""
        for k in PERIOD_KEYS:
            del r[k]


def dispatch_report(s, scope: Scope, place: str, when: date) -> Report:
    """Every project active in the period (any year unless one is chosen), its period and total money."""
    prev, when = period_of(when)
    # The 项目库 exclusions stay: build_table notes under the table that they are left out.
    scope = Scope(scope.year, scope.township, when, active_in=None if scope.year else (prev, when),
                  exclude_ids=scope.exclude_ids)
    now = dispatch_rows(s, scope, prev, when)
    if not now:
        who = scope.township or place
        raise UserError(f"{who}在{when.year}年{when.month}月{when.day}日没有在办项目（已开工或待开工、尚未验收），"
                        "未生成半月调度表。请检查所选的报送日、年度或乡镇。")
    dispatch_lines(now, when)
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
