"""资料 tab: the project's checklist — item states, attachments (file dialog or drag and drop),
thumbnails, open with the system viewer, print preview (Ctrl+P) and save as PDF."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QMessageBox, QPushButton, QSpinBox, QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
    QWidget,
)

from desktop.checklists import attachments as att
from desktop.checklists import service
from desktop.checklists.states import STATE_LABELS
from desktop.core.errors import UserError
from ui.checklists.model import STATE_COLORS
from ui.checklists.preview import print_with_preview, save_as_pdf
from ui.checklists.thumbs import SIZE, thumbnail
from ui.core.open_file import open_with_system

COLUMNS = ("资料名称", "要求", "状态", "收到日期", "页数", "档案位置", "附件", "说明")


def create_tab(ctx, project_code: str):
    return DocumentsTab(ctx, project_code)


class DocumentsTab(QWidget):
    """Left: items grouped by stage. Right: the selected item's state, details and attachments."""

    def __init__(self, ctx, code: str):
        super().__init__()
        self.ctx, self.code = ctx, code
        self.view: dict | None = None
        self._loading = self._again = False
        self._notice = ""  # shown under the item once the refresh after a change has landed
        self.setAcceptDrops(True)
        self.summary = QLabel()
        self.summary.setObjectName("doc_summary")
        self.tree = QTreeWidget()
        self.tree.setObjectName("doc_tree")
        self.tree.setHeaderLabels([self.tr(c) for c in COLUMNS])
        self.tree.setSelectionMode(QAbstractItemView.SingleSelection)
        self.tree.currentItemChanged.connect(lambda *_: self._show_item())
        self.state = QComboBox()
        self.state.setObjectName("doc_state")
        for code_, label in STATE_LABELS.items():
            self.state.addItem(self.tr(label), code_)
        self.reason, self.received, self.location, self.note = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        for w, name, hint in ((self.reason, "doc_reason", "不适用的理由，或需补正的内容"),
                              (self.received, "doc_received", "例如 2020-06-01"),
                              (self.location, "doc_location", "档案盒号，例如 2020-档案盒03"), (self.note, "doc_note", "")):
            w.setObjectName(name)
            w.setPlaceholderText(self.tr(hint))
        self.pages = QSpinBox()
        self.pages.setObjectName("doc_pages")
        self.pages.setRange(0, 100_000)
        self.pages.setSpecialValueText(self.tr("—"))
        self.item_title = QLabel()
        self.item_title.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("doc_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#B00020;")
        self.save_btn = QPushButton(self.tr("保存此项"))
        self.save_btn.setObjectName("doc_save")
        self.save_btn.clicked.connect(self.save_item)
        self.files = QListWidget()
        self.files.setObjectName("doc_files")
        self.files.setViewMode(QListWidget.IconMode)
        self.files.setIconSize(QSize(SIZE, SIZE))
        self.files.setResizeMode(QListWidget.Adjust)
        self.files.setWordWrap(True)
        self.files.itemDoubleClicked.connect(lambda it: self.open_attachment(it.data(Qt.UserRole)))
        form = QFormLayout()
        for label, w in (("状态", self.state), ("理由/需补正", self.reason), ("收到日期", self.received),
                         ("页数", self.pages), ("档案位置", self.location), ("备注", self.note)):
            form.addRow(self.tr(label), w)
        file_buttons = QHBoxLayout()
        for text, slot, name in (("添加文件…", self.choose_files, "doc_add"), ("打开", self._open_selected, "doc_open"),
                                 ("移除", self._remove_selected, "doc_remove")):
            b = QPushButton(self.tr(text))
            b.setObjectName(name)
            b.clicked.connect(slot)
            file_buttons.addWidget(b)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.addWidget(self.item_title)
        rl.addLayout(form)
        rl.addWidget(self.save_btn)
        rl.addWidget(self.error)
        rl.addWidget(QLabel(self.tr("附件（可把文件拖到这里）")))
        rl.addWidget(self.files, 1)
        rl.addLayout(file_buttons)
        split = QSplitter()
        split.addWidget(self.tree)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        for text, slot, name in (("打印预览…", self.print_preview, "doc_print"), ("保存为 PDF…", self.save_pdf, "doc_pdf")):
            b = QPushButton(self.tr(text))
            b.setObjectName(name)
            b.clicked.connect(slot)
            top.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        QShortcut(QKeySequence.Print, self, self.print_preview, context=Qt.WidgetWithChildrenShortcut)
        self.refresh()

    # -- loading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        if self._loading:
            self._again = True
            return
        self._loading, code = True, self.code
        self.ctx.query(lambda app: service.project_checklist(app, code), title=self.tr("读取资料清单"),
                     on_done=self._show, on_error=self._load_failed, parent=self, show_progress=False)

    def _load_failed(self, exc) -> bool:
        self._loading = False
        return False

    def _show(self, view: dict) -> None:
        self._loading = False
        if self._again:
            self._again = False
            self.refresh()
        current = self.current_key()
        self.view = view
        o, d = view["completeness"]["overall"], view["completeness"]["due"]
        self.summary.setText(self.tr("{0}（第 {1} 版）　完整度 {2}/{3}（{4}%）　本阶段应有 {5}/{6}{7}").format(
            view["standard"]["name"], view["standard"]["version"], o["collected"], o["counted"], f"{o['pct']:g}",
            d["collected"], d["counted"], self.tr("，已齐全") if d["complete"] else ""))
        self.tree.clear()
        stages = {s["stage"]: s for s in view["completeness"]["stages"]}
        groups: dict[str, QTreeWidgetItem] = {}
        select = None
        for it in view["items"]:
            if it["stage"] not in groups:
                s = stages.get(it["stage"], {})
                g = QTreeWidgetItem([f"{it['stage']}（{s.get('collected', 0)}/{s.get('counted', 0)}）"])
                g.setFirstColumnSpanned(True)
                f = QFont()
                f.setBold(True)
                g.setFont(0, f)
                self.tree.addTopLevelItem(g)
                g.setFirstColumnSpanned(True)
                g.setExpanded(True)
                groups[it["stage"]] = g
            need = "必备" if it["required"] else ("选备" if it["optional"] else "不需")
            row = QTreeWidgetItem([it["name"], self.tr(need), self.tr(it["state_label"]), it["received_on"] or "",
                                   str(it["pages"] or ""), it["location"] or "", str(len(it["attachments"]) or ""),
                                   it["reason"] or it["note"] or it["condition"]])
            row.setData(0, Qt.UserRole, it["key"])
            row.setForeground(2, QBrush(QColor(STATE_COLORS.get(it["state"], "#000"))))
            groups[it["stage"]].addChild(row)
            if it["key"] == current:
                select = row
        for c in range(len(COLUMNS) - 1):
            self.tree.resizeColumnToContents(c)
        self.tree.setCurrentItem(select or self.tree.topLevelItem(0).child(0))

    def current_key(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.UserRole) if item is not None else None

    def current(self) -> dict | None:
        key = self.current_key()
        return next((i for i in self.view["items"] if i["key"] == key), None) if self.view and key else None

    def _show_item(self) -> None:
        it = self.current()
        self.error.setText(self._notice)
        self._notice = ""
        self.files.clear()
        for w in (self.state, self.reason, self.received, self.pages, self.location, self.note, self.save_btn):
            w.setEnabled(it is not None)
        if it is None:
            self.item_title.setText(self.tr("选择左侧的一项资料。"))
            return
        cond = self.tr("（条件：{0}）").format(it["condition"]) if it["condition"] else ""
        self.item_title.setText(f"<b>{it['name']}</b> {cond}")
        self.state.setCurrentIndex(self.state.findData(it["state"]))
        self.reason.setText(it["reason"] or "")
        self.received.setText(it["received_on"] or "")
        self.pages.setValue(it["pages"] or 0)
        self.location.setText(it["location"] or "")
        self.note.setText(it["note"] or "")
        for a in it["attachments"]:
            icon = thumbnail(att.stored_path(self.ctx.app, a["sha256"]), a["mime"], a["sha256"], a["size"])
            li = QListWidgetItem(icon, a["filename"])
            li.setData(Qt.UserRole, a["id"])
            li.setToolTip(f"{a['filename']}\n{a['size'] / 1e6:.2f} MB\n{a['added_at']}")
            self.files.addItem(li)

    # -- changes ---------------------------------------------------------------------------
    def _changed(self, value):
        return value

    def _inline_error(self, exc) -> bool:
        if isinstance(exc, UserError):
            self.error.setText(exc.message)
            return True
        return False

    def save_item(self) -> None:
        key, code = self.current_key(), self.code
        if not key:
            return
        values = dict(state=self.state.currentData(), reason=self.reason.text(), location=self.location.text(),
                      note=self.note.text(), received_on=self.received.text().strip() or None,
                      pages=self.pages.value() or None)
        self.error.clear()
        self.ctx.mutate(lambda app: self._changed(service.set_item(app, code, key, **values)), initiator=self, title=self.tr("保存资料状态"),
                     parent=self, on_done=lambda _v: self.refresh(), on_error=self._inline_error)

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("选择要添加的文件"), "",
                                                self.tr("扫描件与文档 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.doc *.docx "
                                                        "*.xls *.xlsx *.wps *.et *.ofd);;所有文件 (*)"))
        if paths:
            self.add_files(paths)

    def add_files(self, paths: list[str], keep_large: bool = False) -> None:
        key, code = self.current_key(), self.code
        if not key:
            self.error.setText(self.tr("请先在左侧选择要挂接附件的资料项。"))
            return

        def failed(exc) -> bool:
            if isinstance(exc, att.LargeFileWarning):
                answer = QMessageBox.question(self, self.tr("文件较大"), exc.message
                                              + "\n\n" + self.tr("仍要保存吗？"))
                if answer == QMessageBox.Yes:
                    self.add_files(paths, keep_large=True)
                return True
            return self._inline_error(exc)

        self.error.clear()
        self.ctx.mutate(lambda app: self._changed(att.attach_files(app, code, key, paths, keep_large=keep_large)), initiator=self,
                     title=self.tr("添加附件"), parent=self, on_done=self._added, on_error=failed)

    def _added(self, result: dict) -> None:
        if result["already"]:
            self._notice = self.tr("已存在，未重复添加：{0}").format("、".join(a["filename"] for a in result["already"]))
        self.refresh()

    def open_attachment(self, attachment_id: str) -> None:
        self.ctx.query(lambda app: att.viewable_copy(app, attachment_id), title=self.tr("打开附件"), parent=self,
                     on_done=lambda path: open_with_system(path, self),
                     on_error=self._inline_error)

    def _open_selected(self) -> None:
        if self.files.currentItem():
            self.open_attachment(self.files.currentItem().data(Qt.UserRole))

    def _remove_selected(self) -> None:
        item = self.files.currentItem()
        if item is None or QMessageBox.question(self, self.tr("移除附件"), self.tr("从此资料项移除“{0}”？")
                                                .format(item.text())) != QMessageBox.Yes:
            return
        aid = item.data(Qt.UserRole)
        self.ctx.mutate(lambda app: self._changed(att.remove_attachment(app, aid)), initiator=self, title=self.tr("移除附件"), parent=self,
                     on_done=lambda _v: self.refresh(), on_error=self._inline_error)

    # -- drag and drop ------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)

    # -- printing ------------------------------------------------------------------------------
    def _make_pdf(self):
        from desktop.checklists.printing import checklist_pdf

        code = self.code
        return lambda app, out: checklist_pdf(app, out, codes=[code])

    def print_preview(self) -> None:
        """Ctrl+P: this project's checklist in the print preview."""
        print_with_preview(self.ctx, self, self._make_pdf(), self.tr("资料清单-{0}").format(self.code))

    def save_pdf(self) -> None:
        save_as_pdf(self.ctx, self, self._make_pdf(), self.tr("资料清单-{0}").format(self.code))
