"""GUI side of the platform layer: openUrl failures are shown; a second window on a held folder is refused."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

pytestmark = pytest.mark.gui


def test_open_failure_tells_where_the_file_is(qtbot, tmp_path, monkeypatch):
    """When no program can open a PDF, the clerk sees a message naming the file and its folder."""
    from ui.core import open_file

    monkeypatch.setattr(open_file.QDesktopServices, "openUrl", staticmethod(lambda url: False))
    pdf = tmp_path / "资料目录对照表.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    open_file.shown_messages.clear()
    assert open_file.open_with_system(pdf) is False
    text = open_file.shown_messages[-1]
    assert "资料目录对照表.pdf" in text and str(tmp_path) in text and ".pdf" in text and "--" not in text


def test_open_success_shows_nothing(qtbot, tmp_path, monkeypatch):
    """A file the system opens produces no message."""
    from ui.core import open_file

    opened = []
    monkeypatch.setattr(open_file.QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    open_file.shown_messages.clear()
    assert open_file.open_with_system(tmp_path) is True
    assert opened[0].toLocalFile() == str(tmp_path) and open_file.shown_messages == []


def test_second_window_on_a_held_folder_is_told_plainly(qtbot, tmp_path, monkeypatch):
    """run_gui on a folder another window holds shows the Chinese message and exits 2 without opening it."""
    from desktop.platform.folder_lock import DataFolderLock
    from ui.core import launch

    shown = []
    monkeypatch.setattr(launch, "_message", lambda title, text: shown.append(text))
    monkeypatch.setattr(launch, "_run_window", lambda *a: pytest.fail("the folder must not be opened"))
    with DataFolderLock(tmp_path):
        rc = launch.run_gui(SimpleNamespace(data_dir=str(tmp_path), db_url=None, screenshot=None, page=None))
    assert rc == 2 and "另一个 TownDesk 窗口" in shown[0] and str(tmp_path) in shown[0]


def test_first_window_holds_the_lock_until_it_closes(qtbot, tmp_path, monkeypatch):
    """While the window runs its folder is locked; after it returns the lock is free."""
    from desktop.platform.folder_lock import DataFolderLock, FolderInUse
    from ui.core import launch

    seen = []

    def window(*a):
        with pytest.raises(FolderInUse):
            DataFolderLock(tmp_path).acquire()
        seen.append("locked")
        return 0

    monkeypatch.setattr(launch, "_run_window", window)
    assert launch.run_gui(SimpleNamespace(data_dir=str(tmp_path), db_url=None, screenshot=None, page=None)) == 0
    assert seen == ["locked"]
    DataFolderLock(tmp_path).acquire().release()


def test_task_failing_on_a_held_file_shows_the_file_not_an_internal_error(qtbot, township_app):
    """A background save hitting a sharing violation shows the in-use message, not 程序内部错误."""
    from ui.core.context import UiContext

    ctx = UiContext(township_app)
    try:
        def work(app):
            e = PermissionError(13, "in use", "x.part", None, "半月调度表.xlsx")
            e.winerror = 32
            raise e

        ctx.run(work, title="导出")
        qtbot.waitUntil(lambda: bool(ctx.runner.errors_shown), timeout=10000)
        assert "半月调度表.xlsx" in ctx.runner.errors_shown[-1] and "内部错误" not in ctx.runner.errors_shown[-1]
    finally:
        ctx.runner.shutdown()
