"""Ctrl+P on the ledger: a print preview of the visible rows as a plain table (A4 landscape)."""
from __future__ import annotations

from html import escape

from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument

from ui.ledger.model import display
from ui.ledger.columns import COLUMNS


def ledger_html(title: str, columns: list[tuple[str, str, str]], rows: list[dict]) -> str:
    by_key = {c.key: c for c in COLUMNS}
    head = "".join(f"<th>{escape(h)}</th>" for _, h, _ in columns)
    body = []
    for r in rows:
        cells = []
        for key, _, kind in columns:
            text = display(by_key[key], r.get(key)) if key in by_key else str(r.get(key) or "")
            align = " align='right'" if kind in ("money", "int", "pct") else ""
            cells.append(f"<td{align}>{escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f"<h3>{escape(title)}（{len(rows)} 个项目）</h3>"
            "<table border='1' cellspacing='0' cellpadding='3' style='border-collapse:collapse;font-size:8pt'>"
            f"<tr>{head}</tr>{''.join(body)}</table>")


def print_ledger(parent, title: str, columns, rows) -> None:
    """Open a print preview (the clerk chooses the printer there)."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    doc = QTextDocument()
    doc.setHtml(ledger_html(title, columns, rows))
    printer = QPrinter(QPrinter.HighResolution)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.A4), QPageLayout.Landscape, printer.pageLayout().margins()))
    dlg = QPrintPreviewDialog(printer, parent)
    dlg.setWindowTitle(title)
    dlg.paintRequested.connect(doc.print_)
    dlg.exec()
