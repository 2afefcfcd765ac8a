"""The 文书模板 page: library list, preview with missing data, render, one-click link, adding a template."""
from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402
from sqlalchemy import select  # noqa: E402

from db.models import ProjectDocument  # noqa: E402
from desktop.core.changes import ChangeSet  # noqa: E402
from desktop.projects.projects import create_project, find  # noqa: E402
from tests.templates.factory import docx_text, make_docx  # noqa: E402

pytestmark = pytest.mark.gui
LIANHE = "2020-102-001"


@pytest.fixture
def page(qtbot, demo_app, tmp_path, monkeypatch):
    """The page over a private demo folder; QMessageBox.question answers Yes."""
    from ui.core.context import UiContext
    from ui.templates.page import create_page

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    ctx = UiContext(demo_app, QSettings(str(tmp_path / "ui.ini"), QSettings.IniFormat))
    p = create_page(ctx)
    qtbot.addWidget(p)
    p.resize(1280, 800)
    p.show()
    settle(ctx)
    yield p
    ctx.runner.wait_idle(IDLE_S)
    ctx.runner.shutdown()


# Rendering runs in a child process (desktop/templates/bounded.py): starting it costs a few seconds
# on a loaded two-core machine, so the page gets more time to become idle than a plain query needs.
IDLE_S = 120


def settle(ctx) -> None:
    """Let the page's coalescing timers fire and every queued operation finish."""
    for _ in range(4):
        QTest.qWait(120)
        assert ctx.runner.wait_idle(IDLE_S)
        QApplication.processEvents()


def _choose(page, template: str, code: str) -> None:
    page.library.select_name(template)
    page.panel.select_project(code)
    page.panel.refresh_preview()
    settle(page.ctx)


def test_library_lists_builtins_with_kind_version_source(page):
    """Seven templates are listed with 类别, 版本 and 来源; the fields of the selected one are shown."""
    t = page.library.table
    assert t.rowCount() == 7
    assert [t.item(0, c).text() for c in range(4)] == ["利益联结机制协议", "协议", "第 1 版", "内置"]
    assert "计划投资大写" in page.library.fields_label.text()


def test_preview_shows_values_and_missing_data(page):
    """For 联合村 the 公示 preview lists 57 households; for a bare project it warns 受益户名单为空."""
    _choose(page, "项目公示（带贫户名单公示）", LIANHE)
    rows = {page.panel.table.item(r, 0).text(): page.panel.table.item(r, 1).text()
            for r in range(page.panel.table.rowCount())}
    assert rows["受益户"] == "57 行" and rows["计划投资大写"] == "壹仟陆佰玖拾万元整"
    assert page.panel.problems.text() == ""
    code = create_project(page.ctx.app, {"name": "测试村公厕项目", "year": 2021, "level": "镇级"})["code"]
    page.ctx.sig_changed.emit(ChangeSet.of_tables("project"), None)  # as if another program made it
    settle(page.ctx)
    _choose(page, "项目公示（带贫户名单公示）", code)
    assert "受益户名单为空" in page.panel.problems.text()
    assert page.panel.table.findItems("（缺）", Qt.MatchExactly)


def test_render_then_link_with_one_click(page, tmp_path):
    """Rendering writes the Word file and lists it; one click links it to the chosen checklist item."""
    _choose(page, "资金拨付申请报告", LIANHE)
    assert page.panel.item_box.currentData() == "disbursement_report"
    page.panel.item_box.setCurrentIndex(0)  # 不关联 now, link afterwards
    out = tmp_path / "拨付申请.docx"
    page.panel.render_to(out)
    settle(page.ctx)
    assert out.exists() and "小中甸镇联合村乡村旅游建设项目" in docx_text(out)[0]
    assert str(out) in page.panel.result_label.text() and page.panel.open_btn.isVisibleTo(page)
    gen = page.panel.generated
    assert gen.table.rowCount() == 1 and not gen.link_btn.isEnabled()
    page.panel.item_box.setCurrentIndex(page.panel.item_box.findData("disbursement_report"))
    assert gen.link_btn.isEnabled() and "资金拨付报告" in gen.link_btn.text()
    gen.link_btn.click()
    settle(page.ctx)
    with page.ctx.app.read() as s:
        doc = s.scalar(select(ProjectDocument).where(ProjectDocument.project_id == find(s, LIANHE).id,
                                                     ProjectDocument.item_key == "disbursement_report"))
        assert doc.state == "collected"
    assert gen.table.item(0, 4).text() == "资金拨付报告"


def test_add_template_shows_check_result(page, tmp_path):
    """A template with an unknown field is refused with the field named; a good one joins the library."""
    bad = make_docx(tmp_path / "bad.docx", ["{{ 合同金额大写 }}"])
    page.library.add_template_file(bad, "我的协议")
    settle(page.ctx)
    assert not page.library.last_check["ok"]
    assert any("合同金额大写" in m and "计划投资大写" in m for m in page.ctx.runner.errors_shown)
    assert page.library.table.rowCount() == 7
    good = make_docx(tmp_path / "good.docx", ["{{ 项目名称 }} {{ 计划投资大写 }}"])
    page.library.add_template_file(good, "我的协议")
    settle(page.ctx)
    assert page.library.table.rowCount() == 8
    assert page.library.current()["name"] == "我的协议" and page.library.current()["source_label"] == "本单位"
