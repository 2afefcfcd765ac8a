"""A file that another program holds open (Excel, WPS, a PDF viewer) is a message, not a crash.

Why: Windows refuses to replace or delete a file another program has open (sharing violation,
WinError 32, or access denied, WinError 5, both a PermissionError), and antivirus scanners hold new
files for a moment after they are written. We retry briefly for the scanner, then tell the clerk
which file to close. The caller's temporary file is removed, so nothing half-written is left.
"""
from __future__ import annotations

import errno
import os
import time
from pathlib import Path

from desktop.core.errors import UserError

SHARING_VIOLATION = 32  # ERROR_SHARING_VIOLATION
LOCK_VIOLATION = 33
ACCESS_DENIED = 5
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4)  # ≈ 0.75 s in all: long enough for a virus scanner, short for a person


class FileInUse(UserError):
    """The target file is open in another program."""

    def __init__(self, path: Path):
        self.path = Path(path)
        super().__init__(f"文件 {self.path.name} 正被其他程序打开（例如 Excel、WPS 或 PDF 阅读器），无法保存。"
                         f"请在那个程序中关闭该文件后重试。原文件未被改动，也没有留下写了一半的文件。"
                         f"（位置：{self.path.parent}）")


def is_in_use(exc: BaseException) -> bool:
    """True for the errors Windows raises when another program holds the file."""
    if not isinstance(exc, PermissionError):
        return False
    winerror = getattr(exc, "winerror", None)
    if winerror is not None:
        return winerror in (SHARING_VIOLATION, LOCK_VIOLATION, ACCESS_DENIED)
    return exc.errno in (errno.EACCES, errno.EBUSY, errno.ETXTBSY)


_os_replace = os.replace  # module-level so a test can simulate Windows' sharing violation here only


def replace_file(src: Path, dest: Path, *, replace=None, delays=None, sleep=None) -> None:
    """os.replace(src, dest), retried while the target is held; FileInUse if it stays held.

    `src` is left for the caller to delete (its `except` cleans temporary files up)."""
    replace, sleep = replace or _os_replace, sleep or time.sleep
    for delay in (*(RETRY_DELAYS if delays is None else delays), None):
        try:
            replace(src, dest)
            return
        except PermissionError as e:
            if not is_in_use(e):
                raise
            if delay is None:
                raise FileInUse(Path(dest)) from None
            sleep(delay)


def user_error_for(exc: BaseException, path: Path | None = None) -> UserError | None:
    """FileInUse for a held-file error anywhere in `exc`'s chain (with its file name), else None."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, FileInUse):
            return exc
        if is_in_use(exc):
            name = getattr(exc, "filename2", None) or getattr(exc, "filename", None) or path
            if name:
                return FileInUse(Path(name))
        exc = exc.__cause__ or exc.__context__
    return None
