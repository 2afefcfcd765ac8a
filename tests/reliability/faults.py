"""Injected disk faults: every Python-level write step (file write, fsync, rename, copy) is counted,
and the k-th one raises OSError(ENOSPC or EIO), like a full disk or a pulled USB stick.

SQLite's own writes happen in C and are failed separately with PRAGMA max_page_count, which makes
SQLite report "database or disk is full" exactly as on a full disk.
"""
from __future__ import annotations

import builtins
import errno
import io
import os
import shutil
from contextlib import contextmanager

WRITE_MODES = set("wax+")


class _File:
    """A file object whose writes count as steps (everything else is passed through)."""

    def __init__(self, f, fault, name):
        self._f, self._fault, self._name = f, fault, name

    def write(self, data):
        self._fault.step(f"write {self._name}")
        return self._f.write(data)

    def writelines(self, lines):
        self._fault.step(f"write {self._name}")
        return self._f.writelines(lines)

    def flush(self):
        self._fault.step(f"flush {self._name}")
        return self._f.flush()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._f.close()
        return False

    def __iter__(self):
        return iter(self._f)

    def __getattr__(self, name):
        return getattr(self._f, name)


class DiskFault:
    def __init__(self, fail_at: int | None = None, err: int = errno.ENOSPC):
        self.fail_at, self.err, self.count, self.steps = fail_at, err, 0, []

    def step(self, what: str) -> None:
        self.count += 1
        self.steps.append(what)
        if self.fail_at is not None and self.count == self.fail_at:
            target = what.split(" ", 1)[-1]
            if target.isdigit() or not target:  # a file descriptor: real errors carry no file name then
                raise OSError(self.err, os.strerror(self.err))
            raise OSError(self.err, os.strerror(self.err), target)


@contextmanager
def injected(fault: DiskFault):
    """Patch open/io.open/os.replace/os.rename/os.fsync/os.write/shutil.copyfile for the block."""
    real_open, real_io_open = builtins.open, io.open
    real = {n: getattr(os, n) for n in ("replace", "rename", "fsync", "write")}
    real_copy = shutil.copyfile

    def opener(file, mode="r", *args, **kwargs):
        f = real_io_open(file, mode, *args, **kwargs)
        if isinstance(file, int) or not (WRITE_MODES & set(mode)):
            return f
        return _File(f, fault, os.path.basename(str(file)))

    def wrap(name):
        def fn(*args, **kwargs):
            fault.step(f"{name} {os.path.basename(str(args[0])) if args else ''}")
            return real[name](*args, **kwargs)
        return fn

    def copyfile(src, dst, *args, **kwargs):
        fault.step(f"copy {os.path.basename(str(dst))}")
        return real_copy(src, dst, *args, **kwargs)

    builtins.open = io.open = opener
    for n in real:
        setattr(os, n, wrap(n))
    shutil.copyfile = copyfile
    try:
        yield fault
    finally:
        builtins.open, io.open = real_open, real_io_open
        for n, f in real.items():
            setattr(os, n, f)
        shutil.copyfile = real_copy


def limit_database_growth(app, extra_pages: int = 0) -> None:
    """From now on, the database cannot grow: SQLite answers 'database or disk is full'."""
    from sqlalchemy import event

    app.engine.dispose()
    raw = app.engine.raw_connection()
    try:
        pages = raw.driver_connection.execute("PRAGMA page_count").fetchone()[0]
    finally:
        raw.close()
    app.engine.dispose()

    def cap(dbapi_conn, _record):
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + extra_pages}")
    event.listen(app.engine, "connect", cap)
