"""The login dialog (pytest-qt, offscreen): login, lockout message, first admin, demo skip, forced change."""
import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tests.accounts.conftest import ADMIN_PW, CLERK_PW  # noqa: E402

pytestmark = pytest.mark.gui


_made = []


def _ctx(app, tmp_path):
    from PySide6.QtCore import QSettings

    from ui.core.context import UiContext

    c = UiContext(app, QSettings(str(tmp_path / "ui.ini"), QSettings.IniFormat))
    _made.append(c)
    return c


@pytest.fixture(autouse=True)
def _stop_workers():
    """Every context's worker is stopped after its test (a running QThread at exit aborts the process)."""
    yield
    while _made:
        c = _made.pop()
        c.runner.wait_idle(30)
        c.runner.shutdown()


def _when_shown(fn, kind=None, tries=500):
    """Run fn(dialog) once a modal dialog (of class `kind`) is up: exec() blocks the test otherwise.

    If none appears within ~10 s, every open dialog is rejected so the test fails instead of hanging.
    """
    from PySide6.QtWidgets import QDialog

    def tick(left=tries):
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind or QDialog) and w.isVisible()]
        if shown:
            fn(shown[-1])
        elif left:
            QTimer.singleShot(20, lambda: tick(left - 1))
        else:
            for w in QApplication.topLevelWidgets():
                if isinstance(w, QDialog) and w.isVisible():
                    w.reject()
    QTimer.singleShot(0, tick)


def test_login_sets_user_and_counts_failures(qtbot, accounts_app, tmp_path):
    """A wrong password shows the remaining tries inline; the right one logs in and names the user."""
    from desktop.accounts import service as acc
    from ui.accounts.login_dialog import LoginDialog, login

    acc.change_password(accounts_app, "李四", CLERK_PW, CLERK_PW + "x")  # no forced change at this login
    ctx = _ctx(accounts_app, tmp_path)
    dlg = LoginDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.username.setText("李四")
    dlg.password.setText("wrong-password")
    dlg.submit()
    assert dlg.error.isVisibleTo(dlg) and "再错 4 次" in dlg.error.text() and dlg.password.text() == ""

    def fill(d):
        d.username.setText("李四")
        d.password.setText(CLERK_PW + "x")
        d.ok_button.click()
    _when_shown(fill)
    assert login(ctx, backup=False) is True
    assert accounts_app.user_name == "李四" and ctx.account["role"] == "clerk"
    assert ctx.value("login/last_user") == "李四"


def test_locked_account_message_and_quit(qtbot, accounts_app, tmp_path):
    """After five wrong passwords the dialog says the account is locked; 退出 returns False."""
    from ui.accounts.login_dialog import LoginDialog, login

    ctx = _ctx(accounts_app, tmp_path)
    dlg = LoginDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.username.setText("李四")
    for _ in range(5):
        dlg.password.setText("wrong-password")
        dlg.submit()
    dlg.password.setText(CLERK_PW)
    dlg.submit()
    assert "已被锁定" in dlg.error.text() and dlg.result() == 0
    _when_shown(lambda d: d.reject())
    assert login(ctx, backup=False) is False


def test_first_run_creates_admin(qtbot, township_app, tmp_path):
    """A folder without accounts asks for the admin; mismatched passwords are refused inline."""
    from desktop.accounts import service as acc
    from ui.accounts.login_dialog import FirstAdminDialog, login

    ctx = _ctx(township_app, tmp_path)
    probe = FirstAdminDialog(ctx, allow_skip=False)
    qtbot.addWidget(probe)
    assert probe.skip_button is None  # not a demo: no way around creating the admin
    probe.username.setText("admin")
    probe.password.setText(ADMIN_PW)
    probe.confirm.setText(ADMIN_PW + "x")
    probe.submit()
    assert "不一致" in probe.error.text()

    def fill(d):
        d.username.setText("admin")
        d.password.setText(ADMIN_PW)
        d.confirm.setText(ADMIN_PW)
        d.ok_button.click()
    _when_shown(fill)
    assert login(ctx, backup=False) and township_app.user_name == "admin"
    assert acc.login_mode(township_app) == "login"


def test_demo_may_skip(qtbot, demo_app, tmp_path):
    """Only a demo folder without accounts offers 跳过."""
    from desktop.accounts import service as acc
    from ui.accounts.login_dialog import login

    ctx = _ctx(demo_app, tmp_path)
    assert acc.login_mode(demo_app) == "demo"
    _when_shown(lambda d: d.skip_button.click())
    assert login(ctx, backup=False) is True and ctx.account is None


def test_admin_set_password_must_be_changed(qtbot, accounts_app, tmp_path):
    """A user whose password the admin set changes it before the window opens; then the backup runs."""
    from desktop.accounts import service as acc
    from desktop.backup import last_backup
    from ui.accounts.login_dialog import login

    ctx = _ctx(accounts_app, tmp_path)
    steps = []

    def first(d):
        steps.append("login")
        d.username.setText("李四")
        d.password.setText(CLERK_PW)
        d.ok_button.click()
        _when_changed()

    def _when_changed():
        from ui.accounts.login_dialog import ChangePasswordDialog

        def change(d):
            steps.append("change")
            d.old.setText(CLERK_PW)
            d.new.setText("my-own-secret-9")
            d.confirm.setText("my-own-secret-9")
            d.ok_button.click()
        _when_shown(change, ChangePasswordDialog)
    _when_shown(first)
    assert login(ctx) is True and steps == ["login", "change"]
    assert not acc.get_user(accounts_app, "李四")["must_change_password"]
    assert ctx.runner.wait_idle(30)
    assert last_backup(accounts_app.layout).reason == "daily"
