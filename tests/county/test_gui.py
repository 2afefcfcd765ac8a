"""The 风险督办 page (pytest-qt, offscreen): county ranking, grading with a reason, notices both ways."""
import shutil

import pytest

pytest.importorskip("pytestqt")

from tests.conftest import COUNTY  # noqa: E402
from tests.gui.conftest import settle  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture(scope="session")
def county_template(tmp_path_factory):
    """A county folder with the demo's six townships, made once; tests copy it."""
    from desktop.core.app import init_data_folder
    from desktop.setup.demo import fill_demo

    root = tmp_path_factory.mktemp("county_demo") / "data"
    app = init_data_folder(root, role="county", region_code=COUNTY[0], name=COUNTY[1])
    fill_demo(app)
    app.dispose()
    return root


def _ctx(app, tmp_path):
    from PySide6.QtCore import QSettings

    from ui.core.context import UiContext

    return UiContext(app, QSettings(str(tmp_path / "ui.ini"), QSettings.IniFormat))


@pytest.fixture
def county_ctx(qtbot, tmp_path, county_template):
    from desktop.core.app import open_app

    shutil.copytree(county_template, tmp_path / "county")
    app = open_app(tmp_path / "county")
    app.user_name = "县工作专班"
    c = _ctx(app, tmp_path)
    yield c
    c.runner.wait_idle(30)
    c.runner.shutdown()
    app.dispose()


@pytest.fixture
def town_ctx(qtbot, tmp_path, demo_app):
    c = _ctx(demo_app, tmp_path)
    yield c
    c.runner.wait_idle(30)
    c.runner.shutdown()


def _page(qtbot, ctx):
    from ui.county.page import create_page

    page = create_page(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    settle(ctx, 3)
    return page


def test_county_sees_townships_ranked_and_the_risk_proposals(qtbot, county_ctx):
    """乡镇进度 lists every township with rank 1 first; 风险排查 lists every project, red first."""
    page = _page(qtbot, county_ctx)
    t = page.dashboard.table
    assert t.rowCount() == 11 and t.item(0, 0).text() == "1"
    assert "个乡镇超过 15 天未报送" in page.dashboard.summary.text()
    r = page.risk.table
    assert r.rowCount() == 84 and "红" in r.item(0, 4).text()
    assert "系统建议红" in page.risk.count.text()


def test_override_needs_a_reason_shown_in_the_dialog_then_is_recorded(qtbot, county_ctx):
    """Choosing green against a red proposal shows the refusal in the dialog; with a reason it is saved."""
    from desktop.risk import service

    page = _page(qtbot, county_ctx)
    page.risk.table.selectRow(0)
    code = page.risk.rows[0]["code"]
    dlg = page.risk.confirm_selected()
    dlg.level.setCurrentIndex(2)
    dlg.submit()
    settle(county_ctx)
    assert "须写明理由" in dlg.error.text() and dlg.isVisible()
    dlg.reason.setPlainText("现场核查：已复工")
    dlg.submit()
    settle(county_ctx, 3)
    assert not dlg.isVisible()
    last = service.history(county_ctx.app, code)[-1]
    assert last["level"] == "green" and last["override_reason"] == "现场核查：已复工"


def test_county_issues_a_notice_from_the_page(qtbot, county_ctx):
    """下发督办单: an empty title is refused inside the dialog; a filled one appears in the list."""
    page = _page(qtbot, county_ctx)
    before = page.notices.table.rowCount()
    dlg = page.notices.issue()
    dlg.township.setCurrentIndex(dlg.township.findText("小中甸镇"))
    dlg.submit()
    settle(county_ctx)
    assert "标题不能为空" in dlg.error.text()
    dlg.title_edit.setText("关于加快资金支出进度的督办单")
    dlg.submit()
    settle(county_ctx, 3)
    assert page.notices.table.rowCount() == before + 1
    titles = [page.notices.table.item(i, 1).text() for i in range(page.notices.table.rowCount())]
    assert "关于加快资金支出进度的督办单" in titles


def test_township_answers_its_notice_with_evidence(qtbot, town_ctx, tmp_path):
    """A township sees no county ranking; it answers the demo's notice No. 7 with a file attached."""
    from desktop.notices import service

    page = _page(qtbot, town_ctx)
    assert page.dashboard is None and not page.notices.issue_button.isVisibleTo(page)
    assert page.notices.table.rowCount() == 1
    page.notices.table.selectRow(0)
    dlg = page.notices.reply_selected()
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(b"\xff\xd8 photo")
    dlg.files.set_files([photo])
    dlg.text.setPlainText("已复工，附现场照片。")
    dlg.submit()
    settle(town_ctx, 3)
    [n] = service.list_notices(town_ctx.app)
    assert n["status"] == "answered" and n["replies"][0]["attachments"][0]["filename"] == "现场照片.jpg"
    assert "已答复" in page.notices.table.item(0, 7).text()
