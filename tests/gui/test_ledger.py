"""The ledger page: filters, search as you type (Chinese and pinyin initials), totals, columns, export."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from desktop.core.changes import ChangeSet
from tests.gui.conftest import settle

pytestmark = pytest.mark.gui


@pytest.fixture
def page(window, ctx):
    p = window.show_page("projects")
    settle(ctx)
    assert p.loaded
    return p


def _type(widget, text: str) -> None:
    """One QKeyEvent per character (qtbot.keyClicks aborts on non-ASCII text)."""
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, ch))
    QApplication.processEvents()


def _search(page, text: str) -> None:
    page.filters.search.setText(text)
    QApplication.processEvents()  # the filter runs from a zero-delay timer after each edit


def _visible(page):
    return page.table.proxy.visible_rows()


def test_ledger_lists_all_projects_with_totals(page, ctx):
    """All 48 demo projects load; the totals row sums planned investment of the visible rows."""
    from desktop.projects import projects

    rows = projects.list_projects(ctx.app)
    assert page.table.proxy.rowCount() == len(rows) == 48
    assert page.table.totals.count == 48
    assert page.table.totals.values["planned_investment_fen"] == sum(r["planned_investment_fen"] for r in rows)
    assert "48" in page.count_label.text()


def test_search_finds_chinese_substrings_as_you_type(page):
    """Typing 联合 character by character keeps only projects in 联合村 or with 联合 in the name."""
    _type(page.filters.search, "联合")
    rows = _visible(page)
    assert rows and all("联合" in (r["name"] + (r["village"] or "")) for r in rows)
    assert page.table.totals.count == len(rows)


def test_search_matches_pinyin_initials(page, qtbot):
    """`lhc` (typed with keyClicks: ASCII) finds the 联合村 projects, the same set as typing 联合村."""
    qtbot.keyClicks(page.filters.search, "lhc")
    by_initials = {r["code"] for r in _visible(page)}
    page.filters.search.clear()
    _search(page, "联合村")
    by_text = {r["code"] for r in _visible(page)}
    assert by_initials and by_text <= by_initials
    assert "2020-102-001" in by_initials  # 小中甸镇联合村乡村旅游建设项目


def test_search_by_code_and_unit(page):
    """A code fragment and an implementing-unit fragment both match."""
    _search(page, "2020-102-00")
    assert {r["code"][:11] for r in _visible(page)} == {"2020-102-00"}
    _search(page, "人民政府")
    assert len(_visible(page)) == 48


def test_filters_year_risk_stage_and_place(page):
    """Year, risk, stage, village filters combine; clearing them shows everything again."""
    f = page.filters
    f.year.setCurrentIndex(f.year.findData(2020))
    assert {r["year"] for r in _visible(page)} == {2020}
    f.risk.setCurrentIndex(f.risk.findData("red"))
    rows = _visible(page)
    assert rows and all(r["risk_level"] == "red" and r["year"] == 2020 for r in rows)
    f.reset()
    i = next(i for i in range(f.place.count()) if f.place.itemData(i) and f.place.itemData(i)[-1] == "安南村")
    f.place.setCurrentIndex(i)
    assert {r["village"] for r in _visible(page)} == {"安南村"}
    f.reset()
    f.stage.setCurrentIndex(f.stage.findData("construction"))
    assert {r["stage"] for r in _visible(page)} == {"construction"}
    f.reset()
    assert len(_visible(page)) == 48


def test_risk_is_colour_and_text(page):
    """The risk column carries text (红/黄/绿) as well as a colour."""
    from ui.ledger.columns import index_of

    proxy = page.table.proxy
    col = index_of("risk_level")
    texts = {proxy.index(r, col).data() for r in range(proxy.rowCount())}
    assert {"● 红", "● 黄", "● 绿"} <= texts
    red_row = next(r for r in range(proxy.rowCount()) if proxy.index(r, col).data() == "● 红")
    assert proxy.index(red_row, col).data(Qt.ForegroundRole) is not None


def test_sort_and_column_chooser(page, ctx):
    """Sorting by planned investment orders rows; hiding a column moves it out of the totals row too."""
    from ui.ledger.columns import index_of

    col = index_of("planned_investment_fen")
    page.table.view.sortByColumn(col, Qt.DescendingOrder)
    values = [r["planned_investment_fen"] for r in _visible(page)]
    assert values == sorted(values, reverse=True)
    page.set_column_visible(col, False)
    assert page.table.view.isColumnHidden(col) and page.table.footer.isColumnHidden(col)
    assert ("planned_investment_fen", "计划投资(万元)", "money") not in page.export_columns()
    page.save_state()
    assert ctx.value("headers/ledger")


def test_export_visible_rows_to_excel(page, ctx, tmp_path, qtbot):
    """Export writes only the filtered rows, numbers as numbers, and a name like =SUM(…) as text."""
    import openpyxl

    from desktop.projects import projects

    projects.update_project(ctx.app, "2020-102-002", {"name": "=SUM(1,2)安南村"})
    with qtbot.waitSignal(page.sig_loaded, timeout=10000):
        ctx.sig_changed.emit(ChangeSet.of_tables("project"), None)  # as if another program changed it
    _search(page, "安南")
    visible = _visible(page)
    out = tmp_path / "台账.xlsx"
    done = []
    page.export_to(str(out), on_done=done.append)
    settle(ctx)
    assert done and done[0]["rows"] == len(visible)
    ws = openpyxl.load_workbook(out).active
    values = list(ws.iter_rows(values_only=True))
    names = [row[1] for row in values[2:-1]]
    assert "=SUM(1,2)安南村" in names
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "=SUM(1,2)安南村")
    assert cell.data_type == "s"
    assert values[-1][0] == "合计" and len(values) == len(visible) + 3


def test_ctrl_f_focuses_search_and_enter_opens_project(window, ctx, qtbot):
    """Ctrl+F jumps to the ledger search; activating a row opens that project's editor."""
    window.show_page("dashboard")
    window.act_find.trigger()
    page = window.page("projects")
    settle(ctx)
    assert window.current_key() == "projects"
    _search(page, "2020-102-001")
    with qtbot.waitSignal(ctx.sig_open_project, timeout=3000) as blocker:
        page._open_index(page.table.proxy.index(0, 0))
    assert blocker.args == ["2020-102-001"]
    settle(ctx)
    assert "2020-102-001" in window._editors


def test_totals_match_the_visible_rows_for_any_filter(page):
    """Totals equal a plain sum over the shown rows, whether few rows show or most (grand total less the hidden)."""
    from ui.ledger.columns import COLUMNS, index_of

    keys = [c.key for c in COLUMNS if c.total]
    for step in ("", "联合", "2020", "镇", "anc", "2020-102", "sort", "人民", ""):
        if step == "sort":
            page.table.view.sortByColumn(index_of("planned_investment_fen"), Qt.AscendingOrder)
        else:
            _search(page, step)
        rows = _visible(page)
        assert page.table.totals.count == len(rows)
        for key in keys:
            assert page.table.totals.values[key] == sum(r.get(key) or 0 for r in rows), (step, key)
