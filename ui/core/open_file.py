"""Open a file or folder with the system's program, and say so when nothing can open it.

Why: QDesktopServices.openUrl returns False when no program is registered for the file type (a
PC without a PDF reader or WPS, a UOS desktop without a default viewer); ignoring that made the
button do nothing. The clerk is told where the file is so it can be opened some other way.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

shown_messages: list[str] = []  # what was shown (tests read it; the dialog is non-modal)


def _tr(text: str) -> str:
    return QCoreApplication.translate("open_file", text)


def open_with_system(path, parent=None) -> bool:
    """Open `path` in its default program; on failure show where it is and return False."""
    path = Path(path)
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    if path.is_dir():
        text = _tr("无法打开文件夹 {0}：这台电脑没有可用的文件管理器。请在“此电脑/文件管理器”中手动打开它。").format(path)
    else:
        kind = path.suffix.lower() or _tr("（无扩展名）")
        text = _tr("无法打开 {0}：这台电脑上没有能打开 {1} 文件的程序（例如 WPS、Office 或 PDF 阅读器）。\n\n"
                   "文件已保存在：{2}\n请安装相应程序后再打开，或把文件复制到其他电脑上查看。").format(path.name, kind, path.parent)
    shown_messages.append(text)
    box = QMessageBox(QMessageBox.Warning, _tr("无法打开文件"), text, QMessageBox.Ok, parent)
    box.setAttribute(Qt.WA_DeleteOnClose)
    box.setTextInteractionFlags(Qt.TextSelectableByMouse)
    box.open()
    return False
