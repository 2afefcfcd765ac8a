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
import logging
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

log = logging.getLogger("towndesk.sync")


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


def flush_data(folder: Path, files: list[Path], whole_fs: bool = True) -> str:
    """Durably store the contents of `files` (written under temporary names inside `folder`).

    `whole_fs=False`: fsync each file however many there are. A single import flushes while its decrypted
    temporary zip (as large as the package) is still open and unwritten on the same file system; syncfs
    would write that back too (500 projects, 200 MB of scans: 0.27 s slower, median of 8 interleaved)."""
    if not files:
        return "none"
    if whole_fs and len(files) > FEW and _sync_fs(folder):
        return "syncfs"
    for path in files:
        with open(path, "r+b") as f:  # Windows flushes only a handle opened for writing
            os.fsync(f.fileno())
    return "fsync"


def flush_names(folder: Path, files: list[Path], whole_fs: bool = True) -> str:
    """Durably store the names the files were renamed to (their folders' entries, and `folder`'s own entries
    of those folders, which the import may have just made). `whole_fs` as for flush_data."""
    if not files:
        return "none"
    if whole_fs and len(files) > FEW and _sync_fs(folder):
        return "syncfs"
    if not hasattr(os, "O_DIRECTORY"):  # Windows: no folder fsync; NTFS journals the rename
        return "none"
    for parent in sorted({Path(p).parent for p in files} | {Path(folder)}):
        fd = os.open(parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    return "fsync"


@functools.lru_cache(maxsize=1)
def _flusher() -> ThreadPoolExecutor:
    """One thread for every background flush of the process, started once (a thread per package cost more
    than a small package's flush)."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="towndesk-flush")


class Flushing:
    """Flushing files' contents on the flush thread while the import goes on (started when verify has
    written them; os.fsync and syncfs wait for the disk without holding the GIL).

    Why: the flush waited for the disk after the records were applied, though the copies were complete
    before the first record was read. A failed flush fails the import (`done()` raises its error): after
    an fsync error the kernel may have dropped the pages, so flushing again could report success for
    data that never reached the disk.
    """

    def __init__(self, folder: Path, files: list[Path]):
        self.files = list(files)
        self._future = _flusher().submit(flush_data, folder, self.files, False)  # the temp zip is still dirty: no syncfs

    def done(self) -> frozenset:
        """Wait for the flush; the files whose contents are on disk. Raises the flush's OSError."""
        self._future.result()
        return frozenset(self.files)

    def wait(self) -> None:
        """Wait for the flush, whatever its outcome (before the copies are removed)."""
        try:
            self._future.result()
        except OSError as e:
            log.info("flush of %d received files failed (%s); the import did not commit them", len(self.files), e)
