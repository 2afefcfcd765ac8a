"""What every page and dialog is given: the open data folder, settings and the task runner.

Why a context object: pages are written by different people; they all need the same few
things (run an operation, learn when data changed, open a project, remember a column width)
and should not reach into the main window for them.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QHeaderView

from desktop.core.changes import ALL, ChangeSet
from ui.core import prefs
from ui.core.fonts import apply_font
from ui.core.tasks import Changes, OpResult, TaskRunner

WATCH_INTERVAL_MS = 1000  # a change by another program shows within about this long (the aim is 2 s)


class UiContext(QObject):
    """The desktop `App`, per-installation UI settings, and the one background worker."""

    # Data changed: (ChangeSet from the core, initiator widget or None). Views listen through
    # ui.core.refresh.Refresher, which reloads only a visible view that shows a changed table.
    sig_changed = Signal(object, object)
    # Requests any page may make; the main window carries them out.
    sig_open_project = Signal(str)         # open the editor on this project code
    sig_new_project = Signal()
    sig_navigate = Signal(str)             # switch to the page with this key
    sig_font_changed = Signal(int)

    def __init__(self, app, settings=None, parent: QObject | None = None):
        """`settings`: this PC's window-settings store (ui.core.prefs.open_store); tests pass their own."""
        super().__init__(parent)
        self.app = app
        self._prefs = settings if settings is not None else prefs.open_store(app.data_dir)
        self.runner = TaskRunner(app, str(app.layout.log_file), self)
        self.runner.sig_changed.connect(self.sig_changed)
        self.main_window = None  # set by MainWindow; pages should prefer the signals above
        self.watch = None
        self._watch_timer = None

    # -- running operations ----------------------------------------------------------------
    def query(self, fn, *, title: str, on_done=None, on_error=None, cancellable: bool = False, parent=None,
              show_progress: bool = True):
        """Read on the background worker: `fn(app)`'s value goes to on_done on the GUI thread."""
        return self.runner.query(fn, title=title, on_done=on_done, on_error=on_error, cancellable=cancellable,
                                 parent=parent or self.main_window, show_progress=show_progress)

    def mutate(self, op, *, initiator, title: str, on_done=None, on_error=None, cancellable: bool = False,
               parent=None, show_progress: bool = True):
        """Change data on the background worker with one service call (one transaction).

        What changed is not said here: the core reports it, and every view is told
        (sig_changed) before on_done runs. `initiator` is the widget asking (it skips its own echo).
        """
        return self.runner.mutate(op, initiator=initiator, title=title, on_done=on_done, on_error=on_error,
                                  cancellable=cancellable, parent=parent or self.main_window,
                                  show_progress=show_progress)

    def run(self, fn, *, title: str, on_done=None, on_error=None, cancellable: bool = False, parent=None,
            show_progress: bool = True):
        """Older name: run `fn(app)` on the worker (changes it commits are still announced)."""
        return self.runner.run(fn, title=title, on_done=on_done, on_error=on_error, cancellable=cancellable,
                               parent=parent or self.main_window, show_progress=show_progress)

    def announce_all(self, initiator=None) -> None:
        """Everything may have changed (e.g. the data folder was replaced): every view reloads."""
        self.sig_changed.emit(ALL, initiator)

    # -- changes made by other programs -------------------------------------------------------
    def watch_others(self, interval_ms: int = WATCH_INTERVAL_MS) -> None:
        """Poll for commits by the command line or another clerk, so they show in this window."""
        from desktop.core.changes import DataWatch

        if self.watch is not None:
            return
        self.watch = DataWatch(self.app)
        self.runner.worker.watch = self.watch
        self._watch_timer = QTimer(self, interval=interval_ms)
        self._watch_timer.timeout.connect(lambda: self.runner.poll_others(self.watch))
        self._watch_timer.start()

    def stop_watching(self) -> None:
        if self._watch_timer is not None:
            self._watch_timer.stop()
        if self.watch is not None:
            self.runner.wait_idle(10)
            self.watch.close()
            self.runner.worker.watch = None
            self.watch = None

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
    def value(self, key: str, default=None):
        """A window setting of this PC (key, type and default in desktop.core.settings); `default` for
        defaults only the window knows (a folder of this data folder)."""
        return prefs.get(self._prefs, key, default)

    def set_value(self, key: str, value) -> None:
        prefs.put(self._prefs, key, value)

    def save_prefs(self) -> None:
        """Write the window settings to disk now (on closing the window)."""
        self._prefs.sync()

    def font_pt(self) -> int:
        return int(self.value("ui/font_pt"))

    def set_font_pt(self, pt: int) -> None:
        pt = max(8, min(24, int(pt)))
        self.set_value("ui/font_pt", pt)
        apply_font(pt)
        self.sig_font_changed.emit(pt)

    def save_header(self, key: str, header: QHeaderView) -> None:
        """Remember column widths/order/hidden columns of a table under `key`."""
        self.set_value(f"headers/{key}", header.saveState())

    def restore_header(self, key: str, header: QHeaderView) -> bool:
        state = self.value(f"headers/{key}")
        return bool(state) and header.restoreState(state)


__all__ = ["UiContext", "Changes", "ChangeSet", "OpResult", "apply_font"]
