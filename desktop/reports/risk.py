"""附件2 风险排查表 (risk) and 附件3 帮扶提升汇总表 (summary).

风险排查表: each industry project (and any project graded) with its colour, the 三不 flags,
other risks, reasons, who supervises it by amount, the 四个一批 disposition and the plan.
帮扶提升汇总表: per township (or department) and project level, counts and amounts by colour,
dispositions and sign-offs, with 小计 per level and a 合计.
"""
from __future__ import annotations

from datetime import date, timedelta

from desktop.projects.fields import DISPOSITION_LABELS
from desktop.reports.data import (
    SUMMARY_COLOURS, Scope, gather, level_order, require_rows, summary_groups, township_order,
)
from desktop.reports.model import Col, Report, group_by, sectioned
from desktop.risk.rules import SUPERVISION_LABELS, supervision
from desktop.risk.service import thresholds

COLOURS = [("red", "红色"), ("yellow", "黄色"), ("green", "绿色"), (None, "未评级")]
MARK = "√"


def supervision_label(r: dict, limits: tuple[int, int]) -> str:
    """The level the table's own footnote gives: green → the department's routine monitoring, otherwise by
    amount and initial grade with the thresholds from settings; unrated → "—". A stored free-text level
    (older rows, demo) is not trusted, so the column always agrees with the footnote printed under it."""
    if not r["risk"]:
        return "—"
    if r["risk"] == "green":
        return SUPERVISION_LABELS["routine"]
    initial = r["initial_risk"] if r["initial_risk"] in ("red", "yellow") else r["risk"]
    return SUPERVISION_LABELS[supervision(r["planned"], initial, *limits)]


def _plan_text(plan: list) -> tuple[str, str]:
    """(measures, latest deadline) from a one-project-one-plan task list of dicts or strings."""
    tasks, deadlines = [], []
    for t in plan:
        if isinstance(t, dict):
            text = t.get("task") or t.get("measure") or t.get("name") or ""
            when = t.get("deadline") or t.get("due")
            who = t.get("unit") or t.get("responsible")
            tasks.append(text + (f"（{who}）" if who else "") + ("（已完成）" if t.get("done_on") else ""))
            if when:
                deadlines.append(str(when))
        elif t:
            tasks.append(str(t))
    return "；".join(x for x in tasks if x), max(deadlines, default="")


RISK_COLUMNS = [
    Col("seq", "序号", width=5, kind="seq"),
    Col("township", "乡镇", width=10),
    Col("name", "项目名称", width=28, wrap=True),
    Col("category", "项目类别", width=8),
    Col("year", "建设年度", width=7),
    Col("planned", "计划投资", width=11, kind="money", total=True),
    Col("operating", "运营主体", width=14, wrap=True),
    Col("risk_label", "风险等级", width=7, kind="risk"),
    Col("f_built", "建而不成", group="“三不”问题", width=7, kind="flag"),
    Col("f_unused", "成而不用", group="“三不”问题", width=7, kind="flag"),
    Col("f_poor", "用而不好", group="“三不”问题", width=7, kind="flag"),
    Col("f_account", "未设共管账户", group="其他风险隐患", width=8, kind="flag"),
    Col("f_assets", "资产未确权", group="其他风险隐患", width=8, kind="flag"),
    Col("f_accept", "未按期验收", group="其他风险隐患", width=8, kind="flag"),
    Col("reasons", "风险原因", width=24, wrap=True),
    Col("supervision", "督办层级", width=12, wrap=True),
    Col("disposition", "处置方式（四个一批）", width=10),
    Col("measures", "整改措施（一项目一方案）", width=26, wrap=True),
    Col("deadline", "整改时限", width=11),
    Col("signed_off", "是否销号", width=7, kind="flag"),
    Col("person", "责任人", width=8),
]


def _risk_flags(r: dict, today: date, limits: tuple[int, int]) -> None:
    r["f_built"] = MARK if r["built_not_finished"] else ""
    r["f_unused"] = MARK if r["finished_not_used"] else ""
    r["f_poor"] = MARK if r["used_not_well"] else ""
    r["f_account"] = "" if r["joint_account"] else MARK
    done = r["stage"] in ("completed", "accepted", "operating")
    r["f_assets"] = MARK if done and not r["assets_registered"] else ""
    end = r["actual_end"] or r["planned_end"]
    r["f_accept"] = MARK if r["stage"] == "completed" and end and end < today - timedelta(days=90) else ""
    r["supervision"] = supervision_label(r, limits)
    r["measures"], r["deadline"] = _plan_text(r["plan"])
    r["signed_off"] = "已销号" if r["signed_off"] else ""


