"""The 报表 page, the wall chart view and the Excel ledger import wizard, driven with pytest-qt."""
from __future__ import annotations


import pytest

pytest.importorskip("pytestqt")
pytestmark = pytest.mark.gui


@pytest.fixture
def ctx(qtbot, demo_app, tmp_path):
    """A UI context over a private copy of the demo township."""
    from PySide6.QtCore import QSettings

    from ui.core.context import UiContext

    c = UiContext(demo_app, QSettings(str(tmp_path / "ui.ini"), QSettings.IniFormat))
    yield c
    c.runner.wait_idle(60)
    c.runner.shutdown()


def settle(ctx):
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        assert ctx.runner.wait_idle(60)
        QApplication.processEvents()


def test_reports_page_writes_a_table_and_offers_the_folder(qtbot, ctx, tmp_path):
    """Choosing 推进梳理表 and 2020 writes the Excel file on the worker and says where it is."""
    from openpyxl import load_workbook

    from ui.reports.page import create_page

    page = create_page(ctx)
    qtbot.addWidget(page)
    settle(ctx)
    assert page.year.findData(2020) > 0 and not page.township.isVisibleTo(page)  # a township has no choice
    page.year.setCurrentIndex(page.year.findData(2020))
    out = tmp_path / "进度.xlsx"
    page.generate(".xlsx", str(out))
    settle(ctx)
    assert load_workbook(out).active["A2"].value == "2020年小中甸镇扶贫资金帮扶资金产业项目推进梳理表"
    assert str(out) in page.status.text() and page.open_folder.isEnabled()


def test_dispatch_needs_a_report_day_and_says_so_inline(qtbot, ctx, tmp_path):
    """A dispatch date that is not the 14th or 29th is refused beside the buttons, no file written."""
    from PySide6.QtCore import QDate

    from desktop.reports import KINDS
    from ui.reports.page import create_page

    page = create_page(ctx)
    qtbot.addWidget(page)
    settle(ctx)
    page.kinds.setCurrentRow(list(KINDS).index("dispatch"))
    assert page.on.isVisibleTo(page)
    page.on.setDate(QDate(2020, 6, 20))
    page.generate(".pdf", str(tmp_path / "d.pdf"))
    settle(ctx)
    assert "不是报送日" in page.status.text() and not (tmp_path / "d.pdf").exists()
    page.on.setDate(QDate(2020, 6, 29))
    page.generate(".pdf", str(tmp_path / "d.pdf"))
    settle(ctx)
    assert (tmp_path / "d.pdf").stat().st_size > 5000


def test_wall_chart_view_shows_the_printed_chart(qtbot, ctx, tmp_path):
    """The 挂图作战 tab draws the chart PDF as an image, pages through it and saves it."""
    from PySide6.QtCore import QDate

    from ui.reports.page import create_page

    page = create_page(ctx)
    qtbot.addWidget(page)
    settle(ctx)
    view = page.wallchart
    view.year.setCurrentIndex(view.year.findData(2020))
    view.on.setDate(QDate(2020, 7, 15))
    view.refresh()
    settle(ctx)
    assert "2020年度小中甸镇帮扶项目作战图" in view.info.text()
    pix = view.image.pixmap()
    assert pix is not None and pix.width() >= 900 and pix.height() > 500
    view.save(str(tmp_path / "chart.pdf"))
    assert (tmp_path / "chart.pdf").read_bytes()[:4] == b"%PDF"


def test_import_wizard_previews_fixes_a_level_and_imports(qtbot, ctx, tmp_path):
    """The wizard reads the sheet, shows columns and sections, previews every row, then imports once."""
    from openpyxl import Workbook

    from desktop.projects.projects import list_projects
    from ui.ledger_import.wizard import LedgerImportWizard

    f = tmp_path / "台账.xlsx"
    wb = Workbook()
    ws = wb.active
    for row in (["单位：万元"], ["序号", "项目名称", "年度", "计划投资", "责任人"], ["一、计划内项目（2个）"],
                [1, "迪吉村新建产业路", 2022, "12.5", "和文明"], [2, "团结村饮水管网改造", 2022, "待定", "扎西"],
                ["合计", None, None, 12.5]):
        ws.append(row)
    wb.save(f)
    before = len(list_projects(ctx.app))
    wizard = LedgerImportWizard(ctx, path=str(f))
    qtbot.addWidget(wizard)
    settle(ctx)
    assert wizard.file_page.sheet.count() == 2
    wizard.next()
    settle(ctx)
    mapping = wizard.mapping_page
    assert wizard.stack.currentWidget() is mapping and mapping.columns.rowCount() == 5
    assert mapping.sections.item(0, 1).text().startswith("一、计划内项目")
    mapping.sections.cellWidget(0, 2).setCurrentText("镇级")
    wizard.next()
    settle(ctx)
    preview = wizard.preview_page
    assert wizard.stack.currentWidget() is preview and "将新增 1 个项目" in preview.counts.text()
    reasons = [preview.rows.item(i, 3).text() for i in range(preview.rows.rowCount())]
    assert any("'待定' 不是金额" in r for r in reasons)
    assert wizard.import_btn.isEnabled() and len(list_projects(ctx.app)) == before  # nothing written yet
    wizard.do_import()
    settle(ctx)
    new = [p for p in list_projects(ctx.app) if p["name"] == "迪吉村新建产业路"]
    assert len(new) == 1 and new[0]["level"] == "镇级" and new[0]["planned_investment_yuan"] == "125000.00"
    assert "导入完成" in wizard.message.text() and not wizard.import_btn.isEnabled()


