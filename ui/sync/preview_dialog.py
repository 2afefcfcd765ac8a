"""The preview before an import: who sent it, what it will add/update per kind of record, conflicts, gaps."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from ui.sync.common import fill, make_table, table_label


class PreviewDialog(QDialog):
    """Shown with open() (not exec) so the window stays responsive; accepted → the page applies."""

    def __init__(self, result: dict, parent=None):
        super().__init__(parent)
        self.setObjectName("sync_preview")
        self.setWindowTitle(self.tr("导入前预览"))
        self.result = result
        s = result["sender"]
        head = QLabel(self.tr("来自 <b>{0}</b>（{1}）的第 {2} 号同步包，生成于 {3}。").format(
            s["name"], s["region_code"], result["package_seq"], (result.get("created_at") or "").replace("T", " ")))
        totals = QLabel(self.tr("将新增 {0} 条、更新 {1} 条记录；{2} 条不变；{3} 条以前已导入，跳过；冲突 {4} 处；附件 {5} 个。").format(
            result["added"], result["updated"], result["unchanged"], result["skipped"], result["conflicts"],
            result.get("files", 0)), objectName="sync_preview_totals", wordWrap=True)
        table = make_table([self.tr("记录"), self.tr("新增"), self.tr("更新"), self.tr("不变"), self.tr("冲突"),
                            self.tr("跳过")], "sync_preview_table")
        rows = [[table_label(t), c["added"], c["updated"], c["unchanged"], c["conflicts"], c["skipped"]]
                for t, c in result["per_table"].items()]
        fill(table, rows)
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addWidget(totals)
        lay.addWidget(table, 1)
        if result["conflicts"]:
            note = QLabel(self.tr("有 {0} 处两边都改过的字段：两边的值都会保留，按归属方的值显示，导入后请在“冲突”页处理。")
                          .format(result["conflicts"]), wordWrap=True)
            note.setStyleSheet("color:#b35c00;")
            lay.addWidget(note)
        if result.get("gap"):
            gap = QLabel(result["gap"]["message"], objectName="sync_preview_gap", wordWrap=True)
            gap.setStyleSheet("color:#c0392b;")
            lay.addWidget(gap)
        lay.addWidget(QLabel(self.tr("导入前会自动备份数据库；导入要么全部完成，要么完全不改动。"), wordWrap=True))
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("导入"), QDialogButtonBox.AcceptRole)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(620, 420)
