"""One background worker that runs operations on the data, so the window never freezes.

Why one worker: SQLite has one writer, and running changes one after another in submission
order means a view never sees a half-applied sequence. An operation is a plain callable
`fn(app)` (optionally also taking `progress(done, total)` and `cancelled()` keywords); it runs
on the worker thread, must not touch widgets, and its result comes back on the GUI thread.
"""
from __future__ import annotations

import logging
import time
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from desktop.core.errors import UserError
from ui.core.worker import (  # noqa: F401 - Cancelled, Changes, OpResult: re-exported for older callers
    Cancelled, Changes, OpResult, Outcome, Task, _Signals, _Worker,
)

log = logging.getLogger("towndesk.ui")

PROGRESS_DELAY_MS = 300  # work that ends sooner never shows a progress dialog
_POLL_TITLE = "检查其他程序的修改"


class TaskRunner(QObject):
    """Runs operations one at a time on a background thread; results return on the GUI thread."""

    sig_changed = Signal(object, object)  # ChangeSet, initiator (None: another program, or an older caller)
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
    def query(self, fn: Callable, *, title: str, **kw) -> Task:
        """Queue a read `fn(app[, progress=…, cancelled=…])`; on_done(value) runs on the GUI thread."""
        return self.run(fn, title=title, mode="query", **kw)

    def mutate(self, op: Callable, *, initiator, title: str, **kw) -> Task:
        """Queue a change `op(app…)`: one service call, one transaction. When it is done every view is
        told what the core saw change (sig_changed(changes, initiator)); `initiator` (the widget
        that asked, or None) lets that widget skip its own echo. Then on_done(value) runs."""
        return self.run(op, title=title, mode="mutate", initiator=initiator, **kw)

    def run(self, fn: Callable, *, title: str, on_done=None, on_error=None, cancellable: bool = False,
            parent: QWidget | None = None, show_progress: bool = True, mode: str = "run", initiator=None) -> Task:
        """Queue `fn(app[, progress=…, cancelled=…])`. on_done(value) runs on the GUI thread.

        on_error(exc) may return True to say it handled a UserError itself (e.g. shown inline);
        otherwise UserError messages are shown as is and other errors as a logged-error dialog.
        Prefer query() and mutate(), which say which of the two the operation is.
        """
        task = Task(self._next, fn, title, on_done, on_error, cancellable, parent, show_progress, mode, initiator)
        self._next += 1
        if self._closed:  # the window is closing (or a test ended): late timers must not restart the worker
            log.debug("operation after shutdown ignored: %s", title)
            return task
        was_busy = self.busy()
        self._tasks[task.id] = task
        if not was_busy and self.busy():
            self.sig_busy.emit(True)
        if show_progress:
            QTimer.singleShot(PROGRESS_DELAY_MS, lambda tid=task.id: self._maybe_show_dialog(tid))
        if not self.worker.isRunning():
            self.worker.start()
        self.worker.queue.put(task)
        return task

    def poll_others(self, watch) -> None:
        """If another program (the CLI, another clerk) committed, read what it changed and tell every view.

        Runs quietly on the worker, in order with this window's own operations, so the change-log rows
        this window wrote are known before the poll reads them.
        """
        if self._closed or any(t.mode == "poll" for t in self._tasks.values()) or not watch.probe():
            return
        self.run(lambda app: Outcome(None, watch.collect()), title=_POLL_TITLE, show_progress=False, mode="poll")

    def busy(self) -> bool:
        """Anything queued or running that the clerk asked for (the quiet poll does not count)."""
        return any(t.mode != "poll" for t in self._tasks.values())

    def wait_idle(self, timeout_s: float = 30.0) -> bool:
        """Process events until every operation queued so far, every later one but the quiet poll, and every due view
        reload has finished (tests, screenshots)."""
        from ui.core.refresh import pending_reloads

        first_later = self._next  # a quiet poll queued after this call is not waited for: polls can follow
        end = time.monotonic() + timeout_s   # one another for as long as anything writes, and would starve us

        def waiting() -> bool:
            return any(t.mode != "poll" or t.id < first_later for t in self._tasks.values())

        while (waiting() or pending_reloads()) and time.monotonic() < end:
            QApplication.processEvents()
            time.sleep(0.002)
        QApplication.processEvents()
        return not waiting()

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
        if task is None or task.dialog is not None or not _alive(task.parent):
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
        if task.mode != "poll" and not self.busy():
            self.sig_busy.emit(False)

    @Slot(int, object)
    def _on_done(self, tid: int, result) -> None:
        task = self._tasks.get(tid)
        if task is None:
            return
        self._finish(task)
        value, changes = result.value, result.changes
        if isinstance(value, OpResult):
            value = value.value
        if changes and task.mode == "query":
            # A read with a set-up side effect (e.g. the built-in templates written on first use). Not
            # announced: the view that asked already shows the result, and announcing it made views that
            # reload by reading it loop (read → write → change → read …).
            log.info("a query wrote set-up data (not announced): %s %s", task.title, sorted(changes.tables))
        elif changes:
            self.sig_changed.emit(changes, task.initiator)
        if task.on_done is not None and _alive(task.parent):  # the view that asked may have been closed meanwhile
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
            if not _alive(task.parent):  # its view was closed: report without it
                task.parent, task.on_error = None, None
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


def _alive(widget) -> bool:
    """False once Qt has deleted the widget (a closed dialog): its callbacks must not run."""
    if widget is None:
        return True
    import shiboken6

    return shiboken6.isValid(widget)


def _format(exc: BaseException) -> str:
    import traceback

    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
