"""Print preview of a generated PDF, the system print dialog, and "save as PDF".

Why render the PDF instead of painting widgets: what the clerk previews and prints is then
exactly the file an auditor gets (same fonts, same page breaks). QtPdf draws each page into
an image at the printer's resolution (capped) and the image is painted onto the printer.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

try:  # PySide6-Pdf; without it the PDF opens in the system viewer instead
    from PySide6.QtPdf import QPdfDocument
except ImportError:  # pragma: no cover - depends on the installed wheels
    QPdfDocument = None

MAX_DPI = 200


def have_qtpdf() -> bool:
    return QPdfDocument is not None


def load_pdf(path: Path, parent=None):
    doc = QPdfDocument(parent)
    doc.load(str(path))
    if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() == 0:
        raise ValueError(f"cannot load {path}: {doc.error()}")
    return doc


def render_page(doc, page: int, width_px: int):
    """One page as a QImage `width_px` wide (keeps the aspect ratio)."""
    pt = doc.pagePointSize(page)
    height_px = int(width_px * pt.height() / max(pt.width(), 1))
    return doc.render(page, QSize(width_px, height_px))


def paint_pdf(doc, printer) -> None:
    """Paint every page of `doc` onto `printer` (a QPrinter), one printer page each."""
    from PySide6.QtPrintSupport import QPrinter

    dpi = min(printer.resolution(), MAX_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        return
    try:
        for page in range(doc.pageCount()):
            if page:
                printer.newPage()
            target = printer.pageLayout().paintRectPixels(printer.resolution())
            pt = doc.pagePointSize(page)
            img = render_page(doc, page, int(pt.width() / 72 * dpi))
            scale = min(target.width() / img.width(), target.height() / img.height())
            w, h = img.width() * scale, img.height() * scale
            painter.drawImage(QRectF(0, 0, w, h), img)
    finally:
        painter.end()
    _ = QPrinter  # imported for callers that patch it in tests


def preview_pdf(path: Path, parent: QWidget | None = None, title: str = "打印预览", exec_: bool = True):
    """Open the print preview (its print button shows the system print dialog)."""
    if not have_qtpdf():
        from ui.core.open_file import open_with_system

        open_with_system(path, parent)
        return None
    from PySide6.QtGui import QPageLayout, QPageSize
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    doc = load_pdf(path, parent)
    printer = QPrinter(QPrinter.HighResolution)
    printer.setDocName(Path(path).stem)
    pt = doc.pagePointSize(0)
    printer.setPageSize(QPageSize(QPageSize.A4))
    printer.setPageOrientation(QPageLayout.Landscape if pt.width() > pt.height() else QPageLayout.Portrait)
    printer.setFullPage(True)
    dlg = QPrintPreviewDialog(printer, parent)
    dlg.setWindowTitle(title)
    dlg.resize(900, 1000)
    dlg.paintRequested.connect(lambda p: paint_pdf(doc, p))
    dlg._td_keep = (doc, printer)  # the dialog owns neither: keep both alive as long as it lives
    dlg.finished.connect(dlg.deleteLater)
    if exec_:
        dlg.exec()
    return dlg


def save_pdf_as(path: Path, parent: QWidget | None, suggested: str) -> Path | None:
    """Ask where to save a copy of a generated PDF; copy it there under a temporary name first."""
    from desktop.core.fileio import atomic_write

    target, _ = QFileDialog.getSaveFileName(parent, parent.tr("保存为 PDF") if parent else "保存为 PDF",
                                            suggested, "PDF (*.pdf)")
    if not target:
        return None
    if not target.lower().endswith(".pdf"):
        target += ".pdf"
    try:
        with open(path, "rb") as src, atomic_write(Path(target)) as out:
            shutil.copyfileobj(src, out)
    except OSError as e:
        QMessageBox.warning(parent, "无法保存", f"无法保存到 {target}（{e.strerror or e}）。请换一个文件夹再试。")
        return None
    return Path(target)


def _temp_pdf(ctx, name: str) -> Path:
    from datetime import datetime

    folder = ctx.app.layout.tmp / "print"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{name}-{datetime.now():%Y%m%d-%H%M%S-%f}.pdf"


def print_with_preview(ctx, parent, make_pdf, name: str) -> None:
    """Make the PDF on the worker (`make_pdf(app, path)`), then show the print preview."""
    out = _temp_pdf(ctx, name)
    ctx.query(lambda app: make_pdf(app, out), title=parent.tr("正在生成打印文件"), parent=parent,
            on_done=lambda _r: preview_pdf(out, parent, title=parent.tr("打印预览 — {0}").format(name)))


def save_as_pdf(ctx, parent, make_pdf, name: str) -> None:
    """Make the PDF on the worker, then ask where to keep a copy."""
    out = _temp_pdf(ctx, name)
    ctx.query(lambda app: make_pdf(app, out), title=parent.tr("正在生成 PDF"), parent=parent,
            on_done=lambda _r: save_pdf_as(out, parent, f"{name}.pdf"))
