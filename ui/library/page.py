"""项目库 page: projects by library state, with the decisions this side may take on the selected ones.

The township declares (申报), reviews (乡审核) and starts (实施) its projects; the county approves (县审定),
lists (入库) or returns (退回, with a reason) — several projects at once, all or none, as the service
decides. Who decided and when is shown for each project and, below, the selected project's history.
Every word (the library's name, the states) comes from the terms in force, read with the rows.
"""
from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop.core import changes
from desktop.library.states import STATE_ROLE
from ui.core.refresh import follow
from ui.library.data import load_library, load_history

COLUMNS = [("code", "项目编号"), ("name", "项目名称"), ("year", "年度"), ("township", "乡镇"),
           ("state_label", "项目库状态"), ("by", "办理人"), ("at", "办理时间"), ("reason", "退回理由")]
ACTIONS = ("declared", "town_reviewed", "implementing", "county_approved", "listed", "returned")


def create_page(ctx):
    return LibraryPage(ctx)


class LibraryPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.setObjectName("page_library")
        self.ctx = ctx
        self.rows: list[dict] = []
        self.title = QLabel()
        self.title.setObjectName("library_title")
        self.title.setStyleSheet("font-weight:bold;")
        self.state = QComboBox()
        self.state.setObjectName("library_state_filter")
        self.year = QComboBox()
        self.year.setObjectName("library_year_filter")
        for box in (self.state, self.year):
            box.currentIndexChanged.connect(lambda _i: self._fill())
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.year)
        top.addWidget(self.state)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("library_table")
        self.table.setHorizontalHeaderLabels([self.tr(h) for _, h in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)  # the county approves in batch
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.buttons: dict[str, QPushButton] = {}
        acts = QHBoxLayout()
        side = "county" if ctx.is_county else "township"
        for state in ACTIONS:
            if STATE_ROLE[state] != side:
                continue
            btn = QPushButton()
            btn.setObjectName(f"library_do_{state}")
            btn.clicked.connect(lambda _c=False, st=state: self.act(st))
            self.buttons[state] = btn
            acts.addWidget(btn)
        self.reason = QLineEdit()
        self.reason.setObjectName("library_reason")
        self.reason.setPlaceholderText(self.tr("退回理由（退回时必填，乡镇据此修改后重新申报）"))
        self.reason.setVisible("returned" in self.buttons)
        acts.addWidget(self.reason, 1)
        if "returned" not in self.buttons:
            acts.addStretch(1)
        self.message = QLabel()
        self.message.setObjectName("library_message")
        self.message.setWordWrap(True)
        self.message.setText(self.tr("选择一个或多个项目（按住 Ctrl 或 Shift 可多选）后办理；每次办理全部成功才保存。"))
        self.history = QLabel()
        self.history.setObjectName("library_history")
        self.history.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addLayout(acts)
        lay.addWidget(self.message)
        lay.addWidget(self.history)
        self.refresher = follow(self, ctx, changes.PROJECTS | changes.SETTINGS, self.refresh)
        self._selection_changed()
        self.refresh()

    # -- reading --------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.ctx.query(load_library, title=self.tr("读取项目库"), on_done=self._show, parent=self,
                       show_progress=False)

    def _show(self, data: dict) -> None:
        self.rows, self.words = data["rows"], data["states"]
        self.title.setText(data["title"])
        for state, btn in self.buttons.items():
            btn.setText(self.words[state])
        self._refill(self.state, self.tr("全部状态"),
                     [(self.tr("未纳入项目库"), "none"), *((w, c) for c, w in self.words.items())])
        self._refill(self.year, self.tr("全部年度"),
                     [(self.tr("{0} 年").format(y), y) for y in sorted({r["year"] for r in self.rows}, reverse=True)])
        self._fill()

    @staticmethod
    def _refill(box: QComboBox, everything: str, items) -> None:
        keep = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(everything, None)
        for text, data in items:
            box.addItem(text, data)
        i = box.findData(keep)
        box.setCurrentIndex(i if i >= 0 else 0)
        box.blockSignals(False)

    def shown_rows(self) -> list[dict]:
        state, year = self.state.currentData(), self.year.currentData()
        return [r for r in self.rows
                if (state is None or (r["state"] or "none") == state) and (year is None or r["year"] == year)]

    def _fill(self) -> None:
        selected = set(self.selected_codes())
        self.table.setRowCount(0)
        self.shown = self.shown_rows()
        self.table.setRowCount(len(self.shown))
        for r, row in enumerate(self.shown):
            for c, (key, _h) in enumerate(COLUMNS):
                value = row.get(key)
                self.table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
            if row["code"] in selected:
                self.table.selectRow(r)
        self.table.resizeColumnsToContents()

    def selected_codes(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        shown = getattr(self, "shown", [])
        return [shown[r]["code"] for r in rows if r < len(shown)]

    def _selection_changed(self) -> None:
        codes = self.selected_codes()
        for btn in self.buttons.values():
            btn.setEnabled(bool(codes))
        if len(codes) == 1:
            code = codes[0]
            self.ctx.query(lambda app: load_history(app, code), title=self.tr("读取项目库经过"),
                           on_done=self.history.setText, parent=self, show_progress=False)
        else:
            self.history.setText(self.tr("已选 {0} 个项目").format(len(codes)) if codes else "")

    # -- deciding -------------------------------------------------------------------------------
    def act(self, state: str) -> None:
        """Move the selected projects to `state` in one service call; a refusal is shown under the table."""
        from desktop.library import advance

        codes = self.selected_codes()
        reason = self.reason.text().strip() or None
        self.message.setText("")

        def done(result: list[dict]) -> None:
            self.message.setText(self.tr("已办理 {0} 个项目：{1}").format(
                len(result), "、".join(f"{r['code']}（{r['from']} → {r['to']}）" for r in result)))
            if state == "returned":
                self.reason.clear()
            self.refresh()  # our own change is not echoed back to the initiator

        def failed(exc) -> bool:
            from desktop.core.errors import UserError

            if isinstance(exc, UserError):
                self.message.setText(exc.message)
                return True
            return False

        self.ctx.mutate(lambda app: advance(app, codes, state, reason), initiator=self,
                        title=self.tr("项目库办理"), on_done=done, on_error=failed)
