"""Risk use cases: propose, confirm or override, record the plan, read the history.

Grades are the county's (sync treats RiskAssessment and Project.risk_level as county-owned),
so recording one needs a county installation; a township may look at what the rules propose.
Every confirmation is a new RiskAssessment row; Project.risk_level mirrors the newest one.
"""
from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.base import utcnow
from db.models import Project, RiskAssessment
from desktop.core import gcpause, settings
from desktop.core.errors import UserError
from desktop.values.money import fen_to_wan_str
from desktop.risk import facts as factsmod
from desktop.risk.plan import parse_disposition, parse_level, parse_tasks
from desktop.risk.rules import LEVEL_LABELS, SUPERVISION_LABELS, propose, supervision
from desktop.projects.fields import DISPOSITION_LABELS
from desktop.projects.projects import find

MAX_REASON = 1000


def require_county(app, what: str) -> None:
    if app.node is None or app.node.role != "county":
        raise UserError(f"{what}由县级办公室确定，本机是乡镇（{app.node.name if app.node else '未初始化'}）。"
                        "乡镇可以用 towndesk risk assess 查看系统建议的等级和原因。")


def local_time(dt: datetime | None) -> str | None:
    if dt is None:
        return None
    return dt.replace(tzinfo=timezone.utc).astimezone().replace(tzinfo=None).isoformat(sep=" ", timespec="seconds")


def assessment_dict(r: RiskAssessment, code: str | None = None) -> dict:
    return {
        "id": r.id, "code": code, "level": r.level, "level_label": LEVEL_LABELS.get(r.level, r.level),
        "proposed_level": r.proposed_level, "proposed_label": LEVEL_LABELS.get(r.proposed_level or "", ""),
        "reasons": list(r.reasons or []), "override_reason": r.override_reason,
        "supervision_level": r.supervision_level,
        "supervision_label": SUPERVISION_LABELS.get(r.supervision_level or "", r.supervision_level),
        "disposition": r.disposition, "disposition_label": DISPOSITION_LABELS.get(r.disposition or "", r.disposition),
        "plan": list(r.plan or []), "assessed_by": r.assessed_by, "assessed_at": local_time(r.assessed_at),
        "signed_off": r.signed_off, "signoff_evidence": r.signoff_evidence, "signoff_record": r.signoff_record,
    }


def assessments(session: Session, project_id: str) -> list[RiskAssessment]:
    """Every grade of a project, oldest first."""
    return list(session.scalars(select(RiskAssessment).where(RiskAssessment.project_id == project_id,
                                                             RiskAssessment.deleted.is_(False))
                                .order_by(RiskAssessment.assessed_at, RiskAssessment.created_at)))


def initial_level(history: list[RiskAssessment], fallback: str) -> str:
    """The first grade the county confirmed — the seeds tie the supervising level to it."""
    return next((r.level for r in history if not r.signed_off), fallback)


def thresholds(session: Session) -> tuple[int, int]:
    v = settings.get_many(session, ["risk.province_threshold_wan", "risk.prefecture_threshold_wan"])
    return v["risk.province_threshold_wan"], v["risk.prefecture_threshold_wan"]


def supervision_for(session: Session, p: Project, level_now: str, history: list[RiskAssessment],
                    limits: tuple[int, int] | None = None) -> str:
    province, prefecture = limits or thresholds(session)
    return supervision(p.planned_investment_fen, initial_level(history, level_now), province, prefecture)


def _histories(session: Session, project_ids) -> dict[str, list[RiskAssessment]]:
    """Every project's grades in one query (assess_all over thousands of projects)."""
    out: dict[str, list[RiskAssessment]] = {}
    for r in session.scalars(select(RiskAssessment).where(RiskAssessment.deleted.is_(False))
                             .order_by(RiskAssessment.assessed_at, RiskAssessment.created_at)):
        if r.project_id in project_ids:
            out.setdefault(r.project_id, []).append(r)
    return out


def _proposal_dict(session: Session, f, today: date, rules, history=None, limits=None) -> dict:
    p = f.project
    level, reasons = propose(f, today, rules)
    history = assessments(session, p.id) if history is None else history
    sup = supervision_for(session, p, level, history, limits)
    return {
        "code": p.code, "name": p.name, "township": p.township_name, "township_code": p.township_code,
        "year": p.year, "category": p.category, "planned_investment_fen": p.planned_investment_fen,
        "planned_investment_wan": fen_to_wan_str(p.planned_investment_fen),
        "proposed_level": level, "proposed_label": LEVEL_LABELS[level], "reasons": reasons,
        "current_level": p.risk_level, "current_label": LEVEL_LABELS.get(p.risk_level or "", "未评级"),
        "supervision_level": sup, "supervision_label": SUPERVISION_LABELS[sup],
        "last": assessment_dict(history[-1], p.code) if history else None,
    }


