"""The 同步 page (pytest-qt, offscreen): export with status and open-folder, import through the preview,
history, peers with fingerprints, conflicts side by side, and a package dropped on the page."""
from __future__ import annotations

from contextlib import contextmanager

import pytest

pytest.importorskip("pytestqt")

from db.models import Project  # noqa: E402
from desktop.sync import service  # noqa: E402
from tests.gui.conftest import settle  # noqa: E402
from tests.sync.data import add_project, set_fields  # noqa: E402


@contextmanager
def _shown_page(qtbot, app, tmp_path):
    """The 同步 page over `app`, shown; its background runner is drained and stopped afterwards."""
    from PySide6.QtCore import QSettings

    from ui.core.context import UiContext
    from ui.sync.page import create_page

    ctx = UiContext(app, QSettings(str(tmp_path / "ui.ini"), QSettings.IniFormat))
    p = create_page(ctx)
    qtbot.addWidget(p)
    p.resize(1100, 700)
    p.show()
    settle(ctx)
    try:
        yield p
    finally:
        ctx.runner.wait_idle(30)
        ctx.runner.shutdown()


@pytest.fixture
def page(qtbot, pair, tmp_path):
    town, _county = pair
    with _shown_page(qtbot, town, tmp_path) as p:
        yield p


def test_sync_page_round_trip(page, pair, tmp_path, qtbot):
    """Export, import with preview, history, peers and resolving a conflict, all from the page."""
    from PySide6.QtWidgets import QLabel

    town, county = pair
    ctx = page.ctx
    assert county.node.name in page.peers.table.item(0, 1).text()
    assert page.peers.table.item(0, 2).text() == county.node.fingerprint
    assert town.node.fingerprint in page.peers.me.text()

    pid = add_project(town, with_children=False)
    page.exchange.export_to(tmp_path / "t1.tdpkg")
    settle(ctx)
    assert (tmp_path / "t1.tdpkg").exists()
    assert "已导出给 香格里拉市 的第 1 号同步包" in page.exchange.export_status.text()
    assert page.exchange.open_folder.isEnabled()
    qtbot.waitUntil(lambda: page.history.table.rowCount() == 1, timeout=10_000)

    service.import_package(county, tmp_path / "t1.tdpkg")
    set_fields(county, Project, pid, name="县里改的名称", risk_level="red")
    set_fields(town, Project, pid, name="乡镇改的名称")
    service.export_package(county, tmp_path / "c1.tdpkg", peer=town.node.region_code)

    page.exchange.preview(tmp_path / "c1.tdpkg")
    settle(ctx)
    dlg = page.exchange.preview_dialog
    assert dlg is not None and dlg.isVisible()
    totals = dlg.findChild(QLabel, "sync_preview_totals").text()
    assert "冲突 1 处" in totals and "更新 1 条" in totals
    with town.read() as s:
        assert s.get(Project, pid).risk_level is None  # the preview wrote nothing
    dlg.accept()
    settle(ctx)
    assert "冲突 1 处" in page.exchange.import_status.text()
    qtbot.waitUntil(lambda: page.history.table.rowCount() == 2 and page.tabs.tabText(3) == "冲突（1）", timeout=10_000)

    page.conflicts.table.selectRow(0)
    assert page.conflicts.mine.text() == "乡镇改的名称" and page.conflicts.theirs.text() == "县里改的名称"
    assert page.conflicts.keep_theirs.isEnabled()
    page.conflicts.keep_theirs.click()
    settle(ctx)
    with town.read() as s:
        p = s.get(Project, pid)
        assert (p.name, p.risk_level) == ("县里改的名称", "red")
    qtbot.waitUntil(lambda: page.conflicts.table.rowCount() == 0 and page.tabs.tabText(3) == "冲突", timeout=10_000)


def test_drop_package_on_page(page, pair, tmp_path):
    """Dropping a .tdpkg on the page opens its preview; dropping something else says it is not a package."""
    from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    town, county = pair
    service.export_package(county, tmp_path / "c.tdpkg", peer=town.node.region_code)
    for name in ("notes.txt", "c.tdpkg"):
        (tmp_path / "notes.txt").write_text("x")
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(tmp_path / name))])
        page.dropEvent(QDropEvent(QPoint(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier))
        settle(page.ctx)
        if name == "notes.txt":
            assert "不是同步包" in page.exchange.import_status.text()
    assert page.exchange.preview_dialog is not None and page.exchange.preview_dialog.isVisible()
    page.exchange.preview_dialog.reject()
    assert "已取消导入" in page.exchange.import_status.text()


def test_county_imports_a_folder_from_the_page(qtbot, network, tmp_path):
    """The county's page imports a folder of two townships' packages and a damaged one in the background: the
    status names each file, the two are applied (sharing one commit), the damaged one is refused by name, and
    the history lists the two received packages."""
    county, towns = network
    folder = tmp_path / "in"
    folder.mkdir()
    for t in towns:
        add_project(t, name=f"{t.node.name}新项目", with_children=False)
        service.export_package(t, folder / f"{t.node.region_code}.tdpkg")
    damaged = folder / f"{towns[2].node.region_code}.tdpkg"
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    with _shown_page(qtbot, county, tmp_path) as page:
        page.exchange.import_folder(str(folder))
        settle(page.ctx)
        text = page.exchange.import_status.text()
        assert "共 3 个文件：导入 2，以前导入过 0，旧包 0，拒绝 1。" in text
        assert f"{damaged.name}：同步包 {damaged.name} 已损坏" in text
        qtbot.waitUntil(lambda: page.history.table.rowCount() == 2, timeout=10_000)
