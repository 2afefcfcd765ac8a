"""Readable evidence: history names the checklist item and its state in Chinese; the audit export shows money in
元 and 万元 and stage/state words, not codes; the window says when attribution is not proven."""
from __future__ import annotations

import openpyxl
import pytest

from tests.checklists.conftest import small_app  # noqa: F401  (fixture)

CODE = "2020-102-001"


def test_history_names_the_item_and_its_state_in_chinese(small_app):  # noqa: F811
    """Marking 实施方案 collected reads 资料“…实施方案…” 状态 未收集 → 已收集, never `missing→collected`."""
    from desktop.checklists import service
    from desktop.projects.history_view import history_rows

    service.set_item(small_app, CODE, "impl_plan", "collected")
    service.set_item(small_app, CODE, "impl_plan", "not_applicable", reason="本项目不涉及")
    rows = [r for r in history_rows(small_app, CODE) if r["record"].startswith("资料")]
    states = [r for r in rows if r["field"] == "状态" and r["op"] == "修改"]
    assert states and all("实施方案" in r["record"] for r in states), rows
    assert (states[0]["old"], states[0]["new"]) == ("已收集", "不适用")
    text = repr(rows)
    assert not any(code in text for code in ("missing", "collected", "not_applicable"))


def test_audit_export_money_in_yuan_and_wan_and_labels(small_app, tmp_path):  # noqa: F811
    """A planned investment change reads 16,900,000.00 元（1,690.00 万元）in the export, the stage 在建, the
    checklist state 已收集; read back from the written workbook."""
    from desktop.audit.export import export_changes
    from desktop.checklists import service
    from desktop.projects import projects

    projects.update_project(small_app, CODE, {"planned_investment_wan": "1690", "stage": "在建"})
    service.set_item(small_app, CODE, "impl_plan", "collected")
    out = tmp_path / "审计.xlsx"
    export_changes(small_app, {"username": "测试员", "role": "admin"}, out, project=CODE)
    rows = list(openpyxl.load_workbook(out, read_only=True)["变更记录"].iter_rows(values_only=True))
    head = rows[0]
    field, new = head.index("字段"), head.index("新值")
    money = [r for r in rows[1:] if r[field] == "计划投资" and r[head.index("操作")] == "修改"]
    assert money and money[-1][new] == "16,900,000.00 元（1,690.00 万元）"
    assert any(r[new] == "在建" for r in rows[1:] if r[field] == "项目阶段")
    assert any(r[new] == "已收集" for r in rows[1:] if r[head.index("记录类型")] == "项目资料")
    money_rows = [r for r in rows[1:] if any(w in (r[field] or "") for w in ("投资", "金额", "资金"))]
    assert money_rows and not any(str(r[new] or "").isdigit() for r in money_rows)  # never raw 分


@pytest.mark.gui
def test_window_says_attribution_unproven_without_accounts(qtbot, small_app, tmp_path):  # noqa: F811
    """No account: the history tab and the 账户 page say 未设账户：记录的操作人未经验证; with accounts, they do not."""
    pytest.importorskip("pytestqt")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.accounts import service as acc
    from ui.core.context import UiContext
    from ui.project_tabs.history_tab import HistoryTab
    from ui.settings.accounts_section import AccountsSection

    ctx = UiContext(small_app, QSettings(str(tmp_path / "ui.ini"), QSettings.IniFormat))

    def idle():
        for _ in range(3):
            assert ctx.runner.wait_idle(30)
            QApplication.processEvents()

    try:
        tab, section = HistoryTab(ctx, CODE), AccountsSection(ctx)
        qtbot.addWidget(tab)
        qtbot.addWidget(section)
        idle()
        for w in (tab, section):
            assert not w.attribution.isHidden() and w.attribution.text().startswith("未设账户：记录的操作人未经验证")
        acc.create_first_admin(small_app, "admin", "长城长江黄河2020")
        tab.refresh()
        section.refresh()
        idle()
        assert tab.attribution.isHidden() and section.attribution.isHidden()
    finally:
        ctx.runner.wait_idle(30)
        ctx.runner.shutdown()
