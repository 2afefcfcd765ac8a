"""Process liveness without os.kill(pid, 0), and one window per data folder by a lock file."""
from __future__ import annotations

import ctypes
import os
import subprocess
import sys

import pytest

from desktop.platform import folder_lock, process
from desktop.platform.folder_lock import DataFolderLock, FolderInUse
from tests.conftest import REPO


class FakeKernel32:
    """kernel32 as Windows answers for a given set of processes {pid: exit code}."""

    def __init__(self, processes: dict[int, int], denied: set[int] = frozenset()):
        self.processes, self.denied, self.last_error, self.closed = processes, denied, 0, 0

    def OpenProcess(self, access, inherit, pid):
        if pid in self.denied:
            self.last_error = 5
            return 0
        if pid not in self.processes:
            self.last_error = 87  # ERROR_INVALID_PARAMETER: no such process
            return 0
        return 1000 + pid

    def GetExitCodeProcess(self, handle, ref):
        ctypes.cast(ref, ctypes.POINTER(ctypes.c_ulong)).contents.value = self.processes[handle - 1000]
        return 1

    def CloseHandle(self, handle):
        self.closed += 1

    def GetLastError(self):
        return self.last_error


def test_windows_liveness_asks_the_kernel(monkeypatch):
    """On Windows a running process is alive, an exited or unknown one is not, and os.kill is never used."""
    monkeypatch.setattr(os, "kill", lambda *a: pytest.fail("os.kill sends CTRL_C_EVENT on Windows"))
    k = FakeKernel32({10: process.STILL_ACTIVE, 11: 0}, denied={12})
    assert process.pid_alive(10, platform="win32", kernel32=k)
    assert not process.pid_alive(11, platform="win32", kernel32=k)
    assert not process.pid_alive(13, platform="win32", kernel32=k)
    assert process.pid_alive(12, platform="win32", kernel32=k)  # another user's process: exists
    assert k.closed == 2


def test_posix_liveness_of_real_processes():
    """This process is alive; a child that has exited and been reaped is not."""
    assert process.pid_alive(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert not process.pid_alive(child.pid)
    assert not process.pid_alive(0)


def test_stale_sync_temp_of_a_dead_process_is_removed(township_app, monkeypatch):
    """A killed export's temp file is cleaned; one of a live process stays (no os.kill involved on Windows)."""
    from desktop.sync import verify

    tmp = township_app.layout.tmp
    dead, live = tmp / "sync-999001-aa.out", tmp / "sync-999002-bb.out"
    dead.write_bytes(b"x")
    live.write_bytes(b"y")
    monkeypatch.setattr(process, "pid_alive", lambda pid, **kw: pid == 999002)
    verify.clean_stale_temps(township_app)
    assert not dead.exists() and live.exists()


def test_a_held_folder_is_refused_plainly(tmp_path):
    """A second lock on a held data folder is refused in Chinese, naming the folder; free again after release."""
    first = DataFolderLock(tmp_path).acquire()
    with pytest.raises(FolderInUse) as e:
        DataFolderLock(tmp_path).acquire()
    assert str(tmp_path) in e.value.message and "另一个 TownDesk 窗口" in e.value.message
    assert "本机" in e.value.message
    first.release()
    with DataFolderLock(tmp_path) as again:
        assert again.held
    assert not (tmp_path / folder_lock.INFO_NAME).exists()


def test_a_lock_held_by_another_process_is_seen_and_dies_with_it(tmp_path):
    """A lock held by another process refuses us; when that process is killed the lock is free at once."""
    code = ("import sys, time; from desktop.platform.folder_lock import DataFolderLock; "
            f"held = DataFolderLock(r'{tmp_path}').acquire(); print('held', flush=True); time.sleep(60)")
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        assert child.stdout.readline().strip() == "held"
        with pytest.raises(FolderInUse):
            DataFolderLock(tmp_path).acquire()
    finally:
        child.kill()
        child.wait()
    DataFolderLock(tmp_path).acquire().release()  # a killed holder leaves no stale lock


def test_stale_restore_stage_of_a_dead_process_is_removed(tmp_path, monkeypatch):
    """A killed restore's staging folder goes; a running one's stays; neither check uses os.kill."""
    from desktop.backup import restore
    from desktop.core.paths import DataLayout

    layout = DataLayout(tmp_path)
    layout.make_dirs()
    dead, live = layout.tmp / "restore-999001-x", layout.tmp / "restore-999002-y"
    dead.mkdir()
    live.mkdir()
    monkeypatch.setattr(restore, "pid_alive", lambda pid, **kw: pid == 999002)
    monkeypatch.setattr(os, "kill", lambda *a: pytest.fail("os.kill sends CTRL_C_EVENT on Windows"))
    restore._clean_stale_stages(layout)
    assert not dead.exists() and live.exists()
