"""Making the attachment files an import wrote durable with one call, before the import commits.

Why: an fsync per received scan made a county's import of 20 packages wait on the disk hundreds
of times. The files only have to be on disk before the transaction that refers to them commits,
so they are written under temporary names without fsync and flushed together (more than a few
files: on Linux one `syncfs` of the attachment folder's file system; otherwise each file is fsynced
after all are written), then renamed to their final names, and the names flushed once more. A file is never
under its final name before its content is on disk: a later import trusts a name it finds.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import sys
from pathlib import Path


@functools.lru_cache(maxsize=1)
def _syncfs():
    if not sys.platform.startswith("linux"):
        return None
    try:  # the program's own symbols include libc's: no `ldconfig` child process (find_library) at first import
        fn = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        try:
            fn = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).syncfs
        except (OSError, AttributeError):
            return None
    fn.argtypes, fn.restype = [ctypes.c_int], ctypes.c_int
    return fn


def _sync_fs(folder: Path) -> bool:
    fn = _syncfs()
    if fn is None:
        return False
    fd = os.open(folder, os.O_RDONLY)
    try:
        return fn(fd) == 0
    finally:
        os.close(fd)


FEW = 8  # up to this many files, fsync each: syncfs also waits for every other program's dirty data


def flush_data(folder: Path, files: list[Path]) -> str:
    """Durably store the contents of `files` (written under temporary names inside `folder`)."""
    if not files:
        return "none"
    if len(files) > FEW and _sync_fs(folder):
        return "syncfs"
    for path in files:
        with open(path, "r+b") as f:  # Windows flushes only a handle opened for writing
            os.fsync(f.fileno())
    return "fsync"


def flush_names(folder: Path, files: list[Path]) -> str:
    """Durably store the names the files were renamed to (their folders' entries)."""
    if not files:
        return "none"
    if len(files) > FEW and _sync_fs(folder):
        return "syncfs"
    if not hasattr(os, "O_DIRECTORY"):  # Windows: no folder fsync; NTFS journals the rename
        return "none"
    for parent in sorted({Path(p).parent for p in files}):
        fd = os.open(parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    return "fsync"
