"""显示: font size for clerks who need large text, and the interface language."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

LANGUAGES = [("zh_CN", "中文"), ("en", "English")]


def create_section(ctx):
    return DisplaySection(ctx)


class DisplaySection(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.font_size = QSpinBox()
        self.font_size.setObjectName("font_size")
        self.font_size.setRange(8, 24)
        self.font_size.setSuffix(self.tr(" 磅"))
        self.font_size.setValue(ctx.font_pt())
        self.font_size.valueChanged.connect(ctx.set_font_pt)
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(ctx.value("ui/language"))))
        self.language.currentIndexChanged.connect(
            lambda _i: ctx.set_value("ui/language", self.language.currentData()))
        form = QFormLayout()
        form.addRow(self.tr("字号"), self.font_size)
        form.addRow(self.tr("界面语言"), self.language)
        hint = QLabel(self.tr("字号立即生效（已打开的表格可能需要切换页面后刷新）；界面语言在下次启动时生效。\n"
                              "屏幕缩放（125%、150%）由系统设置决定，程序会自动适应。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#555;")
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(hint)
        lay.addStretch(1)
