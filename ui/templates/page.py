"""文书模板: the template library on the left, filling a template for a project on the right."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from desktop.core import changes
from ui.core.refresh import Refresher
from ui.templates.library import TemplateLibrary
from ui.templates.render_panel import RenderPanel

SHOWS = changes.TEMPLATES | changes.PROJECTS | changes.PROJECT_RECORDS | changes.CHECKLISTS | changes.OVERSIGHT


def create_page(ctx):
    return TemplatesPage(ctx)


class TemplatesPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.setObjectName("page_templates")
        self.library = TemplateLibrary(ctx, self)
        self.panel = RenderPanel(ctx, self)
        self.library.sig_selected.connect(self.panel.set_template)
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.reload)
        head = QHBoxLayout()
        head.addWidget(QLabel(f"<b style='font-size:14pt'>{self.tr('文书模板')}</b>"))
        hint = QLabel(self.tr("选择模板和项目，先看将填入的内容，再生成可在 Word/WPS 中编辑、打印的文书。"))
        hint.setStyleSheet("color:#555;")
        head.addSpacing(12)
        head.addWidget(hint, 1)
        head.addWidget(refresh)
        split = QSplitter(Qt.Horizontal)
        split.setObjectName("templates_split")
        split.addWidget(self.library)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([420, 760])
        split.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.addLayout(head)
        lay.addWidget(split, 1)
        self.refresher = Refresher(self, ctx, SHOWS, self._apply_changes)
        self.reload()

    def reload(self) -> None:
        self.library.reload()
        self.panel.load_projects()

    def _apply_changes(self, changed) -> None:
        """Reload only the part that shows what changed: the library, the project list, or the preview."""
        if changed.touches(changes.TEMPLATES):
            self.library.reload()
        if changed.touches(changes.PROJECTS):
            self.panel.load_projects()
        elif changed.touches(SHOWS - changes.TEMPLATES):
            self.panel.refresh_preview()
