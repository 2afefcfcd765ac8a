"""Helpers shared by command modules."""
from __future__ import annotations

from desktop.core.app import App, open_app


def app_from(args) -> App:
    app = open_app(args.data_dir, db_url=getattr(args, "db_url", None))
    app.user_name = getattr(args, "user", None) or _default_user()
    return app


def _default_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:
        return "unknown"
