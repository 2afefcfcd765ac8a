"""Ledger table model (every row, sorted in its own lists) and the totals row.

Why sort in the model's own Python lists: at 50,000 rows, a proxy comparing rows through Python
callbacks takes seconds to sort; sorting a key list takes tens of milliseconds. Filtering is
ui.ledger.proxy's job. Each row's search key (text + pinyin initials) is computed once, on the worker.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush

from desktop.projects.char_index import flags_for
from desktop.projects.search import initials, initials_mask, pair_mask
from desktop.terms.words import in_force
from ui.ledger.columns import COLUMNS, header
from ui.widgets.display import RISK_BACKGROUNDS, RISK_COLORS, RISK_TEXT, pct, wan

CODE_ROLE = Qt.UserRole + 1
ROW_ROLE = Qt.UserRole + 2
_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)
_CENTER = int(Qt.AlignCenter)


_USED_ROLES = frozenset(int(r) for r in (Qt.DisplayRole, Qt.TextAlignmentRole, Qt.ForegroundRole, Qt.BackgroundRole,
                                         Qt.ToolTipRole, CODE_ROLE, ROW_ROLE))
_ALIGN = [_RIGHT if c.kind in ("money", "int", "pct") else
          (_CENTER if c.kind == "risk" or c.key in ("year", "stage_label") else None) for c in COLUMNS]
_DISPLAY, _ALIGNMENT, _FOREGROUND, _BACKGROUND, _TOOLTIP = (int(r) for r in (
    Qt.DisplayRole, Qt.TextAlignmentRole, Qt.ForegroundRole, Qt.BackgroundRole, Qt.ToolTipRole))
_RISK_FG = {k: QBrush(v) for k, v in RISK_COLORS.items()}
_RISK_BG = {k: QBrush(v) for k, v in RISK_BACKGROUNDS.items()}


def display(col, value) -> str:
    if col.kind == "money":
        return wan(value)
    if col.kind == "pct":
        return pct(value)
    if col.kind == "risk":
        return RISK_TEXT.get(value or "", "—")
    if value is None:
        return ""
    return str(value)


def _sort_key(col, value):
    if col.kind in ("money", "int", "pct"):
        return value or 0
    if col.kind == "risk":
        return {"red": 0, "yellow": 1, "green": 2}.get(value or "", 3)
    text = "" if value is None else str(value)
    if text and not text.isascii():  # Chinese in pinyin order (安南村 < 和平村 < 联合村), as clerks expect
        return initials(text) + "\u0000" + text
    return text


class LedgerModel(QAbstractTableModel):
    """Every live project, in the current sort order; `accepted[i]` says whether row i is shown.

    The view does not show this model but LedgerProxy, which lists only the accepted rows.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[dict] = []
        self.keys: list[tuple[str, str]] = []
        self.texts: list[str] = []  # the search keys split in two parallel lists, for Matcher.select
        self.inits: list[str] = []
        self.masks: list[int] = []  # letters each row's initials can show (search.initials_mask)
        self.pairs: list[int] = []  # neighbouring letter pairs each row's initials can show (search.pair_mask)
        self.accepted: list[bool] | bytes = []  # one truth value per row (LedgerProxy keeps bytes of 0/1)
        self.sort_column, self.sort_order = -1, Qt.AscendingOrder
        self.generation = 0  # bumped whenever rows change, so a proxy never narrows stale results
        self.layout = 0  # bumped whenever rows change or move (sorts too): stamps work done off the UI thread
        self._columns: dict[str, list] = {}
        self._grand: dict[str, int] = {}
        # desktop.projects.char_index: {character: (flags in load order, totals)}, made on the worker;
        # _index_order[i] is the load position of row i (None: rows still in load order)
        self._char_index: dict = {}
        self._index_order: list[int] | None = None
        self._flags_now: dict = {}  # indexed characters' flags put in the current order, until the next sort
        self._headers: dict[int, str] = {}
        self._header_terms = None

    # -- loading -----------------------------------------------------------------------------
    def set_rows(self, rows: list[dict], keys: list[tuple[str, str]], masks: list[int] | None = None,
                 char_index: dict | None = None, pairs: list[int] | None = None) -> None:
        self.beginResetModel()
        self._char_index, self._index_order, self._flags_now = char_index or {}, None, {}
        self.rows, self.keys = rows, keys or [("", "")] * len(rows)
        self._split_keys()
        self.masks = masks if masks is not None and len(masks) == len(rows) else \
            [initials_mask(k[1]) for k in self.keys]
        self.pairs = pairs if pairs is not None and len(pairs) == len(rows) else list(map(pair_mask, self.inits))
        self._index_columns()
        self.accepted = [True] * len(rows)
        if self.sort_column >= 0:
            self._sort_lists(self.sort_column, self.sort_order)
        self.generation += 1
        self.layout += 1
        self.endResetModel()

    def merge_rows(self, codes: set[str], rows: list[dict], keys: list[tuple[str, str]]) -> None:
        """Replace the rows of `codes` with fresh ones (absent = deleted or renamed), keep the rest.

        Kept rows keep their initials masks; only the fresh rows' are computed."""
        fresh = {r["code"]: (r, k) for r, k in zip(rows, keys)}
        self.beginResetModel()
        kept = []  # (row, key, accepted, mask, pairs), mask None for a fresh row
        for r, k, f, m, p in zip(self.rows, self.keys, self.accepted, self.masks, self.pairs):
            if r["code"] not in codes:
                kept.append((r, k, f, m, p))
            elif r["code"] in fresh:
                nr, nk = fresh.pop(r["code"])
                kept.append((nr, nk, f, None, None))
        # new projects (or a new code) go first, where the clerk looks
        kept[:0] = [(nr, nk, True, None, None) for nr, nk in fresh.values()]
        self.rows = [x[0] for x in kept]
        self.keys = [x[1] for x in kept]
        self.accepted = [x[2] for x in kept]
        self.masks = [initials_mask(x[1][1]) if x[3] is None else x[3] for x in kept]
        self.pairs = [pair_mask(x[1][1]) if x[4] is None else x[4] for x in kept]
        # rows changed: the index of the last load no longer describes them (one pass per keystroke until
        # the page has a new one built on the worker: install_char_index)
        self._char_index, self._index_order, self._flags_now = {}, None, {}
        self._split_keys()
        self._index_columns()
        if self.sort_column >= 0:
            self._sort_lists(self.sort_column, self.sort_order)
        self.generation += 1
        self.layout += 1
        self.endResetModel()

    def _split_keys(self) -> None:
        self.texts = [k[0] for k in self.keys]
        self.inits = [k[1] for k in self.keys]

    def row_of_code(self, code: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r["code"] == code), -1)

    # -- Qt model API --------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        # Qt asks ~10 roles of every section whenever the view resets (each keystroke): answer from a
        # cache of the titles, made again when the terms in force (建档立卡户 …) change
        if orientation != Qt.Horizontal:
            return None
        if role == _DISPLAY:
            terms = in_force()
            if self._header_terms is not terms:
                self._headers, self._header_terms = {}, terms
            text = self._headers.get(section)
            if text is None:
                text = self._headers[section] = header(COLUMNS[section])
            return text
        return _CENTER if role == _ALIGNMENT else None

    def data(self, index, role=Qt.DisplayRole):
        if role not in _USED_ROLES or not index.isValid():
            return None
        return cell(self.rows[index.row()], index.column(), role)

    # -- sorting (in the model's lists) ------------------------------------------------------
    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        old_ids = [self.rows[i.row()]["id"] for i in old_persistent]
        self._sort_lists(column, order)
        pos = {r["id"]: i for i, r in enumerate(self.rows)} if old_ids else {}
        self.changePersistentIndexList(old_persistent, [self.index(pos[rid], i.column())
                                                        for rid, i in zip(old_ids, old_persistent)])
        self.layoutChanged.emit()

    def _sort_lists(self, column: int, order) -> None:
        col = COLUMNS[column]
        order_idx = sorted(range(len(self.rows)), key=lambda i: _sort_key(col, self.rows[i].get(col.key)),
                           reverse=order == Qt.DescendingOrder)
        self.rows = [self.rows[i] for i in order_idx]
        self.keys = [self.keys[i] for i in order_idx]
        self.texts = [self.texts[i] for i in order_idx]
        self.inits = [self.inits[i] for i in order_idx]
        self.masks = [self.masks[i] for i in order_idx]
        self.pairs = [self.pairs[i] for i in order_idx]
        self.accepted = [self.accepted[i] for i in order_idx]
        if self._char_index:
            order = self._index_order
            self._index_order = order_idx if order is None else [order[i] for i in order_idx]
            self._flags_now = {}
        self.sort_column, self.sort_order = column, order
        self.layout += 1
        # the same rows in a new order: a narrowed search and the grand totals stay valid
        self._columns = {k: [v[i] for i in order_idx] for k, v in self._columns.items()}

    def index_inputs(self) -> tuple:
        """(stamp, texts, masks, totalled columns) for building the character index on the worker after a merge.

        The lists are never changed in place (sorts and merges make new ones), so the worker may read them."""
        return (self.generation, self.layout), self.texts, self.masks, \
            {c.key: self.column_values(c.key) for c in COLUMNS if c.total}

    def install_char_index(self, index: dict, stamp: tuple) -> bool:
        """Take an index built from index_inputs(), unless the rows changed or moved since (then it is stale)."""
        if stamp != (self.generation, self.layout) or self._char_index:
            return False
        self._char_index, self._index_order, self._flags_now = index, None, {}
        return True

    def one_character(self, ch: str) -> tuple[bytes, dict | None]:
        """(one 0/1 per row in the current order, totals of those rows or None) for a one-character search.

        An indexed character is a lookup (put in the current order once per sort); any other is one pass.
        """
        hit = self._flags_now.get(ch)
        if hit is not None:
            return hit
        entry = self._char_index.get(ch)
        if entry is None:
            return flags_for(ch, self.texts, self.masks), None
        flags, sums = entry
        if self._index_order is not None:
            flags = bytes(map(flags.__getitem__, self._index_order))
        hit = self._flags_now[ch] = (flags, sums)
        return hit

    def _index_columns(self) -> None:
        """The totalled columns as lists (None as 0), made when rows load, not on the first keystroke."""
        self._columns = {c.key: [r.get(c.key) or 0 for r in self.rows] for c in COLUMNS if c.total}
        self._grand = {k: sum(v) for k, v in self._columns.items()}

    def column_values(self, key: str) -> list:
        """One column as a list (None as 0) in row order."""
        values = self._columns.get(key)
        if values is None:
            values = self._columns[key] = [r.get(key) or 0 for r in self.rows]
            self._grand[key] = sum(values)
        return values

    def column_total(self, key: str) -> int:
        """The sum of a column over every row."""
        self.column_values(key)
        return self._grand[key]


def cell(row: dict, c: int, role: int):
    """What the table shows in column c of a project row for one role (display text cached per row)."""
    col = COLUMNS[c]
    if role == _DISPLAY:
        cache = row.get("_display")
        if cache is None:
            cache = row["_display"] = [None] * len(COLUMNS)
        text = cache[c]
        if text is None:
            text = cache[c] = display(col, row.get(col.key))
        return text
    if role == _ALIGNMENT:
        return _ALIGN[c]
    if col.kind == "risk" and row.get("risk_level"):
        if role == _FOREGROUND:
            return _RISK_FG[row["risk_level"]]
        if role == _BACKGROUND:
            return _RISK_BG[row["risk_level"]]
    if role == _TOOLTIP and col.key == "name":
        return f"{row['code']} {row['name']}\n{row.get('township') or ''} {row.get('village') or ''}"
    if role == CODE_ROLE:
        return row["code"]
    if role == ROW_ROLE:
        return row
    return None
