"""The 半月填报 page driven with pytest-qt: type, paste a block, inline checks, save, undo, the county view."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from db.models import Disbursement, Expenditure, ProgressReport
from tests.round.conftest import WHEN

pytest.importorskip("pytestqt")
pytestmark = pytest.mark.gui


def _ctx(app, tmp_path):
    from PySide6.QtCore import QSettings

    from ui.core.context import UiContext

    return UiContext(app, QSettings(str(tmp_path / "ui.ini"), QSettings.IniFormat))


@pytest.fixture
def page(qtbot, round_app, tmp_path):
    from PySide6.QtCore import QDate

    from ui.round.page import create_page

    app, codes = round_app
    ctx = _ctx(app, tmp_path)
    p = create_page(ctx)
    qtbot.addWidget(p)
    p.show()  # Tab navigation only runs in a visible view
    p.on.setDate(QDate(WHEN.year, WHEN.month, WHEN.day))
    settle(ctx)
    p.codes = codes
    yield p
    ctx.runner.wait_idle(30)
    ctx.runner.shutdown()


def settle(ctx):
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        assert ctx.runner.wait_idle(60)
        QApplication.processEvents()


def _row(page, key):
    return next(r for r, f in enumerate(page.grid.figs) if f["code"] == page.codes[key])


def _db(app):
    with app.read() as s:
        return (sorted(s.scalars(select(Disbursement.amount_fen).where(Disbursement.paid_on == WHEN,
                                                                       Disbursement.deleted.is_(False)))),
                sorted(s.scalars(select(Expenditure.amount_fen).where(Expenditure.spent_on == WHEN,
                                                                      Expenditure.deleted.is_(False)))),
                sorted(s.scalars(select(ProgressReport.works_pct).where(ProgressReport.report_date == WHEN,
                                                                        ProgressReport.deleted.is_(False)))))


def test_typing_moves_like_a_spreadsheet_and_checks_inline(qtbot, page):
    """Digits typed into a cell and Enter commit it and move down; a backwards progress turns the row red with the reason."""
    from PySide6.QtCore import Qt

    from ui.round.grid import CHECK, WORKS

    grid = page.grid
    r = _row(page, "yak")
    grid.setCurrentCell(r, WORKS)
    qtbot.keyClick(grid, "1")  # a key on a cell opens its editor with that key, as in Excel
    from PySide6.QtWidgets import QLineEdit

    editor = grid.findChild(QLineEdit)
    qtbot.keyClicks(editor, "0")
    qtbot.keyClick(editor, Qt.Key_Return)
    assert grid.item(r, WORKS).text() == "10"
    assert grid.currentRow() == min(r + 1, len(grid.figs) - 1)
    assert "工程进度倒退：上期 20%" in grid.item(r, CHECK).text()
    grid.item(r, WORKS).setText("45")
    assert grid.item(r, CHECK).text() == "将保存"
    from ui.round.grid import NOTE, PAID

    grid.setCurrentCell(r, WORKS)
    qtbot.keyClick(grid, Qt.Key_Tab)
    assert (grid.currentRow(), grid.currentColumn()) == (r, PAID)
    grid.setCurrentCell(0, NOTE)
    qtbot.keyClick(grid, Qt.Key_Tab)  # past the last input cell of a row: the first input cell of the next row
    assert (grid.currentRow(), grid.currentColumn()) == (1, WORKS)
    qtbot.keyClick(grid, "5")  # typing, then Tab: the cell is kept and the next input cell is current
    qtbot.keyClick(grid.findChild(QLineEdit), Qt.Key_Tab)
    assert grid.item(1, WORKS).text() == "5" and (grid.currentRow(), grid.currentColumn()) == (1, PAID)


def test_pasted_block_fills_rows_and_totals_and_save_then_undo(qtbot, page):
    """A block copied from Excel fills progress, payment and spending of two rows; Save writes them, undo takes them back."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from ui.round.grid import PAID, SPENT, WORKS

    grid, app = page.grid, page.ctx.app
    first = _row(page, "road")
    assert _row(page, "yak") == first + 1  # the 2019 project comes first
    grid.setCurrentCell(first, WORKS)
    QApplication.clipboard().setText("70\t1万元\t\r\n45\t200,000\t50000\r\n")
    qtbot.keyClick(grid, Qt.Key_V, Qt.ControlModifier)
    assert [grid.item(first + 1, c).text() for c in (WORKS, PAID, SPENT)] == ["45", "200,000", "50000"]
    total = len(grid.figs)
    assert grid.item(total, PAID).text() == "210,000.00" and grid.item(total, SPENT).text() == "50,000.00"
    before = _db(app)
    page.save_button.click()
    settle(page.ctx)
    assert "已保存 2 个项目" in page.status.text()
    paid, spent, works = _db(app)
    assert paid == sorted([20_000_000, 1_000_000]) and spent == [5_000_000] and works == [45, 70]
    assert page.undo_button.isEnabled()
    page.undo_button.click()
    settle(page.ctx)
    assert _db(app) == before and "已撤销" in page.status.text()


