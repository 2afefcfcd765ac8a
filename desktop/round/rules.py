"""What one typed row of the round means, and why it is refused — a pure function of the figures,
so the grid's inline check, the sheet's per-row report and the save all use the same rules.

A period cell holds the period's total (本期拨付 = all paid in this period). Typing the total that is
already recorded changes nothing, which is why applying the same sheet twice pays nothing twice.
"""
from __future__ import annotations

from dataclasses import dataclass

from desktop.values.money import fen_to_yuan_display


@dataclass
class Entry:
    """One project's figures for the period as typed; None means the cell was left blank."""
    code: str
    works: int | None = None
    paid: int | None = None  # fen, the period's total
    spent: int | None = None  # fen, the period's total
    note: str | None = None
    milestone: bool = False  # the next open milestone was reached on the report date
    row: int | None = None  # sheet row, for messages


@dataclass
class Verdict:
    status: str  # unchanged | changed | refused
    reason: str = ""
    works: int | None = None  # the progress the period report will carry
    paid_diff: int = 0
    spent_diff: int = 0
    note: str | None = None
    milestone: bool = False
    paid_total: int = 0  # cumulative after the save
    spent_total: int = 0


def _yuan(fen: int) -> str:
    return fen_to_yuan_display(fen) + " 元"


def judge(fig: dict, e: Entry) -> Verdict:
    """The verdict on one row against the project's figures (see desktop.round.active.figures)."""
    reasons: list[str] = []
    v = Verdict("unchanged")
    shown_works = fig["works_now"] if fig["works_now"] is not None else fig["works_prev"]
    if e.works is not None:
        if not 0 <= e.works <= 100:
            reasons.append(f"工程进度 {e.works}% 应在 0 到 100 之间")
        elif fig["works_prev"] is not None and e.works < fig["works_prev"]:
            reasons.append(f"工程进度倒退：上期 {fig['works_prev']}%，本期填 {e.works}%；进度只能持平或增加，请核对")
        elif fig["works_now"] is None or e.works != fig["works_now"]:
            v.works = e.works
    for kind, label in (("paid", "拨付"), ("spent", "支出")):
        typed = getattr(e, kind)
        if typed is None:
            continue
        diff = typed - fig[f"{kind}_period"]
        if diff < 0 and -diff > fig[f"{kind}_round"]:
            reasons.append(f"本期已逐笔登记{label} {_yuan(fig[f'{kind}_period'])}，多于填写的 {_yuan(typed)}；"
                           f"请填写不少于 {_yuan(fig[f'{kind}_period'] - fig[f'{kind}_round'])}，或到项目的资金页修改那几笔记录")
        setattr(v, f"{kind}_diff", diff)
    v.paid_total = fig["paid_before"] + fig["paid_period"] + v.paid_diff
    v.spent_total = fig["spent_before"] + fig["spent_period"] + v.spent_diff
    if v.paid_diff > 0 and fig["ceiling"] and v.paid_total > fig["ceiling"]:
        reasons.append(f"累计拨付 {_yuan(v.paid_total)} 将超过计划投资（或下达资金）{_yuan(fig['ceiling'])}，"
                       "请核对金额，或先修改计划投资、登记资金下达")
    if (v.spent_diff > 0 or v.paid_diff < 0) and v.spent_total > v.paid_total:
        reasons.append(f"累计支出 {_yuan(v.spent_total)} 将超过累计拨付 {_yuan(v.paid_total)}，请先填写拨付或核对支出")
    if e.note is not None and e.note.strip() != (fig["note"] or "").strip():
        v.note = e.note.strip()
    if e.milestone and fig.get("next_milestone_id"):
        v.milestone = True
    if reasons:
        return Verdict("refused", "；".join(reasons) + "。")
    if v.works is not None or v.paid_diff or v.spent_diff or v.note is not None or v.milestone:
        v.status = "changed"
        if v.works is None:
            v.works = shown_works if shown_works is not None else 0
    return v
