"""The worker thread and what travels between it and the GUI thread (split from ui.core.tasks).

Every operation runs inside `collect()`, so the ChangeSet of whatever it committed comes back with
its value; the change-log rows it wrote are noted as this program's own (not "another program's").
"""
from __future__ import annotations

import inspect
import queue
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.core.changes import ChangeSet, collect

Changes = ChangeSet  # what an operation changed, as the core's tracker saw it (desktop.core.changes)


@dataclass
class OpResult:
    """Kept for code written before mutate(): the value is used, the changes come from the core."""

    value: Any = None
    changes: Any = None


class Outcome:
    """What the worker hands back: the operation's value and the ChangeSet its commits produced."""

    def __init__(self, value, changes: ChangeSet):
        self.value, self.changes = value, changes


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
        self.watch = None  # desktop.core.changes.DataWatch, set by the runner when it watches for other programs

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
            with collect() as got:
                result = t.fn(self.app, **kwargs)
            changes = got.changes
            if isinstance(result, Outcome):  # the poll for other programs' changes
                result, changes = result.value, result.changes | changes
            if self.watch is not None:
                self.watch.note_own(got.log_keys)  # our own commits are not "someone else's change"
            if changes and not changes.everything:
                from desktop.core.changes import describe
                changes = describe(self.app, changes)
        except BaseException as e:  # noqa: BLE001 - reported on the GUI thread
            import traceback
            self.signals.sig_failed.emit(t.id, e, traceback.format_exc())
            return
        self.signals.sig_done.emit(t.id, Outcome(result, changes))


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
    mode: str = "run"                  # "query" (reads), "mutate" (changes data) or "run" (older callers)
    initiator: Any = None              # the widget that asked for a mutation (it ignores its own echo)
    cancel_event: threading.Event = field(default_factory=threading.Event)
    dialog: QProgressDialog | None = None
    started: float = field(default_factory=time.monotonic)
