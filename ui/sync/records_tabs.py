"""收发记录 (packages sent and received) and 对方节点 (peers with fingerprints, enrollment)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QInputDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.sync import service
from ui.sync.common import STATUS_LABELS, fill, make_table


class HistoryTab(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.table = make_table([self.tr("时间"), self.tr("方向"), self.tr("对方"), self.tr("序号"), self.tr("状态"),
                                 self.tr("更改/新增"), self.tr("对方确认"), self.tr("文件")], "sync_history")
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)

    def set_rows(self, rows: list[dict]) -> None:
        out = []
        for r in rows:
            c = r.get("counts") or {}
            amount = c.get("change_sets") if r["direction"] == "out" else c.get("added", 0) + c.get("updated", 0)
            ack = {True: self.tr("已确认"), False: self.tr("未确认"), None: ""}[r["acknowledged"]]
            out.append([r["at"], self.tr("发出") if r["direction"] == "out" else self.tr("收到"), r["peer"],
                        r["package_seq"], STATUS_LABELS.get(r["status"], r["status"]), amount, ack,
                        Path(r["file"]).name if r.get("file") else ""])
        fill(self.table, out, rows)


class PeersTab(QWidget):
    sig_changed = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.me = QLabel(objectName="sync_my_fingerprint", wordWrap=True)
        self.me.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.table = make_table([self.tr("区划代码"), self.tr("名称"), self.tr("指纹"), self.tr("已发包数"),
                                 self.tr("最近收到")], "sync_peers")
        export = QPushButton(self.tr("导出本机身份文件…"), objectName="sync_export_identity")
        export.clicked.connect(self.choose_identity_out)
        add = QPushButton(self.tr("登记对方…"), objectName="sync_add_peer")
        add.clicked.connect(self.choose_peer_file)
        self.status = QLabel(objectName="sync_peers_status", wordWrap=True)
        row = QHBoxLayout()
        row.addWidget(export)
        row.addWidget(add)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.me)
        lay.addLayout(row)
        lay.addWidget(self.status)
        lay.addWidget(self.table, 1)

    def set_data(self, me: dict, peers: list[dict]) -> None:
        self.me.setText(self.tr("本机：{0}（{1}）  指纹：<b>{2}</b><br>登记时请与对方电话逐组核对指纹。").format(
            me["name"], me["region_code"], me["fingerprint"]))
        fill(self.table, [[p["region_code"], p["name"], p["fingerprint"], p["packages_sent"], p["last_received_at"] or ""]
                          for p in peers], peers)

    def choose_identity_out(self) -> None:
        default = str(Path.home() / f"{self.ctx.node_name}-身份.json")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存本机身份文件"), default, self.tr("身份文件 (*.json)"))
        if path:
            self.ctx.query(lambda app: service.export_identity(app, path), title=self.tr("导出身份文件"),
                         on_done=lambda me: self.status.setText(self.tr("已导出 {0}，指纹 {1}").format(path, me["fingerprint"])),
                         parent=self)

    def choose_peer_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择对方的身份文件"), str(Path.home()),
                                              self.tr("身份文件 (*.json)"))
        if not path:
            return
        fp, ok = QInputDialog.getText(self, self.tr("核对指纹"), self.tr("请输入对方电话里读出的指纹（8 组，每组 4 位）："))
        if ok:
            self.add_peer(path, fp)

    def add_peer(self, path, fingerprint: str) -> None:
        def op(app):
            return service.add_peer(app, path, fingerprint)

        def done(p):
            self.status.setText(self.tr("已登记 {0}（{1}）").format(p["name"], p["region_code"]))
            self.sig_changed.emit()

        def failed(exc):
            self.status.setText(getattr(exc, "message", ""))
            return False

        self.ctx.mutate(op, initiator=self, title=self.tr("登记对方"), on_done=done, on_error=failed, parent=self)
