"""Unexpected errors in the GUI: log them, tell the clerk in Chinese where the log is, keep running."""
from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox

from desktop.core.errors import UserError

log = logging.getLogger("towndesk.ui")


def _tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


def show_error(ctx, exc: BaseException, parent=None, what: str = "") -> None:
    """A UserError's message as is; anything else logged, with a dialog naming the log file."""
    if isinstance(exc, UserError):
        ctx.runner.show_user_error(exc.message, parent)
        return
    log.error("unexpected error%s:\n%s", f" in {what}" if what else "",
              "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    message = _tr("操作未能完成。程序可以继续使用。\n\n原因：{0}\n\n详细信息已写入日志：{1}\n"
                  "请把日志文件发给技术支持。").format(type(exc).__name__, ctx.app.layout.log_file)
    ctx.runner.errors_shown.append(message)
    box = QMessageBox(QMessageBox.Critical, _tr("程序内部错误"), message, QMessageBox.Ok, parent or ctx.main_window)
    box.setAttribute(Qt.WA_DeleteOnClose)
    box.open()


def install_excepthook(ctx) -> None:
    """An exception escaping a slot shows the error dialog instead of ending the program."""
    previous = sys.excepthook

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        try:
            exc.__traceback__ = tb
            show_error(ctx, exc, what="GUI")
        except Exception:
            previous(exc_type, exc, tb)

    sys.excepthook = hook
