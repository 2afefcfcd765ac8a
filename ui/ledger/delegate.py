"""Paints the ledger's cells with one drawText each, looking like Qt's default delegate.

Why: Qt's QStyledItemDelegate asks the model ~8 roles per cell (each a call into Python) and lays
every cell's text out with a QTextLayout to elide it; over the ~12 columns × ~28 rows in sight that
was most of a keystroke's repaint (35–50 ms at load 2 against ~18 ms for a plain drawText). This
delegate reads the row dict once, takes the display text the model caches per row, and draws it
with the model's alignment, risk colours and selection. Elided strings are kept per (text, width)
in a bounded LRU, so a repaint of the same rows measures no text twice. The one cell with keyboard
focus is left to Qt's delegate, so the focus frame is exactly the style's.
"""
from __future__ import annotations

from collections import OrderedDict

import math

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QFontMetricsF, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from ui.ledger.columns import index_of
from ui.ledger.model import _ALIGN, _DISPLAY, _RISK_BG, _RISK_FG, cell

_H_LEFT, _H_RIGHT, _H_CENTER = 0, 1, 2
_ALIGN_H = [_H_LEFT if a is None else (_H_RIGHT if a & Qt.AlignRight else _H_CENTER) for a in _ALIGN]
_SELECTED, _HAS_FOCUS, _ENABLED, _ACTIVE = (s.value for s in (QStyle.State_Selected, QStyle.State_HasFocus,
                                                              QStyle.State_Enabled, QStyle.State_Active))
_COLOUR_BITS = _SELECTED | _ENABLED | _ACTIVE  # the state bits a cell's colours depend on
_RISK = index_of("risk_level")  # the one column with colours of its own (model.cell's risk roles)
_LOOK_CHANGES = frozenset((QEvent.PaletteChange, QEvent.FontChange, QEvent.StyleChange, QEvent.ApplicationFontChange,
                           QEvent.ApplicationPaletteChange))
ELIDE_CACHE_SIZE = 4096  # (text, width) pairs: a few screens of cells, a few hundred KB at most


class ElideCache:
    """(elided text, its width) per (text, width, font); least recently used dropped beyond `size` entries."""

    def __init__(self, size: int = ELIDE_CACHE_SIZE):
        self.size = size
        self._items: OrderedDict = OrderedDict()

    def elided(self, metrics: QFontMetricsF, font_key: str, text: str, width: int) -> tuple[str, float]:
        key = (text, width, font_key)
        items = self._items
        hit = items.get(key)
        if hit is not None:
            items.move_to_end(key)
            return hit
        advance = metrics.horizontalAdvance(text)
        if advance > width:
            text = metrics.elidedText(text, Qt.ElideRight, width)
            advance = metrics.horizontalAdvance(text)
        hit = items[key] = (text, advance)
        if len(items) > self.size:
            items.popitem(last=False)
        return hit

    def __len__(self) -> int:
        return len(self._items)


class LedgerDelegate(QStyledItemDelegate):
    """Draws a LedgerProxy's cells from its row dicts (`row_at`), not through model.data().

    Text is placed as Qt's style places it (QCommonStyle's item text: a margin of the focus frame's
    width + 1 each side, the line box centred with integer rounding, the baseline at its ascent), so
    a cell looks the same as before, pixel for pixel.
    """

    def __init__(self, proxy, view):
        super().__init__(view)
        self._proxy = proxy
        self._margin = view.style().pixelMetric(QStyle.PM_FocusFrameHMargin, None, view) + 1
        self._font = None  # (metrics, key, ascent, line height) of the view's font
        self._colours: dict = {}  # state bits -> (selection brush or None, text colour) from the view's palette
        self.cache = ElideCache()
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        # cells take the view's palette and font: forget what was read from them when either changes
        if event.type() in _LOOK_CHANGES:
            self._font, self._colours = None, {}
        return False

    def _metrics(self, font):
        if self._font is None:
            metrics = QFontMetricsF(font)
            self._font = (metrics, font.key(), metrics.ascent(), math.ceil(metrics.ascent() + metrics.descent()))
        return self._font

    def _colour(self, palette, bits: int):
        """(selection brush or None, text colour) for a cell in this state, looked up once per palette."""
        group = (QPalette.Normal if bits & _ACTIVE else QPalette.Inactive) if bits & _ENABLED else QPalette.Disabled
        if bits & _SELECTED:
            hit = (palette.brush(group, QPalette.Highlight), palette.color(group, QPalette.HighlightedText))
        else:
            hit = (None, palette.color(group, QPalette.Text))
        self._colours[bits] = hit
        return hit

    def paint(self, painter, option, index) -> None:
        state = option.state.value
        if state & _HAS_FOCUS:  # one cell at most: Qt's own delegate draws the style's focus frame
            super().paint(painter, option, index)
            return
        c = index.column()
        proxy = self._proxy
        row = proxy._src.rows[proxy.shown[index.row()]]
        rect = option.rect
        bits = state & _COLOUR_BITS
        colours = self._colours.get(bits) or self._colour(option.palette, bits)
        selection, pen = colours
        if selection is not None:
            painter.fillRect(rect, selection)
        elif c == _RISK and row.get("risk_level"):
            painter.fillRect(rect, _RISK_BG[row["risk_level"]])
            pen = _RISK_FG[row["risk_level"]].color()
        cached = row.get("_display")
        text = cached[c] if cached is not None else None
        if text is None:
            text = cell(row, c, _DISPLAY)
        if not text:
            return
        metrics, font_key, ascent, line_height = self._font or self._metrics(option.font)
        m = self._margin
        x, y, w, h = rect.getRect()
        left, width = x + m, w - 2 * m
        text, advance = self.cache.elided(metrics, font_key, text, width)
        align = _ALIGN_H[c]
        x = left if align == _H_LEFT else (left + width - advance if align == _H_RIGHT else left + (width - advance) / 2)
        top = y + int((h - line_height) / 2)
        painter.setPen(pen)
        painter.drawText(QPointF(x, top + ascent), text)
