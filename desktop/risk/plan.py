"""四个一批 dispositions and the 一项目一方案 task list: parsing and checking what a person typed.

Why strict: the plan is handed up (任务分解表, seed 003 附件5) and its deadlines are tracked,
so every task needs what to do, by when, and which unit is responsible.
"""
from __future__ import annotations

import re
from datetime import date

from desktop.core.errors import UserError
from desktop.projects.fields import DISPOSITION_LABELS
from desktop.values.dates import parse_date

LEVEL_ALIASES = {"red": "red", "红": "red", "红色": "red", "红级": "red", "yellow": "yellow", "黄": "yellow",
                 "黄色": "yellow", "黄级": "yellow", "green": "green", "绿": "green", "绿色": "green", "绿级": "green"}
MAX_TASKS = 50


def parse_level(raw, where: str = "") -> str:
    text = str(raw or "").strip().lower()
    if text in LEVEL_ALIASES:
        return LEVEL_ALIASES[text]
    raise UserError(f"{where}风险等级 '{raw}' 无效，请写 红/黄/绿（或 red/yellow/green）。", field="风险等级")


def parse_disposition(raw, where: str = "") -> str | None:
    if raw is None or str(raw).strip() == "":
        return None
    text = str(raw).strip()
    if text in DISPOSITION_LABELS:
        return text
    for code, label in DISPOSITION_LABELS.items():
        if text in (label, f"{label}一批"):
            return code
    allowed = "、".join(DISPOSITION_LABELS.values())
    raise UserError(f"{where}处置方式 '{raw}' 无效，可选：{allowed}（四个一批）。", field="处置方式")


def parse_task(raw, n: int, today: date, where: str = "") -> dict:
    """'任务|2023-10-31|责任单位' (｜ or | between) or a dict with task, deadline, unit."""
    label = f"{where}第 {n} 项任务"
    if isinstance(raw, dict):
        parts = [raw.get("task"), raw.get("deadline"), raw.get("unit")]
        done = raw.get("done_on")
    else:
        parts = [p.strip() for p in re.split(r"[|｜]", str(raw))]
        done = None
        if len(parts) != 3:
            raise UserError(f"{label} '{raw}' 格式不对，应为 任务内容|完成时限|责任单位，"
                            "例如 引入运营主体恢复生产|2023-11-30|小中甸镇人民政府。", field="整治任务")
    task, deadline, unit = (str(p or "").strip() for p in parts)
    if not task:
        raise UserError(f"{label}没有写任务内容（整治措施）。", field="整治任务")
    if len(task) > 500:
        raise UserError(f"{label}的任务内容太长（{len(task)} 字），最多 500 字。", field="整治任务")
    if not unit:
        raise UserError(f"{label}没有写责任单位。", field="责任单位")
    if len(unit) > 200:
        raise UserError(f"{label}的责任单位太长（{len(unit)} 字），最多 200 字。", field="责任单位")
    if not deadline:
        raise UserError(f"{label}没有写完成时限。", field="完成时限")
    when = parse_date(deadline, f"{label}的完成时限")
    done_on = parse_date(done, f"{label}的完成日期") if done else None
    return {"task": task, "deadline": when.isoformat(), "unit": unit,
            "done_on": done_on.isoformat() if done_on else None}


def parse_tasks(raws, today: date, where: str = "") -> list[dict]:
    raws = list(raws or [])
    if len(raws) > MAX_TASKS:
        raise UserError(f"{where}任务太多（{len(raws)} 项），一个方案最多 {MAX_TASKS} 项。", field="整治任务")
    return [parse_task(r, i, today, where) for i, r in enumerate(raws, 1)]


def overdue_tasks(plan: list, today: date) -> list[dict]:
    return [t for t in plan or [] if not t.get("done_on") and t.get("deadline") and t["deadline"] < today.isoformat()]