def test_save_with_a_refused_row_writes_nothing_and_says_why(qtbot, page):
    """Spending above what was paid keeps the whole save back, with the project and the reason under the grid."""
    from ui.round.grid import SPENT, WORKS

    grid, app = page.grid, page.ctx.app
    grid.item(_row(page, "road"), WORKS).setText("65")
    grid.item(_row(page, "yak"), SPENT).setText("450000")
    before = _db(app)
    page.save_button.click()
    settle(page.ctx)
    assert "未保存" in page.status.text() and "将超过累计拨付" in page.status.text()
    assert _db(app) == before


def test_sheet_export_import_and_dispatch_from_the_page(qtbot, page, tmp_path):
    """The page writes the round sheet, applies a filled one, and makes the 半月调度表 in the exports folder."""
    from openpyxl import load_workbook

    from desktop.round.sheet import HEADER_ROW

    out = tmp_path / "r.xlsx"
    page.export_sheet(str(out))
    settle(page.ctx)
    wb = load_workbook(out)
    ws = wb["半月填报"]
    ws.cell(HEADER_ROW + 1, 9).value = 90
    wb.save(out)
    page.import_sheet(str(out))
    settle(page.ctx)
    assert "已保存 1 个项目" in page.status.text() and _db(page.ctx.app)[2] == [90]
    page.dispatch(".xlsx")
    settle(page.ctx)
    assert page.last_file.exists() and page.last_file.parent == page.ctx.app.layout.exports
    assert "半月调度表" in load_workbook(page.last_file).active["A2"].value


def test_county_page_lists_townships_and_their_round(qtbot, county_app, tmp_path):
    """At the county the page lists each township with whether its round for the date has arrived."""
    from PySide6.QtCore import QDate

    from ui.round.page import create_page

    ctx = _ctx(county_app, tmp_path)
    p = create_page(ctx)
    qtbot.addWidget(p)
    p.on.setDate(QDate(WHEN.year, WHEN.month, WHEN.day))
    settle(ctx)
    states = {p.table.item(r, 3).text() for r in range(p.table.rowCount())}
    assert p.table.rowCount() > 1 and states & {"已报齐", "未报送"} and "个乡镇已报送" in p.status.text()
    ctx.runner.shutdown()


