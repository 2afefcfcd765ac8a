"""How much the randomised and exhaustive tests try, at three levels.

- quick: the README's `bash scripts/test.sh` (must finish in minutes on a 2-core machine);
- thorough: TOWNDESK_TEST_THOROUGH=1, what .ci/run uses — the sizes the default run had before round 4
  of issue 18 (hypothesis examples, kill -9 trials, failing-disk steps …), so CI tests no less than before;
- runslow: `--runslow` (the exhaustive variants, and the tests marked slow).

tests/conftest.py sets the level in pytest_configure (in every xdist worker, before test modules are
imported, so `@settings(max_examples=size(…))` sees it). Every quick size is listed beside its thorough
one in docs/DEVELOPING.md (section Tests).
"""
from __future__ import annotations

import os

_level = "quick"


def set_level(runslow: bool) -> None:
    """Called once per process from pytest_configure."""
    global _level
    _level = "runslow" if runslow else "thorough" if os.environ.get("TOWNDESK_TEST_THOROUGH") == "1" else "quick"


def level() -> str:
    """'quick', 'thorough' or 'runslow'."""
    return _level


def exhaustive() -> bool:
    """True with --runslow: try every case (every write step, retry after every kill …)."""
    return _level == "runslow"


def size(quick: int, thorough: int, runslow: int | None = None) -> int:
    """The figure for this run's level (runslow defaults to the thorough figure)."""
    if _level == "quick":
        return quick
    if _level == "thorough" or runslow is None:
        return thorough
    return runslow
