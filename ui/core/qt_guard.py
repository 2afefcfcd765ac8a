"""Guard against a PySide6 6.12.0 bug: every `Signal.emit()` from Python drops one reference to True.

Measured here (Python 3.11, PySide6-Essentials 6.12.0): `sig.emit(x)` returns Py_True without a
new reference, so each emission lowers True's reference count by one; after a few thousand
emissions Python aborts with "bool_dealloc: deallocating True or False" (the GUI tests crashed
this way, at random places). 6.11.3 is correct. On Python ≥ 3.12 True is immortal and the bug
is harmless.

Until the pin moves off 6.12.0, this module gives True a very large reserve of references
(2**40, never given back) when — and only when — a test emission shows the leak. True is never
freed in a running interpreter, so the reserve changes nothing else.
"""
from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 40
_applied = False


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


def apply() -> bool:
    """Install the reserve if this PySide6 leaks; returns True when it was needed."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return _applied
    if emit_leaks_true():
        ctypes.c_ssize_t.from_address(id(True)).value += RESERVE  # ob_refcnt is PyObject's first field
        _applied = True
    return _applied
