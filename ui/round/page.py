"""半月填报: the half-monthly round in one screen (issue 19).

A township types every active project's figures for the report date in one grid (ui.round.grid),
saves them in one transaction, can undo that save, and then makes the 半月调度表 and the package for
the county with one click each — files go to the exports folder under names a clerk recognises, so
no file dialog stands between the typing and the end of the round. The same round can go out and
come back as an Excel sheet. At the county the page lists which townships' rounds have arrived.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit, QFileDialog, QHBoxLayout, QLabel, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop.round.dates import latest_report_date
from desktop.core import changes
from ui.core.refresh import Refresher


def create_page(ctx):
    return RoundPage(ctx)


def _button(text: str, name: str, slot, parent) -> QPushButton:
    b = QPushButton(text, parent)
    b.setObjectName(name)
    b.clicked.connect(lambda *_: slot())
    return b


class RoundPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.county = ctx.is_county
        self.receipt = None
        self._keep = False
        self.last_file: Path | None = None
        d = latest_report_date(date.today())
        self.on = QDateEdit(QDate(d.year, d.month, d.day))
        self.on.setObjectName("round_date")
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.on.dateChanged.connect(self._date_changed)
        self._shown_date = self.on.date()
        self.status = QLabel()
        self.status.setObjectName("round_status")
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("报送日（每月14日、29日）")))
        top.addWidget(self.on)
        bottom = QHBoxLayout()
        if self.county:
            self.table = QTableWidget(0, 4, self)
            self.table.setObjectName("round_arrivals")
            self.table.setHorizontalHeaderLabels([self.tr("乡镇"), self.tr("在办项目"), self.tr("已报项目"),
                                                  self.tr("报送情况")])
            self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        else:
            from ui.round.grid import RoundGrid

            self.table = self.grid = RoundGrid(self)
            self.save_button = _button(self.tr("保存本期（Ctrl+S）"), "round_save", self.save, self)
            self.undo_button = _button(self.tr("撤销上次保存"), "round_undo", self.undo, self)
            self.undo_button.setEnabled(False)
            top.addWidget(_button(self.tr("导出填报表（Excel）…"), "round_sheet_out", self.export_sheet, self))
            top.addWidget(_button(self.tr("导入填好的表…"), "round_sheet_in", self.import_sheet, self))
            top.addStretch(1)
            top.addWidget(self.save_button)
            top.addWidget(self.undo_button)
            QShortcut(QKeySequence.Save, self, activated=self.save)
            bottom.addWidget(_button(self.tr("同步包（报县级）"), "round_package", self.package, self))
        if self.county:
            top.addStretch(1)
        bottom.insertWidget(0, _button(self.tr("半月调度表 Excel"), "round_dispatch_xlsx",
                                       lambda: self.dispatch(".xlsx"), self))
        bottom.insertWidget(1, _button(self.tr("半月调度表 PDF"), "round_dispatch_pdf",
                                       lambda: self.dispatch(".pdf"), self))
        self.open_folder = _button(self.tr("打开所在文件夹"), "round_open_folder", self._open_folder, self)
        self.open_folder.setEnabled(False)
        bottom.addStretch(1)
        bottom.addWidget(self.open_folder)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.status)
        lay.addLayout(bottom)
        self.refresher = Refresher(self, ctx, changes.PROJECTS | changes.PROJECT_RECORDS | changes.SYNC,
                                   self._data_changed)
        self.reload()

    def when(self) -> date:
        q = self.on.date()
        return date(q.year(), q.month(), q.day())

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _failed(self, exc) -> bool:
        """A UserError (wrong date, a refused row, a file open in Excel) is shown under the grid."""
        from desktop.core.errors import UserError

        self._say(self.tr("未完成：{0}").format(getattr(exc, "message", str(exc))))
        return isinstance(exc, UserError)

    # -- loading ---------------------------------------------------------------------------
    def _dirty(self) -> bool:
        return not self.county and self.grid.dirty()

    def _date_changed(self, *_):
        """Another report date: typed figures not yet saved are not dropped without asking."""
        from PySide6.QtWidgets import QMessageBox

        if self._dirty() and QMessageBox.question(
                self, self.tr("未保存的改动"), self.tr("本期填写的数字还没有保存。换日期将放弃这些改动，继续吗？")) \
                != QMessageBox.Yes:
            self.on.blockSignals(True)
            self.on.setDate(self._shown_date)
            self.on.blockSignals(False)
            return
        self._shown_date = self.on.date()
        self._keep = False
        self.reload()

    def _data_changed(self, _changes) -> None:
        """Data changed elsewhere: refresh, unless that would drop figures typed and not yet saved."""
        if not self._dirty():
            self.reload()

    def reload(self) -> None:
        when = self.when()
        if self.county:
            from desktop.round.county import round_arrivals

            self.ctx.query(lambda app: round_arrivals(app, when), title=self.tr("读取各乡镇报送情况"),
                         on_done=self._arrivals, on_error=self._failed, parent=self, show_progress=False)
        else:
            from desktop.round.active import round_rows
            from desktop.round.apply import last_receipt

            self.ctx.query(lambda app: (round_rows(app, when), last_receipt(app)), title=self.tr("读取在办项目"),
                         on_done=self._rows, on_error=self._failed, parent=self, show_progress=False)

    def _rows(self, found) -> None:
        rows, self.receipt = found  # the last save is kept in the data folder: undoable after a restart too
        self.undo_button.setEnabled(self.receipt is not None)
        self.undo_button.setText(self.tr("撤销上次保存（{0}）").format(self.receipt["date"]) if self.receipt
                                 else self.tr("撤销上次保存"))
        self.grid.fill(rows)
        if self._keep:  # reloads after a save keep saying what the save did
            return
        self._say(self.tr("{0} 个在办项目。只填本期的格子；本期拨付、本期支出填本期合计（元），可写“万元”。"
                          "Enter 下移，Tab 右移，可从 Excel/WPS 复制一块粘贴。").format(len(rows)))

    def _arrivals(self, info: dict) -> None:
        rows = info["townships"]
        self.table.setRowCount(len(rows))
        for r, t in enumerate(rows):
            for c, value in enumerate((t["township"], t["active"], t["reported"], t["state"])):
                self.table.setItem(r, c, QTableWidgetItem(str(value)))
        self._say(self.tr("{0}：{1}/{2} 个乡镇已报送本期半月调度。").format(info["date"], info["arrived"],
                                                                         info["expected"]))

    # -- saving ----------------------------------------------------------------------------
    def save(self) -> None:
        from desktop.round.apply import apply_round

        entries, problems = self.grid.pending()
        if problems:
            self._say(self.tr("有 {0} 个项目未通过检查，未保存（红色行，原因见“检查”列）：\n{1}").format(
                len(problems), "\n".join(problems[:5])))
            return
        if not entries:
            self._say(self.tr("本期没有改动，无需保存。"))
            return
        when = self.when()

        def work(app):
            res = apply_round(app, when, entries, strict=True)
            return res

        self.ctx.mutate(work, initiator=self, title=self.tr("保存本期半月调度"), on_done=self._saved, on_error=self._failed, parent=self)

    def _saved(self, res: dict) -> None:
        self.receipt = res["receipt"] or self.receipt
        self.undo_button.setEnabled(self.receipt is not None)
        self._keep = True
        self.grid.setRowCount(0)  # what was typed is stored now: show it as stored
        self.grid.figs = []
        self.reload()
        self._say(self.tr("已保存 {0} 个项目的本期进度、拨付和支出（{1}）。").format(res["applied"], res["date"])
                  + self._refused_text(res))

    def _refused_text(self, res: dict) -> str:
        bad = [r for r in res["rows"] if r["status"] == "refused"]
        if not bad:
            return ""
        return self.tr("\n未导入 {0} 行：").format(len(bad)) + "；".join(
            f"第{r['row']}行 {r['code']}：{r['reason']}" for r in bad[:5])

    def undo(self) -> None:
        from desktop.round.apply import undo_round

        receipt = self.receipt

        def work(app):
            return undo_round(app, receipt)

        self.ctx.mutate(work, initiator=self, title=self.tr("撤销保存"), on_done=self._undone, on_error=self._failed, parent=self)

    def _undone(self, info: dict) -> None:
        self.receipt = None
        self.undo_button.setEnabled(False)
        self._keep = True
        self.reload()
        self._say(self.tr("已撤销 {0} 的保存。").format(info["date"]))

    # -- files -----------------------------------------------------------------------------
    def _target(self, label: str, suffix: str) -> Path:
        when = self.when()
        return self.ctx.app.layout.exports / f"{label}-{self.ctx.node_name}-{when.isoformat()}{suffix}"

    def _written(self, what: str, path) -> None:
        self.last_file = Path(path)
        self.open_folder.setEnabled(True)
        self._say(self.tr("已生成{0}：{1}").format(what, path))

    def dispatch(self, suffix: str) -> None:
        from desktop.reports import write_table

        out, when = self._target("半月调度表", suffix), self.when()
        self.ctx.query(lambda app, progress=None: write_table(app, "dispatch", out, on=when, progress=progress),
                     title=self.tr("生成半月调度表"), on_done=lambda info: self._written(self.tr("半月调度表"), info["file"]),
                     on_error=self._failed, parent=self)

    def package(self) -> None:
        from desktop.round.package import county_package

        def work(app, progress=None):
            return county_package(app, progress=progress)

        self.ctx.mutate(work, initiator=self, title=self.tr("导出同步包"), on_done=self._packaged, on_error=self._failed, parent=self)

    def _packaged(self, info: dict) -> None:
        files = info.get("files") or [info.get("file")]
        self._written(self.tr("同步包"), files[0] if files else "")

    def export_sheet(self, path: str | None = None) -> None:
        from desktop.round.sheet import write_sheet

        if path is None:
            start = str(self._target("半月填报表", ".xlsx"))
            path, _ = QFileDialog.getSaveFileName(self, self.tr("保存填报表"), start, "Excel (*.xlsx)")
            if not path:
                return
        when = self.when()
        self.ctx.query(lambda app: write_sheet(app, when, path), title=self.tr("导出填报表"),
                     on_done=lambda info: self._written(self.tr("填报表（{0} 个项目）").format(info["projects"]),
                                                        info["file"]), on_error=self._failed, parent=self)

    def import_sheet(self, path: str | None = None) -> None:
        from desktop.round.sheet import apply_sheet

        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("选择填好的填报表"), str(self.ctx.app.layout.exports),
                                                  "Excel (*.xlsx)")
            if not path:
                return
        when = self.when()

        def work(app):
            return apply_sheet(app, path, expect_date=when)

        self.ctx.mutate(work, initiator=self, title=self.tr("导入填报表"), on_done=self._saved, on_error=self._failed, parent=self)

    def _open_folder(self) -> None:
        if self.last_file:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_file.parent)))
