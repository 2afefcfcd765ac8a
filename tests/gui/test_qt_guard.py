"""The guard for PySide6 6.12.0's reference leak on Signal.emit() keeps long sessions alive."""
import sys

import pytest

pytestmark = pytest.mark.gui


def test_many_emits_never_exhaust_true():
    """50,000 emissions (a long working day) leave True with plenty of references."""
    import ui  # noqa: F401 - importing ui applies the guard
    from PySide6.QtCore import QObject, Signal

    from ui.core import qt_guard

    class Emitter(QObject):
        sig_tick = Signal(int)

    e = Emitter()
    e.sig_tick.connect(lambda _v: None)
    for i in range(50_000):
        e.sig_tick.emit(i)
    assert sys.getrefcount(True) > 1000
    assert qt_guard._applied == qt_guard.emit_leaks_true() or qt_guard._applied


def test_many_void_calls_never_exhaust_none():
    """100,000 void method calls (a day of painting ledger cells) leave None with plenty of references."""
    import ui  # noqa: F401 - importing ui applies the guard
    from PySide6.QtCore import QObject

    from ui.core import qt_guard

    o = QObject()
    for _ in range(100_000):
        o.setObjectName("x")
    assert sys.getrefcount(None) > 1000
    assert qt_guard._none_applied == qt_guard.void_call_leaks_none() or qt_guard._none_applied
