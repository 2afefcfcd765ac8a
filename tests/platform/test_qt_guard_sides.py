"""The PySide6 6.12.0 guard acts only when the leak is there: both sides, whatever PySide6 is installed."""
from __future__ import annotations

import ctypes
import sys

import pytest

pytestmark = pytest.mark.gui


@pytest.fixture
def guard(monkeypatch):
    from ui.core import qt_guard

    monkeypatch.setattr(qt_guard, "_applied", False)
    return qt_guard


def test_a_pyside_without_the_leak_is_left_alone(guard, monkeypatch):
    """When emitting does not lose references to True (6.9.3, 6.11.3), nothing is patched."""
    monkeypatch.setattr(guard, "emit_leaks_true", lambda: False)
    before = sys.getrefcount(True)
    assert guard.apply() is False
    assert abs(sys.getrefcount(True) - before) < 100


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="True is immortal on Python 3.12+: the guard never acts")
def test_a_leaking_pyside_gets_the_reserve(guard, monkeypatch):
    """When emitting leaks (6.12.0 on Python 3.11), True gets its reserve of references, once."""
    monkeypatch.setattr(guard, "emit_leaks_true", lambda: True)
    before = sys.getrefcount(True)
    try:
        assert guard.apply() is True
        assert sys.getrefcount(True) - before >= guard.RESERVE - 100
        assert guard.apply() is True and sys.getrefcount(True) - before < 2 * guard.RESERVE
    finally:
        ctypes.c_ssize_t.from_address(id(True)).value -= guard.RESERVE  # give the test's reserve back


def test_the_probe_tells_the_truth_about_this_pyside():
    """In a fresh process (no reserve yet) the probe finds the leak exactly on 6.12.0 with Python < 3.12."""
    import subprocess

    from tests.conftest import REPO

    code = ("import importlib.util, sys, PySide6; from PySide6.QtCore import QCoreApplication; "
            "spec = importlib.util.spec_from_file_location('g', sys.argv[1]); g = importlib.util.module_from_spec(spec); "
            "spec.loader.exec_module(g); print(PySide6.__version__, g.emit_leaks_true(), flush=True); "
            "import os; os._exit(0)")  # a leaking PySide6 would abort at exit, True being short of references
    out = subprocess.run([sys.executable, "-c", code, str(REPO / "ui" / "core" / "qt_guard.py")],
                         capture_output=True, text=True, timeout=120, check=True).stdout.split()
    version, leaks = out[0], out[1] == "True"
    assert leaks is (version == "6.12.0" and sys.version_info < (3, 12))


def test_the_none_probe_tells_the_truth_about_this_pyside():
    """In a fresh process the void-call probe finds None's leak exactly on 6.12.0 with Python < 3.12."""
    import subprocess

    from tests.conftest import REPO

    code = ("import importlib.util, sys, PySide6; "
            "spec = importlib.util.spec_from_file_location('g', sys.argv[1]); g = importlib.util.module_from_spec(spec); "
            "spec.loader.exec_module(g); print(PySide6.__version__, g.void_call_leaks_none(), flush=True); "
            "import os; os._exit(0)")
    out = subprocess.run([sys.executable, "-c", code, str(REPO / "ui" / "core" / "qt_guard.py")],
                         capture_output=True, text=True, timeout=120, check=True).stdout.split()
    version, leaks = out[0], out[1] == "True"
    assert leaks is (version == "6.12.0" and sys.version_info < (3, 12))
