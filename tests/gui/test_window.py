"""The main window: pages, placeholders, title, remembered state, error dialogs, screenshot mode."""
from __future__ import annotations

import struct

import pytest

from tests.gui.conftest import settle

pytestmark = pytest.mark.gui


def test_every_page_opens_and_none_is_blank(window, ctx):
    """Each side-bar page shows a widget (a real page or a placeholder saying what is coming)."""
    from PySide6.QtWidgets import QLabel

    from ui.pages import PAGES

    for key, title, _module, _about in PAGES:
        page = window.show_page(key)
        settle(ctx)
        assert window.stack.currentWidget() is page
        assert page.findChildren(QLabel) or page.children(), key
    assert "小中甸镇" in window.windowTitle()


def test_missing_page_shows_placeholder(window, ctx, monkeypatch):
    """A page whose module does not exist yet shows a friendly placeholder, not a crash."""
    from ui import pages
    from ui.pages.placeholder import PlaceholderPage

    monkeypatch.setattr(pages, "PAGES", pages.PAGES + [("future", "未来功能", "ui.pages.no_such_page", "说明文字")])
    from PySide6.QtWidgets import QLabel

    page = pages.create_page(ctx, "future")
    assert isinstance(page, PlaceholderPage)
    text = " ".join(label.text() for label in page.findChildren(QLabel))
    assert "未来功能" in text and "尚在制作中" in text and "项目台账" in text  # lists what already works


def test_window_remembers_last_page_and_size(qtbot, ctx, no_questions):
    """Closing saves geometry and last page; a new window opens where the clerk left off."""
    from ui.core.main_window import MainWindow

    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.resize(1000, 700)
    w.show()
    w.show_page("projects")
    settle(ctx)
    w.close()
    w2 = MainWindow(ctx)
    qtbot.addWidget(w2)
    assert w2.current_key() == "projects"
    assert not ctx.value("ui/geometry").isEmpty()
    assert w2.restoreGeometry(ctx.value("ui/geometry"))


def test_unexpected_error_shows_log_and_program_continues(window, ctx):
    """An operation that crashes shows a Chinese message naming the log file; the next one still runs."""
    def boom(app):
        raise RuntimeError("simulated failure")
    ctx.run(boom, title="测试操作")
    settle(ctx)
    assert ctx.runner.errors_shown and "towndesk.log" in ctx.runner.errors_shown[-1]
    assert "未能完成" in ctx.runner.errors_shown[-1]
    results = []
    ctx.run(lambda app: 42, title="下一个操作", on_done=results.append)
    settle(ctx)
    assert results == [42]


def test_slow_operation_shows_cancellable_progress(window, ctx):
    """Work over 0.3 s gets a progress dialog; Cancel stops an operation that checks cancelled()."""
    import time

    from PySide6.QtWidgets import QApplication, QProgressDialog

    from ui.core.tasks import Cancelled

    def slow(app, progress, cancelled):
        for i in range(200):
            if cancelled():
                raise Cancelled()
            progress(i, 200)
            time.sleep(0.01)
        return "done"
    out = []
    task = ctx.run(slow, title="慢操作", cancellable=True, on_done=out.append)
    deadline = time.monotonic() + 3
    while task.dialog is None and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)
    assert isinstance(task.dialog, QProgressDialog)
    from PySide6.QtWidgets import QPushButton

    task.dialog.findChild(QPushButton).click()
    settle(ctx)
    assert out == []


def _png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_screenshot_mode_writes_png(cli, tmp_path, request):
    """`towndesk gui --screenshot` opens each page on the demo data at 1280×800, saves a PNG, exits 0."""
    from tests.conftest import put_demo

    put_demo(cli, request)
    for page in ("dashboard", "projects", "project:2020-102-001"):
        out = tmp_path / f"{page.replace(':', '_')}.png"
        res = cli("gui", "--screenshot", out, "--page", page)
        assert res.code == 0, res.err
        assert _png_size(out) == (1280, 800)
    bad = cli("gui", "--screenshot", tmp_path / "x.png", "--page", "project:9999-000-000")
    assert bad.code == 2 and "9999-000-000" in bad.err, (bad.code, bad.err[-800:])


def test_english_translation_loads(qtbot, ctx, no_questions):
    """With the English .qm installed the side bar and ledger headers are English; Chinese is the default."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from ui.core.launch import install_translations
    from ui.core.main_window import MainWindow

    qapp = QApplication.instance()
    translators = install_translations(qapp, "en")
    try:
        w = MainWindow(ctx, start_page="projects")
        qtbot.addWidget(w)
        settle(ctx)
        assert w.nav.item(0).text() == "Dashboard"
        assert w.page("projects").table.model.headerData(0, Qt.Horizontal) == "Code"
    finally:
        for t in translators:
            qapp.removeTranslator(t)
    w2 = MainWindow(ctx)
    qtbot.addWidget(w2)
    assert w2.nav.item(0).text() == "工作台"
