"""Checklist-item state has one owner, desktop.checklists.item_state: every caller follows its rules."""
from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from desktop.checklists import attachments, item_state, service
from desktop.core.errors import UserError

ROOT = Path(__file__).resolve().parents[2]
OWNER = ROOT / "desktop" / "checklists" / "item_state.py"
CODE = "2020-102-001"


def _writes_state(tree: ast.AST) -> list[int]:
    """Lines that make a ProjectDocument, assign `<obj>.state` (not self), setattr 'state' or update the table."""
    lines = []
    for n in ast.walk(tree):
        if isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = n.targets if isinstance(n, ast.Assign) else [n.target]
            flat = [e for t in targets for e in (t.elts if isinstance(t, ast.Tuple) else [t])]
            if any(isinstance(t, ast.Attribute) and t.attr == "state"
                   and not (isinstance(t.value, ast.Name) and t.value.id == "self") for t in flat):
                lines.append(n.lineno)
        elif isinstance(n, ast.Call):
            name = n.func.attr if isinstance(n.func, ast.Attribute) else getattr(n.func, "id", "")
            if name == "ProjectDocument":
                lines.append(n.lineno)
            elif name == "setattr" and len(n.args) > 1 and isinstance(n.args[1], ast.Constant) \
                    and n.args[1].value == "state":
                lines.append(n.lineno)
            elif name in ("update", "insert") and any(getattr(a, "id", "") == "ProjectDocument" for a in n.args):
                lines.append(n.lineno)
    return lines


def test_no_other_module_writes_the_state_column():
    """Outside item_state.py no module in desktop/, ui/ or db/ creates a project_document row or sets its state."""
    found = []
    for folder in ("desktop", "ui", "db"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if path == OWNER or not ("state" in text or "ProjectDocument" in text):
                continue  # cannot write the column: not parsed (keeps the scan fast)
            for line in _writes_state(ast.parse(text)):
                found.append(f"{path.relative_to(ROOT)}:{line}")
    assert not found, "checklist state written outside desktop.checklists.item_state: " + ", ".join(found)


def test_scanner_sees_the_writes_it_forbids():
    """The scan flags the hand-written forms that used to exist in attachments and generated documents."""
    for code in ('doc.state, doc.reason = "collected", None', 'doc.state = "collected"',
                 's.add(ProjectDocument(project_id=p, item_key=k, state="missing"))', 'setattr(doc, "state", v)',
                 's.execute(update(ProjectDocument).values(state="x"))'):
        assert _writes_state(ast.parse(code)), code
    assert not _writes_state(ast.parse('self.state = QComboBox()\nsetattr(doc, key, value)'))


CHANGES = st.tuples(st.sampled_from(["missing", "collected", "needs_fix", "not_applicable", "已收集", "未收集"]),
                    st.sampled_from([None, "", "缺少签字盖章"]),
                    st.sampled_from([None, date(2020, 5, 1)]))


@settings(max_examples=60, deadline=None)
@given(st.lists(CHANGES, min_size=1, max_size=8))
def test_any_order_of_changes_keeps_the_rules(steps):
    """Whatever order states are set in: collected has a date, 未收集 none, a reason only with 不适用/需补正."""
    doc = item_state.new_document("p", "k", True)
    for state, reason, received in steps:
        try:
            item_state.change(doc, state, reason=reason, received_on=received, today=date(2020, 7, 1))
        except UserError as e:
            assert not (reason or "").strip() and "理由" in str(e.field)
            continue
        assert (doc.received_on is not None) == (doc.state == "collected") or doc.state in item_state.WITH_REASON
        assert (doc.reason is not None) == (doc.state in item_state.WITH_REASON)
    if doc.state == "collected" and steps[-1][0] in ("collected", "已收集") and steps[-1][2]:
        assert doc.received_on == steps[-1][2]


def test_not_applicable_row_for_an_item_that_does_not_apply():
    """An untouched item that does not apply starts 不适用 with the automatic reason."""
    doc = item_state.new_document("p", "k", False)
    assert (doc.state, doc.reason) == ("not_applicable", item_state.AUTO_NA_REASON)


def test_attaching_and_setting_follow_the_same_rule(small_app, tmp_path):
    """A scan attached to a 未收集 item marks it collected with today's date, as `set_item` does; 需补正 stays."""
    scan = tmp_path / "批复.pdf"
    scan.write_bytes(b"%PDF-1.4 scan" * 50)
    day = date(2020, 7, 1)
    attachments.attach_files(small_app, CODE, "joint_approval", [scan], today=day)
    set_one = service.set_item(small_app, CODE, "impl_plan", "已收集", today=day)
    items = {i["key"]: i for i in service.project_checklist(small_app, CODE, today=day)["items"]}
    assert items["joint_approval"]["state"] == set_one["state"] == "collected"
    assert items["joint_approval"]["received_on"] == set_one["received_on"] == "2020-07-01"
    service.set_item(small_app, CODE, "feasibility", "needs_fix", reason="缺少签字盖章")
    other = tmp_path / "可研.pdf"
    other.write_bytes(b"%PDF-1.4 other" * 50)
    assert attachments.attach_files(small_app, CODE, "feasibility", [other], today=day)["state"] == "needs_fix"


def test_missing_reason_is_refused_naming_the_item(small_app):
    """需补正 without saying what is missing is refused, naming the project and item; nothing is written."""
    with pytest.raises(UserError, match="2020-102-001.*impl_plan.*补正"):
        service.set_item(small_app, CODE, "impl_plan", "needs_fix", reason="  ")
