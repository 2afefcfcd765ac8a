"""What the ledger view shows: the rows of LedgerModel that pass the filters, and their totals.

Why not QSortFilterProxyModel: it asks Python `filterAcceptsRow` once per row on every keystroke
(50,000 calls, plus as many `rowCount` calls from Qt), which alone missed the 50 ms budget. Here a
keystroke is a few C-level passes (desktop.projects.search.Matcher.select), and typing on narrows
the previous result instead of searching every row again. The view is reset once per filter.
"""
from __future__ import annotations

from collections import deque
from itertools import compress, repeat
from operator import not_

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ui.ledger.columns import COLUMNS
from desktop.projects.char_index import one_character
from ui.ledger.model import _USED_ROLES, LedgerModel, cell

TOTAL_KEYS = [c.key for c in COLUMNS if c.total]


class LedgerProxy(QAbstractTableModel):
    """Row r of this model is row `shown[r]` of the source; sorting is the source's."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._src: LedgerModel | None = None
        self.shown: list[int] = []
        # search keys of the shown rows ("texts", "inits", "masks", "pairs"), parallel to `shown`, each made when a
        # narrowing keystroke first needs it
        self._lists: dict[str, list] = {}
        self._last = None  # (source generation, filter key, matcher) of the current result
        self._sums = None  # (source generation, totals of the shown rows): running totals, see totals()

    # -- source ----------------------------------------------------------------------------------
    def setSourceModel(self, model: LedgerModel) -> None:
        self._src = model
        model.modelReset.connect(self._source_reset)
        model.layoutChanged.connect(self._source_sorted)
        self._source_reset()

    def sourceModel(self) -> LedgerModel:
        return self._src

    def _source_reset(self) -> None:
        """New rows: show those the model flags (its flags survive a merge), until filters run again."""
        self._last = None
        self._sums = None
        self._show_flagged()

    def _source_sorted(self) -> None:
        self._show_flagged()

    def _show_flagged(self) -> None:
        src = self._src
        self.beginResetModel()
        self.shown = list(compress(range(len(src.rows)), src.accepted))
        self._lists = {}
        self.endResetModel()

    def _shown_list(self, name: str) -> list:
        """The model's list `name` (texts, inits, masks, pairs) for the shown rows only, made when first needed."""
        values = self._lists.get(name)
        if values is None:
            values = self._lists[name] = list(map(getattr(self._src, name).__getitem__, self.shown))
        return values

    # -- filtering --------------------------------------------------------------------------------
    def filter(self, matcher, check=None, check_key=None) -> None:
        """Show the rows passing `check(row)` (None = all) whose search key matches `matcher`.

        check_key identifies the non-search filters: when it and the source are unchanged and the
        query only grew, the previous result is narrowed instead of scanning every row. A query of
        one character with no other filter is looked up in the model's character index.
        """
        src = self._src
        last = self._last
        self._last = (src.generation, check_key, matcher)
        if check is None and (ch := one_character(matcher)) is not None:
            flags, sums = src.one_character(ch)
            self._set_shown(list(compress(range(len(src.rows)), flags)), flags)
            self._sums = (src.generation, dict(sums)) if sums is not None else None
            return
        narrowing = last is not None and last[0] == src.generation and last[1] == check_key \
            and matcher.narrows(last[2])
        before, sums = self.shown, self._sums
        # Narrowing searches the previous result's keys, made on first need; when that result is most
        # rows and no other filter applies, a pass over the model's own lists is cheaper and the same.
        wide = check is None and not self._lists and 2 * len(self.shown) > len(src.rows)
        if narrowing and not wide:
            indices, texts = self.shown, self._shown_list("texts")
            inits, masks, pairs = (self._shown_list("inits"), self._shown_list("masks"), self._shown_list("pairs")) \
                if matcher.uses_initials else (None, None, None)
        else:
            indices, texts, inits, masks, pairs = range(len(src.rows)), src.texts, src.inits, src.masks, src.pairs
            if check is not None:
                keep = list(map(check, src.rows))
                indices, texts, inits, masks, pairs = (list(compress(x, keep))
                                                       for x in (indices, texts, inits, masks, pairs))
        if matcher:
            indices = matcher.select_indices(indices, texts, inits, masks, pairs)
        elif narrowing:  # the same rows as before
            self._sums = sums
            return
        self._set_shown(list(indices))
        if narrowing and sums is not None and sums[0] == src.generation:
            self._narrow_sums(before, sums[1])

    def apply(self, accept) -> None:
        """Show the rows with `accept(row, key)` true (a full pass; `filter` is the fast path)."""
        src = self._src
        self._set_shown([i for i, (r, k) in enumerate(zip(src.rows, src.keys)) if accept(r, k)])
        self._last = None

    def _narrow_sums(self, before: list[int], sums: dict[str, int]) -> None:
        """Running totals: the previous totals less the rows this keystroke hid, when they are the fewer."""
        src = self._src
        if len(before) - len(self.shown) < len(self.shown):
            hidden = list(compress(before, map(not_, map(src.accepted.__getitem__, before))))
            self._sums = (src.generation, {key: sums[key] - sum(map(src.column_values(key).__getitem__, hidden))
                                           for key in TOTAL_KEYS})

    def _set_shown(self, indices: list[int], flags: bytes | None = None) -> None:
        """Show these source rows; `flags` (one 0/1 per source row) when the caller has them already."""
        src = self._src
        self._sums = None
        if flags is None:
            accepted = bytearray(len(src.rows))
            deque(map(accepted.__setitem__, indices, repeat(1)), maxlen=0)  # a loop in C
            flags = accepted
        self.beginResetModel()
        src.accepted, self.shown, self._lists = flags, indices, {}
        self.endResetModel()

    # -- reading ----------------------------------------------------------------------------------
    def row_at(self, row: int) -> dict:
        """The project dict shown in row `row` (the ledger's delegate paints from it)."""
        return self._src.rows[self.shown[row]]

    def visible_rows(self) -> list[dict]:
        return list(map(self._src.rows.__getitem__, self.shown))

    def totals(self) -> dict[str, int]:
        """Sums of the money and people columns over the shown rows (one C-level pass per column).

        When most rows are shown, the grand total less the hidden rows is the shorter sum; while the
        clerk types on, the previous totals less the rows the keystroke hid (running totals).
        """
        src, shown = self._src, self.shown
        if self._sums is not None and self._sums[0] == src.generation:
            return dict(self._sums[1])
        n = len(src.rows)
        if 2 * len(shown) <= n:
            sums = {key: sum(map(src.column_values(key).__getitem__, shown)) for key in TOTAL_KEYS}
        else:
            hidden = list(compress(range(n), map(not_, src.accepted)))
            sums = {key: src.column_total(key) - sum(map(src.column_values(key).__getitem__, hidden))
                    for key in TOTAL_KEYS}
        self._sums = (src.generation, sums)
        return dict(sums)

    def mapFromSource(self, index: QModelIndex) -> QModelIndex:
        try:
            return self.index(self.shown.index(index.row()), index.column())
        except ValueError:
            return QModelIndex()

    def mapToSource(self, index: QModelIndex) -> QModelIndex:
        if not index.isValid():
            return QModelIndex()
        return self._src.index(self.shown[index.row()], index.column())

    # -- Qt model API -----------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        return self._src.headerData(section, orientation, role)

    def data(self, index, role=Qt.DisplayRole):
        if role not in _USED_ROLES or not index.isValid():
            return None
        return cell(self._src.rows[self.shown[index.row()]], index.column(), role)

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        self._src.sort(column, order)
