"""The county's view of all its townships side by side, ranked by spending rate (支出进度).

Why here and in SQL: superiors rank townships by 支出进度 and the county office must see at a
glance who is behind, who is red, whose files are incomplete and who has gone quiet (no package
for more than the set number of days). Aggregates are GROUP BY queries, so 10,000 projects
stay fast; checklist completeness comes from desktop.checklists.bulk, which applies the checklist
rules once per kind of project and counts only the due items (the same figures as the 资料 tab).
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, case, cast, func, select

from db.base import utcnow
from db.models import Expenditure, FundAllocation, Node, Notice, NoticeReply, PackageLog, Project, Region
from desktop.core import settings
from desktop.checklists.bulk import due_by_township
from desktop.core.errors import UserError
from desktop.notices.service import status_of

STARTED = ("construction", "completed", "accepted", "operating")
FINISHED = ("completed", "accepted", "operating")


def pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def default_year(session, today: date) -> int:
    years = set(session.scalars(select(Project.year).where(Project.deleted.is_(False)).distinct()))
    return today.year if today.year in years or not years else max(years)


def _money_by_township(s, model, year) -> dict[str, int]:
    q = (select(Project.township_code, cast(func.sum(model.amount_fen), BigInteger))
         .join(Project, Project.id == model.project_id)
         .where(Project.deleted.is_(False), model.deleted.is_(False), Project.year == year)
         .group_by(Project.township_code))
    return {code: int(v or 0) for code, v in s.execute(q)}


def _project_figures(s, year) -> dict[str, dict]:
    started = (Project.stage.in_(STARTED)) | (Project.start_date.is_not(None))
    finished = (Project.stage.in_(FINISHED)) | (Project.actual_completion_date.is_not(None))
    q = (select(Project.township_code, func.max(Project.township_name), func.count(),
                func.sum(case((started, 1), else_=0)), func.sum(case((finished, 1), else_=0)),
                cast(func.sum(Project.planned_investment_fen), BigInteger),
                *[func.sum(case((Project.risk_level == lv, 1), else_=0)) for lv in ("red", "yellow", "green")])
         .where(Project.deleted.is_(False), Project.year == year).group_by(Project.township_code))
    out = {}
    for code, name, n, st, fin, planned, red, yellow, green in s.execute(q):
        out[code] = {"name": name, "projects": int(n), "started": int(st or 0), "finished": int(fin or 0),
                     "planned_fen": int(planned or 0),
                     "risk": {"red": int(red or 0), "yellow": int(yellow or 0), "green": int(green or 0),
                              "ungraded": int(n) - int(red or 0) - int(yellow or 0) - int(green or 0)}}
    return out


def _packages(s) -> dict[str, dict]:
    """Per township region code: enrolled peer, last package received (any outcome)."""
    peers = {nid: code for nid, code in s.execute(select(Node.id, Node.region_code)
                                                    .where(Node.is_self.is_(False), Node.role == "township"))}
    out = {code: {"enrolled": True, "last_at": None} for code in peers.values()}
    if peers:
        for peer, at in s.execute(select(PackageLog.peer_id, func.max(PackageLog.at))
                                  .where(PackageLog.direction == "in", PackageLog.peer_id.in_(list(peers)))
                                  .group_by(PackageLog.peer_id)):
            rec = out[peers[peer]]
            rec["last_at"] = max(filter(None, [rec["last_at"], at]), default=None)
    return out


def _notices(s, today) -> dict[str, dict]:
    replied = set(s.scalars(select(NoticeReply.notice_id).where(NoticeReply.deleted.is_(False))))
    out: dict[str, dict] = {}
    for n in s.scalars(select(Notice).where(Notice.deleted.is_(False))):
        st = status_of(n, [1] if n.id in replied else [], today)
        acc = out.setdefault(n.township_code, {"open": 0, "overdue": 0, "answered": 0, "closed": 0})
        acc[st] += 1
    return out


def county_dashboard(app, *, year: int | None = None, today: date | None = None) -> dict:
    """One row per township of this county, ranked by spending rate; silent townships flagged."""
    if app.node is None or app.node.role != "county":
        raise UserError("县级看板只在县级办公室使用；乡镇请看首页（工作台）。")
    today = today or date.today()
    now = utcnow()
    with app.read() as s:
        year = int(year) if year else default_year(s, today)
        silent_days = settings.get(s, "county.silent_days")
        regions = dict(s.execute(select(Region.code, Region.name).where(Region.level == "township",
                                                                      Region.parent_code == app.node.region_code)).all())
        figures = _project_figures(s, year)
        allocated = _money_by_township(s, FundAllocation, year)
        spent = _money_by_township(s, Expenditure, year)
        docs = due_by_township(s, year=year)
        packages = _packages(s)
        notices = _notices(s, today)
    rows = []
    for code in sorted(set(regions) | set(figures)):
        f = figures.get(code, {"name": regions.get(code, code), "projects": 0, "started": 0, "finished": 0,
                               "planned_fen": 0, "risk": {"red": 0, "yellow": 0, "green": 0, "ungraded": 0}})
        base = allocated.get(code, 0) or f["planned_fen"]
        pk = packages.get(code, {"enrolled": False, "last_at": None})
        age = (now - pk["last_at"]).days if pk["last_at"] else None
        d = docs.get(code, {"counted": 0, "collected": 0, "complete_projects": 0})
        rows.append({
            "township_code": code, "township": regions.get(code) or f["name"], "projects": f["projects"],
            "started": f["started"], "finished": f["finished"],
            "start_rate": pct(f["started"], f["projects"]), "completion_rate": pct(f["finished"], f["projects"]),
            "planned_fen": f["planned_fen"], "allocated_fen": allocated.get(code, 0), "spent_fen": spent.get(code, 0),
            "spending_rate": pct(spent.get(code, 0), base) if f["projects"] else None,
            "risk": f["risk"],
            "checklist": {**d, "rate": pct(d["collected"], d["counted"])},
            "enrolled": pk["enrolled"], "last_package_at": pk["last_at"].isoformat(sep=" ", timespec="seconds")
            if pk["last_at"] else None, "package_age_days": age,
            "silent": age is None or age > silent_days,
            "notices": notices.get(code, {"open": 0, "overdue": 0, "answered": 0, "closed": 0}),
        })
    _rank(rows)
    return {"year": year, "today": today.isoformat(), "silent_days": silent_days, "townships": rows,
            "totals": _totals(rows)}


def _rank(rows: list[dict]) -> None:
    """Competition ranking by spending rate (1, 2, 2, 4); townships without projects come last, unranked."""
    rows.sort(key=lambda r: (r["spending_rate"] is None, -(r["spending_rate"] or 0), r["township_code"]))
    prev, rank = None, 0
    for i, r in enumerate(rows, 1):
        if r["spending_rate"] is None:
            r["rank"] = None
            continue
        if r["spending_rate"] != prev:
            rank, prev = i, r["spending_rate"]
        r["rank"] = rank


def _totals(rows: list[dict]) -> dict:
    n = sum(r["projects"] for r in rows)
    alloc = sum(r["allocated_fen"] for r in rows)
    spent = sum(r["spent_fen"] for r in rows)
    planned = sum(r["planned_fen"] for r in rows)
    return {"projects": n, "start_rate": pct(sum(r["started"] for r in rows), n),
            "completion_rate": pct(sum(r["finished"] for r in rows), n), "planned_fen": planned,
            "allocated_fen": alloc, "spent_fen": spent, "spending_rate": pct(spent, alloc or planned),
            "risk": {k: sum(r["risk"][k] for r in rows) for k in ("red", "yellow", "green", "ungraded")},
            "silent_townships": [r["township"] for r in rows if r["silent"]]}
