"""工作台目标: the milestone targets the dashboard chart measures against (e.g. 6-30 50%)."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop.core import changes
from desktop.core.errors import UserError
from desktop.projects import dashboard
from ui.core.refresh import follow

HEADERS = ("日期（月-日）", "工程进度目标(%)", "资金拨付目标(%)")


def create_section(ctx):
    return TargetsSection(ctx)


class TargetsSection(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("targets_table")
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        add = QPushButton(self.tr("添加一行"))
        add.clicked.connect(lambda: self.table.insertRow(self.table.rowCount()))
        remove = QPushButton(self.tr("删除所选行"))
        remove.clicked.connect(lambda: self.table.removeRow(self.table.currentRow()))
        save = QPushButton(self.tr("保存目标"))
        save.setObjectName("targets_save")
        save.clicked.connect(self.save)
        row = QHBoxLayout()
        for b in (add, remove):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(save)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("倒排工期的节点目标，例如 2020 年：6月30日完成 50%，8月30日 80%，10月30日 100%。")))
        lay.addWidget(self.table, 1)
        lay.addWidget(self.message)
        lay.addLayout(row)
        self.refresher = follow(self, ctx, changes.SETTINGS, self.load)
        self.load()

    def load(self) -> None:
        self.ctx.query(dashboard.get_targets, title=self.tr("读取目标"), on_done=self._show, parent=self,
                       show_progress=False)

    def _show(self, targets) -> None:
        self.table.setRowCount(len(targets))
        for r, values in enumerate(targets):
            for c, v in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(str(v)))

    def rows(self) -> list:
        out = []
        for r in range(self.table.rowCount()):
            cells = [(self.table.item(r, c).text().strip() if self.table.item(r, c) else "") for c in range(3)]
            if not any(cells):
                continue
            try:
                out.append((cells[0], int(cells[1]), int(cells[2])))
            except ValueError:
                raise UserError(self.tr("第 {0} 行的目标应为 0–100 的整数。").format(r + 1)) from None
        return out

    def save(self) -> None:
        try:
            rows = self.rows()
        except UserError as e:
            self._error(e)
            return

        def op(app):
            return dashboard.set_targets(app, rows)

        def done(targets):
            self._show(targets)
            self.message.setStyleSheet("color:#1e6b3a;")
            self.message.setText(self.tr("已保存。工作台的图表已按新目标刷新。"))
        self.ctx.mutate(op, initiator=self, title=self.tr("保存目标"), on_done=done, on_error=self._error, parent=self)

    def _error(self, exc) -> bool:
        if isinstance(exc, UserError):
            self.message.setStyleSheet("color:#a12b26;")
            self.message.setText(exc.message)
            return True
        return False
