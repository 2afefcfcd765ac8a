"""Steps 3–6: administrator account, the county's enrollment file (townships), how to start
(empty, demo or an Excel ledger), and the summary whose 完成 writes everything."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QRadioButton

from desktop.setup import first_run
from desktop.core.errors import UserError
from ui.first_run.pages_place import Page


class busy:
    """Wait cursor while a check reads a file or the final step writes."""

    def __enter__(self):
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc):
        QGuiApplication.restoreOverrideCursor()
        return False


class AdminPage(Page):
    def __init__(self, wizard):
        super().__init__(wizard, "创建管理员账户", "管理员可以添加其他经办人账户、做备份和恢复。请记好密码：忘记后只能由另一位管理员重置。")
        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setPlaceholderText(self.tr("如 管理员 或 zhangsan"))
        self.display = QLineEdit()
        self.display.setPlaceholderText(self.tr("如 张三（可不填）"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("至少 8 个字符，可以是一句好记的话"))
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("用户名："), self.username)
        form.addRow(self.tr("姓名："), self.display)
        form.addRow(self.tr("密码："), self.password)
        form.addRow(self.tr("再输一次密码："), self.confirm)
        self.layout_.addLayout(form)
        self.finish_layout()

    def commit_answers(self) -> None:
        with busy():
            name = first_run.check_admin(self.username.text(), self.password.text(), self.confirm.text())
        plan = self.w.plan
        plan.admin_username, plan.admin_password = name, self.password.text()
        plan.admin_display_name = self.display.text().strip()


class EnrollPage(Page):
    def __init__(self, wizard):
        super().__init__(wizard, "登记县级办公室", "县里会给你一个身份文件（.json），U 盘拷来即可。登记后才能与县里互传同步包。")
        row = QHBoxLayout()
        self.choose = QPushButton(self.tr("选择县里的身份文件…"))
        self.choose.clicked.connect(self._choose)
        self.skip = QPushButton(self.tr("暂不登记"))
        self.skip.clicked.connect(self._clear)
        row.addWidget(self.choose)
        row.addWidget(self.skip)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.who = QLabel(self.tr("尚未选择文件。也可以以后在「同步」页登记。"))
        self.who.setWordWrap(True)
        self.layout_.addWidget(self.who)
        self.fingerprint = QLabel()
        font = QFont("monospace")
        font.setPointSize(16)
        font.setBold(True)
        self.fingerprint.setFont(font)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.layout_.addWidget(self.fingerprint)
        self.confirmed = QCheckBox(self.tr("我已打电话给县里，对方逐组念出的指纹与上面完全一致"))
        self.confirmed.setVisible(False)
        self.layout_.addWidget(self.confirmed)
        self.identity: dict | None = None
        self.finish_layout()

    def _choose(self) -> None:
        path = self.w.choose_open_file(self.tr("选择县级办公室的身份文件"), self.tr("身份文件 (*.json);;所有文件 (*)"))
        if path is None:
            return
        self.error.clear()
        try:
            data = first_run.read_enrollment(path, self.w.plan.role, self.w.plan.region_code)
        except UserError as e:
            self._clear()
            self.show_error(e.message)
            return
        self.identity = dict(data, path=path)
        self.who.setText(self.tr("文件：") + f"{path.name}\n" + self.tr("单位：")
                         + f"{data['name']}（{data['region_code']}）\n" + self.tr("请打电话请县里念出他们的指纹，逐组核对："))
        self.fingerprint.setText(data["fingerprint"])
        self.confirmed.setChecked(False)
        self.confirmed.setVisible(True)

    def _clear(self) -> None:
        self.identity = None
        self.who.setText(self.tr("不登记也可以继续；以后在「同步」页登记县级办公室。"))
        self.fingerprint.clear()
        self.confirmed.setChecked(False)
        self.confirmed.setVisible(False)
        self.error.clear()

    def commit_answers(self) -> None:
        plan = self.w.plan
        if self.identity and not self.confirmed.isChecked():
            raise UserError("请先打电话与县里逐组核对指纹，一致后勾选确认；不一致请不要登记（点「暂不登记」）。")
        plan.enrollment_file = self.identity["path"] if self.identity else None
        plan.enrollment_fingerprint = self.identity["fingerprint"] if self.identity else None


class DataPage(Page):
    def __init__(self, wizard):
        super().__init__(wizard, "怎样开始", "可以从空白开始，先用演示数据练习，或者把现有的 Excel 台账导进来。")
        self.options = {}
        for key, label in first_run.STARTS.items():
            b = QRadioButton(self.tr(label))
            b.setMinimumHeight(32)
            self.options[key] = b
            self.layout_.addWidget(b)
        self.options["empty"].setChecked(True)
        self.options["demo"].setToolTip(self.tr("演示数据是虚构的项目，只用于熟悉操作；正式使用请换一个数据文件夹。"))
        row = QHBoxLayout()
        self.choose = QPushButton(self.tr("选择 Excel 台账…"))
        self.choose.clicked.connect(self._choose)
        row.addSpacing(24)
        row.addWidget(self.choose)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.layout_.addWidget(self.preview)
        self.ledger_file = None
        self.options["ledger"].toggled.connect(self.choose.setEnabled)
        self.choose.setEnabled(False)
        self.finish_layout()

    def _choose(self) -> None:
        path = self.w.choose_open_file(self.tr("选择 Excel 台账"), self.tr("Excel 文件 (*.xlsx *.xlsm);;所有文件 (*)"))
        if path is None:
            return
        self.error.clear()
        self.ledger_file = None
        self.preview.setText(self.tr("正在试读…"))
        try:
            with busy():
                summary = first_run.preview_ledger(self.w.plan, path)
        except UserError as e:
            self.preview.clear()
            self.show_error(e.message)
            return
        self.ledger_file = path
        self.preview.setText(self.tr("试读 ") + f"{path.name}：" + self.tr("将导入 {0} 个项目，已存在 {1}，跳过 {2} 行，拒绝 {3} 行。"
                             "完成设置后，在「项目台账」页可以查看每一行的处理结果。").format(
            summary["imported"] + summary["updated"], summary["existing"], summary["skipped"], summary["refused"]))

    def commit_answers(self) -> None:
        start = next(k for k, b in self.options.items() if b.isChecked())
        if start == "ledger" and self.ledger_file is None:
            raise UserError("请先选择要导入的 Excel 台账文件，或改选「空白开始」。")
        self.w.plan.start = start
        self.w.plan.ledger_file = self.ledger_file if start == "ledger" else None


class SummaryPage(Page):
    def __init__(self, wizard):
        super().__init__(wizard, "确认并完成", "请核对以下内容。点击「完成」后才会创建数据文件夹；之前可以点「上一步」修改。")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.layout_.addWidget(self.text)
        self.finish_layout()

    def initializePage(self) -> None:
        p = self.w.plan
        rows = [("数据文件夹", str(self.w.data_dir)), ("角色", first_run.ROLES[p.role]),
                ("单位", f"{p.name}（{p.region_code}）"), ("管理员", p.admin_username)]
        if p.role == "township":
            enrolled = f"{p.enrollment_file.name}（指纹 {p.enrollment_fingerprint}）" if p.enrollment_file else "暂不登记"
            rows.append(("县级办公室", enrolled))
        start = first_run.STARTS[p.start] + (f"：{p.ledger_file.name}" if p.ledger_file else "")
        rows.append(("开始方式", start))
        self.text.setText("<table cellpadding='4'>" + "".join(
            f"<tr><td><b>{escape(self.tr(k))}</b></td><td>{escape(v)}</td></tr>" for k, v in rows) + "</table>")

    def commit_answers(self) -> None:
        with busy():
            self.w.result_info = first_run.apply(self.w.data_dir, self.w.plan)
