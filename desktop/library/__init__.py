"""The project library (项目库): 申报 → 乡审核 → 县审定 → 入库 → 实施, or 退回 with a reason.

Each decision is a LibraryTransition row (who, when, why), so the township's and the county's
decisions travel in packages without overwriting each other; the state is the latest decision.
"""
from desktop.library.service import (
    TABLE_STATES, advance, library_history, library_list, not_counted_ids, states_of,
)
from desktop.library.states import ALLOWED_FROM, STATE_ROLE, state_label

__all__ = ["TABLE_STATES", "advance", "library_history", "library_list", "not_counted_ids", "states_of",
           "ALLOWED_FROM", "STATE_ROLE", "state_label"]
