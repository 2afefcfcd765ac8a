"""Is a process still running? Used to clean temporary files a killed export or restore left.

Why not `os.kill(pid, 0)`: on Windows signal 0 is CTRL_C_EVENT, so the "check" can interrupt a
whole console group, and it says nothing about liveness. Windows asks the kernel instead
(OpenProcess + GetExitCodeProcess).
"""
from __future__ import annotations

import os
import sys

STILL_ACTIVE = 259
PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
ERROR_ACCESS_DENIED = 5


def pid_alive(pid: int, *, platform: str | None = None, kernel32=None) -> bool:
    """True when process `pid` exists (when in doubt, True: we only delete files of dead ones)."""
    if pid <= 0:
        return False
    if (platform or sys.platform) == "win32":
        return _alive_windows(pid, kernel32)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _alive_windows(pid: int, kernel32) -> bool:
    import ctypes

    kernel32 = kernel32 or _Kernel32()
    handle = kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        return kernel32.GetLastError() == ERROR_ACCESS_DENIED  # exists but belongs to another user
    try:
        code = ctypes.c_ulong(0)
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


class _Kernel32:
    """The three kernel32 calls, with GetLastError read the way ctypes keeps it."""

    def __init__(self):
        import ctypes

        dll = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        self.OpenProcess, self.CloseHandle = dll.OpenProcess, dll.CloseHandle
        self.GetExitCodeProcess = dll.GetExitCodeProcess
        self.GetLastError = ctypes.get_last_error  # type: ignore[attr-defined]
