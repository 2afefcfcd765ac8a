"""Issue 14 item 5: the money panel shows the warning of a payment dated years after the project's year."""
from __future__ import annotations


def test_late_payment_is_saved_and_the_panel_shows_the_warning(qtbot, ctx):
    """Saving a 2026 payment to a 2020 project through the dialog stores it and shows the warning under the title."""
    from desktop.projects import projects
    from ui.project_tabs.records_panel import RecordsPanel

    code = projects.create_project(ctx.app, {"name": "联合村旅游", "year": 2020, "level": "市级",
                                             "planned_investment_yuan": "100000"})["code"]
    panel = RecordsPanel(ctx, code, "disbursement")
    qtbot.addWidget(panel)
    dlg = panel.add()
    dlg.editors["paid_on"].set_text("2026-03-01")
    dlg.editors["amount_fen"].set_text("5000")
    dlg.save()
    qtbot.waitUntil(lambda: not panel.notice.isHidden(), timeout=10000)
    assert "2026-03-01" in panel.notice.text() and "--" not in panel.notice.text()
    from desktop.projects import project_records

    assert [r["paid_on"] for r in project_records.list_records(ctx.app, code, "disbursement")] == ["2026-03-01"]
