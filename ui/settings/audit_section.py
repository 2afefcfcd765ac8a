"""审计记录: who changed what and when, filtered by project, user, dates and kind of record; whether the
change log's hash chain is intact; and the Excel export for auditors (ID and phone numbers masked).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QGridLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop.audit.labels import OP_LABELS, TABLE_LABELS

COLUMNS = [("at", "时间"), ("user", "操作人"), ("project_code", "项目编号"), ("table_label", "记录"), ("op_label", "操作"),
           ("field_label", "字段"), ("old", "原值"), ("new", "新值")]
LIMIT = 500


def create_section(ctx):
    return AuditSection(ctx)


class AuditSection(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.project = QLineEdit()
        self.project.setPlaceholderText(self.tr("项目编号，如 2020-102-001"))
        self.user = QComboBox()
        self.user.setEditable(True)
        self.since = QLineEdit()
        self.since.setPlaceholderText("2020-01-01")
        self.until = QLineEdit()
        self.until.setPlaceholderText("2020-12-31")
        self.kind = QComboBox()
        self.kind.addItem(self.tr("全部"), None)
        for key, label in TABLE_LABELS.items():
            self.kind.addItem(label, key)
        self.op = QComboBox()
        self.op.addItem(self.tr("全部"), None)
        for key, label in OP_LABELS.items():
            self.op.addItem(label, key)
        self.search_button = QPushButton(self.tr("查询"))
        self.export_button = QPushButton(self.tr("导出 Excel…"))
        self.search_button.clicked.connect(self.search)
        self.export_button.clicked.connect(self.choose_export)
        grid = QGridLayout()
        for i, (label, w) in enumerate(((self.tr("项目"), self.project), (self.tr("操作人"), self.user),
                                        (self.tr("从"), self.since), (self.tr("到"), self.until),
                                        (self.tr("记录"), self.kind), (self.tr("操作"), self.op))):
            grid.addWidget(QLabel(label), i // 3, (i % 3) * 2)
            grid.addWidget(w, i // 3, (i % 3) * 2 + 1)
        grid.addWidget(self.search_button, 0, 6)
        grid.addWidget(self.export_button, 1, 6)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.chain = QLabel()
        self.chain.setObjectName("auditChain")
        self.chain.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for _, h in COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setColumnWidth(0, 150)
        lay = QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addWidget(self.chain)
        lay.addWidget(self.status)
        lay.addWidget(self.table, 1)
        self.ctx.query(self._load_users, title=self.tr("读取操作人"), on_done=self._users, show_progress=False, parent=self)
        self.check_chain()
        self.search()

    @staticmethod
    def _load_users(app):
        from desktop.audit.query import users_in_log

        return users_in_log(app)

    def _users(self, names: list[str]) -> None:
        current = self.user.currentText()
        self.user.clear()
        self.user.addItem("")
        self.user.addItems(names)
        self.user.setCurrentText(current)

    def filters(self) -> dict:
        return {"project": self.project.text().strip() or None, "user": self.user.currentText().strip() or None,
                "since": self.since.text().strip() or None, "until": self.until.text().strip() or None,
                "table": self.kind.currentData(), "op": self.op.currentData()}

    def check_chain(self) -> None:
        def run(app):
            from desktop.audit.chain import check_all
            from desktop.core.verify import check_change_chain

            return check_change_chain(app) + check_all(app)

        def show(problems):
            if problems:
                self.chain.setText(self.tr("变更记录检查未通过：") + "；".join(problems))
                self.chain.setStyleSheet("color: #b00020; font-weight: bold;")
            else:
                self.chain.setText(self.tr("变更记录检查通过：没有发现改动或删除。"))
                self.chain.setStyleSheet("color: #1b5e20;")
        self.ctx.query(run, title=self.tr("检查变更记录"), on_done=show, show_progress=False, parent=self)

    def search(self) -> None:
        from desktop.audit.query import list_changes

        f = self.filters()
        self.ctx.query(lambda app: list_changes(app, limit=LIMIT, **f), title=self.tr("查询变更记录"),
                     on_done=self._show, parent=self)

    def _show(self, rows: list[dict]) -> None:
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            for j, (key, _) in enumerate(COLUMNS):
                self.table.setItem(i, j, QTableWidgetItem("" if r.get(key) is None else str(r[key])))
        more = self.tr("（只显示最新的 {0} 条，导出 Excel 可得到全部）").format(LIMIT) if len(rows) >= LIMIT else ""
        self.status.setText(self.tr("共 {0} 条").format(len(rows)) + more)

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出审计记录"), str(Path.home() / "变更记录.xlsx"),
                                              self.tr("Excel 文件 (*.xlsx)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        from desktop.audit.export import export_changes

        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        actor = getattr(self.ctx, "account", None) or {"username": self.ctx.user_name, "role": "reviewer"}
        f = self.filters()
        self.ctx.mutate(lambda app: export_changes(app, actor, path, **f), initiator=self, title=self.tr("导出审计记录"),
                     on_done=lambda r: self.status.setText(self.tr("已导出 {0} 条到 {1}").format(r["rows"], r["file"])),
                     parent=self)
