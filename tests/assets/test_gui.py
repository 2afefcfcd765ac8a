"""The 资产台账 page and the project editor's 资产 tab, offscreen: rows, adding through the form, and the
words switching with the terms file."""
from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from tests.gui.conftest import ctx, no_questions, settle, window  # noqa: E402,F401  (fixtures)

pytestmark = pytest.mark.gui


def test_assets_page_lists_the_demo_assets_with_their_total(window, ctx):
    """The page shows every demo asset and a total equal to the service's sum."""
    from desktop.assets import list_assets

    page = window.show_page("assets")
    settle(ctx)
    rows = list_assets(ctx.app)
    assert page.table.table.rowCount() == len(rows) > 0
    assert page.table.title.text() == "扶贫项目资产台账"
    total = sum(r["value_fen"] for r in rows) / 100
    assert f"共 {len(rows)} 项" in page.table.summary.text() and f"{total:,.2f}" in page.table.summary.text()


def test_page_and_tab_follow_the_terms_file(window, ctx):
    """With the 2026 terms in force the page reads 帮扶项目资产台账 and the status filter the 2026 words."""
    from desktop.terms import bundled
    from desktop.terms.service import _activate, _store

    with ctx.app.tx() as s:  # as the county's package would leave it on a township
        _activate(s, _store(s, bundled("2026")))
    page = window.show_page("assets")
    settle(ctx)
    assert page.table.title.text() == "帮扶项目资产台账"
    headers = [page.table.table.horizontalHeaderItem(i).text() for i in range(page.table.table.columnCount())]
    assert "确权层级" in headers and "管护主体" in headers
    dlg = window.open_project("2020-102-001")
    settle(ctx)
    tab = dlg.show_tab("assets")
    settle(ctx)
    assert tab.title.text() == "本项目形成的帮扶项目资产"
    assert tab.table.rowCount() >= 1


def test_add_asset_through_the_tab_form(window, ctx):
    """登记资产 on a project's tab opens a form; a bad amount is shown at its field, a good one is saved."""
    from desktop.assets import list_assets

    dlg = window.open_project("2021-102-012")
    settle(ctx)
    tab = dlg.show_tab("assets")
    settle(ctx)
    before = tab.table.rowCount()
    form = tab.add()
    form.editors["name"].input.setText("村卫生室医疗设备")
    form.editors["asset_class"].set_text("public")
    form.editors["value_fen"].input.setText("-3")
    form.save()
    settle(ctx)
    assert form.isVisible() and "不能为负数" in form.editors["value_fen"].error.text()
    form.editors["value_fen"].input.setText("86000")
    form.editors["manager"].input.setText("安南村卫生室")
    form.save()
    settle(ctx)
    settle(ctx)
    assert not form.isVisible()
    assert tab.table.rowCount() == before + 1
    made = [r for r in list_assets(ctx.app, project="2021-102-012") if r["name"] == "村卫生室医疗设备"]
    assert made and made[0]["value_yuan"] == "86000.00" and made[0]["class"] == "public"
