"""The library states, which state may follow which, and which side decides each one.

The side (STATE_ROLE) comes from db.models.asset.OWNERS, the one place owners are declared, so the
service here and the sync importer enforce the same rule.
"""
from __future__ import annotations

from db.models.asset import LIBRARY_STATES, OWNERS

STATE_ROLE: dict[str, str] = dict(OWNERS["library_transition"])
# state -> the states a project may be in before it (None: not in the library yet)
ALLOWED_FROM: dict[str, tuple] = {
    "declared": (None, "returned"),
    "town_reviewed": ("declared",),
    "county_approved": ("town_reviewed",),
    "listed": ("county_approved",),
    "implementing": ("listed",),
    "returned": ("declared", "town_reviewed", "county_approved", "listed"),
}
assert set(ALLOWED_FROM) == set(LIBRARY_STATES) == set(STATE_ROLE)
# the account right each step needs (desktop.accounts.roles): declaring and starting work are the clerk's
# ledger entries; reviewing, approving, listing and returning are decisions
STATE_RIGHT: dict[str, str] = {"declared": "edit", "implementing": "edit", "town_reviewed": "review",
                               "county_approved": "review", "listed": "review", "returned": "review"}
assert set(STATE_RIGHT) == set(STATE_ROLE)
ROLE_WORDS = {"township": "乡镇", "county": "县级办公室"}


def state_label(terms, state: str | None) -> str:
    """The word for a state in the terms in force; 未入库管理 for a project never declared."""
    if state is None:
        return "未纳入项目库"
    return terms.choices("library_states").get(state, state)
