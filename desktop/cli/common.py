"""Helpers shared by command modules.

The database stack is imported inside app_from, not at the top, so that importing a command
module to build its parser costs nothing (`towndesk --version` and `--help` stay fast).

Who acts: without accounts, `--user` (or the OS login name) is recorded and a note says that this is
not proven. With accounts, `--user` only says which account to log in; a write signs in through
`login_for_write` (a `towndesk login` session, else the password from TOWNDESK_PASSWORD or a prompt).
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.core.app import App

ENV_PASSWORD = "TOWNDESK_PASSWORD"


def app_from(args) -> "App":
    from desktop.core.app import open_app

    app = open_app(args.data_dir, db_url=getattr(args, "db_url", None))
    app.user_name = getattr(args, "user", None) or _default_user()
    app.login_hook = lambda a: login_for_write(a, getattr(args, "user", None))
    app.on_unproven = lambda text: setattr(args, "unproven_note", text)  # printed by main after success
    vars(args).setdefault("opened_apps", []).append(app)  # closed by main when the command returns
    return app


def login_for_write(app, name: str | None) -> dict:
    """The account a command acts as: a valid session (of `name` when given), else `name` + its password."""
    from desktop.accounts import service as accounts
    from desktop.accounts import sessions
    from desktop.core.errors import UserError

    session = sessions.current(app)
    if session and (not name or session["username"] == name):
        return session
    if not name:
        raise UserError("本数据文件夹已设置账户，修改数据须先登录：运行 towndesk login --user 账户名"
                        "（登录后数小时内有效），或在命令中加 --user 账户名 并输入密码。")
    password = os.environ.get(ENV_PASSWORD)
    if password is None:
        from desktop.cli.account_cmds import read_secret

        password = read_secret(f"{name} 的密码：")
    return accounts.authenticate(app, name, password)


def _default_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:
        return "unknown"
