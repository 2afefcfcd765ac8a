"""降级销号: sign a red or yellow project's risk off, with the evidence, against the checklist standard.

Why refused so readily: sign-off is what the prefecture checks at random (seed 003 四(四)), so
it is recorded only when the project's file holds every required document for its stage, and
only when the rules find nothing left — or a person writes why the remaining finding is acceptable.
The record keeps each item's state as it stood, so the sign-off can be checked later.
"""
from __future__ import annotations

from datetime import date

from db.base import utcnow
from db.models import RiskAssessment
from desktop.checklists.missing import iter_project_checklists
from desktop.core.errors import UserError
from desktop.notices.files import forget_files, record_attachments, store_files
from desktop.risk.rules import LEVEL_LABELS, THREE_FAILURES
from desktop.risk.service import (
    MAX_REASON, assessment_dict, assessments, propose_in, require_county,
)
from desktop.projects.projects import find

ACCEPTANCE = {  # seed 003 四(四)2: who checks the result
    "province": "县自评、市验收：请将降级销号申请及佐证材料报市产业帮扶工作专班审核，由其组织实地评估",
    "prefecture": "县自评、市验收：请将降级销号申请及佐证材料报市产业帮扶工作专班审核，由其组织实地评估",
    "county": "县（区）工作专班验收：佐证材料已归档，配合市级随机抽查",
    "routine": "项目主管部门常态化监测",
}
FLAG_CODES = {attr for attr, _label in THREE_FAILURES}
MAX_EVIDENCE = 4000


def signoff(app, code: str, evidence: str, *, attach=None, reason: str | None = None,
            today: date | None = None) -> dict:
    """Record the sign-off as a new green grade; clears the 三不 flags the sign-off resolves."""
    require_county(app, "降级销号")
    today = today or date.today()
    where = f"项目 {code}："
    evidence = (evidence or "").strip()
    if not evidence:
        raise UserError(f"{where}销号须写明佐证材料，例如 已复工并投产运营，见验收报告。", field="佐证材料")
    if len(evidence) > MAX_EVIDENCE:
        raise UserError(f"{where}佐证说明太长（{len(evidence)} 字），最多 {MAX_EVIDENCE} 字。", field="佐证材料")
    reason = (reason or "").strip() or None
    if reason and len(reason) > MAX_REASON:
        raise UserError(f"{where}理由太长（{len(reason)} 字），最多 {MAX_REASON} 字。", field="理由")
    with app.read() as s:
        _check_grade(s, code, where)  # fail before reading big files
    incoming, created = store_files(app, attach or [])
    try:
        with app.tx(right="review") as s:
            return _record(app, s, code, evidence, incoming, reason, today, where)
    except BaseException:
        forget_files(app, created)
        raise


def _check_grade(s, code: str, where: str):
    p = find(s, code)
    history = assessments(s, p.id)
    current = history[-1] if history else None
    if current is None or current.level == "green":
        state = "已销号" if current is not None and current.signed_off else \
            ("为绿色" if current is not None else "尚未评级")
        raise UserError(f"{where}当前风险等级{state}，没有可销号的红色或黄色风险。")
    return p, history, current


def _record(app, s, code, evidence, incoming, reason, today, where) -> dict:
    p, history, current = _check_grade(s, code, where)
    (_p, std, items), = list(iter_project_checklists(s, codes=[p.code], today=today))
    lacking = [it for it in items if it["required"] and it["due"] and it["state"] not in ("collected", "not_applicable")]
    if lacking:
        names = "、".join(it["name"] + ("（需补正）" if it["state"] == "needs_fix" else "") for it in lacking[:8])
        more = f"等 {len(lacking)} 项" if len(lacking) > 8 else ""
        raise UserError(f"{where}不能销号：对照「{std.name}」，以下必备资料尚未齐全：{names}{more}。"
                        "请先归档（towndesk checklist）后再销号。未做任何更改。", field="资料目录")
    _p, prop = propose_in(s, p.code, today)
    remaining = [r for r in prop["reasons"] if r["level"] != "green" and r["code"] not in FLAG_CODES]
    if remaining and not reason:
        texts = "；".join(r["text"] for r in remaining)
        raise UserError(f"{where}不能销号：系统检查仍发现问题（{texts}）。请整改后再销号，"
                        "或在理由中写明为何这些问题不影响销号。未做任何更改。", field="理由")
    attachment_ids = record_attachments(s, incoming, project_id=p.id)
    record = {
        "previous_level": current.level, "previous_assessment_id": current.id,
        "standard": {"key": std.key, "name": std.name, "version": std.version},
        "items": [{"key": it["key"], "name": it["name"], "stage": it["stage"], "state": it["state"],
                   "required": it["required"]} for it in items if it["required"] or it["state"] == "collected"],
        "acceptance": current.supervision_level, "acceptance_text": ACCEPTANCE.get(current.supervision_level or "",
                                                                                   ACCEPTANCE["county"]),
        "attachment_ids": attachment_ids, "remaining_findings": remaining,
        "cleared_flags": [label for attr, label in THREE_FAILURES if getattr(p, attr)],
    }
    row = RiskAssessment(project_id=p.id, level="green", proposed_level=prop["proposed_level"], reasons=prop["reasons"],
                         override_reason=reason, supervision_level=current.supervision_level,
                         disposition=current.disposition, plan=list(current.plan or []),
                         assessed_by=app.user_name, assessed_at=utcnow(), signed_off=True,
                         signoff_evidence=evidence, signoff_record=record)
    s.add(row)
    p.risk_level = "green"
    for attr, _label in THREE_FAILURES:
        if getattr(p, attr):
            setattr(p, attr, False)
    s.flush()
    out = assessment_dict(row, p.code)
    out["message"] = (f"项目 {p.code} 已由{LEVEL_LABELS[current.level]}色降级销号。{record['acceptance_text']}。")
    return out
