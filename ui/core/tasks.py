"""One background worker that runs operations on the data, so the window never freezes.

Why one worker: SQLite has one writer, and running changes one after another in submission
order means a view never sees a half-applied sequence. An operation is a plain callable
`fn(app)` (optionally also taking `progress(done, total)` and `cancelled()` keywords); it runs
on the worker thread, must not touch widgets, and its result comes back on the GUI thread.
"""
from __future__ import annotations

import inspect
import logging
import queue
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from PySide6.QtCore import QObject, QThread, QTimer, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from desktop.core.errors import UserError

log = logging.getLogger("towndesk.ui")

PROGRESS_DELAY_MS = 300  # work that ends sooner never shows a progress dialog


@dataclass(frozen=True)
class Changes:
    """What an operation changed, so views refresh themselves (like Anki's OpChanges).

    kinds: "projects", "project_records", "checklists", "templates", "oversight", "sync",
    "settings", "reports" … ; codes: the project codes touched (empty = unknown/all).
    """

    kinds: frozenset = frozenset()
    codes: frozenset = frozenset()

    @staticmethod
    def of(*kinds: str, codes=()) -> "Changes":
        return Changes(frozenset(kinds), frozenset(c for c in codes if c))


@dataclass
class OpResult:
    """An operation may return this to report both a value and what it changed."""

    value: Any = None
    changes: Changes = field(default_factory=Changes)


class _Signals(QObject):
    sig_progress = Signal(int, int, int)      # task id, done, total
    sig_done = Signal(int, object)            # task id, result
    sig_failed = Signal(int, object, str)     # task id, exception, traceback text


class _Worker(QThread):
    """The one background thread: takes tasks from a queue, in order, until told to stop (None).

    A long-lived QThread rather than a QRunnable per task: a short-lived Python-subclassed
    runnable can be freed by one thread while the other is still leaving it.
    """

    def __init__(self, app, signals: _Signals):
        super().__init__()
        self.app, self.signals = app, signals
        self.queue: queue.Queue = queue.Queue()

    def run(self) -> None:  # worker thread: no widgets here
        while True:
            task = self.queue.get()
            if task is None:
                return
            self.execute(task)

    def execute(self, t: "Task") -> None:
        if t.cancel_event.is_set():
            self.signals.sig_failed.emit(t.id, Cancelled(), "")
            return
        kwargs = {}
        params = _parameters(t.fn)
        if "progress" in params:
            last = [0.0]

            def progress(done: int, total: int) -> None:
                now = time.monotonic()
                if now - last[0] > 0.05 or done >= total:
                    last[0] = now
                    self.signals.sig_progress.emit(t.id, int(done), int(total))
            kwargs["progress"] = progress
        if "cancelled" in params:
            kwargs["cancelled"] = t.cancel_event.is_set
        try:
            result = t.fn(self.app, **kwargs)
        except BaseException as e:  # noqa: BLE001 - reported on the GUI thread
            import traceback
            self.signals.sig_failed.emit(t.id, e, traceback.format_exc())
            return
        self.signals.sig_done.emit(t.id, result)


def _parameters(fn) -> set[str]:
    try:
        return set(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        return set()


class Cancelled(Exception):
    """The user cancelled the operation (raise it from an operation that checks cancelled())."""


@dataclass
class Task:
    id: int
    fn: Callable
    title: str
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], bool | None] | None
    cancellable: bool
    parent: QWidget | None
    show_progress: bool
    cancel_event: threading.Event = field(default_factory=threading.Event)
    dialog: QProgressDialog | None = None
    started: float = field(default_factory=time.monotonic)


