"""设置: one tab per section listed in settings_sections (display, targets, this installation …)."""
from __future__ import annotations

import importlib
import logging

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ui.pages import module_available
from ui.settings.sections import SECTIONS

log = logging.getLogger("towndesk.ui")


def create_page(ctx):
    return SettingsPage(ctx)


class SettingsPage(QWidget):
    """Missing section modules are skipped; a broken one shows its error instead of the page failing."""

    def __init__(self, ctx):
        super().__init__()
        self.setObjectName("page_settings")
        self.tabs = QTabWidget()
        self.sections: dict[str, QWidget] = {}
        for title, module in SECTIONS:
            if not module_available(module):
                continue
            try:
                widget = importlib.import_module(module).create_section(ctx)
            except Exception as e:
                log.exception("settings section %s failed", module)
                widget = QLabel(self.tr("此设置暂时无法显示：{0}").format(e))
            self.sections[title] = widget
            self.tabs.addTab(widget, self.tr(title))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.addWidget(QLabel(f"<b style='font-size:14pt'>{self.tr('设置')}</b>"))
        lay.addWidget(self.tabs, 1)
