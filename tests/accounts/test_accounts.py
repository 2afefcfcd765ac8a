"""Accounts: first admin, roles, Argon2id parameters, lockout that survives a restart, resets."""
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from db.base import utcnow
from db.models import ChangeLog, SecurityEvent, User
from desktop.accounts import passwords
from desktop.accounts import service as acc
from desktop.core.errors import UserError
from tests.accounts.conftest import ADMIN_PW, CLERK_PW


def _fail(app, name, times, password="wrong-password"):
    msgs = []
    for _ in range(times):
        with pytest.raises(UserError) as e:
            acc.authenticate(app, name, password)
        msgs.append(e.value.message)
    return msgs


def test_first_admin_only_once(accounts_app):
    """The first run creates the admin; a second 'first admin' is refused."""
    with pytest.raises(UserError, match="已经有账户"):
        acc.create_first_admin(accounts_app, "other", "another-pass-2020")
    roles = {u["username"]: u["role"] for u in acc.list_users(accounts_app)}
    assert roles == {"admin": "admin", "李四": "clerk", "王五": "reviewer"}


def test_hash_is_argon2id_at_or_above_owasp(accounts_app):
    """Stored hashes are Argon2id with at least 19 MiB, 2 iterations, parallelism 1 (we use 64 MiB, t=3)."""
    with accounts_app.read() as s:
        hashes = s.scalars(select(User.password_hash)).all()
    for h in hashes:
        p = passwords.parameters_of(h)
        assert h.startswith("$argon2id$") and passwords.meets_owasp(h)
        assert (p["memory_kib"], p["time_cost"], p["parallelism"]) == (65536, 3, 1)
        assert p["salt_len"] >= 16 and p["hash_len"] >= 32
    assert len(set(hashes)) == len(hashes)  # salted: no two equal


def test_weak_hash_is_upgraded_at_login(accounts_app):
    """A hash made with weaker parameters is replaced by a current one at the next good login."""
    from argon2 import PasswordHasher

    weak = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1).hash(CLERK_PW)
    with accounts_app.tx(right=None) as s:
        s.execute(update(User).where(User.username == "李四").values(password_hash=weak))
    acc.authenticate(accounts_app, "李四", CLERK_PW)
    with accounts_app.read() as s:
        h = s.scalar(select(User.password_hash).where(User.username == "李四"))
    assert passwords.parameters_of(h)["memory_kib"] == 65536


def test_password_policy(accounts_app, admin):
    """Short, common, or same-as-username passwords are refused with a Chinese message."""
    for bad, words in (("abc123", "太短"), ("12345678", "太常见"), ("password", "太常见"), ("aaaaaaaaaa", "太常见"),
                       ("zhaoliu123", "用户名")):
        with pytest.raises(UserError, match=words):
            acc.add_user(accounts_app, admin, "zhaoliu123", "clerk", bad)
    assert "zhaoliu123" not in {u["username"] for u in acc.list_users(accounts_app)}


def test_unknown_user_and_wrong_password_look_alike(accounts_app):
    """Neither message tells an attacker whether the account exists."""
    with pytest.raises(UserError) as a:
        acc.authenticate(accounts_app, "nobody", "whatever-pass")
    with pytest.raises(UserError) as b:
        acc.authenticate(accounts_app, "李四", "whatever-pass")
    assert a.value.message.startswith("用户名或密码不正确") and b.value.message.startswith("用户名或密码不正确")


def test_five_failures_lock_even_the_right_password(accounts_app):
    """After 5 wrong passwords the account is locked; the right password is refused until it ends."""
    msgs = _fail(accounts_app, "李四", 5)
    assert "再错 4 次" in msgs[0] and "已被锁定" in msgs[4]
    with pytest.raises(UserError, match="已被锁定"):
        acc.authenticate(accounts_app, "李四", CLERK_PW)
    assert acc.get_user(accounts_app, "李四")["locked"]
    with accounts_app.read() as s:
        kinds = s.scalars(select(SecurityEvent.kind).where(SecurityEvent.subject == "李四")).all()
    assert kinds.count("login_failed") == 4 and "locked" in kinds


