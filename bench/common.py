"""Timing, peak memory and the one-line report format every benchmark prints."""
from __future__ import annotations

import gc
import resource
import sys
import time
import tracemalloc
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Figure:
    name: str
    seconds: float
    floor_name: str = ""
    floor_seconds: float = 0.0
    peak_mb: float | None = None
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        return self.seconds / self.floor_seconds if self.floor_seconds else None

    def line(self) -> str:
        parts = [f"{self.name}: {self.seconds * 1000:.1f} ms"]
        if self.floor_seconds:
            parts.append(f"floor ({self.floor_name}) {self.floor_seconds * 1000:.1f} ms, ratio {self.ratio:.2f}x")
        if self.peak_mb is not None:
            parts.append(f"peak {self.peak_mb:.0f} MB")
        parts += [f"{k} {v}" for k, v in self.extra.items()]
        return " | ".join(parts)


@contextmanager
def timed():
    """Yields a dict that receives 'seconds' when the block ends."""
    out: dict = {}
    gc.collect()
    start = time.perf_counter()
    try:
        yield out
    finally:
        out["seconds"] = time.perf_counter() - start


@contextmanager
def traced_peak():
    """Peak Python heap (tracemalloc) during the block, in MB, into the yielded dict."""
    out: dict = {}
    tracemalloc.start()
    try:
        yield out
    finally:
        out["peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()


def max_rss_mb() -> float:
    """Peak resident set size of this process so far (MB).

    On Linux this reads VmHWM: `ru_maxrss` survives exec, so a child spawned by a big parent
    (subprocess uses vfork) reports at least the parent's peak, not its own."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 if sys.platform != "darwin" else rss / 1e6


def best_of(fn, repeat: int = 3) -> float:
    """Fastest of `repeat` runs, in seconds (the usual way to cut noise)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best
