"""Recognise a full or failing disk in any exception, and say so in Chinese.

Why: "程序内部错误" is the wrong message when a USB stick was pulled or the disk is full: the
clerk can fix those. Both Python file writes (OSError ENOSPC/EIO/…) and SQLite ("database or
disk is full", "disk I/O error", possibly wrapped by SQLAlchemy) are recognised. The operations
themselves guarantee nothing was half-written (atomic renames, one transaction).
"""
from __future__ import annotations

import errno
import sqlite3

from desktop.core.errors import UserError

FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", -1), errno.EFBIG}
BROKEN = {errno.EIO, getattr(errno, "ENXIO", -2), getattr(errno, "ENODEV", -3)}
READ_ONLY = {errno.EROFS}
SQLITE_FULL = ("database or disk is full", "disk is full")
SQLITE_IO = ("disk i/o error",)


def _chain(exc: BaseException):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        orig = getattr(exc, "orig", None)  # SQLAlchemy's DBAPIError wraps the driver's error
        if isinstance(orig, BaseException) and id(orig) not in seen:
            yield orig
        exc = exc.__cause__ or exc.__context__


def kind_of(exc: BaseException) -> str | None:
    """'full', 'broken', 'read_only' or None."""
    for e in _chain(exc):
        if isinstance(e, OSError) and e.errno is not None:
            if e.errno in FULL:
                return "full"
            if e.errno in BROKEN:
                return "broken"
            if e.errno in READ_ONLY:
                return "read_only"
        if isinstance(e, sqlite3.Error):
            text = str(e).lower()
            if any(t in text for t in SQLITE_FULL):
                return "full"
            if any(t in text for t in SQLITE_IO):
                return "broken"
    return None


def user_error_for(exc: BaseException) -> UserError | None:
    """A Chinese UserError for a disk problem, or None if exc is something else."""
    where = ""
    for e in _chain(exc):
        if isinstance(e, OSError) and e.filename:
            where = f"（{e.filename}）"
            break
    kind = kind_of(exc)
    if kind == "full":
        return UserError(f"磁盘空间不足{where}：操作未完成，没有留下写了一半的文件，数据库未被改动。"
                         "请清理磁盘（或换一个保存位置）后重试。")
    if kind == "broken":
        return UserError(f"读写磁盘出错{where}（可能是U盘被拔出或磁盘损坏）：操作未完成，数据库未被改动。"
                         "请检查U盘或磁盘后重试。")
    if kind == "read_only":
        return UserError(f"磁盘是只读的{where}，无法写入：操作未完成。请换一个可以写入的位置。")
    return None
