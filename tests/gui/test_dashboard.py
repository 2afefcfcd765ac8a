"""The dashboard page, settings page (font size, targets) and display scaling."""
from __future__ import annotations

import pytest

from tests.gui.conftest import settle

pytestmark = pytest.mark.gui


def test_dashboard_cards_chart_and_actions(window, ctx, qtbot):
    """Cards show this year's figures, the chart has series and targets, action rows open projects."""
    page = window.page("dashboard")
    assert page.data is not None
    cards = page.data["cards"]
    assert page.cards["projects"].value.text() == str(cards["projects"])
    assert page.chart.chart["targets"][1]["money_pct"] == 50
    page.year_box.setCurrentIndex(page.year_box.findData(2020))
    settle(ctx)
    assert page.data["year"] == 2020 and page.data["cards"]["projects"] == 16
    overdue = page.actions.tables["overdue_milestones"]
    assert overdue.rowCount() > 0 and "逾期" in overdue.item(0, 2).text()
    risky = page.actions.tables["risky_projects"]
    assert any("红色风险" in risky.item(r, 1).text() for r in range(risky.rowCount()))
    with qtbot.waitSignal(ctx.sig_open_project, timeout=3000) as blocker:
        page.actions._open(risky, 0)
    from ui.dashboard.actions import CODE_ROLE

    assert blocker.args[0] == risky.item(0, 0).data(CODE_ROLE) and blocker.args[0] in risky.item(0, 0).text()


def test_dashboard_refreshes_after_a_change(window, ctx, qtbot):
    """Saving a project through an operation refreshes the dashboard without a manual reload."""
    from desktop.projects import projects

    page = window.page("dashboard")
    page.year_box.setCurrentIndex(page.year_box.findData(2020))
    settle(ctx)
    red = page.data["cards"]["risk"]["red"]

    def op(app):
        code = next(p["code"] for p in projects.list_projects(app, year=2020) if p["risk_level"] != "red")
        projects.update_project(app, code, {"risk_level": "red"})
        return code
    with qtbot.waitSignal(page.sig_loaded, timeout=10000):
        ctx.mutate(op, initiator=None, title="测试")
    assert page.data["cards"]["risk"]["red"] == red + 1


def test_font_size_setting_applies(window, ctx):
    """The 字号 setting changes the application font and is remembered."""
    from PySide6.QtWidgets import QApplication

    found = QApplication.font()
    page = window.show_page("settings")
    settle(ctx)
    display = page.sections["显示"]
    display.font_size.setValue(14)
    assert QApplication.font().pointSize() == 14 and ctx.font_pt() == 14
    display.font_size.setValue(10)
    QApplication.setFont(found)  # the application is shared by the tests that follow in this process


def test_targets_setting_refuses_bad_input(window, ctx):
    """A falling target is refused with a Chinese message; a valid one is saved and used by the dashboard."""
    from PySide6.QtWidgets import QTableWidgetItem

    from desktop.projects import dashboard

    page = window.show_page("settings")
    settle(ctx)
    sec = page.sections["工作台目标"]
    sec.table.setItem(2, 1, QTableWidgetItem("40"))
    sec.save()
    settle(ctx)
    assert "低于前一个目标" in sec.message.text()
    sec.table.setItem(2, 1, QTableWidgetItem("85"))
    sec.table.setItem(2, 2, QTableWidgetItem("85"))
    sec.save()
    settle(ctx)
    assert ("08-30", 85, 85) in dashboard.get_targets(ctx.app)


@pytest.mark.parametrize("scale", ["1.25", "1.5"])
def test_screenshot_at_display_scaling(cli, tmp_path, scale):
    """At 125 % and 150 % scaling the window renders (PNG is 1280×800 logical × scale), exit 0."""
    import os
    import subprocess

    from tests.conftest import towndesk_command
    from tests.gui.test_window import _png_size

    data = tmp_path / "d"
    cli("init", "--role", "township", "--region-code", "533401102000", "--name", "小中甸镇", data_dir=data, check=True)
    out = tmp_path / "s.png"
    env = dict(os.environ, QT_SCALE_FACTOR=scale, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(towndesk_command() + ["--data-dir", str(data), "gui", "--screenshot", str(out),
                                                "--page", "projects"], env=env, capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    w, h = _png_size(out)
    assert (w, h) == (round(1280 * float(scale)), round(800 * float(scale)))


def test_dashboard_notice_tab_shows_each_notice_text(qtbot):
    """The 督办单 tab lists every notice given to it, in order, with its text in the row and the tooltip."""
    from ui.dashboard.actions import ActionLists

    lists = ActionLists()
    qtbot.addWidget(lists)
    items = [{"code": None, "project": f"督办单第 {n} 号", "what": f"督办单{n}", "text": f"请于周五前报送第{n}项整改",
              "issued": "2020-08-3%d" % (n % 2), "date": "2020-09-30", "days": -29, "detail": "涉及 0 个项目"}
             for n in (8, 7)]
    lists.set_actions({"notices": {"count": 2, "items": items}})
    t = lists.tables["notices"]
    assert t.rowCount() == 2
    assert "请于周五前报送第8项整改" in t.item(0, 1).text() and "请于周五前报送第7项整改" in t.item(1, 1).text()
    assert "下发于" in t.item(0, 1).toolTip()