def test_round_ends_in_four_clicks_and_arrives_at_the_county(qtbot, page, tmp_path):
    """After typing: Save, 半月调度表 Excel, PDF and 同步包 — four clicks; the county then sees the round arrived."""
    from desktop.core.app import init_data_folder
    from desktop.round.county import round_arrivals
    from desktop.sync.importer import import_package
    from tests.conftest import COUNTY
    from tests.sync.conftest import enroll
    from ui.round.grid import PAID, WORKS

    grid, app = page.grid, page.ctx.app
    page.package()  # no county enrolled yet: the message points to the 同步 page, not to a command
    settle(page.ctx)
    assert "“同步”页" in page.status.text() and "--" not in page.status.text()
    county = init_data_folder(tmp_path / "county", role="county", region_code=COUNTY[0], name=COUNTY[1])
    enroll(app, county, tmp_path)
    grid.item(_row(page, "yak"), WORKS).setText("30")
    grid.item(_row(page, "road"), PAID).setText("100000")
    clicks = 0
    for name in ("round_save", "round_dispatch_xlsx", "round_dispatch_pdf", "round_package"):
        from PySide6.QtWidgets import QPushButton

        page.findChild(QPushButton, name).click()
        clicks += 1
        settle(page.ctx)
    assert clicks == 4 and page.last_file.suffix == ".tdpkg" and page.last_file.exists()
    exports = {p.suffix for p in app.layout.exports.iterdir()}
    assert {".xlsx", ".pdf", ".tdpkg"} <= exports
    import_package(county, page.last_file)
    town = next(t for t in round_arrivals(county, WHEN)["townships"] if t["township_code"] == app.node.region_code)
    assert town["arrived"] and town["complete"] and town["reported"] == 2
    county.dispose()


def test_reports_page_moves_the_dispatch_date_to_a_report_day(qtbot, round_app, tmp_path):
    """Choosing 半月调度表 on the 报表 page sets the date to the latest 14th/29th on or before the date shown."""
    from PySide6.QtCore import QDate

    from desktop.reports import KINDS
    from ui.reports.page import create_page

    ctx = _ctx(round_app[0], tmp_path)
    p = create_page(ctx)
    qtbot.addWidget(p)
    settle(ctx)
    p.on.setDate(QDate(2020, 7, 3))
    p.kinds.setCurrentRow(list(KINDS).index("dispatch"))
    assert p.on.date() == QDate(2020, 6, 29)
    ctx.runner.wait_idle(30)
    ctx.runner.shutdown()


def test_main_window_opens_the_round_page_by_its_key(qtbot, round_app, tmp_path, monkeypatch):
    """`towndesk gui --page round` lands on the 半月填报 page, listed in the side bar."""
    from PySide6.QtWidgets import QMessageBox

    from ui.core.main_window import MainWindow
    from ui.pages import page_info
    from ui.round.page import RoundPage

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    ctx = _ctx(round_app[0], tmp_path)
    w = MainWindow(ctx, start_page="round")
    qtbot.addWidget(w)
    settle(ctx)
    assert page_info("round")[1] == "半月填报" and w.findChild(RoundPage) is not None
    ctx.runner.wait_idle(30)
    ctx.runner.shutdown()


def test_changing_the_date_asks_before_dropping_typed_figures(qtbot, page, monkeypatch):
    """With figures typed and not saved, another date is only shown after the clerk agrees to drop them."""
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QMessageBox

    from ui.round.grid import WORKS

    r = _row(page, "road")
    page.grid.item(r, WORKS).setText("75")
    answers = [QMessageBox.No]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    page.on.setDate(QDate(2020, 6, 14))
    settle(page.ctx)
    assert page.on.date() == QDate(WHEN.year, WHEN.month, WHEN.day) and page.grid.item(r, WORKS).text() == "75"
    answers.append(QMessageBox.Yes)
    page.on.setDate(QDate(2020, 6, 14))
    settle(page.ctx)
    assert page.on.date() == QDate(2020, 6, 14) and not page.grid.dirty()


def test_amount_columns_fit_the_largest_total(qtbot):
    """The 合计 row's cumulative amounts are shown whole, not cut to "12,3…", however large the county's totals."""
    from ui.round.grid import PAID, RoundGrid

    grid = RoundGrid()
    qtbot.addWidget(grid)
    fig = dict(code="2026-001", name="项目", works_prev=40, paid_before=987_654_321_00, spent_before=876_543_210_00,
               next_milestone=None, next_milestone_id=None, works_now=None, paid_period=123_456_789_00,
               spent_period=0, note=None, reached=None)
    grid.fill([fig, dict(fig, code="2026-002")])
    metrics = grid.fontMetrics()
    last = grid.rowCount() - 1
    for col in (3, 4, PAID):
        text = grid.item(last, col).text()
        assert text and metrics.horizontalAdvance(text) < grid.columnWidth(col), (col, text)
