"""备份: when the last backup was made (a warning when it is old), back up now (into the data folder
or one file to a USB stick), and the list of backups kept. Restoring is done with the program closed
(`towndesk restore FILE`), so this section only explains it.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)



def create_section(ctx):
    return BackupSection(ctx)


def status_text(status: dict) -> tuple[str, bool]:
    """(sentence, warn) for the status line: pure, so it is easy to test."""
    last = status.get("last")
    if last is None:
        return "还没有任何备份。请现在备份一次，并定期把备份文件拷到U盘保存。", True
    age = status.get("age_days") or 0
    when = "今天" if age == 0 else f"{age} 天前"
    text = f"最近一次备份：{last['created_at'][:16]}（{when}，{last['reason_label']}）。"
    if status.get("too_old"):
        return text + f"已超过 {status['warn_days']} 天没有备份，请现在备份。", True
    return text, False


class BackupSection(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("backupStatus")
        self.now_button = QPushButton(self.tr("立即备份"))
        self.now_button.setToolTip(self.tr("在数据文件夹的 backups 中保存一份数据库和附件的快照"))
        self.usb_button = QPushButton(self.tr("备份到文件（U盘）…"))
        self.usb_button.setToolTip(self.tr("把数据库和全部附件打包成一个 .zip 文件"))
        self.open_button = QPushButton(self.tr("打开备份文件夹"))
        self.now_button.clicked.connect(self.backup_now)
        self.usb_button.clicked.connect(self.backup_to_file)
        self.open_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(ctx.app.layout.backups))))
        buttons = QHBoxLayout()
        for b in (self.now_button, self.usb_button, self.open_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("时间"), self.tr("原因"), self.tr("大小(MB)"), self.tr("文件")])
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setColumnWidth(0, 150)
        help_text = QLabel(self.tr(
            "程序每天第一次登录后会自动备份一次，导入同步包、升级和恢复之前也会自动备份（各保留最近几份）。"
            "从备份恢复：关闭 TownDesk，在命令行运行 towndesk restore 备份文件；恢复前会先检查备份，并把当前数据另存一份。"))
        help_text.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.status)
        lay.addLayout(buttons)
        lay.addWidget(self.table, 1)
        lay.addWidget(help_text)
        self.refresh()

    def refresh(self) -> None:
        from desktop.backup import backup_status, list_backups

        def load(app):
            return backup_status(app), [b.as_dict() for b in list_backups(app.layout)]

        self.ctx.query(load, title=self.tr("读取备份列表"), on_done=self._show, show_progress=False, parent=self)

    def _show(self, result) -> None:
        status, rows = result
        text, warn = status_text(status)
        self.status.setText(self.tr(text))
        self.status.setStyleSheet("color: #b00020; font-weight: bold;" if warn else "")
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            for j, v in enumerate((r["created_at"], r["reason_label"], f"{r['size'] / 1e6:.1f}", Path(r["file"]).name)):
                self.table.setItem(i, j, QTableWidgetItem(v))

    def backup_now(self) -> None:
        from desktop.backup import make_backup

        def run(app):
            made = make_backup(app, "manual", app.user_name)
            return made.path.name if made else None

        self.ctx.mutate(run, initiator=self, title=self.tr("正在备份"), on_done=lambda _: self.refresh(), parent=self)

    def backup_to_file(self) -> None:
        from desktop.backup import archive

        suggested = str(Path.home() / archive.default_name(self.ctx.app))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("备份到文件"), suggested, self.tr("备份文件 (*.zip)"))
        if path:
            self.save_archive(Path(path))

    def save_archive(self, path: Path) -> None:
        from desktop.backup import archive

        if path.suffix.lower() != ".zip":
            path = path.with_suffix(".zip")

        def run(app):
            return archive.save_archive(app, path)

        self.ctx.mutate(run, initiator=self, title=self.tr("正在打包备份"), on_done=lambda _: self.refresh(), parent=self)
