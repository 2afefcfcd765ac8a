"""Pausing Python's cyclic garbage collector around one bounded bulk build or write.

Why: a table of 10,000 projects makes about a million container objects (rows, dicts, lists) that all stay
alive until the table is written. Every automatic collection traverses the young ones and every full one
all of them, so the collector's share grew with the table: a third of the 倒排工期表's build at 10,000
projects, and the build grew 14–16× for ten times the projects (docs/performance.md, round 7). What these
blocks build is freed by reference counting; any cycle is collected as soon as the block ends.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused() -> Iterator[None]:
    """No automatic collection inside the block (unless the caller had already turned it off)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
