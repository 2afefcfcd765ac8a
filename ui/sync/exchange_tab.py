"""导出 / 导入: make a package for a peer (progress, cancel, open folder) and take one in
(file dialog, folder, or a file dropped on the page), always through the preview first."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSpinBox,
    QVBoxLayout, QWidget,
)

from desktop.sync import service
from desktop.sync.errors import Cancelled as ExportCancelled
from ui.sync.preview_dialog import PreviewDialog


class ExchangeTab(QWidget):
    sig_imported = Signal(dict)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.last_export: dict | None = None
        self.preview_dialog: PreviewDialog | None = None
        self.summary = QLabel(objectName="sync_summary", wordWrap=True)
        self.summary.setStyleSheet("background:#eef4fb; padding:8px; border-radius:4px;")
        self.peer = QComboBox(objectName="sync_peer")
        self.peer.setMaximumWidth(420)
        self.full = QCheckBox(self.tr("完整包（对方重装电脑或从备份恢复后使用）"), objectName="sync_full")
        self.split = QSpinBox(objectName="sync_split")
        self.split.setRange(0, 4096)
        self.split.setSpecialValueText(self.tr("不分卷"))
        self.split.setSuffix(" MB")
        self.split.setMaximumWidth(160)
        self.export_btn = QPushButton(self.tr("导出同步包…"), objectName="sync_export")
        self.export_btn.clicked.connect(self.choose_export)
        self.export_status = QLabel(objectName="sync_export_status", wordWrap=True)
        self.open_folder = QPushButton(self.tr("打开所在文件夹"), objectName="sync_open_folder", enabled=False)
        self.open_folder.clicked.connect(self._open_folder)
        box = QGroupBox(self.tr("发出：导出同步包"))
        form = QFormLayout(box)
        form.addRow(self.tr("发给："), self.peer)
        form.addRow("", self.full)
        form.addRow(self.tr("分卷大小："), self.split)
        row = QHBoxLayout()
        row.addWidget(self.export_btn)
        row.addWidget(self.open_folder)
        row.addStretch(1)
        form.addRow(row)
        form.addRow(self.export_status)

        self.import_btn = QPushButton(self.tr("导入同步包…"), objectName="sync_import")
        self.import_btn.clicked.connect(self.choose_import)
        self.folder_btn = QPushButton(self.tr("导入文件夹中的全部同步包…"), objectName="sync_import_folder")
        self.folder_btn.clicked.connect(self.choose_folder)
        self.import_status = QLabel(objectName="sync_import_status", wordWrap=True)
        drop = QLabel(self.tr("也可以把 .tdpkg 文件直接拖到本页面上。导入前会先显示将要发生的更改，确认后才写入，并自动备份。"),
                      wordWrap=True)
        drop.setStyleSheet("color:#555;")
        ibox = QGroupBox(self.tr("收到：导入同步包"))
        il = QVBoxLayout(ibox)
        irow = QHBoxLayout()
        irow.addWidget(self.import_btn)
        irow.addWidget(self.folder_btn)
        irow.addStretch(1)
        il.addLayout(irow)
        il.addWidget(drop)
        il.addWidget(self.import_status)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(box)
        lay.addWidget(ibox)
        lay.addStretch(1)

    # -- peers ---------------------------------------------------------------------------
    def set_peers(self, peers: list[dict]) -> None:
        current = self.peer.currentData()
        self.peer.clear()
        for p in peers:
            self.peer.addItem(f"{p['name']}（{p['region_code']}）", p["region_code"])
        if current is not None and self.peer.findData(current) >= 0:
            self.peer.setCurrentIndex(self.peer.findData(current))
        self.export_btn.setEnabled(bool(peers))
        if not peers:
            self.export_status.setText(self.tr("还没有登记对方节点：请先在“对方节点”页登记。"))

    def set_summary(self, peers: list[dict], history: list[dict], open_conflicts: int) -> None:
        """Per peer: the last package sent (acknowledged or not) and the last one received."""
        lines = []
        for p in peers:
            sent = next((h for h in history if h["peer_id"] == p["node_id"] and h["direction"] == "out"), None)
            got = next((h for h in history if h["peer_id"] == p["node_id"] and h["direction"] == "in"), None)
            text = f"<b>{p['name']}</b>："
            text += (self.tr("上次发出第 {0} 号（{1}，{2}）").format(
                sent["package_seq"], sent["at"][:16], self.tr("对方已确认") if sent["acknowledged"] else self.tr("对方尚未确认"))
                if sent else self.tr("还没有发过包"))
            text += "；" + (self.tr("上次收到第 {0} 号（{1}）").format(got["package_seq"], got["at"][:16])
                           if got else self.tr("还没有收到过包"))
            lines.append(text)
        if open_conflicts:
            lines.append(self.tr("<span style='color:#b35c00'>有 {0} 处冲突待处理（见“冲突”页）。</span>").format(open_conflicts))
        self.summary.setText("<br>".join(lines) or self.tr("还没有登记对方节点。"))

    # -- export --------------------------------------------------------------------------
    def choose_export(self) -> None:
        folder = self.ctx.value("sync/export_dir", str(self.ctx.app.layout.exports))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存同步包"), folder, self.tr("同步包 (*.tdpkg)"))
        if path:
            self.ctx.set_value("sync/export_dir", str(Path(path).parent))
            self.export_to(path)

    def export_to(self, path) -> None:
        peer, full, split = self.peer.currentData(), self.full.isChecked(), self.split.value() or None

        def op(app, progress, cancelled):
            out = service.export_package(app, path, peer=peer, full=full, split_mb=split, progress=progress,
                                         cancel=cancelled)
            return out

        self.export_status.setText(self.tr("正在导出…"))
        self.ctx.mutate(op, initiator=self, title=self.tr("导出同步包"), on_done=self._exported, on_error=self._export_failed,
                     cancellable=True, parent=self)

    def _exported(self, out: dict) -> None:
        self.last_export = out
        files = "、".join(Path(f).name for f in out["files"])
        self.export_status.setText(self.tr("已导出给 {0} 的第 {1} 号同步包：{2} 条更改，{3} 个附件，{4:.1f} MB。\n文件：{5}")
                                   .format(out["peer"]["name"], out["package_seq"], out["change_sets"],
                                           out["attachments"], out["bytes"] / 1048576, files))
        self.open_folder.setEnabled(True)

    def _export_failed(self, exc) -> bool:
        if isinstance(exc, ExportCancelled):
            self.export_status.setText(exc.message)
            return True
        self.export_status.setText("")
        return False

    def _open_folder(self) -> None:
        if self.last_export:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.last_export["files"][0]).parent)))

    # -- import --------------------------------------------------------------------------
    def choose_import(self) -> None:
        folder = self.ctx.value("sync/import_dir", str(Path.home()))
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择同步包"), folder, self.tr("同步包 (*.tdpkg)"))
        if path:
            self.ctx.set_value("sync/import_dir", str(Path(path).parent))
            self.preview(path)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择放同步包的文件夹"),
                                                  self.ctx.value("sync/import_dir", str(Path.home())))
        if folder:
            self.import_folder(folder)

    def preview(self, path) -> None:
        """Verify and dry-run; the dialog shows what would change and applies on confirmation."""
        self.import_status.setText(self.tr("正在检查 {0}…").format(Path(path).name))
        self.ctx.query(lambda app: service.preview(app, path), title=self.tr("检查同步包"),
                     on_done=lambda res: self._show_preview(path, res), on_error=self._import_failed, parent=self)

    def _show_preview(self, path, res: dict) -> None:
        if res["status"] == "already_imported":
            self.import_status.setText(res["message"])
            return
        self.import_status.setText(self.tr("请确认是否导入。"))
        self.preview_dialog = PreviewDialog(res, self)
        self.preview_dialog.accepted.connect(lambda: self.apply(path))
        self.preview_dialog.rejected.connect(lambda: self.import_status.setText(self.tr("已取消导入，未做任何更改。")))
        self.preview_dialog.open()

    def apply(self, path) -> None:
        def op(app, progress):
            return service.apply(app, path, progress=progress)

        self.ctx.mutate(op, initiator=self, title=self.tr("导入同步包"), on_done=self._imported, on_error=self._import_failed,
                     parent=self)

    def _imported(self, res: dict) -> None:
        self.import_status.setText(res.get("message") or "")
        self.sig_imported.emit(res)

    def import_folder(self, folder) -> None:
        def op(app, progress):
            return service.import_folder(app, folder, progress=progress)

        self.ctx.mutate(op, initiator=self, title=self.tr("导入文件夹中的同步包"), on_done=self._folder_done,
                     on_error=self._import_failed, parent=self)

    def _folder_done(self, res: dict) -> None:
        lines = [f"{Path(r['file']).name}：{r.get('message', '')}" for r in res["files"]]
        summary = self.tr("共 {0} 个文件：导入 {1}，以前导入过 {2}，旧包 {3}，拒绝 {4}。").format(
            len(res["files"]), res["applied"], res["already_imported"], res["outdated"], res["rejected"])
        if res["must_send_again"]:
            summary += self.tr("需要重新发送的：{0}。").format("、".join(res["must_send_again"]))
        self.import_status.setText("\n".join([summary, *lines]))
        self.sig_imported.emit(res)

    def _import_failed(self, exc) -> bool:
        message = getattr(exc, "message", None)
        self.import_status.setText(message or "")
        return False  # the runner shows the message box as well

    def handle_drop(self, paths: list[str]) -> None:
        packages = [p for p in paths if p.lower().endswith(".tdpkg") or Path(p).is_dir()]
        if not packages:
            self.import_status.setText(self.tr("拖入的不是同步包（.tdpkg）。"))
            return
        first = packages[0]
        self.import_folder(first) if Path(first).is_dir() else self.preview(first)
