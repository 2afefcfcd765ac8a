"""Login at start: `login(ctx) -> bool` (called by ui.core.launch before the main window opens).

- accounts exist → user name + password; wrong passwords count towards the lock (5 → locked
  for a while, kept in the database, so restarting the program does not help);
- no accounts yet → create the administrator (a folder made with `towndesk init` has none);
- the demo folder without accounts → the same, but it may be skipped ("skippable only in the demo").
A password the admin set must be changed before the window opens. After login the day's
automatic backup runs in the background.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from desktop.accounts import service as accounts
from desktop.core.errors import UserError
from desktop.core.identity import sign_in

LAST_USER_KEY = "login/last_user"


class _Busy:
    def __enter__(self):
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc):
        QGuiApplication.restoreOverrideCursor()
        return False


def _password_field(placeholder: str = "") -> QLineEdit:
    e = QLineEdit()
    e.setEchoMode(QLineEdit.EchoMode.Password)
    e.setPlaceholderText(placeholder)
    return e


class _Form(QDialog):
    """A titled form with an inline error line and OK/Cancel."""

    def __init__(self, title: str, intro: str, ok_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.layout_ = QVBoxLayout(self)
        head = QLabel(intro)
        head.setWordWrap(True)
        self.layout_.addWidget(head)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.error = QLabel()
        self.error.setObjectName("loginError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.layout_.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)
        self.user: dict | None = None

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)

    def submit(self) -> None:
        try:
            with _Busy():
                self.user = self.do_submit()
        except UserError as e:
            self.show_error(e.message)
            return
        self.accept()

    def do_submit(self) -> dict:
        raise NotImplementedError


class LoginDialog(_Form):
    def __init__(self, ctx, parent=None):
        super().__init__(self.tr("登录 TownDesk"), self.tr("{0}：请输入您的用户名和密码。").format(ctx.node_name),
                         self.tr("登录"), parent)
        self.ctx = ctx
        self.username = QLineEdit(str(ctx.value(LAST_USER_KEY, "") or ""))
        self.password = _password_field()
        self.form.addRow(self.tr("用户名："), self.username)
        self.form.addRow(self.tr("密码："), self.password)
        (self.password if self.username.text() else self.username).setFocus()

    def do_submit(self) -> dict:
        try:
            return accounts.authenticate(self.ctx.app, self.username.text(), self.password.text())
        finally:
            self.password.clear()
            self.password.setFocus()


class FirstAdminDialog(_Form):
    def __init__(self, ctx, allow_skip: bool, parent=None):
        intro = self.tr("还没有任何账户。请创建管理员账户：管理员可以添加经办人账户、做备份和恢复。请记好密码。")
        if allow_skip:
            intro += self.tr("\n这是演示数据，也可以先跳过。")
        super().__init__(self.tr("创建管理员"), intro, self.tr("创建并登录"), parent)
        self.ctx = ctx
        self.skipped = False
        self.username = QLineEdit()
        self.display = QLineEdit()
        self.password = _password_field(self.tr("至少 8 个字符，可以是一句好记的话"))
        self.confirm = _password_field()
        self.form.addRow(self.tr("用户名："), self.username)
        self.form.addRow(self.tr("姓名："), self.display)
        self.form.addRow(self.tr("密码："), self.password)
        self.form.addRow(self.tr("再输一次密码："), self.confirm)
        self.skip_button = None
        if allow_skip:
            self.skip_button = QPushButton(self.tr("跳过（演示）"))
            self.buttons.addButton(self.skip_button, QDialogButtonBox.ButtonRole.ActionRole)
            self.skip_button.clicked.connect(self._skip)

    def _skip(self) -> None:
        self.skipped = True
        self.accept()

    def do_submit(self) -> dict:
        if self.password.text() != self.confirm.text():
            raise UserError(self.tr("两次输入的密码不一致。"))
        return accounts.create_first_admin(self.ctx.app, self.username.text(), self.password.text(),
                                           self.display.text().strip() or None)


class ChangePasswordDialog(_Form):
    """Shown when the admin set this user's password: pick one of your own before starting."""

    def __init__(self, ctx, user: dict, parent=None):
        super().__init__(self.tr("请修改密码"), self.tr("您的密码是管理员设置的，请先换成只有您知道的密码。"),
                         self.tr("修改并继续"), parent)
        self.ctx, self.username = ctx, user["username"]
        self.old = _password_field()
        self.new = _password_field(self.tr("至少 8 个字符"))
        self.confirm = _password_field()
        self.form.addRow(self.tr("原密码："), self.old)
        self.form.addRow(self.tr("新密码："), self.new)
        self.form.addRow(self.tr("再输一次："), self.confirm)

    def do_submit(self) -> dict:
        if self.new.text() != self.confirm.text():
            raise UserError(self.tr("两次输入的新密码不一致。"))
        return accounts.change_password(self.ctx.app, self.username, self.old.text(), self.new.text())


def _start_daily_backup(ctx) -> None:
    from desktop.backup import daily_backup_if_due

    def run(app):
        made = daily_backup_if_due(app)
        return made.path.name if made else None
    ctx.mutate(run, initiator=None, title=QCoreApplication.translate("login", "每日自动备份"), show_progress=False)


def login(ctx, parent=None, *, backup: bool = True) -> bool:
    """Ask who is working; True with ctx.app.user_name set, False if the user quits."""
    mode = accounts.login_mode(ctx.app)
    if mode == "login":
        dlg = LoginDialog(ctx, parent)
    else:
        dlg = FirstAdminDialog(ctx, allow_skip=(mode == "demo"), parent=parent)
    if dlg.exec() != QDialog.DialogCode.Accepted:
        return False
    if getattr(dlg, "skipped", False):
        ctx.account = None  # demo without accounts: changes are recorded under the OS user name
        return True
    user = dlg.user
    if user.get("must_change_password"):
        change = ChangePasswordDialog(ctx, user, parent)
        if change.exec() != QDialog.DialogCode.Accepted:
            return False
        user = change.user
    sign_in(ctx.app, user)  # the core checks this account's rights on every write
    ctx.account = user  # role etc. for pages that show or hide actions
    ctx.set_value(LAST_USER_KEY, user["username"])
    if backup:
        _start_daily_backup(ctx)
    return True
