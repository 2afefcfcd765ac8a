"""Short-lived command-line sessions (`towndesk login`): one password prompt, then writes for a few hours.

The token lives in a file only this OS user can read (in the data folder's keys/); the database keeps only
its SHA-256, the account and the end time. A session file copied from elsewhere, edited to another name,
expired, or of a disabled account proves nothing: the command asks for the password again.
"""
from __future__ import annotations

import getpass
import hashlib
import os
import re
import secrets
from datetime import timedelta

from sqlalchemy import select

from db.base import utcnow
from db.models import User
from desktop.core import settings
from desktop.accounts.service import local_time, user_dict
from desktop.audit import events
from desktop.core.errors import UserError
from desktop.core.fileio import atomic_write_bytes

DEFAULT_HOURS, MAX_HOURS = 8, 12
PREFIX = "session."


def _file(app):
    try:
        who = getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (a service account): one shared file name
        who = "user"
    return app.layout.keys / f"session-{re.sub(r'[^0-9A-Za-z_.-]', '_', who)}.token"


def _key(token: str) -> str:
    return PREFIX + hashlib.sha256(token.encode()).hexdigest()


def start(app, user: dict, hours: int = DEFAULT_HOURS) -> dict:
    """After a successful authenticate(): a session for `user` ending in `hours` (1–12)."""
    if not 1 <= int(hours) <= MAX_HOURS:
        raise UserError(f"会话时长 {hours} 小时无效，应为 1–{MAX_HOURS} 小时。", field="时长")
    token = secrets.token_hex(32)
    ends = utcnow() + timedelta(hours=int(hours))
    with app.tx(user=user["username"]) as s:
        for key, old in settings.records(s, PREFIX).items():
            if old is None or old.get("ends", "") < utcnow().isoformat():
                settings.write_record(s, key, None)  # expired sessions of anyone are cleared on the way
        settings.write_record(s, _key(token), {"user": user["username"], "ends": ends.isoformat()})
        events.record(s, "session_start", user=user["username"], subject=user["username"], detail={"hours": int(hours)})
    path = _file(app)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, token.encode("ascii"))
    os.chmod(path, 0o600)
    return {"user": user["username"], "ends": local_time(ends), "file": str(path)}


def current(app) -> dict | None:
    """The account of a valid session of this OS user, or None."""
    path = _file(app)
    try:
        token = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not re.fullmatch(r"[0-9a-f]{64}", token):
        return None
    with app.sessions() as s:
        data = settings.read_record(s, _key(token))
        if data is None or data.get("ends", "") < utcnow().isoformat():
            return None
        u = s.scalar(select(User).where(User.username == data.get("user")))
        if u is None or not u.active:
            return None
        return user_dict(u)


def end(app) -> bool:
    """Log out: the session row and file are removed. True when there was one."""
    path = _file(app)
    try:
        token = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return False
    with app.tx(right=None) as s:
        had = settings.read_record(s, _key(token)) is not None
        settings.write_record(s, _key(token), None)
    path.unlink(missing_ok=True)
    return had
