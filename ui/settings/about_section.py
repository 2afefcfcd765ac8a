"""本机信息: who this installation is, where its data and log are (what support asks first)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop import __version__
from ui.core.open_file import open_with_system


def create_section(ctx):
    return AboutSection(ctx)


class AboutSection(QWidget):
    def __init__(self, ctx):
        super().__init__()
        node = ctx.app.node
        form = QFormLayout()

        def add(label, value):
            w = QLabel(str(value or ""))
            w.setTextInteractionFlags(Qt.TextSelectableByMouse)
            form.addRow(self.tr(label), w)
        add("程序版本", f"TownDesk {__version__}")
        if node:
            add("名称", node.name)
            add("角色", self.tr("县级办公室") if node.is_county else self.tr("乡镇"))
            add("区划代码", node.region_code)
            add("本机指纹", node.fingerprint)
        add("数据文件夹", ctx.app.data_dir)
        add("日志文件", ctx.app.layout.log_file)
        add("操作人", ctx.user_name)
        open_btn = QPushButton(self.tr("打开数据文件夹"))
        open_btn.clicked.connect(lambda: open_with_system(ctx.app.data_dir, self))
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(open_btn)
        lay.addStretch(1)
