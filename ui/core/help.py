"""The user guide (docs/用户手册.md with its screenshots), shown in a window from the Help action.

It is Markdown so the same file reads well on the web and in the program; Qt renders it, and the
frozen build ships docs/ beside resources/ (build_installer.spec), found the same way as resources.
"""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

GUIDE = "用户手册.md"


def guide_path() -> Path:
    """docs/用户手册.md from the checkout or from the frozen build's folder."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return base / "docs" / GUIDE


class UserGuideDialog(QDialog):
    """A resizable, non-modal window with the guide; links to other files open in the system."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("TownDesk 用户手册"))
        self.resize(900, 720)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        path = guide_path()
        if path.exists():
            self.browser.setSearchPaths([str(path.parent)])
            self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(path.parent) + "/"))
            self.browser.setMarkdown(path.read_text(encoding="utf-8"))
        else:
            self.browser.setPlainText(self.tr("找不到用户手册文件：") + str(path) + self.tr("。请重新安装 TownDesk。"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)


def show_user_guide(parent=None) -> UserGuideDialog:
    """Open the guide (call from a 帮助 button or F1); returns the window so callers may keep it."""
    dialog = UserGuideDialog(parent)
    dialog.show()
    dialog.raise_()
    return dialog
