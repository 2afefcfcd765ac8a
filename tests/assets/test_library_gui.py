"""The 项目库 page, offscreen: the township declares and reviews selected projects; the county approves several
at once and returns one with a reason; refusals are shown on the page and change nothing."""
from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from desktop.library import library_list  # noqa: E402
from tests.gui.conftest import ctx, no_questions, settle, window  # noqa: E402,F401  (fixtures)

pytestmark = pytest.mark.gui


def _select(page, codes) -> None:
    """Select these rows as a clerk would with Ctrl+click."""
    from PySide6.QtCore import QItemSelectionModel

    page.table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for r, row in enumerate(page.shown):
        if row["code"] in codes:
            page.table.selectionModel().select(page.table.model().index(r, 0), flags)


def _states(app) -> dict:
    return {r["code"]: r["state"] for r in library_list(app)}


def test_township_declares_and_reviews_the_selected_projects(window, ctx):
    """申报 on two selected projects, then 乡审核 on one; who and when appear; a move out of order is refused."""
    ctx.stop_watching()  # every change here goes through the page: no poll for other programs needed
    page = window.show_page("library")
    settle(ctx)
    assert page.table.rowCount() == len(library_list(ctx.app)) > 2
    assert page.title.text() == "巩固衔接项目库"
    assert set(page.buttons) == {"declared", "town_reviewed", "implementing"}  # the county's decisions are not here
    first, second = page.shown[0]["code"], page.shown[1]["code"]
    _select(page, [first, second])
    assert page.selected_codes() == [first, second]
    page.buttons["declared"].click()
    settle(ctx, 3)
    assert _states(ctx.app)[first] == _states(ctx.app)[second] == "declared"
    assert "已办理 2 个项目" in page.message.text()
    _select(page, [first])
    page.buttons["town_reviewed"].click()
    settle(ctx, 3)
    row = next(r for r in page.shown if r["code"] == first)
    assert row["state"] == "town_reviewed" and row["by"] == "测试员" and row["at"]
    assert "申报" in page.history.text() and "乡审核" in page.history.text()
    _select(page, [second])
    page.buttons["implementing"].click()
    settle(ctx, 3)
    assert "不能直接实施" in page.message.text()
    assert _states(ctx.app)[second] == "declared"
    page.state.setCurrentIndex(page.state.findData("declared"))
    assert [r["code"] for r in page.shown] == [second]


@pytest.fixture
def county_ctx(qtbot, network, tmp_path):
    """A UiContext over the county of a sync network, with two projects sent up after 乡审核."""
    from PySide6.QtCore import QSettings

    from desktop.library import advance
    from desktop.projects import projects
    from tests.assets.conftest import PROJECTS
    from tests.assets.test_sync import _send
    from ui.core.context import UiContext

    county, towns = network
    projects.create_many(towns[0], PROJECTS, source="测试")
    codes = [p["code"] for p in PROJECTS[:2]]
    advance(towns[0], codes, "申报")
    advance(towns[0], codes, "乡审核")
    _send(towns[0], county, tmp_path, "up")
    county.user_name = "县级审核员"
    c = UiContext(county, QSettings(str(tmp_path / "ui.ini"), QSettings.IniFormat))
    yield c, codes
    c.runner.wait_idle(30)
    c.runner.shutdown()


def test_county_approves_in_batch_and_returns_with_a_reason(qtbot, county_ctx):
    """Two selected projects are approved in one click; 退回 without a reason is refused, with one it is done."""
    from ui.library.page import LibraryPage

    ctx, codes = county_ctx
    page = LibraryPage(ctx)
    qtbot.addWidget(page)
    settle(ctx)
    assert set(page.buttons) == {"county_approved", "listed", "returned"} and page.reason.isVisibleTo(page)
    _select(page, codes)
    page.buttons["county_approved"].click()
    settle(ctx, 3)
    assert [_states(ctx.app)[c] for c in codes] == ["county_approved", "county_approved"]
    _select(page, codes[1:])
    page.buttons["returned"].click()
    settle(ctx, 3)
    assert "退回须写明理由" in page.message.text() and _states(ctx.app)[codes[1]] == "county_approved"
    page.reason.setText("实施方案未附联审意见")
    page.buttons["returned"].click()
    settle(ctx, 3)
    row = next(r for r in page.shown if r["code"] == codes[1])
    assert row["state"] == "returned" and row["reason"] == "实施方案未附联审意见" and row["by"] == "县级审核员"
    assert page.reason.text() == ""