def test_lockout_survives_restart_and_expires(accounts_app, tmp_path):
    """The lock is in the user row: a reopened data folder is still locked; after its time it opens."""
    from desktop.core.app import open_app

    _fail(accounts_app, "李四", 5)
    root = accounts_app.data_dir
    accounts_app.dispose()
    app2 = open_app(root)
    try:
        with pytest.raises(UserError, match="已被锁定"):
            acc.authenticate(app2, "李四", CLERK_PW)
        with app2.tx(right=None) as s:  # the lock time has passed
            s.execute(update(User).where(User.username == "李四").values(locked_until=utcnow() - timedelta(seconds=1)))
        assert acc.authenticate(app2, "李四", CLERK_PW)["username"] == "李四"
        assert acc.get_user(app2, "李四")["failed_attempts"] == 0
    finally:
        app2.dispose()


def test_lock_minutes_is_a_setting(accounts_app):
    """accounts.lockout_minutes sets how long the lock lasts."""
    from db.models import Setting

    with accounts_app.tx(right=None) as s:
        s.add(Setting(key=acc.LOCK_SETTING, value="60"))
    _fail(accounts_app, "李四", 5)
    with accounts_app.read() as s:
        until = s.scalar(select(User.locked_until).where(User.username == "李四"))
    assert timedelta(minutes=59) < until - utcnow() <= timedelta(minutes=60)


def test_admin_unlocks_and_resets(accounts_app, admin):
    """An admin can unlock an account, and a reset sets a new password that must be changed."""
    _fail(accounts_app, "李四", 5)
    acc.unlock(accounts_app, admin, "李四")
    assert acc.authenticate(accounts_app, "李四", CLERK_PW)
    acc.reset_password(accounts_app, admin, "李四", "brand-new-pass-9")
    with pytest.raises(UserError):
        acc.authenticate(accounts_app, "李四", CLERK_PW)
    user = acc.authenticate(accounts_app, "李四", "brand-new-pass-9")
    assert user["must_change_password"]
    user = acc.change_password(accounts_app, "李四", "brand-new-pass-9", "my-own-pass-77")
    assert not user["must_change_password"]


def test_only_admin_manages_accounts(accounts_app):
    """A clerk or reviewer cannot add users, reset passwords or unlock."""
    clerk = acc.authenticate(accounts_app, "李四", CLERK_PW)
    with pytest.raises(UserError, match="没有“管理账户”的权限"):
        acc.add_user(accounts_app, clerk, "x1", "admin", "some-pass-123")
    with pytest.raises(UserError, match="权限"):
        acc.reset_password(accounts_app, clerk, "admin", "some-pass-123")
    with pytest.raises(UserError, match="权限"):
        acc.unlock(accounts_app, clerk, "admin")


def test_last_admin_cannot_be_disabled(accounts_app, admin):
    """Disabling the only admin is refused; a disabled clerk cannot log in."""
    with pytest.raises(UserError, match="最后一个管理员"):
        acc.set_active(accounts_app, admin, "admin", False)
    acc.set_active(accounts_app, admin, "李四", False)
    with pytest.raises(UserError, match="已停用"):
        acc.authenticate(accounts_app, "李四", CLERK_PW)


def test_every_change_names_its_user(accounts_app):
    """A change made by a logged-in user carries that user in the change log."""
    from desktop.projects import projects

    from desktop.core.identity import sign_in

    sign_in(accounts_app, acc.authenticate(accounts_app, "李四", CLERK_PW))
    projects.create_many(accounts_app, [{"name": "团结村产业路", "year": 2021, "level": "区级"}], source="测试")
    with accounts_app.read() as s:
        users = set(s.scalars(select(ChangeLog.user_name)))
    assert users == {"李四"}


def test_admin_password_is_not_stored_anywhere_in_clear(accounts_app):
    """The database file holds no password in clear text."""
    accounts_app.dispose()
    raw = (accounts_app.data_dir / "towndesk.db").read_bytes()
    wal = accounts_app.data_dir / "towndesk.db-wal"
    raw += wal.read_bytes() if wal.exists() else b""
    for pw in (ADMIN_PW, CLERK_PW):
        assert pw.encode("utf-8") not in raw
