"""What a page or tab shows before its feature is built: never a blank page, never a crash."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.pages import CLI_HINTS, PAGES, module_available


class PlaceholderPage(QWidget):
    """Says what the page will hold, what already works, and (if it broke) where the log is."""

    def __init__(self, ctx, key: str, title: str, about: str, error: str | None):
        super().__init__()
        self.key = key
        self.setObjectName(f"placeholder_{key}")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(32, 24, 32, 24)
        head = QLabel(f"<h2>{title}</h2>")
        lay.addWidget(head)
        text = QLabel(wordWrap=True)
        text.setTextFormat(Qt.RichText)
        parts = [f"<p>{about}</p>"]
        if error:
            parts.append(self.tr("<p><b>此页面暂时无法打开。</b>原因：{0}<br>详细信息已写入日志：{1}</p>")
                         .format(_escape(error), ctx.app.layout.log_file))
        else:
            parts.append(self.tr("<p>此功能尚在制作中，下一版本提供。</p>"))
        if key in CLI_HINTS:
            parts.append(self.tr("<p>现在可以先用命令行：<code>{0}</code></p>").format(CLI_HINTS[key]))
        ready = [t for k, t, m, _ in PAGES if k != key and module_available(m)]
        if ready:
            parts.append(self.tr("<p>已经可以使用的页面：{0}</p>").format("、".join(ready)))
        text.setText("".join(parts))
        lay.addWidget(text)
        lay.addStretch(1)


class PlaceholderTab(QWidget):
    """A project-editor tab whose module is not there yet (or failed to build)."""

    def __init__(self, title: str, error: str | None):
        super().__init__()
        lay = QVBoxLayout(self)
        msg = (self.tr("“{0}”暂时无法显示：{1}。详细信息见日志。").format(title, error) if error
               else self.tr("“{0}”功能尚在制作中，下一版本提供。").format(title))
        label = QLabel(msg, wordWrap=True)
        lay.addWidget(label)
        lay.addStretch(1)

    def refresh(self) -> None:
        pass


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
