"""One window per data folder: a lock file held while the window is open.

Why: two windows on one SQLite folder each believe their view is current, and the first-run
wizard, restore and migrations assume nobody else writes. The lock is an OS lock (filelock:
fcntl on Linux, LockFileEx on Windows), so it vanishes when the process dies, even after a
power cut: a stale lock can never keep a clerk out. The holder writes who it is into a small
info file beside it, so the second window can say plainly where the first one is.
"""
from __future__ import annotations

import json
import os
import socket
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from desktop.core.errors import UserError
from desktop.core.fileio import atomic_write_bytes

LOCK_NAME = "towndesk.lock"
INFO_NAME = "towndesk.lock.json"


class FolderInUse(UserError):
    """Another TownDesk window (or a restore) has this data folder open."""


class DataFolderLock:
    """Hold with `with DataFolderLock(folder):` or acquire()/release(); refuses at once if held.

    Keep the object while the window is open: when it is garbage-collected the OS lock goes with it."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._lock = FileLock(str(self.folder / LOCK_NAME), timeout=0, thread_local=False)

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def acquire(self) -> "DataFolderLock":
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise FolderInUse(self._in_use_message()) from None
        info = {"pid": os.getpid(), "host": socket.gethostname(), "since": datetime.now().isoformat(timespec="seconds")}
        try:
            atomic_write_bytes(self.folder / INFO_NAME, json.dumps(info).encode("utf-8"))
        except OSError:
            pass  # the lock itself is what counts; the info only improves the message
        return self

    def release(self) -> None:
        if self._lock.is_locked:
            (self.folder / INFO_NAME).unlink(missing_ok=True)
            self._lock.release(force=True)

    def __enter__(self) -> "DataFolderLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()

    def _in_use_message(self) -> str:
        who = ""
        try:
            info = json.loads((self.folder / INFO_NAME).read_text(encoding="utf-8"))
            host = info.get("host") or ""
            since = str(info.get("since") or "").replace("T", " ")
            who = f"（{'电脑 ' + host + ' 上' if host and host != socket.gethostname() else '本机上'}，" \
                  f"自 {since} 起）" if since else ""
        except (OSError, ValueError, AttributeError):
            pass
        return (f"数据文件夹 {self.folder} 已经在另一个 TownDesk 窗口中打开{who}。"
                "同一个数据文件夹一次只能在一个窗口中使用：请切换到已打开的那个窗口，或先把它关闭后再打开。")
