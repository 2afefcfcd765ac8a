"""账户: the list of accounts; an admin adds accounts, resets passwords and unlocks; everyone can change
their own password. Every action goes through desktop.accounts (and lands in the security log).
"""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMessageBox,
    QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop.accounts import service as accounts
from desktop.accounts.roles import ROLES, can
from desktop.core.errors import UserError
from ui.core.refresh import follow

COLUMNS = [("username", "用户名"), ("display_name", "姓名"), ("role_label", "角色"), ("state", "状态"),
           ("last_login_at", "最近登录")]


def create_section(ctx):
    return AccountsSection(ctx)


def _state(u: dict) -> str:
    if not u["active"]:
        return "已停用"
    if u["locked"]:
        return f"锁定至 {u['locked_until']}"
    return "需修改密码" if u["must_change_password"] else "正常"


class PasswordDialog(QDialog):
    """Asks for a user name (optional), a role (optional) and a new password twice."""

    def __init__(self, title: str, parent=None, *, with_name: bool = False):
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.username = QLineEdit()
        self.display = QLineEdit()
        self.role = QComboBox()
        for key, label in ROLES.items():
            self.role.addItem(label, key)
        self.role.setCurrentIndex(list(ROLES).index("clerk"))
        if with_name:
            form.addRow(self.tr("用户名："), self.username)
            form.addRow(self.tr("姓名："), self.display)
            form.addRow(self.tr("角色："), self.role)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("新密码："), self.password)
        form.addRow(self.tr("再输一次："), self.confirm)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def checked_password(self) -> str:
        if self.password.text() != self.confirm.text():
            raise UserError(self.tr("两次输入的密码不一致。"))
        return self.password.text()


class AccountsSection(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.me = getattr(ctx, "account", None) or {"username": ctx.user_name, "role": None}
        self.is_admin = can(self.me.get("role"), "manage_users")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for _, h in COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.add_button = QPushButton(self.tr("添加账户…"))
        self.reset_button = QPushButton(self.tr("重置密码…"))
        self.unlock_button = QPushButton(self.tr("解锁"))
        self.own_button = QPushButton(self.tr("修改我的密码…"))
        self.add_button.clicked.connect(self.add_user)
        self.reset_button.clicked.connect(self.reset_password)
        self.unlock_button.clicked.connect(self.unlock)
        self.own_button.clicked.connect(self.change_own)
        row = QHBoxLayout()
        for b in (self.add_button, self.reset_button, self.unlock_button):
            b.setEnabled(self.is_admin)
            row.addWidget(b)
        row.addWidget(self.own_button)
        row.addStretch(1)
        note = QLabel(self.tr("管理员可以添加账户、重置密码和解锁。密码连续输错 5 次，账户会被锁定一段时间（重启程序也不会解除）。")
                      if self.is_admin else self.tr("只有管理员可以添加账户、重置密码和解锁。"))
        note.setWordWrap(True)
        self.attribution = QLabel(objectName="attribution_note")  # shown while no account exists
        self.attribution.setStyleSheet("color:#b35900;")
        self.attribution.setWordWrap(True)
        self.attribution.hide()
        lay = QVBoxLayout(self)
        lay.addWidget(self.attribution)
        lay.addWidget(self.table, 1)
        lay.addLayout(row)
        lay.addWidget(note)
        self.users: list[dict] = []
        self.refresher = follow(self, ctx, {"user"}, self.refresh)  # e.g. an account added with the command line
        self.refresh()

    def refresh(self) -> None:
        self.ctx.query(accounts.list_users, title=self.tr("读取账户"), on_done=self._show, show_progress=False, parent=self)

    def _show(self, users: list[dict]) -> None:
        from desktop.core.identity import NO_ACCOUNTS_NOTE

        self.users = users
        self.attribution.setText(NO_ACCOUNTS_NOTE if not users else "")
        self.attribution.setVisible(not users)
        self.table.setRowCount(len(users))
        for i, u in enumerate(users):
            values = {**u, "state": _state(u)}
            for j, (key, _) in enumerate(COLUMNS):
                self.table.setItem(i, j, QTableWidgetItem(str(values.get(key) or "")))

    def selected(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.users[rows[0].row()] if rows else None

    def _run(self, fn, title: str, done_text: str) -> None:
        def finished(_):
            self.refresh()
            QMessageBox.information(self, self.tr("账户"), done_text)
        self.ctx.mutate(fn, initiator=self, title=title, on_done=finished, parent=self)

    def add_user(self) -> None:
        dlg = PasswordDialog(self.tr("添加账户"), self, with_name=True)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            password = dlg.checked_password()
        except UserError as e:
            QMessageBox.warning(self, self.tr("账户"), e.message)
            return
        name, role, display = dlg.username.text(), dlg.role.currentData(), dlg.display.text().strip() or None
        self._run(lambda app: accounts.add_user(app, self.me, name, role, password, display), self.tr("添加账户"),
                  self.tr("已添加账户 {0}。首次登录时须修改密码。").format(name))

    def reset_password(self) -> None:
        user = self.selected()
        if user is None:
            QMessageBox.information(self, self.tr("账户"), self.tr("请先在列表中选中一个账户。"))
            return
        dlg = PasswordDialog(self.tr("为 {0} 重置密码").format(user["username"]), self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            password = dlg.checked_password()
        except UserError as e:
            QMessageBox.warning(self, self.tr("账户"), e.message)
            return
        self._run(lambda app: accounts.reset_password(app, self.me, user["username"], password), self.tr("重置密码"),
                  self.tr("已为 {0} 设置新密码并解锁。").format(user["username"]))

    def unlock(self) -> None:
        user = self.selected()
        if user is None:
            QMessageBox.information(self, self.tr("账户"), self.tr("请先在列表中选中一个账户。"))
            return
        self._run(lambda app: accounts.unlock(app, self.me, user["username"]), self.tr("解锁"),
                  self.tr("已解锁账户 {0}。").format(user["username"]))

    def change_own(self) -> None:
        from ui.accounts.login_dialog import ChangePasswordDialog

        if not self.me.get("username") or self.me.get("role") is None:
            QMessageBox.information(self, self.tr("账户"), self.tr("当前没有登录账户（演示模式）。"))
            return
        dlg = ChangePasswordDialog(self.ctx, self.me, self)
        dlg.setWindowTitle(self.tr("修改我的密码"))
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
