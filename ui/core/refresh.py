"""One way for a view to follow the data: reload when a change touches what it shows.

Why one helper: each view used to decide for itself from free-text kinds, so some reloaded twice,
some reloaded while hidden, and an editor hid its own echo with a flag. A Refresher is told by
the core which tables changed (UiContext.sig_changed); it ignores the echo of its own view's
mutations (by initiator), reloads at once when its view is visible and otherwise marks it stale,
reloading when the view is next shown. Several changes close together make one reload.
"""
from __future__ import annotations

import weakref
from typing import Callable, Iterable

import shiboken6

from PySide6.QtCore import QEvent, QObject, QTimer

from desktop.core.changes import NOTHING, ChangeSet

# Several changes close together make one reload; reloading in the same turn of the event loop as the
# change also raced with the initiator's own follow-up (found by tests/gui/test_editor.py).
DEFAULT_DELAY_MS = 50
_LIVE: "weakref.WeakSet[Refresher]" = weakref.WeakSet()


def pending_reloads() -> bool:
    """Is any view waiting to reload (tests and screenshots wait for this as for the worker)?"""
    return any(r._timer.isActive() for r in list(_LIVE) if shiboken6.isValid(r))


class Refresher(QObject):
    """Reloads `view` (by calling reload(changes)) when a change touches `tables`."""

    def __init__(self, view, ctx, tables: Iterable[str], reload: Callable[[ChangeSet], None], *,
                 accepts: Callable[[ChangeSet], bool] | None = None, delay_ms: int = DEFAULT_DELAY_MS,
                 name: str = ""):
        super().__init__(view)
        self.view, self.tables, self._reload, self._accepts = view, frozenset(tables), reload, accepts
        self.setObjectName(name or f"refresher_{view.objectName() or type(view).__name__}")
        self.pending: ChangeSet = NOTHING
        self.stale = False
        self.reloads = 0  # how often it reloaded (tests, diagnostics)
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self._fire)
        view.installEventFilter(self)
        ctx.sig_changed.connect(self.on_changed)
        _LIVE.add(self)

    def wants(self, changes: ChangeSet, initiator=None) -> bool:
        """Does this change concern the view (and not come from the view itself)?"""
        if initiator is not None and initiator is self.view:
            return False
        if not changes.touches(self.tables):
            return False
        return changes.everything or self._accepts is None or self._accepts(changes)

    def on_changed(self, changes: ChangeSet, initiator=None) -> None:
        if not self.wants(changes, initiator):
            return
        self.pending = self.pending | changes
        if self.view.isVisible():
            self._timer.start()
        else:
            self.stale = True

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt name
        if obj is self.view and event.type() == QEvent.Show and self.stale:
            self._timer.start()
        return False

    def _fire(self) -> None:
        changes, self.pending, self.stale = self.pending, NOTHING, False
        if not self.view.isVisible():  # hidden again before the timer ran
            self.pending, self.stale = changes, True
            return
        self.reloads += 1
        self._reload(changes)


def follow(view, ctx, tables: Iterable[str], reload: Callable[[], None], **kw) -> Refresher:
    """A Refresher for a view whose reload takes no argument."""
    return Refresher(view, ctx, tables, lambda _changes: reload(), **kw)
