"""The four states of a checklist item, in code and in Chinese, and how input is read.

Why one place: the CLI, the GUI, the PDFs and the Excel export must all say the same words.
"""
from __future__ import annotations

from db.models.checklist import DOCUMENT_STATES
from desktop.core.errors import UserError

STATE_LABELS = {"missing": "未收集", "collected": "已收集", "not_applicable": "不适用", "needs_fix": "需补正"}
assert tuple(STATE_LABELS) == DOCUMENT_STATES
LABEL_STATES = {v: k for k, v in STATE_LABELS.items()}
# Reason written on rows made "不适用" because the standard's condition does not hold for the project.
AUTO_NA_REASON = "不符合该项条件"
PENDING = ("missing", "needs_fix")


def parse_state(raw: str, where: str = "") -> str:
    """'已收集' or 'collected' → 'collected'; anything else is refused with the valid choices."""
    text = (raw or "").strip()
    if text in STATE_LABELS:
        return text
    if text in LABEL_STATES:
        return LABEL_STATES[text]
    choices = "、".join(f"{v}（{k}）" for k, v in STATE_LABELS.items())
    raise UserError(f"{where}状态 '{raw}' 不存在。可用的状态：{choices}。", field="状态")


def state_label(state: str) -> str:
    return STATE_LABELS.get(state, state)
