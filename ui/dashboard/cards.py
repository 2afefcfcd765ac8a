"""Figure cards: a title, one big number, and a line that says what it is made of."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout


class Card(QFrame):
    def __init__(self, key: str, title: str, parent=None):
        super().__init__(parent)
        self.setObjectName(f"card_{key}")
        self.setFrameShape(QFrame.StyledPanel)
        self.setStyleSheet(f"QFrame#card_{key} {{ background: white; border: 1px solid #d9dee4; border-radius: 4px; }}")
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Minimum)
        self.title = QLabel(title)
        self.title.setStyleSheet("color:#555;")
        self.value = QLabel("—")
        self.value.setObjectName(f"card_{key}_value")
        f = self.value.font()
        f.setPointSizeF(f.pointSizeF() * 1.7)
        f.setBold(True)
        self.value.setFont(f)
        self.value.setTextFormat(Qt.RichText)
        self.detail = QLabel("")
        self.detail.setStyleSheet("color:#555;")
        self.detail.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        lay.setSpacing(2)
        lay.addWidget(self.title)
        lay.addWidget(self.value)
        lay.addWidget(self.detail)
        self._fit_height()

    def _fit_height(self) -> None:
        # title + big value + up to two lines of detail, so large text never clips
        lh = self.fontMetrics().height()
        self.setMinimumHeight(int(lh * 1.1 + self.value.fontMetrics().height() + lh * 2.3 + 14))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            f = self.font()
            f.setPointSizeF(f.pointSizeF() * 1.7)
            f.setBold(True)
            self.value.setFont(f)
            self._fit_height()

    def set(self, value: str, detail: str = "", color: str | None = None) -> None:
        self.value.setText(f"<span style='color:{color}'>{value}</span>" if color else value)
        self.detail.setText(detail)
