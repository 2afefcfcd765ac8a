"""The application font size, in a module light enough for the start frame.

Why its own module: the start frame sets the clerk's font size before it paints, and importing it from
ui.core.context pulled in the change sets, the task runner and with them SQLAlchemy and the models —
300–400 ms before the first paint, the very cost the start frame exists to defer.
"""
from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication


def apply_font(pt: int) -> None:
    """Set the application font size (large text for clerks who need it)."""
    qapp = QApplication.instance()
    if qapp is None:
        return
    font = QFont(qapp.font())
    font.setPointSize(pt)
    qapp.setFont(font)
