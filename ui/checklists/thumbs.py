"""Thumbnails for attachments: images scaled on load, the first page of a PDF where cheap."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

SIZE = 96
PDF_MAX_BYTES = 15_000_000  # bigger scans: a generic icon, not a slow render
_cache: dict[str, QIcon] = {}


def thumbnail(path: Path, mime: str | None, sha: str, size: int) -> QIcon:
    """An icon for one stored file (cached by content hash)."""
    if sha in _cache:
        return _cache[sha]
    icon = None
    if mime and mime.startswith("image/"):
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)
        src = reader.size()
        if src.isValid() and src.width() > 0:
            reader.setScaledSize(src.scaled(QSize(SIZE, SIZE), Qt.KeepAspectRatio))
        img = reader.read()
        if not img.isNull():
            icon = QIcon(QPixmap.fromImage(img))
    elif mime == "application/pdf" and size <= PDF_MAX_BYTES:
        icon = _pdf_icon(path)
    if icon is None:
        style = QApplication.style()
        icon = style.standardIcon(QStyle.SP_FileIcon)
    _cache[sha] = icon
    return icon


def _pdf_icon(path: Path) -> QIcon | None:
    try:
        from ui.checklists.preview import have_qtpdf, load_pdf, render_page
    except ImportError:
        return None
    if not have_qtpdf():
        return None
    try:
        doc = load_pdf(path)
    except ValueError:
        return None
    img = render_page(doc, 0, SIZE)
    doc.close()
    return None if img.isNull() else QIcon(QPixmap.fromImage(img))
