"""A memory limit for the current process on Windows: a Job Object with a process-memory cap.

Why: the template render child (desktop/templates/bounded.py) limits its address space with
`resource.setrlimit` on Linux/macOS; Windows has no such call. There a Job Object does it: the
child creates a job with JOB_OBJECT_LIMIT_PROCESS_MEMORY and puts itself in it before rendering, so an
allocation beyond the cap fails (MemoryError in Python) instead of exhausting the clerk's PC.
Nested jobs work since Windows 8, so this also works when the program itself runs inside a job.
`kernel32` is injectable so the calls can be tested on any platform.
"""
from __future__ import annotations

import ctypes
DWORD = ctypes.c_uint32  # wintypes.DWORD is c_ulong: 8 bytes on Linux, so the layout would differ from Windows

JOB_OBJECT_EXTENDED_LIMIT_INFORMATION_CLASS = 9
JOB_OBJECT_LIMIT_PROCESS_MEMORY = 0x00000100
JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION = 0x00000400


class IO_COUNTERS(ctypes.Structure):
    _fields_ = [(name, ctypes.c_ulonglong) for name in (
        "ReadOperationCount", "WriteOperationCount", "OtherOperationCount",
        "ReadTransferCount", "WriteTransferCount", "OtherTransferCount")]


class JOBOBJECT_BASIC_LIMIT_INFORMATION(ctypes.Structure):
    _fields_ = [("PerProcessUserTimeLimit", ctypes.c_longlong), ("PerJobUserTimeLimit", ctypes.c_longlong),
                ("LimitFlags", DWORD), ("MinimumWorkingSetSize", ctypes.c_size_t),
                ("MaximumWorkingSetSize", ctypes.c_size_t), ("ActiveProcessLimit", DWORD),
                ("Affinity", ctypes.c_size_t), ("PriorityClass", DWORD),
                ("SchedulingClass", DWORD)]


class JOBOBJECT_EXTENDED_LIMIT_INFORMATION(ctypes.Structure):
    _fields_ = [("BasicLimitInformation", JOBOBJECT_BASIC_LIMIT_INFORMATION), ("IoInfo", IO_COUNTERS),
                ("ProcessMemoryLimit", ctypes.c_size_t), ("JobMemoryLimit", ctypes.c_size_t),
                ("PeakProcessMemoryUsed", ctypes.c_size_t), ("PeakJobMemoryUsed", ctypes.c_size_t)]


def _last_error() -> int:
    return getattr(ctypes, "get_last_error", lambda: 0)()  # only Windows' ctypes keeps one


def _kernel32():
    return ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]


def limit_own_memory(limit_bytes: int, kernel32=None):
    """Put this process in a new job whose processes may commit at most `limit_bytes`.

    Returns the job handle (keep it: closing it does not lift the limit, but the handle is the proof),
    or raises OSError with the Windows error code when a call fails.
    """
    k = kernel32 or _kernel32()
    job = k.CreateJobObjectW(None, None)
    if not job:
        raise OSError(_last_error(), "CreateJobObjectW failed")
    info = JOBOBJECT_EXTENDED_LIMIT_INFORMATION()
    info.BasicLimitInformation.LimitFlags = (JOB_OBJECT_LIMIT_PROCESS_MEMORY
                                             | JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION)
    info.ProcessMemoryLimit = limit_bytes
    if not k.SetInformationJobObject(job, JOB_OBJECT_EXTENDED_LIMIT_INFORMATION_CLASS, ctypes.byref(info),
                                     ctypes.sizeof(info)):
        err = _last_error()
        k.CloseHandle(job)
        raise OSError(err, "SetInformationJobObject failed")
    if not k.AssignProcessToJobObject(job, k.GetCurrentProcess()):
        err = _last_error()
        k.CloseHandle(job)
        raise OSError(err, "AssignProcessToJobObject failed")
    return job
