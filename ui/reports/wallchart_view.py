"""挂图作战 on screen: the same PDF that prints, drawn page by page, with save and print.

Why show the PDF and not a widget chart: what the clerk sees is then exactly what goes on the
wall (same layout, same marks), and there is one drawing to keep right, not two.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QFileDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from desktop.core.fileio import atomic_write_bytes
from desktop.reports.wallchart import write_wallchart
from ui.checklists.preview import have_qtpdf, load_pdf, preview_pdf, render_page


class WallChartView(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.year, self.township, self.paper = QComboBox(), QComboBox(), QComboBox()
        self.year.setObjectName("chart_year")
        self.township.setObjectName("chart_township")
        self.paper.addItem(self.tr("A3 横向"), "A3")
        self.paper.addItem(self.tr("A4 拼贴（两张一页）"), "A4-tiled")
        self.on = QDateEdit(QDate.currentDate())
        self.on.setObjectName("chart_date")
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.show_btn = QPushButton(self.tr("生成并显示"))
        self.show_btn.setObjectName("btn_chart_show")
        self.show_btn.clicked.connect(self.refresh)
        self.save_btn = QPushButton(self.tr("保存 PDF…"))
        self.save_btn.setObjectName("btn_chart_save")
        self.print_btn = QPushButton(self.tr("打印…"))
        self.print_btn.setObjectName("btn_chart_print")
        self.prev_btn, self.next_btn = QPushButton(self.tr("上一页")), QPushButton(self.tr("下一页"))
        for b in (self.save_btn, self.print_btn, self.prev_btn, self.next_btn):
            b.setEnabled(False)
        self.save_btn.clicked.connect(self.save)
        self.print_btn.clicked.connect(lambda: preview_pdf(self.pdf, self, self.tr("打印挂图作战图")))
        self.prev_btn.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_btn.clicked.connect(lambda: self.show_page(self.page + 1))
        self.info = QLabel(self.tr("选择年度后点“生成并显示”。挂图作战图按 A3 横向打印，也可用两张 A4 拼贴。"))
        self.info.setObjectName("chart_info")
        self.info.setWordWrap(True)
        self.image = QLabel()
        self.image.setObjectName("chart_image")
        self.image.setAlignment(Qt.AlignHCenter | Qt.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.image)
        top = QHBoxLayout()
        for label, w in ((self.tr("年度"), self.year), (self.tr("乡镇"), self.township), (self.tr("统计日"), self.on),
                         (self.tr("纸张"), self.paper)):
            top.addWidget(QLabel(label))
            top.addWidget(w)
        for b in (self.show_btn, self.save_btn, self.print_btn, self.prev_btn, self.next_btn):
            top.addWidget(b)
        top.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.info)
        lay.addWidget(scroll, 1)
        self.pdf: Path | None = None
        self.doc = None
        self.page = 0

    def fill(self, found: dict) -> None:
        """Years and townships with projects (called by the page when they are known)."""
        self.year.clear()
        for y in found["years"]:
            self.year.addItem(str(y), y)
        self.township.clear()
        self.township.addItem(self.tr("全部乡镇"), None)
        for t in found["townships"]:
            self.township.addItem(t, t)
        self.township.setEnabled(found["is_county"])

    def refresh(self) -> None:
        q = self.on.date()
        opts = {"year": self.year.currentData(), "township": self.township.currentData(),
                "paper": self.paper.currentData(), "as_of": date(q.year(), q.month(), q.day())}
        out = self.ctx.app.layout.tmp / "wallchart-preview.pdf"
        self.ctx.query(lambda app: write_wallchart(app, out, **opts), title=self.tr("绘制挂图作战图"),
                     on_done=self._shown, on_error=self._failed, parent=self)

    def _shown(self, info: dict) -> None:
        self.pdf = Path(info["file"])
        self.info.setText(self.tr("{0}：{1} 个项目，{2} 页（{3}），统计日 {4}").format(
            info["title"], info["projects"], info["pages"], info["paper"], info["as_of"]))
        self.save_btn.setEnabled(True)
        self.print_btn.setEnabled(True)
        if have_qtpdf():
            self.doc = load_pdf(self.pdf, self)
            self.show_page(0)
        else:
            self.image.setText(self.tr("本机缺少 PDF 显示组件，请点“保存 PDF…”后用 PDF 阅读器查看。"))

    def _failed(self, exc) -> bool:
        from desktop.core.errors import UserError

        self.info.setText(getattr(exc, "message", str(exc)))
        return isinstance(exc, UserError)

    def show_page(self, page: int) -> None:
        if self.doc is None:
            return
        self.page = max(0, min(page, self.doc.pageCount() - 1))
        width = max(self.width() - 40, 900)
        self.image.setPixmap(QPixmap.fromImage(render_page(self.doc, self.page, width)))
        self.prev_btn.setEnabled(self.page > 0)
        self.next_btn.setEnabled(self.page < self.doc.pageCount() - 1)

    def save(self, path: str | None = None) -> None:
        if self.pdf is None:
            return
        if path is None:
            start = self.ctx.app.layout.exports / f"挂图作战图-{self.year.currentData() or ''}.pdf"
            path, _ = QFileDialog.getSaveFileName(self, self.tr("保存挂图作战图"), str(start), "PDF (*.pdf)")
            if not path:
                return
        atomic_write_bytes(Path(path), self.pdf.read_bytes())
        self.info.setText(self.tr("已保存：{0}").format(path))