def test_wizard_explains_a_file_it_cannot_read(qtbot, ctx, tmp_path):
    """An old .xls file gets the save-as-xlsx message in the wizard, not a crash."""
    from ui.ledger_import.wizard import LedgerImportWizard

    f = tmp_path / "old.xls"
    f.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    wizard = LedgerImportWizard(ctx, path=str(f))
    qtbot.addWidget(wizard)
    settle(ctx)
    assert "另存为" in wizard.message.text() and ctx.runner.errors_shown == []


def test_import_wizard_links_a_row_to_a_synced_project_only_when_ticked(qtbot, ctx, tmp_path):
    """A row that is 小中甸镇安南村牦牛养殖产业项目 under its short name is shown as matching; ticking 关联已有项目 links it."""
    from openpyxl import Workbook

    from desktop.projects.projects import list_projects
    from ui.ledger_import.wizard import LedgerImportWizard

    f = tmp_path / "县台账.xlsx"
    wb = Workbook()
    ws = wb.active
    for row in (["序号", "项目名称", "年度", "项目层级", "实施乡镇", "计划投资（万元）"],
                [1, "安南村牦牛养殖产业项目", 2020, "市级", "小中甸镇", 620]):
        ws.append(row)
    wb.save(f)
    before = len(list_projects(ctx.app))
    code = next(p["code"] for p in list_projects(ctx.app) if p["name"] == "小中甸镇安南村牦牛养殖产业项目")
    wizard = LedgerImportWizard(ctx, path=str(f))
    qtbot.addWidget(wizard)
    settle(ctx)
    wizard.next()
    settle(ctx)
    wizard.next()
    settle(ctx)
    reasons = [wizard.preview_page.rows.item(i, 3).text() for i in range(wizard.preview_page.rows.rowCount())]
    assert any(code in r and "关联已有项目" in r and "--" not in r for r in reasons), reasons
    wizard.file_page.link_similar.setChecked(True)
    assert wizard.options().link_similar
    wizard.do_import()
    settle(ctx)
    assert len(list_projects(ctx.app)) == before  # linked, not a second project


def test_wizard_shows_the_default_level_per_row_and_lets_the_clerk_change_it(qtbot, ctx, tmp_path):
    """A ledger grouped by 产业发展类/基础设施类 without levels: each row's preview says 县级 was assumed; picking
    a level in the wizard removes the warning and that level is imported."""
    from openpyxl import Workbook

    from desktop.projects.projects import list_projects
    from ui.ledger_import.wizard import LedgerImportWizard

    f = tmp_path / "分类台账.xlsx"
    wb = Workbook()
    ws = wb.active
    for row in (["2022年小中甸镇项目统计表"], ["序号", "项目名称", "实施乡镇", "计划投资（万元）"], ["一、产业发展类"],
                [1, "迪吉村青稞加工坊", "小中甸镇", "12.34"], ["二、基础设施类"], [1, "团结村机耕路", "小中甸镇", 8]):
        ws.append(row)
    wb.save(f)
    wizard = LedgerImportWizard(ctx, path=str(f))
    qtbot.addWidget(wizard)
    settle(ctx)
    wizard.next()
    settle(ctx)
    wizard.next()
    settle(ctx)
    preview = wizard.preview_page
    texts = {preview.rows.item(i, 2).text(): preview.rows.item(i, 3).text() for i in range(preview.rows.rowCount())}
    assert "“县级”" in texts["迪吉村青稞加工坊"] and "“县级”" in texts["团结村机耕路"]
    assert all("--" not in t for t in texts.values())
    wizard.back()
    wizard.file_page.level.setCurrentIndex(wizard.file_page.level.findData("镇级"))
    wizard.next()
    settle(ctx)
    texts = {preview.rows.item(i, 2).text(): preview.rows.item(i, 3).text() for i in range(preview.rows.rowCount())}
    assert "层级" not in texts["迪吉村青稞加工坊"]
    wizard.do_import()
    settle(ctx)
    got = {p["name"]: (p["level"], p["category"], p["planned_investment_yuan"]) for p in list_projects(ctx.app)}
    assert got["迪吉村青稞加工坊"] == ("镇级", "产业", "123400.00")
    assert got["团结村机耕路"] == ("镇级", "基础设施", "80000.00")
