"""The first paint of a start: the frame with last time's figures, then the real window in its place."""
from __future__ import annotations

import pytest

from tests.gui.conftest import settle

pytestmark = pytest.mark.gui


def test_dashboard_load_leaves_figures_for_the_next_start(window, ctx):
    """Loading the dashboard writes the cache the next start paints from, with the same card figures."""
    from desktop.core import startcache

    page = window.page("dashboard")
    cache = startcache.load(ctx.app.data_dir)
    assert cache is not None and cache["year"] == page.data["year"]
    assert cache["cards"]["projects"] == page.data["cards"]["projects"]


def test_start_frame_paints_cached_cards(window, ctx, qtbot):
    """With a cache the frame shows the node in its title and the same card texts as the live dashboard."""
    from PySide6.QtWidgets import QApplication

    from ui.core.launch import show_start_frame

    live = window.page("dashboard")
    frame = show_start_frame(ctx.app.data_dir, QApplication.instance())
    qtbot.addWidget(frame)
    assert frame is not None and "小中甸镇" in frame.windowTitle()
    for key in ("projects", "spent", "risk"):
        assert frame.cards[key].value.text() == live.cards[key].value.text()
        assert frame.cards[key].detail.text() == live.cards[key].detail.text()
    assert "上次打开时" in frame.note.text()
    frame.dismiss()
    assert not frame.closed_by_user


def test_no_cache_no_frame(tmp_path, qtbot):
    """A first start (no cache yet) paints no frame: the window opens as before."""
    from PySide6.QtWidgets import QApplication

    from ui.core.launch import show_start_frame

    assert show_start_frame(tmp_path, QApplication.instance()) is None


def test_closing_the_frame_is_remembered(tmp_path, qtbot, window, ctx):
    """The clerk closing the frame while the folder opens is told apart from the program replacing it."""
    from PySide6.QtWidgets import QApplication

    from ui.core.launch import show_start_frame

    settle(ctx)
    frame = show_start_frame(ctx.app.data_dir, QApplication.instance())
    qtbot.addWidget(frame)
    frame.close()
    assert frame.closed_by_user


def test_off_thread_returns_values_and_errors(qtbot):
    """Work run off the painting thread hands back its result, or raises its own error (e.g. a UserError)."""
    import threading

    from desktop.core.errors import UserError
    from ui.core.launch import off_thread

    main = threading.get_ident()
    assert off_thread(lambda: threading.get_ident()) != main
    with pytest.raises(UserError):
        off_thread(lambda: (_ for _ in ()).throw(UserError("数据文件夹无法打开")))


def test_start_frame_paints_before_the_database_stack_is_imported(window, ctx):
    """In a fresh process the frame is painted with neither SQLAlchemy nor the models imported (they are the
    start-up cost the frame defers; a font helper imported from ui.core.context once pulled them in)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from desktop.core import startcache

    assert startcache.load(ctx.app.data_dir) is not None  # the dashboard left figures: the frame will paint
    probe = ("import sys\nfrom pathlib import Path\nfrom ui.core.launch import ensure_qapp, show_start_frame\n"
             f"frame = show_start_frame(Path({str(ctx.app.data_dir)!r}), ensure_qapp())\n"
             "print(frame is not None, sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic'))"
             " or sorted(m for m in sys.modules if m.startswith('db.')))\n")
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(root))
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=root, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "True []", out.stdout
