"""What every page and dialog is given: the open data folder, settings and the task runner.

Why a context object: pages are written by different people; they all need the same few
things (run an operation, learn when data changed, open a project, remember a column width)
and should not reach into the main window for them.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QHeaderView

from ui.core.tasks import Changes, OpResult, TaskRunner

DEFAULT_FONT_PT = 10


class UiContext(QObject):
    """The desktop `App`, per-installation UI settings, and the one background worker."""

    # Data changed: a set of kinds ("projects", "project_records", "checklists", …).
    sig_data_changed = Signal(object)
    # Project codes touched by the last change (empty set = possibly all).
    sig_projects_changed = Signal(object)
    # Requests any page may make; the main window carries them out.
    sig_open_project = Signal(str)         # open the editor on this project code
    sig_new_project = Signal()
    sig_navigate = Signal(str)             # switch to the page with this key
    sig_font_changed = Signal(int)

    def __init__(self, app, settings: QSettings | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.app = app
        self.settings = settings or QSettings(str(app.data_dir / "ui.ini"), QSettings.IniFormat)
        self.runner = TaskRunner(app, str(app.layout.log_file), self)
        self.runner.sig_changed.connect(self._relay_changes)
        self.main_window = None  # set by MainWindow; pages should prefer the signals above

    # -- running operations ----------------------------------------------------------------
    def run(self, fn, *, title: str, on_done=None, on_error=None, cancellable: bool = False, parent=None,
            show_progress: bool = True):
        """Run `fn(app)` on the background worker; see ui.core.tasks.TaskRunner.run."""
        return self.runner.run(fn, title=title, on_done=on_done, on_error=on_error, cancellable=cancellable,
                               parent=parent or self.main_window, show_progress=show_progress)

    def notify_changed(self, *kinds: str, codes=()) -> None:
        """Announce a change made outside the runner (e.g. a dialog that ran its own operation)."""
        self._relay_changes(Changes.of(*kinds, codes=codes))

    def _relay_changes(self, changes: Changes) -> None:
        self.sig_data_changed.emit(set(changes.kinds))
        self.sig_projects_changed.emit(set(changes.codes))

    # -- facts about this installation -------------------------------------------------------
    @property
    def node_name(self) -> str:
        return self.app.node.name if self.app.node else ""

    @property
    def is_county(self) -> bool:
        return bool(self.app.node and self.app.node.is_county)

    @property
    def user_name(self) -> str:
        return self.app.user_name or ""

    # -- settings ----------------------------------------------------------------------------
    def value(self, key: str, default=None, type_=None):
        if type_ is None:
            return self.settings.value(key, default)
        return self.settings.value(key, default, type=type_)

    def set_value(self, key: str, value) -> None:
        self.settings.setValue(key, value)

    def font_pt(self) -> int:
        return int(self.value("ui/font_pt", DEFAULT_FONT_PT, int))

    def set_font_pt(self, pt: int) -> None:
        pt = max(8, min(24, int(pt)))
        self.set_value("ui/font_pt", pt)
        apply_font(pt)
        self.sig_font_changed.emit(pt)

    def save_header(self, key: str, header: QHeaderView) -> None:
        """Remember column widths/order/hidden columns of a table under `key`."""
        self.settings.setValue(f"headers/{key}", header.saveState())

    def restore_header(self, key: str, header: QHeaderView) -> bool:
        state = self.settings.value(f"headers/{key}")
        return bool(state) and header.restoreState(state)


def apply_font(pt: int) -> None:
    """Set the application font size (large text for clerks who need it)."""
    qapp = QApplication.instance()
    if qapp is None:
        return
    font = QFont(qapp.font())
    font.setPointSize(pt)
    qapp.setFont(font)


__all__ = ["UiContext", "Changes", "OpResult", "apply_font"]
