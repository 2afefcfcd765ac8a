"""Guard against a PySide6 6.12.0 bug: every `Signal.emit()` from Python drops one reference to True,
and every call of a C++ method returning void (`label.setText`, `painter.setPen`, …) one reference to None.

Measured here (Python 3.11, PySide6-Essentials 6.12.0): `sig.emit(x)` returns Py_True without a
new reference, so each emission lowers True's reference count by one; after a few thousand
emissions Python aborts with "bool_dealloc: deallocating True or False" (the GUI tests crashed
this way, at random places). 6.11.3 is correct. On Python ≥ 3.12 True is immortal and the bug
is harmless.

The same holds for None and void methods (measured 2026-12-02: 100 `QLabel.setText` calls lower
None's count by 100; a loop of 100,000 aborts with "none_dealloc: deallocating None"). The ledger's
item delegate makes a few such calls per painted cell, so without the reserve a day of scrolling
would abort the program.

Until the pin moves off 6.12.0, this module gives True (and None) a very large reserve of references
(2**40, never given back) when — and only when — a test emission (a test void call) shows the leak.
Neither is ever freed in a running interpreter, so the reserve changes nothing else.
"""
from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 40
_applied = False
_none_applied = False


def emit_leaks_true() -> bool:
    """Emit a signal 100 times and see whether True lost references."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        sig_probe = Signal(int)

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(100):
        probe.sig_probe.emit(1)
    return sys.getrefcount(True) - before <= -50


def void_call_leaks_none() -> bool:
    """Call a void C++ method 100 times and see whether None lost references."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(100):
        probe.setObjectName("probe")
    return sys.getrefcount(None) - before <= -50


def apply() -> bool:
    """Install the reserves if this PySide6 leaks; returns True when True's was needed."""
    global _applied, _none_applied
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return _applied
    if not _applied and emit_leaks_true():
        ctypes.c_ssize_t.from_address(id(True)).value += RESERVE  # ob_refcnt is PyObject's first field
        _applied = True
    if not _none_applied and void_call_leaks_none():
        ctypes.c_ssize_t.from_address(id(None)).value += RESERVE
        _none_applied = True
    return _applied
