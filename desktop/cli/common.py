"""Helpers shared by command modules.

The database stack is imported inside app_from, not at the top, so that importing a command
module to build its parser costs nothing (`towndesk --version` and `--help` stay fast).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.core.app import App


def app_from(args) -> "App":
    from desktop.core.app import open_app

    app = open_app(args.data_dir, db_url=getattr(args, "db_url", None))
    app.user_name = getattr(args, "user", None) or _default_user()
    return app


def _default_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:
        return "unknown"
