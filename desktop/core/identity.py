"""Who is acting, proven: once a data folder has accounts, every write is made by an authenticated account
whose role has the right for it; without accounts the OS user is recorded and attribution is not proven.

The check sits in App.tx, so a service cannot forget it: a writing transaction names the right it needs
(`edit` by default) and is refused unless the signed-in account has it. A caller that is not signed in yet
gets one chance through `app.login_hook` (the command line asks for the password, reads
TOWNDESK_PASSWORD, or uses a session from `towndesk login`). A name on the command line proves nothing.
"""
from __future__ import annotations

from sqlalchemy import func, select

from desktop.accounts.roles import PERMISSION_LABELS, PERMISSIONS, require, role_label
from desktop.core.errors import UserError

UNPROVEN = "尚未设置账户：变更记录中的操作人（{name}）取自电脑的登录名，未经密码确认，不能证明是谁做的更改。"


def has_accounts(app) -> bool:
    """True once any account exists (cached: accounts are never removed, only disabled)."""
    if getattr(app, "_has_accounts", False):
        return True
    from db.models import User

    with app.sessions() as s:
        found = bool(s.scalar(select(func.count()).select_from(User)))
    app._has_accounts = found
    return found


def sign_in(app, user: dict) -> dict:
    """Make an authenticated account (from accounts.authenticate) the actor of this App's writes."""
    app.actor = dict(user)
    app.user_name = user["username"]
    return app.actor


def sign_out(app) -> None:
    app.actor = None


def authorize(app, right: str) -> dict:
    """The acting account if it may do `right`, else a Chinese UserError. Without accounts: the OS user,
    marked unproven (and the app's `on_unproven` hook told once, so the user reads it)."""
    if right not in PERMISSIONS:
        raise ValueError(right)
    if not has_accounts(app):
        name = app.user_name or "unknown"
        if not getattr(app, "_unproven_said", False) and getattr(app, "on_unproven", None):
            app._unproven_said = True
            app.on_unproven(UNPROVEN.format(name=name))
        return {"username": name, "role": None, "proven": False}
    actor = getattr(app, "actor", None)
    if actor is None and getattr(app, "login_hook", None):
        hook, app.login_hook = app.login_hook, None  # one attempt; a wrong password is not asked again
        actor = sign_in(app, hook(app))
    if actor is None:
        raise UserError(f"“{PERMISSION_LABELS[right]}”须先登录：本数据文件夹已设置账户，请用您的账户和密码登录后再操作。")
    require(actor, right)
    return actor | {"proven": True}


NO_ACCOUNTS_NOTE = "未设账户：记录的操作人未经验证（取自电脑的登录名），不能证明是谁做的更改。"


def unproven_note(app) -> str:
    """The sentence screens show beside who-did-what while no account exists; empty once accounts exist."""
    return "" if has_accounts(app) else NO_ACCOUNTS_NOTE


def attribution(app) -> dict:
    """For screens and reports: who is recorded and whether that is proven by a password."""
    actor = getattr(app, "actor", None)
    if actor:
        return {"user": actor["username"], "role": role_label(actor["role"]), "proven": True, "note": ""}
    name = app.user_name or "unknown"
    return {"user": name, "role": "", "proven": False, "note": UNPROVEN.format(name=name)}
