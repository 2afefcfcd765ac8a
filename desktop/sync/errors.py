"""Errors specific to sync, all shown to the user as plain Chinese messages."""
from __future__ import annotations

from desktop.core.errors import UserError


class Cancelled(UserError):
    """The user pressed cancel; nothing was written under the final name."""

    def __init__(self, message: str = "已取消，未生成任何文件，数据未被改动。"):
        super().__init__(message)


class NotAPeer(UserError):
    pass
