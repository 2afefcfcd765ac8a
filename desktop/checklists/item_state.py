"""The one place a checklist item's state is written (project_document.state and what goes with it).

Why one owner: the 资料 tab, the checklist page, `towndesk checklist set`, attaching a scan, filing a
generated document and the demo all change an item. With one set of rules they cannot disagree:
a collected item always carries the date it was received, a reason is kept only for 不适用/需补正
(and required there), and 未收集 clears the received date. Callers pass their own session, so the
change stays inside the caller's single transaction; `tests/checklists/test_item_state_owner.py`
checks that no other module writes the state column.
"""
from __future__ import annotations

from datetime import date

from db.models import ProjectDocument
from desktop.checklists.states import AUTO_NA_REASON, parse_state
from desktop.core.errors import UserError

WITH_REASON = ("not_applicable", "needs_fix")


def check(state: str, reason: str | None, where: str = "") -> tuple[str, str | None]:
    """(state, reason) cleaned: a label or key becomes the key; 不适用/需补正 need a reason, others drop it."""
    state = parse_state(state, where)
    reason = (reason or "").strip() or None
    if state == "not_applicable" and not reason:
        raise UserError(f"{where}设为「不适用」须写明理由，例如：本项目不涉及用地。", field="理由")
    if state == "needs_fix" and not reason:
        raise UserError(f"{where}设为「需补正」须写明需要补正的内容，例如：缺少签字盖章。", field="理由")
    return state, reason if state in WITH_REASON else None


def new_document(project_id: str, item_key: str, applies: bool, **details) -> ProjectDocument:
    """The row for an item not yet touched: 未收集 when it applies, else 不适用 with the automatic reason.

    `details` (state, reason, received_on, pages, location, note) let the demo start an item elsewhere;
    they pass through `change`, so the same rules hold."""
    doc = ProjectDocument(project_id=project_id, item_key=item_key,
                          state="missing" if applies else "not_applicable",
                          reason=None if applies else AUTO_NA_REASON)
    if details:
        state = details.pop("state", doc.state)
        change(doc, state, **details)
    return doc


def change(doc: ProjectDocument, state: str, *, reason: str | None = None, received_on: date | None = None,
           pages: int | None = None, location: str | None = None, note: str | None = None,
           today: date | None = None) -> bool:
    """Set the item's state and details by the rules above; True when anything changed."""
    state, reason = check(state, reason)
    values = {"state": state, "reason": reason}
    if state == "collected":
        values["received_on"] = received_on or doc.received_on or (today or date.today())
    elif state == "missing":
        values["received_on"] = None
    elif received_on:
        values["received_on"] = received_on
    if pages is not None:
        values["pages"] = pages
    if location is not None:
        values["location"] = location.strip() or None
    if note is not None:
        values["note"] = note.strip() or None
    changed = False
    for key, value in values.items():
        if getattr(doc, key) != value:
            setattr(doc, key, value)
            changed = True
    return changed


def collect_on_file(doc: ProjectDocument, today: date | None = None) -> bool:
    """A file arrived for the item (a scan attached, a generated document filed): 未收集 becomes 已收集.

    An item already 需补正 or 不适用 keeps its state: the clerk decides whether the new file fixes it."""
    if doc.state != "missing":
        return False
    return change(doc, "collected", today=today)