def propose_in(session: Session, code: str, today: date) -> tuple[Project, dict]:
    p = find(session, code)
    rules = factsmod.load_rules(session)
    f = factsmod.gather(session, today, codes=[p.code])[0]
    return p, _proposal_dict(session, f, today, rules)


def assess(app, code: str, today: date | None = None) -> dict:
    """What the rules propose for one project now, with reasons (nothing is written)."""
    with app.read() as s:
        return propose_in(s, code, today or date.today())[1]


def assess_all(app, *, township=None, year=None, today: date | None = None) -> list[dict]:
    """Proposals for every live project (风险排查), red first."""
    today = today or date.today()
    with app.read() as s, gcpause.paused():  # every project's facts alive at once (desktop/core/gcpause.py)
        rules, limits = factsmod.load_rules(s), thresholds(s)
        found = factsmod.gather(s, today, township=township, year=year)
        histories = _histories(s, {f.project.id for f in found})
        rows = [_proposal_dict(s, f, today, rules, histories.get(f.project.id, []), limits) for f in found]
    order = {"red": 0, "yellow": 1, "green": 2}
    return sorted(rows, key=lambda r: (order[r["proposed_level"]], -r["year"], r["code"]))


def confirm(app, code: str, level, *, reason: str | None = None, disposition=None, tasks=None,
            today: date | None = None) -> dict:
    """Record a grade. A level other than the proposal needs a reason (人工调整须说明理由)."""
    require_county(app, "风险等级")
    today = today or date.today()
    where = f"项目 {code}："
    level = parse_level(level, where)
    reason = (reason or "").strip() or None
    if reason and len(reason) > MAX_REASON:
        raise UserError(f"{where}理由太长（{len(reason)} 字），最多 {MAX_REASON} 字。", field="理由")
    disposition = parse_disposition(disposition, where)
    plan = parse_tasks(tasks, today, where) if tasks else None
    with app.tx(right="review") as s:
        p, prop = propose_in(s, code, today)
        if level != prop["proposed_level"] and not reason:
            texts = "；".join(r["text"] for r in prop["reasons"])
            raise UserError(f"{where}系统建议为{prop['proposed_label']}色（{texts}），确定为{LEVEL_LABELS[level]}色"
                            "须写明理由。未做任何更改。", field="理由", cli_hint="--reason 理由")
        history = assessments(s, p.id)
        previous = history[-1] if history else None
        row = RiskAssessment(
            project_id=p.id, level=level, proposed_level=prop["proposed_level"], reasons=prop["reasons"],
            override_reason=reason, supervision_level=supervision_for(s, p, level, history),
            disposition=disposition or (previous.disposition if previous and level != "green" else None),
            plan=plan if plan is not None else (list(previous.plan or []) if previous and level != "green" else []),
            assessed_by=app.user_name, assessed_at=utcnow(), signed_off=False)
        s.add(row)
        p.risk_level = level
        if row.disposition != p.disposition and row.disposition:
            p.disposition = row.disposition
        s.flush()
        return assessment_dict(row, p.code)


def set_plan(app, code: str, *, disposition=None, tasks=None, today: date | None = None) -> dict:
    """Record the disposition (四个一批) and the task list (一项目一方案) on the current grade."""
    require_county(app, "整治方案")
    today = today or date.today()
    where = f"项目 {code}："
    disposition = parse_disposition(disposition, where)
    plan = parse_tasks(tasks, today, where) if tasks else None
    if disposition is None and plan is None:
        raise UserError(f"{where}没有要保存的内容：请写处置方式（巩固/提升/盘活/另起炉灶）或整改任务。")
    with app.tx(right="review") as s:
        p = find(s, code)
        history = assessments(s, p.id)
        current = history[-1] if history else None
        if current is None or current.signed_off or current.level == "green":
            raise UserError(f"{where}当前没有红色或黄色风险等级，无需整治方案。请先用 towndesk risk confirm 确定等级。")
        if disposition:
            current.disposition = disposition
            p.disposition = disposition
        if plan is not None:
            current.plan = plan
        s.flush()
        return assessment_dict(current, p.code)


def history(app, code: str) -> list[dict]:
    """Every grade of the project, oldest first."""
    with app.read() as s:
        p = find(s, code)
        return [assessment_dict(r, p.code) for r in assessments(s, p.id)]
