"""The ledger's fast delegate: it paints what Qt's own delegate paints, from the model's rows."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from tests.gui.conftest import settle
from ui.ledger.columns import index_of
from ui.ledger.delegate import ElideCache, LedgerDelegate

pytestmark = pytest.mark.gui


@pytest.fixture
def page(window, ctx):
    p = window.show_page("projects")
    settle(ctx)
    assert p.loaded and p.table.proxy.rowCount() > 10
    return p


def _viewport_image(view, delegate) -> QImage:
    view.setItemDelegate(delegate)
    QApplication.processEvents()
    return view.viewport().grab().toImage().convertToFormat(QImage.Format_RGB32)


def _cell_image(page, row: int, column: int, selected: bool = False) -> tuple[QImage, QRect]:
    """One cell painted by the ledger's delegate on white, as the view would ask for it."""
    view = page.table.view
    delegate = view.itemDelegate()
    index = view.model().index(row, column)
    option = QStyleOptionViewItem()
    option.initFrom(view.viewport())
    option.rect = QRect(0, 0, view.columnWidth(column), view.rowHeight(row))
    option.state = QStyle.State_Enabled | QStyle.State_Active | (QStyle.State_Selected if selected else QStyle.StateFlag(0))
    option.font = view.font()
    option.fontMetrics = view.fontMetrics()
    image = QImage(option.rect.size(), QImage.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(view.font())
    delegate.paint(painter, option, index)
    painter.end()
    return image, QRect(option.rect)  # a copy: the option owns its rect


def _inked_columns(image: QImage, background: QColor) -> list[int]:
    """The x positions holding any pixel other than the background."""
    bg = background.rgb()
    return [x for x in range(image.width()) if any(image.pixel(x, y) != bg for y in range(image.height()))]


def test_the_ledger_uses_the_fast_delegate(page):
    """The ledger's table paints through LedgerDelegate (not Qt's per-role default)."""
    assert isinstance(page.table.view.itemDelegate(), LedgerDelegate)


def test_same_pixels_as_qts_delegate_with_selection_and_elided_names(page):
    """With risk colours, two selected rows, the current cell and a name column too narrow for its text,
    the viewport looks exactly as it does with Qt's own delegate."""
    view = page.table.view
    view.setFocus()
    view.selectRow(1)
    view.selectionModel().select(view.model().index(4, 0), QItemSelectionModel.Select | QItemSelectionModel.Rows)
    view.setCurrentIndex(view.model().index(6, index_of("name")))
    view.setColumnWidth(index_of("name"), 90)  # names elided with …
    view.setColumnWidth(index_of("planned_investment_fen"), 48)  # money elided too
    ours = view.itemDelegate()
    theirs = _viewport_image(view, QStyledItemDelegate(view))
    mine = _viewport_image(view, ours)
    assert mine == theirs
    assert any(t.endswith("…") for t, _w in ours.cache._items.values())  # the elided path was exercised


def test_paints_the_models_text(page):
    """The delegate's elide cache holds exactly the display texts the model gives for the cells in sight."""
    view = page.table.view
    delegate = view.itemDelegate()
    delegate.cache = ElideCache()
    view.viewport().repaint()
    painted = {t for (t, _w, _f) in delegate.cache._items}
    proxy = view.model()
    expected = {proxy.data(proxy.index(r, c)) for r in range(3) for c in (index_of("code"), index_of("name"))}
    assert expected <= painted


def test_money_is_right_aligned(page):
    """A money cell's ink sits against the right edge (after the margin), far from the left."""
    image, rect = _cell_image(page, 0, index_of("planned_investment_fen"))
    inked = _inked_columns(image, QColor("white"))
    assert inked, "nothing painted"
    assert rect.width() - 1 - inked[-1] <= 6
    assert inked[0] > 12


def test_text_is_left_aligned(page):
    """A project name starts at the left margin."""
    image, _rect = _cell_image(page, 0, index_of("name"))
    inked = _inked_columns(image, QColor("white"))
    assert inked and inked[0] <= 6


def test_selected_cell_is_highlighted(page):
    """A selected cell is filled with the palette's highlight colour and its text drawn over it."""
    view = page.table.view
    image, _rect = _cell_image(page, 0, index_of("name"), selected=True)
    highlight = view.viewport().palette().color(QPalette.Active, QPalette.Highlight)
    assert image.pixelColor(1, 1) == highlight
    assert len(_inked_columns(image, highlight)) > 10  # the text, in the highlighted text colour


def test_chinese_text_is_not_blank(page):
    """A cell with a Chinese project name paints glyphs (many inked pixels), not an empty box."""
    proxy = page.table.view.model()
    row = next(r for r in range(proxy.rowCount()) if any("\u4e00" <= ch <= "\u9fff" for ch in proxy.row_at(r)["name"]))
    image, _rect = _cell_image(page, row, index_of("name"))
    white = QColor("white").rgb()
    ink = sum(1 for x in range(image.width()) for y in range(image.height()) if image.pixel(x, y) != white)
    assert ink > 50


def test_risk_cell_uses_the_models_colours(page):
    """A graded project's risk cell is filled with the background the model gives for its grade."""
    from ui.ledger.model import cell

    proxy = page.table.view.model()
    row = next(r for r in range(proxy.rowCount()) if proxy.row_at(r).get("risk_level"))
    column = index_of("risk_level")
    image, _rect = _cell_image(page, row, column)
    assert image.pixelColor(1, 1) == cell(proxy.row_at(row), column, int(Qt.BackgroundRole)).color()


def test_elide_cache_is_bounded_and_keeps_fitting_text():
    """Text that fits comes back unchanged, too-long text ends in …, and the cache never passes its size."""
    metrics = QFontMetricsF(QFont())
    cache = ElideCache(size=8)
    text, width = cache.elided(metrics, "f", "联合村", 500)
    assert text == "联合村" and width == metrics.horizontalAdvance("联合村")
    short, short_width = cache.elided(metrics, "f", "小中甸镇联合村乡村旅游建设项目", 40)
    assert short.endswith("…") and short_width <= 40
    for i in range(50):
        cache.elided(metrics, "f", f"项目{i}", 100)
    assert len(cache) == 8
    assert cache.elided(metrics, "f", "项目49", 100)[0] == "项目49"


def test_a_new_palette_or_font_is_followed(page):
    """After the view's palette and font change, the delegate still paints what Qt's delegate paints."""
    view = page.table.view
    view.selectRow(2)
    ours = view.itemDelegate()
    view.viewport().repaint()  # colours and metrics of the old look are cached now
    palette = view.palette()
    palette.setColor(QPalette.Highlight, QColor("#aa2222"))
    palette.setColor(QPalette.Text, QColor("#224488"))
    view.setPalette(palette)
    font = view.font()
    font.setPointSizeF(font.pointSizeF() + 2)
    view.setFont(font)
    QApplication.processEvents()
    mine = _settled_image(view, ours)
    theirs = _settled_image(view, QStyledItemDelegate(view))
    assert mine == theirs


def _settled_image(view, delegate) -> QImage:
    """The viewport once the new font's layout has settled (a taller header resizes the viewport, and the name
    column is fitted again from a zero-delay timer), so both delegates are compared on the same geometry."""
    image = _viewport_image(view, delegate)
    for _ in range(10):
        again = _viewport_image(view, delegate)
        if again == image:
            break
        image = again
    return image