def risk_report(s, scope: Scope, place: str, today: date | None = None) -> Report:
    today = today or scope.as_of or date.today()
    rows = gather(s, scope, industry_only=True, money=False)  # the table shows no disbursed or spent money
    require_rows(rows, scope, "风险排查表")
    province, prefecture = limits = thresholds(s)
    for r in rows:
        _risk_flags(r, today, limits)
    groups = [(f"{label}风险项目" if code else "未评级项目", [r for r in rows if r["risk"] == code])
              for code, label in COLOURS]
    groups = [(t, g) for t, g in groups if g]
    years = scope.years_text(sorted({r["year"] for r in rows}))
    return Report(
        "risk", "附件2", f"{scope.township or place}{{fund_scope}}产业项目风险排查表", "单位：万元",
        f"填报单位：{scope.township or place}　　排查范围：{years}产业项目　　排查日期：{today.isoformat()}",
        RISK_COLUMNS, sectioned(RISK_COLUMNS, groups),
        notes=["注：1.疑似“三不”问题标红级，其他风险隐患标黄级，正常运营或整治完成标绿级；",
               f"2.督办层级按金额和初始风险等级：{province}万元以上初始红级由省级督办，{province}万元以上初始黄级及"
               f"{prefecture}—{province}万元由市级督办，{prefecture}万元以下由县级工作专班督办，绿级由主管部门常态化监测。"],
        sheet_name="风险排查表")


def _summary_columns(by: str) -> list[Col]:
    cols = [Col("seq", "序号", width=5, kind="seq"),
            Col("name", "乡镇（街道）" if by == "township" else "行业主管部门（实施单位）", width=28, wrap=True),
            Col("n_all", "个数", group="项目总数", width=7, kind="int", total=True),
            Col("fen_all", "金额", group="项目总数", width=11, kind="money", total=True)]
    for code, label in COLOURS:
        key = code or "none"
        cols += [Col(f"n_{key}", "个数", group=label, width=7, kind="int", total=True),
                 Col(f"fen_{key}", "金额", group=label, width=11, kind="money", total=True)]
    for word in ("巩固", "提升", "盘活", "另起炉灶"):
        cols.append(Col(f"d_{word}", f"{word}一批", group="处置方式（个）", width=7, kind="int", total=True))
    cols += [Col("signed", "已销号（个）", width=8, kind="int", total=True), Col("remark", "备注", width=12)]
    return cols


_SUMMED = ("n_all", "fen_all", "signed",
           *(f"{n}_{code or 'none'}" for code in SUMMARY_COLOURS for n in ("n", "fen")))


def _summary_rows(s, scope: Scope, by: str) -> list[dict]:
    """The GROUP BY's rows (one per level and township, or level and unit), counted in SQL, keyed by the
    table's column keys; dispositions under the words of the table's columns."""
    rows = []
    for g in summary_groups(s, scope, by=by):
        row = {k: int(getattr(g, k) or 0) for k in _SUMMED}
        row.update({f"d_{word}": int(getattr(g, f"d_{code}") or 0) for code, word in DISPOSITION_LABELS.items()})
        row.update(level=g.level or "（未填层级）", first_year=g.first_year, last_year=g.last_year)
        if by == "township":
            row.update(township_code=g.township_code, township=g.township_name)
        else:
            row["unit"] = g.implementing_unit or "（未填实施单位）"
        rows.append(row)
    return rows


def summary_report(s, scope: Scope, place: str, by: str = "township") -> Report:
    rows = _summary_rows(s, scope, by)
    require_rows(rows, scope, "帮扶提升汇总表")
    columns = _summary_columns(by)
    field = "township" if by == "township" else "unit"
    summed = [c.key for c in columns if c.total]
    groups = []
    for level, items in group_by(rows, lambda r: r["level"], level_order()):
        lines = []
        order = township_order(items) if by == "township" else []
        for who, mine in group_by(items, lambda r: r[field] or "（未填）", order):
            # one row, or several when one name has two codes (a renamed township): their sums
            lines.append({"name": who, **{k: sum(r[k] for r in mine) for k in summed}})
        groups.append((f"{level}项目" if not level.endswith("项目") else level, lines))
    unit_word = "乡镇" if by == "township" else "部门"
    report_lines = sectioned(columns, groups, count_word=f"个{unit_word}")
    years = scope.years_text([y for r in rows for y in (r["first_year"], r["last_year"]) if y is not None])
    return Report(
        "summary", "附件3", f"{scope.township or place}帮扶产业项目帮扶提升汇总表", "单位：个、万元",
        f"填报单位：{scope.township or place}　　统计范围：{years}产业项目", columns, report_lines,
        notes=["注：按项目层级分组，分组行为该层级小计；金额为计划投资。"], sheet_name="帮扶提升汇总表")
