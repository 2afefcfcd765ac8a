"""The grading rules: facts about one project in, a proposed colour with reasons out.

Pure functions (no database), so each rule is tested case by case. From the seeds (seed 003):
red = a suspected "三不" problem (建而不成、成而不用、用而不好); yellow = any other risk
(milestone overdue, spending behind the target for today, required documents missing, no
joint account, not accepted or settled on time, assets not registered); green = normal.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desktop.values.money import fen_to_wan_str

LEVELS = ("red", "yellow", "green")
LEVEL_LABELS = {"red": "红", "yellow": "黄", "green": "绿"}
SUPERVISION_LABELS = {"province": "省（自治区）级督办", "prefecture": "市（州）级督办",
                      "county": "县（区）工作专班督办", "routine": "项目主管部门常态化监测"}
FINISHED = ("completed", "accepted", "operating")
THREE_FAILURES = (("built_not_finished", "建而不成"), ("finished_not_used", "成而不用"), ("used_not_well", "用而不好"))


@dataclass
class Facts:
    """What the rules look at for one project (the ORM project plus gathered figures)."""

    project: object
    allocated_fen: int = 0
    spent_fen: int = 0
    overdue_milestones: list = field(default_factory=list)  # [(name, planned_date)]
    missing_documents: list = field(default_factory=list)   # [(key, name, state)] required and due
    settlement_item: tuple | None = None                     # (name, state) of the standard's 结算 item
    assets: list | None = None  # [{code, name, status, owner_level, manager}]; None = not gathered (asset_rules)


@dataclass(frozen=True)
class Rules:
    """Settings the rules depend on (see desktop.core.settings)."""

    targets: tuple = (("06-30", 50), ("08-30", 80), ("10-30", 100))  # (MM-DD, spending %)
    acceptance_due_days: int = 90
    settlement_due_days: int = 180
    unfinished_red_days: int = 180
    unused_red_days: int = 180
    industry_categories: tuple = ("产业", "乡村旅游")


def finding(code: str, level: str, text: str) -> dict:
    return {"code": code, "level": level, "text": text}


def three_failures(f: Facts, today: date, rules: Rules) -> list[dict]:
    """Red: a 三不 flag set by a person, or a suspicion from the dates."""
    p, out = f.project, []
    for attr, label in THREE_FAILURES:
        if getattr(p, attr):
            out.append(finding(attr, "red", f"{label}（已标记）"))
    flagged = {x["code"] for x in out}
    due = p.planned_completion_date
    if ("built_not_finished" not in flagged and p.stage in ("preparation", "construction") and due
            and p.actual_completion_date is None and not settled_or_closed(f)
            and (today - due).days > rules.unfinished_red_days):
        out.append(finding("built_not_finished_suspected", "red",
                           f"疑似建而不成：计划 {due.isoformat()} 完工，已超过 {(today - due).days} 天仍未完工"))
    done = p.actual_completion_date
    if ("finished_not_used" not in flagged and p.category in rules.industry_categories
            and p.stage in ("completed", "accepted") and done and (today - done).days > rules.unused_red_days):
        out.append(finding("finished_not_used_suspected", "red",
                           f"疑似成而不用：{done.isoformat()} 完工，{(today - done).days} 天后仍未投入运营"))
    return out


def milestones_overdue(f: Facts, today: date, rules: Rules) -> list[dict]:
    """Yellow: a schedule node (倒排工期) whose date has passed without being reached."""
    p = f.project
    if p.stage in FINISHED or p.actual_completion_date or settled_or_closed(f):  # accepted: the schedule is over
        return []
    return [finding("milestone_overdue", "yellow",
                    f"节点「{name}」计划 {planned.isoformat()} 完成，已逾期 {(today - planned).days} 天")
            for name, planned in sorted(f.overdue_milestones, key=lambda m: m[1]) if planned < today]


def target_for(year: int, today: date, targets) -> tuple[date, int] | None:
    """The spending target due by today for a project of `year`: (date, %), or None before the first."""
    due = None
    for md, pct in sorted(targets):
        month, day = (int(x) for x in md.split("-"))
        when = date(year, month, day)
        if when <= today:
            due = (when, pct)
    return due


def settled_or_closed(f: Facts) -> bool:
    """Accepted (验收), operating or settled (结算 archived): the money side is closed, nothing left to spend on time."""
    p = f.project
    if p.stage in ("accepted", "operating") or p.acceptance_date is not None:
        return True
    return bool(p.stage == "completed" and f.settlement_item and f.settlement_item[1] in ("collected", "not_applicable"))


def spending_behind(f: Facts, today: date, rules: Rules) -> list[dict]:
    """Yellow: 支出进度 (spent ÷ allocated, else ÷ planned) below the target; never on settled or closed projects."""
    p = f.project
    if p.stage == "reserve" or p.year > today.year or settled_or_closed(f):
        return []
    base = f.allocated_fen or p.planned_investment_fen
    target = target_for(p.year, today, rules.targets)
    if not base or target is None:
        return []
    when, pct = target
    if f.spent_fen * 100 >= base * pct:
        return []
    rate = f.spent_fen * 1000 // base / 10
    basis = "下达" if f.allocated_fen else "计划投资"
    return [finding("spending_behind", "yellow",
                    f"支出进度 {rate:.1f}%（已支出 {fen_to_wan_str(f.spent_fen)} 万元 / {basis} {fen_to_wan_str(base)} 万元），"
                    f"低于 {when.month}月{when.day}日 应达到的 {pct}%")]


def documents_missing(f: Facts, today: date, rules: Rules) -> list[dict]:
    """Yellow: required documents the project's stage should already hold are missing or need fixing."""
    if not f.missing_documents:
        return []
    names = [name + ("（需补正）" if state == "needs_fix" else "") for _key, name, state in f.missing_documents]
    shown = "、".join(names[:6]) + ("等" if len(names) > 6 else "")
    return [finding("documents_missing", "yellow", f"缺少必备资料 {len(names)} 项：{shown}")]


