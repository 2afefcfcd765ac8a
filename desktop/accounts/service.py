"""Local accounts: the first admin, adding users, login with lockout, password resets.

Why the lockout lives in the User row: a locked account must stay locked when the program is
restarted (or the PC rebooted), so the count and the end of the lock are data, not memory.
Every account action is written to the security event log with the acting user.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select

from db.base import utcnow
from db.models import User
from desktop.core import settings
from desktop.accounts import passwords
from desktop.accounts.roles import parse_role, require, role_label
from desktop.audit import events
from desktop.core.errors import UserError

MAX_FAILED = 5
LOCK_SETTING = "accounts.lockout_minutes"
USERNAME_RE = re.compile(r"^[\w.\-·\u4e00-\u9fff]{1,32}$")


def normalise_username(name: str) -> str:
    u = unicodedata.normalize("NFKC", (name or "")).strip()
    if not USERNAME_RE.match(u):
        raise UserError(f"用户名 '{name}' 无效：1–32 个字符，可用汉字、字母、数字、点、横线，不能有空格。", field="用户名")
    return u


def user_dict(u: User) -> dict:
    now = utcnow()
    locked = bool(u.locked_until and u.locked_until > now)
    return {"id": u.id, "username": u.username, "display_name": u.display_name, "role": u.role,
            "role_label": role_label(u.role), "active": u.active, "failed_attempts": u.failed_attempts,
            "locked": locked, "locked_until": local_time(u.locked_until) if locked else None,
            "must_change_password": bool(u.must_change_password),
            "last_login_at": local_time(u.last_login_at), "created_at": local_time(u.created_at)}


def local_time(t: datetime | None) -> str | None:
    """A stored UTC time as the PC's local time, for messages and lists."""
    if t is None:
        return None
    return t.replace(tzinfo=timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M")


def lock_minutes(session) -> int:
    return settings.get(session, LOCK_SETTING)


def has_users(app) -> bool:
    with app.read() as s:
        return bool(s.scalar(select(func.count()).select_from(User)))


def list_users(app) -> list[dict]:
    with app.read() as s:
        return [user_dict(u) for u in s.scalars(select(User).order_by(User.created_at, User.username))]


def get_user(app, username: str) -> dict:
    with app.read() as s:
        return user_dict(_find(s, username))


def _find(s, username: str) -> User:
    u = s.scalar(select(User).where(User.username == normalise_username(username)))
    if u is None:
        raise UserError(f"没有名为 '{username}' 的账户。运行 towndesk users list 查看现有账户。", field="用户名")
    return u


def create_first_admin(app, username: str, password: str, display_name: str | None = None) -> dict:
    """The first run: create the administrator. Refused once any account exists."""
    with app.tx(user=username) as s:
        if s.scalar(select(func.count()).select_from(User)):
            raise UserError("已经有账户了：新账户须由管理员登录后添加。", cli_hint="towndesk --user 管理员 users add …")
        u = _new_user(s, username, password, display_name, "admin")
        events.record(s, "first_admin", user=u.username, subject=u.username)
        return user_dict(u)


def add_user(app, actor: dict, username: str, role: str, password: str, display_name: str | None = None) -> dict:
    require(actor, "manage_users")
    with app.tx(user=actor["username"]) as s:
        u = _new_user(s, username, password, display_name, parse_role(role))
        u.must_change_password = True  # the admin chose it; the user picks their own at first login
        events.record(s, "user_created", user=actor["username"], subject=u.username, detail={"role": u.role})
        return user_dict(u)


def _new_user(s, username: str, password: str, display_name: str | None, role: str) -> User:
    name = normalise_username(username)
    if s.scalar(select(User.id).where(User.username == name)):
        raise UserError(f"账户 '{name}' 已存在，请换一个用户名。", field="用户名")
    passwords.check_policy(password, name)
    u = User(username=name, display_name=(display_name or name).strip()[:100] or name, role=role,
             password_hash=passwords.hash_password(password), failed_attempts=0, active=True)
    s.add(u)
    s.flush()
    return u


def authenticate(app, username: str, password: str) -> dict:
    """Check a login. Wrong passwords count; the 5th locks the account for a while (kept in the row).

    Unknown user and wrong password give the same message and take the same time.
    """
    failure: UserError | None = None
    with app.tx(user=username) as s:
        try:
            name = normalise_username(username)
        except UserError:
            name = None
        u = s.scalar(select(User).where(User.username == name)) if name else None
        now = utcnow()
        if u is None:
            passwords.verify_password(None, password or "")
            raise UserError("用户名或密码不正确。")
        if u.locked_until and u.locked_until > now:
            raise UserError(f"账户 {u.username} 因连续 {MAX_FAILED} 次密码错误已被锁定，请在 {local_time(u.locked_until)} 之后再试，"
                            "或请管理员解锁（towndesk users unlock）。")
        if not passwords.verify_password(u.password_hash, password or ""):
            u.failed_attempts = (u.failed_attempts or 0) + 1
            if u.failed_attempts >= MAX_FAILED:
                u.locked_until = now + timedelta(minutes=lock_minutes(s))
                u.failed_attempts = 0
                events.record(s, "locked", user=u.username, subject=u.username,
                              detail={"minutes": lock_minutes(s)})
                failure = UserError(f"密码连续错误 {MAX_FAILED} 次，账户 {u.username} 已被锁定到 "
                                    f"{local_time(u.locked_until)}。如急需使用，请管理员解锁。")
            else:
                events.record(s, "login_failed", user=u.username, subject=u.username,
                              detail={"attempt": u.failed_attempts})
                failure = UserError(f"用户名或密码不正确（再错 {MAX_FAILED - u.failed_attempts} 次账户将被锁定）。")
        elif not u.active:
            raise UserError(f"账户 {u.username} 已停用，请联系管理员。")
        else:
            u.failed_attempts, u.locked_until, u.last_login_at = 0, None, now
            if passwords.needs_rehash(u.password_hash):
                u.password_hash = passwords.hash_password(password)
            events.record(s, "login_ok", user=u.username, subject=u.username)
            return user_dict(u)
    raise failure  # after the commit: the failed attempt is counted even though login fails


def reset_password(app, actor: dict, username: str, new_password: str) -> dict:
    """An admin sets a new password; it also clears a lock and must be changed at next login."""
    require(actor, "manage_users")
    with app.tx(user=actor["username"]) as s:
        u = _find(s, username)
        passwords.check_policy(new_password, u.username)
        u.password_hash = passwords.hash_password(new_password)
        u.failed_attempts, u.locked_until = 0, None
        u.must_change_password = u.username != actor["username"]
        events.record(s, "password_reset", user=actor["username"], subject=u.username)
        return user_dict(u)


def change_password(app, username: str, old_password: str, new_password: str) -> dict:
    """A user changes their own password (checked like a login, so it counts towards the lock)."""
    authenticate(app, username, old_password)
    if passwords.normalise(old_password) == passwords.normalise(new_password):
        raise UserError("新密码不能与原密码相同。", field="新密码")
    with app.tx(user=username) as s:
        u = _find(s, username)
        passwords.check_policy(new_password, u.username)
        u.password_hash = passwords.hash_password(new_password)
        u.must_change_password = False
        events.record(s, "password_changed", user=u.username, subject=u.username)
        return user_dict(u)


def unlock(app, actor: dict, username: str) -> dict:
    require(actor, "manage_users")
    with app.tx(user=actor["username"]) as s:
        u = _find(s, username)
        u.failed_attempts, u.locked_until = 0, None
        events.record(s, "unlocked", user=actor["username"], subject=u.username)
        return user_dict(u)


def set_active(app, actor: dict, username: str, active: bool) -> dict:
    """Disable or enable an account; the last active admin cannot be disabled."""
    require(actor, "manage_users")
    with app.tx(user=actor["username"]) as s:
        u = _find(s, username)
        if not active and u.role == "admin":
            admins = s.scalar(select(func.count()).select_from(User).where(User.role == "admin", User.active.is_(True)))
            if admins <= 1:
                raise UserError("不能停用最后一个管理员账户：请先添加另一个管理员。")
        u.active = active
        events.record(s, "user_enabled" if active else "user_disabled", user=actor["username"], subject=u.username)
        return user_dict(u)


DEMO_USER = "演示数据"  # desktop.setup.demo.fill_demo writes its changes as this user


def login_mode(app) -> str:
    """What the window asks at start: 'login', 'first_admin', or 'demo' (first admin, may be skipped)."""
    from db.models import ChangeLog

    if has_users(app):
        return "login"
    with app.read() as s:
        demo = s.scalar(select(ChangeLog.seq).where(ChangeLog.user_name == DEMO_USER).limit(1))
    return "demo" if demo else "first_admin"
