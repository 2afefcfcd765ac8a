"""The 资料清单 page and the 资料 tab, offscreen with pytest-qt."""
from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDropEvent, QImage  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from desktop.checklists import service  # noqa: E402
from tests.checklists import pdftools  # noqa: E402

pytestmark = pytest.mark.gui
CODE = "2020-102-001"


@pytest.fixture
def ctx(qtbot, small_app):
    from ui.core.context import UiContext

    c = UiContext(small_app)
    yield c
    c.runner.wait_idle()
    c.runner.shutdown()


def _tab(qtbot, ctx, code=CODE):
    from ui.project_tabs.documents_tab import DocumentsTab

    tab = DocumentsTab(ctx, code)
    qtbot.addWidget(tab)
    ctx.runner.wait_idle()
    return tab


def _select(tab, key):
    for i in range(tab.tree.topLevelItemCount()):
        g = tab.tree.topLevelItem(i)
        for j in range(g.childCount()):
            if g.child(j).data(0, Qt.UserRole) == key:
                tab.tree.setCurrentItem(g.child(j))
                return
    raise KeyError(key)


def test_tab_shows_items_and_saves_a_state(qtbot, ctx):
    """The tab lists the standard's items by stage; saving 需补正 without a reason shows the message inline."""
    tab = _tab(qtbot, ctx)
    assert tab.tree.topLevelItemCount() == 8 and "完整度 0/25" in tab.summary.text()
    _select(tab, "impl_plan")
    tab.state.setCurrentIndex(tab.state.findData("needs_fix"))
    tab.reason.setText("")
    tab.save_item()
    ctx.runner.wait_idle()
    assert "须写明需要补正的内容" in tab.error.text()
    tab.state.setCurrentIndex(tab.state.findData("collected"))
    tab.location.setText("2020-档案盒05")
    tab.save_item()
    ctx.runner.wait_idle()
    ctx.runner.wait_idle()
    assert tab.error.text() == "" and "完整度 1/25" in tab.summary.text()
    item = next(i for i in service.project_checklist(ctx.app, CODE)["items"] if i["key"] == "impl_plan")
    assert (item["state"], item["location"]) == ("collected", "2020-档案盒05")


def test_drop_files_adds_attachments_with_thumbnail(qtbot, ctx, tmp_path):
    """Dropping an image on the tab attaches it to the selected item and shows a thumbnail."""
    img = QImage(300, 200, QImage.Format_RGB32)
    img.fill(Qt.darkGreen)
    photo = tmp_path / "施工照片.png"
    img.save(str(photo))
    tab = _tab(qtbot, ctx)
    _select(tab, "progress_photos")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    tab.dropEvent(QDropEvent(QPoint(5, 5), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier))
    ctx.runner.wait_idle()
    ctx.runner.wait_idle()
    _select(tab, "progress_photos")
    assert tab.files.count() == 1 and tab.files.item(0).text() == "施工照片.png"
    assert not tab.files.item(0).icon().isNull()
    tab.add_files([str(photo)])  # the same file again: not added twice
    ctx.runner.wait_idle()
    assert "已存在，未重复添加" in tab.error.text()


def test_large_file_asks_and_keeps_when_confirmed(qtbot, ctx, tmp_path, monkeypatch):
    """Above the size warning the clerk is asked; answering yes stores it anyway."""
    from desktop.checklists import attachments

    attachments.set_size_warning_mb(ctx.app, 1)
    big = tmp_path / "big.pdf"
    big.write_bytes(b"x" * 1_100_000)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.Yes)
    tab = _tab(qtbot, ctx)
    _select(tab, "impl_plan")
    tab.add_files([str(big)])
    for _ in range(3):
        ctx.runner.wait_idle()
    assert asked and "超过附件大小提醒值" in asked[0]
    item = next(i for i in service.project_checklist(ctx.app, CODE)["items"] if i["key"] == "impl_plan")
    assert [a["filename"] for a in item["attachments"]] == ["big.pdf"]


def test_print_preview_renders_the_checklist(qtbot, ctx, monkeypatch):
    """Ctrl+P makes the PDF on the worker and opens a preview whose pages come from that PDF."""
    from ui.checklists import preview

    shown = []
    monkeypatch.setattr(preview, "preview_pdf", lambda path, parent, title="", exec_=True: shown.append(path))
    tab = _tab(qtbot, ctx)
    tab.print_preview()
    ctx.runner.wait_idle()
    assert shown and "安南村牦牛养殖产业项目" in pdftools.text(shown[0]).replace("\n", "")
    monkeypatch.undo()  # now the real preview: a dialog whose pages are rendered by QtPdf
    dlg = preview.preview_pdf(shown[0], tab, exec_=False)
    if preview.have_qtpdf():
        qtbot.addWidget(dlg)
        doc = dlg._td_keep[0]
        assert doc.pageCount() == pdftools.pages(shown[0])
        assert not preview.render_page(doc, 0, 200).isNull()


def test_paint_pdf_prints_every_page(qtbot, ctx, tmp_path):
    """Printing (to a PDF printer here) paints one printer page per PDF page."""
    from PySide6.QtPrintSupport import QPrinter

    from desktop.checklists import missing, printing
    from ui.checklists import preview

    if not preview.have_qtpdf():
        pytest.skip("QtPdf not installed")
    src = tmp_path / "m.pdf"
    printing.missing_pdf(ctx.app, src, missing.missing_documents(ctx.app))
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    preview.paint_pdf(preview.load_pdf(src), printer)
    assert pdftools.pages(tmp_path / "printed.pdf") == pdftools.pages(src)


def test_checklists_page_filters_and_exports(qtbot, ctx, tmp_path):
    """The page lists missing items, filters by year and exports the filtered list to Excel."""
    from openpyxl import load_workbook

    from ui.checklists.page import ChecklistsPage

    page = ChecklistsPage(ctx)
    qtbot.addWidget(page)
    ctx.runner.wait_idle()
    total = page.missing_model.rowCount()
    assert total > 0 and page.overview_model.rowCount() == 3 and "缺失" in page.summary.text()
    page.year.setCurrentIndex(page.year.findData(2021))
    ctx.runner.wait_idle()
    assert 0 < page.missing_model.rowCount() < total
    assert {r["year"] for r in page.missing_model.rows} == {2021}
    out = tmp_path / "缺失.xlsx"
    page.export_xlsx(str(out))
    ctx.runner.wait_idle()
    rows = list(load_workbook(out, read_only=True).active.iter_rows(values_only=True))
    assert len(rows) == page.missing_model.rowCount() + 2
    page.search.setText("和平村")
    assert page.missing_view.model().rowCount() == page.missing_model.rowCount()
    page.search.setText("没有这个词")
    assert page.missing_view.model().rowCount() == 0
    opened = []
    ctx.sig_open_project.connect(opened.append)
    page.search.setText("")
    page._open(page.missing_view, page.missing_view.model().index(0, 0))
    assert opened == ["2021-102-001"]
