"""The 账户, 备份 and 审计记录 sections of the settings page (pytest-qt, offscreen)."""
import pytest

pytest.importorskip("pytestqt")

from tests.accounts.conftest import ADMIN_PW, CLERK_PW  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture
def ctx(qtbot, accounts_app, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from desktop.accounts import service as acc
    from ui.core.context import UiContext

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.Ok)  # modal boxes would block
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.Ok)
    c = UiContext(accounts_app, QSettings(str(tmp_path / "ui.ini"), QSettings.IniFormat))
    from desktop.core.identity import sign_in

    c.account = sign_in(accounts_app, acc.authenticate(accounts_app, "admin", ADMIN_PW))
    yield c
    c.runner.wait_idle(30)
    c.runner.shutdown()


def _idle(ctx):
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        assert ctx.runner.wait_idle(30)
        QApplication.processEvents()


def test_backup_section_warns_then_backs_up(qtbot, ctx, tmp_path):
    """No backup yet: a red warning; after 立即备份 and a zip to a USB folder, both are listed and the warning goes."""
    from ui.settings.backup_section import BackupSection, status_text

    w = BackupSection(ctx)
    qtbot.addWidget(w)
    _idle(ctx)
    assert "还没有任何备份" in w.status.text() and "b00020" in w.status.styleSheet()
    w.now_button.click()
    _idle(ctx)
    assert w.table.rowCount() == 1 and "今天" in w.status.text() and w.status.styleSheet() == ""
    w.save_archive(tmp_path / "u盘" / "备份")
    _idle(ctx)
    assert (tmp_path / "u盘" / "备份.zip").exists()
    old = {"last": {"created_at": "2020-01-01 08:00:00", "reason_label": "每日自动"}, "age_days": 30, "warn_days": 7,
           "too_old": True}
    assert status_text(old)[1] and "30 天前" in status_text(old)[0]


def test_accounts_section_unlocks_and_lists(qtbot, ctx):
    """The admin sees every account with its state and can unlock a locked clerk."""
    from desktop.accounts import service as acc
    from desktop.core.errors import UserError
    from ui.settings.accounts_section import AccountsSection

    for _ in range(5):
        with pytest.raises(UserError):
            acc.authenticate(ctx.app, "李四", "wrong-password")
    w = AccountsSection(ctx)
    qtbot.addWidget(w)
    _idle(ctx)
    names = [w.table.item(i, 0).text() for i in range(w.table.rowCount())]
    assert names == ["admin", "李四", "王五"] and w.add_button.isEnabled()
    assert w.table.item(1, 3).text().startswith("锁定至")
    w.table.selectRow(1)
    w.unlock()
    _idle(ctx)
    assert not acc.get_user(ctx.app, "李四")["locked"] and acc.authenticate(ctx.app, "李四", CLERK_PW)


def test_accounts_section_for_a_clerk_has_admin_buttons_disabled(qtbot, ctx):
    """A clerk cannot add, reset or unlock from the window."""
    from desktop.accounts import service as acc
    from ui.settings.accounts_section import AccountsSection

    ctx.account = acc.authenticate(ctx.app, "李四", CLERK_PW)
    w = AccountsSection(ctx)
    qtbot.addWidget(w)
    _idle(ctx)
    assert not w.add_button.isEnabled() and not w.unlock_button.isEnabled() and w.own_button.isEnabled()


def test_audit_section_filters_and_exports(qtbot, ctx, tmp_path):
    """The view lists changes (masked), filters by user, shows the chain as intact, and exports."""
    from db.models import Household
    from desktop.projects import projects
    from ui.settings.audit_section import AuditSection

    from desktop.accounts import service as acc
    from desktop.core.identity import sign_in
    from tests.accounts.conftest import CLERK_PW

    sign_in(ctx.app, acc.authenticate(ctx.app, "李四", CLERK_PW))
    projects.create_many(ctx.app, [{"name": "团结村产业路", "year": 2020, "level": "区级"}], source="测试")
    with ctx.app.tx(user="admin") as s:
        s.add(Household(township_code="533401102000", head_name="张三", id_number="53342119900101123X"))
    w = AuditSection(ctx)
    qtbot.addWidget(w)
    _idle(ctx)
    assert "检查通过" in w.chain.text()
    cells = {w.table.item(i, 7).text() for i in range(w.table.rowCount())}
    assert "5334**********123X" in cells and "53342119900101123X" not in cells
    w.user.setCurrentText("李四")
    w.search()
    _idle(ctx)
    assert w.table.rowCount() > 0 and {w.table.item(i, 1).text() for i in range(w.table.rowCount())} == {"李四"}
    w.export_to(tmp_path / "审计")
    _idle(ctx)
    assert (tmp_path / "审计.xlsx").exists() and "已导出" in w.status.text()
