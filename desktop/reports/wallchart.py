"""挂图作战 — the wall chart: every project of the year as a row, milestones on a time line
(planned vs actual), works and money progress, risk colour and the responsible person.

Printed on A3 landscape, or as A4 tiles to tape together where there is no A3 printer. The
county prints all townships (grouped by township) or one; a township prints its own (grouped
by level). `as_of` shows the state on a past day: money, milestones and reports after it are left out.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desktop.core.errors import UserError
from desktop.core.fileio import atomic_target
from desktop.reports.data import Scope, gather, level_order, township_order
from desktop.values.money import fen_to_wan_str

PAPERS = ("A3", "A4-tiled")


@dataclass
class ChartRow:
    seq: int
    name: str
    place: str
    person: str
    planned_fen: int
    works_pct: int
    spent_pct: float | None
    works_target: int | None
    money_target: int | None
    risk: str | None
    start: date | None
    planned_end: date | None
    actual_end: date | None
    milestones: list = field(default_factory=list)  # (name, planned, actual or None, works %, money %)


@dataclass
class ChartGroup:
    title: str
    rows: list[ChartRow]


@dataclass
class Chart:
    title: str
    subtitle: str
    as_of: date
    start: date
    end: date
    groups: list[ChartGroup]
    totals: dict
    installation: str


def _latest_year(app, township: str | None) -> int:
    from sqlalchemy import func, or_, select

    from db.models import Project

    with app.read() as s:
        q = select(func.max(Project.year)).where(Project.deleted.is_(False))
        if township:
            q = q.where(or_(Project.township_name == township, Project.township_code == township))
        year = s.scalar(q)
    if year is None:
        raise UserError("没有任何项目，无法生成挂图作战图。请先录入或导入项目。")
    return year


def build_chart(app, *, year: int | None = None, township: str | None = None, as_of: date | None = None) -> Chart:
    year = year or _latest_year(app, township)
    as_of = as_of or date.today()
    scope = Scope(year, township, as_of)
    with app.read() as s:
        rows = gather(s, scope, milestones=True, reports=True, until=as_of)
    if not rows:
        where = f"{township}" if township else "本数据库"
        raise UserError(f"{where}没有 {year} 年的项目，未生成挂图作战图。请选择有项目的年度。", cli_hint="--year 年度")
    place = township or (app.node.name if app.node else "")
    by_township = township is None and len({r["township"] for r in rows}) > 1
    if by_township:
        buckets = [(t, [r for r in rows if r["township"] == t]) for t in township_order(rows)]
    else:
        levels = [lv for lv in level_order() if any(r["level"] == lv for r in rows)]
        levels += sorted({r["level"] for r in rows} - set(levels))
        buckets = [(f"{lv}项目", [r for r in rows if r["level"] == lv]) for lv in levels]
    groups, n = [], 0
    for title, items in buckets:
        chart_rows = []
        for r in items:
            n += 1
            chart_rows.append(_chart_row(n, r, as_of, by_township))
        planned = sum(r["planned"] for r in items)
        groups.append(ChartGroup(f"{title}　{len(items)} 个项目　计划投资 {fen_to_wan_str(planned)} 万元", chart_rows))
    planned = sum(r["planned"] for r in rows)
    totals = {"count": len(rows), "planned": planned, "disbursed": sum(r["disbursed"] for r in rows),
              "spent": sum(r["spent"] for r in rows),
              "risk": {c: sum(1 for r in rows if r["risk"] == c) for c in ("red", "yellow", "green")},
              "overdue": sum(1 for cr in (x for g in groups for x in g.rows) for m in cr.milestones
                             if m[2] is None and m[1] < as_of)}
    start, end = _span(year, [x for g in groups for x in g.rows])
    subtitle = (f"截至 {as_of.year}年{as_of.month}月{as_of.day}日　项目 {len(rows)} 个　"
                f"计划投资 {fen_to_wan_str(planned)} 万元　已拨付 {fen_to_wan_str(totals['disbursed'])} 万元　"
                f"已支出 {fen_to_wan_str(totals['spent'])} 万元（支出进度 {_pct(totals['spent'], planned)}）")
    title = f"{year}年度{place}帮扶项目作战图（挂图作战）"
    return Chart(title, subtitle, as_of, start, end, groups, totals, app.node.name if app.node else "")


def _pct(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole else "—"


def _chart_row(n: int, r: dict, as_of: date, by_township: bool) -> ChartRow:
    reports = [p for p in r["reports"] if p.report_date <= as_of]
    works = r["works"] if (as_of >= date.today() or not reports) else reports[-1].works_pct
    milestones = [(m.name, m.planned_date, m.actual_date if m.actual_date and m.actual_date <= as_of else None,
                   m.planned_works_pct, m.planned_money_pct) for m in r["milestones"]]
    due = [m for m in milestones if m[1] <= as_of]
    place = (r["village"] or "") if not by_township else f"{r['township']}{r['village'] or ''}"
    actual_end = r["actual_end"] if r["actual_end"] and r["actual_end"] <= as_of else None
    return ChartRow(n, r["name"], place or r["township"], r["person"] or "", r["planned"], works,
                    (r["spent"] / r["planned"]) if r["planned"] else None, due[-1][3] if due else None,
                    due[-1][4] if due else None, r["risk"], r["start"], r["planned_end"], actual_end, milestones)


def _span(year: int, rows: list[ChartRow]) -> tuple[date, date]:
    """The time line: the calendar year, stretched to dates just outside it (at most six months each way)."""
    dates = [d for r in rows for d in (r.start, r.planned_end, r.actual_end, *[m[1] for m in r.milestones],
                                       *[m[2] for m in r.milestones]) if d]
    lo = min([date(year, 1, 1)] + [d for d in dates if d >= date(year - 1, 7, 1)])
    hi = max([date(year, 12, 31)] + [d for d in dates if d <= date(year + 1, 6, 30)])
    start = date(lo.year, lo.month, 1)
    end = date(hi.year + (hi.month == 12), hi.month % 12 + 1, 1)
    return start, end


def write_wallchart(app, out, *, year: int | None = None, township: str | None = None, paper: str = "A3",
                    as_of: date | None = None) -> dict:
    """Draw the chart to a PDF (atomically); returns pages and counts."""
    from desktop.reports.wallchart_draw import draw_chart

    if paper not in PAPERS:
        raise UserError(f"纸张“{paper}”无效，请写 A3 或 A4-tiled（A4 拼贴）。")
    out = Path(out)
    if out.suffix.lower() != ".pdf":
        raise UserError(f"挂图作战图输出为 PDF，请把输出文件写成 .pdf 文件（现在是 {out.name}）。", cli_hint="--out 文件名.pdf")
    chart = build_chart(app, year=year, township=township, as_of=as_of)
    with atomic_target(out) as tmp:
        pages = draw_chart(chart, tmp, paper)
    return {"file": str(out), "title": chart.title, "projects": chart.totals["count"], "pages": pages,
            "paper": paper, "as_of": chart.as_of.isoformat()}
