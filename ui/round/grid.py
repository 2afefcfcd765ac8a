"""The round's grid: one row per active project, the period's cells typed as in a spreadsheet.

Enter moves down and Tab moves right (as in Excel/WPS); Ctrl+V pastes a block copied from Excel or
WPS into the input columns from the current cell on; every edited row is checked at once with
desktop.round.rules (the same rules the save applies) and the reason shown in the 检查 column.
The grid never touches the database: it is filled from round_rows() and hands back Entry objects.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QStyledItemDelegate, QTableWidget, QTableWidgetItem

from desktop.core.errors import UserError
from desktop.round.rules import Entry, judge
from desktop.values.money import amount_to_fen, fen_to_yuan_display

COLUMNS = ["项目编号", "项目名称", "上期进度(%)", "上期累计拨付(元)", "上期累计支出(元)", "下一节点",
           "本期工程进度(%)", "本期拨付(元)", "本期支出(元)", "形象进度/备注", "达到节点", "检查"]
WORKS, PAID, SPENT, NOTE, MILESTONE, CHECK = 6, 7, 8, 9, 10, 11
INPUTS = [WORKS, PAID, SPENT, NOTE]
FIXED_SHADE = QColor("#F2F2F2")
COLOURS = {"refused": QColor("#F4B6B6"), "changed": QColor("#FFF4C2"), "unchanged": QColor(Qt.transparent)}


class _EnterMovesDown(QStyledItemDelegate):
    """Enter in an open editor commits the cell and moves to the cell below, as a spreadsheet does."""

    def __init__(self, grid):
        super().__init__(grid)
        self.grid = grid

    def eventFilter(self, editor, event):
        keys = {Qt.Key_Return: self.grid.move_down, Qt.Key_Enter: self.grid.move_down}
        if event.type() == event.Type.KeyPress and event.key() in keys:
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
            keys[event.key()]()
            return True
        return super().eventFilter(editor, event)


def _works(text: str) -> int | None:
    text = text.strip().rstrip("%％")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise UserError(f"工程进度“{text}”不是数字，请填 0 到 100 的整数") from None
    if value != int(value):
        raise UserError(f"工程进度“{text}”请填整数百分比")
    return int(value)


def _fen(text: str, label: str) -> int | None:
    return amount_to_fen(text, "元", label) if text.strip() else None


class RoundGrid(QTableWidget):
    def __init__(self, parent=None):
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("round_grid")
        self.setHorizontalHeaderLabels(COLUMNS)
        self.setItemDelegate(_EnterMovesDown(self))
        self.setEditTriggers(QAbstractItemView.AnyKeyPressed | QAbstractItemView.DoubleClicked
                             | QAbstractItemView.EditKeyPressed)
        self.setTabKeyNavigation(True)  # Tab stays in the grid; moveCursor keeps it on the input cells
        self.figs: list[dict] = []
        self.verdicts: list = []
        self._filling = False
        self.itemChanged.connect(self._changed)
        for col, width in ((0, 110), (1, 220), (5, 150), (9, 180), (11, 260)):
            self.setColumnWidth(col, width)

    # -- filling -------------------------------------------------------------------------------
    def fill(self, figs: list[dict]) -> None:
        """Rows from desktop.round.active.round_rows, with what the period already holds in its cells."""
        self._filling = True
        self.figs = figs
        self.verdicts = [None] * len(figs)
        self.setRowCount(len(figs) + 1)
        for r, f in enumerate(figs):
            fixed = [f["code"], f["name"], "" if f["works_prev"] is None else str(f["works_prev"]),
                     fen_to_yuan_display(f["paid_before"]), fen_to_yuan_display(f["spent_before"]),
                     f["next_milestone"] or "—"]
            typed = ["" if f["works_now"] is None else str(f["works_now"]),
                     fen_to_yuan_display(f["paid_period"]) if f["paid_period"] else "",
                     fen_to_yuan_display(f["spent_period"]) if f["spent_period"] else "", f["note"] or ""]
            for c, text in enumerate(fixed):
                self.setItem(r, c, self._fixed(text))
            for c, text in zip(INPUTS, typed):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, text)  # what the database holds: unchanged unless edited
                self.setItem(r, c, item)
            box = QTableWidgetItem(f["reached"] or "")
            box.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable | (Qt.ItemIsUserCheckable if f["next_milestone_id"]
                                                                   else Qt.NoItemFlags))
            if f["next_milestone_id"]:
                box.setCheckState(Qt.Unchecked)
            self.setItem(r, MILESTONE, box)
            self.setItem(r, CHECK, self._fixed(""))
        for c in range(len(COLUMNS)):
            self.setItem(len(figs), c, self._fixed("合计" if c == 1 else ""))
        self._filling = False
        self._totals()

    @staticmethod
    def _fixed(text: str) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable)
        item.setBackground(QBrush(FIXED_SHADE))  # grey: read only; the white cells are the ones to type
        return item

    # -- keyboard and paste ----------------------------------------------------------------
    def move_down(self) -> None:
        r, c = self.currentRow(), self.currentColumn()
        if r + 1 < len(self.figs):
            self.setCurrentCell(r + 1, c)

    def moveCursor(self, action, modifiers):
        """Tab / Shift+Tab (typing or not) go to the next / previous input cell, wrapping across rows."""
        if action in (QAbstractItemView.MoveNext, QAbstractItemView.MovePrevious) and self.figs:
            r, c = self._across(1 if action == QAbstractItemView.MoveNext else -1)
            return self.model().index(r, c)
        return super().moveCursor(action, modifiers)

    def _across(self, step: int) -> tuple[int, int]:
        stops = [(r, c) for r in range(len(self.figs)) for c in INPUTS]
        here = (self.currentRow(), self.currentColumn())
        if here in stops:
            k = (stops.index(here) + step) % len(stops)
        else:
            k = next((i for i, s in enumerate(stops) if s > here), 0) if step > 0 else \
                max((i for i, s in enumerate(stops) if s < here), default=len(stops) - 1)
        return stops[k]

    def keyPressEvent(self, event):
        if event.matches(QKeySequence.Paste):
            self.paste_text(QApplication.clipboard().text())
            return
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and self.state() != QAbstractItemView.EditingState:
            self.move_down()
            return
        if event.key() in (Qt.Key_Delete, Qt.Key_Backspace) and self.state() != QAbstractItemView.EditingState:
            for item in self.selectedItems():
                if item.column() in INPUTS and item.row() < len(self.figs):
                    item.setText("")
            return
        super().keyPressEvent(event)

    def paste_text(self, text: str) -> int:
        """Paste a tab-separated block (Excel/WPS copy) from the current cell; returns cells written."""
        lines = [ln for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        while lines and not lines[-1].strip():
            lines.pop()
        r0 = max(self.currentRow(), 0)
        c0 = self.currentColumn() if self.currentColumn() in INPUTS else WORKS
        cols = INPUTS[INPUTS.index(c0):]
        written = 0
        for dr, line in enumerate(lines):
            if r0 + dr >= len(self.figs):
                break
            for col, value in zip(cols, line.split("\t")):
                self.item(r0 + dr, col).setText(value.strip())
                written += 1
        return written

    # -- checking --------------------------------------------------------------------------
    def entry(self, r: int) -> Entry:
        """The row as typed; a cell left as loaded counts as not typed. Raises UserError for a bad cell."""
        def typed(c):
            item = self.item(r, c)
            return None if item.text() == item.data(Qt.UserRole) else item.text()

        works, paid, spent, note = (typed(c) for c in INPUTS)
        box = self.item(r, MILESTONE)
        return Entry(self.figs[r]["code"], works=None if works is None else _works(works),
                     paid=None if paid is None else _fen(paid, "本期拨付"),
                     spent=None if spent is None else _fen(spent, "本期支出"), note=note,
                     milestone=bool(box.flags() & Qt.ItemIsUserCheckable) and box.checkState() == Qt.Checked)

    def _changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.row() >= len(self.figs) or item.column() not in INPUTS + [MILESTONE]:
            return
        self.check_row(item.row())
        self._totals()

    def check_row(self, r: int):
        try:
            v = judge(self.figs[r], self.entry(r))
        except UserError as e:
            from desktop.round.rules import Verdict

            v = Verdict("refused", e.message)
        self.verdicts[r] = v
        self._filling = True
        self.item(r, CHECK).setText(v.reason or ("将保存" if v.status == "changed" else ""))
        for c in INPUTS + [CHECK]:
            self.item(r, c).setBackground(QBrush(COLOURS[v.status]))
            self.item(r, c).setToolTip(v.reason)
        self._filling = False
        return v

    def _totals(self) -> None:
        last = len(self.figs)
        if self.item(last, PAID) is None:
            return
        sums = {PAID: 0, SPENT: 0}
        for r in range(last):
            for c in sums:
                try:
                    sums[c] += _fen(self.item(r, c).text(), "") or 0
                except UserError:
                    pass
        self._filling = True
        self.item(last, 3).setText(fen_to_yuan_display(sum(f["paid_before"] for f in self.figs)))
        self.item(last, 4).setText(fen_to_yuan_display(sum(f["spent_before"] for f in self.figs)))
        for c, total in sums.items():
            self.item(last, c).setText(fen_to_yuan_display(total))
        self._filling = False
        self._fit_amounts()

    def _fit_amounts(self) -> None:
        """Amount columns wide enough for their widest figure (the 合计 row's), so no total shows as "12,3…"."""
        for c in (3, 4, PAID, SPENT):
            needed = self.sizeHintForColumn(c) + 16
            header = self.horizontalHeader().sectionSizeFromContents(c).width()
            if self.columnWidth(c) < max(needed, header):
                self.setColumnWidth(c, max(needed, header))

    def dirty(self) -> bool:
        """Anything typed (or a milestone ticked) that is not stored yet."""
        for r in range(len(self.figs)):
            if any(self.item(r, c).text() != self.item(r, c).data(Qt.UserRole) for c in INPUTS):
                return True
            if self.item(r, MILESTONE).checkState() == Qt.Checked:
                return True
        return False

    def pending(self) -> tuple[list[Entry], list[str]]:
        """(entries to save, reasons of refused rows) over every row that differs from what is stored."""
        entries, problems = [], []
        for r, f in enumerate(self.figs):
            v = self.check_row(r)
            if v.status == "refused":
                problems.append(f"{f['code']} {f['name']}：{v.reason}")
            elif v.status == "changed":
                entries.append(self.entry(r))
        return entries, problems
