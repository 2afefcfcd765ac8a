"""冲突: the list on top, the two values side by side below, and one button per side to keep it."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from desktop.sync import service
from ui.sync.common import fill, make_table, show_value


class ConflictsTab(QWidget):
    sig_resolved = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[dict] = []
        self.show_all = QCheckBox(self.tr("也显示已处理的"), objectName="sync_conflicts_all")
        self.show_all.toggled.connect(lambda _: self.sig_resolved.emit())
        self.table = make_table([self.tr("记录"), self.tr("字段"), self.tr("对方"), self.tr("当前采用"), self.tr("状态"),
                                 self.tr("发现时间")], "sync_conflicts")
        self.table.itemSelectionChanged.connect(self._selected)
        self.mine = QLabel(objectName="sync_mine", wordWrap=True, alignment=Qt.AlignTop)
        self.theirs = QLabel(objectName="sync_theirs", wordWrap=True, alignment=Qt.AlignTop)
        self.keep_mine = QPushButton(self.tr("保留本机的值"), objectName="sync_keep_mine", enabled=False)
        self.keep_theirs = QPushButton(self.tr("采用对方的值"), objectName="sync_keep_theirs", enabled=False)
        self.keep_mine.clicked.connect(lambda: self.resolve("mine"))
        self.keep_theirs.clicked.connect(lambda: self.resolve("theirs"))
        self.status = QLabel(objectName="sync_conflict_status", wordWrap=True)
        detail = QWidget()
        grid = QGridLayout(detail)
        for col, (title, label, button) in enumerate(((self.tr("本机的值"), self.mine, self.keep_mine),
                                                      (self.tr("对方的值"), self.theirs, self.keep_theirs))):
            box = QGroupBox(title)
            bl = QVBoxLayout(box)
            bl.addWidget(label, 1)
            bl.addWidget(button)
            grid.addWidget(box, 0, col)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.table)
        split.addWidget(detail)
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("两边都改过的字段：两边的值都已保留，当前按归属方的值显示。选定一条，决定保留哪一边；"
                                      "决定会在下次同步时告诉对方。"), wordWrap=True), 1)
        head.addWidget(self.show_all)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(split, 1)
        lay.addWidget(self.status)

    def set_rows(self, rows: list[dict]) -> None:
        self.rows = rows
        kept = {"mine": self.tr("本机的值"), "theirs": self.tr("对方的值")}
        fill(self.table, [[r["record"], r["field_label"], r["peer"], kept.get(r["kept"], r["kept"]),
                           self.tr("未处理") if r["status"] == "open" else self.tr("已处理"), r["created_at"]]
                          for r in rows], rows)
        self._selected()

    def current(self) -> dict | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) and self.table.selectedItems() else None

    def _selected(self) -> None:
        c = self.current()
        self.mine.setText(show_value(c["mine"]) if c else "")
        self.theirs.setText(show_value(c["theirs"]) if c else "")
        open_ = bool(c and c["status"] == "open")
        self.keep_mine.setEnabled(open_)
        self.keep_theirs.setEnabled(open_)

    def resolve(self, keep: str) -> None:
        c = self.current()
        if not c:
            return

        def op(app):
            return service.resolve_conflict(app, c["id"], keep)

        def done(r):
            self.status.setText(self.tr("已处理：{0} 的 {1} 采用{2}，下次同步时会通知对方。").format(
                r["record"], r["field_label"], self.tr("本机的值") if keep == "mine" else self.tr("对方的值")))
            self.sig_resolved.emit()

        self.ctx.mutate(op, initiator=self, title=self.tr("处理冲突"), on_done=done, parent=self)