class TaskRunner(QObject):
    """Runs operations one at a time on a background thread; results return on the GUI thread."""

    sig_changed = Signal(object)       # Changes, after an operation that changed data
    sig_busy = Signal(bool)            # True while anything is queued or running
    sig_finished = Signal(int)         # task id, after on_done/on_error ran

    def __init__(self, app, log_file: str = "", parent: QObject | None = None):
        super().__init__(parent)
        self.app = app
        self.log_file = log_file
        self._signals = _Signals()
        self.worker = _Worker(app, self._signals)
        self._closed = False
        self._signals.sig_progress.connect(self._on_progress, Qt.QueuedConnection)
        self._signals.sig_done.connect(self._on_done, Qt.QueuedConnection)
        self._signals.sig_failed.connect(self._on_failed, Qt.QueuedConnection)
        self._tasks: dict[int, Task] = {}
        self._next = 1
        self.errors_shown: list[str] = []  # for tests: messages put in front of the user

    # -- submitting ---------------------------------------------------------------------
    def run(self, fn: Callable, *, title: str, on_done=None, on_error=None, cancellable: bool = False,
            parent: QWidget | None = None, show_progress: bool = True) -> Task:
        """Queue `fn(app[, progress=…, cancelled=…])`. on_done(value) runs on the GUI thread.

        on_error(exc) may return True to say it handled a UserError itself (e.g. shown inline);
        otherwise UserError messages are shown as is and other errors as a logged-error dialog.
        """
        task = Task(self._next, fn, title, on_done, on_error, cancellable, parent, show_progress)
        self._next += 1
        if self._closed:  # the window is closing (or a test ended): late timers must not restart the worker
            log.debug("operation after shutdown ignored: %s", title)
            return task
        self._tasks[task.id] = task
        if len(self._tasks) == 1:
            self.sig_busy.emit(True)
        if show_progress:
            QTimer.singleShot(PROGRESS_DELAY_MS, lambda tid=task.id: self._maybe_show_dialog(tid))
        if not self.worker.isRunning():
            self.worker.start()
        self.worker.queue.put(task)
        return task

    def busy(self) -> bool:
        return bool(self._tasks)

    def wait_idle(self, timeout_s: float = 30.0) -> bool:
        """Process events until every queued operation has finished (tests, screenshot mode)."""
        end = time.monotonic() + timeout_s
        while self._tasks and time.monotonic() < end:
            QApplication.processEvents()
            time.sleep(0.002)
        QApplication.processEvents()
        return not self._tasks

    def shutdown(self) -> None:
        """Cancel what is queued and stop the worker (call before the application ends)."""
        self._closed = True
        for t in self._tasks.values():
            t.cancel_event.set()
        if self.worker.isRunning():
            self.worker.queue.put(None)
            self.worker.wait(10_000)

    # -- GUI-thread callbacks -------------------------------------------------------------
    def _maybe_show_dialog(self, tid: int) -> None:
        task = self._tasks.get(tid)
        if task is None or task.dialog is not None:
            return
        dlg = QProgressDialog(task.title + "…", self.tr("取消") if task.cancellable else "", 0, 0, task.parent)
        dlg.setWindowTitle(self.tr("请稍候"))
        dlg.setWindowModality(Qt.WindowModal)
        dlg.setMinimumDuration(0)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        if task.cancellable:
            dlg.canceled.connect(lambda t=task: self._cancel(t))
        else:
            dlg.setCancelButton(None)
        task.dialog = dlg
        dlg.show()

    def _cancel(self, task: Task) -> None:
        task.cancel_event.set()
        if task.dialog is not None:
            task.dialog.setLabelText(self.tr("正在取消…"))

    @Slot(int, int, int)
    def _on_progress(self, tid: int, done: int, total: int) -> None:
        task = self._tasks.get(tid)
        if task and task.dialog is not None:
            task.dialog.setMaximum(max(total, 1))
            task.dialog.setValue(min(done, max(total, 1)))

    def pending(self) -> list[str]:
        """Titles of operations queued or running (diagnostics)."""
        return [t.title for t in self._tasks.values()]

    def _finish(self, task: Task) -> None:
        self._tasks.pop(task.id, None)
        if task.dialog is not None:
            task.dialog.close()
            task.dialog.deleteLater()
            task.dialog = None
        if not self._tasks:
            self.sig_busy.emit(False)

    @Slot(int, object)
    def _on_done(self, tid: int, result) -> None:
        task = self._tasks.get(tid)
        if task is None:
            return
        self._finish(task)
        value = result
        if isinstance(result, OpResult):
            value = result.value
            if result.changes.kinds:
                self.sig_changed.emit(result.changes)
        if task.on_done is not None:
            try:
                task.on_done(value)
            except Exception as e:  # a view's callback failing must not end the program
                self._report_unexpected(task, e, _format(e))
        self.sig_finished.emit(tid)

    @Slot(int, object, str)
    def _on_failed(self, tid: int, exc, tb: str) -> None:
        task = self._tasks.get(tid)
        if task is None:
            return
        self._finish(task)
        try:
            if isinstance(exc, Cancelled):
                return
            if not isinstance(exc, UserError):
                from desktop.platform.files import user_error_for as in_use_error

                exc = in_use_error(exc) or exc  # a file open in Excel/WPS: tell the clerk which one
            if task.on_error is not None and task.on_error(exc):
                return
            if isinstance(exc, UserError):
                self.show_user_error(exc.message, task.parent)
            else:
                self._report_unexpected(task, exc, tb)
        finally:
            self.sig_finished.emit(tid)

    def show_user_error(self, message: str, parent: QWidget | None = None) -> None:
        self.errors_shown.append(message)
        box = QMessageBox(QMessageBox.Warning, self.tr("无法完成"), message, QMessageBox.Ok, parent)
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.open()

    def _report_unexpected(self, task: Task, exc: BaseException, tb: str) -> None:
        log.error("operation failed: %s\n%s", task.title, tb or _format(exc))
        message = self.tr("“{0}”未能完成，数据没有被改动。程序可以继续使用。\n\n"
                          "原因：{1}\n\n详细信息已写入日志：{2}\n请把日志文件发给技术支持。").format(
            task.title, type(exc).__name__, self.log_file or self.tr("（未知）"))
        self.errors_shown.append(message)
        box = QMessageBox(QMessageBox.Critical, self.tr("程序内部错误"), message, QMessageBox.Ok, task.parent)
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.open()


def _format(exc: BaseException) -> str:
    import traceback

    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