def no_joint_account(f: Facts, today: date, rules: Rules) -> list[dict]:
    p = f.project
    if p.category in rules.industry_categories and p.stage != "reserve" and not p.joint_account:
        return [finding("no_joint_account", "yellow", "未设立共管账户")]
    return []


def acceptance_late(f: Facts, today: date, rules: Rules) -> list[dict]:
    """Yellow: finished but not accepted (验收) within the set number of days; or not settled (结算)."""
    p, out = f.project, []
    done = p.actual_completion_date
    if done is None:
        return out
    days = (today - done).days
    # 已验收 by stage without its date, or settled (结算 follows 验收): not "not accepted"
    accepted = p.acceptance_date is not None or settled_or_closed(f)
    if not accepted and days > rules.acceptance_due_days:
        out.append(finding("not_accepted", "yellow", f"{done.isoformat()} 完工，已 {days} 天未验收"))
    if f.settlement_item and f.settlement_item[1] not in ("collected", "not_applicable") \
            and days > rules.settlement_due_days:
        out.append(finding("not_settled", "yellow",
                           f"{done.isoformat()} 完工，已 {days} 天未完成结算（{f.settlement_item[0]}未归档）"))
    return out


def assets_unregistered(f: Facts, today: date, rules: Rules) -> list[dict]:
    p = f.project
    if (p.stage in ("accepted", "operating") or p.acceptance_date) and not p.assets_registered:
        return [finding("assets_unregistered", "yellow", "已验收但资产未确权登记")]
    return []


ALL_RULES = (three_failures, milestones_overdue, spending_behind, documents_missing, no_joint_account,
             acceptance_late, assets_unregistered)

from desktop.risk.asset_rules import ASSET_RULES  # noqa: E402  (issue 20: asset rules in their own module)

ALL_RULES = ALL_RULES + ASSET_RULES


def propose(f: Facts, today: date, rules: Rules) -> tuple[str, list[dict]]:
    """(level, findings): red if any red finding, yellow if any yellow, else green."""
    findings = [x for rule in ALL_RULES for x in rule(f, today, rules)]
    if any(x["level"] == "red" for x in findings):
        return "red", findings
    if findings:
        return "yellow", findings
    return "green", [finding("normal", "green", normal_text(f.project))]


def normal_text(p) -> str:
    """The green reason; "运营正常" only when the project is recorded as operating, else nothing is claimed about it."""
    if p.stage == "operating":
        return "未发现风险：运营正常"
    if p.stage in ("completed", "accepted"):
        return "未发现风险（运营状态未知）"
    return "未发现风险：按计划推进"


def supervision(amount_fen: int, initial_level: str, province_wan: int, prefecture_wan: int) -> str:
    """Who supervises (seed 003 分级负责), from the amount and the *initial* grade.

    ≥ province threshold and initially red → province; ≥ province threshold otherwise, or
    between the two thresholds → prefecture; below → the county working group. Green projects
    are monitored by their department.
    """
    if initial_level == "green":
        return "routine"
    if amount_fen >= province_wan * 1_000_000:
        return "province" if initial_level == "red" else "prefecture"
    if amount_fen >= prefecture_wan * 1_000_000:
        return "prefecture"
    return "county"


def reason_texts(reasons) -> list[str]:
    """Reasons as text, whether stored as dicts (this module) or plain strings (older rows, demo)."""
    return [r.get("text", "") if isinstance(r, dict) else str(r) for r in (reasons or [])]
