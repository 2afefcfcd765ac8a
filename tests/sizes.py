"""How much the randomised and exhaustive tests try: quick in the README run, thorough in CI.

Why: the README's `bash scripts/test.sh` must finish in minutes on a 2-core machine, yet the long
searches (hypothesis examples, kill -9 trials, failing-disk steps) must still run in full somewhere.
Thorough is on with `--runslow` (tests/conftest.py switches it in pytest_configure, in every xdist
worker) or with TOWNDESK_TEST_THOROUGH=1 (the PostgreSQL run of .ci/run, which skips the slow tests).
Each quick size is listed with its thorough size in docs/DEVELOPING.md (section Tests).
"""
from __future__ import annotations

import os

_thorough = os.environ.get("TOWNDESK_TEST_THOROUGH") == "1"


def set_thorough(on: bool) -> None:
    """Called once per process from pytest_configure, before any test module is imported."""
    global _thorough
    _thorough = bool(on) or os.environ.get("TOWNDESK_TEST_THOROUGH") == "1"


def thorough() -> bool:
    """True in the thorough run (CI), False in the quick README run."""
    return _thorough


def size(thorough_n: int, quick_n: int) -> int:
    """The thorough figure in CI, the quick one in the README run (e.g. hypothesis max_examples, trials)."""
    return thorough_n if _thorough else quick_n
