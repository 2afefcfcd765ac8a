"""Atomic file writes: write to a temporary name in the same folder, fsync, then rename.

A target that Excel/WPS holds open on Windows is a FileInUse message naming it (desktop.platform.files);
the temporary file is removed, so nothing half-written is left either way.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from desktop.platform.files import replace_file


@contextmanager
def atomic_write(path: Path, mode: str = "wb") -> Iterator[IO]:
    """Yield a file; on success it replaces `path` in one rename, on failure it vanishes."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    f = open(tmp, mode) if "b" in mode else open(tmp, mode, encoding="utf-8", newline="")
    try:
        with f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        replace_file(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, data: bytes) -> None:
    with atomic_write(path) as f:
        f.write(data)


@contextmanager
def atomic_target(path: Path) -> Iterator[Path]:
    """For libraries that write to a path themselves: give them a temp path, rename after."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.part{path.suffix}")
    try:
        yield tmp
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        replace_file(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
