"""Each page reloads on the changes it shows and not on others; hidden pages wait; a CLI edit reaches the window."""
from __future__ import annotations

import time

import pytest

from desktop.core import changes
from desktop.core.changes import ChangeSet
from ui import pages as page_registry
from ui.core.refresh import Refresher
from tests.conftest import REPO, towndesk_command
from tests.gui.conftest import settle

PAGE_KEYS = [key for key, *_ in page_registry.PAGES]
ALL_TABLES = frozenset(t for group in changes.GROUPS.values() for t in group)


def _refreshers(widget) -> list[Refresher]:
    return widget.findChildren(Refresher)


def _reveal(view) -> None:
    """Bring a view's tab to the front (each QStackedWidget on the way up shows the branch holding it)."""
    from PySide6.QtWidgets import QStackedWidget

    w = view
    while w is not None and w.parentWidget() is not None:
        parent = w.parentWidget()
        if isinstance(parent, QStackedWidget):
            parent.setCurrentWidget(w)
        w = parent


@pytest.mark.parametrize("key", PAGE_KEYS)
def test_page_reloads_on_what_it_shows_only(window, ctx, key):
    """For every page: a change to a table it shows reloads it once; a change to any other table does not."""
    page = window.show_page(key)
    settle(ctx)
    found = _refreshers(page)
    assert found, f"{key}: no view follows the data"
    for r in found:
        _reveal(r.view)
        settle(ctx)
        assert r.view.isVisible()
        before = r.reloads
        others = ALL_TABLES - r.tables
        ctx.sig_changed.emit(ChangeSet(frozenset(others)), None)
        settle(ctx)
        assert r.reloads == before, f"{key}/{r.objectName()} reloaded on {sorted(others)}"
        ctx.sig_changed.emit(ChangeSet(frozenset(sorted(r.tables)[:1])), None)
        settle(ctx)
        assert r.reloads == before + 1, f"{key}/{r.objectName()} did not reload on {sorted(r.tables)[:1]}"


def test_hidden_page_marks_itself_stale_and_reloads_when_shown(window, ctx):
    """A change to projects while the ledger is hidden reloads it only when the clerk opens it."""
    ledger = window.page("projects")
    window.show_page("dashboard")
    settle(ctx)
    before = ledger.refresher.reloads
    ctx.sig_changed.emit(ChangeSet.of_tables("project"), None)
    settle(ctx)
    assert ledger.refresher.reloads == before and ledger.refresher.stale
    window.show_page("projects")
    settle(ctx)
    assert ledger.refresher.reloads == before + 1 and not ledger.refresher.stale


def test_a_view_ignores_its_own_echo(window, ctx):
    """The change a view made itself (initiator = that view) does not reload it; others still hear it."""
    dash = window.show_page("dashboard")
    settle(ctx)
    before = dash.refresher.reloads
    ctx.sig_changed.emit(ChangeSet.of_tables("project"), dash)
    settle(ctx)
    assert dash.refresher.reloads == before
    ctx.sig_changed.emit(ChangeSet.of_tables("project"), object())
    settle(ctx)
    assert dash.refresher.reloads == before + 1


def test_closing_a_notice_does_not_rerun_the_risk_assessment(window, ctx):
    """The 风险督办 page: a notice change reloads the notices tab, never the risk tab."""
    page = window.show_page("county")
    settle(ctx)
    risk = next(r for r in _refreshers(page) if r.view is page.risk)
    notices = next(r for r in _refreshers(page) if r.view is page.notices)
    page.tabs.setCurrentWidget(page.notices)
    settle(ctx)
    r0, n0 = risk.reloads, notices.reloads
    ctx.sig_changed.emit(ChangeSet.of_tables("notice"), None)
    settle(ctx)
    assert risk.reloads == r0 and not risk.stale and notices.reloads == n0 + 1


def test_a_mutation_reports_what_the_core_saw(window, ctx, qtbot):
    """ctx.mutate: the views hear the tables the transaction touched, with the initiator, before on_done."""
    from desktop.projects import projects

    heard, done = [], []
    ctx.sig_changed.connect(lambda c, i: heard.append((c, i)))
    marker = object()
    ctx.mutate(lambda app: projects.update_project(app, "2020-102-001", {"name": "改名测试"}), initiator=marker,
               title="测试", on_done=lambda v: done.append(len(heard)))
    settle(ctx)
    assert done == [1]
    change, initiator = heard[0]
    assert change.tables == {"project"} and "2020-102-001" in change.codes and initiator is marker


@pytest.mark.sqlite_only(reason="PRAGMA data_version; PostgreSQL polls the change log (tested in tests/core)")
def test_cli_edit_appears_in_an_open_window(window, ctx, qtbot):
    """`towndesk projects edit` in another process shows in the open ledger within two seconds."""
    import subprocess

    ledger = window.show_page("projects")
    settle(ctx)
    code = "2020-102-003"
    cmd = towndesk_command() + ["--data-dir", str(ctx.app.data_dir), "projects", "edit", code, "--set",
                                "name=命令行改名的项目"]
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", cwd=REPO, timeout=120)
    assert proc.returncode == 0, proc.stderr
    start = time.monotonic()

    def shown():
        return any(r["code"] == code and r["name"] == "命令行改名的项目" for r in ledger.table.model.rows)
    qtbot.waitUntil(shown, timeout=2000)
    assert time.monotonic() - start < 2.0


def test_waiting_is_not_starved_by_polls_that_keep_coming(ctx, qtbot):
    """Tests and screenshots wait for the work queued so far; a quiet poll queued every few ms meanwhile
    (another program writing all the time) does not keep that wait from ending."""
    import time

    class BusyOtherProgram:
        """A watch that always sees another program's commit and takes a while to read it."""

        def probe(self):
            return True

        def collect(self):
            time.sleep(0.01)
            from desktop.core.changes import NOTHING

            return NOTHING

    from PySide6.QtCore import QTimer

    watch = BusyOtherProgram()
    timer = QTimer(interval=1)
    timer.timeout.connect(lambda: ctx.runner.poll_others(watch))
    timer.start()
    done = []
    ctx.query(lambda app: 42, title="读", on_done=done.append, show_progress=False)
    try:
        assert ctx.runner.wait_idle(20)
    finally:
        timer.stop()
    assert done == [42]
