"""Fixtures for GUI tests: a UI context over a private demo folder, the main window, waiting helpers."""
from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")


@pytest.fixture
def ctx(qtbot, demo_app, tmp_path):
    """A UiContext over a copy of the demo township, with settings in the test's own folder."""
    from PySide6.QtCore import QSettings

    from ui.core.context import UiContext

    c = UiContext(demo_app, QSettings(str(tmp_path / "ui.ini"), QSettings.IniFormat))
    yield c
    c.runner.wait_idle(30)
    c.runner.shutdown()


@pytest.fixture
def no_questions(monkeypatch):
    """Answer every QMessageBox.question with Yes (modal boxes would block offscreen tests)."""
    from PySide6.QtWidgets import QMessageBox

    asked = []

    def answer(*args, **kwargs):
        asked.append(args[2] if len(args) > 2 else "")
        return QMessageBox.Yes
    monkeypatch.setattr(QMessageBox, "question", answer)
    return asked


@pytest.fixture
def window(qtbot, ctx, no_questions):
    from ui.core.main_window import MainWindow

    w = MainWindow(ctx, start_page="dashboard")
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    settle(ctx)
    return w


def settle(ctx, rounds: int = 2) -> None:
    """Let queued operations and their follow-up operations finish."""
    from PySide6.QtWidgets import QApplication

    for _ in range(rounds):
        if not ctx.runner.wait_idle(30):
            import faulthandler
            import sys

            faulthandler.dump_traceback(sys.stderr)  # where the worker is stuck
            raise AssertionError(f"operations did not finish: {ctx.runner.pending()}")
        QApplication.processEvents()
